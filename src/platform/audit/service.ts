import type { Kysely } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type { Actor } from '../actor.js';
import { dbContext } from '../actor.js';
import type { Clock } from '../clock.js';
import { beforeCommit, secretsOf, SYSTEM_CONTEXT, withContext, type Tx } from '../db/context.js';
import type { DB } from '../db/tables.js';
import { forbidden } from '../errors.js';
import { toOffsetIso } from '../time.js';
import { maskPersonalNumbersDeep } from '../mask.js';
import { chainHash, sealHash } from './chain.js';
import { buildAuditSheet } from './export.js';
import {
  AUDIT_EXPORT_LIMIT,
  type AuditActor,
  type AuditExportQuery,
  type AuditPage,
  type AuditQuery,
  type AuditRecord,
  type SecurityAlertQuery,
} from './schema.js';
import {
  findTargetNames,
  insertAuditRows,
  listAuditRows,
  lockChainHead,
  searchAuditActors,
  type AuditFilter,
  type AuditRow,
  type NewAuditRow,
} from './store.js';

export interface AuditEntry {
  action: string;
  targetType?: string;
  targetId?: string;
  outcome?: 'ok' | 'denied' | 'failed';
  before?: unknown;
  after?: unknown;
  details?: unknown;
}

type PendingRecord = Omit<NewAuditRow, 'seq' | 'prev_hash' | 'hash' | 'mac'>;

/** Records appended in a transaction and not yet linked into the chain. */
const pending = new WeakMap<Tx, PendingRecord[]>();

/**
 * Appends one record to the hash chain inside the caller's transaction, so the record exists
 * exactly when the write it describes does. The record is built now and linked into the chain at
 * the end of the transaction (beforeCommit): the chain's head is locked only for the last two
 * statements and the commit, not across the business work, so concurrent writers don't queue on it.
 */
export function appendAudit(tx: Tx, clock: Clock, actor: Actor, entry: AuditEntry): Promise<void> {
  const record: PendingRecord = {
    id: uuidv7(),
    occurred_at: clock.now(),
    actor_id: actor.userId,
    actor_name: actor.username,
    actor_role: actor.role,
    actor_scope: actor.regionCode || null,
    action: entry.action,
    target_type: entry.targetType ?? null,
    target_id: entry.targetId ?? null,
    outcome: entry.outcome ?? 'ok',
    before: entry.before ?? null,
    after: entry.after ?? null,
    details: entry.details ?? null,
    client_ip: actor.clientIp,
  };
  const queued = pending.get(tx);
  if (queued) {
    queued.push(record);
  } else {
    const records = [record];
    pending.set(tx, records);
    beforeCommit(tx, () => linkRecords(tx, records));
  }
  return Promise.resolve();
}

/** Locks the head, links the transaction's records after it in the order they were appended, and writes them. */
async function linkRecords(tx: Tx, records: PendingRecord[]): Promise<void> {
  pending.delete(tx); // a record appended from here on starts a batch of its own
  const head = await lockChainHead(tx);
  const key = secretsOf(tx).auditKeys[0]!;
  let seq = Number(head.seq);
  let prevHash = head.hash;
  const rows = records.map((r) => {
    seq += 1;
    const linked = { ...r, seq, prev_hash: prevHash };
    const hash = chainHash(hashFields({ ...linked, hash: '', mac: null }));
    prevHash = hash;
    return { ...linked, hash, mac: sealHash(key, hash) };
  });
  await insertAuditRows(tx, rows);
}

/** Records an event that has no business transaction of its own (failed login, refused access). */
export async function recordAudit(db: Kysely<DB>, clock: Clock, actor: Actor, entry: AuditEntry): Promise<void> {
  await withContext(db, dbContext(actor), (tx) => appendAudit(tx, clock, actor, entry));
}

export function hashFields(r: Omit<AuditRow, 'occurred_at'> & { occurred_at: Date | string }) {
  return {
    seq: Number(r.seq),
    id: r.id,
    occurredAt: new Date(r.occurred_at).toISOString(),
    actorId: r.actor_id,
    actorName: r.actor_name,
    actorRole: r.actor_role,
    actorScope: r.actor_scope,
    action: r.action,
    targetType: r.target_type,
    targetId: r.target_id,
    outcome: r.outcome,
    before: r.before ?? null,
    after: r.after ?? null,
    details: r.details ?? null,
    clientIp: r.client_ip,
    prevHash: r.prev_hash,
  };
}

function present(r: AuditRow, names?: Map<string, string>): AuditRecord {
  return {
    seq: Number(r.seq),
    id: r.id,
    occurredAt: toOffsetIso(r.occurred_at),
    actorId: r.actor_id,
    actorName: r.actor_name,
    actorRole: r.actor_role,
    actorScope: r.actor_scope,
    action: r.action,
    targetType: r.target_type,
    targetId: r.target_id,
    targetName: (r.target_type && r.target_id && names?.get(`${r.target_type}:${r.target_id}`)) || null,
    outcome: r.outcome,
    // The auditor holds no reveal permission: numbers typed into free text are masked on display
    // (the stored record, and its hash, keep them as written).
    before: maskPersonalNumbersDeep(r.before),
    after: maskPersonalNumbersDeep(r.after),
    details: maskPersonalNumbersDeep(r.details),
    clientIp: r.client_ip,
    hash: r.hash,
  };
}

function auditFilter(query: Omit<AuditQuery, 'page' | 'pageSize'>): AuditFilter {
  return {
    actor: query.actor,
    actorId: query.actorId,
    action: query.action,
    outcome: query.outcome,
    targetType: query.targetType,
    targetId: query.targetId,
    from: query.from ? new Date(query.from) : undefined,
    to: query.to ? new Date(query.to) : undefined,
  };
}

/**
 * The names of a page's objects, read in one query. The auditor's role reads no business tables,
 * so the lookup runs as the system, limited to the auditor's scope and to non-personal names.
 */
async function targetNames(db: Kysely<DB>, actor: Actor, rows: AuditRow[]): Promise<Map<string, string>> {
  const targets = rows.flatMap((r) => (r.target_type && r.target_id ? [{ type: r.target_type, id: r.target_id }] : []));
  if (targets.length === 0) return new Map();
  return withContext(db, SYSTEM_CONTEXT, (tx) => findTargetNames(tx, actor.scopePath, targets));
}

/** The audit admin's search. Only the audit admin may read the log (三权分立). */
export async function searchAudit(db: Kysely<DB>, clock: Clock, actor: Actor, query: AuditQuery): Promise<AuditPage> {
  if (actor.role !== 'audit_admin') throw forbidden('audit.read');
  const pageSize = query.pageSize ?? 50;
  const page = query.page ?? 1;
  const { rows, total } = await withContext(db, dbContext(actor), async (tx) => {
    const found = await listAuditRows(tx, auditFilter(query), { limit: pageSize, offset: (page - 1) * pageSize });
    await appendAudit(tx, clock, actor, { action: 'audit.search', details: { ...query } });
    return found;
  });
  const names = await targetNames(db, actor, rows);
  return { items: rows.map((r) => present(r, names)), total };
}

/** The filtered log as a spreadsheet (newest first, at most AUDIT_EXPORT_LIMIT rows); the export is audited itself. */
export async function exportAudit(db: Kysely<DB>, clock: Clock, actor: Actor, query: AuditExportQuery): Promise<{ filename: string; file: Buffer }> {
  if (actor.role !== 'audit_admin') throw forbidden('audit.read');
  const { lang, ...filters } = query;
  const { rows, total } = await withContext(db, dbContext(actor), async (tx) => {
    const found = await listAuditRows(tx, auditFilter(filters), { limit: AUDIT_EXPORT_LIMIT, offset: 0 });
    await appendAudit(tx, clock, actor, { action: 'audit.export', details: { ...filters, rows: found.rows.length, total: found.total } });
    return found;
  });
  const names = await targetNames(db, actor, rows);
  const file = await buildAuditSheet(
    rows.map((r) => present(r, names)),
    lang ?? 'zh-CN',
    total,
  );
  const stamp = toOffsetIso(clock.now()).slice(0, 10);
  return { filename: lang === 'en' ? `audit-log-${stamp}.xlsx` : `审计日志-${stamp}.xlsx`, file };
}

/** Accounts in the auditor's scope to filter the log by, matched on username or name. */
export async function listAuditActors(db: Kysely<DB>, actor: Actor, q: string | undefined): Promise<AuditActor[]> {
  if (actor.role !== 'audit_admin') throw forbidden('audit.read');
  return withContext(db, dbContext(actor), async (tx) =>
    (await searchAuditActors(tx, actor.scopePath, q?.trim() || undefined, 50)).map((u) => ({ id: u.id, username: u.username, displayName: u.display_name })),
  );
}

/** The action of alerts for the security admin (e.g. a user over the reveal limits; see platform/reveal). */
export const SECURITY_ALERT = 'security.alert';

/**
 * Security alerts, newest first: only the security admin reads them, and row-level security lets
 * that role see these records of the log and no others (migration 0020).
 */
export async function listSecurityAlerts(db: Kysely<DB>, actor: Actor, query: SecurityAlertQuery): Promise<AuditPage> {
  if (actor.role !== 'security_admin') throw forbidden('security.alerts');
  const pageSize = query.pageSize ?? 50;
  const page = query.page ?? 1;
  return withContext(db, dbContext(actor), async (tx) => {
    const filter = { action: SECURITY_ALERT, from: query.from ? new Date(query.from) : undefined };
    const { rows, total } = await listAuditRows(tx, filter, { limit: pageSize, offset: (page - 1) * pageSize });
    return { items: rows.map((r) => present(r)), total };
  });
}
