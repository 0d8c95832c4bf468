/**
 * Statistics and lists at scale (issue #14): how long a county and a township user wait for the
 * rates, the work-order list, the inbox, the whistle board and the dispute statistics when the
 * county holds N work orders, beside the same figures computed by one plain SQL query over the raw
 * rows (as the superuser: no row-level security, no HTTP), and GET /api/v1/auth/me as the floor.
 *
 *   npx tsx bench/overview.ts [--orders 100000] [--fresh] [--rounds 5] [--drop]
 *     [--server postgres://postgres@127.0.0.1:5432] [--database gz_bench_overview] [--scale 0.02] [--budget 60]
 *
 * PostgreSQL only (PGlite is not supported). The first run creates database gz_bench_overview on
 * the server, migrates it and loads the demo county (`gongzhi demo --scale 0.02`: real regions,
 * synthetic grids, households, accounts, ~120 work orders and ~70 dispute cases). It then grows it
 * in SQL to --orders work orders: each copy of a demo order (with its stages, follow-ups, whistles,
 * notifications and the first two and last of its timeline events) is moved to a random grid of
 * the county and to a day of the past year, the day chosen so that its whole history ends before
 * now; copies a month old or more come from settled orders only (bench/overview/copy.ts). Dispute
 * cases are grown alike to 4% of the orders. Growing is resumable: run again with a larger
 * --orders (or after Ctrl-C) and it goes on; --fresh drops the database and starts over.
 *
 * Each endpoint runs --rounds times (fewer once one endpoint has taken --budget seconds) through
 * app.inject; the table gives the median and the max, the ratio to the baseline and to the plain
 * query, and the figure's count from both so a mismatch shows. Progress on stderr, figures on stdout.
 * --drop removes the database at the end (keep it to time again without growing).
 */
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { buildApp } from '../src/platform/http/app.js';
import { databaseUrl, dropDatabase, ensureDatabase, hasFinishedDemo, loadDemoCounty, openBench, superuser } from './overview/database.js';
import { databaseBytes, gb, growCounty } from './overview/grow.js';
import { casesFor, formatTable, login, timeCases, type Who } from './overview/timing.js';
import { catchUpRollups, rollupBacklog } from '../src/modules/requests/index.js';
import { progressBar } from '../src/cli/progress.js';

const { values } = parseArgs({
  options: {
    orders: { type: 'string', default: '100000' },
    fresh: { type: 'boolean', default: false },
    rounds: { type: 'string', default: '5' },
    drop: { type: 'boolean', default: false },
    server: { type: 'string', default: 'postgres://postgres@127.0.0.1:5432' },
    database: { type: 'string', default: 'gz_bench_overview' },
    scale: { type: 'string', default: '0.02' },
    budget: { type: 'string', default: '60' },
  },
});
const orders = Number(values.orders);
const rounds = Number(values.rounds);
const scale = Number(values.scale);
const budgetMs = Number(values.budget) * 1000;
if (!Number.isInteger(orders) || orders < 0) throw new Error(`--orders: 应为非负整数: ${values.orders}`);
if (!Number.isInteger(rounds) || rounds < 1) throw new Error(`--rounds: 应为正整数: ${values.rounds}`);
if (!(scale > 0 && scale <= 2)) throw new Error(`--scale: 应在 0 到 2 之间: ${values.scale}`);
if (!(budgetMs > 0)) throw new Error(`--budget: 应为正数（秒）: ${values.budget}`);

const started = performance.now();
const url = databaseUrl(values.server, values.database);
await ensureDatabase(values.server, values.database, values.fresh);
const bench = await openBench(url);
const su = await superuser(url);
try {
  if (!(await hasFinishedDemo(su))) {
    const t = performance.now();
    await loadDemoCounty(bench.deps, bench.database, scale);
    console.error(`demo county: ${((performance.now() - t) / 1000).toFixed(1)} s, 数据库 ${gb(await databaseBytes(su))}`);
  }
  const steps = await growCounty(su, orders);
  // Orders grown in SQL are queued for the statistics' rollups; the server's job would take them
  // in the background, the bench takes them now and says how long that took.
  const rolled = performance.now();
  const backlog = await rollupBacklog(bench.deps);
  const rollBar = progressBar('统计汇总');
  const applied = await catchUpRollups(bench.deps, { onProgress: (done) => rollBar.update(Math.min(done, backlog), backlog) });
  rollBar.stop();
  const rollupSeconds = (performance.now() - rolled) / 1000;

  const app = await buildApp(bench.deps);
  const cookies: Record<Who, string> = { county: await login(app, 'county'), township: await login(app, 'township') };
  // Warm the session cache and the pool before the baseline is timed.
  for (let i = 0; i < 3; i++) for (const cookie of Object.values(cookies)) await app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie } });
  const cases = [];
  for (const who of ['county', 'township'] as const) {
    const me = (await app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: cookies[who] } })).json().user as { regionCode: string };
    const { rows } = await su.query<{ path: string; orders: number; after: string | null }>(
      `SELECT r.path, (SELECT count(*) FROM work_orders o WHERE o.path <@ r.path)::int AS orders,
        (SELECT o.id FROM work_orders o WHERE o.path <@ r.path ORDER BY o.created_at DESC, o.id DESC OFFSET 999 LIMIT 1) AS after
       FROM regions r WHERE r.code = $1`,
      [me.regionCode],
    );
    cases.push(...casesFor(who, { ...rows[0]!, regionCode: me.regionCode }, new Date()));
  }
  const results = await timeCases(app, su, cookies, cases, { rounds, budgetMs });
  await app.close();

  const counts = (
    await su.query<Record<string, number>>(`SELECT
      (SELECT count(*) FROM work_orders)::int AS work_orders, (SELECT count(*) FROM work_order_stages)::int AS stages,
      (SELECT count(*) FROM work_order_events)::int AS events, (SELECT count(*) FROM follow_ups)::int AS follow_ups,
      (SELECT count(*) FROM whistle_calls)::int AS whistle_calls, (SELECT count(*) FROM notifications)::int AS notifications,
      (SELECT count(*) FROM dispute_cases)::int AS dispute_cases`)
  ).rows[0]!;
  console.log(
    `\nPostgreSQL, database ${values.database}: ${Object.entries(counts)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}; size ${gb(await databaseBytes(su))}`,
  );
  console.log(`rollups: ${applied} orders applied in ${rollupSeconds.toFixed(1)} s (backlog ${backlog})`);
  console.log(`growth this run: ${steps.map((s) => `${s.step} ${s.rows} rows ${s.seconds.toFixed(1)} s`).join('; ')}`);
  console.log(`median of up to ${rounds} rounds (fewer once an endpoint has taken ${budgetMs / 1000} s); plain SQL as the superuser without RLS\n`);
  console.log(formatTable(results));
  console.log(`\ntotal ${((performance.now() - started) / 1000).toFixed(0)} s`);
} finally {
  await su.end();
  await bench.database.close();
  fs.rmSync(bench.dataDir, { recursive: true, force: true });
  if (values.drop) await dropDatabase(values.server, values.database);
}
