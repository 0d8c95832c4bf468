import { sql } from 'kysely';
import type { Tx } from '../db/context.js';
import { likeContains, likePrefix } from '../db/like.js';
import type { AuditLogTable } from '../db/tables.js';
import type { Selectable } from 'kysely';

export type AuditRow = Selectable<AuditLogTable>;

export type NewAuditRow = Omit<AuditRow, 'before' | 'after' | 'details'> & {
  before: unknown;
  after: unknown;
  details: unknown;
};

/** Locks the chain head for the rest of this transaction; concurrent appenders wait here, keeping the chain linear. */
export async function lockChainHead(tx: Tx): Promise<{ seq: number; hash: string }> {
  return tx.selectFrom('audit_chain_head').select(['seq', 'hash']).where('id', '=', 1).forUpdate().executeTakeFirstOrThrow();
}

function json(v: unknown): string | null {
  return v === undefined || v === null ? null : JSON.stringify(v);
}

/** The records in one round trip, with the chain's new head (a WITH insert always runs to completion). */
export async function insertAuditRows(tx: Tx, rows: NewAuditRow[]): Promise<void> {
  const last = rows[rows.length - 1];
  if (!last) return;
  await tx
    .with('record', (db) =>
      db.insertInto('audit_log').values(rows.map((row) => ({ ...row, before: json(row.before), after: json(row.after), details: json(row.details) }))),
    )
    .updateTable('audit_chain_head')
    .set({ seq: last.seq, hash: last.hash })
    .where('id', '=', 1)
    .execute();
}

export interface AuditFilter {
  actor?: string;
  actorId?: string;
  targetType?: string;
  targetId?: string;
  action?: string;
  outcome?: string;
  from?: Date;
  to?: Date;
}

export async function listAuditRows(tx: Tx, filter: AuditFilter, page: { limit: number; offset: number }): Promise<{ rows: AuditRow[]; total: number }> {
  let q = tx.selectFrom('audit_log');
  if (filter.actor) q = q.where('actor_name', '=', filter.actor);
  if (filter.actorId) q = q.where('actor_id', '=', filter.actorId);
  if (filter.targetType) q = q.where('target_type', '=', filter.targetType);
  if (filter.targetId) q = q.where('target_id', '=', filter.targetId);
  if (filter.action) q = q.where('action', 'like', likePrefix(filter.action));
  if (filter.outcome) q = q.where('outcome', '=', filter.outcome as AuditRow['outcome']);
  if (filter.from) q = q.where('occurred_at', '>=', filter.from);
  if (filter.to) q = q.where('occurred_at', '<=', filter.to);
  const [rows, count] = await Promise.all([
    q.selectAll().orderBy('seq', 'desc').limit(page.limit).offset(page.offset).execute(),
    q.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

/** Reads the chain in order, a batch at a time, for verification. */
export async function readAuditBatch(tx: Tx, afterSeq: number, limit: number): Promise<AuditRow[]> {
  return tx.selectFrom('audit_log').selectAll().where('seq', '>', afterSeq).orderBy('seq').limit(limit).execute();
}

export async function readChainHead(tx: Tx): Promise<{ seq: number; hash: string }> {
  return tx.selectFrom('audit_chain_head').select(['seq', 'hash']).where('id', '=', 1).executeTakeFirstOrThrow();
}

/** The first record carrying a keyed seal (records written before migration 0017 have none). */
export async function firstSealedSeq(tx: Tx): Promise<number | null> {
  const row = await tx.selectFrom('audit_log').select('seq').where('mac', 'is not', null).orderBy('seq').limit(1).executeTakeFirst();
  return row ? Number(row.seq) : null;
}

/** A record's object, for naming. */
export interface TargetRef {
  type: string;
  id: string;
}

/**
 * What the objects are called, in one query for a page of records: a user's name, a region's or
 * grid's name, an order's or case's number, an organization's name. Only non-personal names, and
 * only objects inside `scopePath` (departments are county-wide). Keyed `type:id`.
 */
export async function findTargetNames(tx: Tx, scopePath: string, targets: TargetRef[]): Promise<Map<string, string>> {
  const ids = (type: string) => [...new Set(targets.filter((t) => t.type === type).map((t) => t.id))];
  const parts = [
    sql`select 'user' as type, id::text as id, display_name || '（' || username || '）' as name from users where id::text = any(${ids('user')}) and scope_path <@ ${scopePath}::ltree`,
    sql`select 'region', code, name from regions where code = any(${ids('region')}) and path <@ ${scopePath}::ltree`,
    sql`select 'grid', code, name from grids where code = any(${ids('grid')}) and path <@ ${scopePath}::ltree`,
    sql`select 'work_order', id::text, number from work_orders where id::text = any(${ids('work_order')}) and path <@ ${scopePath}::ltree`,
    sql`select 'dispute_case', id::text, number from dispute_cases where id::text = any(${ids('dispute_case')}) and path <@ ${scopePath}::ltree`,
    sql`select 'party_org', id::text, name from party_orgs where id::text = any(${ids('party_org')}) and path <@ ${scopePath}::ltree`,
    sql`select 'mediator', id::text, name from mediators where id::text = any(${ids('mediator')}) and path <@ ${scopePath}::ltree`,
    sql`select 'building', id::text, name from buildings where id::text = any(${ids('building')}) and path <@ ${scopePath}::ltree`,
    sql`select 'department', id::text, name from departments where id::text = any(${ids('department')})`,
  ];
  if (targets.length === 0) return new Map();
  const { rows } = await sql<{ type: string; id: string; name: string }>`${sql.join(parts, sql` union all `)}`.execute(tx);
  return new Map(rows.map((r) => [`${r.type}:${r.id}`, r.name]));
}

/** The accounts an auditor can filter by: username or name containing `q`, in the auditor's scope. */
export async function searchAuditActors(tx: Tx, scopePath: string, q: string | undefined, limit: number) {
  let query = tx
    .selectFrom('users')
    .select(['id', 'username', 'display_name'])
    .where(sql<boolean>`scope_path <@ ${scopePath}::ltree`);
  if (q) query = query.where((eb) => eb.or([eb('username', 'ilike', likeContains(q)), eb('display_name', 'ilike', likeContains(q))]));
  return query.orderBy('username').limit(limit).execute();
}
