import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness } from '../../../test/helpers/harness.js';
import type { AwardResult, Leaderboard, Rule, Statement } from './points-schema.js';
import { CHANGCHUN, intakeFixture, registerVillagers, SHANGHUANG, type Intake, type Villager } from './test-fixtures.js';
import { verifyPoints } from './verify-service.js';

// Points (积分): rules at village and county level, awards by rule (a monthly rule at most once a
// month), adjustments only with a reason, statements by month, the leaderboard, scope, the
// immutable ledger and `points verify`.

let f: Intake;
let sh: Villager[];
let cc: Villager[];
const sqlRows = async <T>(text: string, params: unknown[] = []) => (await f.h.database.admin.query(text, params)).rows as T[];
const send = (method: 'GET' | 'POST' | 'PATCH', url: string, who: string, payload?: object) =>
  f.h.app.inject({ method, url, headers: { cookie: f.cookies[who]! }, ...(payload ? { payload } : {}) });

beforeAll(async () => {
  f = await intakeFixture(await createHarness({ loginRateLimitPerMinute: 1000 }), ['village', 'village2', 'county', 'grid', 'township']);
  sh = await registerVillagers(f, 'village', SHANGHUANG, [['杨秀英'], ['王大山'], ['陈小梅']]);
  cc = await registerVillagers(f, 'village2', CHANGCHUN, [['李长春']]);
});
afterAll(() => f?.h.close());

const rule = async (who: string, body: object) => {
  const res = await send('POST', '/api/v1/points/rules', who, body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as Rule;
};

describe('points rules and awards', () => {
  let labour: Rule;
  let sorting: Rule;
  let breach: Rule;
  it('takes rules from a village cadre and the county; a village sees both, grid workers read only', async () => {
    labour = await rule('village', { regionCode: SHANGHUANG, code: 'labour', name: '参加义务劳动', points: 5, cadence: 'each' });
    sorting = await rule('county', { regionCode: '522631', code: 'sorting', name: '垃圾分类达标', points: 2, cadence: 'monthly' });
    breach = await rule('village', { regionCode: SHANGHUANG, code: 'breach', name: '违反村规民约（乱倒垃圾）', points: -3, cadence: 'each' });
    const seen = (await send('GET', `/api/v1/points/rules?villageCode=${SHANGHUANG}`, 'grid')).json() as Rule[];
    expect(seen.map((r) => r.code).sort()).toEqual(['breach', 'labour', 'sorting']);
    expect(
      (await send('POST', '/api/v1/points/rules', 'grid', { regionCode: SHANGHUANG, code: 'x1', name: '网格员', points: 1, cadence: 'each' })).statusCode,
    ).toBe(403);
    // A village cadre cannot make a rule for another village, nor the county's.
    const other = await send('POST', '/api/v1/points/rules', 'village', { regionCode: CHANGCHUN, code: 'x2', name: '别村', points: 1, cadence: 'each' });
    expect(other.statusCode).toBe(400);
    expect(other.json().error.details.field).toBe('regionCode');
    expect((await send('PATCH', `/api/v1/points/rules/${sorting.id}`, 'village', { points: 9 })).statusCode).toBe(404);
    const dup = await send('POST', '/api/v1/points/rules', 'village', { regionCode: SHANGHUANG, code: 'labour', name: '重复', points: 1, cadence: 'each' });
    expect(dup.statusCode).toBe(409);
  });

  it('awards by rule, a monthly rule at most once a month per household, a deduction below zero is a debt', async () => {
    const award = (body: object, who = 'village') => send('POST', '/api/v1/points/awards', who, body);
    const a1 = await award({ ruleId: labour.id, householdId: sh[0]!.householdId });
    expect(a1.statusCode, a1.body).toBe(201);
    expect((a1.json() as AwardResult).account.balance).toBe(5);
    expect((await award({ ruleId: labour.id, householdId: sh[0]!.householdId })).statusCode).toBe(201);
    expect((await award({ ruleId: sorting.id, householdId: sh[0]!.householdId })).statusCode).toBe(201);
    const again = await award({ ruleId: sorting.id, householdId: sh[0]!.householdId });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.details.field).toBe('ruleId');
    expect((await award({ ruleId: sorting.id, householdId: sh[0]!.householdId, bookedOn: '2026-10-15' })).statusCode).toBe(201);
    const b = await award({ ruleId: breach.id, householdId: sh[1]!.householdId });
    expect((b.json() as AwardResult).account.balance).toBe(-3);
    // Not in scope: another village's household, and grid workers may not award.
    const out = await award({ ruleId: labour.id, householdId: cc[0]!.householdId });
    expect(out.statusCode).toBe(400);
    expect(out.json().error.details.field).toBe('householdId');
    expect((await award({ ruleId: labour.id, householdId: sh[0]!.householdId }, 'grid')).statusCode).toBe(403);
    // A village rule does not apply in another village.
    const foreign = await award({ ruleId: labour.id, householdId: cc[0]!.householdId }, 'village2');
    expect(foreign.json().error.details.field).toBe('ruleId');
    const audit = await sqlRows<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'points.award'`);
    expect(audit[0]!.n).toBe(5);
  });

  it('adjusts only with a reason, and writes nothing without one', async () => {
    const before = await sqlRows<{ n: number }>(`SELECT count(*)::int AS n FROM points_entries`);
    const bad = await send('POST', '/api/v1/points/adjustments', 'village', { householdId: sh[2]!.householdId, points: 10, reason: ' ' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.field).toBe('reason');
    expect(bad.json().error.message).toMatch(/理由/);
    expect((await sqlRows<{ n: number }>(`SELECT count(*)::int AS n FROM points_entries`))[0]!.n).toBe(before[0]!.n);
    const ok = await send('POST', '/api/v1/points/adjustments', 'village', { householdId: sh[2]!.householdId, points: 10, reason: '村民代表会议决定奖励' });
    expect(ok.statusCode, ok.body).toBe(201);
    expect((ok.json() as AwardResult).account.balance).toBe(10);
  });

  it('gives a monthly statement and the village leaderboard', async () => {
    const st = (await send('GET', `/api/v1/points/statement?householdId=${sh[0]!.householdId}&month=2026-11`, 'grid')).json() as Statement;
    expect(st).toMatchObject({ month: '2026-11', opening: 2, earned: 12, spent: 0, closing: 14 });
    expect(st.account.balance).toBe(14);
    expect(st.entries.map((e) => e.points)).toEqual([5, 5, 2]);
    const oct = (await send('GET', `/api/v1/points/statement?householdId=${sh[0]!.householdId}&month=2026-10`, 'village')).json() as Statement;
    expect(oct).toMatchObject({ opening: 0, closing: 2 });
    const board = (await send('GET', `/api/v1/points/leaderboard?villageCode=${SHANGHUANG}&limit=2`, 'village')).json() as Leaderboard;
    expect(board.rows.map((r) => [r.name, r.points])).toEqual([
      ['杨秀英', 14],
      ['陈小梅', 10],
    ]);
    expect((await send('GET', `/api/v1/points/leaderboard?villageCode=${SHANGHUANG}`, 'village2')).statusCode).toBe(400);
  });

  it('edits a rule without changing what past entries mean: a used rule keeps its name; a new value counts from then on', async () => {
    const rename = await send('PATCH', `/api/v1/points/rules/${breach.id}`, 'village', { name: '违反村规民约（旧）' });
    expect(rename.statusCode).toBe(400);
    expect(rename.json().error).toMatchObject({ details: { field: 'name' } });
    expect(rename.json().error.message).toMatch(/已有积分记录.*停用/);
    const unused = await rule('village', { regionCode: SHANGHUANG, code: 'meeting', name: '参加议事会', points: 1, cadence: 'each' });
    const renamed = await send('PATCH', `/api/v1/points/rules/${unused.id}`, 'village', { name: '参加村民议事会', points: 2 });
    expect(renamed.json() as Rule).toMatchObject({ name: '参加村民议事会', points: 2, active: true });
    const revalued = await send('PATCH', `/api/v1/points/rules/${labour.id}`, 'village', { points: 6 });
    expect(revalued.statusCode, revalued.body).toBe(200);
    const st = (await send('GET', `/api/v1/points/statement?householdId=${sh[0]!.householdId}&month=2026-11`, 'village')).json() as Statement;
    expect(st.entries.filter((e) => e.ruleCode === 'labour').map((e) => [e.description, e.points])).toEqual([
      ['参加义务劳动', 5],
      ['参加义务劳动', 5],
    ]);
    expect((await send('PATCH', `/api/v1/points/rules/${labour.id}`, 'village', { points: 5 })).statusCode).toBe(200);
  });

  it('retires a rule: past entries keep their points, new awards are refused', async () => {
    const res = await send('PATCH', `/api/v1/points/rules/${breach.id}`, 'village', { active: false });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json() as Rule).toMatchObject({ active: false, name: '违反村规民约（乱倒垃圾）', points: -3 });
    const refused = await send('POST', '/api/v1/points/awards', 'village', { ruleId: breach.id, householdId: sh[1]!.householdId });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error).toMatchObject({ details: { field: 'ruleId' } });
    expect(refused.json().error.message).toMatch(/停用/);
    const st = (await send('GET', `/api/v1/points/statement?householdId=${sh[1]!.householdId}&month=2026-11`, 'village')).json() as Statement;
    expect(st).toMatchObject({ closing: -3, spent: 3 });
  });

  it("keeps a person's own account apart from the household's, with its own monthly statement", async () => {
    const household = (await send('GET', `/api/v1/points/statement?householdId=${sh[2]!.householdId}`, 'village')).json() as Statement;
    const p = await send('POST', '/api/v1/points/adjustments', 'village', { residentId: sh[2]!.residentId, points: 4, reason: '志愿服务表彰' });
    expect(p.statusCode, p.body).toBe(201);
    expect((p.json() as AwardResult).account).toMatchObject({ kind: 'resident', residentId: sh[2]!.residentId, name: '陈小梅', balance: 4 });
    const st = (await send('GET', `/api/v1/points/statement?residentId=${sh[2]!.residentId}`, 'grid')).json() as Statement;
    expect(st).toMatchObject({ earned: 4, spent: 0, closing: 4, account: { kind: 'resident', name: '陈小梅' } });
    expect(st.entries.map((e) => e.description)).toEqual(['调整：志愿服务表彰']);
    const after = (await send('GET', `/api/v1/points/statement?householdId=${sh[2]!.householdId}`, 'village')).json() as Statement;
    expect(after.account.balance).toBe(household.account.balance);
    const out = await send('GET', `/api/v1/points/statement?residentId=${cc[0]!.residentId}`, 'village');
    expect(out.statusCode).toBe(400);
    expect(out.json().error.details.field).toBe('residentId');
  });

  it('keeps entries immutable and verify finds every balance equal to its entries', async () => {
    await expect(sqlRows(`UPDATE points_entries SET amount = amount + 1`)).rejects.toThrow(/append-only/);
    await expect(sqlRows(`DELETE FROM points_entries`)).rejects.toThrow(/append-only/);
    const r = await verifyPoints(f.h.deps);
    expect(r.problems).toEqual([]);
    expect(r.ok).toBe(true);
    expect(r.entries).toBeGreaterThanOrEqual(6);
  });
});
