import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness } from '../../../test/helpers/harness.js';
import { cells, column, notes, readWorkbook } from '../../../test/helpers/xlsx.js';
import { SYSTEM_CONTEXT, withContext } from '../../platform/db/context.js';
import { chinaDate } from '../../platform/time.js';
import { leaderPage, type LeaderRow } from './ledger-store.js';
import type { Leaderboard } from './points-schema.js';
import { CHANGCHUN, intakeFixture, registerVillagers, SHANGHUANG, type Intake, type Villager } from './test-fixtures.js';

// The points ranking as .xlsx: every household the leaderboard ranks for the same village and
// period, in its order, within the caller's scope, with the filters and the query on 说明; audited.

let f: Intake;
let sh: Villager[];
let year: string;
const send = (method: 'GET' | 'POST', url: string, who: string, payload?: object) =>
  f.h.app.inject({ method, url, headers: { cookie: f.cookies[who]! }, ...(payload ? { payload } : {}) });
const workbook = async (url: string, who: string) => readWorkbook(await send('GET', url, who));

beforeAll(async () => {
  f = await intakeFixture(await createHarness({ loginRateLimitPerMinute: 1000 }), ['village', 'village2', 'county', 'township']);
  year = chinaDate(f.h.deps.clock.now()).slice(0, 4);
  sh = await registerVillagers(f, 'village', SHANGHUANG, [['杨秀英'], ['王大山'], ['陈小梅'], ['吴国庆'], ['龙小燕']]);
  const cc = await registerVillagers(f, 'village2', CHANGCHUN, [['李长春']]);
  const adjust = async (who: string, householdId: string, points: number) => {
    const res = await send('POST', '/api/v1/points/adjustments', who, { householdId, points, reason: '参加义务劳动（补记）' });
    expect(res.statusCode, res.body).toBe(201);
  };
  // 王大山 and 陈小梅 tie: the page breaks the tie by name.
  for (const [i, points] of [
    [0, 12],
    [1, 8],
    [2, 8],
    [3, 20],
    [4, -3],
  ] as const)
    await adjust('village', sh[i]!.householdId, points);
  await adjust('village2', cc[0]!.householdId, 50);
}, 120_000);
afterAll(() => f?.h.close());

async function board(query: string, who: string): Promise<Leaderboard> {
  const res = await send('GET', `/api/v1/points/leaderboard?${query}&limit=100`, who);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as Leaderboard;
}

describe('points ranking as .xlsx', () => {
  it('holds every household the leaderboard ranks, in its order, with the period on 说明', async () => {
    for (const query of [`villageCode=${SHANGHUANG}`, `villageCode=${SHANGHUANG}&from=${year}-01-01&to=${year}-12-31`]) {
      const listed = await board(query, 'village');
      expect(listed.rows.map((r) => r.name).slice(0, 2)).toEqual(['吴国庆', '杨秀英']);
      expect(listed.rows.at(-1)!.name).toBe('龙小燕');
      const wb = await workbook(`/api/v1/points/leaderboard.xlsx?${query}`, 'village');
      const [rows, about] = wb.worksheets;
      expect(rows!.name).toBe('积分排行');
      expect(cells(rows!, 1)).toEqual(['名次', '户', '所得积分']);
      expect(column(rows!, '户'), query).toEqual(listed.rows.map((r) => r.name));
      expect(column(rows!, '所得积分')).toEqual(listed.rows.map((r) => r.points));
      expect(column(rows!, '名次')).toEqual(listed.rows.map((r) => r.rank));
      const n = notes(about!);
      expect(about!.name).toBe('说明');
      expect(n['行数']).toBe('5');
      expect(n['筛选条件']).toMatch(new RegExp(`^村（社区）：上黄村\\S*（${SHANGHUANG}）\n统计期间：${listed.from} 至 ${listed.to}（含首尾两日）$`));
      expect(n['查询']).toBe(`GET /api/v1/points/leaderboard?villageCode=${SHANGHUANG}&from=${listed.from}&to=${listed.to}&limit=100`);
      expect(n['个人信息']).toContain('不导出身份证号、电话');
    }
    // A period with no entries gives an empty sheet, not an error.
    const empty = await workbook(`/api/v1/points/leaderboard.xlsx?villageCode=${SHANGHUANG}&from=2001-01-01&to=2001-12-31`, 'county');
    expect(empty.worksheets[0]!.rowCount).toBe(1);
  });

  it('gives a village only its own village, and a township its villages', async () => {
    const other = await send('GET', `/api/v1/points/leaderboard.xlsx?villageCode=${CHANGCHUN}`, 'village');
    expect(other.statusCode).toBe(400);
    expect(other.json().error.message).toContain('villageCode');
    const wb = await workbook(`/api/v1/points/leaderboard.xlsx?villageCode=${CHANGCHUN}`, 'township');
    expect(column(wb.worksheets[0]!, '户')).toEqual(['李长春']);
    expect(notes(wb.worksheets[1]!)['范围']).toMatch(new RegExp(`^中潮镇（\\d+）及下辖；本次限定：长春村\\S*（${CHANGCHUN}）$`));
  });

  it('reads by keyset page after page the same rows as in one read', async () => {
    const q = { villageCode: SHANGHUANG, from: `${year}-01-01`, to: `${year}-12-31` };
    await withContext(f.h.deps.db, SYSTEM_CONTEXT, async (tx) => {
      const all = await leaderPage(tx, { ...q, after: null, limit: 100_000 });
      expect(all.length).toBe(5);
      const walked = [];
      for (let after: LeaderRow | null = null; ;) {
        const page = await leaderPage(tx, { ...q, after, limit: 2 });
        walked.push(...page);
        if (page.length < 2) break;
        after = page.at(-1)!;
      }
      expect(walked.map((r) => r.account_id)).toEqual(all.map((r) => r.account_id));
    });
  });

  it('refuses a bad filter with a 400 naming the field, and is audited', async () => {
    for (const [query, field] of [
      ['', 'villageCode'],
      [`villageCode=${SHANGHUANG}&from=yesterday`, 'from'],
      [`villageCode=${SHANGHUANG}&from=${year}-12-31&to=${year}-01-01`, 'from'],
    ]) {
      const res = await send('GET', `/api/v1/points/leaderboard.xlsx?${query}`, 'village');
      expect(res.statusCode, query).toBe(400);
      expect(res.json().error.message, query).toContain(field);
    }
    await workbook(`/api/v1/points/leaderboard.xlsx?villageCode=${SHANGHUANG}`, 'village');
    const { rows } = (await f.h.database.admin.query(
      `SELECT target_id, details FROM audit_log WHERE action = 'points.leaderboard.export' ORDER BY seq DESC LIMIT 1`,
    )) as { rows: { target_id: string; details: { villageCode: string; rows: number } }[] };
    expect(rows[0]).toMatchObject({ target_id: SHANGHUANG, details: { villageCode: SHANGHUANG, rows: 5 } });
  });
});
