import { sql, type Insertable } from 'kysely';
import type { Tx } from '../../platform/db/context.js';
import type { RedemptionChannel, RedemptionStatus } from './kinds.js';
import type { PointsRedemptionClosuresTable } from './tables.js';

// The SQL of a redemption's end: the shop's list of redemptions with their state, and the closure
// row (handed over or cancelled) that ends one exactly once.

export interface RedemptionRow {
  id: string;
  item_id: string;
  item_name: string;
  village_code: string;
  account_id: string;
  path: string;
  quantity: number;
  points: number;
  channel: RedemptionChannel;
  household_id: string | null;
  resident_id: string | null;
  holder_name: string;
  created_at: Date;
  actor_name: string;
  closure: 'handover' | 'cancel' | null;
  reason: string | null;
  closed_at: Date | null;
  closed_by: string | null;
}

const redemptionFrom = sql`SELECT d.id, d.item_id, i.name AS item_name, i.village_code, d.account_id, d.path::text AS path, d.quantity, d.points,
    d.channel, a.household_id, a.resident_id,
    coalesce((SELECT r.name FROM residents r WHERE r.id = a.resident_id),
             (SELECT r.name FROM households h JOIN residents r ON r.id = h.head_resident_id WHERE h.id = a.household_id), '') AS holder_name,
    d.created_at, d.actor_name, c.kind AS closure, c.reason, c.created_at AS closed_at, c.actor_name AS closed_by
  FROM points_redemptions d JOIN points_shop_items i ON i.id = d.item_id JOIN points_accounts a ON a.id = d.account_id
    LEFT JOIN points_redemption_closures c ON c.redemption_id = d.id`;

export async function findRedemption(tx: Tx, id: string): Promise<RedemptionRow | undefined> {
  const { rows } = await sql<RedemptionRow>`${redemptionFrom} WHERE d.id = ${id}`.execute(tx);
  return rows[0];
}

const statusFilter = (status: RedemptionStatus | undefined) =>
  status === 'waiting'
    ? sql`AND c.redemption_id IS NULL`
    : status === 'handed_over'
      ? sql`AND c.kind = 'handover'`
      : status === 'cancelled'
        ? sql`AND c.kind = 'cancel'`
        : sql``;

/** A village's redemptions, newest first. */
export async function listRedemptions(tx: Tx, villageCode: string, status: RedemptionStatus | undefined, limit: number): Promise<RedemptionRow[]> {
  const { rows } = await sql<RedemptionRow>`${redemptionFrom} WHERE i.village_code = ${villageCode} ${statusFilter(status)}
    ORDER BY d.created_at DESC, d.id DESC LIMIT ${limit}`.execute(tx);
  return rows;
}

/** A member account's redemptions, newest first (the resident's own list). */
export async function redemptionsOfAccount(tx: Tx, accountId: string, limit: number): Promise<RedemptionRow[]> {
  const { rows } = await sql<RedemptionRow>`${redemptionFrom} WHERE d.account_id = ${accountId} ORDER BY d.created_at DESC, d.id DESC LIMIT ${limit}`.execute(
    tx,
  );
  return rows;
}

/** Ends a redemption; a second end (a race) fails on the primary key. */
export async function insertClosure(tx: Tx, row: Insertable<PointsRedemptionClosuresTable>): Promise<void> {
  await tx.insertInto('points_redemption_closures').values(row).execute();
}
