import { sql, type Insertable } from 'kysely';
import type { Tx } from '../../platform/db/context.js';
import type { AccountKind, RuleCadence } from './kinds.js';
import type { PointsEntriesTable, PointsRulesTable } from './tables.js';

// The SQL of the points ledger: rules, accounts, entries, balances as sums, statements and the
// leaderboard. Reads of households, residents and regions are read-only joins for names and paths.

/** Signed amount of an entry for the member account it concerns. */
const SIGNED = sql<number>`CASE WHEN e.credit_account = e.account_id THEN e.amount ELSE -e.amount END`;

export interface RuleRow {
  id: string;
  region_code: string;
  region_name: string;
  path: string;
  code: string;
  name: string;
  points: number;
  cadence: RuleCadence;
  active: boolean;
}

const ruleColumns = sql`r.id, r.region_code, g.name AS region_name, r.path::text AS path, r.code, r.name, r.points, r.cadence, r.active`;

export async function findRule(tx: Tx, id: string): Promise<RuleRow | undefined> {
  const { rows } = await sql<RuleRow>`SELECT ${ruleColumns} FROM points_rules r JOIN regions g ON g.code = r.region_code WHERE r.id = ${id}`.execute(tx);
  return rows[0];
}

/** Rules that apply in a village: its own and those of the township and county above it. */
export async function rulesFor(tx: Tx, villagePath: string, includeInactive: boolean): Promise<RuleRow[]> {
  const { rows } = await sql<RuleRow>`SELECT ${ruleColumns} FROM points_rules r JOIN regions g ON g.code = r.region_code
    WHERE r.path @> ${villagePath}::ltree ${includeInactive ? sql`` : sql`AND r.active`}
    ORDER BY nlevel(r.path), r.points DESC, r.code`.execute(tx);
  return rows;
}

/** Rules made within a subtree (a township's or county's own list). */
export async function rulesWithin(tx: Tx, scopePath: string): Promise<RuleRow[]> {
  const { rows } = await sql<RuleRow>`SELECT ${ruleColumns} FROM points_rules r JOIN regions g ON g.code = r.region_code
    WHERE r.path <@ ${scopePath}::ltree OR r.path @> ${scopePath}::ltree ORDER BY nlevel(r.path), r.region_code, r.code LIMIT 1000`.execute(tx);
  return rows;
}

export async function insertRule(tx: Tx, row: Insertable<PointsRulesTable>): Promise<void> {
  await tx.insertInto('points_rules').values(row).execute();
}

/** Whether any entry was booked by the rule. */
export async function ruleUsed(tx: Tx, id: string): Promise<boolean> {
  const { rows } = await sql<{ used: boolean }>`SELECT EXISTS (SELECT 1 FROM points_entries WHERE rule_id = ${id}) AS used`.execute(tx);
  return rows[0]!.used;
}

export async function updateRule(tx: Tx, id: string, set: { name?: string; points?: number; active?: boolean; updated_at: Date }): Promise<void> {
  await tx.updateTable('points_rules').set(set).where('id', '=', id).execute();
}

export interface AccountRow {
  id: string;
  kind: AccountKind;
  village_code: string;
  path: string;
  household_id: string | null;
  resident_id: string | null;
  name: string;
}

const accountColumns = sql`a.id, a.kind, a.village_code, a.path::text AS path, a.household_id, a.resident_id,
  coalesce((SELECT r.name FROM residents r WHERE r.id = a.resident_id),
           (SELECT r.name FROM households h JOIN residents r ON r.id = h.head_resident_id WHERE h.id = a.household_id), '') AS name`;

export async function findAccount(tx: Tx, id: string): Promise<AccountRow | undefined> {
  const { rows } = await sql<AccountRow>`SELECT ${accountColumns} FROM points_accounts a WHERE a.id = ${id}`.execute(tx);
  return rows[0];
}

export async function findHolderAccount(tx: Tx, holder: { householdId?: string; residentId?: string }): Promise<AccountRow | undefined> {
  const where = holder.householdId
    ? sql`a.kind = 'household' AND a.household_id = ${holder.householdId}`
    : sql`a.kind = 'resident' AND a.resident_id = ${holder.residentId!}`;
  const { rows } = await sql<AccountRow>`SELECT ${accountColumns} FROM points_accounts a WHERE ${where}`.execute(tx);
  return rows[0];
}

/** Locks a member account's row: writes that must not overdraw it take turns here. */
export async function lockAccount(tx: Tx, id: string): Promise<void> {
  await sql`SELECT id FROM points_accounts WHERE id = ${id} FOR UPDATE`.execute(tx);
}

/**
 * Opens an account if there is none (concurrent openings meet at the unique index and keep the
 * first) and returns its id.
 */
export async function ensureAccount(
  tx: Tx,
  row: { id: string; kind: AccountKind; village_code: string; path: string; household_id?: string | null; resident_id?: string | null; now: Date },
): Promise<string> {
  const conflict =
    row.kind === 'household'
      ? sql`(household_id) WHERE kind = 'household'`
      : row.kind === 'resident'
        ? sql`(resident_id) WHERE kind = 'resident'`
        : sql`(village_code, kind) WHERE kind IN ('issuance', 'shop')`;
  await sql`INSERT INTO points_accounts (id, kind, village_code, path, household_id, resident_id, created_at)
    VALUES (${row.id}, ${row.kind}, ${row.village_code}, ${row.path}::ltree, ${row.household_id ?? null}, ${row.resident_id ?? null}, ${row.now})
    ON CONFLICT ${conflict} DO NOTHING`.execute(tx);
  const find =
    row.kind === 'household'
      ? sql`kind = 'household' AND household_id = ${row.household_id!}`
      : row.kind === 'resident'
        ? sql`kind = 'resident' AND resident_id = ${row.resident_id!}`
        : sql`kind = ${row.kind} AND village_code = ${row.village_code}`;
  const { rows } = await sql<{ id: string }>`SELECT id FROM points_accounts WHERE ${find}`.execute(tx);
  return rows[0]!.id;
}

/** A member account's balance: the sum of its entries (credits − debits). */
export async function balanceOf(tx: Tx, accountId: string, before?: string): Promise<number> {
  const { rows } = await sql<{ b: number }>`SELECT coalesce(sum(${SIGNED}), 0)::int AS b FROM points_entries e
    WHERE e.account_id = ${accountId} ${before ? sql`AND e.booked_on < ${before}::date` : sql``}`.execute(tx);
  return rows[0]!.b;
}

export async function insertEntry(tx: Tx, row: Insertable<PointsEntriesTable>): Promise<void> {
  await tx.insertInto('points_entries').values(row).execute();
}

export interface EntryRow {
  id: string;
  booked_on: string;
  kind: PointsEntriesTable['kind'];
  signed: number;
  rule_code: string | null;
  rule_name: string | null;
  reason: string | null;
  item_name: string | null;
  quantity: number | null;
  actor_name: string;
}

export async function entriesOf(tx: Tx, accountId: string, from: string, to: string): Promise<EntryRow[]> {
  const { rows } = await sql<EntryRow>`SELECT e.id, e.booked_on::text AS booked_on, e.kind, ${SIGNED} AS signed, r.code AS rule_code, r.name AS rule_name,
      e.reason, i.name AS item_name, d.quantity, e.actor_name
    FROM points_entries e LEFT JOIN points_rules r ON r.id = e.rule_id
      LEFT JOIN points_redemptions d ON d.id = e.redemption_id LEFT JOIN points_shop_items i ON i.id = d.item_id
    WHERE e.account_id = ${accountId} AND e.booked_on >= ${from}::date AND e.booked_on < ${to}::date
    ORDER BY e.booked_on, e.created_at, e.id`.execute(tx);
  return rows;
}

export interface LeaderRow {
  account_id: string;
  household_id: string;
  name: string;
  points: number;
}

/** Households of a village with the points each earned over [from, to] (rules and adjustments; redemptions do not lower a rank), unordered. */
const leaderRows = (villageCode: string, from: string, to: string) => sql<LeaderRow>`SELECT s.account_id, a.household_id,
      coalesce((SELECT r.name FROM households h JOIN residents r ON r.id = h.head_resident_id WHERE h.id = a.household_id), '') AS name, s.points
    FROM (SELECT e.account_id, sum(${SIGNED})::int AS points FROM points_entries e
          WHERE e.village_code = ${villageCode} AND e.booked_on BETWEEN ${from}::date AND ${to}::date AND e.kind IN ('rule', 'adjustment')
          GROUP BY e.account_id) s
    JOIN points_accounts a ON a.id = s.account_id AND a.kind = 'household'`;

/** Households of a village by points earned over [from, to], most first. */
export async function leaders(tx: Tx, villageCode: string, from: string, to: string, limit: number): Promise<LeaderRow[]> {
  const { rows } = await sql<LeaderRow>`SELECT * FROM (${leaderRows(villageCode, from, to)}) l
    ORDER BY l.points DESC, l.name, l.account_id LIMIT ${limit}`.execute(tx);
  return rows;
}

/** The leaderboard after a row (keyset, in the leaderboard's order): the export reads it so, a page at a time. */
export async function leaderPage(tx: Tx, p: { villageCode: string; from: string; to: string; after: LeaderRow | null; limit: number }): Promise<LeaderRow[]> {
  const after = p.after
    ? sql`WHERE l.points < ${p.after.points} OR (l.points = ${p.after.points} AND (l.name, l.account_id) > (${p.after.name}::text, ${p.after.account_id}::uuid))`
    : sql``;
  const { rows } = await sql<LeaderRow>`SELECT * FROM (${leaderRows(p.villageCode, p.from, p.to)}) l ${after}
    ORDER BY l.points DESC, l.name, l.account_id LIMIT ${p.limit}`.execute(tx);
  return rows;
}

export interface HolderRow {
  id: string;
  village_code: string;
  path: string;
  status: string;
  household_id: string;
  name: string;
}

/** A household of the registry, with its head's name. */
export async function findHousehold(tx: Tx, id: string): Promise<HolderRow | undefined> {
  const { rows } = await sql<HolderRow>`SELECT h.id, h.village_code, h.path::text AS path, h.status, h.id AS household_id,
      coalesce((SELECT r.name FROM residents r WHERE r.id = h.head_resident_id), '') AS name
    FROM households h WHERE h.id = ${id}`.execute(tx);
  return rows[0];
}

/** A resident of the registry, with their household's village. */
export async function findResident(tx: Tx, id: string): Promise<HolderRow | undefined> {
  const { rows } = await sql<HolderRow>`SELECT r.id, h.village_code, r.path::text AS path, r.status, r.household_id, r.name
    FROM residents r JOIN households h ON h.id = r.household_id WHERE r.id = ${id}`.execute(tx);
  return rows[0];
}

export interface RegionRow {
  code: string;
  name: string;
  level: string;
  path: string;
}

export async function findRegion(tx: Tx, code: string): Promise<RegionRow | undefined> {
  const { rows } = await sql<RegionRow>`SELECT code, name, level, path::text AS path FROM regions WHERE code = ${code}`.execute(tx);
  return rows[0];
}
