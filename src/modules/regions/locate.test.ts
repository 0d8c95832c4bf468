import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../../test/helpers/harness.js';
import { SYSTEM_ACTOR } from '../../platform/actor.js';
import { generateCountyGrids, interiorPoints, layoutCounty, seededRandom } from './demo-geometry.js';
import { readDivisionCounty } from './division.js';
import { saveGrids } from './grid-bulk-service.js';
import { gridIndexFor } from './grid-service.js';
import { locatePoint, resolvePlace } from './locate-service.js';
import { VERSION_CHECK_MS } from './locator.js';
import type { PlaceCandidate } from './grid-store.js';

const SHANGHUANG = '522631102200';
const CHANGCHUN = '522631102201';
const ZHONGCHAO = '522631102000';
const villages = readDivisionCounty('522631').villages;
const SEED = 'locate';
const demo = generateCountyGrids(villages, { seed: SEED });
const countyBox = layoutCounty(villages, { seed: SEED }).bbox;

let h: Harness;
const cookies: Record<string, string> = {};

beforeAll(async () => {
  h = await createHarness();
  await saveGrids(h.deps, SYSTEM_ACTOR, demo);
  for (const u of ['county', 'township', 'village', 'resident']) cookies[u] = await h.login(u);
});
afterAll(() => h?.close());

const locate = (query: string, who = 'county') => h.app.inject({ method: 'GET', url: `/api/v1/locate?${query}`, headers: { cookie: cookies[who]! } });
const centreOf = (code: string) => interiorPoints(demo.find((g) => g.code === code)!.boundary, 1, () => 0.5)[0]!;

describe('point → grid, from the database', () => {
  it('the index built from stored grids finds the right grid for every point sampled inside every grid', async () => {
    const index = await gridIndexFor(h.deps);
    expect(index.size).toBe(demo.length);
    const rand = seededRandom(11);
    const wrong: string[] = [];
    for (const g of demo) {
      for (const [lng, lat] of interiorPoints(g.boundary, 4, rand)) {
        if (index.locate(lng, lat)?.code !== g.code) wrong.push(g.code);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('the service answers a sample of them with names, and nothing outside the county', async () => {
    const rand = seededRandom(12);
    for (let i = 0; i < 40; i++) {
      const g = demo[Math.floor(rand() * demo.length)]!;
      const [lng, lat] = interiorPoints(g.boundary, 1, rand)[0]!;
      const found = await locatePoint(h.deps, SYSTEM_ACTOR, lat, lng);
      expect(found.grid).toEqual({ code: g.code, name: g.name });
      expect(found.village?.code).toBe(g.villageCode);
      expect(found.township?.code).toBe(`${g.villageCode.slice(0, 9)}000`);
    }
    expect(await locatePoint(h.deps, SYSTEM_ACTOR, countyBox[1] - 0.05, countyBox[0] - 0.05)).toEqual({ grid: null, village: null, township: null });
  });
});

describe('GET /api/v1/locate', () => {
  it('?lat=&lng= gives { grid, village, township } with codes and names', async () => {
    const [lng, lat] = centreOf(`${SHANGHUANG}002`);
    const res = await locate(`lat=${lat}&lng=${lng}`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      grid: { code: `${SHANGHUANG}002`, name: '上黄村第2网格' },
      village: { code: SHANGHUANG, name: '上黄村村民委员会' },
      township: { code: ZHONGCHAO, name: '中潮镇' },
    });
    const outside = await locate('lat=39.9&lng=116.4');
    expect(outside.statusCode).toBe(200);
    expect(outside.json()).toEqual({ grid: null, village: null, township: null });
  });

  it('a village cadre locating a point in the neighbouring village learns only the township', async () => {
    const [lng, lat] = centreOf(`${CHANGCHUN}001`);
    expect((await locate(`lat=${lat}&lng=${lng}`, 'village')).json()).toEqual({ grid: null, village: null, township: { code: ZHONGCHAO, name: '中潮镇' } });
    expect((await locate(`lat=${lat}&lng=${lng}`, 'township')).json().grid.code).toBe(`${CHANGCHUN}001`);
  });

  it('?address=上黄 → 上黄村村民委员会 (522631102200) in 中潮镇; no grid, since it names none', async () => {
    const res = await locate(`address=${encodeURIComponent('上黄')}`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ grid: null, village: { code: SHANGHUANG, name: '上黄村村民委员会' }, township: { code: ZHONGCHAO, name: '中潮镇' } });
  });

  it('addresses naming a grid, a full postal address, a township only, or nothing known', async () => {
    const grid = (await locate(`address=${encodeURIComponent('上黄村第2网格')}`)).json();
    expect(grid.grid).toEqual({ code: `${SHANGHUANG}002`, name: '上黄村第2网格' });
    const postal = (await locate(`address=${encodeURIComponent('贵州省黎平县中潮镇上黄村三组12号')}`)).json();
    expect(postal.village?.code).toBe(SHANGHUANG);
    const town = (await locate(`address=${encodeURIComponent('肇兴镇')}`)).json();
    expect(town).toEqual({ grid: null, village: null, township: { code: '522631111000', name: '肇兴镇' } });
    expect((await locate(`address=${encodeURIComponent('北京市朝阳区')}`)).json()).toEqual({ grid: null, village: null, township: null });
  });

  it('two villages of one name are told apart only by their township', async () => {
    expect((await locate(`address=${encodeURIComponent('宝塘村')}`)).json().village).toBeNull();
    const shuikou = (await locate(`address=${encodeURIComponent('水口镇宝塘村')}`)).json();
    expect(shuikou.village).toEqual({ code: '522631107220', name: '宝塘村村民委员会' });
    const shangzhong = (await locate(`address=${encodeURIComponent('尚重镇宝塘村')}`)).json();
    expect(shangzhong.village.code).toBe('522631109226');
  });

  it('bad input is 400 naming the field; a resident is 403; no session is 401', async () => {
    for (const [query, field] of [
      ['lat=abc&lng=109', 'lat'],
      ['lat=91&lng=109', 'lat'],
      ['lat=26&lng=181', 'lng'],
      ['lat=26', 'lng'],
      ['lng=109', 'lat'],
      ['', 'lat'],
      ['address=', 'address'],
      [`address=${encodeURIComponent('上黄')}&lat=26&lng=109`, 'address'],
      ['address=%20%20', 'address'],
    ] as const) {
      const res = await locate(query);
      expect(res.statusCode, query).toBe(400);
      expect(res.json().error.details.field, query).toBe(field);
    }
    expect((await locate('lat=26&lng=109', 'resident')).statusCode).toBe(403);
    expect((await h.app.inject({ method: 'GET', url: '/api/v1/locate?lat=26&lng=109' })).statusCode).toBe(401);
  });
});

describe('address resolution rules (pure)', () => {
  const c = (kind: PlaceCandidate['kind'], code: string, parent: string | null, score: number): PlaceCandidate => ({
    kind,
    code,
    name: code,
    parent_code: parent,
    score,
  });

  it('prefers the most specific unambiguous level', () => {
    expect(resolvePlace([c('village', 'V1', 'T1', 0.67), c('grid', 'G1', 'V1', 0.67), c('grid', 'G2', 'V1', 0.67)])).toEqual({
      gridCode: null,
      villageCode: 'V1',
      townshipCode: null,
    });
    expect(resolvePlace([c('village', 'V1', 'T1', 1), c('grid', 'G1', 'V1', 1), c('grid', 'G2', 'V1', 0.8)])).toEqual({
      gridCode: 'G1',
      villageCode: 'V1',
      townshipCode: null,
    });
    expect(resolvePlace([c('village', 'V1', 'T1', 1), c('group', 'Z1', 'V1', 1)])).toEqual({ gridCode: null, villageCode: 'V1', townshipCode: null });
    expect(resolvePlace([c('township', 'T1', null, 0.9)])).toEqual({ gridCode: null, villageCode: null, townshipCode: 'T1' });
    expect(resolvePlace([])).toEqual({ gridCode: null, villageCode: null, townshipCode: null });
  });

  it('a tie is unknown unless a parent named in the text breaks it', () => {
    expect(resolvePlace([c('village', 'V1', 'T1', 1), c('village', 'V2', 'T2', 1)]).villageCode).toBeNull();
    expect(resolvePlace([c('village', 'V1', 'T1', 1), c('village', 'V2', 'T2', 1), c('township', 'T2', null, 1)]).villageCode).toBe('V2');
  });
});

describe('the locator and grid edits made elsewhere', () => {
  it('sees a grid changed by another process (straight in the database) once the version is next read', async () => {
    const g = demo.find((x) => x.villageCode === SHANGHUANG)!;
    const [lng, lat] = centreOf(g.code);
    const before = (await gridIndexFor(h.deps)).locate(lng, lat);
    expect(before?.code).toBe(g.code);
    // Another server process moves the grid far away: this process is not told, only the version moves.
    const far = {
      type: 'Polygon',
      coordinates: [
        [
          [10, 10],
          [10.01, 10],
          [10.01, 10.01],
          [10, 10.01],
          [10, 10],
        ],
      ],
    };
    const v0 = await h.database.admin.query('SELECT version FROM grid_network_version');
    await h.database.admin.query(`UPDATE grids SET boundary = $1, min_lng = 10, min_lat = 10, max_lng = 10.01, max_lat = 10.01 WHERE code = $2`, [
      JSON.stringify(far),
      g.code,
    ]);
    const v1 = await h.database.admin.query('SELECT version FROM grid_network_version');
    expect(Number(v1.rows[0]!.version)).toBe(Number(v0.rows[0]!.version) + 1);
    await new Promise((r) => setTimeout(r, VERSION_CHECK_MS + 100));
    expect((await gridIndexFor(h.deps)).locate(lng, lat)).toBeNull();
    expect((await gridIndexFor(h.deps)).locate(10.005, 10.005)?.code).toBe(g.code);
  });
});
