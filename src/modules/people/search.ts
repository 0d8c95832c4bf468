import type { Config } from '../../platform/config.js';
import { parseIdNumber } from './id-number.js';
import { lookupDigest } from './protect.js';
import type { PeopleMatch } from './store.js';

/**
 * Reads a search box the way people type into it: "张" or "上黄村3组" are words (a name or part
 * of a door address); "1234", "*1234" or "尾号1234" the last four digits of a phone or ID number
 * (what a masked number shows); a whole mobile or ID number is looked up by its keyed digest, so
 * it is never compared, stored or logged in clear. A whole ID number that fails its check digit
 * finds nothing rather than an error: the box is a search, not a form.
 */
export function parsePeopleSearch(config: Config, raw: string | undefined, today: Date): PeopleMatch | undefined {
  const text = raw?.trim();
  if (!text) return undefined;
  const compact = text.replace(/[\s-]/g, '');
  const tail = /^(?:尾号|\*+)?(\d{4})$/.exec(compact);
  if (tail) return { kind: 'tail', digits: tail[1]! };
  if (/^1[3-9]\d{9}$/.test(compact)) return { kind: 'phone', hmac: lookupDigest(config, 'phone', compact) };
  if (/^\d{17}[\dXx]$/.test(compact)) {
    try {
      return { kind: 'id', hmac: lookupDigest(config, 'id', parseIdNumber(compact, today).normalized) };
    } catch {
      return { kind: 'id', hmac: '' };
    }
  }
  return { kind: 'words', text };
}
