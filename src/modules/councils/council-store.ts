import { sql, type Insertable, type Updateable } from 'kysely';
import type { Tx } from '../../platform/db/context.js';
import type { BodyCategory, BodyKind, MemberRole, ShiftPeriod } from './kinds.js';
import type { CouncilBodiesTable, CouncilMembersTable, CouncilShiftsTable } from './tables.js';

// The SQL of 一约四会 and teams: bodies, members, shifts. Residents, their tags and regions are
// read-only joins for names, paths and the 五老三员两长 tags.

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

export interface BodyRow {
  id: string;
  village_code: string;
  village_name: string;
  path: string;
  category: BodyCategory;
  kind: BodyKind;
  name: string;
  duties: string | null;
  active: boolean;
}

const bodyColumns = sql`b.id, b.village_code, g.name AS village_name, b.path::text AS path, b.category, b.kind, b.name, b.duties, b.active`;

export async function findBody(tx: Tx, id: string): Promise<BodyRow | undefined> {
  const { rows } = await sql<BodyRow>`SELECT ${bodyColumns} FROM council_bodies b JOIN regions g ON g.code = b.village_code WHERE b.id = ${id}`.execute(tx);
  return rows[0];
}

export async function listBodies(tx: Tx, villageCode: string, activeOnly = false): Promise<BodyRow[]> {
  const { rows } = await sql<BodyRow>`SELECT ${bodyColumns} FROM council_bodies b JOIN regions g ON g.code = b.village_code
    WHERE b.village_code = ${villageCode} ${activeOnly ? sql`AND b.active` : sql``}
    ORDER BY b.category, b.kind, b.name`.execute(tx);
  return rows;
}

export async function insertBody(tx: Tx, row: Insertable<CouncilBodiesTable>): Promise<void> {
  await tx.insertInto('council_bodies').values(row).execute();
}

export async function updateBody(tx: Tx, id: string, set: Updateable<CouncilBodiesTable>): Promise<void> {
  await tx.updateTable('council_bodies').set(set).where('id', '=', id).execute();
}

export interface MemberRow {
  id: string;
  body_id: string;
  resident_id: string;
  name: string;
  role: MemberRole;
  committee_post: string | null;
  joined_on: string;
  left_on: string | null;
  tags: string[];
}

/** Members of bodies, with the person's name and 五老三员两长 tag names (category 'governance'). */
export async function listMembers(tx: Tx, bodyIds: string[], currentOnly = true): Promise<MemberRow[]> {
  if (bodyIds.length === 0) return [];
  const { rows } = await sql<MemberRow>`SELECT m.id, m.body_id, m.resident_id, r.name, m.role, m.committee_post,
      m.joined_on, m.left_on,
      coalesce((SELECT array_agg(t.name ORDER BY t.sort) FROM resident_tags t WHERE t.code = ANY(r.tags) AND t.category = 'governance'), '{}') AS tags
    FROM council_members m JOIN residents r ON r.id = m.resident_id
    WHERE m.body_id = ANY(${bodyIds}::uuid[]) ${currentOnly ? sql`AND m.left_on IS NULL` : sql``}
    ORDER BY CASE m.role WHEN 'leader' THEN 0 WHEN 'deputy' THEN 1 ELSE 2 END, m.joined_on, m.created_at, m.id`.execute(tx);
  return rows;
}

export async function findMember(tx: Tx, id: string): Promise<(MemberRow & { path: string }) | undefined> {
  const { rows } = await sql<MemberRow & { path: string }>`SELECT m.id, m.body_id, m.resident_id, r.name, m.role, m.committee_post,
      m.joined_on, m.left_on, '{}'::text[] AS tags, m.path::text AS path
    FROM council_members m JOIN residents r ON r.id = m.resident_id WHERE m.id = ${id}`.execute(tx);
  return rows[0];
}

export interface ResidentRow {
  id: string;
  name: string;
  village_code: string;
  path: string;
  status: string;
}

export async function findResident(tx: Tx, id: string): Promise<ResidentRow | undefined> {
  const { rows } = await sql<ResidentRow>`SELECT r.id, r.name, h.village_code, r.path::text AS path, r.status
    FROM residents r JOIN households h ON h.id = r.household_id WHERE r.id = ${id}`.execute(tx);
  return rows[0];
}

export async function insertMember(tx: Tx, row: Insertable<CouncilMembersTable>): Promise<void> {
  await tx.insertInto('council_members').values(row).execute();
}

export async function endMember(tx: Tx, id: string, leftOn: string): Promise<void> {
  await tx.updateTable('council_members').set({ left_on: leftOn }).where('id', '=', id).execute();
}

export interface ShiftRow {
  id: string;
  body_id: string;
  body_name: string;
  village_code: string;
  path: string;
  duty_on: string;
  period: ShiftPeriod;
  task: string | null;
  member_ids: string[];
  reminded_at: Date | null;
}

const shiftColumns = sql`s.id, s.body_id, b.name AS body_name, s.village_code, s.path::text AS path, s.duty_on, s.period, s.task, s.member_ids, s.reminded_at`;

export async function findShift(tx: Tx, id: string): Promise<ShiftRow | undefined> {
  const { rows } = await sql<ShiftRow>`SELECT ${shiftColumns} FROM council_shifts s JOIN council_bodies b ON b.id = s.body_id WHERE s.id = ${id}`.execute(tx);
  return rows[0];
}

export async function listShifts(tx: Tx, villageCode: string, from: string, to: string): Promise<ShiftRow[]> {
  const { rows } = await sql<ShiftRow>`SELECT ${shiftColumns} FROM council_shifts s JOIN council_bodies b ON b.id = s.body_id
    WHERE s.village_code = ${villageCode} AND s.duty_on BETWEEN ${from}::date AND ${to}::date
    ORDER BY s.duty_on, CASE s.period WHEN 'morning' THEN 0 WHEN 'day' THEN 1 WHEN 'afternoon' THEN 2 ELSE 3 END, b.name LIMIT 2000`.execute(tx);
  return rows;
}

/** Shifts on a day that have had no reminder yet (the sweep's work), locked so two sweeps send one. */
export async function shiftsToRemind(tx: Tx, day: string): Promise<ShiftRow[]> {
  const { rows } = await sql<ShiftRow>`SELECT ${shiftColumns} FROM council_shifts s JOIN council_bodies b ON b.id = s.body_id
    WHERE s.duty_on = ${day}::date AND s.reminded_at IS NULL ORDER BY s.village_code, s.id LIMIT 5000 FOR UPDATE OF s SKIP LOCKED`.execute(tx);
  return rows;
}

export async function markReminded(tx: Tx, id: string, at: Date): Promise<void> {
  await tx.updateTable('council_shifts').set({ reminded_at: at }).where('id', '=', id).where('reminded_at', 'is', null).execute();
}

export async function insertShift(tx: Tx, row: Insertable<CouncilShiftsTable>): Promise<void> {
  await tx.insertInto('council_shifts').values(row).execute();
}

/** Names of members by id (for shifts). */
export async function memberNames(tx: Tx, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const { rows } = await sql<{ id: string; name: string }>`SELECT m.id, r.name FROM council_members m JOIN residents r ON r.id = m.resident_id
    WHERE m.id = ANY(${ids}::uuid[])`.execute(tx);
  return new Map(rows.map((r) => [r.id, r.name]));
}

export async function bodyNames(tx: Tx, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const { rows } = await sql<{ id: string; name: string }>`SELECT id, name FROM council_bodies WHERE id = ANY(${ids}::uuid[])`.execute(tx);
  return new Map(rows.map((r) => [r.id, r.name]));
}
