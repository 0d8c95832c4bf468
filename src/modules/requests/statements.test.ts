import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../../test/helpers/harness.js';
import { countStatements } from '../../platform/db/statements.js';
import { client, intakeFixture, pointIn, SHANGHUANG, type Intake } from './test-fixtures.js';

// The write path's budget (#15): a report takes one short transaction of at most 10 statements,
// a signed-in read one transaction. Counted on the application's connections, so a change that
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
});
