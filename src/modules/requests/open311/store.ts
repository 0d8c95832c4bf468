import { sql, type Insertable } from 'kysely';
import type { Tx } from '../../../platform/db/context.js';
import type { Open311KeysTable, OrderStatus } from '../tables.js';

/** Our statuses that Open311 calls closed; everything else is open. */
export const CLOSED_STATUSES: OrderStatus[] = ['resolved', 'followed_up', 'closed', 'merged'];

/** Timeline actions after which an order is closed (to Open311), and the one that opens it again. */
export const CLOSING_ACTIONS = ['resolve', 'answer', 'close', 'merge'];
export const REOPENING_ACTION = 'reopen';

/** The unit an order is with: a department, a grid, or a region office (as in the requests store). */
const unitName = sql<string | null>`coalesce(
  (SELECT d.name FROM departments d WHERE d.id = o.unit_department_id),
  (SELECT g.name FROM grids g WHERE g.code = o.unit_region_code),
  (SELECT r.name FROM regions r WHERE r.code = o.unit_region_code))`;

/**
 * The columns Open311 may show, plus the requester's name, which the presenter only uses to
 * blank it out of free text. Orders still waiting for a category have no service code and are
 * not listed (a request must name its service).
 */
function publicOrders(tx: Tx) {
  return tx
    .selectFrom('work_orders as o')
    .leftJoin('regions as v', 'v.code', 'o.village_code')
    .leftJoin('regions as t', 't.code', 'o.township_code')
    .leftJoin('work_orders as p', 'p.id', 'o.parent_id')
    .select([
      'o.id',
      'o.number',
      'o.category_code',
      'o.description',
      'o.address',
      'o.lat',
      'o.lng',
      'o.grid_code',
      'o.village_code',
      'o.township_code',
      'v.name as village_name',
      't.name as township_name',
      'o.status',
      unitName.as('unit_name'),
      'o.resolve_due',
      'o.resolved_at',
      'o.closed_at',
      'o.resolution',
      'o.created_at',
      'o.updated_at',
      'o.requester_name',
      'p.number as parent_number',
    ])
    .where('o.category_code', 'is not', null)
    .$narrowType<{ category_code: string }>();
}

export type PublicOrderRow = Awaited<ReturnType<ReturnType<typeof publicOrders>['executeTakeFirstOrThrow']>>;

export interface PublicOrderFilter {
  numbers?: string[];
  categoryCodes?: string[];
  from?: Date;
  to?: Date;
  closed?: boolean;
  limit: number;
  offset: number;
}

/** Newest first; the date window is on requested_datetime (created_at, which is indexed). */
export async function listPublicOrders(tx: Tx, f: PublicOrderFilter): Promise<PublicOrderRow[]> {
  let q = publicOrders(tx);
  if (f.numbers) q = q.where('o.number', 'in', f.numbers.length ? f.numbers : ['-']);
  if (f.categoryCodes) q = q.where('o.category_code', 'in', f.categoryCodes.length ? f.categoryCodes : ['-']);
  if (f.from) q = q.where('o.created_at', '>=', f.from);
  if (f.to) q = q.where('o.created_at', '<=', f.to);
  if (f.closed === true) q = q.where('o.status', 'in', CLOSED_STATUSES);
  if (f.closed === false) q = q.where('o.status', 'not in', CLOSED_STATUSES);
  return q.orderBy('o.created_at', 'desc').orderBy('o.id', 'desc').limit(f.limit).offset(f.offset).execute();
}

export async function findPublicOrder(tx: Tx, by: { number: string } | { id: string }): Promise<PublicOrderRow | undefined> {
  const q = publicOrders(tx);
  return ('number' in by ? q.where('o.number', '=', by.number) : q.where('o.id', '=', by.id)).executeTakeFirst();
}

/**
 * Timeline events in a window, oldest first (a client polls on from the last one it saw), each
 * with the last closing-or-reopening action up to and including it: that says whether the order
 * was open or closed right after the event. One correlated lookup on (order_id, occurred_at).
 */
export async function listOrderEvents(tx: Tx, f: { from: Date; to: Date; limit: number }) {
  const turns = [...CLOSING_ACTIONS, REOPENING_ACTION];
  return tx
    .selectFrom('work_order_events as e')
    .innerJoin('work_orders as o', 'o.id', 'e.order_id')
    .select([
      'e.id',
      'e.occurred_at',
      'e.action',
      'e.unit_name',
      'e.note',
      'o.number',
      'o.category_code',
      'o.requester_name',
      sql<string | null>`(SELECT x.action FROM work_order_events x
        WHERE x.order_id = e.order_id AND x.action IN (${sql.join(turns)})
          AND (x.occurred_at, x.id) <= (e.occurred_at, e.id)
        ORDER BY x.occurred_at DESC, x.id DESC LIMIT 1)`.as('last_turn'),
    ])
    .where('o.category_code', 'is not', null)
    .where('e.occurred_at', '>=', f.from)
    .where('e.occurred_at', '<=', f.to)
    .orderBy('e.occurred_at')
    .orderBy('e.id')
    .limit(f.limit)
    .$narrowType<{ category_code: string }>()
    .execute();
}

export type OrderEventRow = Awaited<ReturnType<typeof listOrderEvents>>[number];

// ---- keys ------------------------------------------------------------------------------------

export async function findActiveKey(tx: Tx, keyHash: string): Promise<{ id: string; name: string } | undefined> {
  return tx.selectFrom('open311_keys').select(['id', 'name']).where('key_hash', '=', keyHash).where('revoked_at', 'is', null).executeTakeFirst();
}

export async function findActiveKeyByName(tx: Tx, name: string): Promise<{ id: string } | undefined> {
  return tx.selectFrom('open311_keys').select('id').where('name', '=', name).where('revoked_at', 'is', null).executeTakeFirst();
}

export async function insertKey(tx: Tx, row: Insertable<Open311KeysTable>): Promise<void> {
  await tx.insertInto('open311_keys').values(row).execute();
}

export async function revokeKeys(tx: Tx, name: string, at: Date): Promise<string[]> {
  const rows = await tx.updateTable('open311_keys').set({ revoked_at: at }).where('name', '=', name).where('revoked_at', 'is', null).returning('id').execute();
  return rows.map((r) => r.id);
}
