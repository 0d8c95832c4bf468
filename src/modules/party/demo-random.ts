import { givenName, surname } from '../../platform/synthetic/names.js';
import { Random, regionSeed as baseSeed } from '../../platform/synthetic/random.js';

export { Random };

/** A seed for one region of the party demo (salted apart from the population's). */
export function regionSeed(seed: number, code: string): number {
  return baseSeed(seed, code, 0x5bd1e995);
}

/** A synthetic name; any match with a real person is chance. */
export function personName(rnd: Random): string {
  return surname(rnd) + givenName(rnd, rnd.chance(0.7) ? 'male' : 'female');
}

/** An address split into text and numbers, so "1组2号" sorts before "1组10号" (computed once per address). */
export function addressKey(address: string): (string | number)[] {
  return (address.match(/\d+|\D+/g) ?? []).map((part) => (/^\d/.test(part) ? Number(part) : part));
}

export function compareKeys(a: (string | number)[], b: (string | number)[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x === y) continue;
    if (typeof x === 'number' && typeof y === 'number') return x - y;
    return String(x) < String(y) ? -1 : 1;
  }
  return a.length - b.length;
}
