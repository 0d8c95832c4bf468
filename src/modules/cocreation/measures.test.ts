import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness } from '../../../test/helpers/harness.js';
import { SYSTEM_CONTEXT, withContext } from '../../platform/db/context.js';
import type { MeasureArea, MeasureQuery } from '../../platform/measures.js';
import { COCREATION_MEASURES } from './measures.js';
import { CHANGCHUN, intakeFixture, registerVillagers, SHANGHUANG, ZHONGCHAO, type Intake, type Villager } from './test-fixtures.js';

// Co-creation's measures for the one-map: a mix of rows in two villages (inside and outside the
// period, of every status), each figure for both villages and their township recomputed here from
// the raw rows with plain SQL, plus a few known by hand.

let f: Intake;
const areas: MeasureArea[] = [];
const people: Record<string, Villager[]> = {};
const path: Record<string, string> = {};
let q: MeasureQuery;

const sqlRows = async <T>(text: string, params: unknown[] = []) => (await f.h.database.admin.query(text, params)).rows as T[];
const one = async (text: string, params: unknown[]) => (await sqlRows<{ num: number; den: number | null }>(text, params))[0]!;

const IN = '2026-03-15T10:00:00+08:00';
const OUT = '2025-12-31T23:30:00+08:00'; // the day before the period, in China time

async function seedVillage(code: string, k: number) {
  const p = path[code]!;
  const [a, b, c] = people[code] as [Villager, Villager, Villager];
  // Opinions: [created, status, due_on, answered_at]. Today is 2026-11-23.
  const opinions: [string, string, string, string | null][] = [
    [IN, 'adopted', '2026-03-25', '2026-03-20T10:00:00+08:00'],
    [IN, 'answered', '2026-03-25', '2026-03-26T09:00:00+08:00'], // late
    [IN, 'declined', '2026-04-10', '2026-04-10T23:00:00+08:00'], // the due day, late evening: on time
    [IN, 'open', '2026-04-01', null], // overdue, unanswered
    [IN, 'open', '2026-12-20', null], // not due yet
    [OUT, 'adopted', '2026-01-08', '2026-01-05T10:00:00+08:00'], // received before the period, due in it
  ];
  if (k === 1) opinions.push([IN, 'adopted', '2026-05-01', '2026-04-28T10:00:00+08:00'], [OUT, 'open', '2025-12-30', null]);
  const opinionIds: string[] = [];
  for (const [created, status, due, answered] of opinions) {
    opinionIds.push(randomUUID());
    await sqlRows(
      `INSERT INTO cocreation_opinions (id, region_code, path, source, author_name, content, status, answer, due_on, answered_at, created_at, updated_at)
       VALUES ($1, $2, $3::ltree, 'cadre', '村委会', '意见', $4, $5, $6, $7, $8, $8)`,
      [opinionIds.at(-1), code, p, status, status === 'open' ? null : '答复', due, answered, created],
    );
  }
  // 上黄: one more, merged into the first (settled, not adopted; answered on time).
  if (k === 1) {
    await sqlRows(
      `INSERT INTO cocreation_opinions (id, region_code, path, source, author_name, content, status, merged_into, due_on, answered_at, created_at, updated_at)
       VALUES ($1, $2, $3::ltree, 'cadre', '村委会', '意见', 'merged', $4, '2026-03-25', '2026-03-21T10:00:00+08:00', $5, $5)`,
      [randomUUID(), code, p, opinionIds[0], IN],
    );
  }
  // Meetings: held in the period with attendees (present / proxy / absent), held before it, planned.
  for (const [held, marks] of [
    [IN, ['present', 'proxy', 'absent']],
    ['2026-06-01T19:00:00+08:00', k === 1 ? ['present', 'present'] : ['absent']],
    [OUT, ['present']],
    [null, ['present']],
  ] as const) {
    const id = randomUUID();
    await sqlRows(
      `INSERT INTO cocreation_meetings (id, region_code, path, kind, title, starts_at, created_at, updated_at) VALUES ($1, $2, $3::ltree, 'courtyard', '院坝会', $4, now(), now())`,
      [id, code, p, held ?? '2026-12-01T19:00:00+08:00'],
    );
    for (const [i, m] of marks.entries()) {
      const v = [a, b, c][i]!;
      await sqlRows(
        `INSERT INTO cocreation_attendees (id, meeting_id, household_id, resident_id, name, path, attendance, proxy_name) VALUES ($1, $2, $3, $4, '户主', $5::ltree, $6, $7)`,
        [randomUUID(), id, v.householdId, v.residentId, p, held ? m : null, m === 'proxy' ? '代表' : null],
      );
    }
    if (held) await sqlRows(`UPDATE cocreation_meetings SET status = 'held', held_at = $2, quorum_met = true WHERE id = $1`, [id, held]);
  }
  // Votes: closed in the period (two), closed before it, still open.
  for (const [closed, ballots, status] of [
    [IN, 2, 'closed'],
    ['2026-07-01T18:00:00+08:00', k === 1 ? 3 : 1, 'closed'],
    [OUT, 3, 'closed'],
    [null, 1, 'open'],
  ] as const) {
    const id = randomUUID();
    await sqlRows(
      `INSERT INTO cocreation_votes (id, region_code, path, title, method, electorate, quorum_pct, pass_pct, status, created_at, updated_at)
       VALUES ($1, $2, $3::ltree, '表决', 'yes_no', 'household', 50, 50, 'draft', now(), now())`,
      [id, code, p],
    );
    for (const v of [a, b, c]) {
      await sqlRows(`INSERT INTO cocreation_electors (id, vote_id, path, household_id, resident_id, name) VALUES ($1, $2, $3::ltree, $4, $5, '户主')`, [
        randomUUID(),
        id,
        p,
        v.householdId,
        v.residentId,
      ]);
    }
    await sqlRows(`UPDATE cocreation_votes SET status = 'open', electorate_size = 3 WHERE id = $1`, [id]);
    for (let i = 0; i < ballots; i++) {
      await sqlRows(`INSERT INTO cocreation_ballots (id, vote_id, path, channel, choices) VALUES ($1, $2, $3::ltree, 'online', '{yes}')`, [
        randomUUID(),
        id,
        p,
      ]);
    }
    if (status === 'closed') await sqlRows(`UPDATE cocreation_votes SET status = 'closed', closed_at = $2 WHERE id = $1`, [id, closed]);
  }
  // Projects by stage, with contributions (in and out of the period, one voided) and ratings.
  const projects: Record<string, string> = {};
  for (const status of ['planned', 'building', 'completed', 'cancelled', ...(k === 1 ? ['building', 'completed'] : [])]) {
    const id = randomUUID();
    projects[status] = id;
    await sqlRows(
      `INSERT INTO cocreation_projects (id, region_code, path, title, status, completed_on, created_at, updated_at) VALUES ($1, $2, $3::ltree, '项目', $4, $5, now(), now())`,
      [id, code, p, status, status === 'completed' ? '2026-10-01' : null],
    );
  }
  const give = (v: Villager, kind: string, col: string, n: number, on: string, voided = false) =>
    sqlRows(
      `INSERT INTO cocreation_contributions (id, project_id, path, household_id, kind, ${col}, value_yuan, contributed_on, recorded_at, voided_at, void_reason)
       VALUES ($1, $2, $3::ltree, $4, $5, $6, 0, $7, now(), $8, $9)`,
      [randomUUID(), projects.building, p, v.householdId, kind, n, on, voided ? new Date() : null, voided ? '录错' : null],
    );
  await give(a, 'money', 'amount', 500 * k, '2026-02-01');
  await give(b, 'money', 'amount', 250.5, '2026-12-31');
  await give(c, 'money', 'amount', 9999, '2026-05-05', true);
  await give(a, 'money', 'amount', 7777, '2025-12-31');
  await give(a, 'labour', 'labour_days', 3.5 * k, '2026-04-01');
  await give(c, 'labour', 'labour_days', 2, '2027-01-01');
  await give(b, 'land', 'area_m2', 40 + k, '2026-06-06');
  await give(c, 'materials', 'amount', 300, '2026-06-06');
  for (const [v, score, at] of [
    [a, 5, IN],
    [b, k === 1 ? 2 : 4, IN],
    [c, 1, OUT],
  ] as const) {
    await sqlRows(`INSERT INTO cocreation_ratings (id, project_id, path, household_id, score, created_at) VALUES ($1, $2, $3::ltree, $4, $5, $6)`, [
      randomUUID(),
      projects.completed,
      p,
      v.householdId,
      score,
      at,
    ]);
  }
}

/** Each measure recomputed for one area path from the raw rows. */
const TODAY = '2026-11-23';
const FROM = '2026-01-01';
const TO = '2027-01-01';
const RECOMPUTE: Record<string, string> = {
  'cocreation.opinions': `SELECT count(*) AS num FROM cocreation_opinions WHERE path <@ $1 AND created_at >= '${FROM}T00:00:00+08:00' AND created_at < '${TO}T00:00:00+08:00'`,
  'cocreation.adoption_rate': `SELECT count(*) FILTER (WHERE status = 'adopted') AS num, count(*) FILTER (WHERE status IN ('adopted','merged','answered','declined')) AS den
    FROM cocreation_opinions WHERE path <@ $1 AND created_at >= '${FROM}T00:00:00+08:00' AND created_at < '${TO}T00:00:00+08:00'`,
  'cocreation.feedback_rate': `SELECT count(*) FILTER (WHERE answered_at IS NOT NULL AND to_char(answered_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') <= due_on::text) AS num,
    count(*) FILTER (WHERE answered_at IS NOT NULL OR due_on < '${TODAY}') AS den
    FROM cocreation_opinions WHERE path <@ $1 AND due_on BETWEEN '${FROM}' AND '2026-12-31'`,
  'cocreation.meetings_held': `SELECT count(*) AS num FROM cocreation_meetings WHERE path <@ $1 AND status = 'held' AND held_at >= '${FROM}T00:00:00+08:00' AND held_at < '${TO}T00:00:00+08:00'`,
  'cocreation.attendance_rate': `SELECT count(*) FILTER (WHERE t.attendance <> 'absent') AS num, count(*) AS den FROM cocreation_attendees t JOIN cocreation_meetings m ON m.id = t.meeting_id
    WHERE m.path <@ $1 AND m.status = 'held' AND m.held_at >= '${FROM}T00:00:00+08:00' AND m.held_at < '${TO}T00:00:00+08:00'`,
  'cocreation.votes_closed': `SELECT count(*) AS num FROM cocreation_votes WHERE path <@ $1 AND status = 'closed' AND closed_at >= '${FROM}T00:00:00+08:00' AND closed_at < '${TO}T00:00:00+08:00'`,
  'cocreation.turnout': `SELECT (SELECT count(*) FROM cocreation_ballots b JOIN cocreation_votes v ON v.id = b.vote_id
      WHERE v.path <@ $1 AND v.status = 'closed' AND v.closed_at >= '${FROM}T00:00:00+08:00' AND v.closed_at < '${TO}T00:00:00+08:00') AS num,
    (SELECT sum(electorate_size) FROM cocreation_votes v WHERE v.path <@ $1 AND v.status = 'closed' AND v.closed_at >= '${FROM}T00:00:00+08:00' AND v.closed_at < '${TO}T00:00:00+08:00') AS den`,
  'cocreation.projects_planned': `SELECT count(*) AS num FROM cocreation_projects WHERE path <@ $1 AND status = 'planned'`,
  'cocreation.projects_building': `SELECT count(*) AS num FROM cocreation_projects WHERE path <@ $1 AND status = 'building'`,
  'cocreation.projects_completed': `SELECT count(*) AS num FROM cocreation_projects WHERE path <@ $1 AND status = 'completed'`,
  'cocreation.money_yuan': `SELECT coalesce(sum(amount), 0) AS num FROM cocreation_contributions WHERE path <@ $1 AND kind = 'money' AND voided_at IS NULL AND contributed_on >= '${FROM}' AND contributed_on < '${TO}'`,
  'cocreation.labour_days': `SELECT coalesce(sum(labour_days), 0) AS num FROM cocreation_contributions WHERE path <@ $1 AND kind = 'labour' AND voided_at IS NULL AND contributed_on >= '${FROM}' AND contributed_on < '${TO}'`,
  'cocreation.land_m2': `SELECT coalesce(sum(area_m2), 0) AS num FROM cocreation_contributions WHERE path <@ $1 AND kind = 'land' AND voided_at IS NULL AND contributed_on >= '${FROM}' AND contributed_on < '${TO}'`,
  'cocreation.evaluation_score': `SELECT coalesce(sum(score), 0) AS num, count(*) AS den FROM cocreation_ratings WHERE path <@ $1 AND created_at >= '${FROM}T00:00:00+08:00' AND created_at < '${TO}T00:00:00+08:00'`,
};

beforeAll(async () => {
  f = await intakeFixture(await createHarness({ loginRateLimitPerMinute: 1000 }), ['village', 'village2']);
  people[SHANGHUANG] = await registerVillagers(f, 'village', SHANGHUANG, [['甲一'], ['甲二'], ['甲三']]);
  people[CHANGCHUN] = await registerVillagers(f, 'village2', CHANGCHUN, [['乙一'], ['乙二'], ['乙三']]);
  for (const code of [SHANGHUANG, CHANGCHUN, ZHONGCHAO]) {
    path[code] = (await sqlRows<{ path: string }>(`SELECT path::text AS path FROM regions WHERE code = $1`, [code]))[0]!.path;
    areas.push({ code, path: path[code]! });
  }
  await seedVillage(SHANGHUANG, 1);
  await seedVillage(CHANGCHUN, 2);
  q = { areas, from: new Date(`${FROM}T00:00:00+08:00`), to: new Date(`${TO}T00:00:00+08:00`), now: f.h.clock.now() };
});
afterAll(() => f?.h.close());

const figures = (id: string) => withContext(f.h.deps.db, SYSTEM_CONTEXT, (tx) => COCREATION_MEASURES.find((m) => m.id === id)!.compute(tx, q));

describe('co-creation measures (one-map figures)', () => {
  it('declares every figure once, with a formula', () => {
    expect(COCREATION_MEASURES.map((m) => m.id).sort()).toEqual(Object.keys(RECOMPUTE).sort());
    for (const m of COCREATION_MEASURES) expect(m.formula, m.id).toMatch(/\p{Script=Han}/u);
  });

  it('equals each figure recomputed from the raw rows, for both villages and their township', async () => {
    for (const m of COCREATION_MEASURES) {
      const got = await figures(m.id);
      for (const a of areas) {
        const raw = await one(RECOMPUTE[m.id]!, [a.path]);
        const num = Number(raw.num);
        const fig = got.get(a.code)!;
        const where = `${m.id} @ ${a.code}`;
        if (m.unit === 'ratio' || m.unit === 'average') {
          const den = Number(raw.den ?? 0);
          expect({ num: fig.numerator, den: fig.denominator }, where).toEqual({ num, den });
          expect(fig.value, where).toBe(den === 0 ? null : Math.round((num / den) * (m.unit === 'ratio' ? 10000 : 100)) / (m.unit === 'ratio' ? 10000 : 100));
        } else {
          expect(fig.value, where).toBeCloseTo(num, 6);
        }
      }
    }
  });

  it('gives the figures known by hand', async () => {
    const at = async (id: string, code: string) => (await figures(id)).get(code)!;
    expect((await at('cocreation.opinions', SHANGHUANG)).value).toBe(7);
    expect((await at('cocreation.opinions', ZHONGCHAO)).value).toBe(12);
    // 上黄: adopted 2 of 5 settled (merged counts as settled); on time: the ones due 01-08, 03-25 (two), 04-10, 05-01 of 7 due or answered.
    expect(await at('cocreation.adoption_rate', SHANGHUANG)).toEqual({ value: 0.4, numerator: 2, denominator: 5 });
    expect(await at('cocreation.feedback_rate', SHANGHUANG)).toEqual({ value: 0.7143, numerator: 5, denominator: 7 });
    expect(await at('cocreation.attendance_rate', SHANGHUANG)).toEqual({ value: 0.8, numerator: 4, denominator: 5 });
    expect(await at('cocreation.turnout', CHANGCHUN)).toEqual({ value: 0.5, numerator: 3, denominator: 6 });
    expect((await at('cocreation.projects_building', ZHONGCHAO)).value).toBe(3);
    expect((await at('cocreation.money_yuan', SHANGHUANG)).value).toBe(750.5);
    expect((await at('cocreation.money_yuan', CHANGCHUN)).value).toBe(1250.5);
    expect((await at('cocreation.labour_days', ZHONGCHAO)).value).toBe(10.5);
    expect((await at('cocreation.land_m2', ZHONGCHAO)).value).toBe(83);
    expect(await at('cocreation.evaluation_score', SHANGHUANG)).toEqual({ value: 3.5, numerator: 7, denominator: 2 });
    expect(await at('cocreation.evaluation_score', ZHONGCHAO)).toEqual({ value: 4, numerator: 16, denominator: 4 });
  });

  it('gives zero figures (null rates) for an area with nothing to count', async () => {
    const empty = { ...q, from: new Date('2020-01-01T00:00:00+08:00'), to: new Date('2020-02-01T00:00:00+08:00') };
    for (const m of COCREATION_MEASURES.filter((x) => x.kind === 'period')) {
      const fig = (await withContext(f.h.deps.db, SYSTEM_CONTEXT, (tx) => m.compute(tx, empty))).get(SHANGHUANG)!;
      expect(fig.value, m.id).toBe(m.unit === 'ratio' || m.unit === 'average' ? null : 0);
    }
  });
});
