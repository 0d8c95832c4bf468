import type { Harness } from '../../../test/helpers/harness.js';
import { composeIdNumber } from '../people/id-number.js';

// Factories for the party module's tests: households registered through the people API, as
// the village cadre would, and the accounts' regions. Not imported by the server.

export interface Me {
  id: string;
  regionCode: string;
  displayName: string;
}

export interface Party {
  h: Harness;
  cookies: Record<string, string>;
  me: Record<string, Me>;
}

let seq = 0;

/** Logs in the demo accounts the tests use and reads who they are. */
export async function partyFixture(h: Harness, usernames: string[]): Promise<Party> {
  const cookies: Record<string, string> = {};
  const me: Record<string, Me> = {};
  for (const u of usernames) {
    cookies[u] = await h.login(u);
    me[u] = (await h.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: cookies[u] } })).json().user as Me;
  }
  return { h, cookies, me };
}

export const get = (h: Harness, url: string, cookie: string) => h.app.inject({ method: 'GET', url, headers: { cookie } });
export const post = (h: Harness, url: string, cookie: string, payload: object) => h.app.inject({ method: 'POST', url, headers: { cookie }, payload });

export interface CreatedHousehold {
  id: string;
  residents: { id: string; name: string }[];
}

/**
 * Registers a household through the API: a head born in 1970 and, when given, more adults born
 * in 1995. `partyMembers` names the members tagged 党员.
 */
export async function registerHousehold(
  h: Harness,
  cookie: string,
  villageCode: string,
  address: string,
  names: string[],
  partyMembers: string[] = [],
): Promise<CreatedHousehold> {
  const members = names.map((name, i) => {
    seq += 2;
    return {
      name,
      relation: i === 0 ? 'head' : 'child',
      idNumber: composeIdNumber('522631', i === 0 ? '19700315' : '19950620', 100 + seq + (i % 2)),
      ...(partyMembers.includes(name) ? { tags: ['party_member'] } : {}),
    };
  });
  const res = await post(h, '/api/v1/households', cookie, { villageCode, address, members });
  if (res.statusCode !== 201) throw new Error(`household ${address}: ${res.statusCode} ${res.body}`);
  const body = res.json() as { id: string; members: { id: string; name: string }[] };
  return { id: body.id, residents: body.members.map((m) => ({ id: m.id, name: m.name })) };
}
