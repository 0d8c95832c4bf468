import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../../test/helpers/harness.js';
import { SYSTEM_CONTEXT, withContext, type DbContext } from '../../platform/db/context.js';
import { departmentId, pointIn } from '../requests/test-fixtures.js';
import { caseAction, CHANGCHUN, client, countRows, intakeFixture, openCase, outsider, SHANGHUANG, ZHONGCHAO, type Api, type Intake } from './test-fixtures.js';

// Mediators and joint mediation (issue #16, item 5): mediators' phones protected like every phone;
// a department invited to a joint mediation opens that case (and only that one) and records its part,
// with row-level security holding when the service is bypassed; closing a case resolves the work
// order it came from, unless a part of the order is still open.

let h: Harness;
let f: Intake;
let api: Api;
let zjj: string; // 县住房和城乡建设局: the `dept` account's department
let zhzfj: string; // 县综合行政执法局: `dept2`

beforeAll(async () => {
  h = await createHarness({ loginRateLimitPerMinute: 1000 });
  f = await intakeFixture(h, ['county', 'township', 'village', 'village2', 'dept', 'dept2']);
  api = client(h, f.cookies);
  zjj = await departmentId(h, 'zjj');
  zhzfj = await departmentId(h, 'zhzfj');
});
afterAll(() => h?.close());

const detail = (id: string, who: string) => api.get(`/api/v1/disputes/cases/${id}`, who);
const auditRows = (action: string, targetId: string) =>
  withContext(h.deps.db, SYSTEM_CONTEXT, (tx) =>
    tx.selectFrom('audit_log').select(['action', 'before', 'after', 'details']).where('action', '=', action).where('target_id', '=', targetId).execute(),
  );

describe("mediators' phone numbers", () => {
  it('stored encrypted, listed masked everywhere, revealed only with a reason and audited', async () => {
    const bad = await api.post('/api/v1/disputes/mediators', 'county', {
      name: '蒙调解',
      kind: 'full_time',
      specialties: ['1201'],
      regionCode: SHANGHUANG,
      organization: '上黄村人民调解委员会',
      phone: '12345',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.field).toBe('phone');
    const created = await api.post('/api/v1/disputes/mediators', 'county', {
      name: '蒙调解',
      kind: 'full_time',
      specialties: ['1201'],
      regionCode: SHANGHUANG,
      organization: '上黄村人民调解委员会',
      phone: '139 1234 5678',
    });
    expect(created.statusCode, created.body).toBe(201);
    const m = created.json();
    expect(m.phone).toBe('139****5678');
    const stored = await withContext(h.deps.db, SYSTEM_CONTEXT, (tx) =>
      tx.selectFrom('mediators').select(['phone_enc', 'phone_hmac', 'phone_masked']).where('id', '=', m.id).executeTakeFirstOrThrow(),
    );
    expect(stored.phone_masked).toBe('139****5678');
    expect(stored.phone_enc).not.toContain('13912345678');
    expect(stored.phone_hmac).toMatch(/^[0-9a-f]{64}$/);
    // The audit log keeps the masked number only.
    expect(JSON.stringify(await auditRows('mediator.create', m.id))).not.toContain('13912345678');

    // Masked in the roster and on a case the mediator is assigned to.
    const roster = await api.get('/api/v1/disputes/mediators', 'village');
    expect(roster.body).not.toContain('13912345678');
    expect(roster.json().items.find((x: { id: string }) => x.id === m.id).phone).toBe('139****5678');
    const c = await openCase(api, 'village', { parties: [outsider('龙甲', 'applicant'), outsider('龙乙')], mediatorId: m.id });
    expect(c.mediatorPhone).toBe('139****5678');

    // The full number: a reason of real text, audited; not for a department, not outside reach.
    const reveal = (who: string, reason: string) => api.post(`/api/v1/disputes/mediators/${m.id}/reveal-phone`, who, { reason });
    const noReason = await reveal('village', '  ');
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.details.field).toBe('reason');
    const shown = await reveal('village', '联系调解员安排调解时间');
    expect(shown.statusCode, shown.body).toBe(200);
    expect(shown.json()).toEqual({ phone: '13912345678' });
    const audits = await auditRows('mediator.reveal_phone', m.id);
    expect(audits).toHaveLength(1);
    expect(audits[0]!.details).toMatchObject({ field: 'phone', reason: '联系调解员安排调解时间' });
    expect((await reveal('dept', '联系调解员安排调解时间')).statusCode).toBe(403);
    expect((await reveal('village2', '联系调解员安排调解时间')).statusCode).toBe(404);

    // Edited away: an empty number removes it.
    const cleared = await h.app.inject({
      method: 'PUT',
      url: `/api/v1/disputes/mediators/${m.id}`,
      headers: { cookie: f.cookies.county! },
      payload: { phone: '' },
    });
    expect(cleared.statusCode, cleared.body).toBe(200);
    expect(cleared.json().phone).toBeNull();
  });
});

describe('joint mediation with a department', () => {
  it('an invited department opens that case only, records its part once; others see nothing', async () => {
    const c = await openCase(api, 'village', { parties: [outsider('潘甲', 'applicant', '13800007777'), outsider('潘乙')] });
    expect(c.allowedActions).toContain('invite-department');
    expect((await detail(c.id, 'dept')).statusCode).toBe(404);

    const invited = await caseAction(api, c.id, 'invite-department', 'village', { departmentId: zjj, method: 'joint_zongzhi', note: '核实违建围墙的审批情况' });
    expect(invited.statusCode, invited.body).toBe(200);
    expect(invited.json().departments).toEqual([
      expect.objectContaining({
        departmentId: zjj,
        departmentName: '县住房和城乡建设局',
        method: 'joint_zongzhi',
        note: '核实违建围墙的审批情况',
        partAt: null,
      }),
    ]);
    expect(invited.json().methods).toContain('joint_zongzhi');
    expect(invited.json().timeline.at(-1)).toMatchObject({ action: 'invite_department' });
    expect(await countRows(f, 'notifications', { kind: 'dispute_joint', unit_department_id: zjj })).toBe(1);
    const twice = await caseAction(api, c.id, 'invite-department', 'village', { departmentId: zjj });
    expect(twice.statusCode).toBe(400);
    expect(twice.json().error.details.field).toBe('departmentId');
    expect((await caseAction(api, c.id, 'invite-department', 'village2', { departmentId: zhzfj })).statusCode).toBe(404);

    // The department's staff: the case, its parties (masked), and one action — their part.
    const seen = await detail(c.id, 'dept');
    expect(seen.statusCode, seen.body).toBe(200);
    expect(seen.json().allowedActions).toEqual(['department-part']);
    expect(seen.json().parties[0].phone).toBe('138****7777');
    expect(seen.body).not.toContain('13800007777');
    expect((await api.get('/api/v1/disputes/cases', 'dept')).json()).toMatchObject({ total: 1, items: [expect.objectContaining({ id: c.id })] });
    // Not a mediator: no case action, no roster, no statistics; another department sees nothing.
    const session = { heldAt: h.clock.now().toISOString(), place: '村委会', attendees: ['潘甲'], record: '部门不能记录调解', methods: ['family'] };
    expect((await caseAction(api, c.id, 'session', 'dept', session)).statusCode).toBe(404);
    expect((await api.get('/api/v1/disputes/mediators', 'dept')).statusCode).toBe(403);
    expect((await detail(c.id, 'dept2')).statusCode).toBe(404);
    expect((await api.get('/api/v1/disputes/cases', 'dept2')).json().total).toBe(0);
    expect((await caseAction(api, c.id, 'department-part', 'dept2', { note: '我们也来看看' })).statusCode).toBe(404);
    expect((await caseAction(api, c.id, 'department-part', 'village', { note: '村里不能替部门记录' })).statusCode).toBe(403);

    const short = await caseAction(api, c.id, 'department-part', 'dept', { note: '已阅' });
    expect(short.statusCode).toBe(400);
    expect(short.json().error.details.field).toBe('note');
    const part = await caseAction(api, c.id, 'department-part', 'dept', { note: '经查围墙未办理规划许可，已责令潘乙限期拆除超出部分' });
    expect(part.statusCode, part.body).toBe(200);
    expect(part.json().departments[0]).toMatchObject({
      partNote: '经查围墙未办理规划许可，已责令潘乙限期拆除超出部分',
      partByName: expect.stringContaining('龙科长'),
    });
    expect(part.json().allowedActions).toEqual([]);
    expect(part.json().timeline.at(-1)).toMatchObject({ action: 'department_part' });
    expect((await caseAction(api, c.id, 'department-part', 'dept', { note: '再记一次试试看' })).statusCode).toBe(409);
    expect(await countRows(f, 'notifications', { kind: 'dispute_department_part', unit_region_code: SHANGHUANG })).toBe(1);
    expect(await auditRows('dispute_case.department_part', c.id)).toHaveLength(1);
  });

  it('row-level security holds with the service bypassed', async () => {
    const c = await openCase(api, 'village', { parties: [outsider('杨甲', 'applicant'), outsider('杨乙')] });
    const hidden = await openCase(api, 'village', { parties: [outsider('吴甲', 'applicant'), outsider('吴乙')] });
    await caseAction(api, c.id, 'invite-department', 'village', { departmentId: zjj });
    const [county, village, village2] = await withContext(h.deps.db, SYSTEM_CONTEXT, (tx) =>
      Promise.all(
        ['522631000000', SHANGHUANG, CHANGCHUN].map((code) => tx.selectFrom('regions').select('path').where('code', '=', code).executeTakeFirstOrThrow()),
      ),
    );
    const dept: DbContext = { userId: null, role: 'department_staff', scopePath: county!.path, departmentId: zjj };
    const seen = await withContext(h.deps.db, dept, async (tx) => ({
      cases: (await tx.selectFrom('dispute_cases').select('id').execute()).map((r) => r.id),
      parties: await tx.selectFrom('dispute_parties').select('id').where('case_id', '=', c.id).execute(),
      hiddenParties: await tx.selectFrom('dispute_parties').select('id').where('case_id', '=', hidden.id).execute(),
    }));
    expect(seen.cases).not.toContain(hidden.id);
    expect(seen.cases).toContain(c.id);
    expect(seen.parties).toHaveLength(2);
    expect(seen.hiddenParties).toEqual([]);
    // Reading is not mediating: no change to the case or its parties.
    const writes = await withContext(h.deps.db, dept, async (tx) => ({
      cases: Number((await tx.updateTable('dispute_cases').set({ title: '篡改' }).where('id', '=', c.id).executeTakeFirst()).numUpdatedRows),
      parties: Number((await tx.updateTable('dispute_parties').set({ name: '篡改' }).where('case_id', '=', c.id).executeTakeFirst()).numUpdatedRows),
    }));
    expect(writes).toEqual({ cases: 0, parties: 0 });
    // Nor can it invite itself into another case, or move its invitation to one.
    const invite = (ctx: DbContext, caseId: string, path: string) =>
      withContext(h.deps.db, ctx, (tx) =>
        tx
          .insertInto('dispute_case_departments')
          .values({ id: crypto.randomUUID(), case_id: caseId, department_id: zjj, path, invited_at: new Date() })
          .execute(),
      );
    await expect(invite(dept, hidden.id, village!.path)).rejects.toMatchObject({ code: '42501' });
    await expect(
      withContext(h.deps.db, dept, (tx) => sql`UPDATE dispute_case_departments SET case_id = ${hidden.id} WHERE case_id = ${c.id}`.execute(tx)),
    ).rejects.toMatchObject({ code: '42501' });
    // A cadre of another village cannot invite anyone into this village's case either.
    const cadre2: DbContext = { userId: null, role: 'village_cadre', scopePath: village2!.path };
    await expect(invite(cadre2, hidden.id, village2!.path)).rejects.toMatchObject({ code: '42501' });
    // Another department sees neither case.
    const other: DbContext = { ...dept, departmentId: zhzfj };
    expect(await withContext(h.deps.db, other, (tx) => tx.selectFrom('dispute_cases').select('id').where('id', 'in', [c.id, hidden.id]).execute())).toEqual([]);
  });
});

describe('closing a case and its work order', () => {
  it('a case closed at village level resolves its order, with the outcome on the order’s timeline', async () => {
    const where = pointIn(f.grids.find((g) => g.villageCode === SHANGHUANG)!);
    const reported = await api.post('/api/v1/public/requests', undefined, {
      description: '邻居家的竹子根伸进我家菜地，叫他挖掉不肯，想请村里调解一下',
      ...where,
      categoryCode: '1201',
      requesterName: '石大姐',
      requesterPhone: '13700005555',
      privacyAcknowledged: true,
    });
    expect(reported.statusCode, reported.body).toBe(201);
    const orderId = reported.json().id;
    const c = (await api.get(`/api/v1/disputes/cases?q=${encodeURIComponent('竹子根')}`, 'village')).json().items[0];
    expect(c).toMatchObject({ workOrderId: orderId, level: 'village' });
    await caseAction(api, c.id, 'add-party', 'village', { party: { role: 'respondent', name: '石老二' } });
    expect((await caseAction(api, c.id, 'agree', 'village', { kind: 'oral', terms: '石老二砍掉越界的竹子，双方和好' })).statusCode).toBe(200);
    const closed = await caseAction(api, c.id, 'close', 'village');
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json().timeline.at(-1)).toMatchObject({ action: 'close', details: { closedLevel: 'village', order: { resolved: true, openParts: [] } } });

    const order = (await api.get(`/api/v1/work-orders/${orderId}`, 'village')).json();
    expect(order.status).toBe('resolved');
    expect(order.resolution).toContain('矛盾纠纷经村（社区）调解成功，达成口头协议并结案');
    expect(order.resolution).toContain('石老二砍掉越界的竹子');
    const actions = order.timeline.map((e: { action: string }) => e.action);
    expect(actions.slice(-2)).toEqual(['dispute_closed', 'resolve']);
    expect(order.timeline.at(-1).note).toContain(c.number);
    expect(await auditRows('work_order.resolve', orderId)).toHaveLength(1);
    // Follow-up comes next, as after any 办结.
    expect(order.resolvedAt).not.toBeNull();
    expect(order.followUpDue).not.toBeNull();
  });

  it('when a summoned department has not done its part, the order stays open and shows what is left', async () => {
    const res = await api.post('/api/v1/requests', 'county', {
      description: '上黄村两户因为宅基地边上的围墙吵起来了，围墙像是违建，请镇里和住建局一起处理',
      address: '上黄村',
      categoryCode: '1201',
      requesterName: '欧先生',
    });
    expect(res.statusCode, res.body).toBe(201);
    const orderId = res.json().id;
    const moved = await api.post(`/api/v1/work-orders/${orderId}/dispatch`, 'township', { unitRegionCode: ZHONGCHAO, level: 'township' });
    expect(moved.statusCode, moved.body).toBe(200);
    const whistled = await api.post(`/api/v1/work-orders/${orderId}/whistle`, 'township', { departmentIds: [zjj], reason: '围墙是否违建需住建局认定' });
    expect(whistled.statusCode, whistled.body).toBe(200);

    const c = (await api.get(`/api/v1/disputes/cases?q=${encodeURIComponent('宅基地边上的围墙')}`, 'village')).json().items[0];
    expect(c.workOrderId).toBe(orderId);
    await caseAction(api, c.id, 'add-party', 'village', { party: { role: 'respondent', name: '欧老三' } });
    await caseAction(api, c.id, 'agree', 'village', { kind: 'oral', terms: '双方同意等住建局认定后按认定结果处理围墙' });
    const closed = await caseAction(api, c.id, 'close', 'village');
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json().timeline.at(-1).details.order).toEqual({ resolved: false, openParts: ['县住房和城乡建设局（未报到）'] });

    const order = (await api.get(`/api/v1/work-orders/${orderId}`, 'township')).json();
    expect(order.status).toBe('in_progress');
    const entry = order.timeline.at(-1);
    expect(entry.action).toBe('dispute_closed');
    expect(entry.note).toContain('工单尚有未完成的部分：县住房和城乡建设局（未报到）');
    expect(order.whistleCalls).toEqual([expect.objectContaining({ partDoneAt: null })]);
    expect(await countRows(f, 'notifications', { kind: 'dispute_closed', unit_region_code: ZHONGCHAO })).toBe(1);
    expect(await auditRows('work_order.resolve', orderId)).toHaveLength(0);
  });
});
