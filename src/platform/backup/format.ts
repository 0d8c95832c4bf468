import { createHash } from 'node:crypto';
import fs from 'node:fs';
import readline from 'node:readline';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';
import { AppError } from '../errors.js';

/**
 * The backup file: one portable logical format for both drivers, so a PGlite backup restores
 * into PostgreSQL and back. A gzip stream of text lines:
 *
 *   line 1   the header, JSON (BackupHeader): format version, migrations, source driver, time,
 *            tables with their columns and row counts, sequences, files, SHA-256 of the body
 *   body     `#table <schema>.<name>` then one line per row, PostgreSQL's row_to_json() text;
 *            `#file <relative path> <base64>` for each file kept beside the database;
 *            `#blob <sha256> <base64>` for each file-store blob kept in the files folder (a blob
 *            kept in the file_blobs table travels as that table's row)
 *
 * The header is its own gzip member in front of the body's (gzip allows members back to back),
 * so it can carry the body's digest and row counts yet be read without reading the body.
 */
export const BACKUP_FORMAT = 'gongzhi-backup';
export const BACKUP_VERSION = 1;

export interface BackupTable {
  schema: string;
  name: string;
  /** Stored columns in table order (generated columns are left out: they are recomputed). */
  columns: string[];
  rows: number;
}

export interface BackupHeader {
  format: typeof BACKUP_FORMAT;
  version: number;
  createdAt: string;
  driver: 'pglite' | 'postgres';
  /** schema_migrations of the source, in order: the restore migrates to exactly these first. */
  migrations: string[];
  tables: BackupTable[];
  sequences: { name: string; value: string; isCalled: boolean }[];
  files: { path: string; bytes: number }[];
  /** File-store blobs from the files folder, as `#blob` lines (absent in backups made before 0023_files). */
  blobs?: { count: number; bytes: number };
  /** The audit chain head inside the snapshot. */
  auditHead: { seq: number; hash: string } | null;
  bodyBytes: number;
  sha256: string;
}

export type BodyLine =
  | { kind: 'table'; schema: string; name: string }
  | { kind: 'row'; json: string }
  | { kind: 'file'; path: string; content: Buffer }
  | { kind: 'blob'; sha256: string; content: Buffer };

/** Writes the body to `<file>.partial` while hashing it; `finish` puts the header in front. */
export class BackupWriter {
  private readonly gzip = zlib.createGzip({ level: 6 });
  private readonly hash = createHash('sha256');
  private readonly done: Promise<void>;
  private bytes = 0;
  private readonly bodyFile: string;

  constructor(readonly file: string) {
    this.bodyFile = `${file}.partial`;
    this.done = pipeline(this.gzip, fs.createWriteStream(this.bodyFile, { mode: 0o600, flags: 'wx' }));
    // Awaited in finish/abort; until then a write error must not count as unhandled.
    this.done.catch(() => undefined);
  }

  private async line(text: string): Promise<void> {
    const buf = Buffer.from(`${text}\n`, 'utf8');
    this.hash.update(buf);
    this.bytes += buf.length;
    if (!this.gzip.write(buf)) await new Promise((r) => this.gzip.once('drain', r));
  }

  table(schema: string, name: string): Promise<void> {
    return this.line(`#table ${schema}.${name}`);
  }

  async rows(jsonRows: string[]): Promise<void> {
    if (jsonRows.length > 0) await this.line(jsonRows.join('\n'));
  }

  fileEntry(relPath: string, content: Buffer): Promise<void> {
    return this.line(`#file ${encodeURIComponent(relPath)} ${content.toString('base64')}`);
  }

  blob(sha256: string, content: Buffer): Promise<void> {
    return this.line(`#blob ${sha256} ${content.toString('base64')}`);
  }

  /** Completes the file atomically: a backup interrupted part-way never looks complete. */
  async finish(header: Omit<BackupHeader, 'bodyBytes' | 'sha256'>): Promise<BackupHeader> {
    this.gzip.end();
    await this.done;
    const full: BackupHeader = { ...header, bodyBytes: this.bytes, sha256: this.hash.digest('hex') };
    const tmp = `${this.file}.tmp`;
    const out = fs.createWriteStream(tmp, { mode: 0o600, flags: 'wx' });
    try {
      out.write(zlib.gzipSync(`${JSON.stringify(full)}\n`));
      await pipeline(fs.createReadStream(this.bodyFile), out);
      const fd = fs.openSync(tmp, 'r');
      fs.fsyncSync(fd);
      fs.closeSync(fd);
      fs.renameSync(tmp, this.file);
    } finally {
      fs.rmSync(tmp, { force: true });
      fs.rmSync(this.bodyFile, { force: true });
    }
    return full;
  }

  /** Removes what was written (the backup failed). */
  async abort(): Promise<void> {
    this.gzip.destroy();
    await this.done.catch(() => undefined);
    fs.rmSync(this.bodyFile, { force: true });
  }
}

const corrupt = (file: string, why: string) => new AppError('VALIDATION_FAILED', `备份文件 ${file} 无法读取（${why}）：文件不完整或不是共治备份`);

function parseHeader(file: string, text: string | undefined): BackupHeader {
  let h: BackupHeader;
  try {
    h = JSON.parse(text ?? '') as BackupHeader;
  } catch {
    throw corrupt(file, '没有文件头');
  }
  if (h.format !== BACKUP_FORMAT) throw corrupt(file, '文件头格式不对');
  if (h.version !== BACKUP_VERSION) throw new AppError('VALIDATION_FAILED', `备份格式版本 ${h.version} 不受本版本支持（支持 ${BACKUP_VERSION}）`);
  return h;
}

function lines(file: string): { rl: readline.Interface; close(): void } {
  if (!fs.existsSync(file)) throw new AppError('NOT_FOUND', `备份文件不存在: ${file}`);
  const raw = fs.createReadStream(file);
  const gunzip = zlib.createGunzip();
  raw.on('error', (err) => gunzip.destroy(err));
  const rl = readline.createInterface({ input: raw.pipe(gunzip), crlfDelay: Infinity });
  return {
    rl,
    close: () => {
      rl.close();
      raw.destroy();
      gunzip.destroy();
    },
  };
}

/** The header alone. */
export async function readBackupHeader(file: string): Promise<BackupHeader> {
  const { rl, close } = lines(file);
  try {
    for await (const text of rl) return parseHeader(file, text);
    throw corrupt(file, '空文件');
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw corrupt(file, (err as Error).message);
  } finally {
    close();
  }
}

/**
 * Reads the body line by line, checking the digest and size as it goes; the last step throws if
 * they differ from the header, so a caller that loads inside one transaction rolls back.
 */
export async function* readBackupBody(file: string, header: BackupHeader): AsyncGenerator<BodyLine> {
  const hash = createHash('sha256');
  let bytes = 0;
  let first = true;
  const { rl, close } = lines(file);
  try {
    for await (const text of rl) {
      if (first) {
        first = false;
        continue;
      }
      const buf = Buffer.from(`${text}\n`, 'utf8');
      hash.update(buf);
      bytes += buf.length;
      if (text.startsWith('#table ')) {
        const qualified = text.slice(7);
        const dot = qualified.indexOf('.');
        yield { kind: 'table', schema: qualified.slice(0, dot), name: qualified.slice(dot + 1) };
      } else if (text.startsWith('#file ')) {
        const [, name, content] = text.split(' ');
        yield { kind: 'file', path: decodeURIComponent(name ?? ''), content: Buffer.from(content ?? '', 'base64') };
      } else if (text.startsWith('#blob ')) {
        const [, sha256, content] = text.split(' ');
        yield { kind: 'blob', sha256: sha256 ?? '', content: Buffer.from(content ?? '', 'base64') };
      } else {
        yield { kind: 'row', json: text };
      }
    }
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw corrupt(file, (err as Error).message);
  } finally {
    close();
  }
  if (bytes !== header.bodyBytes || hash.digest('hex') !== header.sha256) throw corrupt(file, '内容摘要 SHA-256 与文件头不符');
}
