/**
 * Points shop redemption benchmark: `npx tsx bench/redemption.ts [--driver pglite|postgres|both]
 * [--redemptions 400] [--households 40] [--concurrency N] [--pg-url postgres://postgres@127.0.0.1:5432/postgres]`.
 *
 * For each driver: a fresh database (PGlite in a temp folder; on PostgreSQL a database
 * gongzhi_bench_<pid> made with the superuser URL and dropped at the end), migrated, with 黎平县's
 * (522631) real regions; one village's cadre registers households, gives each plenty of points and
 * puts one item on the shelf with ample stock. Then, through the service as the server calls it
 * (redeemAtCounter: the conditional stock UPDATE, the account lock, the balance summed from the
 * entries, the redemption, its entry and the audit record, in one transaction):
 *
 *   - redemption: every household redeems the one item, `concurrency` at a time — they queue on the
 *     item's row lock, the worst case;
 *   - cancellation: half of those are cancelled with a reason (reversing entry, stock back);
 *   - baseline, in the same run and through the same pool and context: a plain one-row INSERT
 *     (a stock-movement row) per transaction, as many and as concurrent as the redemptions.
 *
 * Redemptions and baseline run in interleaved rounds (alternating which goes first) since the
 * machine may be shared. Figures go to stdout as ratios against the baseline; progress to stderr.
 */
import { parseArgs } from 'node:util';
import { uuidv7 } from 'uuidv7';
import { progressBar } from '../src/cli/progress.js';
import { composeIdNumber } from '../src/modules/people/id-number.js';
import { createHousehold } from '../src/modules/people/household-service.js';
import { adjustPoints } from '../src/modules/points/ledger-service.js';
import { cancelRedemption } from '../src/modules/points/redemption-service.js';
import { createShopItem, redeemAtCounter } from '../src/modules/points/shop-service.js';
import { loadCounty } from '../src/modules/regions/service.js';
import { SYSTEM_ACTOR, dbContext, type Actor } from '../src/platform/actor.js';
import { systemClock } from '../src/platform/clock.js';
import { loadConfig, type Config } from '../src/platform/config.js';
import { SYSTEM_CONTEXT, withContext } from '../src/platform/db/context.js';
import type { Deps } from '../src/platform/deps.js';
import { withFreshDatabase, type Driver } from './lib/fresh-database.js';

const { values: args } = parseArgs({
  options: {
    driver: { type: 'string', default: 'both' },
    redemptions: { type: 'string', default: '400' },
    households: { type: 'string', default: '40' },
    concurrency: { type: 'string' },
    'pg-url': { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/postgres' },
  },
});
const DRIVERS = (args.driver === 'both' ? ['pglite', 'postgres'] : [args.driver]) as Driver[];
const REDEMPTIONS = Number(args.redemptions);
const HOUSEHOLDS = Number(args.households);
const ROUNDS = 4;
const COUNTY = '522631';
/** PGlite is one connection: more clients only queue. PostgreSQL gets the app's pool of 10. */
const concurrencyFor = (driver: Driver) => Number(args.concurrency ?? (driver === 'pglite' ? 2 : 8));
for (const d of DRIVERS) if (d !== 'pglite' && d !== 'postgres') throw new Error(`--driver: pglite, postgres or both, not ${d}`);
for (const [name, n] of [
  ['redemptions', REDEMPTIONS],
  ['households', HOUSEHOLDS],
] as const) {
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name}: a whole number above 0, not ${n}`);
}

const fmt = (n: number, digits = 1) => n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const pct = (sorted: number[], p: number) => sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)]!;

interface Measured {
  ms: number[];
  wallMs: number;
}

/** Runs `jobs` `concurrency` at a time; each job's latency and the wall time. */
async function measure(jobs: (() => Promise<unknown>)[], concurrency: number, tick: () => void): Promise<Measured> {
  const ms: number[] = [];
  let next = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < jobs.length) {
        const job = jobs[next++]!;
        const t = performance.now();
        await job();
        ms.push(performance.now() - t);
        tick();
      }
    }),
  );
  return { ms, wallMs: performance.now() - start };
}

const merge = (parts: Measured[]): Measured => ({ ms: parts.flatMap((p) => p.ms), wallMs: parts.reduce((s, p) => s + p.wallMs, 0) });

/** The village cadre of the county's first village, as the server would build them from a session. */
async function villageCadre(deps: Deps): Promise<Actor> {
  const village = await withContext(deps.db, SYSTEM_CONTEXT, (tx) =>
    tx.selectFrom('regions').select(['code', 'path']).where('level', '=', 'village').orderBy('code').limit(1).executeTakeFirstOrThrow(),
  );
  return {
    ...SYSTEM_ACTOR,
    userId: null,
    username: 'bench',
    displayName: '基准测试',
    role: 'village_cadre',
    regionCode: village.code,
    scopePath: village.path,
  };
}

async function bench(driver: Driver) {
  const concurrency = concurrencyFor(driver);
  const base: Config = { ...loadConfig(process.env), logLevel: 'silent', sweepMinutes: 0, webhookUrl: undefined, demoCounty: COUNTY };
  return withFreshDatabase(driver, base, args['pg-url'], async (database, config) => {
    const deps: Deps = { db: database.db, clock: systemClock, config };
    process.stderr.write(`${driver}: regions, ${HOUSEHOLDS} households, points and an item…\n`);
    await loadCounty(deps.db, deps.clock, SYSTEM_ACTOR, COUNTY);
    const actor = await villageCadre(deps);
    const households: string[] = [];
    const setup = progressBar(`${driver} setup`);
    for (let i = 0; i < HOUSEHOLDS; i++) {
      const idNumber = composeIdNumber('522631', `19${String(50 + (i % 40)).padStart(2, '0')}0${(i % 9) + 1}1${i % 10}`, 100 + i);
      const h = await createHousehold(deps, actor, {
        villageCode: actor.regionCode,
        address: `基准 ${i + 1} 号`,
        members: [{ name: `基准户${i + 1}`, relation: 'head', idNumber }],
      });
      households.push(h.id);
      await adjustPoints(deps, actor, { householdId: h.id, points: 10_000, reason: '基准测试用积分' });
      setup.update(i + 1, HOUSEHOLDS);
    }
    setup.stop();
    const item = await createShopItem(deps, actor, { villageCode: actor.regionCode, name: '基准商品', price: 1, stock: 100_000 });
    const baselineItem = await createShopItem(deps, actor, { villageCode: actor.regionCode, name: '基准对照', price: 1, stock: 0 });
    const village = await withContext(deps.db, SYSTEM_CONTEXT, (tx) =>
      tx.selectFrom('regions').select('path').where('code', '=', actor.regionCode).executeTakeFirstOrThrow(),
    );

    const perRound = Math.ceil(REDEMPTIONS / ROUNDS);
    const redeemed: string[] = [];
    const redeemJobs = (n: number, offset: number) =>
      Array.from({ length: n }, (_, i) => async () => {
        const r = await redeemAtCounter(deps, actor, { itemId: item.id, householdId: households[(offset + i) % households.length]!, quantity: 1 });
        redeemed.push(r.id);
      });
    const baselineJobs = (n: number) =>
      Array.from(
        { length: n },
        () => () =>
          withContext(deps.db, dbContext(actor), (tx) =>
            tx
              .insertInto('points_shop_restocks')
              .values({ id: uuidv7(), item_id: baselineItem.id, path: village.path, quantity: 1, reason: '基准对照', created_at: new Date() })
              .execute(),
          ),
      );

    const total = perRound * ROUNDS * 2 + Math.floor((perRound * ROUNDS) / 2);
    let done = 0;
    const bar = progressBar(`${driver} measuring`);
    const tick = () => bar.update(++done, total);
    const redemption: Measured[] = [];
    const baseline: Measured[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const r = () => measure(redeemJobs(perRound, round * perRound), concurrency, tick);
      const b = () => measure(baselineJobs(perRound), concurrency, tick);
      if (round % 2 === 0) {
        redemption.push(await r());
        baseline.push(await b());
      } else {
        baseline.push(await b());
        redemption.push(await r());
      }
    }
    const cancelJobs = redeemed.slice(0, Math.floor(redeemed.length / 2)).map((id) => () => cancelRedemption(deps, actor, id, { reason: '基准测试撤销' }));
    const cancellation = await measure(cancelJobs, concurrency, tick);
    bar.stop();
    return { driver, concurrency, redemption: merge(redemption), baseline: merge(baseline), cancellation };
  });
}

const results = [];
for (const driver of DRIVERS) results.push(await bench(driver));

for (const r of results) {
  const line = (label: string, m: Measured) => {
    const sorted = [...m.ms].sort((a, b) => a - b);
    const base = [...r.baseline.ms].sort((a, b) => a - b);
    const rate = (m.ms.length / m.wallMs) * 1000;
    const baseRate = (r.baseline.ms.length / r.baseline.wallMs) * 1000;
    return (
      `  ${label.padEnd(14)} ${String(m.ms.length).padStart(5)} ops  ${fmt(rate).padStart(8)}/s (${fmt(rate / baseRate, 2)}× baseline)` +
      `  p50 ${fmt(pct(sorted, 0.5)).padStart(6)} ms (${fmt(pct(sorted, 0.5) / pct(base, 0.5), 1)}×)` +
      `  p99 ${fmt(pct(sorted, 0.99)).padStart(6)} ms (${fmt(pct(sorted, 0.99) / pct(base, 0.99), 1)}×)`
    );
  };
  console.log(`\n${r.driver}, ${r.concurrency} at a time, all on one item (its row lock queues them):`);
  console.log(line('baseline', r.baseline));
  console.log(line('redemption', r.redemption));
  console.log(line('cancellation', r.cancellation));
}
