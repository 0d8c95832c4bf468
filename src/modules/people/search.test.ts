import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../../test/helpers/harness.js';
import { composeIdNumber } from './id-number.js';

let h: Harness;
let cadre: string;
let township: string;
let other: string;
let villageCode: string;

const headId = composeIdNumber('522631', '19700101', 41);
const daughterId = composeIdNumber('522631', '19980608', 52);

const get = (url: string, cookie: string) => h.app.inject({ method: 'GET', url, headers: { cookie } });
const addresses = (res: { json(): { items: { address: string }[] } }) => res.json().items.map((x) => x.address);

beforeAll(async () => {
  h = await createHarness();
  cadre = await h.login('village');
  township = await h.login('township');
  other = await h.login('village2');
  villageCode = (await get('/api/v1/auth/me', cadre)).json().user.regionCode;
  const res = await h.app.inject({
    method: 'POST',
    url: '/api/v1/households',
    headers: { cookie: cadre },
    payload: {
      villageCode,
      address: '搜索测试组 8 号',
      members: [
        { name: '龙正荣', relation: 'head', idNumber: headId, phone: '13985567801' },
        { name: '龙小梅', relation: 'child', idNumber: daughterId, phone: '18285500442' },
      ],
    },
  });
  expect(res.statusCode).toBe(201);
  const second = await h.app.inject({
    method: 'POST',
    url: '/api/v1/households',
    headers: { cookie: cadre },
    payload: { villageCode, address: '搜索测试组 9 号', members: [{ name: '潘文', relation: 'head', idNumber: composeIdNumber('522631', '19750505', 63) }] },
  });
  expect(second.statusCode, second.body).toBe(201);
});
afterAll(() => h?.close());

describe('one search box for people and households', () => {
  it("finds a household by the householder's name, another member's name and the door address", async () => {
    expect(addresses(await get(`/api/v1/households?q=${encodeURIComponent('龙正荣')}`, cadre))).toEqual(['搜索测试组 8 号']);
    expect(addresses(await get(`/api/v1/households?q=${encodeURIComponent('小梅')}`, cadre))).toEqual(['搜索测试组 8 号']);
    expect(addresses(await get(`/api/v1/households?q=${encodeURIComponent('搜索测试组')}`, cadre))).toEqual(['搜索测试组 8 号', '搜索测试组 9 号']);
    // A surname alone lists every household with a member of that name, each once.
    const byName = addresses(await get(`/api/v1/households?q=${encodeURIComponent('龙')}&pageSize=200`, cadre));
    expect(byName.filter((a) => a === '搜索测试组 8 号')).toHaveLength(1);
  });

  it("finds it by a phone or ID number's last four digits, and by a whole number through its digest", async () => {
    for (const q of ['7801', '*7801', '尾号 0442', headId.slice(-4), '139 8556 7801', daughterId]) {
      const res = await get(`/api/v1/households?q=${encodeURIComponent(q)}`, cadre);
      expect(res.statusCode, q).toBe(200);
      expect(addresses(res), q).toContain('搜索测试组 8 号');
    }
    // A whole ID number with a wrong check digit finds nothing (no error: it is a search box).
    const bad = `${daughterId.slice(0, 17)}${daughterId.endsWith('0') ? '1' : '0'}`;
    const res = await get(`/api/v1/households?q=${bad}`, cadre);
    expect(res.statusCode).toBe(200);
    expect(res.json().items).toHaveLength(0);
    // The people list reads the box the same way.
    const people = await get('/api/v1/residents?q=0442', cadre);
    expect(people.json().items.map((r: { name: string }) => r.name)).toContain('龙小梅');
    expect(people.body).not.toContain(daughterId);
  });

  it('says which member a household was found through, and by what; nothing for the door address or without a search', async () => {
    const matched = async (q: string) => {
      const res = await get(`/api/v1/households?q=${encodeURIComponent(q)}`, cadre);
      expect(res.statusCode, q).toBe(200);
      return res.json().items.find((x: { address: string }) => x.address === '搜索测试组 8 号')?.matchedMembers;
    };
    expect(await matched('小梅')).toEqual([{ name: '龙小梅', relation: 'child', by: 'name' }]);
    expect(await matched('龙正荣')).toEqual([{ name: '龙正荣', relation: 'head', by: 'name' }]);
    // The householder first, then by age.
    expect((await matched('龙')).map((m: { name: string }) => m.name)).toEqual(['龙正荣', '龙小梅']);
    expect(await matched('尾号 0442')).toEqual([{ name: '龙小梅', relation: 'child', by: 'phone' }]);
    expect(await matched(headId.slice(-4))).toEqual([{ name: '龙正荣', relation: 'head', by: 'idNumber' }]);
    expect(await matched('139 8556 7801')).toEqual([{ name: '龙正荣', relation: 'head', by: 'phone' }]);
    expect(await matched(daughterId)).toEqual([{ name: '龙小梅', relation: 'child', by: 'idNumber' }]);
    expect(await matched('搜索测试组 8')).toEqual([]);
    const all = (await get('/api/v1/households?pageSize=200', cadre)).json().items as object[];
    expect(all.length).toBeGreaterThan(0);
    expect(all.every((x) => !('matchedMembers' in x))).toBe(true);
    // The whole number searched for is never repeated in the answer.
    const body = (await get(`/api/v1/households?q=${daughterId}`, cadre)).body;
    expect(body).not.toContain(daughterId);
    expect(body).not.toContain('18285500442');
  });

  it('stays inside the scope: a neighbouring village finds nothing, the township finds it', async () => {
    expect((await get('/api/v1/households?q=7801', other)).json().items).toHaveLength(0);
    expect(addresses(await get(`/api/v1/households?q=${encodeURIComponent('龙正荣')}`, other))).toEqual([]);
    expect(addresses(await get(`/api/v1/households?q=${encodeURIComponent('龙正荣')}`, township))).toEqual(['搜索测试组 8 号']);
  });

  it('answers the tail through an index (the migration made one)', async () => {
    const idx = await h.database.admin.query(
      "SELECT indexname FROM pg_indexes WHERE tablename = 'residents' AND indexname IN ('residents_phone_tail', 'residents_id_tail')",
    );
    expect(idx.rows).toHaveLength(2);
  });

  it("lists a region's townships and villages for the pickers, in scope, without counts", async () => {
    const county = await h.login('county');
    const all = (await get('/api/v1/regions/522631000000/places', county)).json() as { code: string; name: string; level: string; parentCode: string }[];
    expect(all.some((r) => r.name.includes('上黄村') && r.level === 'village')).toBe(true);
    expect(all.some((r) => r.level === 'township')).toBe(true);
    expect(all.every((r) => r.level === 'township' || r.level === 'village')).toBe(true);
    expect(all[0]).not.toHaveProperty('counts');
    const townshipCode = (await get('/api/v1/auth/me', township)).json().user.regionCode;
    const mine = (await get(`/api/v1/regions/${townshipCode}/places`, township)).json() as { parentCode: string }[];
    expect(mine.length).toBeGreaterThan(1);
    expect(mine.every((r) => r.parentCode === townshipCode)).toBe(true);
    // A village cadre sees the county only as the way down to its village: its township and village, nothing else.
    const own = (await get('/api/v1/regions/522631000000/places', cadre)).json() as { code: string }[];
    expect(own.map((r) => r.code).sort()).toEqual([townshipCode, villageCode].sort());
  });
});
