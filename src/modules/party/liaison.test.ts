import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../../test/helpers/harness.js';
import { get, partyFixture, post, registerHousehold, type CreatedHousehold, type Party } from './test-fixtures.js';

let h: Harness;
let p: Party;
let village: string;
let village2: string;
let branch: string;
let memberA: string;
let memberB: string;
let headResident: string;
let houses: CreatedHousehold[];
let other: CreatedHousehold;

const c = (u: string) => p.cookies[u]!;

beforeAll(async () => {
  h = await createHarness();
  p = await partyFixture(h, ['county', 'township', 'village', 'village2', 'grid', 'auditor']);
  const county = p.me.county!.regionCode;
  const township = p.me.township!.regionCode;
  village = p.me.village!.regionCode;
  village2 = p.me.village2!.regionCode;
  const org = async (u: string, body: object) => (await post(h, '/api/v1/party/orgs', c(u), body)).json().id as string;
  const cc = await org('county', { code: 'C-00', name: '中共黎平县委员会', kind: 'county_committee', regionCode: county });
  const tc = await org('county', { code: 'T-00', name: '中共中潮镇委员会', kind: 'township_committee', parentId: cc, regionCode: township });
  branch = await org('township', { code: 'B-00', name: '上黄村党支部', kind: 'village_branch', parentId: tc, regionCode: village });
  houses = [];
  for (let i = 1; i <= 6; i++) houses.push(await registerHousehold(h, c('village'), village, `上黄村二组 ${i} 号`, [`龙${i}`]));
  other = await registerHousehold(h, c('village2'), village2, '邻村 3 号', ['潘三']);
  const enrol = async (residentId: string) =>
    (
      await post(h, `/api/v1/party/orgs/${branch}/members`, c('village'), { residentId, status: 'formal', joinedOn: '2001-07-01', centralHousehold: true })
    ).json().id as string;
  memberA = await enrol(houses[0]!.residents[0]!.id);
  memberB = await enrol(houses[1]!.residents[0]!.id);
  headResident = houses[2]!.residents[0]!.id;
});
afterAll(() => h?.close());

const link = (body: object, u = 'village') => post(h, '/api/v1/party/liaisons', c(u), body);

describe('household liaison', () => {
  let firstLink: string;

  it('links one member to several households of the village', async () => {
    const res = await link({ kind: 'party_liaison', memberId: memberA, householdIds: [houses[2]!.id, houses[3]!.id, houses[4]!.id] });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toHaveLength(3);
    expect(res.json()[0]).toMatchObject({ kind: 'party_liaison', memberId: memberA, liaisonName: '龙1', villageCode: village, endedOn: null });
    firstLink = res.json().find((l: { householdId: string }) => l.householdId === houses[2]!.id).id;
    const list = await get(h, `/api/v1/party/liaisons?memberId=${memberA}`, c('village'));
    expect(list.json().total).toBe(3);
    const member = await get(h, `/api/v1/party/members/${memberA}`, c('village'));
    expect(member.json().liaisonCount).toBe(3);
    const byOrg = await get(h, `/api/v1/party/liaisons?orgId=${branch}`, c('grid'));
    expect(byOrg.json().total).toBe(3);
  });

  it('a household gets at most one link of each kind: a second is a 400 naming the household, and nothing is written', async () => {
    const before = await h.database.admin.query('SELECT count(*)::int AS n FROM party_liaisons');
    const second = await link({ kind: 'party_liaison', memberId: memberB, householdIds: [houses[5]!.id, houses[3]!.id] });
    expect(second.statusCode).toBe(400);
    expect(second.json().error).toMatchObject({ code: 'VALIDATION_FAILED', details: { field: 'householdIds.1', reason: '该户已有党员联户联系人' } });
    const after = await h.database.admin.query('SELECT count(*)::int AS n FROM party_liaisons');
    expect(after.rows[0]!.n).toBe(before.rows[0]!.n);
    // The other kind is a separate link: a liaison head (十联户) who is not a member.
    const ten = await link({ kind: 'ten_household', headResidentId: headResident, householdIds: [houses[3]!.id, houses[4]!.id, houses[5]!.id] });
    expect(ten.statusCode, ten.body).toBe(201);
    expect(ten.json()[0]).toMatchObject({ memberId: null, liaisonResidentId: headResident, liaisonName: '龙3' });
    const tenAgain = await link({ kind: 'ten_household', memberId: memberB, householdIds: [houses[4]!.id] });
    expect(tenAgain.json().error.details).toMatchObject({ field: 'householdIds.0', reason: '该户已有十联户联户长' });
    const dup = await link({ kind: 'ten_household', memberId: memberB, householdIds: [houses[0]!.id, houses[0]!.id] });
    expect(dup.json().error.details.field).toBe('householdIds.1');
  });

  it('once a link is removed the household may be linked again; the old link stays as history', async () => {
    const removed = await post(h, `/api/v1/party/liaisons/${firstLink}/remove`, c('village'), {});
    expect(removed.statusCode, removed.body).toBe(200);
    expect(removed.json().endedOn).toBe('2026-11-23');
    expect((await post(h, `/api/v1/party/liaisons/${firstLink}/remove`, c('village'), {})).statusCode).toBe(409);
    const again = await link({ kind: 'party_liaison', memberId: memberB, householdIds: [houses[2]!.id] });
    expect(again.statusCode).toBe(201);
    const history = await get(h, `/api/v1/party/liaisons?householdId=${houses[2]!.id}&includeEnded=true`, c('village'));
    expect(history.json().items.map((l: { liaisonName: string; endedOn: string | null }) => [l.liaisonName, l.endedOn])).toEqual([
      ['龙1', '2026-11-23'],
      ['龙2', null],
    ]);
  });

  it('refuses neither-or-both liaisons, other villages’ households, and outsiders', async () => {
    expect((await link({ kind: 'party_liaison', householdIds: [houses[5]!.id] })).json().error.details.field).toBe('memberId');
    expect(
      (await link({ kind: 'party_liaison', memberId: memberA, headResidentId: headResident, householdIds: [houses[5]!.id] })).json().error.details.field,
    ).toBe('memberId');
    const far = await link({ kind: 'party_liaison', memberId: memberA, householdIds: [other.id] });
    expect(far.json().error.details).toMatchObject({ field: 'householdIds.0' });
    const fromTown = await link({ kind: 'party_liaison', memberId: memberA, householdIds: [other.id] }, 'township');
    expect(fromTown.json().error.details).toMatchObject({ field: 'householdIds.0', reason: '只能联系本村（社区）的户' });
    expect((await link({ kind: 'party_liaison', memberId: memberA, householdIds: [houses[5]!.id] }, 'village2')).json().error.details.field).toBe('memberId');
    expect((await link({ kind: 'party_liaison', memberId: memberA, householdIds: [houses[5]!.id] }, 'grid')).statusCode).toBe(403);
    expect((await link({ kind: 'both', memberId: memberA, householdIds: [houses[5]!.id] })).json().error.details.field).toBe('kind');
    expect((await get(h, `/api/v1/party/liaisons?regionCode=${village}`, c('village2'))).statusCode).toBe(404);
    expect((await post(h, `/api/v1/party/liaisons/${firstLink}/remove`, c('village2'), {})).statusCode).toBe(404);
  });
});

describe('embedded members (下沉党员)', () => {
  let id: string;

  it('register with a community and their hours add up', async () => {
    const res = await post(h, '/api/v1/party/embedded-members', c('village'), {
      name: '陆明',
      workUnit: '县住房和城乡建设局',
      position: '科员',
      villageCode: village,
      reportedOn: '2026-03-01',
    });
    expect(res.statusCode, res.body).toBe(201);
    id = res.json().id;
    expect(res.json()).toMatchObject({ totalHours: 0, recordCount: 0, hours: [] });
    for (const [servedOn, hours, activity] of [
      ['2026-04-05', 2.5, '清理背街小巷'],
      ['2026-06-12', 3, '政策宣讲'],
      ['2026-09-20', 1.5, '走访独居老人'],
    ] as const) {
      const r = await post(h, `/api/v1/party/embedded-members/${id}/hours`, c('village'), { servedOn, hours, activity });
      expect(r.statusCode, r.body).toBe(201);
    }
    const detail = await get(h, `/api/v1/party/embedded-members/${id}`, c('village'));
    expect(detail.json()).toMatchObject({ totalHours: 7, recordCount: 3 });
    expect(detail.json().hours.map((x: { hours: number }) => x.hours)).toEqual([1.5, 3, 2.5]);
    const sum = await h.database.admin.query('SELECT sum(hours)::float8 AS s FROM embedded_service_hours WHERE embedded_member_id = $1', [id]);
    expect(detail.json().totalHours).toBe(sum.rows[0]!.s);
    const list = await get(h, `/api/v1/party/embedded-members?regionCode=${village}`, c('township'));
    expect(list.json()).toMatchObject({ total: 1, totalHours: 7 });
    const audit = await get(h, '/api/v1/audit?action=embedded_member.add_hours', c('auditor'));
    expect(audit.json().items[0]).toMatchObject({ targetId: id, before: { totalHours: 5.5 }, after: { totalHours: 7 } });
  });

  it('refuses bad hours and dates naming the field, and other villages', async () => {
    const add = (body: object, u = 'village') => post(h, `/api/v1/party/embedded-members/${id}/hours`, c(u), body);
    expect((await add({ servedOn: '2026-05-01', hours: 0, activity: '宣讲' })).json().error.details.field).toBe('hours');
    expect((await add({ servedOn: '2026-05-01', hours: 25, activity: '宣讲' })).json().error.details.field).toBe('hours');
    expect((await add({ servedOn: '2026-05-01', hours: 1.25, activity: '宣讲' })).json().error.details.field).toBe('hours');
    expect((await add({ servedOn: '2026-02-01', hours: 1, activity: '宣讲' })).json().error.details).toMatchObject({
      field: 'servedOn',
      reason: '不能早于报到日期',
    });
    expect((await add({ servedOn: '2026-02-30', hours: 1, activity: '宣讲' })).json().error.details.field).toBe('servedOn');
    expect((await add({ servedOn: '2026-05-01', hours: 1, activity: '宣讲' }, 'village2')).statusCode).toBe(404);
    expect((await get(h, `/api/v1/party/embedded-members/${id}`, c('village2'))).statusCode).toBe(404);
    const bad = await post(h, '/api/v1/party/embedded-members', c('village'), {
      name: '杨',
      workUnit: '县教育局',
      villageCode: village2,
      reportedOn: '2026-03-01',
    });
    expect(bad.json().error.details.field).toBe('villageCode');
  });
});
