import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { loadDemo } from '../../src/cli/demo.js';
import { systemClock } from '../../src/platform/clock.js';
import { loadConfig, type Config } from '../../src/platform/config.js';
import { openDatabase, type Database } from '../../src/platform/db/database.js';
import type { Deps } from '../../src/platform/deps.js';

/** A superuser connection to one database of the server (RLS does not apply to it). */
export async function superuser(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return client;
}

/** The URL of database `name` on the server of `serverUrl`. */
export function databaseUrl(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

const PROTECTED = new Set(['postgres', 'test', 'template0', 'template1']);

function checkName(name: string): void {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`--database: 只能用小写字母、数字和下划线: ${name}`);
  if (PROTECTED.has(name)) throw new Error(`--database: 不能使用数据库 ${name}`);
}

/** Creates the bench database unless it exists (or drops it first with `fresh`); true when created. */
export async function ensureDatabase(serverUrl: string, name: string, fresh: boolean): Promise<boolean> {
  checkName(name);
  const su = await superuser(databaseUrl(serverUrl, 'postgres'));
  try {
    if (fresh) await su.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    const { rowCount } = await su.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (rowCount) return false;
    await su.query(`CREATE DATABASE ${name}`);
    return true;
  } finally {
    await su.end();
  }
}

export async function dropDatabase(serverUrl: string, name: string): Promise<void> {
  checkName(name);
  const su = await superuser(databaseUrl(serverUrl, 'postgres'));
  try {
    await su.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  } finally {
    await su.end();
  }
}

/**
 * Opens (and migrates) the bench database as the server does. Files the app writes outside the
 * database (audit checkpoints) go to a temp folder, never to the project's ./data.
 */
export async function openBench(url: string): Promise<{ database: Database; deps: Deps; config: Config; dataDir: string }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongzhi-bench-overview-'));
  const config: Config = { ...loadConfig(), databaseUrl: url, appDatabaseUrl: undefined, dataDir, auditCheckpointFile: undefined };
  const database = await openDatabase(config);
  return { database, deps: { db: database.db, clock: systemClock, config }, config, dataDir };
}

/** Whether the demo county and its accounts are there (a finished `gongzhi demo`). */
export async function hasFinishedDemo(su: pg.Client): Promise<boolean> {
  const { rows } = await su.query<{ done: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM demo_state WHERE finished_at IS NOT NULL) AND EXISTS (SELECT 1 FROM users WHERE username = 'county') AS done`,
  );
  return rows[0]!.done;
}

/** `gongzhi demo --scale <scale>` on the bench database. */
export async function loadDemoCounty(deps: Deps, database: Database, scale: number): Promise<void> {
  await loadDemo(deps, { county: deps.config.demoCounty, scale, seed: 1 }, () => database.admin.exec('ANALYZE'));
}
