import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../../test/helpers/harness.js';
import { withDatabaseName } from '../../../test/helpers/template.js';
import { startAdminChannel, type AdminChannel } from '../../cli/admin-channel.js';
import { backupHandler } from '../../cli/backup.js';
import { writeCheckpoint } from '../audit/checkpoint.js';
import { openDatabase } from '../db/database.js';
import { readBackupBody, readBackupHeader } from './format.js';

// Backup and restore (issue #10): a backup taken while the county takes reports restores into a
// fresh embedded database and a fresh PostgreSQL database with every report acknowledged before
// it started, and the audit chain verifies there.

const run = promisify(execFile);
const CLI = path.resolve('bin/gongzhi.mjs');
const PG_URL = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';

async function postgresReachable(): Promise<boolean> {
  const c = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 2000 });
  try {
    await c.connect();
    return true;
  } catch {
    return false;
  } finally {
    await c.end().catch(() => undefined);
  }
}
const withPostgres = await postgresReachable();

let h: Harness;
let channel: AdminChannel | undefined;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gongzhi-backup-'));
const backupFile = path.join(tmp, 'county.backup.gz');

interface Acked {
  number: string;
  at: number;
}
const acked: Acked[] = [];
let ackedBeforeBackup: string[] = [];
let backupStartedAt = 0;
let backupEndedAt = 0;
let backupOutput = '';

async function cli(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const r = await run(process.execPath, [CLI, ...args], { env, maxBuffer: 16 * 1024 * 1024 });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

/** Reports from residents, four at a time, until `stop()`; each 201 is remembered with its time. */
function writeLoad(): { stop(): Promise<void> } {
  let stopped = false;
  let i = 0;
  const worker = async () => {
    while (!stopped) {
      const n = i++;
      const res = await h.app.inject({
        method: 'POST',
        url: '/api/v1/public/requests',
        headers: { 'idempotency-key': `backup-load-${n}` },
        payload: { description: `路灯坏了好几天了晚上看不见路（第 ${n} 号反映）`, address: '中潮镇上黄村', privacyAcknowledged: true },
      });
      if (res.statusCode !== 201) throw new Error(`report ${n}: ${res.statusCode} ${res.body}`);
      acked.push({ number: res.json().number, at: Date.now() });
    }
  };
  const workers = [worker(), worker(), worker(), worker()];
  return {
    stop: async () => {
      stopped = true;
      await Promise.all(workers);
    },
  };
}

async function numbersIn(config: typeof h.config): Promise<Set<string>> {
  const database = await openDatabase(config);
  try {
    return new Set((await database.admin.query('SELECT number FROM work_orders')).rows.map((r) => String(r.number)));
  } finally {
    await database.close();
  }
}

beforeAll(async () => {
  h = await createHarness({ anonymousRateLimitPerMinute: 1_000_000 });
  // Files the server keeps beside the database go into the backup too.
  fs.writeFileSync(path.join(h.config.dataDir, 'demo-accounts.txt'), '演示账号（测试）\n');
  // The server answers `gongzhi backup` while it holds the embedded database.
  if (h.fixture.driver === 'pglite') channel = await startAdminChannel(h.config.dataDir, { backup: backupHandler(h.database, h.config) });

  const load = writeLoad();
  while (acked.length < 20) await new Promise((r) => setTimeout(r, 50));
  await writeCheckpoint(h.deps);
  ackedBeforeBackup = acked.map((a) => a.number);
  backupStartedAt = Date.now();
  const r = await cli(['backup', backupFile], h.cliEnv);
  backupEndedAt = Date.now();
  backupOutput = r.stdout + r.stderr;
  const before = acked.length;
  while (acked.length < before + 5) await new Promise((r) => setTimeout(r, 50));
  await load.stop();
  if (r.code !== 0) throw new Error(`backup failed:\n${backupOutput}`);
}, 300_000);

afterAll(async () => {
  await channel?.close();
  await h?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('gongzhi backup while the county takes reports', () => {
  it('writes one snapshot with a header, through the running server on the embedded database', async () => {
    if (h.fixture.driver === 'pglite') expect(backupOutput).toContain('经由运行中的服务完成');
    const header = await readBackupHeader(backupFile);
    console.log(
      `backup: ${fs.statSync(backupFile).size} bytes, ${header.tables.reduce((n, t) => n + t.rows, 0)} rows; ${backupOutput.split('\n').find((l) => l.startsWith('已备份'))}`,
    );
    expect(header).toMatchObject({ format: 'gongzhi-backup', version: 1, driver: h.fixture.driver, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(header.migrations).toContain('0019_demo_state.sql');
    expect(header.files.map((f) => f.path).sort()).toEqual(['audit/checkpoints.jsonl', 'demo-accounts.txt']);
    const orders = header.tables.find((t) => t.name === 'work_orders')!;
    // Reports kept coming while the backup ran; the snapshot holds those before it and some during it.
    expect(acked.filter((a) => a.at > backupStartedAt && a.at < backupEndedAt).length).toBeGreaterThan(0);
    expect(orders.rows).toBeGreaterThanOrEqual(ackedBeforeBackup.length);
    expect(orders.rows).toBeLessThan(acked.length);
    expect(header.tables.some((t) => t.name === 'app_context_key' || t.name === 'schema_migrations')).toBe(false);
    expect(fs.statSync(backupFile).mode & 0o777).toBe(0o600);
  });

  // Three CLI runs each, every one opening a database: more than the default minute on a busy two-core machine.
  it('restores into a fresh embedded database with every acknowledged report, and the audit chain verifies', { timeout: 180_000 }, async () => {
    const dataDir = path.join(tmp, 'restored-pglite');
    const env = { ...h.cliEnv, DATABASE_URL: '', GONGZHI_DATA_DIR: dataDir };
    const started = Date.now();
    const r = await cli(['restore', backupFile], env);
    console.log(`restore into PGlite: ${Date.now() - started} ms (${r.stdout.split('\n')[0]})`);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toContain('审计链完整');
    expect(fs.readFileSync(path.join(dataDir, 'demo-accounts.txt'), 'utf8')).toBe('演示账号（测试）\n');
    expect(fs.existsSync(path.join(dataDir, 'audit', 'checkpoints.jsonl'))).toBe(true);
    const numbers = await numbersIn({ ...h.config, databaseUrl: undefined, dataDir });
    for (const n of ackedBeforeBackup) expect(numbers.has(n), `${n} lost`).toBe(true);
    expect(numbers.size).toBe((await readBackupHeader(backupFile)).tables.find((t) => t.name === 'work_orders')!.rows);

    // A second restore into the same (now full) database is refused and changes nothing.
    const again = await cli(['restore', backupFile], env);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('恢复目标不是空的');
    expect(again.stderr).toContain('GONGZHI_DATA_DIR');
    expect((await numbersIn({ ...h.config, databaseUrl: undefined, dataDir })).size).toBe(numbers.size);
  });

  it.runIf(withPostgres)('restores into a fresh PostgreSQL database the same way', { timeout: 180_000 }, async () => {
    const name = `gongzhi_restore_${process.pid}_${Date.now() % 100000}`;
    const admin = new pg.Client({ connectionString: PG_URL });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    const url = withDatabaseName(PG_URL, name);
    try {
      const dataDir = path.join(tmp, 'restored-postgres');
      const env = { ...h.cliEnv, DATABASE_URL: url, GONGZHI_DATA_DIR: dataDir };
      const started = Date.now();
      const r = await cli(['restore', backupFile], env);
      console.log(`restore into PostgreSQL: ${Date.now() - started} ms (${r.stdout.split('\n')[0]})`);
      expect(r.code, r.stdout + r.stderr).toBe(0);
      expect(r.stdout).toContain('审计链完整');
      const numbers = await numbersIn({ ...h.config, databaseUrl: url, appDatabaseUrl: undefined, dataDir });
      for (const n of ackedBeforeBackup) expect(numbers.has(n), `${n} lost`).toBe(true);
      // The restored database is a working county: the app role reads it under row-level security.
      const audit = await cli(['audit', 'verify'], env);
      expect(audit.code, audit.stdout + audit.stderr).toBe(0);

      const again = await cli(['restore', backupFile], env);
      expect(again.code).toBe(1);
      expect(again.stderr).toContain('恢复目标不是空的');
    } finally {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    }
  });

  it('refuses a backup whose content does not match its digest', async () => {
    const raw = zlib.gunzipSync(fs.readFileSync(backupFile)).toString('utf8');
    const tampered = raw.replace(
      ackedBeforeBackup[0]!,
      ackedBeforeBackup[0]!.replace(/\d$/, (d) => String((Number(d) + 1) % 10)),
    );
    expect(tampered).not.toBe(raw);
    const file = path.join(tmp, 'tampered.backup.gz');
    fs.writeFileSync(file, zlib.gzipSync(tampered));
    const header = await readBackupHeader(file);
    await expect(
      (async () => {
        for await (const line of readBackupBody(file, header)) void line;
      })(),
    ).rejects.toThrow(/SHA-256/);
  });
});
