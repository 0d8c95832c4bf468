import type { Tx } from '../../platform/db/context.js';
import { findOrderByNumber, lockOrder, type OrderRow } from './store.js';

/**
 * A work order read for co-creation's "suggestion order → opinion" (by id or by its number),
 * locked so two clicks on the same order queue behind each other. Row-level security keeps it
 * to the caller's scope: an order out of scope reads as missing.
 */
export async function lockOrderForOpinion(tx: Tx, ref: { id?: string; number?: string }): Promise<OrderRow | undefined> {
  const id = ref.id ?? (ref.number ? (await findOrderByNumber(tx, ref.number))?.id : undefined);
  return id ? lockOrder(tx, id) : undefined;
}
