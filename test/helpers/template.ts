import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { systemClock } from '../../src/platform/clock.js';
import { loadConfig, type Config } from '../../src/platform/config.js';
import { openDatabase } from '../../src/platform/db/database.js';
import { seedDemoAccounts, type DemoAccount } from '../../src/cli/demo-accounts.js';
import { loadCounty } from '../../src/modules/regions/service.js';
import { SYSTEM_ACTOR } from '../../src/platform/actor.js';

export const TEST_COUNTY = '522631';

/** What the template holds, handed to every test file. */
export interface Fixture {
  driver: 'pglite' | 'postgres';
  /** PGlite: folder holding the template's pglite/ data. PostgreSQL: template database name. */
  template: string;
  accounts: DemoAccount[];
}

export function baseTestConfig(overrides: Partial<Config> = {}): Config {
  return { ...loadConfig({ ...process.env, NODE_ENV: 'test' }), logLevel: 'silent', ...overrides };
}

/** DATABASE_URL with another database name. */
export function withDatabaseName(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

async function seed(config: Config, pgliteDir?: string): Promise<DemoAccount[]> {
  const database = await openDatabase(config, { pgliteDir });
  try {
    const deps = { db: database.db, clock: systemClock, config };
    await loadCounty(deps.db, deps.clock, SYSTEM_ACTOR, TEST_COUNTY);
    return await seedDemoAccounts(deps, TEST_COUNTY);
  } finally {
    await database.close();
  }
}

/** Builds the migrated, seeded template once per test run. */
export async function buildTemplate(): Promise<Fixture> {
  const url = process.env.DATABASE_URL;
  if (url) {
    const name = `gongzhi_tpl_${process.pid}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${name}`);
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const accounts = await seed(baseTestConfig({ databaseUrl: withDatabaseName(url, name) }));
    return { driver: 'postgres', template: name, accounts };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongzhi-tpl-'));
  const accounts = await seed(baseTestConfig({ databaseUrl: undefined, dataDir: dir }), path.join(dir, 'pglite'));
  return { driver: 'pglite', template: dir, accounts };
}

export async function dropTemplate(f: Fixture): Promise<void> {
  if (f.driver === 'pglite') {
    fs.rmSync(f.template, { recursive: true, force: true });
    return;
  }
  const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${f.template} WITH (FORCE)`);
  await admin.end();
}
