import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createHarness } from '../../test/helpers/harness.js';
import { loadCounty } from '../modules/regions/service.js';
import { SYSTEM_ACTOR } from '../platform/actor.js';
import { systemClock } from '../platform/clock.js';
import { openDatabase } from '../platform/db/database.js';
import { DEMO_PASSWORD } from './demo-accounts.js';
import { assertAccounts, openForStart } from './demo-start.js';
import { baseTestConfig } from '../../test/helpers/template.js';

// First start all or nothing (issue #10): `npm start` killed while it generated the demo county
// used to leave a county without accounts, and the next start skipped the demo and served it.

const CLI = path.resolve('bin/gongzhi.mjs');
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongzhi-demo-kill-'));
const port = 19500 + (process.pid % 400);
const base = `http://127.0.0.1:${port}`;
const env = {
  ...process.env,
  DATABASE_URL: '',
  GONGZHI_DATA_DIR: dataDir,
  GONGZHI_DEMO_SCALE: '0.01',
  PORT: String(port),
  GONGZHI_SWEEP_MINUTES: '0',
  LOGIN_RATE_LIMIT: '1000',
};
const children: ChildProcess[] = [];

afterAll(() => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/** Starts `gongzhi <args>` and resolves when its output matches `until` (or it exits). */
function runUntil(args: string[], until: (output: string) => boolean, timeoutMs: number): Promise<{ child: ChildProcess; output: () => string }> {
  const child = spawn(process.execPath, [CLI, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out waiting:\n${output}`)), timeoutMs);
    const check = () => {
      if (until(output)) {
        clearTimeout(timer);
        resolve({ child, output: () => output });
      }
    };
    child.stdout!.on('data', (d) => ((output += d), check()));
    child.stderr!.on('data', (d) => ((output += d), check()));
    child.once('exit', () => {
      clearTimeout(timer);
      reject(new Error(`exited with ${child.exitCode}:\n${output}`));
    });
  });
}

const started = (out: string) => out.includes('共治 Gongzhi 已启动');
const exited = (c: ChildProcess) => new Promise((r) => (c.exitCode !== null ? r(c.exitCode) : c.once('exit', r)));

async function login(username: string): Promise<number> {
  const res = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: base },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  return res.status;
}

describe.runIf(!process.env.DATABASE_URL)('npm start after a demo killed part-way', () => {
  it('generates the demo again from an empty database and serves it with its accounts', async () => {
    // Killed once the population is in and the party data is being made: a county, no accounts.
    const first = await runUntil(['demo', '--scale', '0.01'], (out) => out.includes('党组织、联户、包保走访'), 300_000);
    first.child.kill('SIGKILL');
    await exited(first.child);

    const second = await runUntil(['start'], started, 400_000);
    const out = second.output();
    expect(out).toContain('上次演示数据生成被中断');
    expect(out).toContain('正在重新生成');
    expect(out).toMatch(/中断时的数据已移到 .*pglite\.interrupted-/);
    expect(fs.readdirSync(dataDir).some((f) => f.startsWith('pglite.interrupted-'))).toBe(true);
    expect(await login('county')).toBe(200);
    expect(await login('village')).toBe(200);
    second.child.kill('SIGTERM');
    await exited(second.child);

    const third = await runUntil(['start'], started, 300_000);
    expect(third.output()).toContain('找到完整的演示县');
    expect(third.output()).not.toContain('正在重新生成');
    expect(await login('county')).toBe(200);
    third.child.kill('SIGTERM');
    await exited(third.child);
  }, 900_000);
});

describe('a county without accounts', () => {
  it('is never served: the start refuses and says how to create an account', async () => {
    const h = await createHarness();
    try {
      await expect(assertAccounts(h.deps)).resolves.toBeUndefined();
    } finally {
      await h.close();
    }
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongzhi-no-accounts-'));
    const config = baseTestConfig({ databaseUrl: undefined, dataDir: dir });
    const database = await openDatabase(config, { pgliteDir: 'memory://' });
    try {
      const deps = { db: database.db, clock: systemClock, config };
      await loadCounty(deps.db, deps.clock, SYSTEM_ACTOR, '522631');
      await expect(assertAccounts(deps)).rejects.toThrow(/有县 黎平县 \(522631\) 但没有任何账号.*gongzhi user add/);
    } finally {
      await database.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it.runIf(process.env.DATABASE_URL)('on PostgreSQL an interrupted demo is refused with instructions, never emptied', async () => {
    const h = await createHarness();
    try {
      await h.database.admin.query(`INSERT INTO demo_state (county, seed, scale, started_at) VALUES ('522631', 1, 0.01, now())`);
      await h.stop();
      await expect(openForStart(h.config, systemClock, () => undefined)).rejects.toThrow(/上次演示数据生成被中断.*dropdb/);
    } finally {
      await h.close();
    }
  });
});
