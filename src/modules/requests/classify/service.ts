import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { uuidv7 } from 'uuidv7';
import type { Kysely } from 'kysely';
import { SYSTEM_CONTEXT, withContext } from '../../../platform/db/context.js';
import type { DB } from '../../../platform/db/tables.js';
import type { Deps } from '../../../platform/deps.js';
import { invalidField } from '../../../platform/errors.js';
import { Classifier, evaluate, type Classification, type Evaluation, type SerializedClassifier } from './classifier.js';
import { loadCorpus, splitCorpus, type LabelledText } from './corpus.js';
import { activateModel, readActiveModel, readConfirmedLabels } from './store.js';

/**
 * Bump when features.ts, model.ts or Classifier.train change what a model learns from the same
 * examples: every stored model then counts as stale and the next start trains again.
 */
const TRAINER_VERSION = 1;
/** The segmenter's dictionary shapes the features too. */
const JIEBA_VERSION = (createRequire(import.meta.url)('@node-rs/jieba/package.json') as { version: string }).version;

/**
 * The fingerprint a stored model is kept under: the trainer and every example in training order.
 * Training is deterministic (classifier.test.ts "trains the same model twice"), so equal hashes
 * mean an equal model, and a content hash holds across clones and checkouts where file times do not.
 */
export function inputsHash(rows: LabelledText[]): string {
  const h = createHash('sha256').update(`gongzhi-classifier ${TRAINER_VERSION} jieba ${JIEBA_VERSION}\n`);
  for (const r of rows) h.update(JSON.stringify([r.requestType, r.categoryCode, r.text])).update('\n');
  return h.digest('hex');
}

/** The classifier in use, per database (tests run several side by side). */
const active = new WeakMap<Kysely<DB>, Promise<Classifier>>();

/** The last model trained on the corpus alone, by its hash: tests open many databases in one process. */
let shipped: { hash: string; classifier: Classifier } | undefined;

/** How many models this process trained (tests assert that a start loads instead). */
let trainings = 0;
export const classifierTrainings = () => trainings;

function trainCounted(rows: LabelledText[]): Classifier {
  trainings++;
  return Classifier.train(rows);
}

export interface PreparedClassifier {
  classifier: Classifier;
  /** 'stored': loaded as it was; 'trained': trained now (and stored, unless that failed). */
  source: 'stored' | 'trained';
  /** Why it was trained: no model yet, its inputs changed, or the stored one could not be read. */
  reason?: 'missing' | 'changed' | 'corrupt';
  /** What it learned from: the corpus, or the corpus and the county's confirmed orders. */
  learnsFrom: 'corpus' | 'orders';
  examples: number;
}

export interface PrepareOptions {
  /** The corpus to learn from (tests pass a small one); the built-in corpus when absent. */
  corpus?: LabelledText[];
  log?: (line: string) => void;
}

/**
 * The county's model, loaded when it was trained on exactly today's inputs, else trained again and
 * stored. A county model from `gongzhi classify train` stays one: it is retrained on the current
 * corpus plus the current confirmed orders when either changed. Without one, the model learns from
 * the corpus alone; confirmed orders join only through `classify train`, which evaluates the result
 * first. A damaged record is left in place (inactive) and never stops the start.
 */
export async function prepareClassifier(deps: Pick<Deps, 'db' | 'clock'>, opts: PrepareOptions = {}): Promise<PreparedClassifier> {
  const log = opts.log ?? (() => {});
  const corpus = opts.corpus ?? loadCorpus();
  const { stored, rows } = await withContext(deps.db, SYSTEM_CONTEXT, async (tx) => {
    const stored = await readActiveModel(tx);
    return { stored, rows: stored?.source === 'orders' ? [...corpus, ...(await readConfirmedLabels(tx))] : corpus };
  });
  const learnsFrom = stored?.source === 'orders' ? 'orders' : 'corpus';
  const hash = inputsHash(rows);
  let reason: PreparedClassifier['reason'] = !stored ? 'missing' : stored.inputsHash === hash ? undefined : 'changed';
  if (!reason) {
    try {
      return { classifier: Classifier.fromJSON(stored!.model as SerializedClassifier), source: 'stored', learnsFrom, examples: rows.length };
    } catch (err) {
      log(`已保存的分类模型 ${stored!.id} 无法读取（${(err as Error).message}），重新训练`);
      reason = 'corrupt';
    }
  }
  let classifier: Classifier;
  if (learnsFrom === 'corpus') {
    if (shipped?.hash !== hash) shipped = { hash, classifier: trainCounted(rows) };
    classifier = shipped.classifier;
  } else classifier = trainCounted(rows);
  try {
    await withContext(deps.db, SYSTEM_CONTEXT, (tx) =>
      activateModel(tx, {
        id: uuidv7(),
        source: learnsFrom,
        examples: rows.length,
        accuracy: null,
        model: classifier.toJSON(),
        inputsHash: hash,
        createdAt: deps.clock.now(),
      }),
    );
  } catch (err) {
    // Another server stored the same model first, or the write failed: serve the trained model anyway.
    log(`分类模型未能保存（${(err as Error).message}），下次启动将重新训练`);
  }
  return { classifier, source: 'trained', reason, learnsFrom, examples: rows.length };
}

/** Loads (or trains) the model now and makes it the one this server classifies with. */
export async function startClassifier(deps: Pick<Deps, 'db' | 'clock'>, opts: PrepareOptions = {}): Promise<PreparedClassifier> {
  const p = prepareClassifier(deps, opts);
  const c = p.then((r) => r.classifier);
  c.catch(() => active.delete(deps.db));
  active.set(deps.db, c);
  return p;
}

/** The active classifier: the county's stored model, else one trained now (and stored). */
export function activeClassifier(deps: Pick<Deps, 'db' | 'clock'>): Promise<Classifier> {
  const c = active.get(deps.db);
  if (c) return c;
  return startClassifier(deps).then((r) => r.classifier);
}

export async function classifyText(deps: Pick<Deps, 'db' | 'clock'>, text: string): Promise<Classification> {
  const clean = text.trim();
  if (clean.length === 0) throw invalidField('text', '不能为空');
  return (await activeClassifier(deps)).classify(clean);
}

/** Accuracy on the corpus's fixed held-out split (`gongzhi classify eval`). */
export function evaluateCorpus(threshold: number): Evaluation {
  const { train, test } = splitCorpus(loadCorpus());
  return evaluate(Classifier.train(train), train.length, test, threshold);
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
  const orders = await withContext(deps.db, SYSTEM_CONTEXT, readConfirmedLabels);
  const all = [...corpus, ...orders];
  onProgress(`评估（语料 ${corpus.length} 条，工单 ${orders.length} 条）`);
  const { train, test } = splitCorpus(all);
  const evaluation = evaluate(Classifier.train(train), train.length, test, threshold);
  onProgress('用全部样本训练');
  const model = trainCounted(all);
  const id = uuidv7();
  await withContext(deps.db, SYSTEM_CONTEXT, (tx) =>
    activateModel(tx, {
      id,
      source: 'orders',
      examples: all.length,
      accuracy: evaluation.categoryAccuracy,
      model: model.toJSON(),
      inputsHash: inputsHash(all),
      createdAt: deps.clock.now(),
    }),
  );
  active.set(deps.db, Promise.resolve(model));
  return { id, corpusExamples: corpus.length, orderExamples: orders.length, evaluation };
}
