import { sql } from 'kysely';
import type { Tx } from '../db/context.js';
import { likePrefix } from '../db/like.js';
import type { AuditLogTable } from '../db/tables.js';
import type { Selectable } from 'kysely';

export type AuditRow = Selectable<AuditLogTable>;

export type NewAuditRow = Omit<AuditRow, 'before' | 'after' | 'details'> & {
  before: unknown;
  after: unknown;
  details: unknown;
};

/** Locks the chain head for this transaction; concurrent appenders wait here, keeping the chain linear. */
export async function lockChainHead(tx: Tx): Promise<{ seq: number; hash: string }> {
  return tx.selectFrom('audit_chain_head').select(['seq', 'hash']).where('id', '=', 1).forUpdate().executeTakeFirstOrThrow();
}

function json(v: unknown): string | null {
  return v === undefined || v === null ? null : JSON.stringify(v);
}

export async function insertAuditRow(tx: Tx, row: NewAuditRow): Promise<void> {
  await tx
    .insertInto('audit_log')
    .values({ ...row, before: json(row.before), after: json(row.after), details: json(row.details) })
    .execute();
  await tx.updateTable('audit_chain_head').set({ seq: row.seq, hash: row.hash }).where('id', '=', 1).execute();
}

export interface AuditFilter {
  actor?: string;
  action?: string;
  outcome?: string;
  from?: Date;
  to?: Date;
}

export async function listAuditRows(tx: Tx, filter: AuditFilter, page: { limit: number; offset: number }): Promise<{ rows: AuditRow[]; total: number }> {
  let q = tx.selectFrom('audit_log');
  if (filter.actor) q = q.where('actor_name', '=', filter.actor);
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
