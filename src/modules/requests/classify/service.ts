import { uuidv7 } from 'uuidv7';
import type { Kysely } from 'kysely';
import { SYSTEM_CONTEXT, withContext } from '../../../platform/db/context.js';
import type { DB } from '../../../platform/db/tables.js';
import type { Deps } from '../../../platform/deps.js';
import { invalidField } from '../../../platform/errors.js';
import { Classifier, evaluate, type Classification, type Evaluation, type SerializedClassifier } from './classifier.js';
import { loadCorpus, splitCorpus, type LabelledText } from './corpus.js';

/** The classifier in use, per database (tests run several side by side). */
const active = new WeakMap<Kysely<DB>, Promise<Classifier>>();

/** The model trained on the built-in corpus: deterministic, so one per process serves every database. */
let shipped: Classifier | undefined;

async function loadActive(db: Kysely<DB>): Promise<Classifier> {
  const row = await withContext(db, SYSTEM_CONTEXT, (tx) => tx.selectFrom('classifier_models').select('model').where('active', '=', true).executeTakeFirst());
  if (row) return Classifier.fromJSON(row.model as SerializedClassifier);
  // No county model yet: train on the built-in corpus (a few seconds), as shipped.
  shipped ??= Classifier.train(loadCorpus());
  return shipped;
}

/** The active classifier: the county's latest trained model, else one trained on the corpus. */
export function activeClassifier(deps: Pick<Deps, 'db'>): Promise<Classifier> {
  let c = active.get(deps.db);
  if (!c) {
    c = loadActive(deps.db);
    c.catch(() => active.delete(deps.db));
    active.set(deps.db, c);
  }
  return c;
}

export async function classifyText(deps: Pick<Deps, 'db'>, text: string): Promise<Classification> {
  const clean = text.trim();
  if (clean.length === 0) throw invalidField('text', '不能为空');
  return (await activeClassifier(deps)).classify(clean);
}

/** Accuracy on the corpus's fixed held-out split (`gongzhi classify eval`). */
export function evaluateCorpus(threshold: number): Evaluation {
  const { train, test } = splitCorpus(loadCorpus());
  return evaluate(Classifier.train(train), train.length, test, threshold);
}

/** Closed orders whose category a person chose or confirmed: the county's own labelled examples. */
async function confirmedOrders(db: Kysely<DB>): Promise<LabelledText[]> {
  const rows = await withContext(db, SYSTEM_CONTEXT, (tx) =>
    tx
      .selectFrom('work_orders')
      .select(['description', 'request_type', 'category_code'])
      .where('category_confirmed', '=', true)
      .where('category_code', 'is not', null)
      .where('status', 'in', ['closed', 'followed_up', 'resolved'])
      .execute(),
  );
  return rows.map((r) => ({ text: r.description, requestType: r.request_type, categoryCode: r.category_code! }));
}

export interface TrainResult {
  id: string;
  corpusExamples: number;
  orderExamples: number;
  evaluation: Evaluation;
}

/**
 * Retrains on the corpus plus the county's confirmed closed orders (`gongzhi classify train`),
 * reports accuracy on a held-out split of both, then trains on everything and makes that model
 * active. Human corrections therefore flow back into the next model.
 */
export async function retrainFromOrders(deps: Deps, threshold: number, onProgress: (step: string) => void = () => {}): Promise<TrainResult> {
  const corpus = loadCorpus();
  onProgress('读取已办结工单');
  const orders = await confirmedOrders(deps.db);
  const all = [...corpus, ...orders];
  onProgress(`评估（语料 ${corpus.length} 条，工单 ${orders.length} 条）`);
  const { train, test } = splitCorpus(all);
  const evaluation = evaluate(Classifier.train(train), train.length, test, threshold);
  onProgress('用全部样本训练');
  const model = Classifier.train(all);
  const id = uuidv7();
  await withContext(deps.db, SYSTEM_CONTEXT, async (tx) => {
    await tx.updateTable('classifier_models').set({ active: false }).where('active', '=', true).execute();
    await tx
      .insertInto('classifier_models')
      .values({
        id,
        source: 'orders',
        examples: all.length,
        accuracy: evaluation.categoryAccuracy,
        model: JSON.stringify(model.toJSON()),
        active: true,
        created_at: deps.clock.now(),
      })
      .execute();
  });
  active.set(deps.db, Promise.resolve(model));
  return { id, corpusExamples: corpus.length, orderExamples: orders.length, evaluation };
}
