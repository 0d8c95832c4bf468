import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../../test/helpers/harness.js';
import { SYSTEM_CONTEXT, withContext } from '../../platform/db/context.js';
import { chinaDate } from '../../platform/time.js';
import type { StatsRow } from './schema.js';
import {
  caseAction,
  CHANGCHUN,
  client,
  intakeFixture,
  openCase,
  outsider,
  particularsOf,
  relogin,
  SHANGHUANG,
  ZHONGCHAO,
  type Api,
  type Intake,
} from './test-fixtures.js';

// The statistics recomputed from the raw case rows by a second, independent reading of the
// formulas in STATS_FORMULAS (SQL aggregates instead of the service's loop), for every grouping
// and for a village's, the township's and the county's view.

let h: Harness;
let f: Intake;
let api: Api;

beforeAll(async () => {
  h = await createHarness({ loginRateLimitPerMinute: 1000 });
  f = await intakeFixture(h, ['county', 'township', 'village', 'village2', 'grid']);
  api = client(h, f.cookies);
  await scenario();
});
afterAll(() => h?.close());

const session = (methods: string[]) => ({ heldAt: h.clock.now().toISOString(), place: '综治中心', attendees: ['双方当事人'], record: '调解记录', methods });
const written = {
  kind: 'written',
  facts: '事实',
  matters: '争议事项',
  responsibilities: '责任',
  terms: '协议内容',
  performanceMethod: '当面履行',
  performanceDeadline: '2026-12-31',
  committeeName: '人民调解委员会',
};

async function closeWritten(id: string, who: string): Promise<void> {
  const c = (await api.get(`/api/v1/disputes/cases/${id}`, who)).json();
  expect((await caseAction(api, id, 'agree', who, { ...written, parties: particularsOf(c) })).statusCode).toBe(200);
  await caseAction(api, id, 'sign', who);
  await caseAction(api, id, 'stamp', who);
  expect((await caseAction(api, id, 'close', who)).statusCode).toBe(200);
}

async function closeOral(id: string, who: string): Promise<void> {
  expect((await caseAction(api, id, 'agree', who, { kind: 'oral', terms: '口头协议' })).statusCode).toBe(200);
  expect((await caseAction(api, id, 'close', who)).statusCode).toBe(200);
}

async function scenario(): Promise<void> {
  const pair = (a: string, b: string) => [outsider(a, 'applicant'), outsider(b)];
  const a = await openCase(api, 'village', { parties: pair('甲一', '乙一'), methods: ['family'] });
  const b = await openCase(api, 'village2', { disputeType: '1202', parties: pair('甲二', '乙二') });
  const c = await openCase(api, 'grid', { parties: pair('甲三', '乙三') });
  const d = await openCase(api, 'village', { disputeType: '1204', parties: pair('甲四', '乙四') });
  const e = await openCase(api, 'village2', { parties: pair('甲五', '乙五') });
  await openCase(api, 'village', { narrative: '对方说要拿刀砍人，还要放火', parties: pair('甲六', '乙六') });
  const g = await openCase(api, 'village2', { parties: pair('甲七', '乙七') });
  await openCase(api, 'village2', { parties: pair('甲七', '乙七'), amount: 300_000 });
  await openCase(api, 'county', {
    disputeType: '1203',
    regionCode: ZHONGCHAO,
    parties: [...pair('甲八', '乙八'), outsider('丙八'), outsider('丁八'), outsider('戊八')],
  });

  await caseAction(api, a.id, 'session', 'village', session(['family', 'branch']));
  await caseAction(api, b.id, 'session', 'village2', session(['compact']));
  await caseAction(api, d.id, 'escalate', 'village', { reason: '物业公司在镇里注册，村里协调不动' });
  h.clock.advanceMinutes(2 * 24 * 60 + 90);
  await relogin(f);
  await closeWritten(a.id, 'village');
  // The parties of a's agreement apply for 司法确认 and the court confirms it.
  const today = chinaDate(h.clock.now());
  const parties = (await api.get(`/api/v1/disputes/cases/${a.id}`, 'village')).json().parties.map((p: { id: string }) => p.id);
  expect((await caseAction(api, a.id, 'judicial-apply', 'village', { appliedOn: today, court: '黎平县人民法院', applicants: parties })).statusCode).toBe(200);
  expect(
    (await caseAction(api, a.id, 'judicial-outcome', 'village', { outcome: 'confirmed', ruledOn: today, document: '（2026）黔2631民特3号' })).statusCode,
  ).toBe(200);
  await closeOral(c.id, 'grid');
  h.clock.advanceMinutes(3 * 24 * 60 + 30);
  await relogin(f);
  await closeOral(b.id, 'village2');
  await caseAction(api, d.id, 'session', 'township', session(['joint_justice', 'judicial']));
  await closeWritten(d.id, 'township');
  await caseAction(api, e.id, 'fail', 'village2', { reason: '双方分歧很大' });
  await caseAction(api, e.id, 'refer', 'village2', { to: 'arbitration', reason: '涉及合同，建议仲裁' });
  await closeOral(g.id, 'village2');
}

type Raw = {
  key: string;
  cases: number;
  open: number;
  closed: number;
  written: number;
  oral: number;
  referred: number;
  low: number;
  township: number;
  county: number;
  escalated: number;
  high: number;
  applied: number;
  confirmed: number;
  days: number | null;
};

/** The same figures straight from the rows, in SQL. */
async function recompute(groupBy: string | null, pathCode: string | null): Promise<Map<string, Raw>> {
  const key =
    groupBy === null
      ? sql`'total'`
      : groupBy === 'type'
        ? sql`c.dispute_type`
        : groupBy === 'level'
          ? sql`c.level`
          : groupBy === 'method'
            ? sql`coalesce(m.method, 'none')`
            : groupBy === 'outcome'
              ? sql`CASE WHEN c.status = 'closed' THEN c.outcome ELSE 'unclosed' END`
              : groupBy === 'township'
                ? sql`coalesce(c.township_code, 'none')`
                : sql`to_char(c.created_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM')`;
  const join =
    groupBy === 'method' ? sql`LEFT JOIN LATERAL unnest(CASE WHEN cardinality(c.methods) = 0 THEN NULL ELSE c.methods END) AS m(method) ON true` : sql``;
  const where = pathCode ? sql`WHERE c.path <@ (SELECT path FROM regions WHERE code = ${pathCode})` : sql``;
  const rows = await withContext(h.deps.db, SYSTEM_CONTEXT, (tx) =>
    sql<Raw>`SELECT ${key} AS key, count(*)::int AS cases,
        count(*) FILTER (WHERE c.status <> 'closed')::int AS open,
        count(*) FILTER (WHERE c.status = 'closed')::int AS closed,
        count(*) FILTER (WHERE c.status = 'closed' AND c.outcome = 'written')::int AS written,
        count(*) FILTER (WHERE c.status = 'closed' AND c.outcome = 'oral')::int AS oral,
        count(*) FILTER (WHERE c.status = 'closed' AND c.outcome = 'referred')::int AS referred,
        count(*) FILTER (WHERE c.closed_level IN ('grid','village'))::int AS low,
        count(*) FILTER (WHERE c.closed_level = 'township')::int AS township,
        count(*) FILTER (WHERE c.closed_level = 'county')::int AS county,
        count(*) FILTER (WHERE c.escalations > 0)::int AS escalated,
        count(*) FILTER (WHERE c.risk_level = 'high')::int AS high,
        count(*) FILTER (WHERE a.judicial_applied_on IS NOT NULL)::int AS applied,
        count(*) FILTER (WHERE a.judicial_outcome = 'confirmed')::int AS confirmed,
        (sum(extract(epoch FROM c.closed_at - c.created_at)) / 86400)::float8 AS days
      FROM dispute_cases c LEFT JOIN dispute_agreements a ON a.case_id = c.id ${join} ${where} GROUP BY 1`.execute(tx),
  );
  return new Map(rows.rows.map((r) => [r.key, r]));
}

function check(row: StatsRow, raw: Raw | undefined): void {
  expect(raw, row.key).toBeDefined();
  const r = raw!;
  expect({ cases: row.cases, open: row.open, closed: row.closed, written: row.written, oral: row.oral, referred: row.referred }, row.key).toEqual({
    cases: r.cases,
    open: r.open,
    closed: r.closed,
    written: r.written,
    oral: r.oral,
    referred: r.referred,
  });
  expect(row.closedAt.grid + row.closedAt.village, row.key).toBe(r.low);
  expect([row.closedAt.township, row.closedAt.county, row.escalated, row.highRisk], row.key).toEqual([r.township, r.county, r.escalated, r.high]);
  expect([row.judicialApplied, row.judicialConfirmed], row.key).toEqual([r.applied, r.confirmed]);
  const rate = (n: number, d: number) => (d === 0 ? null : Math.round((n / d) * 10000) / 10000);
  expect(row.successRate, row.key).toBe(rate(r.written + r.oral, r.closed));
  expect(row.villageOrBelowShare, row.key).toBe(rate(r.low, r.closed));
  if (r.closed === 0) expect(row.avgDaysToClose).toBeNull();
  else expect(row.avgDaysToClose!, row.key).toBeCloseTo(r.days! / r.closed, 2);
}

describe('statistics reconcile with the case rows', () => {
  it('the scenario has what the figures need', async () => {
    const total = (await api.get('/api/v1/disputes/stats', 'county')).json().total as StatsRow;
    expect(total).toMatchObject({ cases: 9, closed: 6, written: 2, oral: 3, referred: 1, escalated: 1, judicialApplied: 1, judicialConfirmed: 1 });
    expect(total.closedAt).toEqual({ grid: 1, village: 4, township: 1, county: 0 });
    expect(total.successRate).toBe(Math.round((5 / 6) * 10000) / 10000);
    expect(total.villageOrBelowShare).toBe(Math.round((5 / 6) * 10000) / 10000);
    expect(total.avgDaysToClose).toBeGreaterThan(2);
  });

  for (const groupBy of [null, 'type', 'level', 'method', 'outcome', 'township', 'month'] as const) {
    it(`groupBy=${groupBy ?? '(none)'}: every row, for the county, the township and a village`, async () => {
      for (const [who, code] of [
        ['county', null],
        ['township', ZHONGCHAO],
        ['village2', CHANGCHUN],
      ] as const) {
        const res = await api.get(`/api/v1/disputes/stats${groupBy ? `?groupBy=${groupBy}` : ''}`, who);
        expect(res.statusCode, res.body).toBe(200);
        const body = res.json();
        const raw = await recompute(groupBy, code);
        if (groupBy === null) check(body.total, raw.get('total'));
        else {
          expect(body.rows.map((r: StatsRow) => r.key).sort()).toEqual([...raw.keys()].sort());
          for (const row of body.rows as StatsRow[]) check(row, raw.get(row.key));
          // Grouped rows add up to the total (except methods, where a case counts once per method).
          if (groupBy !== 'method') expect(body.rows.reduce((s: number, r: StatsRow) => s + r.cases, 0)).toBe(body.total.cases);
        }
      }
    });
  }

  it('a period filter counts only the cases created in it', async () => {
    const none = (await api.get('/api/v1/disputes/stats?from=2026-01-01&to=2026-11-22', 'county')).json();
    expect(none.total.cases).toBe(0);
    const day = (await api.get('/api/v1/disputes/stats?from=2026-11-23&to=2026-11-23', 'county')).json();
    expect(day.total.cases).toBe(9);
  });

  it('early warning: repeat parties and high-risk open cases match the rows', async () => {
    const w = (await api.get('/api/v1/disputes/warnings', 'county')).json();
    const raw = await withContext(h.deps.db, SYSTEM_CONTEXT, (tx) =>
      sql<{ key: string; n: number }>`SELECT coalesce(p.resident_id::text, 'name:' || p.name_norm) AS key, count(DISTINCT p.case_id)::int AS n
        FROM dispute_parties p JOIN dispute_cases c ON c.id = p.case_id
        WHERE c.created_at >= ${new Date(h.clock.now().getTime() - 365 * 86_400_000)}
        GROUP BY 1 HAVING count(DISTINCT p.case_id) >= 2`.execute(tx),
    );
    expect(w.repeatParties.map((p: { key: string; caseCount: number }) => [p.key, p.caseCount]).sort()).toEqual(raw.rows.map((r) => [r.key, r.n]).sort());
    expect(w.repeatParties.map((p: { name: string }) => p.name).sort()).toEqual(['乙七', '甲七']);
    const high = await withContext(h.deps.db, SYSTEM_CONTEXT, (tx) =>
      tx.selectFrom('dispute_cases').select('id').where('risk_level', '=', 'high').where('status', '<>', 'closed').execute(),
    );
    expect(w.highRiskOpen.map((c: { id: string }) => c.id).sort()).toEqual(high.map((r) => r.id).sort());
    expect(high.length).toBe(2);
    // A village sees only its own.
    const v = (await api.get('/api/v1/disputes/warnings', 'village')).json();
    expect(v.repeatParties).toEqual([]);
    expect(v.highRiskOpen.every((c: { villageCode: string }) => c.villageCode === SHANGHUANG)).toBe(true);
  });
});
