import { uuidv7 } from 'uuidv7';
import { dbContext, type Actor } from '../../platform/actor.js';
import { appendAudit } from '../../platform/audit/service.js';
import { workCalendar } from '../../platform/calendar/service.js';
import { withContext, type Tx } from '../../platform/db/context.js';
import type { Deps } from '../../platform/deps.js';
import { AppError, forbidden, invalidField, outOfScope } from '../../platform/errors.js';
import { attachFiles, saveBlobs, type PreparedFile } from '../../platform/files/index.js';
import { openCaseFromOrder } from '../disputes/index.js';
import { decideExtension, insertExtension, insertFollowUp, pendingExtension } from './detail-store.js';
import { prepareHandlingPhotos, WORK_ORDER_FILES } from './photos.js';
import { markResolved } from './resolve-step.js';
import { authorize, dispatches, inScope, onUnit } from './policy.js';
import { orderDetail, visibleOrder } from './query-service.js';
import type { DispatchBody, ExtensionBody, FollowUpBody, MergeBody, PhotoInput, ResolveBody, ReviewBody, SuperviseBody, WorkOrderDetail } from './schema.js';
import {
  appendEvent,
  departmentStage,
  endCurrentStage,
  LEVEL_ORDER,
  notifyUnit,
  officeAt,
  openStage,
  planRoute,
  tierOf,
  type StagePlan,
  type Step,
} from './stages.js';
import { findStage, lockOrder, regionRow, updateOrder, updateStage, type OrderRow, type StageRow } from './store.js';
import type { Level } from './tables.js';
import { subcategory } from './taxonomy/index.js';

const ACTIVE = ['dispatched', 'signed', 'in_progress'];

export interface ActionContext extends Step {
  tx: Tx;
  order: OrderRow;
  stage: StageRow | undefined;
}

function conflict(message: string): AppError {
  return new AppError('CONFLICT', message, {});
}

function requireStatus(order: OrderRow, allowed: string[], what: string): void {
  if (!allowed.includes(order.status)) throw conflict(`工单当前状态（${order.status}）不能${what}`);
}

function requireUnit(c: ActionContext): void {
  if (!c.stage || !onUnit(c.actor, c.order, c.stage.path)) throw forbidden('requests.handle');
}

function requireDispatcher(c: ActionContext): void {
  if (!dispatches(c.actor, c.order)) throw forbidden('requests.dispatch');
}

/**
 * Runs one action on one order: the order is locked (two clicks serialize), the actor must see
 * it, the action writes its timeline entry, and the audit records the status before and after,
 * all in one transaction. Returns the order as the actor now sees it.
 */
export async function act(deps: Deps, actor: Actor, id: string, action: string, fn: (c: ActionContext) => Promise<void>): Promise<WorkOrderDetail> {
  const calendar = await workCalendar(deps);
  const now = deps.clock.now();
  return withContext(deps.db, dbContext(actor), async (tx) => {
    await visibleOrder(tx, actor, id);
    const order = (await lockOrder(tx, id))!;
    const stage = order.current_stage_id ? await findStage(tx, order.current_stage_id) : undefined;
    await fn({ deps, actor, now, calendar, tx, order, stage });
    const after = (await lockOrder(tx, id))!;
    await appendAudit(tx, deps.clock, actor, {
      action: `work_order.${action}`,
      targetType: 'work_order',
      targetId: id,
      before: { status: order.status, level: order.level, unitRegionCode: order.unit_region_code, unitDepartmentId: order.unit_department_id },
      after: { status: after.status, level: after.level, unitRegionCode: after.unit_region_code, unitDepartmentId: after.unit_department_id },
    });
    return orderDetail(tx, deps, actor, id);
  });
}

/** A unit chosen by hand, or the routing table's choice for the (corrected) category. */
async function chosenPlan(c: ActionContext, body: DispatchBody, order: OrderRow): Promise<StagePlan> {
  if (body.departmentId) {
    const sub = order.category_code ? subcategory(order.category_code) : undefined;
    const plan = await departmentStage(c.tx, order, body.level ?? sub?.level ?? 'county', body.departmentId);
    if (!plan) throw invalidField('departmentId', '部门不存在');
    return plan;
  }
  if (body.unitRegionCode) {
    const level: Level = body.unitRegionCode.length === 15 ? 'grid' : (body.level ?? 'village');
    const probe = {
      ...order,
      grid_code: level === 'grid' ? body.unitRegionCode : order.grid_code,
      village_code: level === 'village' ? body.unitRegionCode : order.village_code,
      township_code: level === 'township' ? body.unitRegionCode : order.township_code,
    };
    const plan = await officeAt(c.tx, probe, level);
    if (!plan || !inScope(c.actor, plan.path)) throw outOfScope('unitRegionCode', '单位不存在或不在您的管理范围内');
    return plan;
  }
  const plan = await planRoute(c.tx, order);
  if (!plan)
    throw invalidField(order.category_code ? 'unitRegionCode' : 'categoryCode', order.category_code ? '路由表找不到责任单位，请手动指定' : '请先确定诉求分类');
  return plan;
}

/** 派单: triage or re-dispatch. A category set here is a person's label and is kept for retraining. */
export function dispatchOrder(deps: Deps, actor: Actor, id: string, body: DispatchBody): Promise<WorkOrderDetail> {
  authorize(actor, 'requests.dispatch');
  return act(deps, actor, id, 'dispatch', async (c) => {
    requireDispatcher(c);
    requireStatus(c.order, ['triage', 'accepted', ...ACTIVE], '派单');
    if (body.categoryCode && !subcategory(body.categoryCode)) throw invalidField('categoryCode', '不是有效的诉求分类');
    let order = c.order;
    const patch: Partial<OrderRow> = {};
    if (body.categoryCode) Object.assign(patch, { category_code: body.categoryCode, category_confirmed: true, tier: tierOf(body.categoryCode) });
    else if (order.category_code && !order.category_confirmed) patch.category_confirmed = true;
    if (body.requestType) patch.request_type = body.requestType;
    if (body.villageCode) {
      const v = await regionRow(c.tx, body.villageCode);
      if (!v || v.level !== 'village' || !inScope(actor, v.path)) throw outOfScope('villageCode', '村（社区）不存在或不在您的管理范围内');
      Object.assign(patch, { village_code: v.code, township_code: v.parent_code, path: v.path, grid_code: null });
    }
    if (Object.keys(patch).length) {
      await updateOrder(c.tx, order.id, { ...patch, updated_at: c.now });
      order = { ...order, ...patch };
      if (body.categoryCode && body.categoryCode !== c.order.category_code) {
        await appendEvent(c.tx, c, order, 'classify', { note: body.note, details: { from: c.order.category_code, to: body.categoryCode } });
      }
    }
    const plan = await chosenPlan(c, body, order);
    if (ACTIVE.includes(c.order.status)) await endCurrentStage(c.tx, c, c.order, 'reassigned');
    await openStage(c.tx, c, order, plan, 'dispatch', body.note);
    // A dispute category set here opens the mediation case when the order has none yet.
    await openCaseFromOrder(c.tx, deps.clock, actor, order, c.calendar);
  });
}

/** 签收. */
export function signOrder(deps: Deps, actor: Actor, id: string, note?: string): Promise<WorkOrderDetail> {
  authorize(actor, 'requests.handle');
  return act(deps, actor, id, 'sign', async (c) => {
    requireUnit(c);
    requireStatus(c.order, ['dispatched'], '签收');
    await updateStage(c.tx, c.stage!.id, { signed_at: c.now });
    await updateOrder(c.tx, id, { status: 'signed', updated_at: c.now });
    await appendEvent(c.tx, c, c.order, 'sign', { note, unitName: await unitLabel(c) });
  });
}

async function unitLabel(c: ActionContext): Promise<string | null> {
  if (!c.stage) return null;
  const r = c.stage.unit_department_id
    ? await c.tx.selectFrom('departments').select('name').where('id', '=', c.stage.unit_department_id).executeTakeFirst()
    : c.stage.unit_region_code!.length === 15
      ? await c.tx.selectFrom('grids').select('name').where('code', '=', c.stage.unit_region_code!).executeTakeFirst()
      : await c.tx.selectFrom('regions').select('name').where('code', '=', c.stage.unit_region_code!).executeTakeFirst();
  return r?.name ?? null;
}

/**
 * Photos the unit took (办理照片): checked and their content stored before the action's
 * transaction, attached to the order inside it. The timeline entry names them (details.photos).
 */
async function handlingPhotos(deps: Deps, inputs: PhotoInput[] | undefined): Promise<PreparedFile[]> {
  const photos = await prepareHandlingPhotos(inputs ?? [], deps.config);
  await saveBlobs(deps, photos);
  return photos;
}

async function attachHandlingPhotos(c: ActionContext, photos: PreparedFile[]): Promise<{ photos: string[] } | undefined> {
  if (photos.length === 0) return undefined;
  const files = await attachFiles(c.tx, c.deps, c.actor, { owner: WORK_ORDER_FILES, ownerId: c.order.id, usage: 'handling', field: 'photos' }, photos);
  return { photos: files.map((f) => f.id) };
}

/** A progress note (办理中), with photos of the work if taken. */
export async function progressOrder(deps: Deps, actor: Actor, id: string, note: string, photoInputs?: PhotoInput[]): Promise<WorkOrderDetail> {
  authorize(actor, 'requests.handle');
  const photos = await handlingPhotos(deps, photoInputs);
  return act(deps, actor, id, 'progress', async (c) => {
    requireUnit(c);
    requireStatus(c.order, ACTIVE, '记录办理进展');
    if (c.order.status === 'dispatched') await updateStage(c.tx, c.stage!.id, { signed_at: c.now });
    await updateOrder(c.tx, id, { status: 'in_progress', updated_at: c.now });
    await appendEvent(c.tx, c, c.order, 'progress', { note, unitName: await unitLabel(c), details: await attachHandlingPhotos(c, photos) });
  });
}

/** 退单: the unit says the order is not theirs; it counts against nobody until the dispatcher reviews it. */
export function returnOrder(deps: Deps, actor: Actor, id: string, note: string): Promise<WorkOrderDetail> {
  authorize(actor, 'requests.handle');
  return act(deps, actor, id, 'return', async (c) => {
    requireUnit(c);
    requireStatus(c.order, ACTIVE, '退单');
    if (c.order.return_pending) throw conflict('退单申请正在审核');
    await updateOrder(c.tx, id, { return_pending: true, updated_at: c.now });
    await appendEvent(c.tx, c, c.order, 'return', { note, unitName: await unitLabel(c) });
    await notifyDispatcher(c, 'return', `工单 ${c.order.number} 被退回，待审核：${note}`);
  });
}

/** The dispatcher's office for an order: its township when it has one, else the county centre. */
async function notifyDispatcher(c: ActionContext, kind: string, message: string): Promise<void> {
  const office = (await officeAt(c.tx, c.order, 'township')) ?? (await officeAt(c.tx, c.order, 'county'));
  if (office) await notifyUnit(c.tx, c, office, c.order, kind, message);
  const county = await officeAt(c.tx, c.order, 'county');
  if (county && office && county.unitRegionCode !== office.unitRegionCode) await notifyUnit(c.tx, c, county, c.order, kind, message);
}

/** 派单异议审核: upheld → the stage is excused and the order waits for a new dispatch; refused → the unit keeps it. */
export function reviewReturn(deps: Deps, actor: Actor, id: string, body: ReviewBody): Promise<WorkOrderDetail> {
  authorize(actor, 'requests.dispatch');
  return act(deps, actor, id, 'review_return', async (c) => {
    requireDispatcher(c);
    if (!c.order.return_pending) throw conflict('没有待审核的退单');
    if (body.approve) {
      await endCurrentStage(c.tx, c, c.order, 'returned', true);
      await updateOrder(c.tx, id, {
        status: 'accepted',
        return_pending: false,
        level: null,
        unit_region_code: null,
        unit_department_id: null,
        current_stage_id: null,
        sign_for_due: null,
        resolve_due: null,
        updated_at: c.now,
      });
    } else {
      await updateOrder(c.tx, id, { return_pending: false, updated_at: c.now });
      if (c.stage) await notifyUnit(c.tx, c, stageUnit(c.stage), c.order, 'return_refused', `工单 ${c.order.number} 的退单未获批准，请继续办理`);
    }
    await appendEvent(c.tx, c, c.order, body.approve ? 'return_approved' : 'return_refused', { note: body.note });
  });
}

function stageUnit(s: StageRow): { unitRegionCode: string | null; unitDepartmentId: string | null; path: string } {
  return { unitRegionCode: s.unit_region_code, unitDepartmentId: s.unit_department_id, path: s.path };
}

/** 延期申请. */
export function requestExtension(deps: Deps, actor: Actor, id: string, body: ExtensionBody): Promise<WorkOrderDetail> {
  authorize(actor, 'requests.handle');
  return act(deps, actor, id, 'extension', async (c) => {
    requireUnit(c);
    requireStatus(c.order, ACTIVE, '申请延期');
    if (await pendingExtension(c.tx, id)) throw conflict('已有待审批的延期申请');
    await insertExtension(c.tx, {
      id: uuidv7(),
      order_id: id,
      stage_id: c.stage!.id,
      days: body.days,
      reason: body.reason,
      status: 'pending',
      path: c.order.path,
      requested_by: actor.userId,
      requested_at: c.now,
    });
    await appendEvent(c.tx, c, c.order, 'extension', { note: body.reason, unitName: await unitLabel(c), details: { days: body.days } });
    await notifyDispatcher(c, 'extension', `工单 ${c.order.number} 申请延期 ${body.days} 个工作日`);
  });
}

/** Approving adds the working days to the stage's resolve limit. */
export function reviewExtension(deps: Deps, actor: Actor, id: string, body: ReviewBody): Promise<WorkOrderDetail> {
  authorize(actor, 'requests.dispatch');
  return act(deps, actor, id, 'review_extension', async (c) => {
    requireDispatcher(c);
    const ext = await pendingExtension(c.tx, id);
    if (!ext) throw conflict('没有待审批的延期申请');
    await decideExtension(c.tx, ext.id, {
      status: body.approve ? 'approved' : 'refused',
      decided_by: actor.userId,
      decided_at: c.now,
      decision_note: body.note ?? null,
    });
    if (body.approve) {
      const stage = await findStage(c.tx, ext.stage_id);
      if (stage && !stage.ended_at) {
        const due = c.calendar.deadline(new Date(stage.resolve_due), `P${ext.days}WD`);
        await updateStage(c.tx, stage.id, { resolve_due: due, overdue_handled: false });
        await updateOrder(c.tx, id, { resolve_due: due, updated_at: c.now });
      }
    }
    await appendEvent(c.tx, c, c.order, body.approve ? 'extension_approved' : 'extension_refused', { note: body.note, details: { days: ext.days } });
  });
}

/** 督办 flag on or off. */
export function superviseOrder(deps: Deps, actor: Actor, id: string, body: SuperviseBody): Promise<WorkOrderDetail> {
  authorize(actor, 'requests.dispatch');
  return act(deps, actor, id, 'supervise', async (c) => {
    requireDispatcher(c);
    if (['closed', 'merged'].includes(c.order.status)) throw conflict('已办结的工单不能督办');
    await updateOrder(c.tx, id, { supervised: body.supervised, updated_at: c.now });
    await appendEvent(c.tx, c, c.order, body.supervised ? 'supervise' : 'unsupervise', { note: body.note });
    if (body.supervised && c.stage) await notifyUnit(c.tx, c, stageUnit(c.stage), c.order, 'supervise', `工单 ${c.order.number} 被督办：${body.note}`);
  });
}

/** The office one level up from the current stage (grid → village → township → county). */
export async function nextLevelOffice(tx: Tx, order: OrderRow): Promise<StagePlan | undefined> {
  const from = order.level ?? 'grid';
  for (const level of LEVEL_ORDER.slice(LEVEL_ORDER.indexOf(from) + 1)) {
    const office = await officeAt(tx, order, level);
    if (office) return office;
  }
  return undefined;
}

/** Moves an order one level up (社区响应 → 街乡吹哨 → 镇呼县应); used by hand and by the sweep. */
export async function escalateWithin(c: ActionContext, note: string, action = 'escalate'): Promise<boolean> {
  const next = await nextLevelOffice(c.tx, c.order);
  if (!next) return false;
  await endCurrentStage(c.tx, c, c.order, 'escalated');
  await openStage(c.tx, c, c.order, next, action, note);
  return true;
}

/** 上报: the unit (or a dispatcher) sends the order one level up, with a reason. */
export function escalateOrder(deps: Deps, actor: Actor, id: string, note: string): Promise<WorkOrderDetail> {
  authorize(actor, 'requests.handle');
  return act(deps, actor, id, 'escalate', async (c) => {
    if (!((c.stage && onUnit(actor, c.order, c.stage.path)) || dispatches(actor, c.order))) throw forbidden('requests.handle');
    requireStatus(c.order, ACTIVE, '上报');
    if (c.order.unit_department_id) throw conflict('部门办理的工单不能上报，请退单或申请延期');
    if (!(await escalateWithin(c, note))) throw conflict('已在县级，无法再上报');
  });
}

/** 办结: the unit records what was done (with photos if taken); the follow-up is due within one working day. Merged orders follow. */
export async function resolveOrder(deps: Deps, actor: Actor, id: string, body: ResolveBody): Promise<WorkOrderDetail> {
  authorize(actor, 'requests.handle');
  const photos = await handlingPhotos(deps, body.photos);
  return act(deps, actor, id, 'resolve', async (c) => {
    requireUnit(c);
    requireStatus(c.order, ACTIVE, '办结');
    if (c.order.return_pending) throw conflict('退单审核中，不能办结');
    await markResolved(c.tx, c, c.order, c.stage, body.resolution);
    await appendEvent(c.tx, c, c.order, 'resolve', { note: body.resolution, unitName: await unitLabel(c), details: await attachHandlingPhotos(c, photos) });
  });
}

/**
 * 回访: contacted? solved? satisfied? Satisfied or basically satisfied and solved closes the
 * order. Otherwise it is reopened once to the same unit; a second failure goes to supervisory
 * review (督办) at the county.
 */
export function followUpOrder(deps: Deps, actor: Actor, id: string, body: FollowUpBody): Promise<WorkOrderDetail> {
  authorize(actor, 'requests.follow_up');
  return act(deps, actor, id, 'follow_up', async (c) => {
    if (!inScope(actor, c.order.path)) throw forbidden('requests.follow_up');
    requireStatus(c.order, ['resolved'], '回访');
    const lastStage = await c.tx.selectFrom('work_order_stages').selectAll().where('order_id', '=', id).orderBy('seq', 'desc').executeTakeFirst();
    await insertFollowUp(c.tx, {
      id: uuidv7(),
      order_id: id,
      stage_id: lastStage?.id ?? null,
      contacted: body.contacted,
      resolved: body.resolved,
      satisfaction: body.satisfaction,
      comment: body.comment ?? null,
      path: c.order.path,
      created_by: actor.userId,
      created_at: c.now,
    });
    await appendEvent(c.tx, c, c.order, 'follow_up', {
      note: body.comment,
      details: { contacted: body.contacted, resolved: body.resolved, satisfaction: body.satisfaction },
    });
    const good = body.resolved && body.satisfaction !== 'unsatisfied';
    if (good) {
      await updateOrder(c.tx, id, { status: 'closed', closed_at: c.now, updated_at: c.now });
      await appendEvent(c.tx, c, c.order, 'close');
    } else if (c.order.reopen_count === 0 && lastStage) {
      await reopenTo(c, lastStage, '群众不满意，重办');
    } else {
      await updateOrder(c.tx, id, { status: 'followed_up', supervised: true, updated_at: c.now });
      await appendEvent(c.tx, c, c.order, 'supervise', { note: '重办后仍不满意，转督办审核' });
      const county = await officeAt(c.tx, c.order, 'county');
      if (county) await notifyUnit(c.tx, c, county, c.order, 'supervise', `工单 ${c.order.number} 重办后仍不满意，请督办审核`);
    }
  });
}

async function reopenTo(c: ActionContext, stage: StageRow, note: string): Promise<void> {
  const plan: StagePlan = {
    level: stage.level,
    unitRegionCode: stage.unit_region_code,
    unitDepartmentId: stage.unit_department_id,
    unitName: '',
    path: stage.path,
  };
  plan.unitName =
    (stage.unit_department_id
      ? (await c.tx.selectFrom('departments').select('name').where('id', '=', stage.unit_department_id).executeTakeFirst())?.name
      : ((await c.tx.selectFrom('regions').select('name').where('code', '=', stage.unit_region_code!).executeTakeFirst())?.name ??
        (await c.tx.selectFrom('grids').select('name').where('code', '=', stage.unit_region_code!).executeTakeFirst())?.name)) ?? '';
  await updateOrder(c.tx, c.order.id, { reopen_count: c.order.reopen_count + 1, resolved_at: null, closed_level: null, follow_up_due: null, resolution: null });
  await openStage(c.tx, c, { ...c.order, reopen_count: c.order.reopen_count + 1 }, plan, 'reopen', note);
}

/** After supervisory review: close as it stands. */
export function closeOrder(deps: Deps, actor: Actor, id: string, note?: string): Promise<WorkOrderDetail> {
  authorize(actor, 'requests.dispatch');
  return act(deps, actor, id, 'close', async (c) => {
    requireDispatcher(c);
    requireStatus(c.order, ['followed_up'], '结案');
    await updateOrder(c.tx, id, { status: 'closed', closed_at: c.now, updated_at: c.now });
    await appendEvent(c.tx, c, c.order, 'close', { note });
  });
}

/** After supervisory review: reopen again (重办) to the last unit. */
export function reopenOrder(deps: Deps, actor: Actor, id: string, note: string): Promise<WorkOrderDetail> {
  authorize(actor, 'requests.dispatch');
  return act(deps, actor, id, 'reopen', async (c) => {
    requireDispatcher(c);
    requireStatus(c.order, ['followed_up'], '重办');
    const last = await c.tx.selectFrom('work_order_stages').selectAll().where('order_id', '=', id).orderBy('seq', 'desc').executeTakeFirst();
    if (!last) throw conflict('工单没有办理记录');
    await reopenTo(c, last, note);
  });
}

/** Merges a duplicate into its parent: it follows the parent to resolution and its requester is followed up too. */
export function mergeOrder(deps: Deps, actor: Actor, id: string, body: MergeBody): Promise<WorkOrderDetail> {
  authorize(actor, 'requests.dispatch');
  return act(deps, actor, id, 'merge', async (c) => {
    requireDispatcher(c);
    if (body.parentId === id) throw invalidField('parentId', '不能合并到自身');
    requireStatus(c.order, ['triage', 'accepted', ...ACTIVE], '合并');
    const parent = await lockOrder(c.tx, body.parentId);
    if (!parent || !dispatches(actor, parent)) throw outOfScope('parentId', '主工单不存在或不在您的管理范围内');
    if (parent.status === 'merged') throw invalidField('parentId', '主工单本身已被合并');
    await endCurrentStage(c.tx, c, c.order, 'merged', true);
    const resolvedAlready = ['resolved', 'followed_up', 'closed'].includes(parent.status);
    await updateOrder(c.tx, id, {
      status: resolvedAlready ? 'resolved' : 'merged',
      parent_id: parent.id,
      current_stage_id: null,
      level: parent.level,
      unit_region_code: null,
      unit_department_id: null,
      ...(resolvedAlready
        ? { resolved_at: c.now, resolution: parent.resolution, closed_level: parent.closed_level, follow_up_due: c.calendar.deadline(c.now, 'P1WD') }
        : {}),
      updated_at: c.now,
    });
    await appendEvent(c.tx, c, c.order, 'merge', { note: body.note, details: { parent: parent.number } });
    await appendEvent(c.tx, c, parent, 'merged_in', { note: body.note, details: { child: c.order.number } });
  });
}
