import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../../test/helpers/harness.js';
import { SYSTEM_ACTOR } from '../../platform/actor.js';
import { SYSTEM_CONTEXT, withContext } from '../../platform/db/context.js';
import { generateCountyGrids, interiorPoints } from '../regions/index.js';
import { readDivisionCounty } from '../regions/index.js';
import { saveGrids } from '../regions/index.js';
import { namesPlace, shortPlaceName } from './public-info.js';

const SHANGHUANG = '522631102200';
const demo = generateCountyGrids(readDivisionCounty('522631').villages, { seed: 'public-place' });
const centreOf = (code: string) => interiorPoints(demo.find((g) => g.code === code)!.boundary, 1, () => 0.5)[0]!;

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
  await saveGrids(h.deps, SYSTEM_ACTOR, demo);
});
afterAll(() => h?.close());

const place = (lat: number, lng: number, address?: string) =>
  h.app.inject({ method: 'GET', url: `/api/v1/public/place?lat=${lat}&lng=${lng}${address ? `&address=${encodeURIComponent(address)}` : ''}` });

describe('the residents’ pages', () => {
  it('GET /public/info: the county, its hotline and the notice’s facts, without signing in', async () => {
    const res = await h.app.inject({ method: 'GET', url: '/api/v1/public/info' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ countyName: '黎平县', hotline: '12345', privacyContact: null, retentionYears: 10 });
  });

  it('GET /public/place names the village and grid a point falls in, as people say them', async () => {
    const [lng, lat] = centreOf(`${SHANGHUANG}002`);
    const res = await place(lat, lng);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      township: { name: '中潮镇' },
      village: { code: SHANGHUANG, name: '上黄村' },
      grid: { code: `${SHANGHUANG}002`, name: '上黄村第2网格' },
      addressNames: null,
    });
    // The grid's outline for the small map: a closed ring around the point, thinned for a thumbnail.
    const outline = res.json().outline as [number, number][];
    expect(outline.length).toBeGreaterThanOrEqual(4);
    expect(outline.length).toBeLessThanOrEqual(121);
    const xs = outline.map(([x]) => x);
    const ys = outline.map(([, y]) => y);
    expect(Math.min(...xs) < lng && lng < Math.max(...xs) && Math.min(...ys) < lat && lat < Math.max(...ys)).toBe(true);
    expect((await place(39.9, 116.4)).json()).toEqual({ township: null, village: null, grid: null, addressNames: null, outline: null });
    expect((await place(91, 109)).statusCode).toBe(400);
  });

  it('warns when the typed address names another village or township than the point', async () => {
    const [lng, lat] = centreOf(`${SHANGHUANG}002`);
    expect((await place(lat, lng, '上黄村村口')).json().addressNames).toBeNull();
    expect((await place(lat, lng, '中潮镇街上')).json().addressNames).toBeNull();
    expect((await place(lat, lng, '路边')).json().addressNames).toBeNull();
    expect((await place(lat, lng, '肇兴镇')).json().addressNames).toMatchObject({ name: '肇兴镇' });
    expect((await place(lat, lng, '长春村小学门口')).json().addressNames).toMatchObject({ code: '522631102201' });
  });

  it('short names and matching', () => {
    expect(shortPlaceName('上黄村村民委员会')).toBe('上黄村');
    expect(shortPlaceName('双凤社区居民委员会')).toBe('双凤社区');
    expect(shortPlaceName('中潮镇')).toBe('中潮镇');
    expect(namesPlace('上黄村口', '上黄村村民委员会')).toBe(true);
    expect(namesPlace('中潮街上', '中潮镇')).toBe(true);
    expect(namesPlace('长春村', '上黄村村民委员会')).toBe(false);
  });

  it('a resident’s report without the notice’s acknowledgement is refused naming the field, and nothing is written', async () => {
    const post = (payload: object) => h.app.inject({ method: 'POST', url: '/api/v1/public/requests', payload });
    const orders = async () => (await withContext(h.deps.db, SYSTEM_CONTEXT, (tx) => tx.selectFrom('work_orders').select('id').execute())).length;
    const before = await orders();
    for (const payload of [{ description: '上黄村村口路灯坏了三天' }, { description: '上黄村村口路灯坏了三天', privacyAcknowledged: false }]) {
      const refused = await post(payload);
      expect(refused.statusCode).toBe(400);
      expect(refused.json().error).toMatchObject({
        code: 'VALIDATION_FAILED',
        message: 'privacyAcknowledged: 请先阅读并勾选同意个人信息告知',
        details: { field: 'privacyAcknowledged' },
      });
    }
    expect((await post({ description: '上黄村村口路灯坏了三天', privacyAcknowledged: 'yes' })).json().error.details.field).toBe('privacyAcknowledged');
    expect(await orders()).toBe(before);
  });

  it('a resident’s report with the notice’s acknowledgement is accepted, and its timeline shows no classifier score', async () => {
    const res = await h.app.inject({
      method: 'POST',
      url: '/api/v1/public/requests',
      payload: { description: '上黄村村口路灯坏了三天', privacyAcknowledged: true },
    });
    expect(res.statusCode).toBe(201);
    const timeline = await h.app.inject({ method: 'GET', url: `/api/v1/public/requests/${res.json().number}?code=${res.json().queryCode}` });
    expect(JSON.stringify(timeline.json())).not.toMatch(/置信度|confidence/);
  });
});
