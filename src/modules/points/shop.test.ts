import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_CONTEXT, withContext } from '../../platform/db/context.js';
import { POINTS_MEASURES } from './measures.js';
import { createHarness } from '../../../test/helpers/harness.js';
import type { Redemption, ShopItem, Statement } from './points-schema.js';
import { CHANGCHUN, intakeFixture, passFor, registerVillagers, SHANGHUANG, type Intake, type Villager } from './test-fixtures.js';
import { verifyPoints } from './verify-service.js';

// The points shop (爱心超市): items, stock and prices in points; redemption at the counter and by
// the resident with the pass can neither oversell nor overdraw, also under concurrency: 50
// households racing for the last 10 items get exactly 10, and one household racing itself never
// goes below zero. Refusals name the field in Chinese and write nothing.

let f: Intake;
let sh: Villager[];
let cc: Villager[];
const sqlRows = async <T>(text: string, params: unknown[] = []) => (await f.h.database.admin.query(text, params)).rows as T[];
const send = (method: 'GET' | 'POST' | 'PATCH', url: string, who: string, payload?: object) =>
  f.h.app.inject({ method, url, headers: { cookie: f.cookies[who]! }, ...(payload ? { payload } : {}) });
const counts = async () =>
  (await sqlRows<{ e: number; r: number }>(`SELECT (SELECT count(*) FROM points_entries)::int AS e, (SELECT count(*) FROM points_redemptions)::int AS r`))[0]!;

let ruleId: string;
const give = async (householdId: string, times: number) => {
  for (let i = 0; i < times; i++) expect((await send('POST', '/api/v1/points/awards', 'village', { ruleId, householdId })).statusCode).toBe(201);
};
const item = async (body: object, who = 'village') => {
  const res = await send('POST', '/api/v1/points/shop/items', who, body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as ShopItem;
};

beforeAll(async () => {
  f = await intakeFixture(await createHarness({ loginRateLimitPerMinute: 1000, anonymousRateLimitPerMinute: 10000 }), ['village', 'village2', 'grid']);
  const names = Array.from({ length: 52 }, (_, i) => [`村民${String(i + 1).padStart(2, '0')}`]);
  sh = await registerVillagers(f, 'village', SHANGHUANG, names);
  cc = await registerVillagers(f, 'village2', CHANGCHUN, [['李长春']]);
  const r = await send('POST', '/api/v1/points/rules', 'village', { regionCode: SHANGHUANG, code: 'labour', name: '参加义务劳动', points: 5, cadence: 'each' });
  ruleId = (r.json() as { id: string }).id;
});
afterAll(() => f?.h.close());

describe('the points shop', () => {
  it('keeps items with price and stock; only cadres in scope change them', async () => {
    const soap = await item({ villageCode: SHANGHUANG, name: '洗衣粉', price: 10, stock: 5 });
    expect(soap).toMatchObject({ price: 10, stock: 5, active: true });
    expect((await send('POST', '/api/v1/points/shop/items', 'grid', { villageCode: SHANGHUANG, name: '毛巾', price: 5, stock: 1 })).statusCode).toBe(403);
    expect((await send('POST', '/api/v1/points/shop/items', 'village2', { villageCode: SHANGHUANG, name: '毛巾', price: 5, stock: 1 })).statusCode).toBe(400);
    expect((await send('PATCH', `/api/v1/points/shop/items/${soap.id}`, 'village2', { price: 1 })).statusCode).toBe(404);
    const re = await send('POST', `/api/v1/points/shop/items/${soap.id}/restock`, 'village', { quantity: 3, reason: '乡镇捐赠' });
    expect((re.json() as ShopItem).stock).toBe(8);
    const off = await send('POST', `/api/v1/points/shop/items/${soap.id}/restock`, 'village', { quantity: -9, reason: '破损' });
    expect(off.statusCode).toBe(409);
    expect(off.json().error).toMatchObject({ code: 'OUT_OF_STOCK', details: { field: 'quantity' } });
    expect((await send('GET', `/api/v1/points/shop/items?villageCode=${SHANGHUANG}`, 'grid')).json()).toHaveLength(1);
  });

  it('refuses more points than the balance or more items than the stock, naming the field and writing nothing', async () => {
    const oil = await item({ villageCode: SHANGHUANG, name: '食用油', price: 30, stock: 2 });
    await give(sh[0]!.householdId, 4); // 20 points
    let before = await counts();
    const poor = await send('POST', '/api/v1/points/shop/redemptions', 'village', { itemId: oil.id, householdId: sh[0]!.householdId, quantity: 1 });
    expect(poor.statusCode).toBe(409);
    expect(poor.json().error).toMatchObject({ code: 'INSUFFICIENT_BALANCE', details: { field: 'points', balance: 20, cost: 30 } });
    expect(poor.json().error.message).toMatch(/积分不足/);
    expect(await counts()).toEqual(before);
    await give(sh[0]!.householdId, 20); // 120 points
    before = await counts();
    const many = await send('POST', '/api/v1/points/shop/redemptions', 'village', { itemId: oil.id, householdId: sh[0]!.householdId, quantity: 3 });
    expect(many.statusCode).toBe(409);
    expect(many.json().error).toMatchObject({ code: 'OUT_OF_STOCK', details: { field: 'stock', stock: 2 } });
    expect(many.json().error.message).toMatch(/库存不足/);
    expect(await counts()).toEqual(before);
    expect((await sqlRows<{ stock: number }>(`SELECT stock FROM points_shop_items WHERE id = $1`, [oil.id]))[0]!.stock).toBe(2);
    // Another village's household, or its cadre, cannot redeem here.
    expect(
      (await send('POST', '/api/v1/points/shop/redemptions', 'village', { itemId: oil.id, householdId: cc[0]!.householdId, quantity: 1 })).statusCode,
    ).toBe(400);
    const ok = await send('POST', '/api/v1/points/shop/redemptions', 'village', { itemId: oil.id, householdId: sh[0]!.householdId, quantity: 2 });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json() as Redemption).toMatchObject({ points: 60, balance: 60, stock: 0, channel: 'counter' });
    const st = (await send('GET', `/api/v1/points/statement?householdId=${sh[0]!.householdId}`, 'village')).json() as Statement;
    expect(st.spent).toBe(60);
    expect(st.entries.at(-1)).toMatchObject({ kind: 'redemption', points: -60, description: '兑换 食用油 × 2' });
  });

  it('lets the resident redeem for their household with the pass, audited as the resident', async () => {
    const towel = await item({ villageCode: SHANGHUANG, name: '毛巾', price: 5, stock: 3 });
    const headers = await passFor(f, SHANGHUANG, sh[0]!);
    const res = await f.h.app.inject({
      method: 'POST',
      url: `/api/v1/public/points/villages/${SHANGHUANG}/redemptions`,
      headers,
      payload: { itemId: towel.id, quantity: 1 },
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ channel: 'resident', balance: 55, stock: 2 });
    const audit = await sqlRows<{ actor_name: string }>(`SELECT actor_name FROM audit_log WHERE action = 'points.redeem' AND target_id = $1`, [res.json().id]);
    expect(audit).toEqual([{ actor_name: `resident:${sh[0]!.residentId}` }]);
    const mine = await f.h.app.inject({ method: 'GET', url: `/api/v1/public/points/villages/${SHANGHUANG}/statement`, headers });
    expect((mine.json() as Statement).closing).toBe(55);
    const noPass = await f.h.app.inject({
      method: 'POST',
      url: `/api/v1/public/points/villages/${SHANGHUANG}/redemptions`,
      payload: { itemId: towel.id, quantity: 1 },
    });
    expect(noPass.statusCode).toBe(401);
  });

  it('gives the last 10 items to exactly 10 of 50 concurrent households, none below zero', async () => {
    const rice = await item({ villageCode: SHANGHUANG, name: '大米 10 斤', price: 10, stock: 10 });
    const racers = sh.slice(1, 51);
    for (const v of racers) await give(v.householdId, 2); // 10 points each: enough for one
    const results = await Promise.all(
      racers.map((v) => send('POST', '/api/v1/points/shop/redemptions', 'village', { itemId: rice.id, householdId: v.householdId, quantity: 1 })),
    );
    const codes = results.map((r) => r.statusCode);
    expect(codes.filter((c) => c === 201)).toHaveLength(10);
    expect(codes.filter((c) => c === 409)).toHaveLength(40);
    for (const r of results.filter((x) => x.statusCode === 409)) {
      expect(r.json().error).toMatchObject({ code: 'OUT_OF_STOCK', details: { field: 'stock', stock: 0 } });
    }
    expect((await sqlRows<{ stock: number }>(`SELECT stock FROM points_shop_items WHERE id = $1`, [rice.id]))[0]!.stock).toBe(0);
    expect((await sqlRows<{ n: number }>(`SELECT count(*)::int AS n FROM points_redemptions WHERE item_id = $1`, [rice.id]))[0]!.n).toBe(10);
    const negative = await sqlRows(`SELECT e.account_id, sum(CASE WHEN e.credit_account = e.account_id THEN e.amount ELSE -e.amount END) AS b
      FROM points_entries e GROUP BY e.account_id HAVING sum(CASE WHEN e.credit_account = e.account_id THEN e.amount ELSE -e.amount END) < 0`);
    expect(negative).toEqual([]);
  });

  it('never overdraws one household redeeming concurrently beyond its balance', async () => {
    const eggs = await item({ villageCode: SHANGHUANG, name: '鸡蛋', price: 10, stock: 100 });
    const v = sh[51]!;
    await give(v.householdId, 6); // 30 points: three eggs
    const results = await Promise.all(
      Array.from({ length: 12 }, () =>
        send('POST', '/api/v1/points/shop/redemptions', 'village', { itemId: eggs.id, householdId: v.householdId, quantity: 1 }),
      ),
    );
    expect(results.filter((r) => r.statusCode === 201)).toHaveLength(3);
    for (const r of results.filter((x) => x.statusCode !== 201))
      expect(r.json().error).toMatchObject({ code: 'INSUFFICIENT_BALANCE', details: { field: 'points' } });
    const st = (await send('GET', `/api/v1/points/statement?householdId=${v.householdId}`, 'village')).json() as Statement;
    expect(st.account.balance).toBe(0);
    expect((await sqlRows<{ stock: number }>(`SELECT stock FROM points_shop_items WHERE id = $1`, [eggs.id]))[0]!.stock).toBe(97);
  });

  it('verify agrees after all that, and finds a stock changed by hand', async () => {
    expect((await verifyPoints(f.h.deps)).problems).toEqual([]);
    await sqlRows(`UPDATE points_shop_items SET stock = stock + 1 WHERE name = '鸡蛋'`);
    const r = await verifyPoints(f.h.deps);
    expect(r.ok).toBe(false);
    expect(r.problems).toEqual([expect.stringMatching(/鸡蛋.*库存 98 与进出合计 97/)]);
    await sqlRows(`UPDATE points_shop_items SET stock = stock - 1 WHERE name = '鸡蛋'`);
  });

  it('gives the overview points earned and redeemed per village, equal to the raw entries', async () => {
    const path = (await sqlRows<{ path: string }>(`SELECT path::text AS path FROM regions WHERE code = $1`, [SHANGHUANG]))[0]!.path;
    const now = f.h.clock.now();
    const q = { areas: [{ code: SHANGHUANG, path }], from: new Date(now.getTime() - 400 * 86_400_000), to: new Date(now.getTime() + 86_400_000), now };
    const figure = async (id: string) =>
      (await withContext(f.h.deps.db, SYSTEM_CONTEXT, (tx) => POINTS_MEASURES.find((m) => m.id === id)!.compute(tx, q))).get(SHANGHUANG)!.value;
    const [raw] = await sqlRows<{ earned: number; redeemed: number }>(
      `SELECT coalesce(sum(amount) FILTER (WHERE credit_account = account_id AND kind IN ('rule', 'adjustment')), 0)::int AS earned,
              coalesce(sum(amount) FILTER (WHERE kind = 'redemption'), 0)::int AS redeemed
       FROM points_entries WHERE path <@ $1::ltree`,
      [path],
    );
    expect(raw!.redeemed).toBeGreaterThan(0);
    expect(await figure('points.earned')).toBe(raw!.earned);
    expect(await figure('points.redeemed')).toBe(raw!.redeemed);
    expect(POINTS_MEASURES.every((m) => m.unit === 'sum')).toBe(true);
  });
});
