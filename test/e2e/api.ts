import { expect, inject } from 'vitest';
import { DEMO_PASSWORD } from '../../src/cli/demo-accounts.js';

// The API calls browser tests make themselves (setting up data, checking what the server holds),
// against the shared test server.

/** A session cookie for a demo account. */
export async function apiSession(username: string): Promise<string> {
  const res = await fetch(`${inject('baseUrl')}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  expect(res.status, `login ${username}`).toBe(200);
  return res.headers.get('set-cookie')!.split(';')[0]!;
}

/** GET as the session's user; anything but 200 fails the test. */
export async function apiGet(path: string, cookie: string) {
  const res = await fetch(`${inject('baseUrl')}${path}`, { headers: { cookie } });
  expect(res.status, path).toBe(200);
  return res.json();
}

/** POST as the session's user; anything but 2xx fails the test with the server's answer. */
export async function apiPost(path: string, cookie: string, body: object) {
  const res = await fetch(`${inject('baseUrl')}${path}`, {
    method: 'POST',
    headers: { cookie, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const json = await res.json();
  expect(res.status, `${path} ${JSON.stringify(json)}`).toBeLessThan(300);
  return json;
}
