import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../../test/helpers/harness.js';
import { rotateTotpSecrets } from '../../platform/accounts/keys-service.js';
import { SYSTEM_ACTOR } from '../../platform/actor.js';
import { decryptField } from '../../platform/crypto.js';
import type { Deps } from '../../platform/deps.js';
import { composeIdNumber } from './id-number.js';
import { rotateResidentKeys } from './keys-service.js';
import { revealResidentField, searchResidents } from './resident-service.js';

let h: Harness;
const idNumber = composeIdNumber('522631', '19770707', 77);
const NEW_KEY = 'fedcba9876543210fedcba9876543210';

beforeAll(async () => {
  h = await createHarness();
  const cadre = await h.login('village');
  const me = (await h.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: cadre } })).json().user;
  const res = await h.app.inject({
    method: 'POST',
    url: '/api/v1/households',
    headers: { cookie: cadre },
    payload: { villageCode: me.regionCode, address: '七组 7 号', members: [{ name: '欧七', relation: 'head', idNumber, phone: '13800007777' }] },
  });
  expect(res.statusCode).toBe(201);
});
afterAll(() => h?.close());

describe('key rotation', () => {
  it('re-encrypts numbers and digests under the new keys; lookups and reveals work with them; a rerun is harmless', async () => {
    const oldKey = h.config.dataKey;
    const rotated: Deps = { ...h.deps, config: { ...h.config, dataKey: NEW_KEY, hmacKey: 'a-brand-new-hmac-key' } };
    const first = await rotateResidentKeys(rotated, SYSTEM_ACTOR, oldKey);
    expect(first).toEqual({ residents: 1, alreadyCurrent: 0 });
    expect(await rotateTotpSecrets(rotated, SYSTEM_ACTOR, oldKey)).toBe(3);

    const raw = (await h.database.admin.query(`SELECT id, id_number_enc FROM residents WHERE name = '欧七'`)).rows[0] as { id: string; id_number_enc: string };
    expect(decryptField(NEW_KEY, raw.id_number_enc)).toBe(idNumber);
    expect(() => decryptField(oldKey, raw.id_number_enc)).toThrow();

    const found = await searchResidents(rotated, SYSTEM_ACTOR, { idNumber, page: 1, pageSize: 10 });
    expect(found.items.map((r) => r.name)).toEqual(['欧七']);
    expect((await searchResidents(h.deps, SYSTEM_ACTOR, { idNumber, page: 1, pageSize: 10 })).total).toBe(0); // old digest is gone
    expect(await revealResidentField(rotated, SYSTEM_ACTOR, raw.id, { field: 'phone', reason: '密钥轮换核对' })).toEqual({ value: '13800007777' });

    expect(await rotateResidentKeys(rotated, SYSTEM_ACTOR, oldKey)).toEqual({ residents: 1, alreadyCurrent: 1 });
  });
});
