/** A small deterministic PRNG (mulberry32): the same seed gives the same demo party data. */
export class Random {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0 || 1;
  }
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }
  weighted<T>(table: readonly (readonly [T, number])[]): T {
    const total = table.reduce((s, [, w]) => s + w, 0);
    let r = this.next() * total;
    for (const [v, w] of table) {
      r -= w;
      if (r < 0) return v;
    }
    return table[table.length - 1]![0];
  }
}

/** A seed for one region, stable whatever order regions are generated in. */
export function regionSeed(seed: number, code: string): number {
  let h = (seed ^ 0x5bd1e995) >>> 0;
  for (const ch of code) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193);
  return h >>> 0;
}

const SURNAMES = '吴杨石龙潘陆李王罗张欧姚刘陈胡蒋林滚彭梁'.split('');
const MALE = '国建明军华伟强平勇文志宏德福海林成兴荣贵昌光'.split('');
const FEMALE = '秀英兰芳梅花玉珍丽娟红霞凤琴桂萍燕翠莲慧'.split('');

/** A synthetic name; any match with a real person is chance. */
export function personName(rnd: Random): string {
  const chars = rnd.chance(0.7) ? MALE : FEMALE;
  return rnd.pick(SURNAMES) + rnd.pick(chars) + (rnd.chance(0.7) ? rnd.pick(chars) : '');
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
