import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../../test/helpers/harness.js';
import { cells, column, notes, readWorkbook } from '../../../test/helpers/xlsx.js';
import { TEST_COUNTY } from '../../../test/helpers/template.js';
import { buildListWorkbook, collectPages, EXPORT_ROW_CAP } from '../../platform/list-export.js';
import { SYSTEM_ACTOR } from '../../platform/actor.js';
import { generateCountyGrids, readDivisionCounty, saveGrids } from '../regions/index.js';
import { seedDemoRequests } from './demo.js';
import { CHANNEL_LABELS, LEVEL_LABELS, ORDER_STATUS_LABELS, REQUEST_TYPE_LABELS } from './list-export.js';
import { CHANGCHUN, SHANGHUANG, ZHONGCHAO } from './test-fixtures.js';

// The work-order list and the whistle board as .xlsx: the rows the page lists for the same
// filters, in the page's words, within the same scope, with the filters and the query on 说明.

let h: Harness;
const cookies: Record<string, string> = {};

beforeAll(async () => {
  h = await createHarness({ loginRateLimitPerMinute: 1000 });
  // Grids in the accounts' two villages of 中潮镇 and in two villages of another township, so the
  // county's rows are not all 中潮镇's.
  const all = readDivisionCounty(TEST_COUNTY).villages;
  const villages = [...all.filter((v) => v.code === SHANGHUANG || v.code === CHANGCHUN), ...all.filter((v) => v.townshipCode !== ZHONGCHAO).slice(0, 2)];
  await saveGrids(h.deps, SYSTEM_ACTOR, generateCountyGrids(villages, { seed: 2026 }));
  await seedDemoRequests(h.deps, TEST_COUNTY, { seed: 5, count: 40, days: 30 });
  for (const u of ['county', 'township', 'dept']) cookies[u] = await h.login(u);
}, 240_000);
afterAll(() => h?.close());

const get = (url: string, who: string) => h.app.inject({ method: 'GET', url, headers: { cookie: cookies[who]! } });

const workbook = async (url: string, who: string) => readWorkbook(await get(url, who));

type Order = { id: string; number: string; status: string; townshipName: string | null; title: string };

/** Every order the list shows for a query, page by page (the `next` keyset, as the page does past 1,000). */
async function listAll(query: string, who: string): Promise<Order[]> {
  const out: Order[] = [];
  let after = '';
  for (;;) {
    const res = await get(`/api/v1/work-orders?${query}&pageSize=100${after ? `&after=${after}` : ''}`, who);
    expect(res.statusCode, res.body).toBe(200);
    const page = res.json() as { items: Order[]; next: string | null };
    out.push(...page.items);
    if (!page.next) return out;
    after = page.next;
  }
}

describe('work-order list as .xlsx', () => {
  it('holds the rows the list shows for the same filters, in order, labelled as the page labels them', async () => {
    const query = 'status=open';
    const listed = await listAll(query, 'county');
    expect(listed.length).toBeGreaterThan(5);
    const wb = await workbook(`/api/v1/work-orders.xlsx?${query}`, 'county');
    const [rows, about] = wb.worksheets;
    expect(rows!.name).toBe('工单列表');
    expect(column(rows!, '工单号')).toEqual(listed.map((o) => o.number));
    expect(column(rows!, '状态')).toEqual(listed.map((o) => ORDER_STATUS_LABELS[o.status as keyof typeof ORDER_STATUS_LABELS]));
    expect(column(rows!, '标题')).toEqual(listed.map((o) => o.title));
    expect(about!.name).toBe('说明');
    const n = notes(about!);
    expect(n['筛选条件']).toBe('状态：未结案');
    expect(n['范围']).toMatch(/（522631000000）及下辖/);
    expect(n['行数']).toBe(String(listed.length));
    expect(n['导出时间']).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}（北京时间）$/);
    expect(n['查询']).toBe(`GET /api/v1/work-orders?${query}`);
    expect(n['查询口径']).toContain('按受理时间从新到旧');
    expect(n['个人信息']).toContain('不导出诉求人姓名和电话');
    // No requester column leaves in the file.
    expect(cells(rows!, 1).some((c) => /诉求人|电话/.test(String(c)))).toBe(false);
  });

  it('applies each filter as the list does: channel, category, dates and flags', async () => {
    const query = 'status=closed&channel=hotline&supervised=false';
    const listed = await listAll(query, 'county');
    const wb = await workbook(`/api/v1/work-orders.xlsx?${query}`, 'county');
    expect(column(wb.worksheets[0]!, '工单号')).toEqual(listed.map((o) => o.number));
    expect(new Set(column(wb.worksheets[0]!, '渠道'))).toEqual(new Set(listed.length ? ['12345热线'] : []));
    expect(notes(wb.worksheets[1]!)['筛选条件']).toBe('状态：已结案\n渠道：12345热线\n督办件：否');
    // A parameter the list does not know reaches neither 说明 nor the audit record.
    const stray = await workbook('/api/v1/work-orders.xlsx?status=open&foo=bar', 'county');
    expect(notes(stray.worksheets[1]!)['查询']).toBe('GET /api/v1/work-orders?status=open');
  });

  it('gives a township only its township’s orders, as its list does', async () => {
    const county = await listAll('', 'county');
    const listed = await listAll('', 'township');
    expect(listed.length).toBeGreaterThan(0);
    expect(listed.length).toBeLessThan(county.length);
    const wb = await workbook('/api/v1/work-orders.xlsx', 'township');
    expect(column(wb.worksheets[0]!, '工单号')).toEqual(listed.map((o) => o.number));
    expect(new Set(column(wb.worksheets[0]!, '乡镇（街道）'))).toEqual(new Set(['中潮镇']));
    expect(notes(wb.worksheets[1]!)['范围']).toBe(`中潮镇（${ZHONGCHAO}）及下辖`);
    // Another township's region is refused, naming the field, as the list refuses it.
    const other = await get('/api/v1/work-orders.xlsx?regionCode=522631101000', 'township');
    expect(other.statusCode).toBe(400);
    expect(other.json().error.message).toContain('regionCode');
  });

  it('refuses a bad filter with a 400 naming the field', async () => {
    for (const [query, field] of [
      ['status=bogus', 'status'],
      ['from=2026-13-45', 'from'],
      ['channel=fax', 'channel'],
      ['overdue=maybe', 'overdue'],
    ]) {
      const res = await get(`/api/v1/work-orders.xlsx?${query}`, 'county');
      expect(res.statusCode, query).toBe(400);
      expect(res.json().error.message, query).toContain(field);
    }
    expect((await h.app.inject({ method: 'GET', url: '/api/v1/work-orders.xlsx' })).statusCode).toBe(401);
  });

  it('is audited: who exported, which filters, how many rows', async () => {
    await workbook('/api/v1/work-orders.xlsx?status=open&overdue=true', 'township');
    const { rows } = (await h.database.admin.query(
      `SELECT actor_name, target_id, details FROM audit_log WHERE action = 'work_order.export' ORDER BY seq DESC LIMIT 1`,
    )) as { rows: { target_id: string; details: { rows: number } }[] };
    expect(rows[0]).toMatchObject({ target_id: ZHONGCHAO, details: { status: 'open', overdue: true } });
    expect(typeof rows[0]!.details.rows).toBe('number');
  });
});

describe('whistle board as .xlsx', () => {
  type Call = { orderNumber: string; unitName: string; reportedAt: string | null; partDoneAt: string | null };
  const board = async (query: string, who: string) => (await get(`/api/v1/whistles${query}`, who)).json() as { items: Call[]; total: number };

  it('holds the calls the board shows, with their state in words; open=true keeps the unfinished ones', async () => {
    for (const query of ['', '?open=true']) {
      const shown = await board(query, 'county');
      expect(shown.items.length).toBeGreaterThan(0);
      expect(shown.items.length).toBe(shown.total);
      const wb = await workbook(`/api/v1/whistles.xlsx${query}`, 'county');
      const [rows, about] = wb.worksheets;
      expect(rows!.name).toBe('吹哨报到');
      expect(column(rows!, '工单号')).toEqual(shown.items.map((c) => c.orderNumber));
      expect(column(rows!, '被召部门')).toEqual(shown.items.map((c) => c.unitName));
      expect(column(rows!, '状态')).toEqual(shown.items.map((c) => (c.partDoneAt ? '已完成' : c.reportedAt ? '已报到' : '未报到')));
      expect(notes(about!)['筛选条件']).toBe(query ? '显示：未完成' : '显示：全部');
      expect(notes(about!)['行数']).toBe(String(shown.total));
    }
  });

  it('keeps a township to its own whistles and a department to the calls it received', async () => {
    for (const who of ['township', 'dept']) {
      const shown = await board('', who);
      const wb = await workbook('/api/v1/whistles.xlsx', who);
      expect(column(wb.worksheets[0]!, '工单号'), who).toEqual(shown.items.map((c) => c.orderNumber));
    }
    const county = await board('', 'county');
    expect((await board('', 'township')).total).toBeLessThan(county.total);
    const dept = await workbook('/api/v1/whistles.xlsx', 'dept');
    expect(notes(dept.worksheets[1]!)['范围']).toMatch(/^本部门（.+）被召集的吹哨$/);
  });

  it('refuses a bad filter with a 400 naming the field, and is audited', async () => {
    const res = await get('/api/v1/whistles.xlsx?open=maybe', 'county');
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toContain('open');
    const { rows } = await h.database.admin.query(`SELECT 1 FROM audit_log WHERE action = 'whistle.export'`);
    expect(rows.length).toBeGreaterThan(0);
  });
});

describe('list exports in general', () => {
  it('read by keyset up to the cap, and say on 说明 when the cap cut the list', async () => {
    const all = Array.from({ length: 2500 }, (_, i) => i);
    const pages: number[] = [];
    const page = async (after: number | null, limit: number) => {
      pages.push(limit);
      const start = after === null ? 0 : after + 1;
      const rows = all.slice(start, start + limit);
      return { rows, next: rows.length === limit ? rows.at(-1)! : null };
    };
    expect(await collectPages(page, 3000)).toMatchObject({ capped: false });
    expect((await collectPages(page, 3000)).rows).toHaveLength(2500);
    pages.length = 0;
    const cut = await collectPages(page, 1200);
    expect(cut.capped).toBe(true);
    expect(cut.rows).toEqual(all.slice(0, 1200));
    expect(Math.max(...pages)).toBeLessThanOrEqual(1000);
    expect(EXPORT_ROW_CAP).toBe(50_000);

    const file = await buildListWorkbook({
      title: '测试',
      columns: ['值'],
      rows: cut.rows.map((n) => [n]),
      capped: true,
      filters: [],
      scope: '全县',
      selects: '测试',
      query: 'GET /x',
      now: new Date('2026-01-02T03:04:05Z'),
    });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file as unknown as ArrayBuffer);
    const n = notes(wb.worksheets[1]!);
    expect(n['行数']).toContain(`已达导出上限 ${EXPORT_ROW_CAP} 行`);
    expect(n['筛选条件']).toBe('无（全部）');
    expect(n['导出时间']).toBe('2026-01-02 11:04:05（北京时间）');
  });

  it('labels statuses, channels, types and levels as the page does', async () => {
    const { default: zh } = (await import(/* @vite-ignore */ `${'../../../web/src/locales/'}zh-CN.ts`)) as {
      default: { requests: { status: object; channel: object; requestType: object; level: object } };
    };
    expect(ORDER_STATUS_LABELS).toEqual(zh.requests.status);
    expect(CHANNEL_LABELS).toEqual(zh.requests.channel);
    expect(REQUEST_TYPE_LABELS).toEqual(zh.requests.requestType);
    expect(LEVEL_LABELS).toEqual(zh.requests.level);
  });
});
