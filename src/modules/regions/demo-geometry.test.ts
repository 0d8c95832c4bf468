import { describe, expect, it } from 'vitest';
import { generateCountyGrids, interiorPoints, layoutCounty, seededRandom, tileRectangle } from './demo-geometry.js';
import { readDivisionCounty } from './division.js';
import { normalizePolygon, orient, pointInPolygon, polygonArea, polygonsOverlap, type BBox, type Polygon } from './geometry.js';
import { GridIndex, locateLinear, prepareLinear } from './locator.js';

const county = readDivisionCounty('522631');
const villages = county.villages;
const rectArea = (b: BBox) => (b[2] - b[0]) * (b[3] - b[1]);

function isConvexCcw(p: Polygon): boolean {
  const r = p.coordinates[0]!;
  for (let i = 0; i < r.length - 1; i++) {
    const a = r[i]!;
    const b = r[i + 1]!;
    const c = r[(i + 2) % (r.length - 1)]!;
    if (orient(a[0], a[1], b[0], b[1], c[0], c[1]) <= 0) return false;
  }
  return true;
}

describe('synthetic county layout and grids', () => {
  const layout = layoutCounty(villages, { seed: 42 });
  const grids = generateCountyGrids(villages, { seed: 42 });

  it('lays out every village once, inside the county, about 4,441 km² around 黎平', () => {
    expect(layout.villages).toHaveLength(321);
    const [minLng, minLat, maxLng, maxLat] = layout.bbox;
    expect((minLng + maxLng) / 2).toBeCloseTo(109.14, 3);
    expect((minLat + maxLat) / 2).toBeCloseTo(26.23, 3);
    const km2 = (maxLng - minLng) * 111.32 * Math.cos((26.23 * Math.PI) / 180) * (maxLat - minLat) * 110.574;
    expect(km2).toBeGreaterThan(4300);
    expect(km2).toBeLessThan(4600);
    // The village rectangles tile the county: areas sum up, and no two overlap.
    const total = layout.villages.reduce((s, v) => s + rectArea(v.bbox), 0);
    expect(total).toBeCloseTo(rectArea(layout.bbox), 9);
    for (const v of layout.villages) {
      expect(v.bbox[0]).toBeGreaterThanOrEqual(minLng);
      expect(v.bbox[3]).toBeLessThanOrEqual(maxLat);
    }
  });

  it('is deterministic for a seed and differs for another', () => {
    expect(generateCountyGrids(villages, { seed: 42 })).toEqual(grids);
    expect(generateCountyGrids(villages, { seed: 43 })[0]!.boundary).not.toEqual(grids[0]!.boundary);
  });

  it('gives urban communities 4 grids and rural villages 2 by default, or what the caller decides', () => {
    const urban = villages.filter((v) => v.kind === 'urban').length;
    expect(grids).toHaveLength(urban * 4 + (villages.length - urban) * 2);
    expect(grids.find((g) => g.villageCode === '522631102200')).toMatchObject({ code: '522631102200001', name: '上黄村第1网格', kind: 'comprehensive' });
    const three = generateCountyGrids(villages.slice(0, 5), { seed: 1, gridsPerVillage: () => 3 });
    expect(three).toHaveLength(15);
    expect(three.map((g) => g.code.slice(12))).toEqual(Array.from({ length: 5 }, () => ['001', '002', '003']).flat());
  });

  it('each village is tiled exactly: valid convex cells, areas sum to the village, no overlaps', () => {
    const byVillage = new Map<string, typeof grids>();
    for (const g of grids) byVillage.set(g.villageCode, [...(byVillage.get(g.villageCode) ?? []), g]);
    for (const { village, bbox } of layout.villages) {
      const cells = byVillage.get(village.code)!;
      for (const c of cells) {
        const check = normalizePolygon(c.boundary);
        expect(check.ok, c.code).toBe(true);
        if (check.ok) expect(check.polygon).toEqual(c.boundary); // already normalized as stored
        expect(isConvexCcw(c.boundary), c.code).toBe(true);
      }
      const sum = cells.reduce((s, c) => s + polygonArea(c.boundary), 0);
      expect(Math.abs(sum - rectArea(bbox)) / rectArea(bbox), village.code).toBeLessThan(1e-9);
      for (let i = 0; i < cells.length; i++) {
        for (let j = i + 1; j < cells.length; j++) expect(polygonsOverlap(cells[i]!.boundary, cells[j]!.boundary)).toBe(false);
      }
    }
  });

  it('no two grids in the county overlap (neighbouring villages and townships touch only)', () => {
    const index = new GridIndex(grids);
    let pairs = 0;
    for (const g of grids) {
      const others = index.near(layout.villages.find((v) => v.village.code === g.villageCode)!.bbox);
      for (const o of others) {
        if (o.code <= g.code) continue;
        pairs += 1;
        expect(polygonsOverlap(g.boundary, o.boundary), `${g.code} / ${o.code}`).toBe(false);
      }
    }
    expect(pairs).toBeGreaterThan(grids.length);
  });

  it('tiles any count into convex cells that cover the rectangle', () => {
    const rand = seededRandom(5);
    for (let n = 1; n <= 12; n++) {
      const box: BBox = [109, 26, 109.05, 26.03];
      const cells = tileRectangle(box, n, rand);
      expect(cells).toHaveLength(n);
      expect(cells.every(isConvexCcw)).toBe(true);
      // Every sampled point of the rectangle is in exactly one cell (or on a shared edge).
      for (let k = 0; k < 200; k++) {
        const x = 109 + rand() * 0.05;
        const y = 26 + rand() * 0.03;
        const where = cells.map((c) => pointInPolygon(x, y, c));
        expect(where.filter((w) => w === 'inside').length + (where.includes('boundary') ? 1 : 0)).toBe(1);
      }
    }
  });
});

describe('grid locator (in memory)', () => {
  const grids = generateCountyGrids(villages, { seed: 7 });
  const index = new GridIndex(grids);
  const linear = prepareLinear(grids);

  it('finds the right grid for every point sampled strictly inside every grid', () => {
    const rand = seededRandom(99);
    let checked = 0;
    for (const g of grids) {
      for (const [lng, lat] of interiorPoints(g.boundary, 5, rand)) {
        expect(index.locate(lng, lat)?.code).toBe(g.code);
        checked += 1;
      }
    }
    expect(checked).toBe(grids.length * 5);
  });

  it('finds nothing outside the county, and agrees with a linear scan everywhere', () => {
    const { bbox } = layoutCounty(villages, { seed: 7 });
    expect(index.locate(bbox[0] - 0.01, bbox[1] - 0.01)).toBeNull();
    expect(index.locate(116.4, 39.9)).toBeNull();
    const rand = seededRandom(3);
    for (let i = 0; i < 5000; i++) {
      const lng = bbox[0] - 0.01 + rand() * (bbox[2] - bbox[0] + 0.02);
      const lat = bbox[1] - 0.01 + rand() * (bbox[3] - bbox[1] + 0.02);
      expect(index.locate(lng, lat)?.code ?? null).toBe(locateLinear(linear.grids, linear.bboxes, lng, lat)?.code ?? null);
    }
  });

  it('a point on an edge shared by two grids goes to the lower code; an empty index finds nothing', () => {
    const left: Polygon = {
      type: 'Polygon',
      coordinates: [
        [
          [0, 0],
          [1, 0],
          [1, 1],
          [0, 1],
          [0, 0],
        ],
      ],
    };
    const right: Polygon = {
      type: 'Polygon',
      coordinates: [
        [
          [1, 0],
          [2, 0],
          [2, 1],
          [1, 1],
          [1, 0],
        ],
      ],
    };
    const small = new GridIndex([
      { code: '522631102200002', villageCode: '522631102200', boundary: right },
      { code: '522631102200001', villageCode: '522631102200', boundary: left },
    ]);
    expect(small.locate(1, 0.5)?.code).toBe('522631102200001');
    expect(small.locate(1.5, 0.5)?.code).toBe('522631102200002');
    expect(new GridIndex([]).locate(1, 1)).toBeNull();
  });
});
