/**
 * Registry list speed at full scale: how long the county, a township and a village wait for the
 * first and a deep page of households and residents, and for the region tree with its counts.
 *
 * Runs against a database that already holds a demo county (the numbers mean something at
 * `gongzhi demo --scale 1`: ~176k households, ~576k residents). Point it at one the way the
 * server is pointed: DATABASE_URL=postgres://… for PostgreSQL, or GONGZHI_DATA_DIR for PGlite.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/gz_full npx tsx bench/lists.ts [--rounds 15]
 *
 * Every figure is a median over the rounds, printed beside the same run's baseline: an
 * authenticated GET /api/v1/auth/me (session check + one row), the floor any API call pays.
 */
import { parseArgs } from 'node:util';
import { DEMO_PASSWORD } from '../src/cli/demo-accounts.js';
import { progressBar } from '../src/cli/progress.js';
import { systemClock } from '../src/platform/clock.js';
import { loadConfig } from '../src/platform/config.js';
import { openDatabase } from '../src/platform/db/database.js';
import type { Deps } from '../src/platform/deps.js';
import { buildApp } from '../src/platform/http/app.js';

const { values } = parseArgs({ options: { rounds: { type: 'string', default: '15' } } });
const rounds = Number(values.rounds);

const config = loadConfig();
const database = await openDatabase(config);
const deps: Deps = { db: database.db, clock: systemClock, config };
const app = await buildApp(deps);

async function login(username: string): Promise<string> {
  const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password: DEMO_PASSWORD } });
  if (res.statusCode !== 200) throw new Error(`login ${username}: ${res.statusCode} ${res.body}`);
  return String(res.headers['set-cookie']).split(';')[0]!;
}

async function median(cookie: string, url: string): Promise<{ ms: number; total?: number }> {
  const times: number[] = [];
  let total: number | undefined;
  for (let i = 0; i < rounds; i++) {
    const t = performance.now();
    const res = await app.inject({ method: 'GET', url, headers: { cookie } });
    times.push(performance.now() - t);
    if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body.slice(0, 200)}`);
    total ??= (res.json() as { total?: number }).total;
  }
  times.sort((a, b) => a - b);
  return { ms: times[Math.floor(times.length / 2)]!, total };
}

const who = { county: await login('county'), township: await login('township'), village: await login('village') };
const me = async (c: string) => (await app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: c } })).json().user as { regionCode: string };
const countyCode = (await me(who.county)).regionCode;

const cases: [keyof typeof who, string][] = [
  ['county', '/api/v1/auth/me'],
  ['county', `/api/v1/regions/${countyCode}/children`],
  ['county', '/api/v1/households?page=1&pageSize=50'],
  ['county', '/api/v1/households?page=200&pageSize=50'],
  ['county', '/api/v1/households?q=12&page=1&pageSize=50'],
  ['county', '/api/v1/residents?page=1&pageSize=50'],
  ['county', '/api/v1/residents?tag=elderly_alone&page=1&pageSize=50'],
  ['township', '/api/v1/households?page=1&pageSize=50'],
  ['township', '/api/v1/residents?page=1&pageSize=50'],
  ['village', '/api/v1/households?page=1&pageSize=50'],
  ['village', '/api/v1/residents?page=1&pageSize=50'],
];

const bar = progressBar('lists');
const results: { who: string; url: string; ms: number; total?: number }[] = [];
for (const [i, [u, url]] of cases.entries()) {
  results.push({ who: u, url, ...(await median(who[u], url)) });
  bar.update(i + 1, cases.length);
}
bar.stop();
const floor = results[0]!.ms;
console.log(`\n${config.databaseUrl ? 'PostgreSQL' : 'PGlite'}, median of ${rounds} rounds; baseline GET /auth/me = ${floor.toFixed(1)} ms`);
for (const r of results.slice(1)) {
  console.log(
    `${r.who.padEnd(9)} ${r.url.padEnd(58)} ${r.ms.toFixed(1).padStart(8)} ms  ${(r.ms / floor).toFixed(1).padStart(6)}× baseline${r.total !== undefined ? `  (${r.total} rows)` : ''}`,
  );
}
await app.close();
await database.close();
