import { uuidv7 } from 'uuidv7';
import { can } from '../../platform/accounts/policy.js';
import type { Actor } from '../../platform/actor.js';
import type { Deps } from '../../platform/deps.js';
import { AppError, forbidden, invalidField } from '../../platform/errors.js';
import { insertWhistle, lockWhistleCall, updateWhistleCall } from './detail-store.js';
import { act } from './lifecycle-service.js';
import { authorize, inScope, whistleable } from './policy.js';
import type { WhistleBody, WorkOrderDetail } from './schema.js';
import { appendEvent, countyRegionCode, notifyUnit, officeAt, tierOf } from './stages.js';
import { departmentRow, updateOrder } from './store.js';
import { TIERS } from './taxonomy/index.js';

/**
 * 吹哨: a township (or the county) summons departments to an order in its area — and, from a
 * township, the county centre (镇呼县应). Each summoned unit must report in (报到) within the
 * tier's sign-for limit and record its part; the order stays with the unit that holds it, who
 * resolves it.
 */
export function whistleOrder(deps: Deps, actor: Actor, id: string, body: WhistleBody): Promise<WorkOrderDetail> {
  authorize(actor, 'requests.whistle');
  return act(deps, actor, id, 'whistle', async (c) => {
    const o = c.order;
    if (!inScope(actor, o.path)) throw forbidden('requests.whistle');
    if (!['dispatched', 'signed', 'in_progress'].includes(o.status)) throw new AppError('CONFLICT', '只有办理中的工单可以吹哨', {});
    if (!whistleable(o)) throw new AppError('CONFLICT', '工单已由职能部门办理，不能再吹哨', {});
    const ids = [...new Set(body.departmentIds)];
    if (ids.length === 0 && !body.callCounty) throw invalidField('departmentIds', '请至少选择一个被召集的部门');
    if (body.callCounty && (o.level === 'county' || actor.role === 'county_staff')) throw invalidField('callCounty', '县级已在办理，不必呼叫县中心');
    const due = c.calendar.deadline(c.now, TIERS[tierOf(o.category_code)].signFor);
    const whistleId = uuidv7();
    const calls = [];
    const names: string[] = [];
    for (const [i, departmentId] of ids.entries()) {
      const d = await departmentRow(c.tx, departmentId);
      if (!d) throw invalidField(`departmentIds[${i}]`, '部门不存在');
      names.push(d.name);
      calls.push({ id: uuidv7(), whistle_id: whistleId, order_id: id, department_id: d.id, region_code: null, path: o.path, report_due: due });
    }
    if (body.callCounty) {
      names.push('县社会治理中心');
      calls.push({ id: uuidv7(), whistle_id: whistleId, order_id: id, department_id: null, region_code: countyRegionCode(o), path: o.path, report_due: due });
    }
    await insertWhistle(
      c.tx,
      { id: whistleId, order_id: id, caller_code: actor.regionCode, reason: body.reason, path: o.path, created_by: actor.userId, created_at: c.now },
      calls,
    );
    if (o.status !== 'in_progress') await updateOrder(c.tx, id, { status: 'in_progress', updated_at: c.now });
    await appendEvent(c.tx, c, o, 'whistle', { note: body.reason, details: { summoned: names, reportDue: due } });
    for (const call of calls) {
      const unit = call.department_id
        ? { unitRegionCode: null, unitDepartmentId: call.department_id, path: o.path }
        : ((await officeAt(c.tx, o, 'county')) ?? { unitRegionCode: call.region_code, unitDepartmentId: null, path: o.path });
      await notifyUnit(c.tx, c, unit, o, 'whistle', `吹哨：工单 ${o.number} 召集报到 —— ${body.reason}`);
    }
  });
}

/** Whether the actor answers for a summoned unit: the department's officers, or county staff for the county centre. */
function answersCall(actor: Actor, call: { department_id: string | null; region_code: string | null }): boolean {
  if (actor.role === 'system') return true;
  if (call.department_id) return actor.role === 'department_staff' && actor.departmentId === call.department_id;
  return actor.role === 'county_staff' && actor.regionCode === call.region_code;
}

/** 报到: the summoned unit answers the whistle and says what it will do. Late when past the limit (still recorded). */
export function reportIn(deps: Deps, actor: Actor, id: string, callId: string, note: string): Promise<WorkOrderDetail> {
  if (!can(actor, 'requests.handle')) throw forbidden('requests.handle');
  return act(deps, actor, id, 'report_in', async (c) => {
    const call = await lockWhistleCall(c.tx, id, callId);
    if (!call || !answersCall(actor, call)) throw forbidden('requests.report_in');
    if (call.reported_at) throw new AppError('CONFLICT', '已经报到', {});
    await updateWhistleCall(c.tx, call.id, { reported_at: c.now, reported_by: actor.userId, report_note: note });
    const late = c.now.getTime() > new Date(call.report_due).getTime();
    const unitName = call.department_id ? (await departmentRow(c.tx, call.department_id))?.name : '县社会治理中心';
    await appendEvent(c.tx, c, c.order, 'report_in', { note, unitName, details: { late } });
  });
}

/** The summoned unit's part is done; the caller sees it on the order and the board. */
export function finishPart(deps: Deps, actor: Actor, id: string, callId: string, note: string): Promise<WorkOrderDetail> {
  if (!can(actor, 'requests.handle')) throw forbidden('requests.handle');
  return act(deps, actor, id, 'part_done', async (c) => {
    const call = await lockWhistleCall(c.tx, id, callId);
    if (!call || !answersCall(actor, call)) throw forbidden('requests.report_in');
    if (!call.reported_at) throw new AppError('CONFLICT', '请先报到', {});
    if (call.part_done_at) throw new AppError('CONFLICT', '已记录完成', {});
    await updateWhistleCall(c.tx, call.id, { part_done_at: c.now, part_note: note });
    const unitName = call.department_id ? (await departmentRow(c.tx, call.department_id))?.name : '县社会治理中心';
    await appendEvent(c.tx, c, c.order, 'part_done', { note, unitName });
    const caller = await officeAt(c.tx, c.order, c.order.level ?? 'township');
    if (caller) await notifyUnit(c.tx, c, caller, c.order, 'part_done', `${unitName ?? ''} 已完成工单 ${c.order.number} 中的任务`);
  });
}
