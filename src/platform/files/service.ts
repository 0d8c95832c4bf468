import { uuidv7 } from 'uuidv7';
import { dbContext, type Actor } from '../actor.js';
import { appendAudit } from '../audit/service.js';
import { SYSTEM_CONTEXT, withContext, type Tx } from '../db/context.js';
import type { Config } from '../config.js';
import type { Deps } from '../deps.js';
import { AppError, invalidField, notFound } from '../errors.js';
import { toOffsetIso } from '../time.js';
import { blobFileExists, blobReadFolder, blobWriteFolder, readBlobFile, sha256Hex, writeBlobFile } from './disk.js';
import { fileOwner, fileUsage, maxBytesFor, type FileKind, type FileOwner, type FileUsage } from './owners.js';
import { presentFile } from './present.js';
import type { FileList, FileListQuery, FileMeta } from './schema.js';
import { safeFilename, sniffFile } from './sniff.js';
import * as store from './store.js';

/*
 * The platform's file store. A module attaches files to one of its objects in four steps:
 *   1. prepareFiles   before any transaction: size, type by content, images cleaned (nothing written)
 *   2. saveBlobs      before its transaction: the content, idempotent by SHA-256 (folder or table)
 *   3. attachFiles    inside its own write transaction: the rows, audited with the write
 *   4. the owner's removal calls removeOwnerFiles in the same transaction, BEFORE deleting the
 *      owner row (afterwards row-level security no longer shows the owner's files).
 * A crash after step 2 leaves content no row names; the sweep removes it a day later.
 */

export interface FileInput {
  data: Buffer;
  /** The name the uploader gave; kept for display with the extension the content has. */
  filename?: string;
  /** Facts read from the file before it was cleaned (a photo's GPS position); kept, not shown by the API. */
  meta?: Record<string, unknown>;
}

/** A file checked and ready to store: its bytes are final (an image without its metadata). */
export interface PreparedFile {
  field: string;
  filename: string;
  kind: FileKind;
  contentType: string;
  data: Buffer;
  sha256: string;
  meta: Record<string, unknown>;
}

/** A file with its content, for download. */
export interface FileContent {
  meta: FileMeta;
  data: Buffer;
}

function usageOf(owner: FileOwner, usage: string): FileUsage {
  const rule = fileUsage(owner, usage);
  if (!rule) throw new Error(`file usage ${owner.kind}.${usage} is not defined`);
  return rule;
}

function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${Math.round((n / 1024 / 1024) * 10) / 10} MB`;
  if (n >= 1024) return `${Math.round(n / 1024)} KB`;
  return `${n} 字节`;
}

/**
 * Checks files for one usage of an owner kind, before anything is written: at most maxCount, each
 * within the size limit, of a kind the usage accepts as decided by its bytes (images parsed to
 * their end and cleaned). A refusal names the field: `${field}[i]`.
 */
export async function prepareFiles(
  deps: { config: Pick<Config, 'fileLimits'> },
  target: { owner: FileOwner; usage: string; field: string },
  inputs: FileInput[],
): Promise<PreparedFile[]> {
  const rule = usageOf(target.owner, target.usage);
  if (rule.maxCount !== undefined && inputs.length > rule.maxCount)
    throw invalidField(target.field, `最多上传 ${rule.maxCount} ${rule.unit ?? '个'}${rule.label}`);
  const max = maxBytesFor(deps.config, target.owner, target.usage);
  const out: PreparedFile[] = [];
  for (const [i, input] of inputs.entries()) {
    const field = `${target.field}[${i}]`;
    if (input.data.length === 0) throw invalidField(field, `${rule.label}是空文件`);
    if (input.data.length > max) throw invalidField(field, `${rule.label}不能超过 ${formatBytes(max)}（此文件 ${formatBytes(input.data.length)}）`);
    const sniffed = await sniffFile(input.data, rule.accept, field, rule.label);
    const sha256 = sha256Hex(sniffed.data);
    out.push({
      field,
      filename: safeFilename(input.filename, sha256.slice(0, 12), sniffed.ext),
      kind: sniffed.kind,
      contentType: sniffed.contentType,
      data: sniffed.data,
      sha256,
      meta: input.meta ?? {},
    });
  }
  return out;
}

/**
 * Stores the content of prepared files, before the transaction that names them: into the files
 * folder (flushed, renamed into place) or the blob table, then records each blob in one short
 * transaction as the server. Idempotent: the same content is kept once, however often it comes.
 */
export async function saveBlobs(deps: Deps, files: PreparedFile[]): Promise<void> {
  const unique = [...new Map(files.map((f) => [f.sha256, f])).values()];
  if (unique.length === 0) return;
  const folder = blobWriteFolder(deps.config);
  if (folder) for (const f of unique) await writeBlobFile(folder, f.sha256, f.data);
  const now = deps.clock.now();
  await withContext(deps.db, SYSTEM_CONTEXT, async (tx) => {
    await store.lockBlobs(
      tx,
      unique.map((f) => f.sha256),
    );
    for (const f of unique) {
      const { inTable } = await store.upsertBlob(tx, { sha256: f.sha256, bytes: f.data.length, data: folder ? null : f.data, now });
      // The sweep may have removed an old orphan's file between the write above and this lock.
      if (!inTable && folder && !blobFileExists(folder, f.sha256)) await writeBlobFile(folder, f.sha256, f.data);
    }
  });
}

/**
 * Attaches saved files to an owner inside the caller's transaction (after the caller's own
 * checks), numbered after the usage's existing files, and audits it. Row-level security refuses a
 * row whose owner the transaction cannot see.
 */
export async function attachFiles(
  tx: Tx,
  deps: Pick<Deps, 'clock'>,
  actor: Actor,
  target: { owner: FileOwner; ownerId: string; usage: string; field: string },
  files: PreparedFile[],
): Promise<FileMeta[]> {
  if (files.length === 0) return [];
  const { owner, ownerId, usage } = target;
  const rule = usageOf(owner, usage);
  const tally = await store.usageTally(tx, owner.kind, ownerId, usage);
  if (rule.maxCount !== undefined && tally.count + files.length > rule.maxCount) {
    throw invalidField(target.field, `每个${owner.label}最多 ${rule.maxCount} ${rule.unit ?? '个'}${rule.label}（已有 ${tally.count} ${rule.unit ?? '个'}）`);
  }
  const now = deps.clock.now();
  const retentionUntil = rule.retentionDays ? new Date(now.getTime() + rule.retentionDays * 86_400_000) : null;
  const rows = files.map((f, i) => ({
    id: uuidv7(),
    owner_kind: owner.kind,
    owner_id: ownerId,
    usage,
    seq: tally.maxSeq + i + 1,
    sha256: f.sha256,
    content_type: f.contentType,
    bytes: f.data.length,
    filename: f.filename,
    meta: JSON.stringify(f.meta),
    retention_until: retentionUntil,
    legal_hold: false,
    created_by: actor.userId,
    created_at: now,
  }));
  await store.insertFiles(tx, rows);
  await appendAudit(tx, deps.clock, actor, {
    action: 'file.attach',
    targetType: owner.kind,
    targetId: ownerId,
    after: { usage, files: rows.map((r) => ({ id: r.id, filename: r.filename, contentType: r.content_type, bytes: r.bytes, sha256: r.sha256 })) },
  });
  return rows.map(presentFile);
}

/** An owner's files (one usage, or all), in order; the caller has checked the owner is readable. */
export async function listOwnerFiles(tx: Tx, owner: FileOwner, ownerId: string, usage?: string): Promise<FileMeta[]> {
  return (await store.listFileRows(tx, owner.kind, ownerId, usage)).map(presentFile);
}

/**
 * The files of many owners (one usage, or all) in one statement, by owner id: a list page's files
 * without a query per row. Every id is in the map (an owner without files has an empty list); the
 * caller has checked the owners are readable.
 */
export async function listOwnersFiles(tx: Tx, owner: FileOwner, ownerIds: string[], usage?: string): Promise<Map<string, FileMeta[]>> {
  const out = new Map<string, FileMeta[]>(ownerIds.map((id) => [id, []]));
  for (const row of await store.listFileRowsOf(tx, owner.kind, [...new Set(ownerIds)], usage)) out.get(row.owner_id)?.push(presentFile(row));
  return out;
}

/** The content of a file row: from the blob table or the files folder, checked against its digest. */
async function contentOf(tx: Tx, deps: Pick<Deps, 'config'>, row: store.FileRow): Promise<Buffer> {
  const blob = await store.findBlob(tx, row.sha256);
  const data = blob?.data ?? (await readBlobFile(blobReadFolder(deps.config), row.sha256));
  if (!data) throw new AppError('INTERNAL', `文件 ${row.id} 的内容缺失（SHA-256 ${row.sha256}）：请从备份恢复文件目录`, { id: row.id });
  if (sha256Hex(data) !== row.sha256) throw new AppError('INTERNAL', `文件 ${row.id} 的内容已损坏（与 SHA-256 不符）：请从备份恢复`, { id: row.id });
  return data;
}

/** One file of an owner with its content; the caller has checked the owner is readable. */
export async function openOwnerFile(tx: Tx, deps: Pick<Deps, 'config'>, owner: FileOwner, ownerId: string, fileId: string): Promise<FileContent> {
  const row = await store.findFileRow(tx, fileId);
  if (!row || row.owner_kind !== owner.kind || row.owner_id !== ownerId) throw notFound('文件', fileId);
  return { meta: presentFile(row), data: await contentOf(tx, deps, row) };
}

function retained(row: store.FileRow, now: Date): boolean {
  return row.legal_hold || (row.retention_until !== null && new Date(row.retention_until).getTime() > now.getTime());
}

function refuseRetained(owner: FileOwner, kept: store.FileRow[], what: string): AppError {
  const reasons = kept.map((r) => (r.legal_hold ? `${r.filename}（法律保全）` : `${r.filename}（保存至 ${toOffsetIso(r.retention_until!).slice(0, 10)}）`));
  const reason = `${owner.label}的 ${kept.length} 个文件仍须保存，不能${what}：${reasons.join('、')}`;
  return new AppError('CONFLICT', `files: ${reason}`, {
    field: 'files',
    reason,
    retained: kept.map((r) => ({ id: r.id, legalHold: r.legal_hold, retentionUntil: r.retention_until ? toOffsetIso(r.retention_until) : null })),
  });
}

async function removeRows(
  tx: Tx,
  deps: Pick<Deps, 'clock'>,
  actor: Actor,
  owner: FileOwner,
  ownerId: string,
  rows: store.FileRow[],
  what: string,
): Promise<number> {
  if (rows.length === 0) return 0;
  const kept = rows.filter((r) => retained(r, deps.clock.now()));
  if (kept.length > 0) throw refuseRetained(owner, kept, what);
  const n = await store.deleteFileRows(
    tx,
    rows.map((r) => r.id),
  );
  await appendAudit(tx, deps.clock, actor, {
    action: 'file.remove',
    targetType: owner.kind,
    targetId: ownerId,
    before: { files: rows.map((r) => ({ id: r.id, usage: r.usage, filename: r.filename, sha256: r.sha256, bytes: Number(r.bytes) })) },
  });
  return n;
}

/**
 * Removes every file of an owner that is being deleted, in the owner's transaction and before the
 * owner row goes. Refused (409 naming `files`, nothing removed) while any of them is on legal hold
 * or inside its retention period: the owner's deletion then fails with it.
 */
export async function removeOwnerFiles(tx: Tx, deps: Pick<Deps, 'clock'>, actor: Actor, owner: FileOwner, ownerId: string): Promise<number> {
  return removeRows(tx, deps, actor, owner, ownerId, await store.listFileRows(tx, owner.kind, ownerId), `随${owner.label}删除`);
}

/** Removes one file of an owner (a wrong attachment), under the same retention rule. */
export async function removeOwnerFile(tx: Tx, deps: Pick<Deps, 'clock'>, actor: Actor, owner: FileOwner, ownerId: string, fileId: string): Promise<void> {
  const row = await store.findFileRow(tx, fileId);
  if (!row || row.owner_kind !== owner.kind || row.owner_id !== ownerId) throw notFound('文件', fileId);
  await removeRows(tx, deps, actor, owner, ownerId, [row], '删除');
}

/**
 * Sets a file's legal hold or retention date (a module's archive or court rule), audited. Lifting a
 * hold is the owning module's decision; this records it.
 */
export async function setFileRetention(
  tx: Tx,
  deps: Pick<Deps, 'clock'>,
  actor: Actor,
  target: { owner: FileOwner; ownerId: string; fileId: string },
  set: { legalHold?: boolean; retentionUntil?: Date | null },
): Promise<FileMeta> {
  const row = await store.findFileRow(tx, target.fileId);
  if (!row || row.owner_kind !== target.owner.kind || row.owner_id !== target.ownerId) throw notFound('文件', target.fileId);
  const next = {
    ...(set.legalHold !== undefined ? { legal_hold: set.legalHold } : {}),
    ...(set.retentionUntil !== undefined ? { retention_until: set.retentionUntil } : {}),
  };
  await store.updateRetention(tx, row.id, next);
  const after = { ...row, ...next };
  await appendAudit(tx, deps.clock, actor, {
    action: 'file.retention',
    targetType: 'file',
    targetId: row.id,
    before: { legalHold: row.legal_hold, retentionUntil: row.retention_until ? toOffsetIso(row.retention_until) : null },
    after: { legalHold: after.legal_hold, retentionUntil: after.retention_until ? toOffsetIso(after.retention_until) : null },
  });
  return presentFile(after);
}

// ---- the file routes: any owner kind, scope checked by the owner's rule and by RLS --------------

/** A file the actor may read: its row (row-level security) and its owner (the owner kind's check). */
async function visibleFile(tx: Tx, actor: Actor, id: string): Promise<store.FileRow> {
  const row = await store.findFileRow(tx, id);
  const owner = row ? fileOwner(row.owner_kind) : undefined;
  if (!row || !owner) throw notFound('文件', id);
  try {
    await owner.assertReadable(tx, actor, row.owner_id);
  } catch (err) {
    // The answer names the file asked for, never the owner behind it.
    if (err instanceof AppError && err.code === 'NOT_FOUND') throw notFound('文件', id);
    throw err;
  }
  return row;
}

export async function getFile(deps: Deps, actor: Actor, id: string): Promise<FileMeta> {
  return withContext(deps.db, dbContext(actor), async (tx) => presentFile(await visibleFile(tx, actor, id)));
}

export async function downloadFile(deps: Deps, actor: Actor, id: string): Promise<FileContent> {
  return withContext(deps.db, dbContext(actor), async (tx) => {
    const row = await visibleFile(tx, actor, id);
    return { meta: presentFile(row), data: await contentOf(tx, deps, row) };
  });
}

export async function listFiles(deps: Deps, actor: Actor, query: FileListQuery): Promise<FileList> {
  const owner = fileOwner(query.ownerKind);
  if (!owner) throw invalidField('ownerKind', `不是可以附带文件的对象类别: ${query.ownerKind}`);
  return withContext(deps.db, dbContext(actor), async (tx) => {
    await owner.assertReadable(tx, actor, query.ownerId);
    return { items: await listOwnerFiles(tx, owner, query.ownerId, query.usage) };
  });
}
