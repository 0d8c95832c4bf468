import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness } from '../../../test/helpers/harness.js';
import type { Statement } from './points-schema.js';
import type { HoursRecord, HoursStatement, MemberHours, MyVolunteering, Pool, Transfer, Volunteer, VolunteerDetail } from './timebank-schema.js';
import { CHANGCHUN, intakeFixture, passFor, registerVillagers, SHANGHUANG, type Intake, type Villager } from './test-fixtures.js';
import { verifyPoints } from './verify-service.js';

// The time bank (时间银行): volunteers from the registry, offers and requests, hours logged for a
// receiver and confirmed by the receiver (pass) or a cadre on their behalf — never by the
// volunteer; balances spent or donated (to a volunteer or the village pool) never below zero; a
// volunteer who is a party member has their hours on the member.

let f: Intake;
let sh: Villager[];
let cc: Villager[];
const sqlRows = async <T>(text: string, params: unknown[] = []) => (await f.h.database.admin.query(text, params)).rows as T[];
const send = (method: 'GET' | 'POST', url: string, who: string, payload?: object) =>
  f.h.app.inject({ method, url, headers: { cookie: f.cookies[who]! }, ...(payload ? { payload } : {}) });
const pub = (method: 'GET' | 'POST', url: string, headers: Record<string, string>) => f.h.app.inject({ method, url, headers });

let memberId: string;
let volA: Volunteer;
let volB: Volunteer;

beforeAll(async () => {
  f = await intakeFixture(await createHarness({ loginRateLimitPerMinute: 1000, anonymousRateLimitPerMinute: 10000 }), [
    'village',
    'village2',
    'grid',
    'county',
    'township',
  ]);
  sh = await registerVillagers(f, 'village', SHANGHUANG, [['龙志愿'], ['杨奶奶'], ['吴志愿']]);
  cc = await registerVillagers(f, 'village2', CHANGCHUN, [['李长春']]);
  const org = async (u: string, body: object) => {
    const r = await send('POST', '/api/v1/party/orgs', u, body);
    expect(r.statusCode, r.body).toBe(201);
    return r.json().id as string;
  };
  const county = await org('county', { code: 'C-00', name: '中共黎平县委员会', kind: 'county_committee', regionCode: '522631000000' });
  const town = await org('county', { code: 'T-00', name: '中共中潮镇委员会', kind: 'township_committee', parentId: county, regionCode: '522631102000' });
  const branch = await org('township', { code: 'B-00', name: '上黄村党支部', kind: 'village_branch', parentId: town, regionCode: SHANGHUANG });
  const m = await send('POST', `/api/v1/party/orgs/${branch}/members`, 'village', { residentId: sh[0]!.residentId, status: 'formal', joinedOn: '2024-07-01' });
  expect(m.statusCode, m.body).toBe(201);
  memberId = m.json().id as string;
});
afterAll(() => f?.h.close());

describe('the time bank', () => {
  it('registers registry persons as volunteers, once, within scope; links a party member', async () => {
    const a = await send('POST', '/api/v1/timebank/volunteers', 'village', { residentId: sh[0]!.residentId, skills: '会开车' });
    expect(a.statusCode, a.body).toBe(201);
    volA = a.json() as Volunteer;
    expect(volA).toMatchObject({ name: '龙志愿', balance: 0, partyMember: { memberId, orgName: '上黄村党支部' } });
    volB = (await send('POST', '/api/v1/timebank/volunteers', 'village', { residentId: sh[2]!.residentId })).json() as Volunteer;
    expect(volB.partyMember).toBeNull();
    expect((await send('POST', '/api/v1/timebank/volunteers', 'village', { residentId: sh[0]!.residentId })).statusCode).toBe(409);
    const out = await send('POST', '/api/v1/timebank/volunteers', 'village', { residentId: cc[0]!.residentId });
    expect(out.statusCode).toBe(400);
    expect(out.json().error.details.field).toBe('residentId');
    expect((await send('POST', '/api/v1/timebank/volunteers', 'grid', { residentId: sh[1]!.residentId })).statusCode).toBe(403);
  });

  it('keeps offers and requests by kind', async () => {
    const offer = await send('POST', '/api/v1/timebank/services', 'village', {
      direction: 'offer',
      category: 'transport',
      volunteerId: volA.id,
      description: '每周三接送老人赶集',
    });
    expect(offer.statusCode, offer.body).toBe(201);
    const request = await send('POST', '/api/v1/timebank/services', 'village', {
      direction: 'request',
      category: 'elder_care',
      residentId: sh[1]!.residentId,
      description: '需要有人陪同看病',
    });
    expect(request.statusCode).toBe(201);
    const bad = await send('POST', '/api/v1/timebank/services', 'village', {
      direction: 'offer',
      category: 'other',
      residentId: sh[1]!.residentId,
      description: '缺志愿者',
    });
    expect(bad.json().error.details.field).toBe('volunteerId');
    const list = (await send('GET', `/api/v1/timebank/services?villageCode=${SHANGHUANG}&direction=request`, 'grid')).json();
    expect(list).toHaveLength(1);
    expect((await send('POST', `/api/v1/timebank/services/${request.json().id}/close`, 'village')).json().status).toBe('closed');
  });

  let hoursId: string;
  it('counts hours only when the receiver confirms; the volunteer confirming their own is refused and writes nothing', async () => {
    const log = await send('POST', '/api/v1/timebank/hours', 'village', {
      volunteerId: volA.id,
      receiverId: sh[1]!.residentId,
      category: 'elder_care',
      servedOn: '2026-11-20',
      hours: 3,
      activity: '陪杨奶奶去镇卫生院',
    });
    expect(log.statusCode, log.body).toBe(201);
    hoursId = (log.json() as HoursRecord).id;
    expect((await send('GET', `/api/v1/timebank/volunteers/${volA.id}`, 'village')).json()).toMatchObject({ balance: 0, pending: 3 });
    const self = await pub('POST', `/api/v1/public/points/villages/${SHANGHUANG}/hours/${hoursId}/confirm`, await passFor(f, SHANGHUANG, sh[0]!));
    expect(self.statusCode).toBe(403);
    expect(self.json().error).toMatchObject({ code: 'SELF_CONFIRM', details: { field: 'confirmedBy' } });
    expect(self.json().error.message).toMatch(/志愿者不能确认自己/);
    expect((await sqlRows<{ status: string }>(`SELECT status FROM timebank_hours WHERE id = $1`, [hoursId]))[0]!.status).toBe('logged');
    const stranger = await pub('POST', `/api/v1/public/points/villages/${SHANGHUANG}/hours/${hoursId}/confirm`, await passFor(f, SHANGHUANG, sh[2]!));
    expect(stranger.statusCode).toBe(403);
    const receiverPass = await passFor(f, SHANGHUANG, sh[1]!);
    expect((await pub('GET', `/api/v1/public/points/villages/${SHANGHUANG}/hours`, receiverPass)).json()).toHaveLength(1);
    const ok = await pub('POST', `/api/v1/public/points/villages/${SHANGHUANG}/hours/${hoursId}/confirm`, receiverPass);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ status: 'confirmed', confirmedVia: 'receiver' });
    expect((await pub('POST', `/api/v1/public/points/villages/${SHANGHUANG}/hours/${hoursId}/confirm`, receiverPass)).statusCode).toBe(409);
    // Logging hours where the volunteer is their own receiver is refused too.
    const own = await send('POST', '/api/v1/timebank/hours', 'village', {
      volunteerId: volA.id,
      receiverId: sh[0]!.residentId,
      category: 'other',
      servedOn: '2026-11-20',
      hours: 1,
      activity: '自己',
    });
    expect(own.json().error.details.field).toBe('receiverId');
    // A cadre confirms on a receiver's behalf; another village's cadre cannot.
    const second = (
      await send('POST', '/api/v1/timebank/hours', 'village', {
        volunteerId: volA.id,
        receiverId: sh[1]!.residentId,
        category: 'transport',
        servedOn: '2026-11-21',
        hours: 2,
        activity: '接送赶集',
      })
    ).json() as HoursRecord;
    expect((await send('POST', `/api/v1/timebank/hours/${second.id}/confirm`, 'village2')).statusCode).toBe(404);
    expect((await send('POST', `/api/v1/timebank/hours/${second.id}/confirm`, 'village')).json()).toMatchObject({ confirmedVia: 'cadre' });
    const detail = (await send('GET', `/api/v1/timebank/volunteers/${volA.id}`, 'grid')).json() as VolunteerDetail;
    expect(detail).toMatchObject({ balance: 5, earned: 5, pending: 0 });
    await expect(sqlRows(`UPDATE timebank_hours SET hours = 9 WHERE id = $1`, [hoursId])).rejects.toThrow(/confirmed hours do not change/);
  });

  it('spends and donates hours, never below zero, to a volunteer or the village pool', async () => {
    const spend = (body: object) => send('POST', '/api/v1/timebank/spend', 'village', body);
    const donate = (body: object) => send('POST', '/api/v1/timebank/donate', 'village', body);
    const over = await spend({ fromVolunteerId: volA.id, hours: 6, note: '请人照看孩子' });
    expect(over.statusCode).toBe(409);
    expect(over.json().error).toMatchObject({ code: 'INSUFFICIENT_BALANCE', details: { field: 'hours', balance: 5 } });
    expect((await spend({ fromVolunteerId: volA.id, hours: 1, note: '请人照看孩子' })).json() as Transfer).toMatchObject({ balance: 4 });
    expect((await donate({ fromVolunteerId: volA.id, toVolunteerId: volB.id, hours: 1, note: '赠给吴志愿' })).json() as Transfer).toMatchObject({ balance: 3 });
    // Concurrent donations to the pool beyond the balance: only three of six go through.
    const racing = await Promise.all(Array.from({ length: 6 }, () => donate({ fromVolunteerId: volA.id, hours: 1, note: '捐给村公共时长池' })));
    expect(racing.filter((r) => r.statusCode === 201)).toHaveLength(3);
    const pool = (await send('GET', `/api/v1/timebank/pool?villageCode=${SHANGHUANG}`, 'village')).json() as Pool;
    expect(pool).toMatchObject({ balance: 3, donated: 3 });
    expect((await spend({ villageCode: SHANGHUANG, hours: 4, note: '为孤寡老人购买服务' })).statusCode).toBe(409);
    expect((await spend({ villageCode: SHANGHUANG, hours: 2, note: '为孤寡老人购买服务' })).json()).toMatchObject({ balance: 1 });
    const vols = (await send('GET', `/api/v1/timebank/volunteers?villageCode=${SHANGHUANG}`, 'village')).json() as Volunteer[];
    expect(Object.fromEntries(vols.map((v) => [v.name, v.balance]))).toEqual({ 龙志愿: 0, 吴志愿: 1 });
    expect((await spend({ fromVolunteerId: volA.id, hours: 1, note: '越权' })).statusCode).toBe(409);
    expect((await send('POST', '/api/v1/timebank/spend', 'village2', { fromVolunteerId: volB.id, hours: 1, note: '别村' })).statusCode).toBe(400);
    expect((await verifyPoints(f.h.deps)).problems).toEqual([]);
  });

  it("gives a volunteer's month of hours to the cadre, and to the volunteer on the phone with the pass", async () => {
    const st = (await send('GET', `/api/v1/timebank/volunteers/${volA.id}/statement?month=2026-11`, 'grid')).json() as HoursStatement;
    expect(st).toMatchObject({ name: '龙志愿', opening: 0, earned: 5, spent: 1, donated: 4, received: 0, closing: 0 });
    expect(st.lines.map((l) => l.kind).sort()).toEqual(['donate', 'donate', 'donate', 'donate', 'service', 'service', 'spend']);
    expect(st.lines.find((l) => l.kind === 'service' && l.hours === 3)).toMatchObject({ text: '陪杨奶奶去镇卫生院', otherName: '杨奶奶' });
    const b = (await send('GET', `/api/v1/timebank/volunteers/${volB.id}/statement?month=2026-11`, 'village')).json() as HoursStatement;
    expect(b).toMatchObject({ received: 1, closing: 1 });
    const next = (await send('GET', `/api/v1/timebank/volunteers/${volB.id}/statement?month=2026-12`, 'village')).json() as HoursStatement;
    expect(next).toMatchObject({ opening: 1, closing: 1, lines: [] });
    expect((await send('GET', `/api/v1/timebank/volunteers/${volA.id}/statement`, 'village2')).statusCode).toBe(404);

    const mine = await pub('GET', `/api/v1/public/points/villages/${SHANGHUANG}/volunteering?month=2026-11`, await passFor(f, SHANGHUANG, sh[0]!));
    expect(mine.statusCode, mine.body).toBe(200);
    const v = mine.json() as MyVolunteering;
    expect(v.volunteer).toEqual({ name: '龙志愿', balance: 0, earned: 5, pending: 0, partyOrgName: '上黄村党支部' });
    expect(v.statement).toMatchObject({ earned: 5, closing: 0 });
    expect(v.given.map((g) => [g.receiverName, g.hours, g.status])).toEqual([
      ['杨奶奶', 2, 'confirmed'],
      ['杨奶奶', 3, 'confirmed'],
    ]);
    const notOne = (await pub('GET', `/api/v1/public/points/villages/${SHANGHUANG}/volunteering`, await passFor(f, SHANGHUANG, sh[1]!))).json();
    expect(notOne).toEqual({ volunteer: null, statement: null, given: [] });
    expect((await pub('GET', `/api/v1/public/points/villages/${SHANGHUANG}/volunteering`, {})).statusCode).toBe(401);

    // The volunteer's own points (a person account) apart from the household's.
    const adj = await send('POST', '/api/v1/points/adjustments', 'village', { residentId: sh[0]!.residentId, points: 3, reason: '优秀志愿者' });
    expect(adj.statusCode, adj.body).toBe(201);
    const pass = await passFor(f, SHANGHUANG, sh[0]!);
    const own = (await pub('GET', `/api/v1/public/points/villages/${SHANGHUANG}/statement?whose=me`, pass)).json() as Statement;
    expect(own).toMatchObject({ closing: 3, account: { kind: 'resident', name: '龙志愿' } });
    const household = (await pub('GET', `/api/v1/public/points/villages/${SHANGHUANG}/statement`, pass)).json() as Statement;
    expect(household.account).toMatchObject({ kind: 'household', balance: 0 });
  });

  it("shows a party member's confirmed hours on the member", async () => {
    const res = await send('GET', `/api/v1/timebank/party-members/${memberId}`, 'township');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json() as MemberHours).toMatchObject({ memberId, residentId: sh[0]!.residentId, volunteerId: volA.id, confirmedHours: 5 });
    expect((res.json() as MemberHours).records.map((r) => r.hours)).toEqual([2, 3]);
    expect((await send('GET', `/api/v1/timebank/party-members/${memberId}`, 'village2')).statusCode).toBe(404);
  });

  it('audits every write', async () => {
    const rows = await sqlRows<{ action: string; n: number }>(
      `SELECT action, count(*)::int AS n FROM audit_log WHERE action LIKE 'timebank.%' GROUP BY action ORDER BY action`,
    );
    expect(Object.fromEntries(rows.map((r) => [r.action, r.n]))).toEqual({
      'timebank.hours.confirm': 2,
      'timebank.hours.donate': 4,
      'timebank.hours.log': 2,
      'timebank.hours.spend': 2,
      'timebank.service.close': 1,
      'timebank.service.create': 2,
      'timebank.volunteer.register': 2,
    });
  });
});
