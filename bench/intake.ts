/**
 * Intake benchmark: `npx tsx bench/intake.ts [--driver pglite|postgres|both] [--requests 1000]
 * [--warmup 50] [--concurrency N] [--pg-url postgres://postgres@127.0.0.1:5432/postgres] [--seed bench]`.
 *
 * For each driver: a fresh database (PGlite in a temp folder; on PostgreSQL a database
 * gongzhi_bench_<pid> made with the superuser URL and dropped at the end), migrated, with 黎平县's
 * (522631) real regions, its synthetic demo grids and the demo departments. The real app
 * (buildApp) listens on a random local port and takes resident reports over HTTP —
 * POST /api/v1/public/requests with an Idempotency-Key, as the web form sends them: a corpus
 * text, a pin in the middle of a random grid, anonymous, no photo — through classification, the
 * grid locator, numbering, routing, duplicate search and the audit log.
 *
 * Baseline, in the same run and through the same pool: the same number of rows with the same texts
 * and places, each fully formed beforehand (classified, located, numbered) and written with one
 * Kysely INSERT INTO work_orders per transaction (withContext as the server). Baseline rows are
 * dated 400 days back so that the API's duplicate search (last 7 days) does not see them.
 *
 * The machine may be shared, so the two run in interleaved rounds (alternating which goes first);
 * both see the table grow alike. Figures on stdout; progress on stderr.
 *
 * Where a report's time goes: the server sends its phases in a Server-Timing header (classify,
 * locate, tx = the transaction with its commit, after = work after the commit, total = the server's
 * whole time since routing); the bench reads it from every measured report and prints each phase's
 * median and p95, and "other" (total minus the phases: hooks, validation, the rest of intake,
 * serializing the answer).
 */
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { uuidv7 } from 'uuidv7';
import { DEMO_PASSWORD, seedDemoAccounts } from '../src/cli/demo-accounts.js';
import { progressBar } from '../src/cli/progress.js';
import { generateCountyGrids, seededRandom } from '../src/modules/regions/demo-geometry.js';
import { readDivisionCounty } from '../src/modules/regions/division.js';
import { saveGrids } from '../src/modules/regions/grid-bulk-service.js';
import { loadCounty } from '../src/modules/regions/service.js';
import { loadCorpus } from '../src/modules/requests/classify/corpus.js';
import { classifyText } from '../src/modules/requests/classify/service.js';
import { queryCodeFor, queryCodeHash } from '../src/modules/requests/intake-service.js';
import { tierOf } from '../src/modules/requests/stages.js';
import type { OrderRow } from '../src/modules/requests/store.js';
import { SYSTEM_ACTOR } from '../src/platform/actor.js';
import { systemClock } from '../src/platform/clock.js';
import { loadConfig, type Config } from '../src/platform/config.js';
import { SYSTEM_CONTEXT, withContext } from '../src/platform/db/context.js';
import type { Database } from '../src/platform/db/database.js';
import { countStatements } from '../src/platform/db/statements.js';
import type { Deps } from '../src/platform/deps.js';
import { buildApp } from '../src/platform/http/app.js';
import { chinaDate } from '../src/platform/time.js';
import { deadline } from './lib/deadline.js';
import { withFreshDatabase, type Driver } from './lib/fresh-database.js';
import { polygonCentroid } from '../src/modules/regions/geometry.js';

const { values: args } = parseArgs({
  options: {
    driver: { type: 'string', default: 'both' },
    requests: { type: 'string', default: '1000' },
    warmup: { type: 'string', default: '50' },
    concurrency: { type: 'string' },
    'pg-url': { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/postgres' },
    seed: { type: 'string', default: 'bench' },
  },
});
const DRIVERS = (args.driver === 'both' ? ['pglite', 'postgres'] : [args.driver]) as Driver[];
const REQUESTS = Number(args.requests);
const WARMUP = Number(args.warmup);
const ROUNDS = 5;
const COUNTY = '522631';
const RATE_LIMIT = 1_000_000_000;
/** PGlite is one connection: more clients only queue. PostgreSQL gets the app's pool of 10. */
const concurrencyFor = (driver: string) => Number(args.concurrency ?? (driver === 'pglite' ? 2 : 8));
for (const d of DRIVERS) if (d !== 'pglite' && d !== 'postgres') throw new Error(`--driver: pglite, postgres or both, not ${d}`);
for (const [name, n] of [
  ['requests', REQUESTS],
  ['warmup', WARMUP],
  ['concurrency', concurrencyFor('postgres')],
] as const) {
  if (!Number.isInteger(n) || n < (name === 'warmup' ? 0 : 1)) throw new Error(`--${name}: a whole number, not ${n}`);
}
// Baseline numbers are <county>-<day>-<5 digits>.
if (WARMUP + REQUESTS > 99_999) throw new Error('--warmup plus --requests: at most 99,999');

let stopping: string | null = null;
// Ctrl-C (or a SIGTERM, which npx/tsx may relay) stops the run and cleans up; npx and tsx may
// each relay the same Ctrl-C, so only a signal a second or more after the first leaves at once.
let firstSignalAt = 0;
const onSignal = (signal: NodeJS.Signals) => {
  if (stopping && Date.now() - firstSignalAt > 1000) process.exit(130);
  if (firstSignalAt) return;
  firstSignalAt = Date.now();
  stopping = `interrupted (${signal})`;
  process.stderr.write(`\n${signal}: stopping and cleaning up (again to leave at once)…\n`);
};
process.on('SIGINT', onSignal);
process.on('SIGTERM', onSignal);
const checkStop = () => {
  if (stopping) throw new Error(stopping);
};

interface Item {
  body: { description: string; lat: number; lng: number; anonymous: true; privacyAcknowledged: true };
  row: OrderRow;
}

interface Measured {
  ms: number[];
  wallMs: number;
}

const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const pct = (sorted: number[], p: number) => sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)]!;

/** The title intake derives when the form has none (intake-service.ts titleOf). */
function titleOf(description: string): string {
  const first = description.split(/[。！？!?\n]/)[0] ?? description;
  return first.slice(0, 30) || description.slice(0, 30);
}

/** Regions, departments and grids; then the workload: texts and pins, and each one's finished baseline row. */
async function prepare(deps: Deps, database: Database, count: number): Promise<Item[]> {
  await loadCounty(deps.db, deps.clock, SYSTEM_ACTOR, COUNTY);
  await seedDemoAccounts(deps, COUNTY);
  checkStop();
  const grids = generateCountyGrids(readDivisionCounty(COUNTY).villages, { seed: args.seed });
  await saveGrids(deps, SYSTEM_ACTOR, grids, { synthetic: true });
  await database.admin.exec('ANALYZE');
  checkStop();
  const paths = new Map(
    (await withContext(deps.db, SYSTEM_CONTEXT, (tx) => tx.selectFrom('grids').select(['code', 'path']).execute())).map((g) => [g.code, g.path]),
  );
  const texts = loadCorpus()
    .map((r) => r.text.trim())
    .filter((t) => t.length >= 5 && t.length <= 4000);
  const rand = seededRandom(`${args.seed}:intake`);
  const past = new Date(deps.clock.now().getTime() - 400 * 86_400_000);
  const day = chinaDate(past).replaceAll('-', '');
  const items: Item[] = [];
  for (let i = 0; i < count; i++) {
    const description = texts[Math.floor(rand() * texts.length)]!;
    const grid = grids[Math.floor(rand() * grids.length)]!;
    const [lng, lat] = polygonCentroid(grid.boundary);
    const c = await classifyText(deps, description);
    const categoryCode = c.confidence >= deps.config.triageThreshold ? c.categoryCode : null;
    const id = uuidv7();
    const row: OrderRow = {
      id,
      number: `${COUNTY}-${day}-${String(i + 1).padStart(5, '0')}`,
      query_code_hash: queryCodeHash(queryCodeFor(deps.config.hmacKey, id)),
      submit_key: `anon:127.0.0.1:${randomUUID()}`,
      submit_hash: null,
      channel: 'web',
      external_source: null,
      external_id: null,
      request_type: c.requestType,
      category_code: categoryCode,
      category_confirmed: false,
      predicted_category_code: c.categoryCode,
      predicted_request_type: c.requestType,
      confidence: c.confidence,
      tier: categoryCode ? tierOf(categoryCode) : null,
      title: titleOf(description),
      description,
      address: null,
      lat,
      lng,
      grid_code: grid.code,
      village_code: grid.villageCode,
      township_code: grid.code.slice(0, 9).padEnd(12, '0'),
      county_code: COUNTY,
      path: paths.get(grid.code)!,
      requester_name: null,
      requester_phone_enc: null,
      requester_phone_hash: null,
      anonymous: true,
      status: 'accepted',
      level: null,
      unit_region_code: null,
      unit_department_id: null,
      current_stage_id: null,
      sign_for_due: null,
      resolve_due: null,
      follow_up_due: null,
      resolved_at: null,
      closed_at: null,
      closed_level: null,
      resolution: null,
      supervised: false,
      return_pending: false,
      reopen_count: 0,
      parent_id: null,
      created_by: null,
      synthetic: false,
      created_at: past,
      updated_at: past,
    };
    items.push({ body: { description, lat, lng, anonymous: true, privacyAcknowledged: true }, row });
  }
  return items;
}

/** Runs `one` over the items with `concurrency` workers; each item's latency and the wall time. */
async function run(items: Item[], concurrency: number, one: (item: Item) => Promise<void>, tick: () => void): Promise<Measured> {
  const ms: number[] = [];
  let next = 0;
  const t0 = performance.now();
  const worker = async () => {
    while (next < items.length && !stopping) {
      const item = items[next++]!;
      const t = performance.now();
      try {
        await deadline(one(item), 60_000, 'a request');
      } catch (err) {
        stopping ??= 'a request failed';
        throw err;
      }
      ms.push(performance.now() - t);
      tick();
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  checkStop();
  return { ms, wallMs: performance.now() - t0 };
}

/** Phase → ms, from a Server-Timing header (`tx;dur=6.20, total;dur=8.90`). */
function parseServerTiming(header: string | null): Record<string, number> {
  const out: Record<string, number> = {};
  for (const entry of (header ?? '').split(',')) {
    const m = /^\s*([\w.-]+)(?:;.*?\bdur=([0-9.]+))?/.exec(entry);
    if (m?.[2]) out[m[1]!] = Number(m[2]);
  }
  return out;
}

/** Median, p95 and share of the server's time for each phase of the reports, and "other": total minus the phases. */
function printPhases(reports: Record<string, number>[], clientP50: number): void {
  if (reports.length === 0 || reports.some((r) => r.total === undefined)) throw new Error('a report came back without Server-Timing total');
  const names = [...new Set(reports.flatMap((r) => Object.keys(r)))].filter((n) => n !== 'total');
  const column = (name: string) => reports.map((r) => (name === 'other' ? r.total! - names.reduce((sum, n) => sum + (r[n] ?? 0), 0) : (r[name] ?? 0)));
  const totalSum = column('total').reduce((a, b) => a + b, 0);
  console.log(`  where a report's server time goes (Server-Timing of ${fmt(reports.length)} measured reports; client-side p50 ${fmt(clientP50, 2)} ms):`);
  console.log(`    ${'phase'.padEnd(10)}${'p50 ms'.padStart(10)}${'p95 ms'.padStart(10)}${'share'.padStart(9)}`);
  for (const name of [...names, 'other', 'total']) {
    const ms = column(name);
    const sorted = [...ms].sort((a, b) => a - b);
    const share = (ms.reduce((a, b) => a + b, 0) / totalSum) * 100;
    console.log(`    ${name.padEnd(10)}${fmt(pct(sorted, 0.5), 2).padStart(10)}${fmt(pct(sorted, 0.95), 2).padStart(10)}${`${share.toFixed(1)}%`.padStart(9)}`);
  }
}

function merge(parts: Measured[]): { rps: number; p50: number; p95: number; p99: number } {
  const ms = parts.flatMap((p) => p.ms).sort((a, b) => a - b);
  const wall = parts.reduce((s, p) => s + p.wallMs, 0);
  return { rps: (ms.length / wall) * 1000, p50: pct(ms, 0.5), p95: pct(ms, 0.95), p99: pct(ms, 0.99) };
}

async function bench(driver: Driver): Promise<{ driver: string; rpsRatio: number; p99Ratio: number }> {
  const concurrency = concurrencyFor(driver);
  const base: Config = {
    ...loadConfig(process.env),
    logLevel: 'silent',
    anonymousRateLimitPerMinute: RATE_LIMIT,
    sweepMinutes: 0,
    webhookUrl: undefined,
    demoCounty: COUNTY,
  };
  return withFreshDatabase(driver, base, args['pg-url'], async (database, config) => {
    const deps: Deps = { db: database.db, clock: systemClock, config };
    const setupStart = performance.now();
    const items = await prepare(deps, database, WARMUP + REQUESTS);
    const app = await buildApp(deps);
    try {
      const origin = await app.listen({ host: '127.0.0.1', port: 0 });
      const statuses = new Map<string, number>();
      let duplicates = 0;
      const phases: Record<string, number>[] = [];
      const api = async (item: Item) => {
        const res = await fetch(`${origin}/api/v1/public/requests`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID() },
          body: JSON.stringify(item.body),
        });
        const text = await res.text();
        if (res.status !== 201) throw new Error(`POST /api/v1/public/requests → ${res.status}: ${text.slice(0, 300)}`);
        phases.push(parseServerTiming(res.headers.get('server-timing')));
        const created = JSON.parse(text) as { status: string; duplicateCandidates: unknown[] };
        statuses.set(created.status, (statuses.get(created.status) ?? 0) + 1);
        if (created.duplicateCandidates.length > 0) duplicates += 1;
      };
      const insert = async (item: Item) => {
        await withContext(deps.db, SYSTEM_CONTEXT, (tx) => tx.insertInto('work_orders').values(item.row).execute());
      };
      const version = (await database.admin.query(`SELECT current_setting('server_version') AS v`)).rows[0]!.v as string;
      const setupSeconds = (performance.now() - setupStart) / 1000;

      const bar = progressBar(`${driver}: warm-up + ${ROUNDS} interleaved rounds`);
      let done = 0;
      const total = 2 * items.length;
      const tick = () => bar.update(++done, total);
      const warm = items.slice(0, WARMUP);
      await run(warm, concurrency, insert, tick);
      await run(warm, concurrency, api, tick);
      statuses.clear();
      duplicates = 0;
      phases.length = 0;
      const measured = items.slice(WARMUP);
      const apiParts: Measured[] = [];
      const baseParts: Measured[] = [];
      for (let r = 0; r < ROUNDS; r++) {
        const chunk = measured.slice(Math.floor((r * REQUESTS) / ROUNDS), Math.floor(((r + 1) * REQUESTS) / ROUNDS));
        if (r % 2 === 0) baseParts.push(await run(chunk, concurrency, insert, tick));
        apiParts.push(await run(chunk, concurrency, api, tick));
        if (r % 2 === 1) baseParts.push(await run(chunk, concurrency, insert, tick));
      }
      bar.stop();
      const rows = (await database.admin.query('SELECT count(*)::int AS n FROM work_orders')).rows[0]!.n as number;
      if (rows !== total) throw new Error(`work_orders holds ${rows} rows, expected ${total}`);

      const a = merge(apiParts);
      const b = merge(baseParts);
      const line = (label: string, m: ReturnType<typeof merge>) =>
        `  ${label.padEnd(40)}${fmt(m.rps, 1).padStart(9)}${fmt(m.p50, 2).padStart(10)}${fmt(m.p95, 2).padStart(10)}${fmt(m.p99, 2).padStart(10)}`;
      const outcome = [...statuses].map(([s, n]) => `${n} ${s}`).join(', ');
      console.log(`\n${driver} (server ${version}), concurrency ${concurrency}; setup ${setupSeconds.toFixed(1)} s`);
      console.log(
        `  ${fmt(REQUESTS)} measured each after ${fmt(WARMUP)} warm-up, ${ROUNDS} interleaved rounds; API outcome: ${outcome}; ${duplicates} with duplicate candidates`,
      );
      console.log(`  ${''.padEnd(40)}${'req/s'.padStart(9)}${'p50 ms'.padStart(10)}${'p95 ms'.padStart(10)}${'p99 ms'.padStart(10)}`);
      console.log(line('API POST /api/v1/public/requests', a));
      console.log(line('baseline INSERT work_orders (1 per tx)', b));
      const perRound = (parts: Measured[]) => parts.map((p) => fmt((p.ms.length / p.wallMs) * 1000, 1)).join(' ');
      console.log(`  req/s by round (drift): API ${perRound(apiParts)}; baseline ${perRound(baseParts)}`);
      console.log(`  ratio: API/baseline throughput ${(a.rps / b.rps).toFixed(3)}×, p99 ${(a.p99 / b.p99).toFixed(1)}×, p50 ${(a.p50 / b.p50).toFixed(1)}×`);
      printPhases(phases.splice(0), a.p50);
      // Round trips of one more report and one baseline row, each alone (nothing else running).
      const extra = items[items.length - 1]!;
      const apiCount = (await countStatements(() => api(extra))).count;
      if (process.env.BENCH_SHOW_STATEMENTS) console.log(apiCount.texts.map((t) => `    ${t.replace(/\s+/g, ' ').slice(0, 100)}`).join('\n'));
      const baseCount = (
        await countStatements(() =>
          insert({ ...extra, row: { ...extra.row, id: uuidv7(), number: `${extra.row.number}x`, submit_key: `anon:127.0.0.1:${randomUUID()}` } }),
        )
      ).count;
      console.log(
        `  statements per request: API ${apiCount.statements} in ${apiCount.transactions} transaction(s); baseline ${baseCount.statements} in ${baseCount.transactions}`,
      );
      // A signed-in GET against the unauthenticated health check: what the session check costs.
      const login = await fetch(`${origin}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'county', password: DEMO_PASSWORD }),
      });
      if (login.status !== 200) throw new Error(`login → ${login.status}: ${(await login.text()).slice(0, 200)}`);
      const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
      const getter = (url: string, headers: Record<string, string>) => async () => {
        const res = await fetch(`${origin}${url}`, { headers });
        await res.arrayBuffer();
        if (res.status !== 200) throw new Error(`GET ${url} → ${res.status}`);
      };
      const gets = items.slice(0, Math.min(items.length, 2000));
      const me = getter('/api/v1/auth/me', { cookie });
      const health = getter('/api/v1/health', {});
      await run(gets.slice(0, 100), concurrency, me, () => {});
      const meRun = merge([await run(gets, concurrency, me, () => {})]);
      const healthRun = merge([await run(gets, concurrency, health, () => {})]);
      const meCount = (await countStatements(me)).count;
      console.log(line('GET /api/v1/auth/me (signed in)', meRun));
      console.log(line('GET /api/v1/health (no session)', healthRun));
      console.log(
        `  ratio: signed-in/health throughput ${(meRun.rps / healthRun.rps).toFixed(3)}×; a signed-in GET ran ${meCount.statements} statements in ${meCount.transactions} transaction(s) (session read within 10 s)`,
      );
      return { driver, rpsRatio: a.rps / b.rps, p99Ratio: a.p99 / b.p99 };
    } finally {
      await deadline(app.close(), 15_000, 'closing the server').catch((err: Error) => console.error(err.message));
    }
  });
}

const cpus = os.cpus();
console.log(`intake benchmark: npx tsx bench/intake.ts ${process.argv.slice(2).join(' ')}`.trimEnd());
console.log(
  `node ${process.version}, ${cpus.length} cores (${cpus[0]?.model.trim() ?? '?'}), ${os.platform()} ${os.release()}, load average ${os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')} (shared machine: figures are indicative)`,
);
console.log(
  `county ${COUNTY}: real regions, demo grids (seed ${args.seed}) and departments; anonymous rate limit raised to ${fmt(RATE_LIMIT)}/min for the bench`,
);
const results: { driver: string; rpsRatio: number; p99Ratio: number }[] = [];
try {
  for (const driver of DRIVERS) results.push(await bench(driver));
  console.log('\nsummary (API / baseline):');
  for (const r of results) console.log(`  ${r.driver.padEnd(9)} throughput ${r.rpsRatio.toFixed(3)}×   p99 latency ${r.p99Ratio.toFixed(1)}×`);
} catch (err) {
  console.error(String(stopping).startsWith('interrupted') ? `${String(stopping)}: cleaned up` : `bench failed: ${(err as Error).stack ?? String(err)}`);
  process.exit(1); // cleanup has run; a hung connection must not keep the process alive
}
