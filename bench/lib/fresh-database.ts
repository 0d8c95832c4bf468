import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { Config } from '../../src/platform/config.js';
import { openDatabase, type Database } from '../../src/platform/db/database.js';
import { deadline } from './deadline.js';

export type Driver = 'pglite' | 'postgres';

/** Whether process `pid` still runs on this machine. */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Leftovers of earlier runs that were killed outright (tsx answers a Ctrl-C with SIGKILL when the
 * script's event loop is busy, as it is inside PGlite): folders and databases named after a
 * process that no longer runs.
 */
async function sweepLeftovers(driver: Driver, superuser: (statement: string) => Promise<{ rows: { datname: string }[] }>): Promise<void> {
  if (driver === 'pglite') {
    for (const name of fs.readdirSync(os.tmpdir())) {
      const pid = /^gongzhi-bench-(\d+)-/.exec(name)?.[1];
      if (pid && !alive(Number(pid))) fs.rmSync(path.join(os.tmpdir(), name), { recursive: true, force: true });
    }
    return;
  }
  const { rows } = await superuser(`SELECT datname FROM pg_database WHERE datname ~ '^gongzhi_bench_[0-9]+$'`);
  for (const { datname } of rows)
    if (!alive(Number(datname.slice('gongzhi_bench_'.length)))) await superuser(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
}

/**
 * Runs `fn` on a fresh, migrated database that is removed afterwards, whatever happens: PGlite in
 * a temp folder gongzhi-bench-<pid>-*, or on PostgreSQL a database gongzhi_bench_<pid> created and
 * dropped (WITH FORCE) through `superuserUrl` (any database of the server, e.g.
 * postgres://postgres@127.0.0.1:5432/postgres). Leftovers of killed runs are removed first.
 */
export async function withFreshDatabase<T>(
  driver: Driver,
  base: Config,
  superuserUrl: string,
  fn: (database: Database, config: Config) => Promise<T>,
): Promise<T> {
  const use = async (config: Config, pgliteDir?: string) => {
    const database = await openDatabase(config, { pgliteDir });
    try {
      return await fn(database, config);
    } finally {
      // A connection stuck in a hung query must not keep the temp folder or database alive.
      await deadline(database.close(), 15_000, 'closing the database').catch((err: Error) => console.error(err.message));
    }
  };
  const superuser = async (statement: string) => {
    const client = new pg.Client({ connectionString: superuserUrl });
    await client.connect();
    try {
      return await client.query<{ datname: string }>(statement);
    } finally {
      await client.end();
    }
  };
  await sweepLeftovers(driver, superuser);
  if (driver === 'pglite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), `gongzhi-bench-${process.pid}-`));
    try {
      return await use({ ...base, databaseUrl: undefined, appDatabaseUrl: undefined, dataDir: dir }, path.join(dir, 'pglite'));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
  const name = `gongzhi_bench_${process.pid}`;
  await superuser(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await superuser(`CREATE DATABASE ${name}`);
  try {
    const url = new URL(superuserUrl);
    url.pathname = `/${name}`;
    return await use({ ...base, databaseUrl: url.toString(), appDatabaseUrl: undefined });
  } finally {
    await superuser(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  }
}
