import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../../test/helpers/harness.js';
import { SYSTEM_ACTOR } from '../../platform/actor.js';
import { createOpen311Key } from './open311/keys-service.js';
import { client, intakeFixture, pointIn, SHANGHUANG, type Intake } from './test-fixtures.js';

// Intake reports where a request's time goes (bench/intake.ts reads it): the phases' names and
// that each is a duration. How long they take is the bench's business, not a test's.
let h: Harness;
let f: Intake;
let api: ReturnType<typeof client>;

beforeAll(async () => {
  h = await createHarness();
  f = await intakeFixture(h, ['county']);
  api = client(h, f.cookies);
});
afterAll(() => h?.close());

const place = () => pointIn(f.grids.find((g) => g.villageCode === SHANGHUANG)!);

/** The Server-Timing header as [name, ms] pairs, in the order sent. */
function phases(res: LightMyRequestResponse): [string, number][] {
  const header = res.headers['server-timing'];
  expect(typeof header, 'a Server-Timing header').toBe('string');
  return (header as string).split(',').map((entry) => {
    const m = /^\s*([a-z]+);dur=([0-9]+(?:\.[0-9]+)?)\s*$/.exec(entry);
    expect(m, entry).not.toBeNull();
    return [m![1]!, Number(m![2])];
  });
}

function expectIntakePhases(res: LightMyRequestResponse): void {
  const p = phases(res);
  expect(p.map(([name]) => name)).toEqual(['classify', 'locate', 'tx', 'after', 'total']);
  for (const [name, ms] of p) expect(ms, name).toBeGreaterThanOrEqual(0);
}

describe('Server-Timing on intake', () => {
  it("a resident's report names classify, locate, tx, after and total", async () => {
    const res = await api.post(
      '/api/v1/public/requests',
      undefined,
      { description: '村口的路灯坏了好几天了，晚上很黑', ...place(), anonymous: true, privacyAcknowledged: true },
      { 'idempotency-key': 'timing-report' },
    );
    expect(res.statusCode, res.body).toBe(201);
    expectIntakePhases(res);
  });

  it('a hotline call and an Open311 request report the same phases', async () => {
    const call = await api.post('/api/v1/requests', 'county', { channel: 'hotline', description: '小区楼下的垃圾好几天没人清运了，气味很大', ...place() });
    expect(call.statusCode, call.body).toBe(201);
    expectIntakePhases(call);

    const { key } = await createOpen311Key(h.deps, SYSTEM_ACTOR, 'timing');
    const { lat, lng } = place();
    const open311 = await h.app.inject({
      method: 'POST',
      url: '/open311/v2/requests.json',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({
        api_key: key,
        service_code: '0204',
        lat: String(lat),
        long: String(lng),
        description: '村口垃圾池三天没人清运',
      }).toString(),
    });
    expect(open311.statusCode, open311.body).toBe(200);
    expectIntakePhases(open311);
  });

  it('routes that measure nothing send no header', async () => {
    expect((await api.get('/api/v1/health')).headers['server-timing']).toBeUndefined();
  });
});
