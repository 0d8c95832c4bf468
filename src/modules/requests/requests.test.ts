import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../../test/helpers/harness.js';
import { SYSTEM_CONTEXT, withContext } from '../../platform/db/context.js';
import { sweepOverdue } from './sweep-service.js';
import { client, departmentId, intakeFixture, pointIn, relogin, SHANGHUANG, ZHONGCHAO, type Intake } from './test-fixtures.js';

let h: Harness;
let f: Intake;
let api: ReturnType<typeof client>;
let zjj: string;
let zhzfj: string;

beforeAll(async () => {
  // Tests move the clock past the idle timeout and log in again: lift the login rate limit.
  h = await createHarness({ loginRateLimitPerMinute: 1000 });
  f = await intakeFixture(h, ['county', 'township', 'village', 'village2', 'grid', 'dept', 'resident', 'auditor']);
  api = client(h, f.cookies);
  zjj = await departmentId(h, 'zjj');
  zhzfj = await departmentId(h, 'zhzfj');
});
afterAll(() => h?.close());

const gridOf = (village: string) => f.grids.find((g) => g.villageCode === village)!;
const detail = async (id: string, who = 'county') => (await api.get(`/api/v1/work-orders/${id}`, who)).json();
const act = (id: string, action: string, who: string, body: object = {}) => api.post(`/api/v1/work-orders/${id}/${action}`, who, body);
const auditCount = (action: string) =>
  withContext(h.deps.db, SYSTEM_CONTEXT, async (tx) => (await tx.selectFrom('audit_log').select('id').where('action', '=', action).execute()).length);

describe('classification', () => {
  it('answers anonymous callers in the documented shape', async () => {
    const res = await api.post('/api/v1/requests/classify', undefined, { text: '我们小区门口的路灯坏了一个星期了，晚上黑漆漆的' });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ requestType: expect.any(String), categoryCode: '0102', confidence: expect.any(Number) });
    expect(body.candidates[0]).toEqual({ categoryCode: '0102', confidence: body.confidence });
    expect(body.candidates.length).toBe(3);
  });

  it('limits anonymous callers per address but counts operators per account', async () => {
    const limit = h.config.anonymousRateLimitPerMinute;
    const codes: number[] = [];
    for (let i = 0; i <= limit; i++) codes.push((await api.post('/api/v1/requests/classify', 'county', { text: `路灯坏了 ${i}` })).statusCode);
    expect(codes.every((c) => c === 200)).toBe(true);
    const anon: number[] = [];
    for (let i = 0; i <= limit; i++) anon.push((await api.post('/api/v1/requests/classify', undefined, { text: `路灯坏了 ${i}` })).statusCode);
    expect(anon).toContain(429);
  });

  it('refuses empty text naming the field', async () => {
    const res = await api.post('/api/v1/requests/classify', undefined, { text: '' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toContain('text');
  });
});

describe('resident form and public tracking', () => {
  it('takes an anonymous report, returns number and query code, and tracks it without personal data', async () => {
    const where = pointIn(gridOf(SHANGHUANG));
    const res = await api.post('/api/v1/public/requests', undefined, {
      description: '村委会旁边的垃圾池好几天没人清运了，臭得很，苍蝇到处飞',
      ...where,
      requesterName: '王大姐',
      requesterPhone: '13800001111',
      privacyAcknowledged: true,
    });
    expect(res.statusCode, res.body).toBe(201);
    const created = res.json();
    expect(created.number).toMatch(/^522631-20261123-\d{5}$/);
    expect(created.queryCode).toMatch(/^[A-Z2-9]{8}$/);
    expect(created).toMatchObject({ categoryCode: '0204', status: 'dispatched', unitName: expect.stringContaining('上黄') });

    const track = await api.get(`/api/v1/public/requests/${created.number}?code=${created.queryCode}`);
    expect(track.statusCode, track.body).toBe(200);
    expect(track.json()).toMatchObject({ number: created.number, status: 'dispatched', categoryName: '垃圾清运与分类' });
    expect(track.body).not.toContain('王大姐');
    expect(track.body).not.toContain('1380000');
    const wrong = await api.get(`/api/v1/public/requests/${created.number}?code=AAAAAAAA`);
    expect(wrong.statusCode).toBe(404);

    // The handler sees the phone masked; the full number needs a reason and is audited.
    const d = await detail(created.id, 'village');
    expect(d.requesterPhone).toBe('138****1111');
    expect(JSON.stringify(d)).not.toContain('13800001111');
    const before = await auditCount('work_order.reveal_contact');
    const rev = await act(created.id, 'reveal-contact', 'village', { reason: '需要回电核实位置' });
    expect(rev.json()).toEqual({ phone: '13800001111' });
    expect(await auditCount('work_order.reveal_contact')).toBe(before + 1);
  });

  it('a retry with the same Idempotency-Key makes no second order', async () => {
    const body = { description: '上黄村小学门口那段路坑坑洼洼，下雨全是水', address: '上黄村', privacyAcknowledged: true };
    const headers = { 'idempotency-key': 'resident-form-retry-1' };
    const a = await api.post('/api/v1/public/requests', undefined, body, headers);
    const b = await api.post('/api/v1/public/requests', undefined, body, headers);
    expect(a.statusCode).toBe(201);
    expect(b.json().number).toBe(a.json().number);
    const count = await withContext(h.deps.db, SYSTEM_CONTEXT, (tx) =>
      tx.selectFrom('work_orders').select('id').where('number', '=', a.json().number).execute(),
    );
    expect(count.length).toBe(1);
  });

  it('refuses bad input naming the field and stores nothing', async () => {
    const before = await withContext(h.deps.db, SYSTEM_CONTEXT, async (tx) => (await tx.selectFrom('work_orders').select('id').execute()).length);
    const short = await api.post('/api/v1/public/requests', undefined, { description: '坏了', privacyAcknowledged: true });
    expect(short.statusCode).toBe(400);
    expect(short.json().error.message).toContain('description');
    const photo = await api.post('/api/v1/public/requests', undefined, {
      description: '路灯坏了好几天了',
      privacyAcknowledged: true,
      photos: [{ data: Buffer.from('not an image at all').toString('base64') }],
    });
    expect(photo.statusCode).toBe(400);
    expect(photo.json().error).toMatchObject({ code: 'VALIDATION_FAILED', details: { field: 'photos[0]' } });
    const phone = await api.post('/api/v1/public/requests', undefined, { description: '路灯坏了好几天了', requesterPhone: '12345', privacyAcknowledged: true });
    expect(phone.json().error.details.field).toBe('requesterPhone');
    const after = await withContext(h.deps.db, SYSTEM_CONTEXT, async (tx) => (await tx.selectFrom('work_orders').select('id').execute()).length);
    expect(after).toBe(before);
  });
});

describe('hotline console', () => {
  it('answers a consultation on the spot (closed at intake) and flags a repeat caller', async () => {
    const phone = '13900002222';
    for (let i = 0; i < 3; i++) {
      const res = await api.post('/api/v1/requests', 'county', {
        description: `请问办理低保需要准备哪些材料，去哪里申请？第${i + 1}次来电`,
        requesterPhone: phone,
        requesterName: '杨先生',
        categoryCode: '1304',
        answerNow: '携带户口簿、身份证和收入证明到村委会提出申请，村里初审后报镇民政办。',
      });
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json()).toMatchObject({ status: 'closed' });
    }
    const history = await api.get(`/api/v1/callers?phone=${phone}`, 'county');
    expect(history.statusCode, history.body).toBe(200);
    expect(history.json()).toMatchObject({ phone: '139****2222', repeatCaller: true, total: 3 });
    const one = await detail(history.json().recent[0].id);
    expect(one).toMatchObject({ closedLevel: 'intake', channel: 'hotline' });
  });

  it('keeps a village cadre out of other villages and a resident out of the queue', async () => {
    const res = await api.post('/api/v1/public/requests', undefined, {
      description: '长春村二组的路灯全部不亮了，晚上走路摔了好几个人',
      ...pointIn(gridOf('522631102201')),
      privacyAcknowledged: true,
    });
    expect(res.statusCode).toBe(201);
    expect((await api.get(`/api/v1/work-orders/${res.json().id}`, 'village')).statusCode).toBe(404);
    expect((await api.get(`/api/v1/work-orders/${res.json().id}`, 'village2')).statusCode).toBe(200);
    expect((await api.get('/api/v1/work-orders', 'resident')).statusCode).toBe(403);
    expect((await api.post('/api/v1/requests', 'resident', { description: '路灯坏了好几天了没人修' })).statusCode).toBe(403);
  });
});

describe('the escalation chain: 网格发现 → 社区响应 → 街乡吹哨 → 部门报到 → 回访', () => {
  let id: string;

  it('a grid worker reports on patrol; the order starts in the grid', async () => {
    const res = await api.post('/api/v1/requests', 'grid', { description: '巡查发现三组通组路边的挡土墙开裂，有垮塌的危险', ...pointIn(gridOf(SHANGHUANG)) });
    expect(res.statusCode, res.body).toBe(201);
    id = res.json().id;
    const d = await detail(id, 'grid');
    expect(d).toMatchObject({ channel: 'patrol', level: 'grid', status: 'dispatched', unitRegionCode: gridOf(SHANGHUANG).code });
    expect(d.allowedActions).toEqual(expect.arrayContaining(['sign', 'escalate']));
    expect((await act(id, 'sign', 'grid')).json().status).toBe('signed');
  });

  it('not closed in time: the sweep moves it to the village, then the township; running it twice changes nothing more', async () => {
    const due = new Date((await detail(id)).resolveDue).getTime();
    h.clock.advanceMinutes(Math.ceil((due - h.clock.now().getTime()) / 60_000) + 1);
    const first = await sweepOverdue(h.deps);
    await relogin(f);
    expect(first.escalated).toBeGreaterThanOrEqual(1);
    let d = await detail(id);
    expect(d).toMatchObject({ level: 'village', unitRegionCode: SHANGHUANG, status: 'dispatched' });
    const again = await sweepOverdue(h.deps);
    expect(again.escalated).toBe(0);
    expect((await detail(id)).stages.length).toBe(2);

    h.clock.advanceMinutes(Math.ceil((new Date(d.resolveDue).getTime() - h.clock.now().getTime()) / 60_000) + 1);
    await sweepOverdue(h.deps);
    await relogin(f);
    d = await detail(id);
    expect(d).toMatchObject({ level: 'township', unitRegionCode: ZHONGCHAO });
    expect(d.timeline.map((e: { action: string }) => e.action)).toEqual(['accept', 'dispatch', 'sign', 'auto_escalate', 'auto_escalate']);
    expect(d.stages.map((s: { endReason: string | null }) => s.endReason)).toEqual(['escalated', 'escalated', null]);
  });

  it('the township whistles two departments; both report in and record their part; the township resolves', async () => {
    const res = await act(id, 'whistle', 'township', { departmentIds: [zjj, zhzfj], reason: '挡土墙开裂危及通组路安全，请住建、执法到场' });
    expect(res.statusCode, res.body).toBe(200);
    const calls = res.json().whistleCalls as { id: string; departmentId: string; reportedAt: string | null }[];
    expect(calls).toHaveLength(2);
    // The housing bureau sees the order it was summoned to, and only such orders.
    const seen = await api.get(`/api/v1/work-orders/${id}`, 'dept');
    expect(seen.statusCode).toBe(200);
    const board = (await api.get('/api/v1/whistles?open=true', 'dept')).json();
    expect(board.items.map((c: { orderId: string }) => c.orderId)).toContain(id);
    const mine = calls.find((c) => c.departmentId === zjj)!;
    const other = calls.find((c) => c.departmentId === zhzfj)!;
    expect((await api.post(`/api/v1/work-orders/${id}/whistle-calls/${other.id}/report-in`, 'dept', { note: '不是我的' })).statusCode).toBe(403);
    const rep = await api.post(`/api/v1/work-orders/${id}/whistle-calls/${mine.id}/report-in`, 'dept', { note: '已派技术人员到场勘查' });
    expect(rep.statusCode, rep.body).toBe(200);
    expect((await api.post(`/api/v1/work-orders/${id}/whistle-calls/${mine.id}/part-done`, 'dept', { note: '出具加固方案' })).statusCode).toBe(200);
    // The enforcement bureau has no account in the demo: the system answers for it here.
    const { reportIn, finishPart } = await import('./whistle-service.js');
    const { SYSTEM_ACTOR } = await import('../../platform/actor.js');
    await reportIn(h.deps, SYSTEM_ACTOR, id, other.id, '执法中队已到场设置警示');
    await finishPart(h.deps, SYSTEM_ACTOR, id, other.id, '完成围挡');
    const resolved = await act(id, 'resolve', 'township', { resolution: '挡土墙已加固，设置了警示标志' });
    expect(resolved.statusCode, resolved.body).toBe(200);
    expect(resolved.json()).toMatchObject({ status: 'resolved', closedLevel: 'township' });
  });

  it('followed up as satisfied: closed, and the rates count it', async () => {
    const before = (await api.get('/api/v1/requests/rates?from=2026-11-01&to=2026-12-31&groupBy=township', 'county')).json();
    const res = await act(id, 'follow-up', 'county', { contacted: true, resolved: true, satisfaction: 'satisfied', comment: '很满意' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().status).toBe('closed');
    const after = (await api.get('/api/v1/requests/rates?from=2026-11-01&to=2026-12-31&groupBy=township', 'county')).json();
    expect(after.total.followedUp).toBe(before.total.followedUp + 1);
    expect(after.total.satisfied).toBe(before.total.satisfied + 1);
    expect(after.total.closedAt.township).toBe(before.total.closedAt.township + 1);
    expect(after.formulas.responseRate).toContain('响应率');
  });
});

describe('returns, extensions, reopen and supervision', () => {
  it('a return counts against nobody once upheld; the order goes back for dispatch', async () => {
    const res = await api.post('/api/v1/requests', 'county', { description: '县城某小区的房子漏水严重，开发商不管', categoryCode: '0303', address: '上黄村' });
    const id = res.json().id;
    expect((await detail(id)).unitDepartmentId).toBe(zjj);
    expect((await act(id, 'return', 'village', { note: '不归我' })).statusCode).toBe(403);
    const ret = await act(id, 'return', 'dept', { note: '属于物业维修范围，不是住建局职责' });
    expect(ret.json().returnPending, ret.body).toBe(true);
    expect((await act(id, 'resolve', 'dept', { resolution: '已处理' })).statusCode).toBe(409);
    const reviewed = await act(id, 'review-return', 'county', { approve: true, note: '同意，改派村里协调物业' });
    expect(reviewed.json()).toMatchObject({ status: 'accepted', unitName: null });
    expect(reviewed.json().stages[0]).toMatchObject({ endReason: 'returned', excused: true });
    const again = await act(id, 'dispatch', 'county', { categoryCode: '0301', note: '物业服务问题' });
    expect(again.json()).toMatchObject({ status: 'dispatched', level: 'village', categoryCode: '0301', categoryConfirmed: true });
  });

  it('an approved extension moves the resolve limit by working days', async () => {
    const res = await api.post('/api/v1/requests', 'county', { description: '上黄村的公厕门坏了', categoryCode: '0109', address: '上黄村' });
    const id = res.json().id;
    const due = (await detail(id)).resolveDue;
    await act(id, 'sign', 'village');
    expect((await act(id, 'extension', 'village', { days: 3, reason: '等配件到货' })).statusCode).toBe(200);
    expect((await act(id, 'extension', 'village', { days: 3, reason: '再申请一次' })).statusCode).toBe(409);
    const ok = await act(id, 'review-extension', 'township', { approve: true });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(new Date(ok.json().resolveDue).getTime()).toBeGreaterThan(new Date(due).getTime() + 3 * 86_400_000 - 1);
  });

  it('not satisfied: reopened once to the same unit; a second failure goes to supervision', async () => {
    const res = await api.post('/api/v1/requests', 'county', {
      description: '上黄村村口的公共健身器材坏了',
      categoryCode: '0109',
      address: '上黄村',
      requesterPhone: '13700003333',
    });
    const id = res.json().id;
    await act(id, 'resolve', 'village', { resolution: '已修好' });
    const first = await act(id, 'follow-up', 'county', { contacted: true, resolved: false, satisfaction: 'unsatisfied', comment: '根本没修' });
    expect(first.json()).toMatchObject({ status: 'dispatched', reopenCount: 1, level: 'village' });
    await act(id, 'resolve', 'village', { resolution: '更换了器材' });
    const second = await act(id, 'follow-up', 'county', { contacted: true, resolved: false, satisfaction: 'unsatisfied' });
    expect(second.json()).toMatchObject({ status: 'followed_up', supervised: true });
    expect((await act(id, 'close', 'county', { note: '经核实已整改到位' })).json().status).toBe('closed');
  });

  it('merges a duplicate; both requesters are followed up', async () => {
    const where = pointIn(gridOf(SHANGHUANG));
    const a = (
      await api.post('/api/v1/public/requests', undefined, {
        description: '村里的垃圾桶满了好几天都没人来收',
        ...where,
        categoryCode: '0204',
        privacyAcknowledged: true,
      })
    ).json();
    const b = (
      await api.post('/api/v1/public/requests', undefined, {
        description: '垃圾桶满了没人收，臭死了',
        ...where,
        categoryCode: '0204',
        privacyAcknowledged: true,
      })
    ).json();
    expect(b.duplicateCandidates.map((c: { id: string }) => c.id)).toContain(a.id);
    expect((await act(b.id, 'merge', 'township', { parentId: a.id })).json().status).toBe('merged');
    // Located in a grid: the grid worker has it first (网格发现 → 社区响应).
    expect((await act(a.id, 'resolve', 'village', { resolution: '已清运' })).statusCode).toBe(403);
    expect((await act(a.id, 'resolve', 'grid', { resolution: '已清运' })).statusCode).toBe(200);
    expect((await detail(b.id)).status).toBe('resolved');
    expect((await detail(a.id)).children.map((c: { id: string }) => c.id)).toEqual([b.id]);
  });
});

describe('12345 import', () => {
  it('creates new orders and leaves known external ids alone when the batch is sent again', async () => {
    const batch = {
      source: '12345',
      orders: [
        { externalId: 'BJ-001', description: '中潮镇街上有人占道卖菜，车子过不去', address: '中潮镇' },
        { externalId: 'BJ-002', description: '上黄村停电一整天了，冰箱里的东西都坏了', address: '上黄村' },
        { externalId: 'BJ-003', description: '短' },
      ],
    };
    const first = (await api.post('/api/v1/work-orders/import', 'county', batch)).json();
    expect(first).toMatchObject({ created: 2, unchanged: 0 });
    expect(first.errors).toEqual([expect.objectContaining({ row: 3, externalId: 'BJ-003', field: 'description' })]);
    const second = (await api.post('/api/v1/work-orders/import', 'county', batch)).json();
    expect(second).toMatchObject({ created: 0, unchanged: 2 });
    const csv = 'externalId,description,address\nBJ-004,上黄村的狗晚上一直叫吵得人睡不着,上黄村\nBJ-001,中潮镇街上有人占道卖菜，车子过不去,中潮镇\n';
    expect((await api.post('/api/v1/work-orders/import', 'county', { source: '12345', csv })).json()).toMatchObject({ created: 1, unchanged: 1 });
  });
});
