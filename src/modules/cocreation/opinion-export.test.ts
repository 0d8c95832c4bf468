import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../../test/helpers/harness.js';
import { column, notes, readWorkbook } from '../../../test/helpers/xlsx.js';
import { TEST_COUNTY } from '../../../test/helpers/template.js';
import { readDivisionCounty } from '../regions/index.js';
import { OPINION_SOURCE_LABELS, OPINION_STATUS_LABELS } from './opinion-export.js';
import type { Opinion } from './opinion-schema.js';
import { CHANGCHUN, SHANGHUANG, ZHONGCHAO } from './test-fixtures.js';

// The opinions list as .xlsx: the opinions the page lists for the same filters, in its words,
// within the same scope, numbers in the text masked, the filters and the query on 说明; audited.

let h: Harness;
const cookies: Record<string, string> = {};
const ELSEWHERE = readDivisionCounty(TEST_COUNTY).villages.find((v) => v.townshipCode !== ZHONGCHAO)!.code;

const get = (url: string, who: string) => h.app.inject({ method: 'GET', url, headers: { cookie: cookies[who]! } });
const post = (url: string, who: string, payload: object) => h.app.inject({ method: 'POST', url, headers: { cookie: cookies[who]! }, payload });

beforeAll(async () => {
  h = await createHarness({ loginRateLimitPerMinute: 1000 });
  for (const u of ['county', 'township']) cookies[u] = await h.login(u);
  const said: [string, string, string][] = [
    [SHANGHUANG, '张三', '村口路灯不够亮，晚上看不清'],
    [SHANGHUANG, '李四', '建议在活动室加装空调，电话 13800001111'],
    [CHANGCHUN, '王五', '垃圾清运希望改为每天一次'],
    [ELSEWHERE, '赵六', '河边护栏松动，孩子放学经过有危险'],
    [ELSEWHERE, '钱七', '希望增设一个快递代收点'],
  ];
  for (const [regionCode, authorName, content] of said) {
    const res = await post('/api/v1/cocreation/opinions', 'county', { source: 'cadre', regionCode, authorName, content });
    expect(res.statusCode, res.body).toBe(201);
  }
}, 120_000);
afterAll(() => h?.close());

const workbook = async (url: string, who: string) => readWorkbook(await get(url, who));

/** Every opinion the page lists for a query, following `next`. */
async function listAll(query: string, who: string): Promise<Opinion[]> {
  const out: Opinion[] = [];
  let after = '';
  for (;;) {
    const res = await get(`/api/v1/cocreation/opinions?${query}&pageSize=2${after ? `&after=${encodeURIComponent(after)}` : ''}`, who);
    expect(res.statusCode, res.body).toBe(200);
    const page = res.json() as { items: Opinion[]; next: string | null };
    out.push(...page.items);
    if (!page.next) return out;
    after = page.next;
  }
}

describe('opinions list as .xlsx', () => {
  it('holds the opinions the page lists for the same filters, in order, labelled as the page labels them', async () => {
    for (const query of ['', 'status=open&source=cadre', `regionCode=${SHANGHUANG}`]) {
      const listed = await listAll(query, 'county');
      expect(listed.length, query).toBeGreaterThan(0);
      const wb = await workbook(`/api/v1/cocreation/opinions.xlsx?${query}`, 'county');
      const [rows, about] = wb.worksheets;
      expect(rows!.name).toBe('意见建议');
      expect(column(rows!, '提出人'), query).toEqual(listed.map((o) => o.authorName));
      expect(column(rows!, '村（社区）')).toEqual(listed.map((o) => o.regionName));
      expect(column(rows!, '状态')).toEqual(listed.map((o) => OPINION_STATUS_LABELS[o.status]));
      expect(column(rows!, '来源')).toEqual(listed.map(() => '干部收到'));
      const n = notes(about!);
      expect(about!.name).toBe('说明');
      expect(n['行数']).toBe(String(listed.length));
      expect(n['查询']).toBe(`GET /api/v1/cocreation/opinions?${query}`);
    }
    const wb = await workbook('/api/v1/cocreation/opinions.xlsx?status=open&source=cadre', 'county');
    expect(notes(wb.worksheets[1]!)['筛选条件']).toBe('状态：待答复\n来源：干部收到');
    // A phone number written into an opinion is masked in the file.
    const contents = column(wb.worksheets[0]!, '内容').join('\n');
    expect(contents).toContain('空调');
    expect(contents).not.toContain('13800001111');
  });

  it('gives a township only its villages’ opinions, as its page does', async () => {
    const county = await listAll('', 'county');
    const listed = await listAll('', 'township');
    expect(listed.length).toBe(3);
    expect(county.length).toBe(5);
    const wb = await workbook('/api/v1/cocreation/opinions.xlsx', 'township');
    expect(column(wb.worksheets[0]!, '提出人')).toEqual(listed.map((o) => o.authorName));
    expect(notes(wb.worksheets[1]!)['范围']).toBe(`中潮镇（${ZHONGCHAO}）及下辖`);
    const other = await get(`/api/v1/cocreation/opinions.xlsx?regionCode=${ELSEWHERE}`, 'township');
    expect(other.statusCode).toBe(400);
    expect(other.json().error.message).toContain('regionCode');
  });

  it('refuses a bad filter with a 400 naming the field, and is audited', async () => {
    for (const [query, field] of [
      ['status=bogus', 'status'],
      ['source=fax', 'source'],
      ['regionCode=12', 'regionCode'],
      ['overdue=maybe', 'overdue'],
    ]) {
      const res = await get(`/api/v1/cocreation/opinions.xlsx?${query}`, 'county');
      expect(res.statusCode, query).toBe(400);
      expect(res.json().error.message, query).toContain(field);
    }
    await workbook('/api/v1/cocreation/opinions.xlsx?status=open', 'township');
    const { rows } = (await h.database.admin.query(
      `SELECT target_id, details FROM audit_log WHERE action = 'cocreation.opinion.export' ORDER BY seq DESC LIMIT 1`,
    )) as { rows: { target_id: string; details: { status: string; rows: number } }[] };
    expect(rows[0]).toMatchObject({ target_id: ZHONGCHAO, details: { status: 'open', rows: 3 } });
  });

  it('labels statuses and sources as the page does', async () => {
    const { default: zh } = (await import(/* @vite-ignore */ `${'../../../web/src/locales/'}zh-CN.ts`)) as {
      default: { cocreationOpinions: { status: object; source: object } };
    };
    expect(OPINION_STATUS_LABELS).toEqual(zh.cocreationOpinions.status);
    expect(OPINION_SOURCE_LABELS).toEqual(zh.cocreationOpinions.source);
  });
});
