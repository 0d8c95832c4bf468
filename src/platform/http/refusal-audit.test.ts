import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../../test/helpers/harness.js';

let h: Harness;
let cookie: string;
let otherVillage: string;
let userId: string;

beforeAll(async () => {
  h = await createHarness();
  cookie = await h.login('village');
  userId = (await h.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie } })).json().user.id;
  const other = await h.login('village2');
  otherVillage = (await h.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: other } })).json().user.regionCode;
});
afterAll(() => h?.close());

async function denials(): Promise<{ target_id: string | null; details: Record<string, unknown> }[]> {
  const { rows } = await h.database.admin.query(`SELECT target_id, details FROM audit_log WHERE action = 'access.denied' AND actor_id = $1 ORDER BY seq`, [
    userId,
  ]);
  return rows as never;
}

describe('refused access is audited', () => {
  it('a read outside scope (404) and a filter outside scope (400) each leave a record naming the target', async () => {
    const before = (await denials()).length;
    const read = await h.app.inject({ method: 'GET', url: `/api/v1/regions/${otherVillage}`, headers: { cookie } });
    expect(read.statusCode).toBe(404);
    const filter = await h.app.inject({ method: 'GET', url: `/api/v1/work-orders?regionCode=${otherVillage}`, headers: { cookie } });
    expect(filter.statusCode).toBe(400);
    expect(filter.json().error.details.field).toBe('regionCode');
    const rows = (await denials()).slice(before);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({ target_id: otherVillage, details: { code: 'NOT_FOUND', refusal: 'out_of_scope_or_missing' } });
    expect(rows[1]).toMatchObject({ target_id: 'regionCode', details: { code: 'VALIDATION_FAILED', refusal: 'out_of_scope_or_missing' } });
    // An ordinary mistake is not a refusal.
    const bad = await h.app.inject({ method: 'GET', url: '/api/v1/work-orders?pageSize=abc', headers: { cookie } });
    expect(bad.statusCode).toBe(400);
    expect((await denials()).length).toBe(before + 2);
  });

  it('probing cannot flood the log: 20 records a minute per user, the next one says how many were left out', async () => {
    h.clock.advanceMinutes(2);
    const before = (await denials()).length;
    for (let i = 0; i < 50; i++) {
      expect((await h.app.inject({ method: 'GET', url: `/api/v1/regions/${otherVillage}`, headers: { cookie } })).statusCode).toBe(404);
    }
    expect((await denials()).length).toBe(before + 20);
    h.clock.advanceMinutes(1.5);
    await h.app.inject({ method: 'GET', url: `/api/v1/regions/${otherVillage}`, headers: { cookie } });
    const all = await denials();
    expect(all.length).toBe(before + 21);
    expect(all.at(-1)!.details).toMatchObject({ suppressedBefore: 30 });
  });
});
