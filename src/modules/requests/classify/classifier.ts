import { subcategory } from '../taxonomy/index.js';
import type { RequestType } from '../tables.js';
import type { LabelledText } from './corpus.js';
import { features } from './features.js';
import { deserializeModel, predict, serializeModel, train, type Model } from './model.js';

export interface Classification {
  requestType: RequestType;
  categoryCode: string;
  confidence: number;
  candidates: { categoryCode: string; confidence: number }[];
}

export interface SerializedClassifier {
  category: ReturnType<typeof serializeModel>;
  type: ReturnType<typeof serializeModel>;
}

/** Two models over the same features: the subcategory and the request type (咨询/求助/投诉…). */
export class Classifier {
  private readonly categoryIndex: Map<string, number>;
  private readonly typeIndex: Map<string, number>;

  constructor(
    readonly category: Model,
    readonly type: Model,
  ) {
    this.categoryIndex = new Map(category.vocabulary.map((f, i) => [f, i]));
    this.typeIndex = new Map(type.vocabulary.map((f, i) => [f, i]));
  }

  static train(rows: LabelledText[]): Classifier {
    const examples = rows.map((r) => ({ f: features(r.text), r }));
    // Bigrams add nothing to the subcategory beyond words and characters (measured by
    // cross-validation) but help the request type, where short phrases (能不能, 请问) matter.
    const category = train(
      examples.map((e) => ({ features: e.f, label: e.r.categoryCode })),
      { prefixes: ['w:', 'c:'] },
    );
    // Only the subcategory's confidence is shown, so the type model skips calibration.
    const type = train(
      examples.map((e) => ({ features: e.f, label: e.r.requestType })),
      { calibrationFolds: 0 },
    );
    return new Classifier(category, type);
  }

  static fromJSON(json: SerializedClassifier): Classifier {
    return new Classifier(deserializeModel(json.category), deserializeModel(json.type));
  }

  toJSON(): SerializedClassifier {
    return { category: serializeModel(this.category), type: serializeModel(this.type) };
  }

  classify(text: string, candidates = 3): Classification {
    const f = features(text);
    const cats = predict(this.category, f, this.categoryIndex);
    let requestType = predict(this.type, f, this.typeIndex)[0]!.label as RequestType;
    const top = cats[0]!;
    // Praise and suggestions have their own subcategories: keep type and category consistent.
    if (top.label === '1402') requestType = 'praise';
    else if (top.label === '1401') requestType = 'suggestion';
    else if (requestType === 'praise') requestType = 'complaint';
    const round = (p: number) => Math.round(p * 1000) / 1000;
    return {
      requestType,
      categoryCode: top.label,
      confidence: round(top.p),
      candidates: cats.slice(0, candidates).map((c) => ({ categoryCode: c.label, confidence: round(c.p) })),
    };
  }
}

export interface Evaluation {
  trainSize: number;
  testSize: number;
  categoryAccuracy: number;
  top3Accuracy: number;
  typeAccuracy: number;
  /** Share of the test set at or above the threshold (sent straight on) and its accuracy. */
  threshold: number;
  confidentShare: number;
  confidentAccuracy: number;
  perCategory: { categoryCode: string; name: string; total: number; correct: number }[];
}

export function evaluate(classifier: Classifier, trainSize: number, test: LabelledText[], threshold: number): Evaluation {
  let correct = 0;
  let top3 = 0;
  let typeCorrect = 0;
  let confident = 0;
  let confidentCorrect = 0;
  const per = new Map<string, { total: number; correct: number }>();
  for (const row of test) {
    const c = classifier.classify(row.text);
    const ok = c.categoryCode === row.categoryCode;
    if (ok) correct++;
    if (c.candidates.some((x) => x.categoryCode === row.categoryCode)) top3++;
    if (c.requestType === row.requestType) typeCorrect++;
    if (c.confidence >= threshold) {
      confident++;
      if (ok) confidentCorrect++;
    }
    const p = per.get(row.categoryCode) ?? { total: 0, correct: 0 };
    p.total++;
    if (ok) p.correct++;
    per.set(row.categoryCode, p);
  }
  const n = test.length || 1;
  return {
    trainSize,
    testSize: test.length,
    categoryAccuracy: correct / n,
    top3Accuracy: top3 / n,
    typeAccuracy: typeCorrect / n,
    threshold,
    confidentShare: confident / n,
    confidentAccuracy: confident ? confidentCorrect / confident : 0,
    perCategory: [...per]
      .map(([categoryCode, v]) => ({ categoryCode, name: subcategory(categoryCode)?.name ?? '', ...v }))
      .sort((a, b) => a.categoryCode.localeCompare(b.categoryCode)),
  };
}
