import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../../test/helpers/harness.js';
import { SYSTEM_CONTEXT, withContext } from '../../platform/db/context.js';
import { countStatements } from '../../platform/db/statements.js';
import { client, intakeFixture, pointIn, SHANGHUANG, type Intake } from './test-fixtures.js';

// The write path's budget (#15): a report takes at most 10 statements — its number in one of its
// own, the rest in one short transaction — and a signed-in read one transaction. Counted on the application's connections, so a change that
// adds round trips fails here before it shows in bench/intake.ts.
let h: Harness;
let f: Intake;
let api: ReturnType<typeof client>;

beforeAll(async () => {
  h = await createHarness();
  f = await intakeFixture(h, ['county', 'village']);
  api = client(h, f.cookies);
});
afterAll(() => h?.close());

const orders = (submitKey?: string) =>
  withContext(h.deps.db, SYSTEM_CONTEXT, async (tx) => {
    let q = tx.selectFrom('work_orders').select((eb) => eb.fn.countAll<number>().as('n'));
    if (submitKey) q = q.where('submit_key', '=', submitKey);
    return Number((await q.executeTakeFirstOrThrow()).n);
  });
const place = () => pointIn(f.grids.find((g) => g.villageCode === SHANGHUANG)!);
const report = (key: string, description = '村口的路灯坏了好几天了，晚上很黑') =>
  api.post('/api/v1/public/requests', undefined, { description, ...place(), anonymous: true, privacyAcknowledged: true }, { 'idempotency-key': key });
const call = (description: string, key: string) =>
  api.post(
    '/api/v1/requests',
    'county',
    { channel: 'hotline', description, ...place(), requesterName: '张三', requesterPhone: '13800138000' },
    { 'idempotency-key': key },
  );

describe('statements per request', () => {
  it('a resident report, routed: one transaction, at most 10 statements; a retry replays it in one more', async () => {
    // The first report of a process loads the classifier, the grid index and the calendar.
    expect((await report('warm-up')).statusCode).toBe(201);
    const { result, count } = await countStatements(() => report('counted'));
    expect(result.statusCode, result.body).toBe(201);
    expect(result.json().unitName).toBeTruthy();
    expect(count.transactions, count.texts.join('\n')).toBe(1);
    expect(count.statements, count.texts.join('\n')).toBeLessThanOrEqual(10);
    // The day's number is taken in a statement of its own before the transaction: the counter row is not held while the order is written.
    const numbered = count.texts.findIndex((t) => /work_order_counters/.test(t));
    expect(numbered, count.texts.join('\n')).toBeGreaterThanOrEqual(0);
    expect(numbered).toBeLessThan(count.texts.findIndex((t) => /^\s*begin\b/i.test(t)));
    const retry = await countStatements(() => report('counted'));
    expect(retry.result.json().number).toBe(result.json().number);
    expect(retry.result.headers['idempotent-replayed']).toBe('true');
    expect(retry.count.transactions).toBe(1);
  });

  it('a hotline call by a signed-in operator: one transaction, at most 10 statements', async () => {
    await call('小区楼下的垃圾好几天没人清运了，气味很大', 'warm-call');
    const { result, count } = await countStatements(() => call('菜市场门口的下水道堵了，污水流到路上', 'counted-call'));
    expect(result.statusCode, result.body).toBe(201);
    expect(count.transactions, count.texts.join('\n')).toBe(1);
    expect(count.statements, count.texts.join('\n')).toBeLessThanOrEqual(10);
  });

  it('a call about a dispute opens its mediation case in the same transaction, both numbers taken before it', async () => {
    const { result, count } = await countStatements(() =>
      api.post(
        '/api/v1/requests',
        'county',
        {
          channel: 'hotline',
          description: '邻居家装修把我家墙弄裂了，协商不成',
          categoryCode: '1201',
          ...place(),
          requesterName: '李四',
          requesterPhone: '13800138001',
        },
        { 'idempotency-key': 'counted-dispute' },
      ),
    );
    expect(result.statusCode, result.body).toBe(201);
    expect(count.transactions, count.texts.join('\n')).toBe(1);
    const begin = count.texts.findIndex((t) => /^\s*begin\b/i.test(t));
    const caseNumbered = count.texts.findIndex((t) => /dispute_counters/.test(t));
    expect(caseNumbered, count.texts.join('\n')).toBeGreaterThanOrEqual(0);
    expect(caseNumbered).toBeLessThan(begin);
    expect(count.texts.filter((t) => /dispute_counters/.test(t))).toHaveLength(1);
    const cases = await withContext(h.deps.db, SYSTEM_CONTEXT, (tx) =>
      tx.selectFrom('dispute_cases').select('number').where('work_order_id', '=', result.json().id).execute(),
    );
    expect(cases).toHaveLength(1);
    expect(cases[0]!.number).toMatch(/^\d{6}-TJ-\d{8}-\d{4}$/);
  });

  it('a signed-in GET of oneself reads nothing more than the session check', async () => {
    await api.get('/api/v1/auth/me', 'village');
    const { result, count } = await countStatements(() => api.get('/api/v1/auth/me', 'village'));
    expect(result.statusCode).toBe(200);
    expect(count.transactions).toBeLessThanOrEqual(1);
  });

  it('a signed-in list (the inbox): one transaction', async () => {
    await api.get('/api/v1/inbox', 'village');
    const { result, count } = await countStatements(() => api.get('/api/v1/inbox', 'village'));
    expect(result.statusCode).toBe(200);
    expect(count.transactions, count.texts.join('\n')).toBe(1);
  });

  it("an order's page (timeline, stages, calls, follow-ups, photos, actions): one transaction, at most 5 statements", async () => {
    const created = await call('村委会门口的路灯不亮了，晚上看不见路', 'detail-call');
    const id = created.json().id as string;
    await api.get(`/api/v1/work-orders/${id}`, 'county');
    const { result, count } = await countStatements(() => api.get(`/api/v1/work-orders/${id}`, 'county'));
    expect(result.statusCode, result.body).toBe(200);
    expect(result.json().timeline.length).toBeGreaterThan(0);
    expect(result.json().stages.length).toBeGreaterThan(0);
    expect(result.json().allowedActions.length).toBeGreaterThan(0);
    expect(count.transactions, count.texts.join('\n')).toBe(1);
    // The context, the order, its parts in one statement, its photos.
    expect(count.statements, count.texts.join('\n')).toBeLessThanOrEqual(5);
  });
});

describe('the Idempotency-Key kept with the order', () => {
  it('the same report sent three times at once makes one order, and every answer names it', async () => {
    const answers = await Promise.all([report('at-once'), report('at-once'), report('at-once')]);
    for (const a of answers) expect(a.statusCode, a.body).toBe(201);
    expect(await orders('anon:127.0.0.1:at-once')).toBe(1);
    expect(new Set(answers.map((a) => a.json().number)).size).toBe(1);
    expect(answers.filter((a) => a.headers['idempotent-replayed'] === 'true').length).toBe(2);
  });

  it('the same key with another report is refused, naming the key, and writes nothing', async () => {
    const first = await report('reused', '桥头的护栏断了一截，小孩过桥很危险');
    expect(first.statusCode).toBe(201);
    const before = await orders();
    const other = await report('reused', '学校门口的减速带被压坏了，车开得很快');
    expect(other.statusCode).toBe(422);
    expect(await orders()).toBe(before);
    expect(other.json().error).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED', details: { field: 'Idempotency-Key' } });
  });
});
