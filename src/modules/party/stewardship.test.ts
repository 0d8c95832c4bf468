import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../../test/helpers/harness.js';
import { addDays } from './common.js';
import { get, partyFixture, post, registerHousehold, type CreatedHousehold, type Party } from './test-fixtures.js';

let h: Harness;
let p: Party;
let township: string;
let village: string;
let village2: string;
let houses: CreatedHousehold[];
let other: CreatedHousehold;
const TODAY = '2026-11-23';

const c = (u: string) => p.cookies[u]!;

beforeAll(async () => {
  h = await createHarness();
  p = await partyFixture(h, ['county', 'township', 'village', 'village2', 'grid', 'dept', 'auditor']);
  township = p.me.township!.regionCode;
  village = p.me.village!.regionCode;
  village2 = p.me.village2!.regionCode;
  houses = [];
  for (let i = 1; i <= 7; i++) houses.push(await registerHousehold(h, c('village'), village, `上黄村三组 ${i} 号`, [`姚${i}`]));
  other = await registerHousehold(h, c('village2'), village2, '邻村 5 号', ['欧五']);
});
afterAll(() => h?.close());

const steward = (u: string, body: object) => post(h, '/api/v1/stewardships', c(u), body);
const visit = (u: string, body: object) => post(h, '/api/v1/visits', c(u), body);

describe('stewardship (包保)', () => {
  it('assigns leaders down the chain: county → township, township → village, cadre → household', async () => {
    const a = await steward('county', { leaderUserId: p.me.township!.id, leaderTitle: '县委常委', targetRegionCode: township, startedOn: '2026-01-01' });
    expect(a.statusCode, a.body).toBe(201);
    expect(a.json()).toMatchObject({ level: 'township', leaderName: p.me.township!.displayName, targetRegionCode: township, active: true });
    const b = await steward('township', { leaderName: '李副镇长', leaderTitle: '副镇长', targetRegionCode: village, startedOn: '2026-01-01' });
    expect(b.json()).toMatchObject({ level: 'village', leaderUserId: null, leaderName: '李副镇长', targetName: expect.any(String) });
    const d = await steward('village', { leaderUserId: p.me.village!.id, leaderName: '张支书', targetHouseholdId: houses[0]!.id, startedOn: '2026-02-01' });
    expect(d.json()).toMatchObject({
      level: 'household',
      targetHouseholdId: houses[0]!.id,
      targetName: '上黄村三组 1 号',
      regionCode: village,
      leaderName: '张支书',
    });
    const twice = await steward('village', { leaderUserId: p.me.village!.id, leaderName: '张支书', targetHouseholdId: houses[0]!.id, startedOn: '2026-03-01' });
    expect(twice.statusCode).toBe(409);
    const list = await get(h, '/api/v1/stewardships', c('county'));
    expect(list.json().items.map((s: { level: string }) => s.level)).toEqual(['township', 'village', 'household']);
    expect((await get(h, '/api/v1/stewardships?level=household', c('village'))).json().total).toBe(1);
    expect((await get(h, '/api/v1/stewardships', c('village2'))).json().total).toBe(0);
  });

  it('refuses bad input naming the field, and refuses grid workers and departments', async () => {
    const both = await steward('village', { leaderName: '甲', targetRegionCode: village, targetHouseholdId: houses[1]!.id, startedOn: TODAY });
    expect(both.json().error.details.field).toBe('targetRegionCode');
    expect((await steward('village', { leaderName: '甲', startedOn: TODAY })).json().error.details.field).toBe('targetRegionCode');
    expect((await steward('village', { targetRegionCode: village, startedOn: TODAY })).json().error.details.field).toBe('leaderName');
    const ends = await steward('village', { leaderName: '甲', targetRegionCode: village, startedOn: TODAY, endedOn: '2026-01-01' });
    expect(ends.json().error.details.field).toBe('endedOn');
    expect((await steward('county', { leaderName: '甲', targetRegionCode: p.me.county!.regionCode, startedOn: TODAY })).json().error.details.field).toBe(
      'targetRegionCode',
    );
    expect((await steward('village', { leaderName: '甲', targetHouseholdId: other.id, startedOn: TODAY })).json().error.details.field).toBe(
      'targetHouseholdId',
    );
    expect((await steward('village', { leaderName: '甲', targetRegionCode: village, startedOn: '2026-13-01' })).json().error.details.field).toBe('startedOn');
    expect((await steward('grid', { leaderName: '甲', targetRegionCode: village, startedOn: TODAY })).statusCode).toBe(403);
    expect((await get(h, '/api/v1/stewardships', c('dept'))).statusCode).toBe(403);
  });
});

describe('visits (五包五访)', () => {
  let visitId: string;

  it('a grid worker records a home visit with a follow-up item; another village sees nothing of it', async () => {
    const res = await visit('grid', { kind: 'home', visitedOn: TODAY, householdId: houses[0]!.id, notes: '老人腿脚不便', followUp: '联系村医上门' });
    expect(res.statusCode, res.body).toBe(201);
    visitId = res.json().id;
    expect(res.json()).toMatchObject({
      kind: 'home',
      visitorUserId: p.me.grid!.id,
      regionCode: village,
      householdAddress: '上黄村三组 1 号',
      followUpDone: false,
    });
    const done = await post(h, `/api/v1/visits/${visitId}/follow-up`, c('village'), { done: true });
    expect(done.json().followUpDone).toBe(true);
    expect((await get(h, '/api/v1/visits?followUpOpen=true', c('village'))).json().total).toBe(0);
    expect((await get(h, '/api/v1/visits', c('village2'))).json().total).toBe(0);
    expect((await post(h, `/api/v1/visits/${visitId}/follow-up`, c('village2'), { done: false })).statusCode).toBe(404);
    const audit = await get(h, '/api/v1/audit?action=visit.follow_up', c('auditor'));
    expect(audit.json().items[0]).toMatchObject({ targetId: visitId, before: { followUpDone: false }, after: { followUpDone: true } });
  });

  it('refuses bad input naming the field', async () => {
    expect((await visit('village', { kind: 'home', visitedOn: '2026-11-24', householdId: houses[1]!.id })).json().error.details.field).toBe('visitedOn');
    expect((await visit('village', { kind: 'drop_in', visitedOn: TODAY, householdId: houses[1]!.id })).json().error.details.field).toBe('kind');
    expect((await visit('village', { kind: 'home', visitedOn: TODAY })).json().error.details.field).toBe('householdId');
    expect((await visit('village', { kind: 'home', visitedOn: TODAY, householdId: other.id })).json().error.details.field).toBe('householdId');
    expect((await visit('township', { kind: 'home', visitedOn: TODAY, householdId: other.id, regionCode: village })).json().error.details.field).toBe(
      'regionCode',
    );
    const noFollowUp = await visit('village', { kind: 'patrol', visitedOn: TODAY, regionCode: village });
    expect(noFollowUp.statusCode).toBe(201);
    expect((await post(h, `/api/v1/visits/${noFollowUp.json().id}/follow-up`, c('village'), { done: true })).json().error.details.field).toBe('done');
    expect((await visit('dept', { kind: 'home', visitedOn: TODAY, householdId: houses[1]!.id })).statusCode).toBe(403);
  });
});

describe('coverage report', () => {
  it('lists exactly the households without a visit in N days, and its counts reconcile with the rows', async () => {
    // houses[0] was visited today (above). Others: 89, 90 and 200 days ago; one only by a region-level patrol; two never.
    for (const [i, daysAgo] of [
      [1, 89],
      [2, 90],
      [3, 200],
    ] as const) {
      const r = await visit('village', { kind: 'return', visitedOn: addDays(TODAY, -daysAgo), householdId: houses[i]!.id });
      expect(r.statusCode).toBe(201);
    }
    await visit('county', { kind: 'home', visitedOn: TODAY, householdId: other.id });

    const report = async (days?: number, extra = '') =>
      (await get(h, `/api/v1/visits/coverage?regionCode=${village}${days ? `&days=${days}` : ''}${extra}`, c('village'))).json();
    const r90 = await report();
    expect(r90).toMatchObject({
      days: 90,
      since: addDays(TODAY, -89),
      asOf: TODAY,
      totalHouseholds: 7,
      visitedHouseholds: 2,
      unvisitedHouseholds: 5,
      total: 5,
    });
    expect(r90.coveredShare).toBeCloseTo(2 / 7);
    const names = (items: { address: string }[]) => items.map((i) => i.address).sort();
    expect(names(r90.items)).toEqual(['上黄村三组 3 号', '上黄村三组 4 号', '上黄村三组 5 号', '上黄村三组 6 号', '上黄村三组 7 号']);
    // Never visited first, then the longest ago.
    expect(r90.items.slice(3).map((i: { lastVisitedOn: string }) => i.lastVisitedOn)).toEqual([addDays(TODAY, -200), addDays(TODAY, -90)]);
    expect((await report(91)).unvisitedHouseholds).toBe(4);
    const paged = await report(90, '&page=2&pageSize=2');
    expect(paged.items).toHaveLength(2);
    expect(paged.total).toBe(5);

    // Recompute from the raw rows, as the owner, with the same definition.
    const raw = await h.database.admin.query(
      `SELECT h.address,
              EXISTS (SELECT 1 FROM visits v WHERE v.household_id = h.id AND v.visited_on >= $2::date) AS visited
         FROM households h JOIN regions r ON r.code = $1 WHERE h.path <@ r.path AND h.status = 'active'`,
      [village, r90.since],
    );
    const rawUnvisited = raw.rows.filter((x) => !x.visited).map((x) => String(x.address));
    expect(raw.rows.length).toBe(r90.totalHouseholds);
    expect(rawUnvisited.sort()).toEqual(names(r90.items));
    expect(r90.visitedHouseholds + r90.unvisitedHouseholds).toBe(r90.totalHouseholds);

    const town = (await get(h, `/api/v1/visits/coverage?regionCode=${township}`, c('township'))).json();
    expect(town).toMatchObject({ totalHouseholds: 8, visitedHouseholds: 3 });
    expect((await get(h, `/api/v1/visits/coverage?regionCode=${village2}`, c('village'))).statusCode).toBe(404);
    expect((await get(h, '/api/v1/visits/coverage?days=0', c('village'))).json().error.details.field).toBe('days');
    expect((await get(h, '/api/v1/visits/coverage', c('grid'))).json().totalHouseholds).toBe(7);
  });
});
