import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness } from '../../../test/helpers/harness.js';
import type { Redemption, RedemptionRecord, ShopItem, Statement } from './points-schema.js';
import { CHANGCHUN, intakeFixture, passFor, registerVillagers, SHANGHUANG, type Intake, type Villager } from './test-fixtures.js';
import { verifyPoints } from './verify-service.js';

// The end of a redemption: handed over (交付) or cancelled (撤销兑换) with a reason, exactly once.
// A cancellation writes a reversing entry and gives the stock back (nothing is deleted); it is
// refused once the items were handed over or the redemption was cancelled already, naming the
// field in Chinese; two cadres cancelling at once cancel once.

let f: Intake;
let sh: Villager[];
let item: ShopItem;
const sqlRows = async <T>(text: string, params: unknown[] = []) => (await f.h.database.admin.query(text, params)).rows as T[];
const send = (method: 'GET' | 'POST', url: string, who: string, payload?: object) =>
  f.h.app.inject({ method, url, headers: { cookie: f.cookies[who]! }, ...(payload ? { payload } : {}) });
const redeem = async (householdId: string, quantity = 1) => {
  const res = await send('POST', '/api/v1/points/shop/redemptions', 'village', { itemId: item.id, householdId, quantity });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as Redemption;
};
const cancel = (id: string, reason: string, who = 'village') => send('POST', `/api/v1/points/shop/redemptions/${id}/cancel`, who, { reason });
const stock = async () => (await sqlRows<{ stock: number }>(`SELECT stock FROM points_shop_items WHERE id = $1`, [item.id]))[0]!.stock;
const balance = async (householdId: string) =>
  ((await send('GET', `/api/v1/points/statement?householdId=${householdId}`, 'village')).json() as Statement).account.balance;

beforeAll(async () => {
  f = await intakeFixture(await createHarness({ loginRateLimitPerMinute: 1000, anonymousRateLimitPerMinute: 10000 }), ['village', 'village2', 'grid']);
  sh = await registerVillagers(f, 'village', SHANGHUANG, [['撤销甲'], ['撤销乙']]);
  await registerVillagers(f, 'village2', CHANGCHUN, [['撤销丙']]);
  for (const v of sh) {
    const adj = await send('POST', '/api/v1/points/adjustments', 'village', { householdId: v.householdId, points: 100, reason: '测试用积分' });
    expect(adj.statusCode, adj.body).toBe(201);
  }
  const res = await send('POST', '/api/v1/points/shop/items', 'village', { villageCode: SHANGHUANG, name: '香皂', price: 20, stock: 10 });
  item = res.json() as ShopItem;
});
afterAll(() => f?.h.close());

describe('cancelling a redemption', () => {
  it('cancels a waiting redemption with a reason: points and stock come back by new rows, nothing deleted', async () => {
    const r = await redeem(sh[0]!.householdId, 2);
    expect(await stock()).toBe(8);
    expect(await balance(sh[0]!.householdId)).toBe(60);
    const waiting = (await send('GET', `/api/v1/points/shop/redemptions?villageCode=${SHANGHUANG}&status=waiting`, 'grid')).json() as RedemptionRecord[];
    expect(waiting.map((w) => [w.id, w.holderName, w.status])).toEqual([[r.id, '撤销甲', 'waiting']]);

    const noReason = await cancel(r.id, ' ');
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error).toMatchObject({ details: { field: 'reason' } });
    expect(noReason.json().error.message).toMatch(/理由/);
    expect((await send('POST', `/api/v1/points/shop/redemptions/${r.id}/cancel`, 'grid', { reason: '网格员无权' })).statusCode).toBe(403);
    expect((await cancel(r.id, '别村干部', 'village2')).statusCode).toBe(404);

    const entriesBefore = (await sqlRows<{ n: number }>(`SELECT count(*)::int AS n FROM points_entries`))[0]!.n;
    const ok = await cancel(r.id, '村民改换成大米');
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json() as RedemptionRecord).toMatchObject({ status: 'cancelled', reason: '村民改换成大米', closedBy: expect.any(String) });
    expect(await stock()).toBe(10);
    expect(await balance(sh[0]!.householdId)).toBe(100);
    expect((await sqlRows<{ n: number }>(`SELECT count(*)::int AS n FROM points_entries`))[0]!.n).toBe(entriesBefore + 1);
    expect((await sqlRows<{ n: number }>(`SELECT count(*)::int AS n FROM points_redemptions WHERE id = $1`, [r.id]))[0]!.n).toBe(1);

    const st = (await send('GET', `/api/v1/points/statement?householdId=${sh[0]!.householdId}`, 'village')).json() as Statement;
    expect(st.entries.at(-1)).toMatchObject({ kind: 'cancellation', points: 40, description: '撤销兑换 香皂 × 2：村民改换成大米' });
    expect(st).toMatchObject({ earned: 100, spent: 0, closing: 100 });
    const audit = await sqlRows<{ action: string }>(`SELECT action FROM audit_log WHERE target_id = $1 ORDER BY id`, [r.id]);
    expect(audit.map((a) => a.action)).toContain('points.redemption.cancel');
  });

  it('refuses to cancel twice, or after hand-over, naming the field; nothing written', async () => {
    const [cancelled] = (
      await send('GET', `/api/v1/points/shop/redemptions?villageCode=${SHANGHUANG}&status=cancelled`, 'village')
    ).json() as RedemptionRecord[];
    const again = await cancel(cancelled!.id, '再撤一次');
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toMatchObject({ code: 'CONFLICT', details: { field: 'redemptionId', status: 'cancelled' } });
    expect(again.json().error.message).toMatch(/已于 .*撤销，不能再撤销/);
    expect((await send('POST', `/api/v1/points/shop/redemptions/${cancelled!.id}/handover`, 'village')).statusCode).toBe(409);

    const r = await redeem(sh[1]!.householdId);
    const handed = await send('POST', `/api/v1/points/shop/redemptions/${r.id}/handover`, 'village');
    expect(handed.statusCode, handed.body).toBe(200);
    expect(handed.json()).toMatchObject({ status: 'handed_over' });
    const before = await sqlRows(`SELECT (SELECT count(*) FROM points_entries)::int AS e, (SELECT count(*) FROM points_shop_restocks)::int AS r`);
    const late = await cancel(r.id, '领走后想退');
    expect(late.statusCode).toBe(409);
    expect(late.json().error).toMatchObject({ code: 'CONFLICT', details: { field: 'redemptionId', status: 'handed_over' } });
    expect(late.json().error.message).toMatch(/已于 .* 交付.*不能撤销/);
    expect(await sqlRows(`SELECT (SELECT count(*) FROM points_entries)::int AS e, (SELECT count(*) FROM points_shop_restocks)::int AS r`)).toEqual(before);
    await expect(sqlRows(`DELETE FROM points_redemption_closures`)).rejects.toThrow(/append-only/);
  });

  it('cancels once when two cadres press at the same moment, and cancels a resident’s phone redemption too', async () => {
    const headers = await passFor(f, SHANGHUANG, sh[1]!);
    const mine = await f.h.app.inject({
      method: 'POST',
      url: `/api/v1/public/points/villages/${SHANGHUANG}/redemptions`,
      headers,
      payload: { itemId: item.id, quantity: 1 },
    });
    expect(mine.statusCode, mine.body).toBe(201);
    const id = (mine.json() as Redemption).id;
    const stockBefore = await stock();
    const pointsBefore = await balance(sh[1]!.householdId);
    const results = await Promise.all(Array.from({ length: 4 }, (_, i) => cancel(id, `户里不要了 ${i}`)));
    expect(results.filter((r) => r.statusCode === 200)).toHaveLength(1);
    for (const r of results.filter((x) => x.statusCode !== 200)) expect(r.json().error.details.field).toBe('redemptionId');
    expect(await stock()).toBe(stockBefore + 1);
    expect(await balance(sh[1]!.householdId)).toBe(pointsBefore + 20);
    expect((await sqlRows<{ n: number }>(`SELECT count(*)::int AS n FROM points_entries WHERE redemption_id = $1 AND kind = 'cancellation'`, [id]))[0]!.n).toBe(
      1,
    );
    expect((await verifyPoints(f.h.deps)).problems).toEqual([]);
  });

  it('lets the resident cancel their own phone redemption before collection, never another household’s or a counter one', async () => {
    const url = `/api/v1/public/points/villages/${SHANGHUANG}`;
    const headers = await passFor(f, SHANGHUANG, sh[1]!);
    const mine = await f.h.app.inject({ method: 'POST', url: `${url}/redemptions`, headers, payload: { itemId: item.id, quantity: 2 } });
    const id = (mine.json() as Redemption).id;
    const list = (await f.h.app.inject({ method: 'GET', url: `${url}/redemptions`, headers })).json() as RedemptionRecord[];
    expect(list[0]).toMatchObject({ id, status: 'waiting', itemName: '香皂', quantity: 2 });
    const other = await f.h.app.inject({ method: 'POST', url: `${url}/redemptions/${id}/cancel`, headers: await passFor(f, SHANGHUANG, sh[0]!) });
    expect(other.statusCode).toBe(404);
    const pointsBefore = await balance(sh[1]!.householdId);
    const ok = await f.h.app.inject({ method: 'POST', url: `${url}/redemptions/${id}/cancel`, headers });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ status: 'cancelled', closedBy: '撤销乙' });
    expect(await balance(sh[1]!.householdId)).toBe(pointsBefore + 40);
    const audit = await sqlRows<{ actor_name: string }>(`SELECT actor_name FROM audit_log WHERE action = 'points.redemption.cancel' AND target_id = $1`, [id]);
    expect(audit).toEqual([{ actor_name: `resident:${sh[1]!.residentId}` }]);
    const again = await f.h.app.inject({ method: 'POST', url: `${url}/redemptions/${id}/cancel`, headers });
    expect(again.statusCode).toBe(409);
    const counter = await redeem(sh[1]!.householdId);
    const refused = await f.h.app.inject({ method: 'POST', url: `${url}/redemptions/${counter.id}/cancel`, headers });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.details.field).toBe('redemptionId');
    expect((await verifyPoints(f.h.deps)).problems).toEqual([]);
  });
});
