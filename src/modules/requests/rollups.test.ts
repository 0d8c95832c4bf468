import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../../test/helpers/harness.js';
import { dbContext, SYSTEM_ACTOR, type Actor } from '../../platform/actor.js';
import { SYSTEM_CONTEXT, withContext } from '../../platform/db/context.js';
import { Random } from '../../platform/synthetic/random.js';
import { seedDemoRequests } from './demo.js';
import { ratesReport } from './rates-service.js';
import { catchUpRollups, rebuildRollups, rollupBacklog } from './rollup-service.js';
import type { RatesQuery } from './schema.js';
import { CHANGCHUN, departmentId, intakeFixture, SHANGHUANG, ZHONGCHAO } from './test-fixtures.js';

// The rates read from rollups must equal the rates computed from the raw rows, after any mix
// of writes: the demo's lifecycles through the real services, then random changes made
// straight in the tables (moves between villages, reopenings, merges, follow-ups added and
// removed, stages signed, ended or excused, categories changed).

let h: Harness;
let actors: Actor[];
const GROUPS: RatesQuery['groupBy'][] = ['township', 'village', 'category', 'month', 'unit'];

const regionPath = async (code: string) =>
  withContext(h.deps.db, SYSTEM_CONTEXT, async (tx) => (await tx.selectFrom('regions').select('path').where('code', '=', code).executeTakeFirstOrThrow()).path);

const as = (role: Actor['role'], regionCode: string, scopePath: string, dept: string | null = null): Actor => ({
  ...SYSTEM_ACTOR,
  role,
  username: `${role}-test`,
  regionCode,
  scopePath,
  departmentId: dept,
});

// Changes and snapshots as the owner: straight in the tables, past the services and their grants.
const owner = (text: string, params: unknown[] = []) => h.database.admin.query(text, params);

async function expectRollupsMatchRows(round: string): Promise<void> {
  const periods: [string, string][] = [
    ['2026-10-01', '2026-11-30'],
    ['2026-11-05', '2026-11-12'],
  ];
  for (const actor of actors)
    for (const [from, to] of periods)
      for (const groupBy of GROUPS) {
        const q = { from, to, groupBy };
        const fromRollups = await ratesReport(h.deps, actor, q);
        const fromRows = await ratesReport(h.deps, actor, q, { source: 'rows' });
        expect(fromRollups, `${round}: ${actor.role} ${from}..${to} by ${groupBy}`).toEqual(fromRows);
      }
}

beforeAll(async () => {
  h = await createHarness();
  await intakeFixture(h, []);
  await seedDemoRequests(h.deps, '522631', { seed: 11, count: 60, days: 40 });
  const county = await regionPath('522631000000');
  actors = [
    as('county_staff', '522631000000', county),
    as('township_staff', ZHONGCHAO, await regionPath(ZHONGCHAO)),
    as('village_cadre', SHANGHUANG, await regionPath(SHANGHUANG)),
    as('department_staff', '522631000000', county, await departmentId(h, 'zjj')),
  ];
});
afterAll(() => h?.close());

describe('rollups agree with the raw rows', () => {
  it('after the demo’s lifecycles through the services', async () => {
    const counted = (await ratesReport(h.deps, actors[0]!, { from: '2026-10-01', to: '2026-11-30', groupBy: 'township' })).total.orders;
    expect(counted).toBeGreaterThan(40);
    expect(await rollupBacklog(h.deps)).toBe(0);
    await expectRollupsMatchRows('demo');
  });

  it('after random changes straight in the tables, round after round', async () => {
    const rnd = new Random(2026);
    const changchun = await regionPath(CHANGCHUN);
    for (let round = 0; round < 4; round++) {
      const { rows } = await owner(`SELECT id FROM work_orders WHERE status <> 'merged' ORDER BY id`);
      const pick = () => String(rnd.pick(rows).id);
      for (let i = 0; i < 12; i++) {
        const id = pick();
        switch (rnd.int(0, 7)) {
          case 0: // moved to another village
            await owner(`UPDATE work_orders SET path = $1::ltree, village_code = $2 WHERE id = $3`, [changchun, CHANGCHUN, id]);
            break;
          case 1: // reopened
            await owner(`UPDATE work_orders SET status = 'in_progress', closed_level = NULL WHERE id = $1`, [id]);
            break;
          case 2: // merged into another
            await owner(`UPDATE work_orders SET status = 'merged' WHERE id = $1`, [id]);
            break;
          case 3: // followed up again, not satisfied
            await owner(
              `INSERT INTO follow_ups (id, order_id, contacted, resolved, satisfaction, path, created_at)
               SELECT gen_random_uuid(), id, true, false, 'unsatisfied', path, now() FROM work_orders WHERE id = $1`,
              [id],
            );
            break;
          case 4: // a follow-up taken back
            await owner(`DELETE FROM follow_ups WHERE id IN (SELECT id FROM follow_ups WHERE order_id = $1 LIMIT 1)`, [id]);
            break;
          case 5: // its open stage ended late, unsigned
            await owner(
              `UPDATE work_order_stages SET ended_at = resolve_due + interval '2 days', end_reason = 'escalated' WHERE order_id = $1 AND ended_at IS NULL`,
              [id],
            );
            break;
          case 6: // a stage excused (an approved return)
            await owner(`UPDATE work_order_stages SET excused = true WHERE id IN (SELECT id FROM work_order_stages WHERE order_id = $1 LIMIT 1)`, [id]);
            break;
          default: // closed at the township under another category
            await owner(`UPDATE work_orders SET status = 'closed', closed_level = 'township', category_code = '0102' WHERE id = $1`, [id]);
        }
      }
      h.clock.advanceMinutes(60 * 24 * rnd.int(0, 3)); // open stages fall due as time passes
      await expectRollupsMatchRows(`round ${round}`);
    }
  });

  it('a rebuild from the rows gives the same rollups', async () => {
    const snapshot = () =>
      owner(`SELECT day::text, path::text, township_code, village_code, category_code, unit_key, orders, followed_up, contacted, resolved,
        satisfied, basically, closed, at_intake, at_grid, at_village, at_township, at_county
        FROM order_rollups WHERE orders <> 0 ORDER BY 1, 2, 3, 4, 5, 6`).then((r) => r.rows);
    const stages = () =>
      owner(`SELECT day::text, path::text, category_code, unit_key, stage_unit_key, stages_due, signed_on_time, resolve_due, resolved_on_time
        FROM stage_rollups WHERE stages_due + signed_on_time + resolve_due + resolved_on_time <> 0 ORDER BY 1, 2, 3, 4, 5`).then((r) => r.rows);
    await catchUpRollups(h.deps);
    const before = [await snapshot(), await stages()];
    const progress: number[] = [];
    const n = await rebuildRollups(h.deps, (done) => progress.push(done));
    expect(n).toBeGreaterThan(40);
    expect(progress.at(-1)).toBe(n);
    expect([await snapshot(), await stages()]).toEqual(before);
  });

  it('keeps the queue out of reach of a signed-in user', async () => {
    await expect(withContext(h.deps.db, dbContext(actors[0]!), (tx) => sql`SELECT rollup_apply(10)`.execute(tx))).rejects.toThrow();
  });
});
