import { execFile, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../../test/helpers/harness.js';
import { acquireDataLock, DataLockedError, lockFileFor, processStartTime } from './data-lock.js';
import { openDatabase } from './database.js';

// One writer per embedded database (issue #10): a CLI command run on the folder of a running
// server used to open it a second time and corrupt it ("Aborted()" on the next start).

const run = promisify(execFile);
const CLI = path.resolve('bin/gongzhi.mjs');

let h: Harness;
let pgliteDir: string;

beforeAll(async () => {
  h = await createHarness();
  pgliteDir = path.join(h.config.dataDir, 'pglite');
});
afterAll(() => h?.close());

/** A pid that is surely not running: a child that has already exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(child.stdout);
}

const count = async (sqlText: string) => Number((await h.database.admin.query(sqlText)).rows[0]!.n);

describe.runIf(!process.env.DATABASE_URL)('the embedded database folder has one writer', () => {
  it('refuses a CLI command while another process holds the folder, and the data survives', async () => {
    const users = await count('SELECT count(*)::int AS n FROM users');
    const regions = await count('SELECT count(*)::int AS n FROM regions');
    expect(users).toBeGreaterThan(0);
    const lock = JSON.parse(fs.readFileSync(lockFileFor(pgliteDir), 'utf8'));
    expect(lock).toMatchObject({ pid: process.pid, host: expect.any(String), command: expect.any(String) });

    const refused = await run(process.execPath, [CLI, 'open311', 'key', 'add', 'lock-probe'], { env: h.cliEnv }).then(
      () => undefined,
      (e: { code: number; stdout: string; stderr: string }) => e,
    );
    expect(refused, 'the CLI opened a folder held by another process').toBeDefined();
    expect(refused!.code).toBe(1);
    expect(refused!.stderr).toContain(`正被进程 ${process.pid}`);
    expect(refused!.stderr).toContain('请先停止该服务');
    expect(refused!.stderr).toContain('gongzhi backup');
    expect(refused!.stdout).not.toContain('o311_');

    // The holder kept working, and after it closes the folder opens with its data and nothing of the CLI's.
    expect(await count('SELECT count(*)::int AS n FROM users')).toBe(users);
    await h.stop();
    expect(fs.existsSync(lockFileFor(pgliteDir))).toBe(false);
    const reopened = await openDatabase(h.config);
    try {
      expect(Number((await reopened.admin.query('SELECT count(*)::int AS n FROM users')).rows[0]!.n)).toBe(users);
      expect(Number((await reopened.admin.query('SELECT count(*)::int AS n FROM regions')).rows[0]!.n)).toBe(regions);
      expect((await reopened.admin.query(`SELECT 1 FROM open311_keys WHERE name = 'lock-probe'`)).rows).toEqual([]);

      // A second open in the same process is refused too (two PGlite instances corrupt it the same way).
      const second = await openDatabase(h.config).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(second).toBeInstanceOf(DataLockedError);
      expect((second as Error).message).toContain('正被本进程');
    } finally {
      await reopened.close();
    }
    expect(fs.existsSync(lockFileFor(pgliteDir))).toBe(false);
  });

  it('takes over a lock left by a process that is gone', async () => {
    const file = lockFileFor(pgliteDir);
    const stale = { pid: deadPid(), startTime: '1', host: (await import('node:os')).hostname(), command: 'gongzhi start', since: '2026-01-01T00:00:00Z' };
    fs.writeFileSync(file, JSON.stringify(stale));
    const database = await openDatabase(h.config);
    try {
      expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toMatchObject({ pid: process.pid });
      expect(Number((await database.admin.query('SELECT count(*)::int AS n FROM users')).rows[0]!.n)).toBeGreaterThan(0);
    } finally {
      await database.close();
    }
    expect(fs.existsSync(file)).toBe(false);
  });

  it.runIf(processStartTime(process.pid) !== null)('takes over a lock whose pid now belongs to another process (start time differs)', async () => {
    const dir = fs.mkdtempSync(path.join(h.config.dataDir, 'reused-'));
    const file = lockFileFor(dir);
    // This very process's pid, but a start time that is not ours: the holder died and the pid was reused.
    fs.writeFileSync(
      file,
      JSON.stringify({ pid: process.pid, startTime: '1', host: (await import('node:os')).hostname(), command: 'gongzhi serve', since: '' }),
    );
    const lock = await acquireDataLock(dir);
    expect(JSON.parse(fs.readFileSync(file, 'utf8')).startTime).toBe(processStartTime(process.pid));
    await expect(acquireDataLock(dir)).rejects.toBeInstanceOf(DataLockedError);
    lock.release();
    expect(fs.existsSync(file)).toBe(false);
  });
});
