import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../../test/helpers/harness.js';
import { cells, readWorkbook } from '../../../test/helpers/xlsx.js';
import { TEST_COUNTY } from '../../../test/helpers/template.js';
import { chinaDate } from '../../platform/time.js';
import { seedDemoRequests } from '../requests/demo.js';
import { intakeFixture } from '../requests/test-fixtures.js';

// Statistics as .xlsx: the workbook a leader downloads holds the same figures as the page (the
// JSON endpoint), every row, and the formulas and the query behind them on sheets of their own.

let h: Harness;
const cookies: Record<string, string> = {};
let from: string;
let to: string;

beforeAll(async () => {
  h = await createHarness({ loginRateLimitPerMinute: 1000 });
  await intakeFixture(h, []);
  await seedDemoRequests(h.deps, TEST_COUNTY, { seed: 5, count: 40, days: 30 });
  for (const u of ['county', 'township', 'village']) cookies[u] = await h.login(u);
  const today = chinaDate(h.clock.now());
  from = `${today.slice(0, 4)}-01-01`;
  to = chinaDate(new Date(h.clock.now().getTime() + 86_400_000));
});
afterAll(() => h?.close());

const get = (url: string, who: string) => h.app.inject({ method: 'GET', url, headers: { cookie: cookies[who]! } });

const workbook = async (url: string, who: string) => readWorkbook(await get(url, who));

describe('statistics as .xlsx', () => {
  it('the measures by township: one row per area, the same values as the page, formulas and query beside', async () => {
    const ids = 'requests.received,requests.satisfaction_rate,requests.open';
    const query = `ids=${ids}&from=${from}&to=${to}&breakdown=children`;
    const json = (await get(`/api/v1/measures/values?${query}`, 'county')).json() as {
      areas: { code: string; name: string }[];
      measures: {
        id: string;
        unit: string;
        formula: string;
        figures: Record<string, { value: number | null; numerator: number; denominator: number | null }>;
      }[];
    };
    expect(json.areas.length).toBeGreaterThan(10);
    expect(json.measures[0]!.figures[json.areas[0]!.code]!.value).toBeGreaterThan(0);
    const wb = await workbook(`/api/v1/measures/values.xlsx?${query}`, 'county');
    const [values, parts, formulas] = wb.worksheets;
    expect(values!.rowCount).toBe(json.areas.length + 1);
    expect(cells(values!, 1).slice(3)).toEqual(['受理工单数', '满意率（%）', '在办工单数']);
    for (const [i, area] of json.areas.entries()) {
      const row = cells(values!, i + 2);
      expect(row.slice(0, 2)).toEqual([area.code, area.name]);
      json.measures.forEach((m, j) => {
        const v = m.figures[area.code]!.value;
        const expected = v === null ? undefined : m.unit === 'ratio' ? Math.round(v * 1000) / 10 : v;
        expect(row[3 + j], `${area.name} ${m.id}`).toEqual(expected);
      });
    }
    // Numerators and denominators: one row per measure and area.
    expect(parts!.rowCount).toBe(json.areas.length * json.measures.length + 1);
    const satisfaction = json.measures[1]!;
    const partRow = cells(parts!, json.areas.length + 2);
    expect(partRow).toEqual([
      json.areas[0]!.code,
      json.areas[0]!.name,
      '满意率',
      satisfaction.figures[json.areas[0]!.code]!.numerator,
      satisfaction.figures[json.areas[0]!.code]!.denominator ?? undefined,
    ]);
    const text = formulas!.getSheetValues().flat().map(String).join('\n');
    for (const m of json.measures) expect(text).toContain(m.formula);
    expect(text).toContain(`GET /api/v1/measures/values?ids=${encodeURIComponent(ids)}`);
  });

  it('the rates by township: the same rows and total as the page, with the formulas', async () => {
    const query = `from=${from}&to=${to}&groupBy=township`;
    const json = (await get(`/api/v1/requests/rates?${query}`, 'county')).json() as {
      total: { name: string; orders: number; satisfactionRate: number | null };
      rows: { name: string; orders: number; followedUp: number; satisfactionRate: number | null }[];
      formulas: Record<string, string>;
    };
    expect(json.total.orders).toBeGreaterThan(0);
    const wb = await workbook(`/api/v1/requests/rates.xlsx?${query}`, 'county');
    const [table, formulas] = wb.worksheets;
    expect(table!.rowCount).toBe(json.rows.length + 2);
    for (const [i, r] of json.rows.entries()) {
      const row = cells(table!, i + 2);
      expect(row.slice(0, 3)).toEqual([r.name, r.orders, r.followedUp]);
      expect(row[5]).toEqual(r.satisfactionRate === null ? undefined : Math.round(r.satisfactionRate * 1000) / 10);
    }
    expect(cells(table!, json.rows.length + 2).slice(0, 2)).toEqual(['合计', json.total.orders]);
    const text = formulas!.getSheetValues().flat().map(String).join('\n');
    expect(text).toContain(json.formulas.satisfactionRate);
  });

  it('keeps to the viewer’s scope: a township cannot export the county', async () => {
    const county = TEST_COUNTY.padEnd(12, '0');
    const outside = await get(`/api/v1/measures/values.xlsx?regionCode=${county}&from=${from}&to=${to}`, 'township');
    expect(outside.statusCode).toBe(400);
    expect(outside.json().error.details.field).toBe('regionCode');
    const bad = await get(`/api/v1/requests/rates.xlsx?from=${from}&to=nope`, 'county');
    expect(bad.statusCode).toBe(400);
    // The township's own export holds its villages only.
    const wb = await workbook(`/api/v1/measures/values.xlsx?ids=requests.received&from=${from}&to=${to}&breakdown=children`, 'township');
    const codes = (wb.worksheets[0]!.getColumn(1).values as unknown[]).slice(2).map(String);
    const own = (await get('/api/v1/auth/me', 'township')).json().user.regionCode as string;
    expect(codes.length).toBeGreaterThan(3);
    for (const c of codes) expect(c.startsWith(own.slice(0, 9))).toBe(true);
  });
});
