import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../config.js';

/**
 * The files folder: content-addressed blobs at <folder>/ab/cd/<sha256>. A blob is written under a
 * temporary name, flushed and renamed, so a name that exists always holds the whole content, and
 * writing the same content twice is harmless.
 */

/** Where new content is written: the folder (GONGZHI_FILES_DIR, or <data>/files on PGlite), or undefined for the blob table (PostgreSQL). */
export function blobWriteFolder(config: Pick<Config, 'filesDir' | 'databaseUrl' | 'dataDir'>): string | undefined {
  if (config.filesDir) return config.filesDir;
  return config.databaseUrl ? undefined : path.join(config.dataDir, 'files');
}

/** Where content kept outside the database is read from (also on PostgreSQL, for blobs written to a folder earlier). */
export function blobReadFolder(config: Pick<Config, 'filesDir' | 'dataDir'>): string {
  return config.filesDir ?? path.join(config.dataDir, 'files');
}

export const SHA256_NAME = /^[0-9a-f]{64}$/;

export function blobPath(folder: string, sha256: string): string {
  if (!SHA256_NAME.test(sha256)) throw new Error(`not a SHA-256: ${sha256}`);
  return path.join(folder, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
}

export function sha256Hex(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

function fsyncDir(dir: string): void {
  try {
    const fd = fs.openSync(dir, 'r');
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    // Not every file system lets a directory be opened for fsync; the rename is still atomic.
  }
}

/**
 * Writes one blob unless a file of that name and size is already there (then only its time is
 * refreshed, which keeps the orphan sweep away). Durable before it returns.
 */
export async function writeBlobFile(folder: string, sha256: string, data: Buffer): Promise<void> {
  const target = blobPath(folder, sha256);
  const stat = fs.statSync(target, { throwIfNoEntry: false });
  if (stat?.isFile() && stat.size === data.length) {
    const now = new Date();
    fs.utimesSync(target, now, now);
    return;
  }
  const dir = path.dirname(target);
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const tmp = path.join(dir, `.${sha256}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  const fd = fs.openSync(tmp, 'wx', 0o600);
  try {
    fs.writeSync(fd, data);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  try {
    fs.renameSync(tmp, target);
  } catch (err) {
    fs.rmSync(tmp, { force: true });
    throw err;
  }
  fsyncDir(dir);
}

export function blobFileExists(folder: string, sha256: string): boolean {
  return fs.statSync(blobPath(folder, sha256), { throwIfNoEntry: false })?.isFile() ?? false;
}

/** The blob's bytes, or undefined when the folder has no such file. */
export async function readBlobFile(folder: string, sha256: string): Promise<Buffer | undefined> {
  try {
    return await fs.promises.readFile(blobPath(folder, sha256));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}

export function removeBlobFile(folder: string, sha256: string): void {
  fs.rmSync(blobPath(folder, sha256), { force: true });
}

/** Every blob file (by name) and left-over temporary file in the folder, with its modification time. */
export function* walkBlobFolder(folder: string): Generator<{ sha256: string | null; file: string; mtimeMs: number }> {
  if (!fs.existsSync(folder)) return;
  for (const a of fs.readdirSync(folder)) {
    if (!/^[0-9a-f]{2}$/.test(a)) continue;
    for (const b of fs.readdirSync(path.join(folder, a))) {
      if (!/^[0-9a-f]{2}$/.test(b)) continue;
      const dir = path.join(folder, a, b);
      for (const name of fs.readdirSync(dir)) {
        const file = path.join(dir, name);
        const stat = fs.statSync(file, { throwIfNoEntry: false });
        if (!stat?.isFile()) continue;
        yield { sha256: SHA256_NAME.test(name) ? name : null, file, mtimeMs: stat.mtimeMs };
      }
    }
  }
}
