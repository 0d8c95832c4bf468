import { sql, type Insertable } from 'kysely';
import type { Tx } from '../db/context.js';
import type { RevealLogTable } from '../db/tables.js';

/**
 * Serializes one user's reveals until the transaction ends, so two at once cannot both be the
 * twentieth (an advisory lock: no row to lock before the first reveal, and none is needed).
 */
export async function lockRevealsOf(tx: Tx, userId: string): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(hashtextextended(${`reveal:${userId}`}, 0))`.execute(tx);
}

/** Rows older than the longest window are of no further use (the audit log keeps the history). */
export async function pruneReveals(tx: Tx, userId: string, before: Date): Promise<void> {
  await tx.deleteFrom('reveal_log').where('user_id', '=', userId).where('occurred_at', '<', before).execute();
}

/** Reveals granted since each time, and refusals since the first (one index range scan). */
export async function countReveals(tx: Tx, userId: string, since: { short: Date; day: Date }): Promise<{ short: number; day: number; refusedShort: number }> {
  const r = await tx
    .selectFrom('reveal_log')
    .select([
      sql<number>`count(*) FILTER (WHERE NOT refused AND occurred_at >= ${since.short})`.as('short'),
      sql<number>`count(*) FILTER (WHERE NOT refused)`.as('day'),
      sql<number>`count(*) FILTER (WHERE refused AND occurred_at >= ${since.short})`.as('refused_short'),
    ])
    .where('user_id', '=', userId)
    .where('occurred_at', '>=', since.day)
    .executeTakeFirstOrThrow();
  return { short: Number(r.short), day: Number(r.day), refusedShort: Number(r.refused_short) };
}

export async function insertReveal(tx: Tx, row: Insertable<RevealLogTable>): Promise<void> {
  await tx.insertInto('reveal_log').values(row).execute();
}
