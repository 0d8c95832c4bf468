import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../../../test/helpers/harness.js';
import { SYSTEM_CONTEXT, withContext } from '../../../platform/db/context.js';
import { client, intakeFixture, pointIn, SHANGHUANG } from '../test-fixtures.js';
import { loadCorpus, type LabelledText } from './corpus.js';
import { classifierTrainings, prepareClassifier, startClassifier } from './service.js';

let h: Harness;
// A small corpus keeps each training to about a second; the rule is the same for the built-in one.
let corpus: LabelledText[];

beforeAll(async () => {
  h = await createHarness();
  corpus = loadCorpus().filter((_, i) => i % 8 === 0);
}, 60_000);
afterAll(() => h?.close());

const models = () =>
  withContext(h.deps.db, SYSTEM_CONTEXT, (tx) =>
    tx.selectFrom('classifier_models').select(['id', 'source', 'active', 'inputs_hash', 'examples']).orderBy('id').execute(),
  );

describe('stored classifier model', () => {
  it('trains once, then a start with the same corpus loads it without training', async () => {
    const first = await prepareClassifier(h.deps, { corpus });
    expect(first).toMatchObject({ source: 'trained', reason: 'missing', learnsFrom: 'corpus', examples: corpus.length });
    const trained = classifierTrainings();
    const again = await prepareClassifier(h.deps, { corpus });
    expect(again.source).toBe('stored');
    expect(classifierTrainings()).toBe(trained);
    for (const r of corpus.slice(0, 20)) expect(again.classifier.classify(r.text)).toEqual(first.classifier.classify(r.text));
    const rows = await models();
    expect(rows.filter((r) => r.active)).toHaveLength(1);
    expect(rows[0]!.inputs_hash).toMatch(/^[0-9a-f]{64}$/);
  }, 60_000);

  it('retrains when the corpus changed, and keeps the earlier model inactive', async () => {
    const before = await models();
    const changed = [...corpus, { text: '村里的广播喇叭坏了，通知都听不到', requestType: 'help' as const, categoryCode: corpus[0]!.categoryCode }];
    const r = await prepareClassifier(h.deps, { corpus: changed });
    expect(r).toMatchObject({ source: 'trained', reason: 'changed', examples: changed.length });
    expect((await prepareClassifier(h.deps, { corpus: changed })).source).toBe('stored');
    const after = await models();
    expect(after).toHaveLength(before.length + 1);
    expect(after.filter((m) => m.active).map((m) => m.examples)).toEqual([changed.length]);
    // Back to the first corpus: its inputs differ from the active model's, so it trains (the same model as before).
    expect((await prepareClassifier(h.deps, { corpus })).reason).toBe('changed');
  }, 60_000);

  it('ignores a damaged stored model, trains again and starts', async () => {
    const damage = async (expr: string) => h.database.admin.exec(`UPDATE classifier_models SET model = ${expr} WHERE active`);
    await damage(`jsonb_set(model, '{category,weights}', to_jsonb(left(model->'category'->>'weights', 40)))`);
    const logged: string[] = [];
    const r = await prepareClassifier(h.deps, { corpus, log: (l) => logged.push(l) });
    expect(r).toMatchObject({ source: 'trained', reason: 'corrupt' });
    expect(logged.join('\n')).toContain('无法读取');
    expect(r.classifier.classify('路灯坏了').categoryCode).toMatch(/^\d{4}$/);
    await damage(`'"not a model"'::jsonb`);
    expect(await prepareClassifier(h.deps, { corpus })).toMatchObject({ source: 'trained', reason: 'corrupt' });
    expect((await prepareClassifier(h.deps, { corpus })).source).toBe('stored');
    // The damaged records are still there, inactive: nothing is deleted on the way.
    expect((await models()).filter((m) => !m.active).length).toBeGreaterThanOrEqual(3);
  }, 60_000);

  it('retrains a county model from `classify train` when the confirmed labels changed', async () => {
    // The county's model learned from its orders (as `classify train` leaves it); none confirmed yet.
    await h.database.admin.exec(`UPDATE classifier_models SET source = 'orders' WHERE active`);
    const same = await startClassifier(h.deps, { corpus });
    expect(same).toMatchObject({ source: 'stored', learnsFrom: 'orders', examples: corpus.length });
    const f = await intakeFixture(h, ['grid']);
    const res = await client(h, f.cookies).post('/api/v1/requests', 'grid', {
      description: '三组通组路边的挡土墙开裂，有垮塌的危险',
      ...pointIn(f.grids.find((g) => g.villageCode === SHANGHUANG)!),
    });
    expect(res.statusCode, res.body).toBe(201);
    expect((await prepareClassifier(h.deps, { corpus })).source).toBe('stored');
    // A person confirms its category and the order closes: a new labelled example.
    await withContext(h.deps.db, SYSTEM_CONTEXT, (tx) =>
      sql`UPDATE work_orders SET category_confirmed = true, category_code = '0301', status = 'closed' WHERE id = ${res.json().id}`.execute(tx),
    );
    const r = await prepareClassifier(h.deps, { corpus });
    expect(r).toMatchObject({ source: 'trained', reason: 'changed', learnsFrom: 'orders', examples: corpus.length + 1 });
    expect((await prepareClassifier(h.deps, { corpus })).source).toBe('stored');
  }, 120_000);
});
