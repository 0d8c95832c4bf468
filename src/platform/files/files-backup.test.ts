import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../../test/helpers/harness.js';
import { withDatabaseName } from '../../../test/helpers/template.js';
import { WORK_ORDER_FILES } from '../../modules/requests/photos.js';
import { client, intakeFixture } from '../../modules/requests/test-fixtures.js';
import { SYSTEM_ACTOR } from '../actor.js';
import { readBackupHeader } from '../backup/format.js';
import { backupDatabase, restoreBackup } from '../backup/service.js';
import type { Config } from '../config.js';
import { withAdminSession } from '../db/admin-session.js';
import { SYSTEM_CONTEXT, withContext } from '../db/context.js';
import { openDatabase } from '../db/database.js';
import { migrate, MIGRATIONS_DIR } from '../db/migrate.js';
import type { Deps } from '../deps.js';
import { attachFiles, openOwnerFile, prepareFiles, saveBlobs, type FileOwner } from './index.js';
import { pdf, png } from './test-fixtures.js';

// Files in backup, restore and the move to PostgreSQL (issue #16): content kept in the files folder
// travels as `#blob` lines and lands where the target keeps content; content in file_blobs travels
// as rows. And migration 0023 moves the work-order photos that existed before it.

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

/** A fresh PostgreSQL database for a restore; dropped by `drop`. */
async function freshPostgres(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `gongzhi_files_${process.pid}_${Date.now() % 1_000_000}`;
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  return {
    url: withDatabaseName(PG_URL, name),
    drop: async () => {
      const c = new pg.Client({ connectionString: PG_URL });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

const DOCS: FileOwner = { ...WORK_ORDER_FILES, usages: { ...WORK_ORDER_FILES.usages, attachment: { label: '附件', accept: ['pdf'], maxBytes: 64 * 1024 } } };

let h: Harness;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gongzhi-files-backup-'));
/** Every file of the county with the bytes it must read back as. */
const expected: { orderId: string; fileId: string; bytes: Buffer }[] = [];
/** The configuration the backup is taken with: on PostgreSQL one that also keeps some content in a folder. */
let sourceConfig: Config;
let backupFile: string;

beforeAll(async () => {
  h = await createHarness({ loginRateLimitPerMinute: 1000 });
  const f = await intakeFixture(h, ['county']);
  const api = client(h, f.cookies);
  const photos = [png(1), png(2), png(1)];
  const res = await api.post('/api/v1/requests', 'county', {
    description: '上黄村四组的路灯坏了一个星期',
    address: '上黄村四组',
    photos: photos.map((p) => ({ data: p.toString('base64') })),
  });
  expect(res.statusCode, res.body).toBe(201);
  const orderId = res.json().id as string;
  const detail = (await api.get(`/api/v1/work-orders/${orderId}`, 'county')).json();
  detail.photos.forEach((p: { id: string }, i: number) => expected.push({ orderId, fileId: p.id, bytes: photos[i]! }));
  // A document whose content is in the files folder on both databases (PostgreSQL with GONGZHI_FILES_DIR set).
  sourceConfig = h.fixture.driver === 'postgres' ? { ...h.config, filesDir: path.join(tmp, 'pg-files') } : h.config;
  const deps: Deps = { ...h.deps, config: sourceConfig };
  const prepared = await prepareFiles(deps, { owner: DOCS, usage: 'attachment', field: 'files' }, [{ data: pdf('备份'), filename: '协议书.pdf' }]);
  await saveBlobs(deps, prepared);
  const [doc] = await withContext(h.deps.db, SYSTEM_CONTEXT, (tx) =>
    attachFiles(tx, deps, SYSTEM_ACTOR, { owner: DOCS, ownerId: orderId, usage: 'attachment', field: 'files' }, prepared),
  );
  expected.push({ orderId, fileId: doc!.id, bytes: pdf('备份') });
  backupFile = path.join(tmp, 'county.backup.gz');
}, 300_000);

afterAll(async () => {
  await h?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

/** Reads every expected file back from a restored database, and where its content is kept. */
async function readBack(config: Config): Promise<{ inTable: number; inFolder: number }> {
  const database = await openDatabase(config);
  try {
    return await withContext(database.db, SYSTEM_CONTEXT, async (tx) => {
      for (const e of expected) {
        const file = await openOwnerFile(tx, { config }, WORK_ORDER_FILES, e.orderId, e.fileId);
        expect(file.data.equals(e.bytes), e.fileId).toBe(true);
      }
      const r = await sql<{
        t: number;
        f: number;
      }>`SELECT count(*) FILTER (WHERE data IS NOT NULL)::int AS t, count(*) FILTER (WHERE data IS NULL)::int AS f FROM file_blobs`.execute(tx);
      return { inTable: r.rows[0]!.t, inFolder: r.rows[0]!.f };
    });
  } finally {
    await database.close();
  }
}

describe('files in backup and restore', () => {
  it('the backup carries the content kept in the files folder as #blob lines', async () => {
    const summary = await backupDatabase(h.database, sourceConfig, backupFile);
    const header = await readBackupHeader(backupFile);
    // PGlite: two distinct photos and the document are in the folder; PostgreSQL: only the document (the photos are rows).
    const inFolder = h.fixture.driver === 'pglite' ? 3 : 1;
    expect(summary.blobs).toMatchObject({ count: inFolder, missing: [] });
    expect(header.blobs?.count).toBe(inFolder);
    expect(header.tables.find((t) => t.name === 'files')!.rows).toBe(4);
    expect(header.tables.find((t) => t.name === 'file_blobs')!.rows).toBe(3);
  });

  it('restores into a fresh embedded database: the content lands in its files folder', { timeout: 180_000 }, async () => {
    const config: Config = { ...h.config, databaseUrl: undefined, appDatabaseUrl: undefined, filesDir: undefined, dataDir: path.join(tmp, 'restored-pglite') };
    const r = await restoreBackup(config, backupFile);
    expect(r.audit.ok).toBe(true);
    expect(r.blobs).toEqual({ count: h.fixture.driver === 'pglite' ? 3 : 1, into: 'folder' });
    const where = await readBack(config);
    expect(where.inTable + where.inFolder).toBe(3);
  });

  it.runIf(withPostgres)('restores into a fresh PostgreSQL database: folder content goes into file_blobs', { timeout: 180_000 }, async () => {
    const db = await freshPostgres();
    try {
      const config: Config = { ...h.config, databaseUrl: db.url, appDatabaseUrl: undefined, filesDir: undefined, dataDir: path.join(tmp, 'restored-postgres') };
      const r = await restoreBackup(config, backupFile);
      expect(r.audit.ok).toBe(true);
      expect(r.blobs.into).toBe('table');
      expect(await readBack(config)).toEqual({ inTable: 3, inFolder: 0 });
    } finally {
      await db.drop();
    }
  });

  it.runIf(withPostgres && !process.env.DATABASE_URL)('`gongzhi migrate-to-postgres` carries the files along', { timeout: 180_000 }, async () => {
    await h.stop(); // the command refuses while the embedded database is open
    const db = await freshPostgres();
    try {
      const r = await run(process.execPath, [CLI, 'migrate-to-postgres', db.url], { env: h.cliEnv, maxBuffer: 16 * 1024 * 1024 }).catch(
        (e: { stdout: string; stderr: string }) => {
          throw new Error(`migrate-to-postgres failed:\n${e.stdout}\n${e.stderr}`);
        },
      );
      expect(r.stdout).toContain('附件内容 3 个（存入数据库表 file_blobs）');
      expect(r.stdout).toContain('审计链完整');
      expect(await readBack({ ...h.config, databaseUrl: db.url, appDatabaseUrl: undefined })).toEqual({ inTable: 3, inFolder: 0 });
    } finally {
      await db.drop();
    }
  });
});

describe('migration 0023', () => {
  it('moves the work-order photos that existed before it into the file store, with their ids', { timeout: 180_000 }, async () => {
    const before = fs
      .readdirSync(MIGRATIONS_DIR)
      .filter((f) => f.endsWith('.sql') && f < '0023_files.sql')
      .sort()
      .at(-1)!;
    const pgDb = h.fixture.driver === 'postgres' ? await freshPostgres() : undefined;
    const config: Config = pgDb ? { ...h.config, databaseUrl: pgDb.url, appDatabaseUrl: undefined } : { ...h.config, databaseUrl: undefined };
    const database = await openDatabase(config, { pgliteDir: pgDb ? undefined : 'memory://', migrateThrough: before });
    try {
      const orderId = '01900000-0000-7000-8000-0000000000aa';
      const ids = ['01900000-0000-7000-8000-0000000000a1', '01900000-0000-7000-8000-0000000000a2', '01900000-0000-7000-8000-0000000000a3'];
      const datas = [png(1), png(1), png(2)];
      await withAdminSession(database, config, async (s) => {
        // The order itself is not needed for the move: foreign keys are off while the photos go in.
        await s.exec('SET session_replication_role = replica');
        for (const [i, id] of ids.entries()) {
          await s.query(
            `INSERT INTO work_order_photos (id, order_id, seq, content_type, bytes, sha256, data, exif_lat, exif_lng, path, created_at)
             VALUES ($1, $2, $3, 'image/png', $4, 'not-checked', $5, $6, $7, '522631'::ltree, now())`,
            [id, orderId, i + 1, datas[i]!.length, datas[i]!, i === 0 ? 26.5 : null, i === 0 ? 109.1 : null],
          );
        }
        await s.exec('SET session_replication_role = origin');
        await migrate(s);
        const files = await s.query(`SELECT id::text, owner_kind, owner_id::text, usage, seq, filename, meta, encode(b.data, 'hex') AS hex
          FROM files f JOIN file_blobs b USING (sha256) ORDER BY seq`);
        expect(files.rows.map((r) => [r.id, r.owner_kind, r.owner_id, r.usage, r.seq, r.filename])).toEqual(
          ids.map((id, i) => [id, 'work_order', orderId, 'photo', i + 1, `${id}.png`]),
        );
        expect(files.rows.map((r) => Buffer.from(String(r.hex), 'hex').equals(datas[files.rows.indexOf(r)]!))).toEqual([true, true, true]);
        expect(files.rows[0]!.meta).toEqual({ exifLat: 26.5, exifLng: 109.1 });
        expect((await s.query('SELECT count(*)::int AS n FROM file_blobs')).rows[0]!.n).toBe(2);
        expect((await s.query(`SELECT to_regclass('work_order_photos') IS NULL AS gone`)).rows[0]!.gone).toBe(true);
      });
    } finally {
      await database.close();
      await pgDb?.drop();
    }
  });
});
