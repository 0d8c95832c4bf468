import fs from 'node:fs';
import path from 'node:path';
import type { Kysely } from 'kysely';
import { verifyAuditChain, type VerifyResult } from '../audit/verify-service.js';
import type { Config } from '../config.js';
import { withAdminSession } from '../db/admin-session.js';
import { openDatabase, type Database } from '../db/database.js';
import { migrate, MIGRATIONS_DIR, type SqlRunner } from '../db/migrate.js';
import type { DB } from '../db/tables.js';
import { AppError } from '../errors.js';
import { BLOB_SWEEP_LOCK, blobReadFolder, blobWriteFolder, readBlobFile, sha256Hex, writeBlobFile } from '../files/index.js';
import { BACKUP_FORMAT, BACKUP_VERSION, BackupWriter, readBackupBody, readBackupHeader, type BackupHeader, type BackupTable } from './format.js';
import * as store from './store.js';

export type Progress = (done: number, total: number) => void;

export interface BackupSummary {
  file: string;
  bytes: number;
  tables: number;
  rows: number;
  files: number;
  /** File-store blobs copied from the files folder; `missing` names those the folder did not have (or had damaged). */
  blobs: { count: number; bytes: number; missing: string[] };
  seconds: number;
  sha256: string;
  auditSeq: number | null;
}

export interface RestoreSummary {
  tables: number;
  rows: number;
  files: string[];
  /** File-store blobs restored: into the files folder, or into the file_blobs table (PostgreSQL without GONGZHI_FILES_DIR). */
  blobs: { count: number; into: 'folder' | 'table' };
  /** Migrations newer than the backup, applied after loading it. */
  migratedAfter: string[];
  seconds: number;
  audit: VerifyResult;
}

/**
 * Files the server keeps beside the database: the audit checkpoints (audit/) and the demo
 * accounts. Read BEFORE the snapshot is taken, so no checkpoint in the copy names a chain
 * position the snapshot does not have; a line being appended right now is left out.
 */
function collectDataFiles(dataDir: string): { path: string; content: Buffer }[] {
  const out: { path: string; content: Buffer }[] = [];
  const walk = (rel: string) => {
    const abs = path.join(dataDir, rel);
    const stat = fs.statSync(abs, { throwIfNoEntry: false });
    if (!stat) return;
    if (stat.isDirectory()) {
      for (const entry of fs.readdirSync(abs).sort()) walk(path.join(rel, entry));
    } else if (stat.isFile()) {
      let content = fs.readFileSync(abs);
      if (rel.endsWith('.jsonl')) content = content.subarray(0, content.lastIndexOf(0x0a) + 1);
      out.push({ path: rel.split(path.sep).join('/'), content });
    }
  };
  walk('audit');
  walk('demo-accounts.txt');
  return out;
}

const megabytes = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;

/**
 * The file store's content kept in the files folder, as `#blob` lines, for the blob rows of the
 * snapshot (content kept in file_blobs.data is already in that table's rows). Read while the
 * snapshot is open, with the orphan sweep held off, so every blob a row names is still there. A
 * file missing or damaged in the folder does not stop the backup: it is named in the summary.
 */
async function copyFolderBlobs(s: SqlRunner, writer: BackupWriter, config: Config): Promise<BackupSummary['blobs']> {
  const folder = blobReadFolder(config);
  const out: BackupSummary['blobs'] = { count: 0, bytes: 0, missing: [] };
  for (const sha256 of await store.listFolderBlobs(s)) {
    const content = await readBlobFile(folder, sha256);
    if (!content || sha256Hex(content) !== sha256) {
      out.missing.push(sha256);
      continue;
    }
    await writer.blob(sha256, content);
    out.count++;
    out.bytes += content.length;
  }
  return out;
}

/**
 * Writes a backup of the whole database and the files beside it to `file`, from one
 * REPEATABLE READ snapshot on the owner session: every table as of one instant, while the
 * server keeps taking writes (on PGlite they wait for the snapshot, one session being all it has).
 */
export async function backupDatabase(database: Database, config: Config, file: string, onProgress: Progress = () => {}): Promise<BackupSummary> {
  const target = path.resolve(file);
  if (fs.existsSync(target)) throw new AppError('CONFLICT', `文件已存在: ${target}；备份不会覆盖已有文件，请换一个文件名`);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const started = Date.now();
  const files = collectDataFiles(config.dataDir);
  const writer = new BackupWriter(target);
  try {
    const createdAt = new Date().toISOString();
    const snapshot = await withAdminSession(database, config, async (s) => {
      const who = await store.ownerPrivileges(s);
      if (!who.superuser && !who.bypassRls) {
        throw new AppError(
          'FORBIDDEN',
          `数据库用户 ${who.user} 不是超级用户也没有 BYPASSRLS，行级安全会让备份缺行；请用超级用户的 DATABASE_URL 备份（或用 pg_dump）`,
        );
      }
      await store.lockBlobSweep(s, BLOB_SWEEP_LOCK);
      try {
        await store.beginSnapshot(s);
        const migrations = await store.listMigrations(s);
        const list = await store.listTables(s);
        const tables: BackupTable[] = [];
        for (const [i, t] of list.entries()) {
          const columns = await store.listColumns(s, t.schema, t.name);
          await writer.table(t.schema, t.name);
          let rows = 0;
          for await (const batch of store.readRows(s, t.schema, t.name)) {
            await writer.rows(batch);
            rows += batch.length;
          }
          tables.push({ ...t, columns, rows });
          onProgress(i + 1, list.length);
        }
        const sequences = await store.listSequences(s);
        const auditHead = await store.readAuditHead(s);
        const blobs = await copyFolderBlobs(s, writer, config);
        await store.commit(s);
        return { migrations, tables, sequences, auditHead, blobs };
      } catch (err) {
        await store.rollback(s).catch(() => undefined);
        throw err;
      } finally {
        await store.unlockBlobSweep(s, BLOB_SWEEP_LOCK).catch(() => undefined);
      }
    });
    const { blobs, ...snapshotHeader } = snapshot;
    for (const f of files) await writer.fileEntry(f.path, f.content);
    const header = await writer.finish({
      format: BACKUP_FORMAT,
      version: BACKUP_VERSION,
      createdAt,
      driver: database.driver,
      ...snapshotHeader,
      files: files.map((f) => ({ path: f.path, bytes: f.content.length })),
      blobs: { count: blobs.count, bytes: blobs.bytes },
    });
    return {
      file: target,
      bytes: fs.statSync(target).size,
      tables: header.tables.length,
      rows: header.tables.reduce((n, t) => n + t.rows, 0),
      files: files.length,
      blobs,
      seconds: (Date.now() - started) / 1000,
      sha256: header.sha256,
      auditSeq: header.auditHead?.seq ?? null,
    };
  } catch (err) {
    await writer.abort();
    throw err;
  }
}

/** One line for the command's output. */
export function describeBackup(b: BackupSummary): string {
  const line = `已备份到 ${b.file}: ${b.tables} 张表 ${b.rows} 行, 文件 ${b.files} 个, 文件目录中的附件 ${b.blobs.count} 个 (${megabytes(b.blobs.bytes)}), ${megabytes(b.bytes)}, 用时 ${b.seconds.toFixed(1)} 秒; 审计链至第 ${b.auditSeq ?? 0} 条; SHA-256 ${b.sha256}`;
  if (b.blobs.missing.length === 0) return line;
  return `${line}\n警告: 文件目录中缺少或损坏了 ${b.blobs.missing.length} 个附件的内容，未能备份（SHA-256: ${b.blobs.missing.slice(0, 5).join(', ')}${b.blobs.missing.length > 5 ? ' …' : ''}）；请检查文件目录（docs/OPERATIONS.md“附件文件”）`;
}

/** The audit check after a restore: the one call to adapt when verifyAuditChain changes. */
export function verifyRestoredAudit(deps: { db: Kysely<DB>; config: Config }, onProgress?: Progress): Promise<VerifyResult> {
  return verifyAuditChain(deps, onProgress);
}

/** The backup's migrations must be this version's first ones: older backups are migrated after loading. */
function checkMigrations(header: BackupHeader): string[] {
  const known = fs
    .readdirSync(MIGRATIONS_DIR)
    .filter((f) => f.endsWith('.sql'))
    .sort();
  const unknown = header.migrations.filter((m) => !known.includes(m));
  if (unknown.length > 0) {
    throw new AppError('VALIDATION_FAILED', `备份来自更新版本的共治（含本版本没有的迁移 ${unknown.join(', ')}）；请用不低于备份时的版本恢复`);
  }
  if (header.migrations.some((m, i) => known[i] !== m)) {
    throw new AppError('VALIDATION_FAILED', '备份的迁移记录与本版本的迁移顺序不一致，无法恢复');
  }
  return known.slice(header.migrations.length);
}

/** Files of the backup already present in the target's data folder (the same one, when moving to PostgreSQL). */
function presentFiles(dataDir: string, header: BackupHeader): string[] {
  return header.files.map((f) => path.join(dataDir, f.path)).filter((p) => fs.existsSync(p));
}

function notEmpty(what: string, config: Config): AppError {
  const where = config.databaseUrl
    ? '请新建一个空数据库（createdb），把 DATABASE_URL 指向它后再恢复'
    : `请把 GONGZHI_DATA_DIR 指向一个新的空目录后再恢复（当前为 ${config.dataDir}）`;
  return new AppError('CONFLICT', `恢复目标不是空的（${what}）：恢复只写入新建的空数据库，不会覆盖现有数据。${where}`);
}

/**
 * One `#blob` line: checked against its digest, then written into the target's files folder
 * (content-addressed: harmless if the restore fails later) or into its file_blobs row.
 */
async function restoreBlob(s: SqlRunner, folder: string | undefined, sha256: string, content: Buffer): Promise<void> {
  if (!/^[0-9a-f]{64}$/.test(sha256) || sha256Hex(content) !== sha256) {
    throw new AppError('VALIDATION_FAILED', `备份中的附件内容 ${sha256.slice(0, 64)} 与其 SHA-256 不符：备份文件已损坏`);
  }
  if (folder) return writeBlobFile(folder, sha256, content);
  if ((await store.setBlobData(s, sha256, content)) !== 1) {
    throw new AppError('VALIDATION_FAILED', `备份中的附件内容 ${sha256} 在 file_blobs 中没有对应的记录：备份文件内容错乱`);
  }
}

function writeRestoredFile(dataDir: string, rel: string, content: Buffer): string {
  const abs = path.resolve(dataDir, rel);
  if (!abs.startsWith(path.resolve(dataDir) + path.sep)) throw new AppError('VALIDATION_FAILED', `备份中的文件路径不合法: ${rel}`);
  if (fs.existsSync(abs) && fs.readFileSync(abs).equals(content)) return abs;
  fs.mkdirSync(path.dirname(abs), { recursive: true, mode: 0o700 });
  fs.writeFileSync(abs, content, { mode: 0o600, flag: 'wx' });
  return abs;
}

/**
 * Restores a backup into an empty database (the configured one: PGlite folder or DATABASE_URL):
 * migrates to the backup's migrations, loads every table in one transaction with triggers
 * suppressed, sets the sequences, writes the files, applies newer migrations, and verifies the
 * audit chain. File-store content from the files folder lands where the target keeps it: its own
 * folder, or file_blobs.data on PostgreSQL without GONGZHI_FILES_DIR (`migrate-to-postgres`). Refuses a database that holds a county, an account or an audit record.
 */
export async function restoreBackup(config: Config, file: string, opts: { log?: (line: string) => void; onProgress?: Progress } = {}): Promise<RestoreSummary> {
  const started = Date.now();
  const header = await readBackupHeader(file);
  const newer = checkMigrations(header);
  const filesPresent = presentFiles(config.dataDir, header);
  const total = header.tables.reduce((n, t) => n + t.rows, 0);
  // Where the target keeps file-store content: its files folder, or the file_blobs table.
  const blobFolder = blobWriteFolder(config);
  let blobsRestored = 0;
  const database = await openDatabase(config, { log: opts.log, migrateThrough: header.migrations.at(-1) });
  try {
    const files = await withAdminSession(database, config, async (s) => {
      const who = await store.ownerPrivileges(s);
      if (!who.superuser) throw new AppError('FORBIDDEN', `恢复需要超级用户连接（以便装载时不触发触发器），${who.user} 不是超级用户`);
      const held = await store.countCountyData(s);
      if (held.regions + held.users + held.audit > 0) {
        throw notEmpty(`已有 ${held.regions} 个区划、${held.users} 个账号、${held.audit} 条审计记录`, config);
      }
      const existing = new Set((await store.listTables(s)).map((t) => `${t.schema}.${t.name}`));
      const missing = header.tables.filter((t) => !existing.has(`${t.schema}.${t.name}`));
      if (missing.length > 0) throw new AppError('VALIDATION_FAILED', `目标数据库缺少表 ${missing.map((t) => t.name).join(', ')}`);
      const byName = new Map(header.tables.map((t) => [`${t.schema}.${t.name}`, t]));
      await store.beginRestore(s);
      try {
        await store.truncateTables(s, header.tables);
        const counts = new Map<string, number>();
        const restoredFiles: { path: string; content: Buffer }[] = [];
        let blobs = 0;
        let current: BackupTable | undefined;
        let batch: string[] = [];
        let batchBytes = 0;
        let done = 0;
        const flush = async () => {
          if (!current || batch.length === 0) return;
          await store.insertRows(s, current.schema, current.name, current.columns, batch);
          const key = `${current.schema}.${current.name}`;
          counts.set(key, (counts.get(key) ?? 0) + batch.length);
          done += batch.length;
          opts.onProgress?.(done, total);
          batch = [];
          batchBytes = 0;
        };
        for await (const line of readBackupBody(file, header)) {
          if (line.kind === 'row') {
            if (!current) throw new AppError('VALIDATION_FAILED', '备份文件内容错乱（表名之前出现了行）');
            batch.push(line.json);
            batchBytes += line.json.length;
            if (batch.length >= 1000 || batchBytes > 4_000_000) await flush();
            continue;
          }
          await flush();
          if (line.kind === 'table') {
            current = byName.get(`${line.schema}.${line.name}`);
            if (!current) throw new AppError('VALIDATION_FAILED', `备份文件内容中有文件头未列出的表 ${line.name}`);
          } else if (line.kind === 'blob') {
            await restoreBlob(s, blobFolder, line.sha256, line.content);
            blobs++;
          } else {
            restoredFiles.push({ path: line.path, content: line.content });
          }
        }
        await flush();
        if (blobs !== (header.blobs?.count ?? 0))
          throw new AppError('VALIDATION_FAILED', `附件内容 ${blobs} 个，与文件头的 ${header.blobs?.count ?? 0} 个不符：备份文件不完整`);
        // Checked before anything is committed: a file beside the database is never overwritten.
        const differing = restoredFiles.filter(
          (f) => filesPresent.includes(path.join(config.dataDir, f.path)) && !fs.readFileSync(path.join(config.dataDir, f.path)).equals(f.content),
        );
        if (differing.length > 0) throw notEmpty(`已有不同内容的文件 ${differing.map((f) => f.path).join(', ')}`, config);
        const short = header.tables.find((t) => (counts.get(`${t.schema}.${t.name}`) ?? 0) !== t.rows);
        if (short) throw new AppError('VALIDATION_FAILED', `表 ${short.name} 的行数与文件头不符：备份文件不完整`);
        for (const q of header.sequences) await store.setSequence(s, q.name, q.value, q.isCalled);
        await store.commit(s);
        blobsRestored = blobs;
        return restoredFiles;
      } catch (err) {
        await store.rollback(s).catch(() => undefined);
        throw err;
      }
    });
    const written = files.map((f) => writeRestoredFile(config.dataDir, f.path, f.content));
    const migratedAfter = newer.length > 0 ? await withAdminSession(database, config, (s) => migrate(s, opts.log)) : [];
    await withAdminSession(database, config, store.analyze);
    const audit = await verifyRestoredAudit({ db: database.db, config });
    return {
      tables: header.tables.length,
      rows: total,
      files: written,
      blobs: { count: blobsRestored, into: blobFolder ? 'folder' : 'table' },
      migratedAfter,
      seconds: (Date.now() - started) / 1000,
      audit,
    };
  } finally {
    await database.close();
  }
}

export { readBackupHeader };
