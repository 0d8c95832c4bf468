import { expect } from 'vitest';
import { SYSTEM_CONTEXT, withContext } from '../../platform/db/context.js';
import { composeIdNumber } from '../people/id-number.js';
import { client, type Intake } from '../requests/test-fixtures.js';

// Factories for the disputes module's tests. Not imported by the server.

export { CHANGCHUN, client, intakeFixture, relogin, SHANGHUANG, ZHONGCHAO, type Intake } from '../requests/test-fixtures.js';

export type Api = ReturnType<typeof client>;

let householdSeq = 0;

/** A household of the given members in a village, registered through the people API; returns the residents' ids. */
export async function registerResidents(f: Intake, who: string, villageCode: string, names: string[]): Promise<string[]> {
  const api = client(f.h, f.cookies);
  householdSeq++;
  const res = await api.post('/api/v1/households', who, {
    villageCode,
    address: `${householdSeq} 号院`,
    members: names.map((name, i) => ({
      name,
      relation: i === 0 ? 'head' : 'sibling',
      idNumber: composeIdNumber('522631', `19${70 + i}0${(householdSeq % 9) + 1}15`, householdSeq * 10 + i),
      phone: `1390000${String(householdSeq * 10 + i).padStart(4, '0')}`,
    })),
  });
  expect(res.statusCode, res.body).toBe(201);
  return (res.json().members as { id: string; name: string }[]).map((m) => m.id);
}

export const outsider = (name: string, role: 'applicant' | 'respondent' | 'third_party' = 'respondent', phone?: string) => ({
  role,
  name,
  ...(phone ? { phone } : {}),
});

/**
 * Particulars for every party of a case, as a written agreement needs them (art. 29): ethnicity and
 * occupation for a registered resident (the registry gives the rest), everything for anyone else.
 */
export const particularsOf = (c: { parties: { id: string; residentId: string | null }[] }) =>
  c.parties.map((p, i) =>
    p.residentId
      ? { partyId: p.id, ethnicity: '汉族', occupation: '务农' }
      : { partyId: p.id, sex: i % 2 ? 'female' : 'male', age: 40 + i, ethnicity: '侗族', occupation: '务农', address: '上黄村一组' },
  );

/** Opens a case over the API and returns its detail. */
export async function openCase(api: Api, who: string, body: Record<string, unknown>) {
  const res = await api.post('/api/v1/disputes/cases', who, { disputeType: '1201', narrative: '两家因为院坝边界和排水沟的位置发生争执', ...body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

export const caseAction = (api: Api, id: string, action: string, who: string, body: object = {}) =>
  api.post(`/api/v1/disputes/cases/${id}/${action}`, who, body);

export async function countRows(f: Intake, table: 'dispute_events' | 'dispute_cases' | 'notifications', where: Record<string, string> = {}): Promise<number> {
  return withContext(f.h.deps.db, SYSTEM_CONTEXT, async (tx) => {
    let q = tx.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n'));
    for (const [k, v] of Object.entries(where)) q = q.where(k as never, '=', v as never);
    return Number((await q.executeTakeFirstOrThrow()).n);
  });
}
