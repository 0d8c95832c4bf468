import { sql, type Insertable, type Kysely, type Selectable, type Updateable } from 'kysely';
import type { DB } from '../../platform/db/tables.js';
import type { Tx } from '../../platform/db/context.js';
import { likePrefix } from '../../platform/db/like.js';
import type { NotificationsTable, WorkOrderEventsTable, WorkOrdersTable, WorkOrderStagesTable } from './tables.js';

export type OrderRow = Selectable<WorkOrdersTable>;
export type StageRow = Selectable<WorkOrderStagesTable>;
export type OrderListRow = OrderRow & { unit_name: string | null; village_name: string | null; township_name: string | null };

const within = (column: string, scopePath: string) => sql<boolean>`${sql.ref(column)} <@ ${scopePath}::ltree`;

/**
 * The name of the unit an order or stage is with: a department, a grid, or a region office.
 * One correlated lookup, so lists need no second query.
 */
const unitNameOf = (regionColumn: string, departmentColumn: string) =>
  sql<string | null>`coalesce(
    (SELECT d.name FROM departments d WHERE d.id = ${sql.ref(departmentColumn)}),
    (SELECT g.name FROM grids g WHERE g.code = ${sql.ref(regionColumn)}),
    (SELECT r.name FROM regions r WHERE r.code = ${sql.ref(regionColumn)}))`;

/**
 * Takes the next number of the day for a county (522631-20261123-00042) in a statement of its own,
 * outside any transaction: the counter row is locked only while this one statement commits, so
 * concurrent reports don't queue on it. A number taken for a report whose transaction then fails
 * (or that turns out to be a retry of an earlier report) stays unused: a day's numbers can have gaps.
 */
export async function takeOrderSeq(db: Kysely<DB>, countyCode: string, day: string): Promise<number> {
  const row = await db
    .insertInto('work_order_counters')
    .values({ county_code: countyCode, day, last: 1 })
    .onConflict((oc) => oc.columns(['county_code', 'day']).doUpdateSet({ last: sql`work_order_counters.last + 1` }))
    .returning('last')
    .executeTakeFirstOrThrow();
  return row.last;
}

export async function insertOrder(tx: Tx, row: Insertable<WorkOrdersTable>): Promise<void> {
  await tx.insertInto('work_orders').values(row).execute();
}

/**
 * A new order, then what comes with it — its timeline entries and, when intake could route it,
 * its first stage and the unit's notice — in one more statement (round trips are what a write
 * costs; WITH inserts always run to completion). Two statements, not one: the row-level policies
 * of events, stages and notices look the order up, and a statement does not see its own rows.
 */
export async function insertNewOrder(
  tx: Tx,
  rows: {
    order: Insertable<WorkOrdersTable>;
    events: Insertable<WorkOrderEventsTable>[];
    dispatch?: { stage: Insertable<WorkOrderStagesTable>; notice: Insertable<NotificationsTable> };
  },
): Promise<void> {
  const { order, events, dispatch } = rows;
  await tx.insertInto('work_orders').values(order).execute();
  if (!dispatch) return void (await tx.insertInto('work_order_events').values(events).execute());
  await tx
    .with('new_events', (db) => db.insertInto('work_order_events').values(events))
    .with('new_stage', (db) => db.insertInto('work_order_stages').values(dispatch.stage))
    .insertInto('notifications')
    .values(dispatch.notice)
    .execute();
}

export async function updateOrder(tx: Tx, id: string, patch: Updateable<WorkOrdersTable>): Promise<void> {
  await tx.updateTable('work_orders').set(patch).where('id', '=', id).execute();
}

export async function findOrderBySubmitKey(tx: Tx, submitKey: string): Promise<OrderRow | undefined> {
  return tx.selectFrom('work_orders').selectAll().where('submit_key', '=', submitKey).executeTakeFirst();
}

export async function findOrdersByExternalIds(tx: Tx, source: string, ids: string[]): Promise<{ id: string; number: string; external_id: string | null }[]> {
  if (ids.length === 0) return [];
  return tx.selectFrom('work_orders').select(['id', 'number', 'external_id']).where('external_source', '=', source).where('external_id', 'in', ids).execute();
}

/** An order locked for an action: the row lock serializes two clicks on the same order. */
export async function lockOrder(tx: Tx, id: string): Promise<OrderRow | undefined> {
  return tx.selectFrom('work_orders').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function findOrderByNumber(tx: Tx, number: string): Promise<OrderRow | undefined> {
  return tx.selectFrom('work_orders').selectAll().where('number', '=', number).executeTakeFirst();
}

export interface OrderFilter {
  ids?: string[];
  scopePath?: string;
  departmentId?: string;
  status?: string;
  categoryCode?: string;
  channel?: string;
  unitRegionCode?: string;
  unitDepartmentId?: string;
  unitRegionCodes?: string[];
  overdueAt?: Date;
  dueBefore?: Date;
  supervised?: boolean;
  returnPending?: boolean;
  phoneHash?: string;
  q?: string;
  from?: Date;
  to?: Date;
  followUpDue?: boolean;
  parentId?: string;
  hasPendingExtension?: boolean;
}

function orderQuery(tx: Tx, f: OrderFilter) {
  let q = tx.selectFrom('work_orders as o').leftJoin('regions as v', 'v.code', 'o.village_code').leftJoin('regions as t', 't.code', 'o.township_code');
  if (f.ids) q = q.where('o.id', 'in', f.ids.length ? f.ids : ['00000000-0000-0000-0000-000000000000']);
  if (f.scopePath) q = q.where(within('o.path', f.scopePath));
  // 未结案: still being worked on. An order already followed up (回访) waits only for the centre's close and is not listed.
  if (f.status === 'open') q = q.where('o.status', 'not in', ['followed_up', 'closed', 'merged']);
  else if (f.status) q = q.where('o.status', '=', f.status as OrderRow['status']);
  if (f.categoryCode) q = q.where('o.category_code', 'like', likePrefix(f.categoryCode));
  if (f.channel) q = q.where('o.channel', '=', f.channel as OrderRow['channel']);
  if (f.unitRegionCode) q = q.where('o.unit_region_code', '=', f.unitRegionCode);
  if (f.unitRegionCodes) q = q.where('o.unit_region_code', 'in', f.unitRegionCodes.length ? f.unitRegionCodes : ['-']);
  if (f.unitDepartmentId) q = q.where('o.unit_department_id', '=', f.unitDepartmentId);
  if (f.overdueAt) q = q.where('o.status', 'in', ['dispatched', 'signed', 'in_progress']).where('o.resolve_due', '<', f.overdueAt);
  if (f.dueBefore) q = q.where('o.status', 'in', ['dispatched', 'signed', 'in_progress']).where('o.resolve_due', '<', f.dueBefore);
  if (f.supervised !== undefined) q = q.where('o.supervised', '=', f.supervised);
  if (f.returnPending !== undefined) q = q.where('o.return_pending', '=', f.returnPending);
  if (f.phoneHash) q = q.where('o.requester_phone_hash', '=', f.phoneHash);
  if (f.q) {
    // By words on the order's GIN index (migration 0035): each pair of Chinese characters, each
    // run of letters or digits, and symbols such as % when the query has nothing else.
    const text = f.q;
    q = q.where(sql<boolean>`cardinality(search_words(${text}, true)) > 0 AND o.search_words @> search_words(${text}, true)`);
  }
  if (f.from) q = q.where('o.created_at', '>=', f.from);
  if (f.to) q = q.where('o.created_at', '<', f.to);
  if (f.followUpDue) q = q.where('o.status', '=', 'resolved');
  if (f.parentId) q = q.where('o.parent_id', '=', f.parentId);
  if (f.hasPendingExtension)
    q = q.where(({ exists, selectFrom }) =>
      exists(selectFrom('extension_requests as e').select('e.id').whereRef('e.order_id', '=', 'o.id').where('e.status', '=', 'pending')),
    );
  return q;
}

/** Lists count at most this many rows: past it the page says "1,000+" (an exact count over a county's years took seconds). */
export const COUNT_CAP = 1000;

export async function listOrders(
  tx: Tx,
  f: OrderFilter,
  page: { limit: number; offset: number; after?: string },
  order: 'newest' | 'due' = 'newest',
): Promise<{ rows: OrderListRow[]; total: number; totalCapped: boolean; next: string | null }> {
  const { n } = await tx
    .selectFrom(
      orderQuery(tx, f)
        .select(sql<number>`1`.as('one'))
        .limit(COUNT_CAP + 1)
        .as('x'),
    )
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const rows = await orderRows(tx, f, { ...page, limit: page.limit + 1 }, order);
  const more = rows.length > page.limit;
  if (more) rows.pop();
  const last = rows.at(-1);
  return {
    rows,
    total: Math.min(Number(n), COUNT_CAP),
    totalCapped: Number(n) > COUNT_CAP,
    next: more && last && order === 'newest' ? last.id : null,
  };
}

async function orderRows(tx: Tx, f: OrderFilter, page: { limit: number; offset: number; after?: string }, order: 'newest' | 'due'): Promise<OrderListRow[]> {
  let q = orderQuery(tx, f)
    .selectAll('o')
    .select([unitNameOf('o.unit_region_code', 'o.unit_department_id').as('unit_name'), 'v.name as village_name', 't.name as township_name']);
  // Keyset: the rows after the last one shown (its exact timestamp read back, not a rounded copy).
  if (page.after) q = q.where(sql<boolean>`(o.created_at, o.id) < (SELECT a.created_at, a.id FROM work_orders a WHERE a.id = ${page.after}::uuid)`);
  q = order === 'due' ? q.orderBy('o.resolve_due', 'asc').orderBy('o.created_at', 'asc') : q.orderBy('o.created_at', 'desc').orderBy('o.id', 'desc');
  return q
    .limit(page.limit)
    .offset(page.after ? 0 : page.offset)
    .execute();
}

/** One order with its unit and place names; no count, since this runs on every action. */
export async function getOrderRow(tx: Tx, id: string): Promise<OrderListRow | undefined> {
  return (await orderRows(tx, { ids: [id] }, { limit: 1, offset: 0 }, 'newest'))[0];
}

// ---- stages, events ------------------------------------------------------------------

export async function insertStage(tx: Tx, row: Insertable<WorkOrderStagesTable>): Promise<void> {
  await tx.insertInto('work_order_stages').values(row).execute();
}

export async function updateStage(tx: Tx, id: string, patch: Updateable<WorkOrderStagesTable>): Promise<void> {
  await tx.updateTable('work_order_stages').set(patch).where('id', '=', id).execute();
}

export async function findStage(tx: Tx, id: string): Promise<StageRow | undefined> {
  return tx.selectFrom('work_order_stages').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function countStages(tx: Tx, orderId: string): Promise<number> {
  const r = await tx
    .selectFrom('work_order_stages')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('order_id', '=', orderId)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export function stagesQuery(tx: Tx, orderId: string) {
  return tx
    .selectFrom('work_order_stages as s')
    .selectAll('s')
    .select(unitNameOf('s.unit_region_code', 's.unit_department_id').as('unit_name'))
    .where('s.order_id', '=', orderId)
    .orderBy('s.seq');
}

export async function insertEvent(tx: Tx, row: Insertable<WorkOrderEventsTable>): Promise<void> {
  await tx.insertInto('work_order_events').values(row).execute();
}

export function eventsQuery(tx: Tx, orderId: string) {
  return tx.selectFrom('work_order_events').selectAll().where('order_id', '=', orderId).orderBy('occurred_at').orderBy('id');
}

export async function listEvents(tx: Tx, orderId: string) {
  return eventsQuery(tx, orderId).execute();
}

// ---- places and units --------------------------------------------------------------------

export async function regionRow(
  tx: Tx,
  code: string,
): Promise<{ code: string; name: string; path: string; level: string; parent_code: string | null } | undefined> {
  return tx.selectFrom('regions').select(['code', 'name', 'path', 'level', 'parent_code']).where('code', '=', code).executeTakeFirst();
}

export async function gridRow(tx: Tx, code: string): Promise<{ code: string; name: string; path: string; village_code: string } | undefined> {
  return tx.selectFrom('grids').select(['code', 'name', 'path', 'village_code']).where('code', '=', code).executeTakeFirst();
}

export async function departmentRow(tx: Tx, id: string): Promise<{ id: string; code: string; name: string; unit_kind: string | null } | undefined> {
  return tx.selectFrom('departments').select(['id', 'code', 'name', 'unit_kind']).where('id', '=', id).executeTakeFirst();
}

export async function listDepartments(tx: Tx) {
  return tx.selectFrom('departments').select(['id', 'code', 'name', 'unit_kind']).orderBy('code').execute();
}

/**
 * The department that takes a unit kind's orders at a place: the routing rule of the most
 * specific region given (village → township → county), else the first department of that kind
 * by code. One statement.
 */
export async function findRoutedDepartment(tx: Tx, unitKind: string, regionCodes: string[]): Promise<{ id: string; name: string } | undefined> {
  return tx
    .selectFrom('departments as d')
    .select(['d.id', 'd.name'])
    .where(
      'd.id',
      '=',
      sql<string>`coalesce(
        (SELECT r.department_id FROM routing_rules r
          WHERE r.unit_kind = ${unitKind} AND r.region_code = ANY(${regionCodes}::text[])
          ORDER BY array_position(${regionCodes}::text[], r.region_code) LIMIT 1),
        (SELECT k.id FROM departments k WHERE k.unit_kind = ${unitKind} ORDER BY k.code LIMIT 1))`,
    )
    .executeTakeFirst();
}

export async function listRoutingRules(tx: Tx, scopePath: string) {
  return tx
    .selectFrom('routing_rules as r')
    .innerJoin('regions as g', 'g.code', 'r.region_code')
    .innerJoin('departments as d', 'd.id', 'r.department_id')
    .select(['r.id', 'r.region_code', 'g.name as region_name', 'r.unit_kind', 'r.department_id', 'd.name as department_name', 'r.updated_at'])
    .where(within('r.path', scopePath))
    .orderBy('r.region_code')
    .orderBy('r.unit_kind')
    .execute();
}

// ---- duplicates ----------------------------------------------------------------------------

export interface DuplicateProbe {
  excludeId: string | null;
  categoryCode: string;
  since: Date;
  lat: number | null;
  lng: number | null;
  meters: number;
  villageCode: string | null;
  description: string;
  minSimilarity: number;
}

/**
 * Earlier open-or-recent orders in the same subcategory that are near (equirectangular distance,
 * exact enough at a few hundred metres) or say nearly the same thing in the same village.
 */
export async function findDuplicateCandidates(tx: Tx, p: DuplicateProbe): Promise<{ id: string; number: string; reason: string }[]> {
  const near =
    p.lat !== null && p.lng !== null
      ? sql<boolean>`(o.lat IS NOT NULL AND 6371000 * sqrt(power(radians(o.lat - ${p.lat}), 2) + power(radians(o.lng - ${p.lng}) * cos(radians(${p.lat})), 2)) <= ${p.meters})`
      : sql<boolean>`false`;
  const similar = sql<boolean>`(similarity(o.description, ${p.description}) >= ${p.minSimilarity} AND o.village_code IS NOT DISTINCT FROM ${p.villageCode})`;
  const rows = await tx
    .selectFrom('work_orders as o')
    .select(['o.id', 'o.number', near.as('near'), similar.as('similar')])
    .where('o.category_code', '=', p.categoryCode)
    .where('o.created_at', '>=', p.since)
    .where('o.status', '!=', 'merged')
    .where('o.id', '!=', p.excludeId ?? '00000000-0000-0000-0000-000000000000')
    .where(sql<boolean>`(${near} OR ${similar})`)
    .orderBy('o.created_at', 'desc')
    .limit(5)
    .execute();
  return rows.map((r) => ({ id: r.id, number: r.number, reason: r.near ? 'nearby' : 'similar-text' }));
}
