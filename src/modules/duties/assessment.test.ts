import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../../test/helpers/harness.js';
import { chinaDate } from '../../platform/time.js';
import { client, intakeFixture, pointIn, SHANGHUANG, CHANGCHUN, type Intake } from '../requests/test-fixtures.js';
import type { AssessmentRound } from './assessment-schema.js';

// Assessment from the system: scores recomputed here from the raw rows, by the formula in
// docs/DUTIES.md, equal the round's; a township sees only its villages' lines; the cap on
// indicators and an indicator without a measure are refused on their field.

let h: Harness;
let f: Intake;
let api: ReturnType<typeof client>;
let today: string;

const INDICATORS = [
  { key: 'satisfaction', name: '群众满意率', measureId: 'requests.satisfaction_rate', weight: 60, direction: 'higher', target: 0.9 },
  { key: 'received', name: '受理诉求', measureId: 'requests.received', weight: 20, direction: 'higher', target: 5 },
  { key: 'overdue', name: '超期工单', measureId: 'requests.overdue', weight: 20, direction: 'lower', target: 1 },
];

beforeAll(async () => {
  h = await createHarness({ loginRateLimitPerMinute: 1000 });
  f = await intakeFixture(h, ['county', 'township', 'village', 'village2', 'grid']);
  api = client(h, f.cookies);
  const grid = f.grids.find((g) => g.villageCode === SHANGHUANG)!;
  const ids: string[] = [];
  for (let i = 0; i < 8; i++) {
    const where = i % 4 === 0 ? { address: '长春村' } : pointIn(grid);
    const res = await api.post('/api/v1/public/requests', undefined, {
      description: `垃圾桶满了没人收，第${i}次`,
      ...where,
      categoryCode: '0109',
      privacyAcknowledged: true,
    });
    expect(res.statusCode, res.body).toBe(201);
    ids.push(res.json().id);
  }
  const who = (i: number) => (i % 4 === 0 ? 'village2' : 'grid');
  for (const [i, id] of ids.entries())
    if (i < 5) expect((await api.post(`/api/v1/work-orders/${id}/resolve`, who(i), { resolution: '已清运' })).statusCode).toBe(200);
  const answers = ['satisfied', 'unsatisfied', 'basically', 'satisfied', 'satisfied'];
  for (const [i, s] of answers.entries()) {
    expect(
      (await api.post(`/api/v1/work-orders/${ids[i]}/follow-up`, 'county', { contacted: true, resolved: s !== 'unsatisfied', satisfaction: s })).statusCode,
    ).toBe(200);
  }
  // Time passes: the three orders left open go past their limit.
  h.clock.advanceMinutes(60 * 24 * 20);
  for (const u of Object.keys(f.cookies)) f.cookies[u] = await h.login(u);
  today = chinaDate(h.clock.now());
});
afterAll(() => h?.close());

const raw = async (text: string, params: unknown[]) => ((await h.database.admin.query(text, params)).rows[0] as { n: number }).n;

describe('assessment (分类+专项考核)', () => {
  let round: AssessmentRound;

  it('scores every rural village from the system, and the scores equal a recomputation from raw rows', async () => {
    const set = await api.post('/api/v1/assessment/sets', 'county', {
      name: '农村考核（测试）',
      unitLevel: 'village',
      unitKind: 'rural',
      indicators: INDICATORS,
    });
    expect(set.statusCode, set.body).toBe(201);
    const from = `${today.slice(0, 4)}-01-01`;
    const res = await api.post('/api/v1/assessment/rounds', 'county', { setId: set.json().id, from, to: today });
    expect(res.statusCode, res.body).toBe(201);
    round = res.json();
    const rural = (await h.database.admin.query("SELECT count(*)::int AS n FROM regions WHERE level = 'village' AND kind = 'rural'")).rows[0] as { n: number };
    expect(round.scores.length).toBe(rural.n);

    for (const code of [SHANGHUANG, CHANGCHUN]) {
      const line = round.scores.find((s) => s.unitCode === code)!;
      const path = ((await h.database.admin.query('SELECT path::text AS path FROM regions WHERE code = $1', [code])).rows[0] as { path: string }).path;
      const received = await raw(`SELECT count(*)::int AS n FROM work_orders WHERE path <@ $1::ltree AND status <> 'merged'`, [path]);
      const followed = await raw(
        `SELECT count(DISTINCT f.order_id)::int AS n FROM follow_ups f JOIN work_orders o ON o.id = f.order_id WHERE o.path <@ $1::ltree`,
        [path],
      );
      const satisfied = await raw(
        `SELECT count(*)::int AS n FROM (SELECT DISTINCT ON (f.order_id) f.satisfaction FROM follow_ups f JOIN work_orders o ON o.id = f.order_id
          WHERE o.path <@ $1::ltree ORDER BY f.order_id, f.created_at DESC, f.id DESC) x WHERE satisfaction IN ('satisfied','basically')`,
        [path],
      );
      const overdue = await raw(
        `SELECT count(*)::int AS n FROM work_orders WHERE path <@ $1::ltree AND status IN ('triage','accepted','dispatched','signed','in_progress') AND resolve_due < $2`,
        [path, h.clock.now()],
      );
      // The documented formula, computed independently.
      const parts: [number, number | null][] = [
        [60, followed ? Math.min(1, satisfied / followed / 0.9) : null],
        [20, Math.min(1, received / 5)],
        [20, overdue <= 1 ? 1 : 1 / overdue],
      ];
      const counted = parts.filter(([, s]) => s !== null) as [number, number][];
      const expected = counted.reduce((t, [w, s]) => t + w * s, 0) / counted.reduce((t, [w]) => t + w, 0);
      expect(line.total, code).toBeCloseTo(expected * 100, 1);
      expect(line.items.find((i) => i.key === 'received')!.numerator).toBe(received);
      expect(line.items.find((i) => i.key === 'overdue')!.value).toBe(overdue);
    }
    const shanghuang = round.scores.find((s) => s.unitCode === SHANGHUANG)!;
    // 上黄村 got orders 1–3 followed up: unsatisfied, basically, satisfied.
    expect(shanghuang.items.find((i) => i.key === 'satisfaction')).toMatchObject({ numerator: 2, denominator: 3 });
    // A village with no follow-ups is not marked down on satisfaction: the indicator is left out
    // and the others are rescaled (received 0 of 20, overdue 20 of 20 → 50).
    const quiet = round.scores.find((s) => s.unitCode !== SHANGHUANG && s.unitCode !== CHANGCHUN)!;
    expect(quiet.items.find((i) => i.key === 'satisfaction')!.score).toBeNull();
    expect(quiet.total).toBe(50);
  });

  it('shows a township its own villages’ lines only, and a village its own', async () => {
    const town = (await api.get(`/api/v1/assessment/rounds/${round.id}`, 'township')).json() as AssessmentRound;
    expect(town.scores.length).toBeGreaterThan(0);
    expect(town.scores.every((s) => s.unitCode.startsWith(SHANGHUANG.slice(0, 9)))).toBe(true);
    const village = (await api.get(`/api/v1/assessment/rounds/${round.id}`, 'village')).json() as AssessmentRound;
    expect(village.scores.map((s) => s.unitCode)).toEqual([SHANGHUANG]);
    expect((await api.post('/api/v1/assessment/rounds', 'township', { setId: round.setId, from: today, to: today })).statusCode).toBe(403);
  });

  it('refuses too many indicators and an indicator that reads no measure, naming the field', async () => {
    const many = Array.from({ length: 11 }, (_, i) => ({ ...INDICATORS[0], key: `k${i}` }));
    const cap = await api.post('/api/v1/assessment/sets', 'county', { name: '太多', unitLevel: 'village', indicators: many });
    expect(cap.json().error.details.field).toBe('indicators');
    const ledger = await api.post('/api/v1/assessment/sets', 'county', {
      name: '台账',
      unitLevel: 'village',
      indicators: [{ key: 'photos', name: '上传工作照片', measureId: 'uploads.photos', weight: 10, direction: 'higher', target: 1 }],
    });
    expect(ledger.json().error.details.field).toBe('indicators.0.measureId');
  });
});
