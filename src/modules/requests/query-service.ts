import { can } from '../../platform/accounts/policy.js';
import { dbContext, type Actor } from '../../platform/actor.js';
import { appendAudit } from '../../platform/audit/service.js';
import { SYSTEM_CONTEXT, withContext, type Tx } from '../../platform/db/context.js';
import type { Deps } from '../../platform/deps.js';
import { AppError, notFound, outOfScope } from '../../platform/errors.js';
import { listOwnerFiles, openOwnerFile, type FileContent } from '../../platform/files/index.js';
import { maskPersonalNumbers } from '../../platform/mask.js';
import { revealReason, revealWithinLimits } from '../../platform/reveal/service.js';
import { toOffsetIso } from '../../platform/time.js';
import { maskPhone } from '../../platform/mask.js';
import { lookupDigest, normalizePhone, reveal } from '../people/index.js';
import { countUnread, countWhistleCalls, isWhistledTo, listNotifications, listWhistleCalls, markNotificationRead, orderParts } from './detail-store.js';
import { queryCodeHash } from './intake-service.js';
import { PHOTO_USAGES, WORK_ORDER_FILES } from './photos.js';
import { authorize, dispatches, inScope, onUnit, seesOrder, whistleable } from './policy.js';
import { presentOrder, presentWhistleCall } from './presenter.js';
import type { CallerHistory, Inbox, PublicOrder, WhistleBoard, WorkOrderDetail, WorkOrderPage, WorkOrderQuery } from './schema.js';
import { subcategory } from './taxonomy/index.js';
import { COUNT_CAP, findDuplicateCandidates, findOrderByNumber, getOrderRow, listEvents, listOrders, type OrderFilter, type OrderListRow } from './store.js';

const CHINA_DAY_START = (day: string) => new Date(`${day}T00:00:00+08:00`);
const nextDay = (day: string) => new Date(CHINA_DAY_START(day).getTime() + 86_400_000);

/** The units an actor answers for: their department, or the offices (and, for a grid worker, grids) of their region. */
export async function unitsOf(tx: Tx, actor: Actor): Promise<{ regionCodes: string[]; departmentId: string | null }> {
  if (actor.role === 'department_staff') return { regionCodes: [], departmentId: actor.departmentId };
  if (actor.role === 'grid_worker') {
    const assigned = await tx.selectFrom('grid_workers').select('grid_code').where('user_id', '=', actor.userId).execute();
    const grids = assigned.length
      ? assigned.map((g) => g.grid_code)
      : (await tx.selectFrom('grids').select('code').where('village_code', '=', actor.regionCode).execute()).map((g) => g.code);
    return { regionCodes: grids, departmentId: null };
  }
  return { regionCodes: [actor.regionCode], departmentId: null };
}

/** The list filter that keeps a department officer to their department's orders (RLS does the same). */
function scopeFilter(actor: Actor): OrderFilter {
  return actor.role === 'department_staff' ? {} : { scopePath: actor.scopePath || undefined };
}

export async function searchWorkOrders(deps: Deps, actor: Actor, q: WorkOrderQuery): Promise<WorkOrderPage> {
  authorize(actor, 'requests.read');
  return withContext(deps.db, dbContext(actor), async (tx) => {
    const f = await orderFilterOf(tx, deps, actor, q);
    const { rows, total, totalCapped, next } = await listOrders(tx, f, { limit: q.pageSize, offset: (q.page - 1) * q.pageSize, after: q.after });
    const now = deps.clock.now();
    return { items: rows.map((r) => presentOrder(r, deps.config, now)), total, totalCapped, next };
  });
}

/** The list's filter for a query: its filters within the actor's scope (a region out of scope is refused, naming the field). */
export async function orderFilterOf(tx: Tx, deps: Deps, actor: Actor, q: Omit<WorkOrderQuery, 'page' | 'pageSize' | 'after'>): Promise<OrderFilter> {
  const f: OrderFilter = {
    ...scopeFilter(actor),
    status: q.status,
    categoryCode: q.categoryCode,
    channel: q.channel,
    supervised: q.supervised,
    q: q.q?.trim() || undefined,
  };
  if (q.regionCode) {
    const r = await tx.selectFrom('regions').select('path').where('code', '=', q.regionCode).executeTakeFirst();
    if (!r || (actor.role !== 'department_staff' && !inScope(actor, r.path))) throw outOfScope('regionCode', '区划不存在或不在您的管理范围内');
    f.scopePath = r.path;
  }
  if (q.mine) {
    const units = await unitsOf(tx, actor);
    if (units.departmentId) f.unitDepartmentId = units.departmentId;
    else f.unitRegionCodes = units.regionCodes;
  }
  if (q.overdue) f.overdueAt = deps.clock.now();
  if (q.from) f.from = CHINA_DAY_START(q.from);
  if (q.to) f.to = nextDay(q.to);
  return f;
}

/** Loads an order the actor may see, or 404 (never 403: its existence is not disclosed). */
export async function visibleOrder(tx: Tx, actor: Actor, id: string): Promise<{ row: OrderListRow; whistled: boolean }> {
  const row = await getOrderRow(tx, id);
  const whistled = row ? await isWhistledTo(tx, id, actor.role === 'department_staff' ? actor.departmentId : null) : false;
  if (!row || !seesOrder(actor, row, whistled)) throw notFound('工单', id);
  return { row, whistled };
}

/** What the actor may do next; the service checks each again when asked. */
export function allowedActions(actor: Actor, row: OrderListRow, parts: { stages: { id: string; path: string }[]; extensions: { status: string }[] }): string[] {
  const out: string[] = [];
  const stage = parts.stages.find((s) => s.id === row.current_stage_id);
  const mine = stage ? onUnit(actor, row, stage.path) : false;
  const dispatcher = dispatches(actor, row);
  const active = ['dispatched', 'signed', 'in_progress'].includes(row.status);
  if (dispatcher && ['triage', 'accepted'].includes(row.status)) out.push('dispatch');
  if (dispatcher && active) out.push('dispatch', 'supervise');
  if (mine && row.status === 'dispatched') out.push('sign');
  // 签收 comes first: progress notes and 办结 are offered once the unit has signed for the order.
  if (mine && active && !row.return_pending)
    out.push(...(row.status === 'dispatched' ? ['return', 'extension'] : ['progress', 'return', 'extension', 'resolve']));
  if ((mine || dispatcher) && active && row.level !== 'county' && !row.unit_department_id) out.push('escalate');
  if (active && can(actor, 'requests.whistle') && inScope(actor, row.path) && whistleable(row)) out.push('whistle');
  if (dispatcher && row.return_pending) out.push('review-return');
  if (dispatcher && active && parts.extensions.some((e) => e.status === 'pending')) out.push('review-extension');
  if (can(actor, 'requests.follow_up') && inScope(actor, row.path) && row.status === 'resolved') out.push('follow-up');
  if (dispatcher && row.status === 'followed_up') out.push('close', 'reopen');
  if (dispatcher && !['closed', 'merged'].includes(row.status)) out.push('merge');
  if (can(actor, 'requests.reveal') && row.requester_phone_enc) out.push('reveal-contact');
  return [...new Set(out)];
}

export async function orderDetail(tx: Tx, deps: Deps, actor: Actor, id: string): Promise<WorkOrderDetail> {
  const { row } = await visibleOrder(tx, actor, id);
  const now = deps.clock.now();
  const parts = await orderParts(tx, id);
  const { events, stages, calls, extensions, followUps, children } = parts;
  const photos = await listOwnerFiles(tx, WORK_ORDER_FILES, id, 'photo');
  return {
    ...presentOrder(row, deps.config, now),
    timeline: events.map((e) => ({
      id: e.id,
      at: toOffsetIso(e.occurred_at),
      action: e.action,
      actorName: e.actor_name,
      unitName: e.unit_name,
      note: maskPersonalNumbers(e.note),
      details: e.details,
    })),
    stages: stages.map((s) => ({
      id: s.id,
      seq: s.seq,
      level: s.level,
      unitName: s.unit_name ?? '',
      startedAt: toOffsetIso(s.started_at),
      signForDue: toOffsetIso(s.sign_for_due),
      resolveDue: toOffsetIso(s.resolve_due),
      signedAt: s.signed_at ? toOffsetIso(s.signed_at) : null,
      endedAt: s.ended_at ? toOffsetIso(s.ended_at) : null,
      endReason: s.end_reason,
      excused: s.excused,
    })),
    whistleCalls: calls.map((c) => presentWhistleCall(c, now)),
    extensions: extensions.map((e) => ({
      id: e.id,
      orderId: e.order_id,
      days: e.days,
      reason: maskPersonalNumbers(e.reason),
      status: e.status,
      requestedAt: toOffsetIso(e.requested_at),
      decidedAt: e.decided_at ? toOffsetIso(e.decided_at) : null,
      decisionNote: maskPersonalNumbers(e.decision_note),
    })),
    followUps: followUps.map((f) => ({
      id: f.id,
      contacted: f.contacted,
      resolved: f.resolved,
      satisfaction: f.satisfaction,
      comment: maskPersonalNumbers(f.comment),
      createdAt: toOffsetIso(f.created_at),
    })),
    photos: photos.map((p) => ({ id: p.id, contentType: p.contentType, bytes: p.bytes })),
    children: children.map((c) => ({ id: c.id, number: c.number })),
    allowedActions: allowedActions(actor, row, parts),
  };
}

export async function getWorkOrder(deps: Deps, actor: Actor, id: string): Promise<WorkOrderDetail> {
  authorize(actor, 'requests.read');
  return withContext(deps.db, dbContext(actor), (tx) => orderDetail(tx, deps, actor, id));
}

/** One photo of an order the actor sees, from the platform file store. */
export async function getPhoto(deps: Deps, actor: Actor, id: string, photoId: string): Promise<FileContent> {
  authorize(actor, 'requests.read');
  return withContext(deps.db, dbContext(actor), async (tx) => {
    await visibleOrder(tx, actor, id);
    const file = await openOwnerFile(tx, deps, WORK_ORDER_FILES, id, photoId).catch((err: unknown) => {
      throw err instanceof AppError && err.code === 'NOT_FOUND' ? notFound('照片', photoId) : err;
    });
    if (!PHOTO_USAGES.includes(file.meta.usage)) throw notFound('照片', photoId);
    return file;
  });
}

export async function duplicatesOf(deps: Deps, actor: Actor, id: string): Promise<WorkOrderPage> {
  authorize(actor, 'requests.read');
  return withContext(deps.db, dbContext(actor), async (tx) => {
    const { row } = await visibleOrder(tx, actor, id);
    if (!row.category_code) return { items: [], total: 0 };
    const created = new Date(row.created_at);
    const found = await findDuplicateCandidates(tx, {
      excludeId: id,
      categoryCode: row.category_code,
      since: new Date(created.getTime() - deps.config.duplicateDays * 86_400_000),
      lat: row.lat,
      lng: row.lng,
      meters: deps.config.duplicateMeters,
      villageCode: row.village_code,
      description: row.description,
      minSimilarity: 0.45,
    });
    const { rows } = await listOrders(tx, { ...scopeFilter(actor), ids: found.map((f) => f.id) }, { limit: 10, offset: 0 });
    const now = deps.clock.now();
    return { items: rows.map((r) => presentOrder(r, deps.config, now)), total: rows.length };
  });
}

/** The hotline console's caller lookup: this number's earlier requests; three or more in 30 days is a repeat caller. */
export async function callerHistory(deps: Deps, actor: Actor, rawPhone: string): Promise<CallerHistory> {
  authorize(actor, 'requests.intake');
  const phone = normalizePhone(rawPhone, 'phone');
  const hash = lookupDigest(deps.config, 'phone', phone);
  return withContext(deps.db, dbContext(actor), async (tx) => {
    const { rows, total } = await listOrders(tx, { ...scopeFilter(actor), phoneHash: hash }, { limit: 10, offset: 0 });
    const now = deps.clock.now();
    const monthAgo = now.getTime() - 30 * 86_400_000;
    const recent = rows.filter((r) => new Date(r.created_at).getTime() >= monthAgo).length;
    await appendAudit(tx, deps.clock, actor, { action: 'work_order.caller_lookup', targetType: 'phone', details: { phone: maskPhone(phone), found: total } });
    return { phone: maskPhone(phone), repeatCaller: recent >= 3, total, recent: rows.map((r) => presentOrder(r, deps.config, now)) };
  });
}

/** The requester's full phone number, for a stated reason (real text), audited, within the per-user reveal limits. */
export async function revealContact(deps: Deps, actor: Actor, id: string, rawReason: string): Promise<{ phone: string | null }> {
  authorize(actor, 'requests.reveal');
  const reason = revealReason(rawReason);
  const target = { action: 'work_order.reveal_contact', targetType: 'work_order', targetId: id, field: 'requesterPhone' };
  return revealWithinLimits(deps, actor, target, async (tx) => {
    const { row } = await visibleOrder(tx, actor, id);
    const phone = row.requester_phone_enc ? reveal(deps.config, row.requester_phone_enc) : null;
    await appendAudit(tx, deps.clock, actor, {
      action: 'work_order.reveal_contact',
      targetType: 'work_order',
      targetId: id,
      details: { reason, number: row.number },
    });
    return { phone };
  });
}

const INBOX_SIZE = 50;

/** A unit's inbox: new orders to sign for, due soon (within a day), overdue, whistles to answer, and for dispatchers what waits on them. */
export async function getInbox(deps: Deps, actor: Actor): Promise<Inbox> {
  authorize(actor, 'requests.read');
  const now = deps.clock.now();
  return withContext(deps.db, dbContext(actor), async (tx) => {
    const units = await unitsOf(tx, actor);
    const unit: OrderFilter = units.departmentId ? { unitDepartmentId: units.departmentId } : { unitRegionCodes: units.regionCodes };
    const page = { limit: INBOX_SIZE, offset: 0 };
    const present = (r: { rows: OrderListRow[]; total: number }) => r.rows.map((x) => presentOrder(x, deps.config, now));
    const fresh = await listOrders(tx, { ...unit, status: 'dispatched' }, page, 'due');
    const dueSoon = await listOrders(tx, { ...unit, dueBefore: new Date(now.getTime() + 86_400_000) }, page, 'due');
    const overdue = await listOrders(tx, { ...unit, overdueAt: now }, page, 'due');
    const dispatcher = can(actor, 'requests.dispatch');
    const scoped = scopeFilter(actor);
    const empty = { rows: [], total: 0, totalCapped: false, next: null };
    const returns = dispatcher ? await listOrders(tx, { ...scoped, returnPending: true }, page, 'due') : empty;
    const extensions = dispatcher ? await listOrders(tx, { ...scoped, hasPendingExtension: true }, page, 'due') : empty;
    const triage = dispatcher ? await listOrders(tx, { ...scoped, status: 'triage' }, page) : empty;
    const accepted = dispatcher ? await listOrders(tx, { ...scoped, status: 'accepted' }, page) : empty;
    const followUps = can(actor, 'requests.follow_up') ? await listOrders(tx, { ...scoped, status: 'resolved' }, page, 'due') : empty;
    const calls = units.departmentId
      ? await listWhistleCalls(tx, { departmentId: units.departmentId, open: true })
      : actor.role === 'county_staff'
        ? await listWhistleCalls(tx, { regionCode: actor.regionCode, open: true })
        : [];
    const nf = units.departmentId ? { departmentId: units.departmentId } : { unitRegionCodes: units.regionCodes };
    const notifications = await listNotifications(tx, nf);
    const unitName =
      actor.role === 'department_staff'
        ? ((await tx.selectFrom('departments').select('name').where('id', '=', actor.departmentId).executeTakeFirst())?.name ?? '')
        : ((await tx.selectFrom('regions').select('name').where('code', '=', actor.regionCode).executeTakeFirst())?.name ?? actor.displayName);
    return {
      unitName,
      counts: {
        new: fresh.total,
        dueSoon: dueSoon.total,
        overdue: overdue.total,
        whistles: calls.length,
        returns: returns.total,
        extensions: extensions.total,
        followUps: followUps.total,
        triage: triage.total + accepted.total,
        unreadNotifications: await countUnread(tx, nf),
      },
      new: present(fresh),
      dueSoon: present(dueSoon),
      overdue: present(overdue),
      whistles: calls.map((c) => presentWhistleCall(c, now)),
      returns: present(returns),
      extensions: present(extensions),
      followUps: present(followUps),
      triage: [...present(triage), ...present(accepted)],
      notifications: notifications.map((n) => ({
        id: n.id,
        kind: n.kind,
        message: maskPersonalNumbers(n.message),
        orderId: n.order_id,
        createdAt: toOffsetIso(n.created_at),
        read: n.read_at !== null,
      })),
    };
  });
}

export async function readNotification(deps: Deps, actor: Actor, id: string): Promise<void> {
  authorize(actor, 'requests.read');
  await withContext(deps.db, dbContext(actor), async (tx) => {
    if ((await markNotificationRead(tx, id, deps.clock.now())) === 0) {
      const seen = await tx.selectFrom('notifications').select('id').where('id', '=', id).executeTakeFirst();
      if (!seen) throw notFound('通知', id);
    }
  });
}

/** The whistle board: calls in the actor's area (a township's, the county's) or to the actor's department. */
export async function whistleBoard(deps: Deps, actor: Actor, openOnly: boolean): Promise<WhistleBoard> {
  authorize(actor, 'requests.read');
  const now = deps.clock.now();
  return withContext(deps.db, dbContext(actor), async (tx) => {
    const filter = actor.role === 'department_staff' ? { departmentId: actor.departmentId!, open: openOnly } : { scopePath: actor.scopePath, open: openOnly };
    const rows = await listWhistleCalls(tx, filter);
    const n = await countWhistleCalls(tx, filter, COUNT_CAP);
    return { items: rows.map((r) => presentWhistleCall(r, now)), total: Math.min(n, COUNT_CAP), totalCapped: n > COUNT_CAP };
  });
}

/** Public tracking by number and query code: status and timeline with unit names only, no people. */
export async function trackPublic(deps: Deps, number: string, code: string): Promise<PublicOrder> {
  return withContext(deps.db, SYSTEM_CONTEXT, async (tx) => {
    const row = await findOrderByNumber(tx, number.trim());
    if (!row || row.query_code_hash !== queryCodeHash(code.trim())) throw new AppError('NOT_FOUND', '工单号或查询码不正确', { field: 'code' });
    const events = await listEvents(tx, row.id);
    const sub = row.category_code ? subcategory(row.category_code) : undefined;
    return {
      number: row.number,
      status: row.status,
      categoryName: sub?.name ?? null,
      createdAt: toOffsetIso(row.created_at),
      resolvedAt: row.resolved_at ? toOffsetIso(row.resolved_at) : null,
      resolution: maskPersonalNumbers(row.resolution),
      timeline: events.map((e) => ({ at: toOffsetIso(e.occurred_at), action: e.action, unitName: e.unit_name })),
    };
  });
}
