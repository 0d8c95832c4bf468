import { sql, type Insertable, type Selectable } from 'kysely';
import type { Tx } from '../db/context.js';
import type { FilesTable } from './tables.js';

/** File rows without their content (the content is in file_blobs or the folder). */
export type FileRow = Selectable<FilesTable>;

/**
 * The advisory lock a backup holds (shared) while it reads blobs, and the sweep tries (exclusive):
 * a sweep never removes content a running backup is about to copy.
 */
export const BLOB_SWEEP_LOCK = 7262632;

/** One blob at a time: an upload naming it and the sweep removing it never interleave. */
async function lockBlob(tx: Tx, sha256: string): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(hashtextextended(${`gongzhi.blob:${sha256}`}, 0))`.execute(tx);
}

/** Locks the blobs in a fixed order (no two uploads deadlock). */
export async function lockBlobs(tx: Tx, hashes: string[]): Promise<void> {
  for (const h of [...new Set(hashes)].sort()) await lockBlob(tx, h);
}

/**
 * Records a blob, or refreshes the time of one already recorded. `data` is its content when the
 * table holds it (a blob recorded without content earlier keeps its folder file and gains the bytes).
 * Returns whether the content is in the table afterwards.
 */
export async function upsertBlob(tx: Tx, b: { sha256: string; bytes: number; data: Buffer | null; now: Date }): Promise<{ inTable: boolean }> {
  const row = await tx
    .insertInto('file_blobs')
    .values({ sha256: b.sha256, bytes: b.bytes, data: b.data, created_at: b.now, touched_at: b.now })
    .onConflict((oc) =>
      oc.column('sha256').doUpdateSet({
        touched_at: b.now,
        data: sql<Buffer | null>`coalesce(file_blobs.data, excluded.data)`,
      }),
    )
    .returning(sql<boolean>`data IS NOT NULL`.as('in_table'))
    .executeTakeFirstOrThrow();
  return { inTable: Boolean(row.in_table) };
}

/** Rows of the blobs a file names, as the caller may see them (file_blobs_read policy). */
export async function findBlob(tx: Tx, sha256: string): Promise<{ bytes: number; data: Buffer | null } | undefined> {
  return tx.selectFrom('file_blobs').select(['bytes', 'data']).where('sha256', '=', sha256).executeTakeFirst();
}

export async function insertFiles(tx: Tx, rows: Insertable<FilesTable>[]): Promise<void> {
  if (rows.length) await tx.insertInto('files').values(rows).execute();
}

/** The highest seq of a usage on an owner and how many files it has. */
export async function usageTally(tx: Tx, ownerKind: string, ownerId: string, usage: string): Promise<{ count: number; maxSeq: number }> {
  const r = await tx
    .selectFrom('files')
    .select((eb) => [eb.fn.countAll<number>().as('count'), eb.fn.coalesce(eb.fn.max('seq'), sql<number>`0`).as('max_seq')])
    .where('owner_kind', '=', ownerKind)
    .where('owner_id', '=', ownerId)
    .where('usage', '=', usage)
    .executeTakeFirstOrThrow();
  return { count: Number(r.count), maxSeq: Number(r.max_seq) };
}

export async function listFileRows(tx: Tx, ownerKind: string, ownerId: string, usage?: string): Promise<FileRow[]> {
  let q = tx.selectFrom('files').selectAll().where('owner_kind', '=', ownerKind).where('owner_id', '=', ownerId);
  if (usage) q = q.where('usage', '=', usage);
  return q.orderBy('usage').orderBy('seq').execute();
}

/**
 * The files of many owners of one kind in one statement, each owner's in listFileRows' order. The
 * ids go as one array parameter: one statement text (prepared once) whatever the page's length.
 */
export async function listFileRowsOf(tx: Tx, ownerKind: string, ownerIds: string[], usage?: string): Promise<FileRow[]> {
  if (!ownerIds.length) return [];
  let q = tx
    .selectFrom('files')
    .selectAll()
    .where('owner_kind', '=', ownerKind)
    .where(sql<boolean>`owner_id = ANY(${ownerIds}::uuid[])`);
  if (usage) q = q.where('usage', '=', usage);
  return q.orderBy('owner_id').orderBy('usage').orderBy('seq').execute();
}

export async function findFileRow(tx: Tx, id: string): Promise<FileRow | undefined> {
  return tx.selectFrom('files').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function deleteFileRows(tx: Tx, ids: string[]): Promise<number> {
  if (ids.length === 0) return 0;
  const r = await tx.deleteFrom('files').where('id', 'in', ids).executeTakeFirst();
  return Number(r.numDeletedRows);
}

export async function updateRetention(tx: Tx, id: string, set: { retention_until?: Date | null; legal_hold?: boolean }): Promise<void> {
  await tx.updateTable('files').set(set).where('id', '=', id).execute();
}

// ---- the orphan sweep (system context) --------------------------------------------------------

/** Tries the sweep lock for this transaction; false while a backup is reading blobs. */
export async function trySweepLock(tx: Tx): Promise<boolean> {
  const r = await sql<{ ok: boolean }>`SELECT pg_try_advisory_xact_lock(${BLOB_SWEEP_LOCK}) AS ok`.execute(tx);
  return Boolean(r.rows[0]?.ok);
}

/** Blobs no file names, untouched since `before`. */
export async function orphanBlobs(tx: Tx, before: Date, limit: number): Promise<{ sha256: string; in_table: boolean }[]> {
  return tx
    .selectFrom('file_blobs as b')
    .select(['b.sha256', sql<boolean>`b.data IS NOT NULL`.as('in_table')])
    .where('b.touched_at', '<', before)
    .where(({ not, exists, selectFrom }) => not(exists(selectFrom('files as f').select('f.id').whereRef('f.sha256', '=', 'b.sha256'))))
    .orderBy('b.sha256')
    .limit(limit)
    .execute();
}

/** Removes one blob row if it is still an orphan untouched since `before` (checked again under its lock). */
export async function deleteOrphanBlob(tx: Tx, sha256: string, before: Date): Promise<boolean> {
  await lockBlob(tx, sha256);
  const r = await tx
    .deleteFrom('file_blobs as b')
    .where('b.sha256', '=', sha256)
    .where('b.touched_at', '<', before)
    .where(({ not, exists, selectFrom }) => not(exists(selectFrom('files as f').select('f.id').whereRef('f.sha256', '=', 'b.sha256'))))
    .executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

/** Whether a blob row exists, taken under its lock (the folder sweep's check before it removes a file). */
export async function lockedBlobExists(tx: Tx, sha256: string): Promise<boolean> {
  await lockBlob(tx, sha256);
  return (await tx.selectFrom('file_blobs').select('sha256').where('sha256', '=', sha256).executeTakeFirst()) !== undefined;
}
