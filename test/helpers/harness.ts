import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { inject } from 'vitest';
import { totpCode } from '../../src/platform/accounts/totp.js';
import { ManualClock } from '../../src/platform/clock.js';
import type { Config } from '../../src/platform/config.js';
import { openDatabase, type Database } from '../../src/platform/db/database.js';
import type { Deps } from '../../src/platform/deps.js';
import { buildApp } from '../../src/platform/http/app.js';
import { DEMO_PASSWORD } from '../../src/cli/demo-accounts.js';
import { baseTestConfig, withDatabaseName, type Fixture } from './template.js';

export { DEMO_PASSWORD };

export interface Harness {
  fixture: Fixture;
  config: Config;
  clock: ManualClock;
  database: Database;
  deps: Deps;
  app: FastifyInstance;
  /** Environment for running the `gongzhi` CLI against this test's database. */
  cliEnv: NodeJS.ProcessEnv;
  /** Logs in through the API and returns the session cookie header. */
  login(username: string, password?: string): Promise<string>;
  totpFor(username: string): string;
  /**
   * A business account made the way the web makes one: the system admin creates it (half A), the
   * security admin approves (half B), the user redeems both with this password. Returns its id.
   */
  addUser(body: { username: string; displayName: string; role: string; regionCode: string; departmentId?: string }, password: string): Promise<string>;
  /** Closes the app and database but keeps the data (to let a CLI process open it). */
  stop(): Promise<void>;
  close(): Promise<void>;
}

let counter = 0;

/** A fresh copy of the seeded template database and an app on it, for one test file. */
export async function createHarness(overrides: Partial<Config> = {}): Promise<Harness> {
  const fixture = inject('fixture');
  // A fixed start, so dates and ages in tests do not depend on the day they run.
  const clock = new ManualClock('2026-11-23T09:00:00+08:00');
  let config: Config;
  let pgliteDir: string | undefined;
  let dropDatabase = async () => {};
  if (fixture.driver === 'pglite') {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongzhi-test-'));
    fs.cpSync(path.join(fixture.template, 'pglite'), path.join(dataDir, 'pglite'), { recursive: true });
    pgliteDir = path.join(dataDir, 'pglite');
    config = baseTestConfig({ databaseUrl: undefined, dataDir, ...overrides });
    dropDatabase = async () => fs.rmSync(dataDir, { recursive: true, force: true });
  } else {
    const url = process.env.DATABASE_URL!;
    const name = `gongzhi_t_${process.pid}_${++counter}_${Date.now() % 100000}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${fixture.template}`);
    await admin.end();
    config = baseTestConfig({ databaseUrl: withDatabaseName(url, name), dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'gongzhi-test-')), ...overrides });
    dropDatabase = async () => {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    };
  }
  const database = await openDatabase(config, { pgliteDir });
  const deps: Deps = { db: database.db, clock, config };
  const app = await buildApp(deps);
  const cliEnv = {
    ...process.env,
    GONGZHI_DATA_DIR: config.dataDir,
    DATABASE_URL: config.databaseUrl ?? '',
  };

  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await app.close();
    await database.close();
  };

  const totpFor = (username: string) => {
    const account = fixture.accounts.find((a) => a.username === username);
    if (!account?.totpSecret) throw new Error(`no TOTP secret for ${username}`);
    return totpCode(account.totpSecret, clock.now());
  };

  const login = async (username: string, password = DEMO_PASSWORD) => {
    const account = fixture.accounts.find((a) => a.username === username);
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username, password, ...(account?.totpSecret ? { totpCode: totpFor(username) } : {}) },
    });
    if (res.statusCode !== 200) throw new Error(`login ${username}: ${res.statusCode} ${res.body}`);
    // A TOTP code works once: the next admin login in the same test needs the next time step.
    if (account?.totpSecret) clock.advanceMinutes(0.5);
    const cookie = res.cookies.find((c) => c.name === 'gz_session')!;
    return `gz_session=${cookie.value}`;
  };

  const addUser: Harness['addUser'] = async (body, password) => {
    const post = async (url: string, cookie: string, payload: object = {}) => {
      const res = await app.inject({ method: 'POST', url, headers: { cookie }, payload });
      if (res.statusCode >= 300) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
      return res.statusCode === 204 ? null : res.json();
    };
    const created = await post('/api/v1/users', await login('sysadmin'), body);
    const approved = await post(`/api/v1/users/${created.id}/credential/approve`, await login('secadmin'));
    await post('/api/v1/auth/activate', '', {
      username: body.username,
      codeA: created.issuedCode.code,
      codeB: approved.issuedCode.code,
      newPassword: password,
    });
    return created.id as string;
  };

  return {
    fixture,
    config,
    clock,
    database,
    deps,
    app,
    cliEnv,
    login,
    totpFor,
    addUser,
    stop,
    close: async () => {
      await stop();
      await dropDatabase();
    },
  };
}
