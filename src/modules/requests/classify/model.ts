/**
 * A multinomial logistic-regression (softmax) text classifier over sparse features, trained by
 * stochastic gradient descent with L2 regularisation. Small, deterministic for a seed, and its
 * probabilities are usable as a confidence: a softmax temperature is fitted by cross-validation
 * on the training examples (never on held-out data) so that a confidence of p is right about p of
 * the time.
 *
 * Feature vectors: a feature's count in the text (features may repeat) is damped to 1 + ln(count),
 * weighted by its inverse document frequency and the vector scaled to unit length, so long texts
 * and very common tokens do not dominate.
 */
export interface Example {
  features: string[];
  label: string;
}

export interface Model {
  labels: string[];
  vocabulary: string[];
  /** weights[labelIndex * vocabulary.length + featureIndex], plus one bias per label at the end. */
  weights: Float32Array;
  /**
   * Inverse document frequency per vocabulary entry. Models from before it was added lack it and
   * use their original weighting: distinct features, each 1/sqrt(n).
   */
  idf?: Float32Array;
  /** Softmax temperature fitted on training folds (1 when absent). */
  temperature?: number;
}

export interface TrainOptions {
  epochs?: number;
  learningRate?: number;
  l2?: number;
  /** Features seen in fewer documents than this are dropped. */
  minDocs?: number;
  seed?: number;
  /** Only features starting with one of these prefixes are used (all when absent). */
  prefixes?: string[];
  /** Folds of the training examples used to fit the softmax temperature; 0 or 1 leaves it at 1. */
  calibrationFolds?: number;
}

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A sparse vector: feature indices and their values. */
interface Vector {
  x: number[];
  v: number[];
}

function vectorize(featureList: string[], index: Map<string, number>, idf: ArrayLike<number> | undefined): Vector {
  const x: number[] = [];
  const v: number[] = [];
  if (!idf) {
    // Legacy weighting: distinct features, each 1/sqrt(n).
    for (const i of new Set(featureList.map((f) => index.get(f)))) if (i !== undefined) x.push(i);
    for (let j = 0; j < x.length; j++) v.push(1 / Math.sqrt(x.length));
    return { x, v };
  }
  const counts = new Map<number, number>();
  for (const f of featureList) {
    const i = index.get(f);
    if (i !== undefined) counts.set(i, (counts.get(i) ?? 0) + 1);
  }
  let norm = 0;
  for (const [i, n] of counts) {
    const w = (1 + Math.log(n)) * idf[i]!;
    x.push(i);
    v.push(w);
    norm += w * w;
  }
  const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
  for (let j = 0; j < v.length; j++) v[j] = v[j]! * scale;
  return { x, v };
}

interface Fitted {
  labels: string[];
  vocabulary: string[];
  index: Map<string, number>;
  idf: Float64Array;
  /** Feature-major while training: w[featureIndex * K + labelIndex]. */
  w: Float64Array;
  bias: Float64Array;
}

function fit(examples: Example[], options: TrainOptions): Fitted {
  const { epochs = 12, learningRate = 3, l2 = 1e-4, minDocs = 1, seed = 1, prefixes } = options;
  const keep = (f: string) => !prefixes || prefixes.some((p) => f.startsWith(p));
  const docCount = new Map<string, number>();
  for (const e of examples) for (const f of new Set(e.features)) if (keep(f)) docCount.set(f, (docCount.get(f) ?? 0) + 1);
  const vocabulary = [...docCount].filter(([, n]) => n >= minDocs).map(([f]) => f);
  vocabulary.sort();
  const index = new Map(vocabulary.map((f, i) => [f, i]));
  const N = examples.length;
  const idf = Float64Array.from(vocabulary, (f) => Math.log((1 + N) / (1 + docCount.get(f)!)) + 1);
  const labels = [...new Set(examples.map((e) => e.label))].sort();
  const labelIndex = new Map(labels.map((l, i) => [l, i]));
  const V = vocabulary.length;
  const K = labels.length;
  const w = new Float64Array(V * K);
  const bias = new Float64Array(K);
  const rows = examples.map((e) => ({ ...vectorize(e.features, index, idf), y: labelIndex.get(e.label)! }));
  const random = mulberry32(seed);
  const order = rows.map((_, i) => i);
  const scores = new Float64Array(K);
  const active = new Int32Array(K);
  const grad = new Float64Array(K);
  for (let epoch = 0; epoch < epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    const rate = learningRate / (1 + epoch * 0.1);
    for (const r of order) {
      const { x, v, y } = rows[r]!;
      if (x.length === 0) continue;
      softmaxInto(w, bias, K, x, v, 1, scores);
      // Labels whose gradient is negligible are skipped (their weights' decay too).
      let n = 0;
      for (let k = 0; k < K; k++) {
        const g = scores[k]! - (k === y ? 1 : 0);
        if (Math.abs(g) < 1e-4) continue;
        active[n] = k;
        grad[n++] = g;
        bias[k] = bias[k]! - rate * 0.1 * g;
      }
      for (let j = 0; j < x.length; j++) {
        const base = x[j]! * K;
        const xv = v[j]!;
        for (let a = 0; a < n; a++) {
          const at = base + active[a]!;
          w[at] = w[at]! - rate * (grad[a]! * xv + l2 * w[at]!);
        }
      }
    }
  }
  return { labels, vocabulary, index, idf, w, bias };
}

/** Softmax of the scores of sparse vector (x, v) under feature-major weights, divided by temperature. */
function softmaxInto(w: Float64Array, bias: Float64Array, K: number, x: number[], v: number[], temperature: number, out: Float64Array): void {
  for (let k = 0; k < K; k++) out[k] = bias[k]!;
  for (let j = 0; j < x.length; j++) {
    const base = x[j]! * K;
    const xv = v[j]!;
    for (let k = 0; k < K; k++) out[k] = out[k]! + w[base + k]! * xv;
  }
  normalize(out, K, temperature);
}

function normalize(out: Float64Array, K: number, temperature: number): void {
  let max = -Infinity;
  for (let k = 0; k < K; k++) {
    out[k] = out[k]! / temperature;
    if (out[k]! > max) max = out[k]!;
  }
  let sum = 0;
  for (let k = 0; k < K; k++) {
    out[k] = Math.exp(out[k]! - max);
    sum += out[k]!;
  }
  for (let k = 0; k < K; k++) out[k] = out[k]! / sum;
}

/**
 * The temperature minimising the log loss of the models' scores on the folds they did not see:
 * the raw model is underconfident (early stopping and L2 keep its scores small).
 */
function fitTemperature(examples: Example[], options: TrainOptions, folds: number): number {
  const held: { scores: Float64Array; y: number }[] = [];
  for (let f = 0; f < folds; f++) {
    const part = fit(
      examples.filter((_, i) => i % folds !== f),
      options,
    );
    const K = part.labels.length;
    examples.forEach((e, i) => {
      if (i % folds !== f) return;
      const y = part.labels.indexOf(e.label);
      if (y < 0) return;
      const { x, v } = vectorize(e.features, part.index, part.idf);
      const scores = new Float64Array(K);
      for (let k = 0; k < K; k++) scores[k] = part.bias[k]!;
      for (let j = 0; j < x.length; j++) for (let k = 0; k < K; k++) scores[k] = scores[k]! + part.w[x[j]! * K + k]! * v[j]!;
      held.push({ scores, y });
    });
  }
  if (held.length === 0) return 1;
  const loss = (t: number) => {
    let sum = 0;
    for (const { scores, y } of held) {
      let max = -Infinity;
      for (const s of scores) max = Math.max(max, s / t);
      let z = 0;
      for (const s of scores) z += Math.exp(s / t - max);
      sum -= scores[y]! / t - max - Math.log(z);
    }
    return sum;
  };
  // Golden-section search on log t; the loss is unimodal in t.
  let lo = Math.log(0.1);
  let hi = Math.log(3);
  const r = (Math.sqrt(5) - 1) / 2;
  let a = hi - r * (hi - lo);
  let b = lo + r * (hi - lo);
  let la = loss(Math.exp(a));
  let lb = loss(Math.exp(b));
  for (let i = 0; i < 30; i++) {
    if (la < lb) {
      hi = b;
      b = a;
      lb = la;
      a = hi - r * (hi - lo);
      la = loss(Math.exp(a));
    } else {
      lo = a;
      a = b;
      la = lb;
      b = lo + r * (hi - lo);
      lb = loss(Math.exp(b));
    }
  }
  return Math.round(Math.exp((lo + hi) / 2) * 1000) / 1000;
}

export function train(examples: Example[], options: TrainOptions = {}): Model {
  const { calibrationFolds = 3 } = options;
  const fitted = fit(examples, options);
  const V = fitted.vocabulary.length;
  const K = fitted.labels.length;
  // Stored label-major, as models have always been stored.
  const weights = new Float32Array(K * V + K);
  for (let k = 0; k < K; k++) {
    for (let f = 0; f < V; f++) weights[k * V + f] = fitted.w[f * K + k]!;
    weights[K * V + k] = fitted.bias[k]!;
  }
  const temperature = calibrationFolds > 1 ? fitTemperature(examples, options, calibrationFolds) : 1;
  return { labels: fitted.labels, vocabulary: fitted.vocabulary, weights, idf: Float32Array.from(fitted.idf), temperature };
}

/** Labels with their probabilities, most likely first. */
export function predict(model: Model, featureList: string[], index?: Map<string, number>): { label: string; p: number }[] {
  const V = model.vocabulary.length;
  const K = model.labels.length;
  const idx = index ?? new Map(model.vocabulary.map((f, i) => [f, i]));
  const { x, v } = vectorize(featureList, idx, model.idf);
  const out = new Float64Array(K);
  for (let k = 0; k < K; k++) {
    let s = model.weights[K * V + k]!;
    const base = k * V;
    for (let j = 0; j < x.length; j++) s += model.weights[base + x[j]!]! * v[j]!;
    out[k] = s;
  }
  normalize(out, K, model.temperature ?? 1);
  return model.labels.map((label, k) => ({ label, p: out[k]! })).sort((a, b) => b.p - a.p);
}

function float32ToBase64(a: Float32Array): string {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('base64');
}

function base64ToFloat32(s: string): Float32Array {
  const buf = Buffer.from(s, 'base64');
  return new Float32Array(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength));
}

/** JSON-safe form for the database: weights (and idf) as base64 float32. */
export function serializeModel(model: Model): { labels: string[]; vocabulary: string[]; weights: string; idf?: string; temperature?: number } {
  return {
    labels: model.labels,
    vocabulary: model.vocabulary,
    weights: float32ToBase64(model.weights),
    ...(model.idf ? { idf: float32ToBase64(model.idf) } : {}),
    ...(model.temperature !== undefined ? { temperature: model.temperature } : {}),
  };
}

/**
 * The model from its stored form. Throws when the shapes do not fit together (a truncated or
 * edited record), so a damaged stored model is retrained rather than answering with garbage.
 */
export function deserializeModel(json: { labels: string[]; vocabulary: string[]; weights: string; idf?: string; temperature?: number }): Model {
  const strings = (a: unknown) => Array.isArray(a) && a.every((x) => typeof x === 'string');
  if (!strings(json.labels) || json.labels.length === 0 || !strings(json.vocabulary) || typeof json.weights !== 'string') throw new Error('模型格式不正确');
  const model: Model = {
    labels: json.labels,
    vocabulary: json.vocabulary,
    weights: base64ToFloat32(json.weights),
    ...(json.idf !== undefined ? { idf: base64ToFloat32(json.idf) } : {}),
    ...(json.temperature !== undefined ? { temperature: json.temperature } : {}),
  };
  const n = model.labels.length * (model.vocabulary.length + 1);
  if (model.weights.length !== n || !model.weights.every(Number.isFinite)) throw new Error('模型权重不完整');
  if (model.idf && model.idf.length !== model.vocabulary.length) throw new Error('模型 idf 不完整');
  if (model.temperature !== undefined && !(model.temperature > 0)) throw new Error('模型温度不正确');
  return model;
}
