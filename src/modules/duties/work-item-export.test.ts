import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../../test/helpers/harness.js';
import { column, notes, readWorkbook } from '../../../test/helpers/xlsx.js';
import { TEST_COUNTY } from '../../../test/helpers/template.js';
import { readDivisionCounty } from '../regions/index.js';
import { seedDemoDuties } from './demo.js';
import type { SendResult, WorkItem } from './schema.js';
import { WORK_ITEM_BOX_LABELS, WORK_ITEM_KIND_LABELS, WORK_ITEM_STATUS_LABELS } from './work-item-export.js';

// 事项准入 as .xlsx: a box of work items as the page lists it, in its words, within the same
// scope and the same checks of who may open the box; the box and the query on 说明; audited.

const ZHONGCHAO = '522631102000';
const SHANGHUANG = '522631102200';
const CHANGCHUN = '522631102201';
const ELSEWHERE = readDivisionCounty(TEST_COUNTY).villages.find((v) => v.townshipCode !== ZHONGCHAO)!.code;
let h: Harness;
const cookies: Record<string, string> = {};

const get = (url: string, who: string) => h.app.inject({ method: 'GET', url, headers: { cookie: cookies[who]! } });
const post = (url: string, who: string, payload: object) => h.app.inject({ method: 'POST', url, headers: { cookie: cookies[who]! }, payload });

beforeAll(async () => {
  h = await createHarness({ loginRateLimitPerMinute: 1000 });
  await seedDemoDuties(h.deps, TEST_COUNTY, { seed: 7 });
  for (const u of ['county', 'township', 'dept']) cookies[u] = await h.login(u);
  // On no list: held for the county, one row per village, in two townships.
  for (const title of ['人居环境专项台账', '秸秆禁烧巡查表']) {
    const res = await post('/api/v1/work-items', 'dept', {
      kind: 'form',
      title,
      content: '请各村按月填报',
      exceptionReason: '县委专项部署，清单尚未列入',
      targetRegionCodes: [SHANGHUANG, CHANGCHUN, ELSEWHERE],
    });
    expect(res.statusCode, res.body).toBe(201);
    expect((res.json() as SendResult).held).toBe(3);
  }
}, 240_000);
afterAll(() => h?.close());

const workbook = async (url: string, who: string) => readWorkbook(await get(url, who));

/** Every item of a box as the page lists it, following `next`. */
async function listAll(box: string, who: string): Promise<WorkItem[]> {
  const out: WorkItem[] = [];
  let after = '';
  for (;;) {
    const res = await get(`/api/v1/work-items?box=${box}&pageSize=2${after ? `&after=${encodeURIComponent(after)}` : ''}`, who);
    expect(res.statusCode, res.body).toBe(200);
    const page = res.json() as { items: WorkItem[]; next: string | null };
    out.push(...page.items);
    if (!page.next) return out;
    after = page.next;
  }
}

describe('work items as .xlsx', () => {
  it('holds the items of the box the page lists, in order, labelled as the page labels them', async () => {
    for (const [box, who] of [
      ['held', 'county'],
      ['sent', 'dept'],
    ]) {
      const listed = await listAll(box!, who!);
      expect(listed.length, box).toBeGreaterThanOrEqual(6);
      const wb = await workbook(`/api/v1/work-items.xlsx?box=${box}`, who!);
      const [rows, about] = wb.worksheets;
      expect(rows!.name).toBe('事项准入');
      expect(column(rows!, '事项')).toEqual(listed.map((w) => w.title));
      expect(column(rows!, '村（社区）')).toEqual(listed.map((w) => w.targetRegionName));
      expect(column(rows!, '状态')).toEqual(listed.map((w) => WORK_ITEM_STATUS_LABELS[w.status]));
      expect(column(rows!, '类别')).toEqual(listed.map((w) => WORK_ITEM_KIND_LABELS[w.kind]));
      const n = notes(about!);
      expect(n['筛选条件']).toBe(`分类：${WORK_ITEM_BOX_LABELS[box as 'held']}`);
      expect(n['行数']).toBe(String(listed.length));
      expect(n['查询']).toBe(`GET /api/v1/work-items?box=${box}`);
    }
  });

  it('gives a township only the items sent to its villages, as its page does', async () => {
    const county = await listAll('held', 'county');
    const listed = await listAll('held', 'township');
    expect(listed.length).toBe(4);
    expect(listed.length).toBeLessThan(county.length);
    const wb = await workbook('/api/v1/work-items.xlsx?box=held', 'township');
    expect(column(wb.worksheets[0]!, '事项')).toEqual(listed.map((w) => w.title));
    expect(new Set(column(wb.worksheets[0]!, '村（社区）'))).toEqual(new Set(listed.map((w) => w.targetRegionName)));
    expect(notes(wb.worksheets[1]!)['范围']).toBe(`中潮镇（${ZHONGCHAO}）及下辖村（社区）`);
  });

  it('refuses a bad or missing box with a 400 naming the field, as the list does, and is audited', async () => {
    for (const [query, who] of [
      ['box=bogus', 'county'],
      ['', 'county'],
      ['box=incoming', 'dept'],
    ]) {
      const res = await get(`/api/v1/work-items.xlsx?${query}`, who!);
      expect(res.statusCode, query).toBe(400);
      expect(res.json().error.message, query).toContain('box');
    }
    await workbook('/api/v1/work-items.xlsx?box=held', 'township');
    const { rows } = (await h.database.admin.query(
      `SELECT target_id, details FROM audit_log WHERE action = 'duties.work_item.export' ORDER BY seq DESC LIMIT 1`,
    )) as { rows: { target_id: string; details: { box: string; rows: number } }[] };
    expect(rows[0]).toMatchObject({ target_id: ZHONGCHAO, details: { box: 'held', rows: 4 } });
  });

  it('labels kinds, statuses and boxes as the page does', async () => {
    const { default: zh } = (await import(/* @vite-ignore */ `${'../../../web/src/locales/'}zh-CN.ts`)) as {
      default: { duties: { kind: object; workStatus: object; work: { box: object } } };
    };
    expect(WORK_ITEM_KIND_LABELS).toEqual(zh.duties.kind);
    expect(WORK_ITEM_STATUS_LABELS).toEqual(zh.duties.workStatus);
    expect(WORK_ITEM_BOX_LABELS).toEqual(zh.duties.work.box);
  });
});
