import { sql, type Insertable } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import { eventsQuery, stagesQuery } from './store.js';
import type { Tx } from '../../platform/db/context.js';
import { withDates } from '../../platform/db/json-agg.js';
import type { WhistleCallRow } from './presenter.js';
import type { ExtensionRequestsTable, FollowUpsTable, WhistleCallsTable, WhistlesTable } from './tables.js';

export interface CallFilter {
  orderId?: string;
  departmentId?: string;
  regionCode?: string;
  scopePath?: string;
  /** Not yet done (no part recorded). */
  open?: boolean;
  ids?: string[];
}

function callQuery(tx: Tx, f: CallFilter) {
  let q = tx.selectFrom('whistle_calls as c').innerJoin('whistles as w', 'w.id', 'c.whistle_id').innerJoin('work_orders as o', 'o.id', 'c.order_id');
  if (f.orderId) q = q.where('c.order_id', '=', f.orderId);
  if (f.departmentId) q = q.where('c.department_id', '=', f.departmentId);
  if (f.regionCode) q = q.where('c.region_code', '=', f.regionCode);
  if (f.scopePath) q = q.where(sql<boolean>`c.path <@ ${f.scopePath}::ltree`);
  if (f.open) q = q.where('c.part_done_at', 'is', null);
  if (f.ids) q = q.where('c.id', 'in', f.ids.length ? f.ids : ['00000000-0000-0000-0000-000000000000']);
  return q;
}

/** Calls by report deadline; `after` (a call's id) gives the calls after that one, for exports that page by keyset. */
export async function listWhistleCalls(tx: Tx, f: CallFilter, limit = 200, after?: string): Promise<WhistleCallRow[]> {
  return whistleCallsQuery(tx, f, limit, after).execute();
}

export function whistleCallsQuery(tx: Tx, f: CallFilter, limit = 200, after?: string) {
  let q = callQuery(tx, f);
  // Keyset on the exact stored deadline read back, not a millisecond copy of it.
  if (after) q = q.where(sql<boolean>`(c.report_due, c.id) > (SELECT a.report_due, a.id FROM whistle_calls a WHERE a.id = ${after}::uuid)`);
  return q
    .leftJoin('departments as d', 'd.id', 'c.department_id')
    .leftJoin('regions as r', 'r.code', 'c.region_code')
    .select([
      'c.id',
      'c.whistle_id',
      'c.order_id',
      'o.number as order_number',
      'o.title as order_title',
      sql<string | null>`coalesce(d.name, r.name)`.as('unit_name'),
      'c.department_id',
      'c.region_code',
      'w.reason',
      'w.created_at as called_at',
      'c.report_due',
      'c.reported_at',
      'c.report_note',
      'c.part_done_at',
      'c.part_note',
    ])
    .orderBy('c.report_due')
    .orderBy('c.id')
    .limit(limit);
}

/** How many calls match, counted up to `cap` (the board shows at most 200 and says how many there are). */
export async function countWhistleCalls(tx: Tx, f: CallFilter, cap: number): Promise<number> {
  const { n } = await tx
    .selectFrom(
      callQuery(tx, f)
        .select(sql<number>`1`.as('one'))
        .limit(cap + 1)
        .as('x'),
    )
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(n);
}

export async function lockWhistleCall(tx: Tx, orderId: string, callId: string) {
  return tx.selectFrom('whistle_calls').selectAll().where('id', '=', callId).where('order_id', '=', orderId).forUpdate().executeTakeFirst();
}

export async function updateWhistleCall(tx: Tx, id: string, patch: Partial<Insertable<WhistleCallsTable>>): Promise<void> {
  await tx.updateTable('whistle_calls').set(patch).where('id', '=', id).execute();
}

export async function insertWhistle(tx: Tx, whistle: Insertable<WhistlesTable>, calls: Insertable<WhistleCallsTable>[]): Promise<void> {
  await tx.insertInto('whistles').values(whistle).execute();
  if (calls.length) await tx.insertInto('whistle_calls').values(calls).execute();
}

export async function isWhistledTo(tx: Tx, orderId: string, departmentId: string | null): Promise<boolean> {
  if (!departmentId) return false;
  const r = await tx.selectFrom('whistle_calls').select('id').where('order_id', '=', orderId).where('department_id', '=', departmentId).executeTakeFirst();
  return r !== undefined;
}

const extensionsQuery = (tx: Tx, orderId: string) => tx.selectFrom('extension_requests').selectAll().where('order_id', '=', orderId).orderBy('requested_at');

export async function pendingExtension(tx: Tx, orderId: string) {
  return tx.selectFrom('extension_requests').selectAll().where('order_id', '=', orderId).where('status', '=', 'pending').forUpdate().executeTakeFirst();
}

export async function insertExtension(tx: Tx, row: Insertable<ExtensionRequestsTable>): Promise<void> {
  await tx.insertInto('extension_requests').values(row).execute();
}

export async function decideExtension(
  tx: Tx,
  id: string,
  patch: { status: 'approved' | 'refused'; decided_by: string | null; decided_at: Date; decision_note: string | null },
) {
  await tx.updateTable('extension_requests').set(patch).where('id', '=', id).execute();
}

export async function insertFollowUp(tx: Tx, row: Insertable<FollowUpsTable>): Promise<void> {
  await tx.insertInto('follow_ups').values(row).execute();
}

const followUpsQuery = (tx: Tx, orderId: string) => tx.selectFrom('follow_ups').selectAll().where('order_id', '=', orderId).orderBy('created_at');

export async function listChildren(tx: Tx, parentId: string) {
  return tx.selectFrom('work_orders').selectAll().where('parent_id', '=', parentId).orderBy('created_at').execute();
}

/**
 * Everything the order page shows under the order, in one statement: the timeline, the stages, the
 * whistle calls, extension requests, follow-ups and the orders merged into it. The order page and
 * every action's answer read them together (they were seven statements).
 */
export async function orderParts(tx: Tx, orderId: string) {
  const r = await tx
    .selectNoFrom([
      jsonArrayFrom(eventsQuery(tx, orderId)).as('events'),
      jsonArrayFrom(stagesQuery(tx, orderId)).as('stages'),
      jsonArrayFrom(whistleCallsQuery(tx, { orderId })).as('calls'),
      jsonArrayFrom(extensionsQuery(tx, orderId)).as('extensions'),
      jsonArrayFrom(followUpsQuery(tx, orderId)).as('follow_ups'),
      jsonArrayFrom(tx.selectFrom('work_orders').select(['id', 'number']).where('parent_id', '=', orderId).orderBy('created_at')).as('children'),
    ])
    .executeTakeFirstOrThrow();
  return {
    events: withDates(r.events, ['occurred_at']),
    stages: withDates(r.stages, ['started_at', 'sign_for_due', 'resolve_due', 'signed_at', 'ended_at']),
    calls: withDates(r.calls, ['called_at', 'report_due', 'reported_at', 'part_done_at']),
    extensions: withDates(r.extensions, ['requested_at', 'decided_at']),
    followUps: withDates(r.follow_ups, ['created_at']),
    children: r.children,
  };
}

export interface NotificationFilter {
  unitRegionCodes?: string[];
  departmentId?: string;
  unreadOnly?: boolean;
}

export async function listNotifications(tx: Tx, f: NotificationFilter, limit = 50) {
  let q = tx.selectFrom('notifications').select(['id', 'kind', 'message', 'order_id', 'created_at', 'read_at']);
  if (f.departmentId) q = q.where('unit_department_id', '=', f.departmentId);
  else q = q.where('unit_region_code', 'in', f.unitRegionCodes?.length ? f.unitRegionCodes : ['-']);
  if (f.unreadOnly) q = q.where('read_at', 'is', null);
  return q.orderBy('created_at', 'desc').limit(limit).execute();
}

export async function countUnread(tx: Tx, f: NotificationFilter): Promise<number> {
  let q = tx
    .selectFrom('notifications')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('read_at', 'is', null);
  if (f.departmentId) q = q.where('unit_department_id', '=', f.departmentId);
  else q = q.where('unit_region_code', 'in', f.unitRegionCodes?.length ? f.unitRegionCodes : ['-']);
  return Number((await q.executeTakeFirstOrThrow()).n);
}

export async function markNotificationRead(tx: Tx, id: string, at: Date): Promise<number> {
  const r = await tx.updateTable('notifications').set({ read_at: at }).where('id', '=', id).where('read_at', 'is', null).executeTakeFirst();
  return Number(r.numUpdatedRows);
}
