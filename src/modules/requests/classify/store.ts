import type { Tx } from '../../../platform/db/context.js';
import type { LabelledText } from './corpus.js';

export interface StoredModel {
  id: string;
  source: 'corpus' | 'orders';
  inputsHash: string | null;
  model: unknown;
}

/** The county's active model, if any. */
export async function readActiveModel(db: Tx): Promise<StoredModel | undefined> {
  const row = await db.selectFrom('classifier_models').select(['id', 'source', 'inputs_hash', 'model']).where('active', '=', true).executeTakeFirst();
  return row && { id: row.id, source: row.source, inputsHash: row.inputs_hash, model: row.model };
}

export interface SaveModelParams {
  id: string;
  source: 'corpus' | 'orders';
  examples: number;
  accuracy: number | null;
  model: unknown;
  inputsHash: string;
  createdAt: Date;
}

/** Makes this model the active one; earlier ones stay as they were, inactive. */
export async function activateModel(tx: Tx, p: SaveModelParams): Promise<void> {
  await tx.updateTable('classifier_models').set({ active: false }).where('active', '=', true).execute();
  await tx
    .insertInto('classifier_models')
    .values({
      id: p.id,
      source: p.source,
      examples: p.examples,
      accuracy: p.accuracy,
      model: JSON.stringify(p.model),
      active: true,
      created_at: p.createdAt,
      inputs_hash: p.inputsHash,
    })
    .execute();
}

/**
 * Closed orders whose category a person chose or confirmed: the county's own labelled examples,
 * in a fixed order (training follows the order, and the same inputs must give the same model).
 */
export async function readConfirmedLabels(db: Tx): Promise<LabelledText[]> {
  const rows = await db
    .selectFrom('work_orders')
    .select(['description', 'request_type', 'category_code'])
    .where('category_confirmed', '=', true)
    .where('category_code', 'is not', null)
    .where('status', 'in', ['closed', 'followed_up', 'resolved'])
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ text: r.description, requestType: r.request_type, categoryCode: r.category_code! }));
}
