import type { Selectable } from 'kysely';
import type { Tx } from '../db/context.js';
import type { IdempotencyKeysTable } from '../db/tables.js';

export interface KeyClaim {
  actorKey: string;
  key: string;
}

/** Claims a key; returns the existing record when someone already holds it. */
export async function claimKey(
  tx: Tx,
  claim: KeyClaim & { method: string; path: string; requestHash: string; at: Date },
): Promise<Selectable<IdempotencyKeysTable> | null> {
  const inserted = await tx
    .insertInto('idempotency_keys')
    .values({ actor_key: claim.actorKey, key: claim.key, method: claim.method, path: claim.path, request_hash: claim.requestHash, created_at: claim.at })
    .onConflict((oc) => oc.columns(['actor_key', 'key']).doNothing())
    .executeTakeFirst();
  if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1) return null;
  return (await tx.selectFrom('idempotency_keys').selectAll().where('actor_key', '=', claim.actorKey).where('key', '=', claim.key).executeTakeFirst()) ?? null;
}

export async function completeKey(tx: Tx, claim: KeyClaim, statusCode: number, body: string): Promise<void> {
  await tx
    .updateTable('idempotency_keys')
    .set({ status_code: statusCode, response_body: body })
    .where('actor_key', '=', claim.actorKey)
    .where('key', '=', claim.key)
    .execute();
}

export async function releaseKey(tx: Tx, claim: KeyClaim): Promise<void> {
  await tx.deleteFrom('idempotency_keys').where('actor_key', '=', claim.actorKey).where('key', '=', claim.key).execute();
}

/**
 * Forgets claims still "in flight" from before `before`: their process died between claiming the
 * key and answering (a crash, SIGKILL). A retry then runs again, and the create it repeats finds
 * its own earlier row by the same key (work orders keep it), so nothing is made twice.
 */
export async function releaseAbandonedClaims(tx: Tx, before: Date): Promise<number> {
  const r = await tx.deleteFrom('idempotency_keys').where('status_code', 'is', null).where('created_at', '<', before).executeTakeFirst();
  return Number(r.numDeletedRows);
}
