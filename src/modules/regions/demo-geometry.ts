/**
 * Synthetic grid geometry for the demo county. 黎平县's townships and villages are real, but
 * their boundaries are not public, so this lays the county out as a plausible patchwork around
 * 黎平 (26.23°N, 109.14°E, about 4,441 km²): each township a block, each village a rectangle in
 * its township's block (urban communities small, rural villages large), and each village cut
 * into N grids that tile it exactly. Pure and deterministic for a seed.
 *
 * Exactness: every shared boundary is either the very same vertex pair (a cut between two grids
 * of one row) or an axis-parallel line whose coordinate both sides read from one number (rows,
 * villages, townships), so neighbours touch without a float gap or overlap.
 */
import type { BBox, Polygon, Position } from './geometry.js';
import type { GridInput } from './grid-bulk-service.js';

export interface DemoVillage {
  code: string;
  /** 'urban' (社区) or 'rural' (村) */
  kind: string | null;
  townshipCode: string;
  /** Official name; grids are named after it (上黄村村民委员会 → 上黄村第1网格). */
  name?: string;
}

export interface LayoutOptions {
  seed: number | string;
  /** [lng, lat] of the county's centre. */
  centre?: Position;
  areaKm2?: number;
}

export interface GenerateOptions extends LayoutOptions {
  /** Grids per village; default 4 for an urban community, 2 for a rural village. */
  gridsPerVillage?: (v: DemoVillage) => number;
}

export interface VillageArea {
  village: DemoVillage;
  bbox: BBox;
}

export interface CountyLayout {
  bbox: BBox;
  villages: VillageArea[];
}

const LIPING_CENTRE: Position = [109.14, 26.23];
const LIPING_AREA_KM2 = 4441;
const KM_PER_DEG_LAT = 110.574;
/** Enough precision for ~1 cm; rounding each shared coordinate once keeps neighbours identical. */
const round = (v: number) => Math.round(v * 1e7) / 1e7;

/** mulberry32: a small, fast, seedable PRNG; a string seed is hashed with FNV-1a. */
export function seededRandom(seed: number | string): () => number {
  let s = typeof seed === 'number' ? seed >>> 0 : [...seed].reduce((h, c) => Math.imul(h ^ c.charCodeAt(0), 16777619) >>> 0, 2166136261);
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Cumulative cut positions from lo to hi in proportion to `weights`; the ends are lo and hi exactly. */
function cuts(lo: number, hi: number, weights: readonly number[]): number[] {
  const total = weights.reduce((a, b) => a + b, 0);
  const out = [lo];
  let acc = 0;
  for (let i = 0; i < weights.length - 1; i++) {
    acc += weights[i]!;
    out.push(round(lo + ((hi - lo) * acc) / total));
  }
  out.push(hi);
  return out;
}

/**
 * Squarified treemap (Bruls, Huizing & van Wijk, 2000): items laid out in `box` with areas in
 * proportion to weight and cells kept near square (measured in km, not degrees). Each cut is
 * computed once and rounded, and both sides of it read that one number, so neighbours share
 * their edge exactly.
 */
function squarify<T>(box: BBox, items: readonly T[], weight: (t: T) => number, kmPerDegLng: number): [T, BBox][] {
  const queue = [...items].sort((a, b) => weight(b) - weight(a));
  const out: [T, BBox][] = [];
  let [x0, y0] = box;
  const [, , x1, y1] = box;
  let rest = queue.reduce((s, t) => s + weight(t), 0);
  while (queue.length > 0) {
    const wKm = (x1 - x0) * kmPerDegLng;
    const hKm = (y1 - y0) * KM_PER_DEG_LAT;
    const side = Math.min(wKm, hKm);
    const kmPerWeight = (wKm * hKm) / rest;
    // Worst aspect ratio of a row of these weights laid along the short side.
    const worst = (sum: number, max: number, min: number) => {
      const s2 = side * side;
      const a = sum * kmPerWeight;
      return Math.max((s2 * max * kmPerWeight) / (a * a), (a * a) / (s2 * min * kmPerWeight));
    };
    let count = 1;
    let sum = weight(queue[0]!);
    while (count < queue.length) {
      const next = weight(queue[count]!);
      if (worst(sum + next, weight(queue[0]!), next) > worst(sum, weight(queue[0]!), weight(queue[count - 1]!))) break;
      sum += next;
      count += 1;
    }
    const row = queue.splice(0, count);
    const last = queue.length === 0;
    if (wKm >= hKm) {
      // A column on the left, items stacked upwards.
      const cut = last ? x1 : round(x0 + (x1 - x0) * (sum / rest));
      const ys = cuts(y0, y1, row.map(weight));
      row.forEach((item, i) => out.push([item, [x0, ys[i]!, cut, ys[i + 1]!]]));
      x0 = cut;
    } else {
      // A row along the bottom, items side by side.
      const cut = last ? y1 : round(y0 + (y1 - y0) * (sum / rest));
      const xs = cuts(x0, x1, row.map(weight));
      row.forEach((item, i) => out.push([item, [xs[i]!, y0, xs[i + 1]!, cut]]));
      y0 = cut;
    }
    rest -= sum;
  }
  return out;
}

/** The county as a rectangle of township blocks, each a rectangle of village rectangles. */
export function layoutCounty(villages: readonly DemoVillage[], opts: LayoutOptions): CountyLayout {
  const rand = seededRandom(opts.seed);
  const [cLng, cLat] = opts.centre ?? LIPING_CENTRE;
  const areaKm2 = opts.areaKm2 ?? LIPING_AREA_KM2;
  const kmPerDegLng = 111.32 * Math.cos((cLat * Math.PI) / 180);
  const widthKm = Math.sqrt(areaKm2 * 1.2);
  const heightKm = areaKm2 / widthKm;
  const half: [number, number] = [widthKm / 2 / kmPerDegLng, heightKm / 2 / KM_PER_DEG_LAT];
  const bbox: BBox = [round(cLng - half[0]), round(cLat - half[1]), round(cLng + half[0]), round(cLat + half[1])];

  // An urban community covers a few blocks of the county seat; a rural village a valley or two.
  const weights = new Map(villages.map((v) => [v.code, (v.kind === 'urban' ? 0.08 : 1) * (0.6 + 0.8 * rand())]));
  const byTownship = new Map<string, DemoVillage[]>();
  for (const v of [...villages].sort((a, b) => (a.code < b.code ? -1 : 1))) {
    (byTownship.get(v.townshipCode) ?? byTownship.set(v.townshipCode, []).get(v.townshipCode)!).push(v);
  }
  const townships = [...byTownship.entries()];
  const townshipWeight = ([, vs]: [string, DemoVillage[]]) => vs.reduce((s, v) => s + weights.get(v.code)!, 0);
  const areas: VillageArea[] = [];
  for (const [[, vs], block] of squarify(bbox, townships, townshipWeight, kmPerDegLng)) {
    for (const [village, box] of squarify(block, vs, (v) => weights.get(v.code)!, kmPerDegLng)) areas.push({ village, bbox: box });
  }
  return { bbox, villages: areas };
}

/** Each village's demo area as its boundary (the rectangle its grids tile), counter-clockwise. */
export function villageBoundaries(villages: readonly DemoVillage[], opts: LayoutOptions): { code: string; boundary: Polygon }[] {
  return layoutCounty(villages, opts).villages.map(({ village, bbox: [x0, y0, x1, y1] }) => ({
    code: village.code,
    boundary: {
      type: 'Polygon',
      coordinates: [
        [
          [x0, y0],
          [x1, y0],
          [x1, y1],
          [x0, y1],
          [x0, y0],
        ],
      ],
    },
  }));
}

/**
 * Cuts a rectangle into `n` convex quadrilaterals that tile it: horizontal row lines at
 * jittered heights, and in each row slanted cuts whose top and bottom ends are jittered apart.
 * Cells are counter-clockwise, as stored.
 */
export function tileRectangle(box: BBox, n: number, rand: () => number, kmPerDegLng = 100): Polygon[] {
  const [x0, y0, x1, y1] = box;
  const rowCount = Math.max(1, Math.min(n, Math.round(Math.sqrt((n * (y1 - y0) * KM_PER_DEG_LAT) / ((x1 - x0) * kmPerDegLng)))));
  const perRow = Array.from({ length: rowCount }, (_, i) => Math.floor(n / rowCount) + (i < n % rowCount ? 1 : 0));
  const jitter = (spread: number) => (rand() * 2 - 1) * spread;
  const ys = [y0, ...Array.from({ length: rowCount - 1 }, (_, i) => round(y0 + ((y1 - y0) * (i + 1 + jitter(0.2))) / rowCount)), y1];
  const cells: Polygon[] = [];
  perRow.forEach((count, r) => {
    const line = (spread: number) => [x0, ...Array.from({ length: count - 1 }, (_, j) => round(x0 + ((x1 - x0) * (j + 1 + jitter(spread))) / count)), x1];
    const bottom = line(0.25);
    const top = line(0.25);
    const yb = ys[r]!;
    const yt = ys[r + 1]!;
    for (let j = 0; j < count; j++) {
      const ring: Position[] = [
        [bottom[j]!, yb],
        [bottom[j + 1]!, yb],
        [top[j + 1]!, yt],
        [top[j]!, yt],
        [bottom[j]!, yb],
      ];
      cells.push({ type: 'Polygon', coordinates: [ring] });
    }
  });
  return cells;
}

/** Points strictly inside a convex polygon (the demo cells are convex): positive weights on its vertices. */
export function interiorPoints(p: Polygon, count: number, rand: () => number): Position[] {
  const ring = p.coordinates[0]!.slice(0, -1);
  return Array.from({ length: count }, () => {
    const w = ring.map(() => 0.05 + rand());
    const sum = w.reduce((a, b) => a + b, 0);
    return [ring.reduce((s, v, i) => s + v[0] * w[i]!, 0) / sum, ring.reduce((s, v, i) => s + v[1] * w[i]!, 0) / sum];
  });
}

const SURNAMES = ['吴', '杨', '石', '龙', '潘', '陆', '欧', '姚', '胡', '李', '王', '张'];
const GIVEN = ['晓梅', '永华', '德明', '春燕', '光荣', '秀英', '文斌', '金花', '志强', '玉兰', '国庆', '海燕'];

/** 上黄村村民委员会 → 上黄村, 双凤社区居民委员会 → 双凤社区 */
export function shortVillageName(name: string): string {
  return name.replace(/(村民委员会|居民委员会|村委会|居委会)$/, '') || name;
}

/**
 * Demo grids for a county: each village tiled into `gridsPerVillage(v)` grids (default 4 urban,
 * 2 rural) named 上黄村第1网格…, comprehensive, tagged party + comprehensive governance, each
 * with one synthetic grid worker (full-time in a community, part-time in a village).
 */
export function generateCountyGrids(villages: readonly DemoVillage[], opts: GenerateOptions): GridInput[] {
  const layout = layoutCounty(villages, opts);
  const rand = seededRandom(`${String(opts.seed)}:grids`);
  const kmPerDegLng = 111.32 * Math.cos((((layout.bbox[1] + layout.bbox[3]) / 2) * Math.PI) / 180);
  const perVillage = opts.gridsPerVillage ?? ((v: DemoVillage) => (v.kind === 'urban' ? 4 : 2));
  const grids: GridInput[] = [];
  for (const { village, bbox } of layout.villages) {
    const n = Math.max(1, Math.min(999, Math.floor(perVillage(village))));
    const label = village.name ? shortVillageName(village.name) : village.code;
    tileRectangle(bbox, n, rand, kmPerDegLng).forEach((boundary, i) => {
      const pick = <T>(list: readonly T[]) => list[Math.floor(rand() * list.length)]!;
      grids.push({
        code: `${village.code}${String(i + 1).padStart(3, '0')}`,
        villageCode: village.code,
        name: `${label}第${i + 1}网格`,
        kind: 'comprehensive',
        tags: ['party', 'comprehensive_governance'],
        boundary,
        workers: [
          {
            name: `${pick(SURNAMES)}${pick(GIVEN)}`,
            employment: village.kind === 'urban' ? 'full_time' : 'part_time',
            phoneMasked: `1${pick(['39', '58', '87', '36', '51'])}****${String(Math.floor(rand() * 10000)).padStart(4, '0')}`,
          },
        ],
      });
    });
  }
  return grids;
}
