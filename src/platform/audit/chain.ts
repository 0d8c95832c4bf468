import { hmacSm3, sm3Hex } from '../crypto.js';

/** The fields of an audit record that its hash covers, in the form they are stored. */
export interface ChainedFields {
  seq: number;
  id: string;
  occurredAt: string; // ISO, UTC, millisecond precision
  actorId: string | null;
  actorName: string | null;
  actorRole: string | null;
  actorScope: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  outcome: string;
  before: unknown;
  after: unknown;
  details: unknown;
  clientIp: string | null;
  prevHash: string;
}

/** JSON with object keys sorted at every depth: jsonb reorders keys, so the hash must not depend on order. */
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** SM3 over the previous hash and this record's canonical form. */
export function chainHash(fields: ChainedFields): string {
  return sm3Hex(canonicalJson(fields));
}

export const GENESIS_HASH = '0'.repeat(64);

/** A short, stable name for an audit key, stored with each mac so a rotated key is found again. */
export function auditKeyId(key: string): string {
  return sm3Hex(`gongzhi-audit-key:${key}`).slice(0, 8);
}

/** The keyed seal of one record: `<key id>:<HMAC-SM3(key, hash)>`. */
export function sealHash(key: string, hash: string): string {
  return `${auditKeyId(key)}:${hmacSm3(key, hash)}`;
}

/** True when `mac` is the seal of `hash` under one of `keys`. */
export function sealMatches(keys: string[], hash: string, mac: string): boolean {
  const id = mac.split(':')[0];
  const key = keys.find((k) => auditKeyId(k) === id);
  return key !== undefined && sealHash(key, hash) === mac;
}
