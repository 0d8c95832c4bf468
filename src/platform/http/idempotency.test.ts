import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../../test/helpers/harness.js';

let h: Harness;
let admin: string;
beforeAll(async () => {
  h = await createHarness();
  admin = await h.login('sysadmin');
});
afterAll(() => h?.close());

const newUser = (username: string) => ({ username, displayName: '测试用户', role: 'county_staff', regionCode: '522631000000' });
const counts = async () => {
  const users = await h.database.admin.query('SELECT count(*)::int AS n FROM users');
  const audit = await h.database.admin.query('SELECT count(*)::int AS n FROM audit_log');
  return { users: Number(users.rows[0]!.n), audit: Number(audit.rows[0]!.n) };
};
const post = (payload: unknown, key?: string) =>
  h.app.inject({ method: 'POST', url: '/api/v1/users', headers: { cookie: admin, ...(key ? { 'idempotency-key': key } : {}) }, payload: payload as object });

describe('Idempotency-Key', () => {
  it('a retried POST with the same key creates one record and replays the first response', async () => {
    const before = await counts();
    const first = await post(newUser('retry.one'), 'key-001');
    const second = await post(newUser('retry.one'), 'key-001');
    expect(first.statusCode).toBe(201);
    expect(second.statusCode).toBe(201);
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(second.json()).toEqual(first.json());
    expect((await counts()).users).toBe(before.users + 1);
  });

  it('the same key with a different body is 422 and writes nothing', async () => {
    await post(newUser('retry.two'), 'key-002');
    const before = await counts();
    const res = await post(newUser('retry.three'), 'key-002');
    expect(res.statusCode).toBe(422);
    expect(res.json().error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect((await counts()).users).toBe(before.users);
  });

  it('without a key, the same POST twice is refused by the unique name the second time', async () => {
    expect((await post(newUser('retry.four'))).statusCode).toBe(201);
    const again = await post(newUser('retry.four'));
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('ALREADY_EXISTS');
  });
});

describe('bad input', () => {
  it('a malformed body gets 400 naming the field and writes nothing', async () => {
    const before = await counts();
    const res = await post({ ...newUser('bad.one'), regionCode: 'not-a-code' });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ error: { code: 'VALIDATION_FAILED', details: { field: 'regionCode' } } });
    expect(res.json().error.message).toBe('regionCode: 格式不正确');
    const missing = await post({ displayName: 'x', role: 'county_staff', regionCode: '522631000000' });
    expect(missing.json().error.details.field).toBe('username');
    expect(missing.json().error.message).toBe('username: 必填');
    const extra = await post({ ...newUser('bad.two'), isAdmin: true });
    expect(extra.json().error.details.field).toBe('isAdmin');
    const notJson = await h.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: { cookie: admin, 'content-type': 'application/json' },
      payload: '{"username":',
    });
    expect(notJson.statusCode).toBe(400);
    expect(await counts()).toEqual(before);
  });

  it('a region outside the database is refused by the service, naming the field, and writes nothing', async () => {
    const before = await counts();
    const res = await post({ ...newUser('bad.three'), regionCode: '110101001001' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.field).toBe('regionCode');
    expect(await counts()).toEqual(before);
  });

  it('an oversized body is 413, and unknown API paths are 404 in the same error shape', async () => {
    const big = await post({ ...newUser('big'), displayName: 'x'.repeat(2 * 1024 * 1024) });
    expect(big.statusCode).toBe(413);
    expect(big.json().error.code).toBe('PAYLOAD_TOO_LARGE');
    const missing = await h.app.inject({ method: 'GET', url: '/api/v1/nothing-here', headers: { cookie: admin } });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe('NOT_FOUND');
  });

  it('an internal error never shows a stack trace', async () => {
    const res = await h.app.inject({ method: 'GET', url: '/api/v1/users?page=999999999999', headers: { cookie: admin } });
    expect(res.body).not.toMatch(/at .*\.ts:\d+/);
  });
});

describe('rate limits', () => {
  it('limits login attempts per client', async () => {
    const limited = await import('../../../test/helpers/harness.js').then((m) => m.createHarness({ loginRateLimitPerMinute: 3 }));
    try {
      const codes: number[] = [];
      for (let i = 0; i < 5; i++) {
        codes.push(
          (await limited.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'county', password: 'Wrong-pass-1' } })).statusCode,
        );
      }
      expect(codes).toEqual([401, 401, 401, 429, 429]);
    } finally {
      await limited.close();
    }
  });
});
