/**
 * Prepared statements on and off: `npx tsx bench/prepared.ts [--driver pglite|postgres|both]
 * [--orders 40] [--reads 200] [--rounds 2] [--pg-url postgres://postgres@127.0.0.1:5432/postgres]`.
 *
 * For each driver and each setting (GONGZHI_PREPARED_STATEMENTS on/off, alternating which goes
 * first), a fresh database with 黎平县's regions, grids and households at 1% scale and the demo
 * accounts; then, timed: the demo's work orders taken through the real services (intake,
 * dispatch, sign, escalate, whistle, resolve, follow-up: the write path with its reads) and the
 * order page's detail read (`getWorkOrder`) of every order, round after round. Prints the
 * milliseconds per order and per detail read, and off ÷ on. Progress on stderr.
 */
import { parseArgs } from 'node:util';
import { seedDemoAccounts } from '../src/cli/demo-accounts.js';
import { generateDemoCounty } from '../src/cli/demo/county.js';
import { demoGridStep } from '../src/cli/demo/grids.js';
import { seedDemoRequests } from '../src/modules/requests/demo.js';
import { getWorkOrder } from '../src/modules/requests/query-service.js';
import { SYSTEM_ACTOR } from '../src/platform/actor.js';
import { systemClock } from '../src/platform/clock.js';
import { loadConfig } from '../src/platform/config.js';
import { SYSTEM_CONTEXT, withContext } from '../src/platform/db/context.js';
import type { Deps } from '../src/platform/deps.js';
import { withFreshDatabase, type Driver } from './lib/fresh-database.js';

const { values: args } = parseArgs({
  options: {
    driver: { type: 'string', default: 'both' },
    orders: { type: 'string', default: '40' },
    reads: { type: 'string', default: '200' },
    rounds: { type: 'string', default: '2' },
    'pg-url': { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/postgres' },
  },
});
const DRIVERS = (args.driver === 'both' ? ['pglite', 'postgres'] : [args.driver]) as Driver[];
const ORDERS = Number(args.orders);
const READS = Number(args.reads);
const ROUNDS = Number(args.rounds);
for (const d of DRIVERS) if (d !== 'pglite' && d !== 'postgres') throw new Error(`--driver: pglite, postgres or both, not ${d}`);
for (const [name, n] of [
  ['orders', ORDERS],
  ['reads', READS],
  ['rounds', ROUNDS],
] as const) {
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name}: a whole number of at least 1, not ${n}`);
}

const base = { ...loadConfig({ ...process.env, DATABASE_URL: '' }), logLevel: 'silent' };
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function run(driver: Driver, prepared: boolean, round: number): Promise<{ perOrder: number; perRead: number }> {
  return withFreshDatabase(driver, { ...base, preparedStatements: prepared }, args['pg-url']!, async (database, config) => {
    const deps: Deps = { db: database.db, clock: systemClock, config };
    process.stderr.write(`${driver} round ${round + 1}/${ROUNDS}, prepared ${prepared ? 'on' : 'off'}: county at 1% scale…\n`);
    await generateDemoCounty(deps, { county: '522631', scale: 0.01, seed: 1 }, demoGridStep(deps));
    await seedDemoAccounts(deps, '522631');
    let t = performance.now();
    const seeded = await seedDemoRequests(deps, '522631', { seed: 1, count: ORDERS, days: 30 });
    const perOrder = (performance.now() - t) / seeded.orders;
    const ids = await withContext(deps.db, SYSTEM_CONTEXT, (tx) => tx.selectFrom('work_orders').select('id').orderBy('id').execute());
    t = performance.now();
    for (let i = 0; i < READS; i++) await getWorkOrder(deps, SYSTEM_ACTOR, ids[i % ids.length]!.id);
    const perRead = (performance.now() - t) / READS;
    process.stderr.write(`  ${perOrder.toFixed(1)} ms per order, ${perRead.toFixed(2)} ms per detail read\n`);
    return { perOrder, perRead };
  });
}

console.log('driver    setting   ms/order  ms/detail read   (median of rounds)');
for (const driver of DRIVERS) {
  const results: Record<'on' | 'off', { perOrder: number; perRead: number }[]> = { on: [], off: [] };
  for (let round = 0; round < ROUNDS; round++) {
    for (const prepared of round % 2 === 0 ? [true, false] : [false, true]) results[prepared ? 'on' : 'off'].push(await run(driver, prepared, round));
  }
  const on = { order: median(results.on.map((r) => r.perOrder)), read: median(results.on.map((r) => r.perRead)) };
  const off = { order: median(results.off.map((r) => r.perOrder)), read: median(results.off.map((r) => r.perRead)) };
  console.log(`${driver.padEnd(9)} on       ${on.order.toFixed(1).padStart(8)}  ${on.read.toFixed(2).padStart(14)}`);
  console.log(`${driver.padEnd(9)} off      ${off.order.toFixed(1).padStart(8)}  ${off.read.toFixed(2).padStart(14)}`);
  console.log(`${driver.padEnd(9)} off÷on   ${(off.order / on.order).toFixed(2).padStart(7)}×  ${(off.read / on.read).toFixed(2).padStart(13)}×`);
}
