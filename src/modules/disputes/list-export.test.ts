import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../../test/helpers/harness.js';
import { column, notes, readWorkbook } from '../../../test/helpers/xlsx.js';
import { TEST_COUNTY } from '../../../test/helpers/template.js';
import { seedDemoDisputes } from './demo.js';
import { LEVEL_NAMES } from './levels.js';
import { RISK_LABELS, SOURCE_LABELS } from './list-export.js';
import { STATUS_NAMES } from './schema.js';

// The case board as .xlsx: the cases the board lists for the same filters, in its words, within
// the same scope, with the filters and the query on 说明; audited.

const ZHONGCHAO = '522631102000';
let h: Harness;
const cookies: Record<string, string> = {};

beforeAll(async () => {
  h = await createHarness({ loginRateLimitPerMinute: 1000 });
  await seedDemoDisputes(h.deps, TEST_COUNTY, { seed: 7, count: 30, days: 60 });
  for (const u of ['county', 'township']) cookies[u] = await h.login(u);
}, 240_000);
afterAll(() => h?.close());

const get = (url: string, who: string) => h.app.inject({ method: 'GET', url, headers: { cookie: cookies[who]! } });

const workbook = async (url: string, who: string) => readWorkbook(await get(url, who));

type Case = { number: string; status: keyof typeof STATUS_NAMES; riskLevel: keyof typeof RISK_LABELS; townshipName: string | null; partyNames: string[] };

/** Every case the board lists for a query, page by page. */
async function listAll(query: string, who: string): Promise<Case[]> {
  const out: Case[] = [];
  for (let page = 1; ; page++) {
    const res = await get(`/api/v1/disputes/cases?${query}&page=${page}&pageSize=100`, who);
    expect(res.statusCode, res.body).toBe(200);
    const got = res.json() as { items: Case[]; total: number };
    out.push(...got.items);
    if (out.length >= got.total || !got.items.length) return out;
  }
}

describe('dispute case list as .xlsx', () => {
  it('holds the cases the board lists for the same filters, in order, labelled as the board labels them', async () => {
    for (const query of ['status=active', 'level=village&status=closed', '']) {
      const listed = await listAll(query, 'county');
      const wb = await workbook(`/api/v1/disputes/cases.xlsx?${query}`, 'county');
      const [rows, about] = wb.worksheets;
      expect(rows!.name).toBe('调解案件');
      expect(column(rows!, '案件编号'), query).toEqual(listed.map((c) => c.number));
      expect(column(rows!, '状态')).toEqual(listed.map((c) => STATUS_NAMES[c.status]));
      expect(column(rows!, '风险')).toEqual(listed.map((c) => RISK_LABELS[c.riskLevel]));
      expect(column(rows!, '当事人')).toEqual(listed.map((c) => c.partyNames.join('、')));
      expect(about!.name).toBe('说明');
      const n = notes(about!);
      expect(n['行数']).toBe(String(listed.length));
      expect(n['查询']).toBe(`GET /api/v1/disputes/cases?${query}`);
      expect(n['查询口径']).toContain('按登记时间从新到旧');
    }
    const n = notes((await workbook('/api/v1/disputes/cases.xlsx?status=closed&level=village', 'county')).worksheets[1]!);
    expect(n['筛选条件']).toBe('层级：村（社区）\n状态：已结案');
    expect(n['个人信息']).toContain('不导出身份证号、电话');
  });

  it('gives a township only its township’s cases, as its board does', async () => {
    const county = await listAll('', 'county');
    const listed = await listAll('', 'township');
    expect(listed.length).toBeGreaterThan(0);
    expect(listed.length).toBeLessThan(county.length);
    const wb = await workbook('/api/v1/disputes/cases.xlsx', 'township');
    expect(column(wb.worksheets[0]!, '案件编号')).toEqual(listed.map((c) => c.number));
    expect(new Set(column(wb.worksheets[0]!, '乡镇（街道）'))).toEqual(new Set(['中潮镇']));
    expect(notes(wb.worksheets[1]!)['范围']).toBe(`中潮镇（${ZHONGCHAO}）及下辖`);
    const other = await get('/api/v1/disputes/cases.xlsx?regionCode=522631101000', 'township');
    expect(other.statusCode).toBe(400);
    expect(other.json().error.message).toContain('regionCode');
  });

  it('refuses a bad filter with a 400 naming the field, and is audited', async () => {
    for (const [query, field] of [
      ['status=bogus', 'status'],
      ['risk=extreme', 'risk'],
      ['from=yesterday', 'from'],
      ['level=province', 'level'],
    ]) {
      const res = await get(`/api/v1/disputes/cases.xlsx?${query}`, 'county');
      expect(res.statusCode, query).toBe(400);
      expect(res.json().error.message, query).toContain(field);
    }
    await workbook('/api/v1/disputes/cases.xlsx?risk=high', 'township');
    const { rows } = (await h.database.admin.query(
      `SELECT target_id, details FROM audit_log WHERE action = 'dispute_case.export' ORDER BY seq DESC LIMIT 1`,
    )) as { rows: { target_id: string; details: { risk: string; rows: number } }[] };
    expect(rows[0]).toMatchObject({ target_id: ZHONGCHAO, details: { risk: 'high' } });
  });

  it('labels levels, risks, statuses and sources as the board does', async () => {
    const { default: zh } = (await import(/* @vite-ignore */ `${'../../../web/src/locales/'}zh-CN.ts`)) as {
      default: { disputes: { level: object; risk: object; status: Record<string, string>; source: object } };
    };
    expect(LEVEL_NAMES).toEqual(zh.disputes.level);
    expect(RISK_LABELS).toEqual(zh.disputes.risk);
    expect(SOURCE_LABELS).toEqual(zh.disputes.source);
    expect(STATUS_NAMES).toEqual(Object.fromEntries(Object.entries(zh.disputes.status).filter(([k]) => k !== 'active')));
  });
});
