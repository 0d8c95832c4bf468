import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness } from '../../../test/helpers/harness.js';
import { readResidentPass } from './resident-pass.js';
import { CHANGCHUN, client, intakeFixture, passFor, registerVillagers, SHANGHUANG, type Intake, type Villager } from './test-fixtures.js';

// The resident's pass: name and ID number must match an active registry person of the village;
// the answer never says which part did not match; a forged or expired pass is refused.

let f: Intake;
let people: Villager[];

beforeAll(async () => {
  f = await intakeFixture(await createHarness({ loginRateLimitPerMinute: 1000, anonymousRateLimitPerMinute: 1000 }), ['village']);
  people = await registerVillagers(f, 'village', SHANGHUANG, [['杨秀英', '杨光明']]);
});
afterAll(() => f?.h.close());

const ask = (body: object) => client(f.h, {}).post('/api/v1/public/cocreation/pass', undefined, body);

describe('resident pass (居民核验)', () => {
  it('names the registry person of the village, and is read back by the server', async () => {
    const header = await passFor(f, SHANGHUANG, people[0]!);
    const pass = readResidentPass(f.h.deps, Object.values(header)[0]);
    expect(pass).toMatchObject({ residentId: people[0]!.residentId, householdId: people[0]!.householdId, villageCode: SHANGHUANG, isHead: true, adult: true });
  });

  it('refuses a wrong name, another village and a bad ID number with one message naming idNumber', async () => {
    const p = people[1]!;
    for (const body of [
      { villageCode: SHANGHUANG, name: '杨光', idNumber: p.idNumber },
      { villageCode: CHANGCHUN, name: p.name, idNumber: p.idNumber },
    ]) {
      const res = await ask(body);
      expect(res.statusCode).toBe(400);
      expect(res.json().error).toMatchObject({ code: 'VALIDATION_FAILED', details: { field: 'idNumber' } });
      expect(res.json().error.message).toContain('未在本村');
    }
    const bad = await ask({ villageCode: SHANGHUANG, name: p.name, idNumber: p.idNumber.slice(0, 17) + (p.idNumber[17] === '1' ? '2' : '1') });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('校验位');
  });

  it('refuses a forged and an expired pass', async () => {
    const token = Object.values(await passFor(f, SHANGHUANG, people[1]!))[0]!;
    const [payload, sig] = token.split('.');
    const forged = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload!, 'base64url').toString()), residentId: people[0]!.residentId })).toString(
      'base64url',
    );
    expect(() => readResidentPass(f.h.deps, `${forged}.${sig}`)).toThrow(/无效/);
    f.h.clock.advanceMinutes(180);
    expect(() => readResidentPass(f.h.deps, token)).toThrow(/过期/);
  });
});
