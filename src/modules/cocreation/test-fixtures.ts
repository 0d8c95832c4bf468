import { expect } from 'vitest';
import { composeIdNumber } from '../people/id-number.js';
import { client, type Intake } from '../requests/test-fixtures.js';
import { PASS_HEADER } from './resident-pass.js';

// Factories for the co-creation tests. Not imported by the server.

export { CHANGCHUN, client, intakeFixture, relogin, SHANGHUANG, ZHONGCHAO, type Intake } from '../requests/test-fixtures.js';

export interface Villager {
  residentId: string;
  householdId: string;
  name: string;
  idNumber: string;
  /** The household's head. */
  head: boolean;
}

/**
 * Households registered so far, per test database: test files share loaded modules (vitest
 * isolate: false), and a count carried over from another file made the ID numbers depend on
 * which files ran before in the same worker (CI once refused a pass for such a household).
 */
const registered = new WeakMap<Intake, number>();

/**
 * Registers households in a village through the people API (`who` must keep that village's
 * registry, e.g. 'village' for 上黄村 or 'township'); each inner array is one household, its
 * first name the head, all adults. Returns every member with the ID number it was registered with.
 */
export async function registerVillagers(f: Intake, who: string, villageCode: string, households: string[][]): Promise<Villager[]> {
  const api = client(f.h, f.cookies);
  const out: Villager[] = [];
  let seq = registered.get(f) ?? 0;
  for (const names of households) {
    registered.set(f, ++seq);
    const members = names.map((name, i) => ({
      name,
      relation: i === 0 ? 'head' : 'sibling',
      idNumber: composeIdNumber('522631', `19${60 + ((seq + i) % 30)}0${(i % 9) + 1}1${seq % 10}`, 500 + seq * 10 + i),
    }));
    const res = await api.post('/api/v1/households', who, { villageCode, address: `共建 ${seq} 号`, members });
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json() as { id: string; members: { id: string; name: string }[] };
    body.members.forEach((m, i) => out.push({ residentId: m.id, householdId: body.id, name: m.name, idNumber: members[i]!.idNumber, head: i === 0 }));
  }
  return out;
}

/** A resident's pass for the phone pages; returns the header to send it in. */
export async function passFor(f: Intake, villageCode: string, v: Pick<Villager, 'name' | 'idNumber'>): Promise<Record<string, string>> {
  const res = await client(f.h, {}).post('/api/v1/public/cocreation/pass', undefined, { villageCode, name: v.name, idNumber: v.idNumber });
  expect(res.statusCode, res.body).toBe(200);
  return { [PASS_HEADER]: (res.json() as { token: string }).token };
}
