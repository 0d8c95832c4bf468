import { uuidv7 } from 'uuidv7';
import { dbContext, type Actor } from '../../platform/actor.js';
import { appendAudit } from '../../platform/audit/service.js';
import { withContext, type Tx } from '../../platform/db/context.js';
import type { Deps } from '../../platform/deps.js';
import { AppError, invalidField, notFound, outOfScope } from '../../platform/errors.js';
import { chinaDate } from '../../platform/time.js';
import { findRegionForUpdate } from '../regions/index.js';
import { decideAccess } from './access-rule.js';
import { authorize, inScope } from './policy.js';
import { presentWorkItem } from './presenter.js';
import type { AccessStats, AccessStatsQuery, AnswerBody, DecideBody, SendResult, SendWorkItemBody, WorkItem, WorkItemPage, WorkItemQuery } from './schema.js';
import {
  accessCounts,
  findDepartment,
  findDutyItem,
  findWorkItems,
  insertVillageData,
  insertWorkItems,
  pageWorkItems,
  updateWorkItem,
  type WorkItemFilter,
  type WorkItemRow,
} from './store.js';

// 事项准入: every task, form, inspection, meeting or data request sent down to a village passes the
// check against the lists (access-rule.ts) here, and nowhere else; the database holds the same
// rule for "delivered" (policy work_items_send, migration 0029).

/** The sending unit: the department, or the township or county office. */
async function senderOf(tx: Tx, actor: Actor): Promise<{ name: string; departmentId: string | null; regionCode: string | null }> {
  if (actor.role === 'department_staff') {
    const dep = actor.departmentId ? await findDepartment(tx, actor.departmentId) : undefined;
    if (!dep) throw invalidField('departmentId', '您的账号未关联职能部门');
    return { name: dep.name, departmentId: dep.id, regionCode: null };
  }
  const region = await findRegionForUpdate(tx, actor.regionCode);
  return { name: region?.name ?? actor.displayName, departmentId: null, regionCode: actor.regionCode };
}

export interface SendInput extends SendWorkItemBody {
  reportId?: string;
  fields?: { key: string; label: string; unit?: string }[];
  periodFrom?: string;
  periodTo?: string;
}

/** Sends one item to each village inside an open transaction; returns the rows written. */
export async function sendInTx(tx: Tx, deps: Deps, actor: Actor, body: SendInput): Promise<WorkItemRow[]> {
  const now = deps.clock.now();
  const today = chinaDate(now);
  if (body.dueOn && body.dueOn < today) throw invalidField('dueOn', '办理期限不能早于今天');
  const duty = body.dutyItemId ? await findDutyItem(tx, body.dutyItemId) : undefined;
  if (body.dutyItemId && !duty) throw invalidField('dutyItemId', '清单事项不存在');
  const sender = await senderOf(tx, actor);
  const batchId = uuidv7();
  const rows = [];
  for (const [i, code] of [...new Set(body.targetRegionCodes)].entries()) {
    const village = await findRegionForUpdate(tx, code);
    if (!village || !inScope(actor, village.path)) throw outOfScope(`targetRegionCodes.${i}`, '村（社区）不存在或不在您的管理范围内');
    if (village.level !== 'village') throw invalidField(`targetRegionCodes.${i}`, `${village.name}不是村（社区）：事项只派发到村（社区）`);
    const decision = decideAccess({ duty, villagePath: village.path, senderDepartmentId: sender.departmentId, exceptionReason: body.exceptionReason, today });
    rows.push({
      id: uuidv7(),
      batch_id: batchId,
      kind: body.kind,
      title: body.title.trim(),
      content: body.content.trim(),
      due_on: body.dueOn ?? null,
      duty_item_id: duty?.id ?? null,
      exception_reason: decision.status === 'held' ? body.exceptionReason!.trim() : (body.exceptionReason?.trim() ?? null),
      sender_user_id: actor.userId,
      sender_name: sender.name,
      sender_department_id: sender.departmentId,
      sender_region_code: sender.regionCode,
      target_region_code: village.code,
      target_path: village.path,
      status: decision.status,
      reason: decision.reason,
      decided_at: now,
      report_id: body.reportId ?? null,
      fields: body.fields ? JSON.stringify(body.fields) : null,
      period_from: body.periodFrom ?? null,
      period_to: body.periodTo ?? null,
      created_at: now,
    });
  }
  await insertWorkItems(tx, rows);
  const counts = { delivered: 0, refused: 0, held: 0 };
  for (const r of rows) counts[r.status] += 1;
  await appendAudit(tx, deps.clock, actor, {
    action: 'duties.work_item.send',
    targetType: 'work_item_batch',
    targetId: batchId,
    after: { kind: body.kind, title: body.title, dutyItemId: duty?.id ?? null, villages: rows.length, ...counts, reportId: body.reportId ?? null },
  });
  return findWorkItems(
    tx,
    rows.map((r) => r.id),
  );
}

/** Sends a work item to villages; each is delivered, refused or held by the lists, and says why. */
export async function sendWorkItems(deps: Deps, actor: Actor, body: SendWorkItemBody): Promise<SendResult> {
  authorize(actor, 'duties.send');
  return withContext(deps.db, dbContext(actor), async (tx) => {
    const rows = await sendInTx(tx, deps, actor, body);
    const count = (s: string) => rows.filter((r) => r.status === s).length;
    return { batchId: rows[0]!.batch_id, delivered: count('delivered'), refused: count('refused'), held: count('held'), items: rows.map(presentWorkItem) };
  });
}

function parseCursor(after: string | undefined): { createdAt: Date; id: string } | undefined {
  if (!after) return undefined;
  const [at, id] = after.split('|');
  const createdAt = new Date(at ?? '');
  if (!id || Number.isNaN(createdAt.getTime()) || !/^[0-9a-f-]{36}$/.test(id)) throw invalidField('after', '翻页位置无效');
  return { createdAt, id };
}

/** A box of work items, newest first, a page at a time (keyset). */
export async function searchWorkItems(deps: Deps, actor: Actor, q: WorkItemQuery): Promise<WorkItemPage> {
  const f = workItemFilterOf(actor, q.box);
  return withContext(deps.db, dbContext(actor), async (tx) => {
    const rows = await pageWorkItems(tx, { ...f, after: parseCursor(q.after), limit: q.pageSize + 1 });
    const page = rows.slice(0, q.pageSize);
    const last = page.at(-1);
    return { items: page.map(presentWorkItem), next: rows.length > q.pageSize && last ? `${last.created_at.toISOString()}|${last.id}` : null };
  });
}

/** A box's filter for the actor, after the checks of who may open it (the list and its export share both). */
export function workItemFilterOf(actor: Actor, box: WorkItemQuery['box']): Omit<WorkItemFilter, 'after' | 'limit'> {
  authorize(actor, 'duties.read');
  if (box === 'sent') authorize(actor, 'duties.send');
  if (actor.role === 'department_staff' && box !== 'sent') throw invalidField('box', '职能部门只能查看本部门发出的事项');
  return {
    box,
    scopePath: actor.scopePath,
    senderDepartmentId: actor.role === 'department_staff' ? actor.departmentId : null,
    senderRegionCode: actor.regionCode,
  };
}

async function visibleItem(tx: Tx, id: string): Promise<WorkItemRow> {
  const [row] = await findWorkItems(tx, [id]);
  if (!row) throw notFound('事项', id);
  return row;
}

export async function getWorkItem(deps: Deps, actor: Actor, id: string): Promise<WorkItem> {
  authorize(actor, 'duties.read');
  return withContext(deps.db, dbContext(actor), async (tx) => presentWorkItem(await visibleItem(tx, id)));
}

/** The county decides a held item: delivered as a reasoned exception with an expiry, or rejected. */
export async function decideWorkItem(deps: Deps, actor: Actor, id: string, body: DecideBody): Promise<WorkItem> {
  authorize(actor, 'duties.manage');
  const now = deps.clock.now();
  return withContext(deps.db, dbContext(actor), async (tx) => {
    const item = await visibleItem(tx, id);
    if (item.status !== 'held') throw new AppError('CONFLICT', '该事项不在待审批状态', { field: 'status' });
    if (body.approve && !body.expiresOn) throw invalidField('expiresOn', '批准例外事项须写明有效期');
    if (body.expiresOn && body.expiresOn < chinaDate(now)) throw invalidField('expiresOn', '有效期不能早于今天');
    const patch = body.approve
      ? { status: 'delivered' as const, reason: `例外事项，县级已批准：${body.note}（有效期至 ${body.expiresOn}）`, exception_expires_on: body.expiresOn! }
      : { status: 'rejected' as const, reason: `例外申请未获县级批准：${body.note}` };
    await updateWorkItem(tx, id, { ...patch, approved_by: actor.userId, approval_note: body.note, decided_at: now });
    const saved = presentWorkItem(await visibleItem(tx, id));
    await appendAudit(tx, deps.clock, actor, {
      action: 'duties.work_item.decide',
      targetType: 'work_item',
      targetId: id,
      before: { status: item.status },
      after: saved,
    });
    return saved;
  });
}

/** A village answers a data request: every field, once; what it enters is kept for the period. */
export async function answerDataRequest(deps: Deps, actor: Actor, id: string, body: AnswerBody): Promise<WorkItem> {
  authorize(actor, 'duties.read');
  if (!['village_cadre', 'grid_worker'].includes(actor.role)) throw invalidField('role', '数据由村（社区）填报');
  const now = deps.clock.now();
  return withContext(deps.db, dbContext(actor), async (tx) => {
    const item = await visibleItem(tx, id);
    if (!inScope(actor, item.target_path)) throw notFound('事项', id);
    if (item.kind !== 'data_request' || !item.fields) throw invalidField('id', '该事项不是数据报送');
    if (item.status !== 'delivered') throw new AppError('CONFLICT', '该事项未下达到本村，无需填报', { field: 'status' });
    if (item.answered_at) throw new AppError('CONFLICT', '该数据已报送，不需要重复填报', { field: 'values' });
    const fields = item.fields as { key: string; label: string }[];
    for (const f of fields) if (body.values[f.key] === undefined) throw invalidField(`values.${f.key}`, `请填写“${f.label}”`);
    await insertVillageData(
      tx,
      fields.map((f) => ({
        region_code: item.target_region_code,
        path: item.target_path,
        datum_key: f.key,
        period_from: item.period_from!,
        period_to: item.period_to!,
        value: body.values[f.key]!,
        work_item_id: item.id,
        entered_by: actor.userId,
        entered_at: now,
      })),
    );
    await updateWorkItem(tx, id, { answered_at: now, answered_by: actor.userId });
    const saved = presentWorkItem(await visibleItem(tx, id));
    await appendAudit(tx, deps.clock, actor, {
      action: 'duties.work_item.answer',
      targetType: 'work_item',
      targetId: id,
      after: { values: Object.fromEntries(fields.map((f) => [f.key, body.values[f.key]])) },
    });
    return saved;
  });
}

/** Work items sent to villages in the actor's area, by sending unit and month. */
export async function accessStats(deps: Deps, actor: Actor, q: AccessStatsQuery): Promise<AccessStats> {
  authorize(actor, 'duties.read');
  if (q.to < q.from) throw invalidField('to', '结束日期不能早于开始日期');
  const from = new Date(`${q.from}T00:00:00+08:00`);
  const to = new Date(new Date(`${q.to}T00:00:00+08:00`).getTime() + 86_400_000);
  return withContext(deps.db, dbContext(actor), async (tx) => ({
    rows: (await accessCounts(tx, actor.scopePath, from, to)).map((r) => ({
      senderName: r.sender_name,
      month: r.month,
      delivered: r.delivered,
      refused: r.refused,
      held: r.held,
      rejected: r.rejected,
    })),
  }));
}
