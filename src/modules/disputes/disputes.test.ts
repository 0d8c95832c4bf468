import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../../test/helpers/harness.js';
import { SYSTEM_CONTEXT, withContext } from '../../platform/db/context.js';
import { composeIdNumber } from '../people/id-number.js';
import { pointIn } from '../requests/test-fixtures.js';
import { sweepDisputes } from './sweep-service.js';
import {
  caseAction,
  CHANGCHUN,
  client,
  countRows,
  intakeFixture,
  openCase,
  outsider,
  particularsOf,
  registerResidents,
  relogin,
  SHANGHUANG,
  ZHONGCHAO,
  type Api,
  type Intake,
} from './test-fixtures.js';

let h: Harness;
let f: Intake;
let api: Api;

beforeAll(async () => {
  h = await createHarness({ loginRateLimitPerMinute: 1000 });
  f = await intakeFixture(h, ['county', 'township', 'village', 'village2', 'grid', 'dept', 'resident']);
  api = client(h, f.cookies);
});
afterAll(() => h?.close());

const detail = async (id: string, who = 'county') => (await api.get(`/api/v1/disputes/cases/${id}`, who)).json();

describe('opening cases', () => {
  it('a village window case starts at the village, numbered, with parties masked', async () => {
    const c = await openCase(api, 'village', {
      parties: [outsider('王大明', 'applicant', '13800001111'), { role: 'respondent', name: '李二', idNumber: composeIdNumber('522631', '19800101', 123) }],
      amount: 3000,
      attachments: ['现场照片.jpg'],
    });
    expect(c.number).toMatch(/^522631-TJ-20261123-\d{4}$/);
    expect(c).toMatchObject({ source: 'window', level: 'village', unitRegionCode: SHANGHUANG, riskLevel: 'low', status: 'open', villageCode: SHANGHUANG });
    expect(c.parties.map((p: { name: string }) => p.name)).toEqual(['王大明', '李二']);
    expect(c.parties[0].phone).toBe('138****1111');
    expect(c.parties[1].idNumber).toMatch(/^522631\*+123[0-9X]$/);
    expect(JSON.stringify(c)).not.toContain('13800001111');
    expect(c.timeline.map((e: { action: string }) => e.action)).toEqual(['create']);
    expect(c.allowedActions).toEqual(expect.arrayContaining(['session', 'agree', 'escalate', 'fail', 'refer', 'assign']));
    // The village is told.
    expect(await countRows(f, 'notifications', { kind: 'dispute_new', unit_region_code: SHANGHUANG })).toBeGreaterThan(0);
  });

  it('a grid worker case starts at the grid', async () => {
    const c = await openCase(api, 'grid', { parties: [outsider('赵甲', 'applicant'), outsider('钱乙')] });
    expect(c).toMatchObject({ source: 'grid', level: 'grid', villageCode: SHANGHUANG });
    expect(c.levelDue.slice(0, 10)).toBe('2026-11-26'); // 3 working days after Monday 23 November
  });

  it('a high-risk case starts at the township, with each signal named', async () => {
    const c = await openCase(api, 'village', {
      narrative: '两家为宅基地吵了半年，男方扬言再不解决就放火烧了他家，还说要闹到县里去',
      parties: [outsider('孙丙', 'applicant'), outsider('周丁')],
    });
    expect(c).toMatchObject({ level: 'township', riskLevel: 'high', autoRiskLevel: 'high', unitRegionCode: ZHONGCHAO });
    expect(c.riskReasons).toEqual(expect.arrayContaining(['陈述中出现暴力或过激言辞“放火”', '陈述中出现暴力或过激言辞“闹到”']));
    expect(c.timeline.map((e: { action: string }) => e.action)).toEqual(['create', 'risk']);
    // The village cadre still sees it but it is the township's to handle now.
    const seen = await detail(c.id, 'village');
    expect(seen.allowedActions).toEqual([]);
    expect(
      (
        await caseAction(api, c.id, 'session', 'village', {
          heldAt: h.clock.now().toISOString(),
          place: '村委会',
          attendees: ['孙丙'],
          record: '了解情况',
          methods: ['family'],
        })
      ).statusCode,
    ).toBe(403);
  });

  it('a second case between the same residents is raised to medium, a third to high (and the township)', async () => {
    const [a, b] = await registerResidents(f, 'village', SHANGHUANG, ['吴春花', '吴春生']);
    const parties = [
      { role: 'applicant', residentId: a },
      { role: 'respondent', residentId: b },
    ];
    const first = await openCase(api, 'village', { disputeType: '1202', parties });
    expect(first.riskLevel).toBe('low');
    expect(first.parties[0]).toMatchObject({ residentId: a, name: '吴春花', phone: expect.stringMatching(/^139\*{4}\d{4}$/) });
    const second = await openCase(api, 'village', { disputeType: '1202', parties });
    expect(second.riskLevel).toBe('medium');
    expect(second.riskReasons).toEqual(['同一当事人12个月内第 2 次纠纷']);
    expect(second.level).toBe('village');
    const third = await openCase(api, 'village', { disputeType: '1202', parties });
    expect(third).toMatchObject({ riskLevel: 'high', level: 'township' });
  });

  it('refuses bad input naming the field and stores nothing', async () => {
    const before = await countRows(f, 'dispute_cases');
    const bad = [
      [{ disputeType: '0101', parties: [outsider('甲')] }, 'disputeType'],
      [{ parties: [{ role: 'applicant' }] }, 'parties[0].name'],
      [{ parties: [outsider('甲', 'applicant', '12345')] }, 'parties[0].phone'],
      [{ parties: [outsider('甲')], regionCode: CHANGCHUN }, 'regionCode'],
      [{ parties: [{ role: 'applicant', residentId: '0190a000-0000-7000-8000-000000000000' }] }, 'parties[0].residentId'],
    ] as const;
    for (const [body, field] of bad) {
      const res = await api.post('/api/v1/disputes/cases', 'village', { disputeType: '1201', narrative: '两家因为院坝边界发生争执', ...body });
      expect(res.statusCode, `${field}: ${res.body}`).toBe(400);
      expect(res.json().error.details.field).toBe(field);
    }
    expect(await countRows(f, 'dispute_cases')).toBe(before);
  });

  it('a retry with the same Idempotency-Key makes no second case', async () => {
    const body = { disputeType: '1201', narrative: '楼上楼下漏水纠纷，双方各执一词', parties: [outsider('冯一', 'applicant'), outsider('陈二')] };
    const headers = { 'idempotency-key': 'dispute-window-1' };
    const a = await api.post('/api/v1/disputes/cases', 'village', body, headers);
    const b = await api.post('/api/v1/disputes/cases', 'village', body, headers);
    expect(a.statusCode).toBe(201);
    expect(b.json().number).toBe(a.json().number);
    expect(await countRows(f, 'dispute_cases', { number: a.json().number })).toBe(1);
  });

  it('residents have no access; a department officer sees only the cases its department takes part in (none yet)', async () => {
    const dept = await api.get('/api/v1/disputes/cases', 'dept');
    expect(dept.statusCode).toBe(200);
    expect(dept.json()).toEqual({ items: [], total: 0 });
    expect(
      (await api.post('/api/v1/disputes/cases', 'dept', { disputeType: '1201', narrative: '部门不能登记纠纷', parties: [outsider('甲')] })).statusCode,
    ).toBe(403);
    expect((await api.get('/api/v1/disputes/stats', 'dept')).statusCode).toBe(403);
    expect((await api.get('/api/v1/disputes/cases', 'resident')).statusCode).toBe(403);
    expect(
      (await api.post('/api/v1/disputes/cases', 'resident', { disputeType: '1201', narrative: '邻居占了我家路', parties: [outsider('甲')] })).statusCode,
    ).toBe(403);
  });
});

describe('intake → case', () => {
  it('a resident report of a neighbour dispute opens a linked case at the village', async () => {
    const where = pointIn(f.grids.find((g) => g.villageCode === SHANGHUANG)!);
    const res = await api.post('/api/v1/public/requests', undefined, {
      description: '隔壁邻居把水沟改到我家门口，下雨就淹，找他说了几次都不听，想请村里调解',
      ...where,
      categoryCode: '1201',
      requesterName: '杨大姐',
      requesterPhone: '13700002222',
      privacyAcknowledged: true,
    });
    expect(res.statusCode, res.body).toBe(201);
    const order = res.json();
    const list = (await api.get(`/api/v1/disputes/cases?q=${encodeURIComponent('下雨就淹')}`, 'village')).json();
    expect(list.total).toBe(1);
    const c = await detail(list.items[0].id, 'village');
    expect(c).toMatchObject({
      source: 'work_order',
      workOrderId: order.id,
      workOrderNumber: order.number,
      level: 'village',
      villageCode: SHANGHUANG,
      disputeType: '1201',
    });
    expect(c.parties).toEqual([expect.objectContaining({ role: 'applicant', name: '杨大姐', phone: '137****2222' })]);
    // The respondent joins the case (a report names only the one who reported).
    const added = await api.post(`/api/v1/disputes/cases/${c.id}/parties`, 'village', { party: { role: 'respondent', name: '王老五', phone: '13900003333' } });
    expect(added.statusCode, added.body).toBe(200);
    expect(added.json().parties.map((p: { name: string; role: string }) => [p.role, p.name])).toEqual([
      ['applicant', '杨大姐'],
      ['respondent', '王老五'],
    ]);
    expect(added.json().timeline.at(-1).action).toBe('party_add');
    const nameless = await api.post(`/api/v1/disputes/cases/${c.id}/parties`, 'village', { party: { role: 'third_party' } });
    expect(nameless.statusCode).toBe(400);
    expect(nameless.json().error.details.field).toBe('party[0].name');
    expect((await api.post(`/api/v1/disputes/cases/${c.id}/parties`, 'village2', { party: { role: 'respondent', name: '外村人' } })).statusCode).toBe(404);
    const wo = (await api.get(`/api/v1/work-orders/${order.id}`, 'village')).json();
    const event = wo.timeline.find((e: { action: string }) => e.action === 'dispute_case');
    expect(event.note).toContain(c.number);
    // A second dispatch into a dispute category does not open a second case.
    const again = await api.post(`/api/v1/work-orders/${order.id}/dispatch`, 'county', { categoryCode: '1202' });
    expect(again.statusCode, again.body).toBe(200);
    expect(await countRows(f, 'dispute_cases', { work_order_id: order.id })).toBe(1);
  });

  it('a dispatcher who sets a dispute category opens the case then', async () => {
    const res = await api.post('/api/v1/requests', 'county', {
      description: '上黄村两户人家为了田埂的归属吵架，请村里处理一下',
      address: '上黄村',
      categoryCode: '0204',
      requesterName: '马先生',
    });
    expect(res.statusCode, res.body).toBe(201);
    const id = res.json().id;
    expect(await countRows(f, 'dispute_cases', { work_order_id: id })).toBe(0);
    expect((await api.post(`/api/v1/work-orders/${id}/dispatch`, 'county', { categoryCode: '1201' })).statusCode).toBe(200);
    expect(await countRows(f, 'dispute_cases', { work_order_id: id })).toBe(1);
  });
});

describe('escalation', () => {
  it('no move up without a reason of 4 characters: 400 naming reason, nothing changed', async () => {
    const c = await openCase(api, 'village', { parties: [outsider('甲一', 'applicant'), outsider('乙一')] });
    const events = await countRows(f, 'dispute_events', { case_id: c.id });
    for (const body of [{}, { reason: '' }, { reason: ' 不行 ' }]) {
      const res = await caseAction(api, c.id, 'escalate', 'village', body);
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().error.message).toContain('reason');
    }
    expect(await detail(c.id)).toMatchObject({ level: 'village', escalations: 0 });
    expect(await countRows(f, 'dispute_events', { case_id: c.id })).toBe(events);
    const up = await caseAction(api, c.id, 'escalate', 'village', { reason: '涉及镇里的规划，村里无权决定' });
    expect(up.statusCode, up.body).toBe(200);
    expect(up.json()).toMatchObject({ level: 'township', unitRegionCode: ZHONGCHAO, escalations: 1 });
    expect(up.json().timeline.at(-1)).toMatchObject({ action: 'escalate', note: '涉及镇里的规划，村里无权决定' });
  });

  it('a breach moves a case one level up with the breach reason; a second sweep changes nothing more', async () => {
    const c = await openCase(api, 'grid', { parties: [outsider('郑甲', 'applicant'), outsider('郑乙')] });
    expect(c.level).toBe('grid');
    h.clock.set('2026-11-27T09:00:00+08:00'); // past 3 working days
    const first = await sweepDisputes(h.deps);
    expect(first.escalated).toBeGreaterThanOrEqual(1);
    await relogin(f);
    const after = await detail(c.id);
    expect(after).toMatchObject({ level: 'village', escalations: 1 });
    expect(after.timeline.at(-1)).toMatchObject({ action: 'auto_escalate', note: '超过调解时限', actorName: '系统' });
    const events = await countRows(f, 'dispute_events');
    const second = await sweepDisputes(h.deps);
    expect(second).toEqual({ escalated: 0, countyOverdue: 0, judicialReminders: 0, followUpReminders: 0 });
    expect(await countRows(f, 'dispute_events')).toBe(events);
    expect((await detail(c.id)).level).toBe('village');
  });
});

describe('from session to a closed case', () => {
  it('session → written agreement → signed → stamped → closed at village level, with reminders', async () => {
    await relogin(f);
    const mediator = await api.post('/api/v1/disputes/mediators', 'county', {
      name: '张调解',
      kind: 'part_time',
      specialties: ['1201', '1202'],
      regionCode: SHANGHUANG,
      organization: '上黄村人民调解委员会',
    });
    expect(mediator.statusCode, mediator.body).toBe(201);
    expect(
      (await api.post('/api/v1/disputes/mediators', 'village', { name: 'x', kind: 'full_time', specialties: [], regionCode: SHANGHUANG, organization: 'x' }))
        .statusCode,
    ).toBe(403);

    const c = await openCase(api, 'village', { parties: [outsider('黄大', 'applicant', '13600003333'), outsider('黄二')] });
    const assigned = await caseAction(api, c.id, 'assign', 'village', { mediatorId: mediator.json().id });
    expect(assigned.json()).toMatchObject({ mediatorName: '张调解' });
    const roster = (await api.get('/api/v1/disputes/mediators', 'village')).json();
    expect(roster.items.find((m: { id: string }) => m.id === mediator.json().id).workload).toBe(1);

    const session = await caseAction(api, c.id, 'session', 'village', {
      heldAt: h.clock.now().toISOString(),
      place: '上黄村综治中心',
      attendees: ['黄大', '黄二', '张调解'],
      record: '双方陈述了排水沟的来历，同意按老界址重新砌沟。',
      methods: ['family', 'compact'],
    });
    expect(session.statusCode, session.body).toBe(200);
    expect(session.json().methods).toEqual(['family', 'compact']);

    const missing = await caseAction(api, c.id, 'agree', 'village', { kind: 'written', terms: '按老界址重新砌沟' });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.details.field).toBe('facts');
    const agreed = await caseAction(api, c.id, 'agree', 'village', {
      kind: 'written',
      parties: particularsOf(c),
      facts: '黄二改挖排水沟，雨水流入黄大院内。',
      matters: '排水沟的位置及损失。',
      responsibilities: '黄二负主要责任。',
      terms: '黄二于十日内按老界址重新砌沟，并赔偿黄大 500 元。',
      performanceMethod: '黄二自行施工，现金当面支付',
      performanceDeadline: '2026-12-10',
    });
    expect(agreed.statusCode, agreed.body).toBe(200);
    expect(agreed.json()).toMatchObject({ status: 'agreed', outcome: 'written', agreement: { committeeName: '上黄村人民调解委员会', effectiveAt: null } });
    expect((await caseAction(api, c.id, 'close', 'village')).statusCode).toBe(409);
    expect((await caseAction(api, c.id, 'sign', 'village')).json().agreement.partiesSigned).toBe(true);
    const stamped = (await caseAction(api, c.id, 'stamp', 'village')).json();
    expect(stamped.agreement).toMatchObject({ stamped: true, judicialDue: expect.any(String) });
    // Stamped on Friday 27 November: day 30 is Sunday 27 December, a rest day, so the window runs to Monday 28 (民法典 art. 203).
    expect(stamped.agreement.judicialDue).toBe('2026-12-28');
    const closed = await caseAction(api, c.id, 'close', 'village', { note: '双方满意' });
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json()).toMatchObject({ status: 'closed', closedLevel: 'village', closedAt: expect.any(String) });
    expect(closed.json().timeline.map((e: { action: string }) => e.action)).toEqual(['create', 'assign', 'session', 'agree', 'sign', 'stamp', 'close']);

    const doc = (await api.get(`/api/v1/disputes/cases/${c.id}/agreement-document`, 'village')).json();
    expect(doc).toMatchObject({
      caseNumber: c.number,
      committeeName: '上黄村人民调解委员会',
      mediatorName: '张调解',
      terms: '黄二于十日内按老界址重新砌沟，并赔偿黄大 500 元。',
      performanceDeadline: '2026-12-10',
      partiesSigned: true,
      stamped: true,
    });
    expect(doc.parties[0]).toMatchObject({ roleName: '申请人', name: '黄大', phone: '136****3333' });
    expect(JSON.stringify(doc)).not.toContain('13600003333');
    // Closed: no longer on the mediator's workload.
    expect((await api.get('/api/v1/disputes/mediators', 'village')).json().items.find((m: { id: string }) => m.id === mediator.json().id).workload).toBe(0);

    // Performance follow-up after the deadline, and the judicial-confirmation window 5 days before it ends: one reminder each.
    h.clock.set('2026-12-23T09:00:00+08:00');
    const r1 = await sweepDisputes(h.deps);
    expect(r1.judicialReminders).toBe(1);
    expect(r1.followUpReminders).toBe(1);
    const r2 = await sweepDisputes(h.deps);
    expect(r2.judicialReminders + r2.followUpReminders).toBe(0);
    expect(await countRows(f, 'notifications', { kind: 'dispute_judicial_due' })).toBe(1);
    expect(await countRows(f, 'notifications', { kind: 'dispute_follow_up_due' })).toBe(1);
    await relogin(f);
    const visited = await caseAction(api, c.id, 'visit', 'village', { performed: true, note: '已砌好沟，钱已付' });
    expect(visited.json().agreement).toMatchObject({ performed: true, followedUpAt: expect.any(String) });
  });

  it('an oral agreement closes without signatures; a failure can be referred to litigation', async () => {
    const oral = await openCase(api, 'village', { parties: [outsider('谢甲', 'applicant'), outsider('谢乙')] });
    await caseAction(api, oral.id, 'agree', 'village', { kind: 'oral', terms: '谢乙当面道歉' });
    const closed = (await caseAction(api, oral.id, 'close', 'village')).json();
    expect(closed).toMatchObject({ status: 'closed', outcome: 'oral', closedLevel: 'village' });

    const failing = await openCase(api, 'village', { parties: [outsider('韩甲', 'applicant'), outsider('韩乙')] });
    expect((await caseAction(api, failing.id, 'fail', 'village', { reason: '差' })).statusCode).toBe(400);
    expect((await caseAction(api, failing.id, 'fail', 'village', { reason: '双方分歧太大，拒绝调解' })).json().status).toBe('failed');
    const referred = (await caseAction(api, failing.id, 'refer', 'village', { to: 'litigation', reason: '当事人坚持起诉' })).json();
    expect(referred).toMatchObject({ status: 'closed', outcome: 'referred', referral: 'litigation', closedLevel: 'village' });
  });

  it('risk is raised by hand with a reason, and not lowered below the automatic level without one', async () => {
    const c = await openCase(api, 'village', { parties: [outsider('罗甲', 'applicant'), outsider('罗乙')], amount: 80_000 });
    expect(c).toMatchObject({ riskLevel: 'medium', autoRiskLevel: 'medium' });
    expect((await caseAction(api, c.id, 'raise-risk', 'village', { level: 'high' })).statusCode).toBe(400);
    const up = (await caseAction(api, c.id, 'raise-risk', 'village', { level: 'high', reason: '一方情绪激动，多次到村委会吵闹' })).json();
    expect(up).toMatchObject({ riskLevel: 'high', level: 'village' });
    expect((await caseAction(api, c.id, 'raise-risk', 'village', { level: 'medium' })).json().riskLevel).toBe('medium');
    const low = await caseAction(api, c.id, 'raise-risk', 'village', { level: 'low' });
    expect(low.statusCode).toBe(400);
    expect(low.json().error.details.field).toBe('reason');
    expect((await caseAction(api, c.id, 'raise-risk', 'village', { level: 'low', reason: '金额为估算，实际不到一万元' })).json().riskLevel).toBe('low');
    const risk = (await detail(c.id)).timeline.filter((e: { action: string }) => e.action === 'risk');
    expect(risk.map((e: { details: { to: string } }) => e.details.to)).toEqual(['medium', 'high', 'medium', 'low']);
  });
});

describe('petition receptions', () => {
  it('a township schedules a reception, a village sees it and links a case', async () => {
    const res = await api.post('/api/v1/disputes/receptions', 'township', {
      kind: 'receive',
      leaderName: '李书记',
      leaderTitle: '中潮镇党委书记',
      scheduledAt: '2026-12-28T09:00:00+08:00',
      place: '中潮镇综治中心',
      regionCode: ZHONGCHAO,
    });
    expect(res.statusCode, res.body).toBe(201);
    const byVillage = await api.post('/api/v1/disputes/receptions', 'village', {
      kind: 'visit',
      leaderName: '张支书',
      leaderTitle: '上黄村党支部书记',
      scheduledAt: '2026-12-29T09:00:00+08:00',
      place: '上黄村村委会',
      regionCode: SHANGHUANG,
    });
    expect(byVillage.statusCode).toBe(403);
    const list = (await api.get('/api/v1/disputes/receptions', 'village')).json();
    expect(list.items.map((r: { id: string }) => r.id)).toContain(res.json().id);
    const c = await openCase(api, 'village', { parties: [outsider('曹甲', 'applicant'), outsider('曹乙')] });
    const linked = await caseAction(api, c.id, 'link-reception', 'village', { receptionId: res.json().id });
    expect(linked.json().receptionId).toBe(res.json().id);
    expect((await api.get('/api/v1/disputes/receptions', 'township')).json().items[0].caseCount).toBe(1);
  });
});

describe('scope', () => {
  it('a village cadre cannot read or act on another village’s case (404), nor list it', async () => {
    const c = await openCase(api, 'village', { parties: [outsider('蒋甲', 'applicant'), outsider('蒋乙')] });
    expect((await api.get(`/api/v1/disputes/cases/${c.id}`, 'village2')).statusCode).toBe(404);
    const res = await caseAction(api, c.id, 'escalate', 'village2', { reason: '越权上报试一试' });
    expect(res.statusCode).toBe(404);
    expect((await caseAction(api, c.id, 'fail', 'village2', { reason: '越权操作试一试' })).statusCode).toBe(404);
    const list = (await api.get('/api/v1/disputes/cases?pageSize=200', 'village2')).json();
    expect(list.items.some((x: { id: string }) => x.id === c.id)).toBe(false);
    expect((await api.get(`/api/v1/disputes/cases?regionCode=${SHANGHUANG}`, 'village2')).statusCode).toBe(400);
    // The township sees both villages' cases.
    expect((await api.get(`/api/v1/disputes/cases/${c.id}`, 'township')).statusCode).toBe(200);
    expect((await detail(c.id)).level).toBe('village');
  });

  it('row-level security holds with the service bypassed', async () => {
    const c = await openCase(api, 'village', { parties: [outsider('沈甲', 'applicant'), outsider('沈乙')] });
    const [village2, village] = await withContext(h.deps.db, SYSTEM_CONTEXT, (tx) =>
      Promise.all([CHANGCHUN, SHANGHUANG].map((code) => tx.selectFrom('regions').select(['code', 'path']).where('code', '=', code).executeTakeFirstOrThrow())),
    );
    const cadre2 = { userId: null, role: 'village_cadre', scopePath: village2!.path };
    const seen = await withContext(h.deps.db, cadre2, async (tx) => ({
      cases: await tx.selectFrom('dispute_cases').select('id').where('id', '=', c.id).execute(),
      parties: await tx.selectFrom('dispute_parties').select('id').where('case_id', '=', c.id).execute(),
      events: await tx.selectFrom('dispute_events').select('id').where('case_id', '=', c.id).execute(),
    }));
    expect(seen).toEqual({ cases: [], parties: [], events: [] });
    const update = await withContext(h.deps.db, cadre2, (tx) =>
      tx.updateTable('dispute_cases').set({ level: 'county' }).where('id', '=', c.id).executeTakeFirst(),
    );
    expect(Number(update.numUpdatedRows)).toBe(0);
    await expect(
      withContext(h.deps.db, cadre2, (tx) =>
        tx
          .insertInto('dispute_events')
          .values({
            id: '0190a000-0000-7000-8000-000000000001',
            case_id: c.id,
            occurred_at: new Date(),
            action: 'x',
            actor_id: null,
            actor_name: 'x',
            note: null,
            details: null,
            path: village!.path,
          })
          .execute(),
      ),
    ).rejects.toMatchObject({ code: '42501' });
    // A department officer sees no case at all, even in the county's scope.
    const dept = { userId: null, role: 'department_staff', scopePath: village!.path };
    expect(await withContext(h.deps.db, dept, (tx) => tx.selectFrom('dispute_cases').select('id').execute())).toEqual([]);
    // Events are append-only even for the server.
    await expect(withContext(h.deps.db, SYSTEM_CONTEXT, (tx) => tx.deleteFrom('dispute_events').where('case_id', '=', c.id).execute())).rejects.toThrow();
  });
});
