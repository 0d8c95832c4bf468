import type { Pass, PassBody } from '../../../../src/modules/cocreation/pass-schema.ts';
import { apiGet, apiPost } from '../../api';

// The resident's pass on the phone pages: asked for once (name + ID number), kept in this tab's
// sessionStorage per village, sent in the x-resident-pass header. Nothing else is stored.

const key = (villageCode: string) => `gz-pass-${villageCode}`;

export function savedPass(villageCode: string): Pass | undefined {
  try {
    const raw = sessionStorage.getItem(key(villageCode));
    const pass = raw ? (JSON.parse(raw) as Pass) : undefined;
    return pass && new Date(pass.expiresAt).getTime() > Date.now() ? pass : undefined;
  } catch {
    return undefined;
  }
}

export async function requestPass(body: PassBody): Promise<Pass> {
  const pass = await apiPost<Pass>('/public/cocreation/pass', body);
  sessionStorage.setItem(key(body.villageCode), JSON.stringify(pass));
  return pass;
}

export function forgetPass(villageCode: string): void {
  sessionStorage.removeItem(key(villageCode));
}

/** Headers for a call made with the village's pass (empty when there is none). */
export function passHeaders(villageCode: string): Record<string, string> {
  const pass = savedPass(villageCode);
  return pass ? { 'x-resident-pass': pass.token } : {};
}

/** GET / POST under /api/v1 with the resident's pass. */
export const residentGet = <T>(villageCode: string, path: string, query?: Record<string, string | number | undefined>) =>
  apiGet<T>(path, query, passHeaders(villageCode));
export const residentPost = <T>(villageCode: string, path: string, body: object = {}) => apiPost<T>(path, body, passHeaders(villageCode));
