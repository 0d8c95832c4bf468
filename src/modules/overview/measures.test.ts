import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../../test/helpers/harness.js';
import { chinaDate } from '../../platform/time.js';
import { composeIdNumber } from '../people/id-number.js';
import { client, intakeFixture, pointIn, SHANGHUANG, CHANGCHUN, ZHONGCHAO, type Intake } from '../requests/test-fixtures.js';

// The measures interface: every figure the overview serves equals a second, independent count
// over the raw rows (run as the table owner, no row-level security), for the county, for each
// township and for a village; scope and bad input are refused on their field.

let h: Harness;
let f: Intake;
let api: ReturnType<typeof client>;
let from: string;
let to: string;

interface Values {
  areas: { code: string; name: string; level: string }[];
  measures: { id: string; unit: string; figures: Record<string, { value: number | null; numerator: number; denominator: number | null }> }[];
}

beforeAll(async () => {
  h = await createHarness({ loginRateLimitPerMinute: 1000 });
  f = await intakeFixture(h, ['county', 'township', 'village', 'village2', 'grid']);
  api = client(h, f.cookies);
  const grid = f.grids.find((g) => g.villageCode === SHANGHUANG)!;
  const ids: string[] = [];
  for (let i = 0; i < 9; i++) {
    const where = i % 3 === 0 ? { address: '长春村' } : pointIn(grid);
    const res = await api.post('/api/v1/public/requests', undefined, {
      description: `路灯不亮好几天了，第${i}次反映`,
      ...where,
      categoryCode: '0109',
      privacyAcknowledged: true,
    });
    expect(res.statusCode, res.body).toBe(201);
    ids.push(res.json().id);
  }
  const who = (i: number) => (i % 3 === 0 ? 'village2' : 'grid');
  for (const [i, id] of ids.entries()) {
    if (i < 6) expect((await api.post(`/api/v1/work-orders/${id}/resolve`, who(i), { resolution: '已修好' })).statusCode).toBe(200);
  }
  const answers = [
    { contacted: true, resolved: true, satisfaction: 'satisfied' },
    { contacted: false, resolved: true, satisfaction: 'basically' },
    { contacted: true, resolved: false, satisfaction: 'unsatisfied' },
    { contacted: true, resolved: true, satisfaction: 'satisfied' },
  ];
  for (const [i, a] of answers.entries()) expect((await api.post(`/api/v1/work-orders/${ids[i]}/follow-up`, 'county', a)).statusCode).toBe(200);
  // A household in 上黄村, so the registry's figures count something.
  const res = await api.post('/api/v1/households', 'village', {
    villageCode: SHANGHUANG,
    address: '上黄村一组 3 号',
    members: [
      { name: '石光明', relation: 'head', idNumber: composeIdNumber('522631', '19480312', 11), tags: ['elderly_alone'] },
      { name: '石小花', relation: 'grandchild', idNumber: composeIdNumber('522631', '20150101', 12), tags: ['left_behind_child'] },
    ],
  });
  expect(res.statusCode, res.body).toBe(201);
  const today = chinaDate(h.clock.now());
  from = `${today.slice(0, 7)}-01`;
  to = today;
});
afterAll(() => h?.close());

async function values(who: string, query: string): Promise<Values> {
  const res = await api.get(`/api/v1/measures/values?from=${from}&to=${to}&${query}`, who);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as Values;
}

const figure = (v: Values, id: string, code: string) => v.measures.find((m) => m.id === id)!.figures[code]!;
const raw = async (text: string, params: unknown[]) => ((await h.database.admin.query(text, params)).rows[0] as { n: number }).n;
const pathOf = async (code: string) =>
  ((await h.database.admin.query('SELECT path::text FROM regions WHERE code = $1', [code])).rows[0] as { path: string }).path;

describe('measures', () => {
  it('lists every measure with its formula, each id once', async () => {
    const res = await api.get('/api/v1/measures', 'county');
    expect(res.statusCode).toBe(200);
    const list = res.json() as { id: string; formula: string; unit: string }[];
    expect(new Set(list.map((m) => m.id)).size).toBe(list.length);
    expect(list.map((m) => m.id)).toEqual(
      expect.arrayContaining([
        'requests.received',
        'requests.satisfaction_rate',
        'disputes.closed_in_village_share',
        'people.households',
        'party.visit_coverage',
      ]),
    );
    for (const m of list) expect(m.formula.length).toBeGreaterThan(4);
  });

  it('gives the county and each township the counts the raw rows give', async () => {
    const v = await values('county', 'breakdown=children');
    expect(v.areas[0]!.level).toBe('county');
    expect(v.areas.slice(1).every((a) => a.level === 'township')).toBe(true);
    const start = new Date(`${from}T00:00:00+08:00`);
    for (const area of v.areas) {
      const path = await pathOf(area.code);
      const received = await raw(`SELECT count(*)::int AS n FROM work_orders WHERE path <@ $1::ltree AND status <> 'merged' AND created_at >= $2`, [
        path,
        start,
      ]);
      expect(figure(v, 'requests.received', area.code).value, area.name).toBe(received);
      const households = await raw(`SELECT count(*)::int AS n FROM households WHERE path <@ $1::ltree AND status = 'active'`, [path]);
      expect(figure(v, 'people.households', area.code).value, area.name).toBe(households);
    }
    expect(figure(v, 'requests.received', v.areas[0]!.code).value).toBe(9);
  });

  it('computes the three rates from each order’s latest follow-up', async () => {
    const v = await values('township', `regionCode=${ZHONGCHAO}&breakdown=children`);
    const satisfaction = figure(v, 'requests.satisfaction_rate', ZHONGCHAO);
    expect(satisfaction).toEqual({ value: 0.75, numerator: 3, denominator: 4 });
    expect(figure(v, 'requests.response_rate', ZHONGCHAO)).toEqual({ value: 0.75, numerator: 3, denominator: 4 });
    expect(figure(v, 'requests.resolution_rate', ZHONGCHAO)).toEqual({ value: 0.75, numerator: 3, denominator: 4 });
    // Villages of the township: 长春村 got every third order, 上黄村 the rest.
    expect(figure(v, 'requests.received', CHANGCHUN).value).toBe(3);
    expect(figure(v, 'requests.received', SHANGHUANG).value).toBe(6);
    // The rates report, a separate implementation of the same formulas, agrees.
    const rates = (await api.get(`/api/v1/requests/rates?from=${from}&to=${to}&groupBy=township`, 'township')).json();
    expect(rates.total.satisfactionRate).toBe(satisfaction.value);
    expect(rates.total.orders).toBe(figure(v, 'requests.received', ZHONGCHAO).value);
  });

  it('counts tagged residents and the village’s households for the village cadre', async () => {
    const v = await values('village', 'ids=people.households,people.residents,people.tagged.elderly_alone,people.tagged.left_behind_child');
    expect(v.areas.map((a) => a.code)).toEqual([SHANGHUANG]);
    const path = await pathOf(SHANGHUANG);
    const residents = await raw(`SELECT count(*)::int AS n FROM residents WHERE path <@ $1::ltree AND status = 'active'`, [path]);
    expect(figure(v, 'people.residents', SHANGHUANG).value).toBe(residents);
    expect(residents).toBeGreaterThanOrEqual(2);
    expect(figure(v, 'people.tagged.elderly_alone', SHANGHUANG).value).toBeGreaterThanOrEqual(1);
    expect(figure(v, 'people.tagged.elderly_alone', SHANGHUANG).value).toBe(
      await raw(`SELECT count(*)::int AS n FROM residents WHERE path <@ $1::ltree AND status = 'active' AND 'elderly_alone' = ANY(tags)`, [path]),
    );
  });

  it('refuses a region outside scope, an unknown measure and a reversed period, each on its field', async () => {
    const out = await api.get(`/api/v1/measures/values?from=${from}&to=${to}&regionCode=${ZHONGCHAO}`, 'village');
    expect(out.statusCode).toBe(400);
    expect(out.json().error.details.field).toBe('regionCode');
    const unknown = await api.get(`/api/v1/measures/values?from=${from}&to=${to}&ids=requests.nothing`, 'county');
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error).toMatchObject({ code: 'VALIDATION_FAILED', details: { field: 'ids' } });
    const reversed = await api.get(`/api/v1/measures/values?from=${to}&to=2020-01-01`, 'county');
    expect(reversed.statusCode).toBe(400);
    expect(reversed.json().error.details.field).toBe('to');
    expect((await api.get('/api/v1/measures', undefined)).statusCode).toBe(401);
  });
});
