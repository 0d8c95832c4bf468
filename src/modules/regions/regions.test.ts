import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../../test/helpers/harness.js';
import { SYSTEM_ACTOR } from '../../platform/actor.js';
import { villageKind, townshipKind } from './codes.js';
import { readDivisionCounty } from './division.js';
import { loadCounty } from './service.js';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h?.close());

describe('regions from the national division table', () => {
  it('黎平县 522631 has 26 townships and 321 villages with their real codes', async () => {
    const cookie = await h.login('county');
    const county = (await h.app.inject({ method: 'GET', url: '/api/v1/regions/522631', headers: { cookie } })).json();
    expect(county).toMatchObject({ code: '522631000000', name: '黎平县', level: 'county', parentCode: null, childCount: 26 });
    const townships = (await h.app.inject({ method: 'GET', url: '/api/v1/regions/522631/children', headers: { cookie } })).json();
    expect(townships).toHaveLength(26);
    expect(townships[0]).toMatchObject({ code: '522631001000', name: '德凤街道', level: 'township', kind: 'subdistrict', parentCode: '522631000000' });
    const villages = townships.reduce((n: number, t: { childCount: number }) => n + t.childCount, 0);
    expect(villages).toBe(321);
    const defeng = (await h.app.inject({ method: 'GET', url: '/api/v1/regions/522631001000/children', headers: { cookie } })).json();
    expect(defeng[0]).toMatchObject({ code: '522631001001', name: '双凤社区居民委员会', level: 'village', kind: 'urban' });
  });

  it('reloading changes nothing, and other counties load the same way', async () => {
    const again = await loadCounty(h.deps.db, h.clock, SYSTEM_ACTOR, '522631');
    expect(again).toMatchObject({ townships: 26, villages: 321, changed: 0 });
    for (const code of ['420322', '530326', '420281']) {
      const d = readDivisionCounty(code);
      expect(d.townships.length).toBeGreaterThan(10);
      expect(d.villages.length).toBeGreaterThan(200);
      expect(d.villages.every((v) => v.code.startsWith(code) && v.code.length === 12)).toBe(true);
    }
  });

  it('refuses a code that is not a county, naming the field', () => {
    expect(() => readDivisionCounty('999999')).toThrow(/countyCode/);
    expect(() => readDivisionCounty('52263')).toThrow(/countyCode/);
  });

  it('derives urban or rural kind from the name, then the code', () => {
    expect(villageKind('双凤社区居民委员会', '522631001001')).toBe('urban');
    expect(villageKind('上黄村村民委员会', '522631102200')).toBe('rural');
    expect(villageKind('某某居委会', '522631001201')).toBe('urban');
    expect(villageKind('某某管理区', '522631001101')).toBe('urban');
    expect(villageKind('某某管理区', '522631001201')).toBe('rural');
    expect(townshipKind('中潮镇')).toBe('town');
    expect(townshipKind('德凤街道')).toBe('subdistrict');
    expect(townshipKind('平寨乡')).toBe('township');
  });

  it('a bad code is 400 naming the field; a resident has no region browser', async () => {
    const cookie = await h.login('county');
    const bad = await h.app.inject({ method: 'GET', url: '/api/v1/regions/abc', headers: { cookie } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.field).toBe('code');
    const resident = await h.login('resident');
    expect((await h.app.inject({ method: 'GET', url: '/api/v1/regions/522631', headers: { cookie: resident } })).statusCode).toBe(403);
    expect((await h.app.inject({ method: 'GET', url: '/api/v1/regions/522631' })).statusCode).toBe(401);
  });
});
