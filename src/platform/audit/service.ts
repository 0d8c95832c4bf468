import type { Kysely } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type { Actor } from '../actor.js';
import { dbContext } from '../actor.js';
import type { Clock } from '../clock.js';
import { secretsOf, withContext, type Tx } from '../db/context.js';
import type { DB } from '../db/tables.js';
import { forbidden } from '../errors.js';
import { toOffsetIso } from '../time.js';
import { maskPersonalNumbersDeep } from '../mask.js';
import { chainHash, sealHash } from './chain.js';
import type { AuditPage, AuditQuery, AuditRecord, SecurityAlertQuery } from './schema.js';
import { insertAuditRow, listAuditRows, lockChainHead, type AuditRow } from './store.js';

export interface AuditEntry {
  action: string;
  targetType?: string;
  targetId?: string;
  outcome?: 'ok' | 'denied' | 'failed';
  before?: unknown;
  after?: unknown;
  details?: unknown;
}

/**
 * Appends one record to the hash chain inside the caller's transaction, so the record exists
 * exactly when the write it describes does.
 */
export async function appendAudit(tx: Tx, clock: Clock, actor: Actor, entry: AuditEntry): Promise<void> {
  const head = await lockChainHead(tx);
  const row = {
    seq: head.seq + 1,
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
    prev_hash: head.hash,
  };
  const hash = chainHash(hashFields({ ...row, hash: '', mac: null }));
  await insertAuditRow(tx, { ...row, hash, mac: sealHash(secretsOf(tx).auditKeys[0]!, hash) });
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

function present(r: AuditRow): AuditRecord {
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

/** The audit admin's search. Only the audit admin may read the log (三权分立). */
export async function searchAudit(db: Kysely<DB>, clock: Clock, actor: Actor, query: AuditQuery): Promise<AuditPage> {
  if (actor.role !== 'audit_admin') throw forbidden('audit.read');
  const pageSize = query.pageSize ?? 50;
  const page = query.page ?? 1;
  return withContext(db, dbContext(actor), async (tx) => {
    const { rows, total } = await listAuditRows(
      tx,
      {
        actor: query.actor,
        action: query.action,
        outcome: query.outcome,
        from: query.from ? new Date(query.from) : undefined,
        to: query.to ? new Date(query.to) : undefined,
      },
      { limit: pageSize, offset: (page - 1) * pageSize },
    );
    await appendAudit(tx, clock, actor, { action: 'audit.search', details: { ...query } });
    return { items: rows.map(present), total };
  });
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
    return { items: rows.map(present), total };
  });
}
