import fs from 'node:fs';
import { SYSTEM_CONTEXT, withContext } from '../db/context.js';
import type { Deps } from '../deps.js';
import { blobReadFolder, removeBlobFile, walkBlobFolder } from './disk.js';
import * as store from './store.js';

export interface SweepResult {
  /** Blobs no file names any more, removed (row and, when in the folder, its file). */
  removed: number;
  /** Files in the folder no blob row names (a crash between writing and recording), removed. */
  strays: number;
  /** False when a backup was reading blobs: nothing was removed, the next run tries again. */
  ran: boolean;
}

const BATCH = 200;

/**
 * Removes content no file names any more, once it has been left alone for `graceHours` (default
 * a day: an upload in flight has written its content but not yet its row). Each blob is removed
 * under its own lock after checking again that nothing names it, so an upload of the same content
 * at the same moment either keeps it or writes it again. Skipped while a backup holds the sweep
 * lock. With `walkFolder`, also removes folder files that no blob row records (and left-over
 * temporary files) older than the grace — a slower walk, run at start.
 */
export async function sweepFileBlobs(deps: Deps, opts: { graceHours?: number; walkFolder?: boolean } = {}): Promise<SweepResult> {
  const graceMs = (opts.graceHours ?? 24) * 3_600_000;
  const before = new Date(deps.clock.now().getTime() - graceMs);
  const folder = blobReadFolder(deps.config);
  const result: SweepResult = { removed: 0, strays: 0, ran: true };
  for (;;) {
    const batch = await withContext(deps.db, SYSTEM_CONTEXT, async (tx) => {
      if (!(await store.trySweepLock(tx))) return undefined;
      const candidates = await store.orphanBlobs(tx, before, BATCH);
      let removed = 0;
      for (const c of candidates) {
        if (!(await store.deleteOrphanBlob(tx, c.sha256, before))) continue;
        // Inside the transaction, under the blob's lock: should the commit fail, the row stays
        // without its file, and the next upload of that content writes the file again.
        if (!c.in_table) removeBlobFile(folder, c.sha256);
        removed++;
      }
      return { removed, more: candidates.length === BATCH };
    });
    if (!batch) return { ...result, ran: false };
    result.removed += batch.removed;
    if (!batch.more) break;
  }
  if (opts.walkFolder) result.strays = await sweepFolder(deps, folder, Date.now() - graceMs);
  return result;
}

/** Folder files older than `beforeMs` that no blob row records. File times are the machine's own clock. */
async function sweepFolder(deps: Deps, folder: string, beforeMs: number): Promise<number> {
  let removed = 0;
  let pending: { sha256: string; file: string }[] = [];
  const flush = async () => {
    const batch = pending;
    pending = [];
    const gone = await withContext(deps.db, SYSTEM_CONTEXT, async (tx) => {
      if (!(await store.trySweepLock(tx))) return [];
      const out: string[] = [];
      for (const p of batch) {
        if (await store.lockedBlobExists(tx, p.sha256)) continue;
        fs.rmSync(p.file, { force: true });
        out.push(p.file);
      }
      return out;
    });
    removed += gone.length;
  };
  for (const entry of walkBlobFolder(folder)) {
    if (entry.mtimeMs >= beforeMs) continue;
    if (entry.sha256 === null) {
      // A temporary file left by a write that died before its rename.
      if (entry.file.endsWith('.tmp')) fs.rmSync(entry.file, { force: true });
      continue;
    }
    pending.push({ sha256: entry.sha256, file: entry.file });
    if (pending.length >= BATCH) await flush();
  }
  if (pending.length > 0) await flush();
  return removed;
}
