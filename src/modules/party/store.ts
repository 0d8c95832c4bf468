import { sql, type Insertable, type Selectable, type Updateable } from 'kysely';
import type { Tx } from '../../platform/db/context.js';
import { likeContains } from '../../platform/db/like.js';
import type { EmbeddedMembersTable, EmbeddedServiceHoursTable, PartyLiaisonsTable, PartyMembersTable, PartyOrgsTable } from './tables.js';

// Reads of `residents`, `households` and `users` here are read-only joins for names and paths:
// the party module links to people by id and may not change the people module's tables. Row-level
// security applies to those joins as to everything else.

export type OrgRow = Selectable<PartyOrgsTable> & { region_name: string; member_count: number };
export type OrgDetailRow = OrgRow & { parent_name: string | null; child_count: number };
export type MemberRow = Selectable<PartyMembersTable> & {
  org_name: string;
  name: string;
  sex: 'male' | 'female';
  household_id: string;
  village_code: string;
  liaison_count: number;
};

/** Rows inside a region subtree (ltree): the scope filter every query carries besides RLS. */
const within = (column: string, scopePath: string) => sql<boolean>`${sql.ref(column)} <@ ${scopePath}::ltree`;

/** Ids of an organization and every organization below it, as a subquery. */
const subtreeIds = (orgId: string) => sql<string>`(
  WITH RECURSIVE sub AS (
    SELECT id FROM party_orgs WHERE id = ${orgId}
    UNION ALL
    SELECT c.id FROM party_orgs c JOIN sub ON c.parent_id = sub.id
  ) SELECT id FROM sub)`;

async function insertBatched<T>(rows: T[], insert: (batch: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += 1000) await insert(rows.slice(i, i + 1000));
}

// Organizations

/**
 * Every organization linked to a region in the subtree, in one recursive query: the roots are
 * those whose parent lies outside the subtree (or is not visible), then each level below them,
 * ordered depth-first by code so the caller nests them in one pass. The rows carry their own
 * columns through the recursion and look names and counts up by index, one row at a time:
 * under row-level security the planner cannot estimate ltree filters and would otherwise join
 * thousands of rows by nested loops.
 */
export async function listOrgTree(tx: Tx, regionPath: string): Promise<OrgRow[]> {
  const r = await sql<OrgRow>`
    ${orgTreeCte(regionPath)}
    SELECT ${orgTreeColumns}
      FROM tree t
     ORDER BY t.sort_key`.execute(tx);
  return r.rows;
}

/** The recursive CTE `tree` of listOrgTree: live organizations of a subtree, each with its depth-first sort key. */
export const orgTreeCte = (regionPath: string) => sql`
    WITH RECURSIVE tree AS (
      SELECT o.*, ARRAY[o.code::text] AS sort_key
        FROM party_orgs o
       WHERE o.path <@ ${regionPath}::ltree AND o.dissolved_on IS NULL
         AND NOT EXISTS (SELECT 1 FROM party_orgs p WHERE p.id = o.parent_id AND p.path <@ ${regionPath}::ltree AND p.dissolved_on IS NULL)
      UNION ALL
      SELECT c.*, t.sort_key || c.code::text
        FROM party_orgs c JOIN tree t ON c.parent_id = t.id
       WHERE c.dissolved_on IS NULL
    )`;

/** The columns of an OrgRow selected from `tree t`. */
export const orgTreeColumns = sql`t.id, t.code, t.name, t.kind, t.parent_id, t.region_code, t.path, t.dissolved_on, t.dissolve_reason, t.synthetic, t.created_at, t.updated_at,
           (SELECT r.name FROM regions r WHERE r.code = t.region_code) AS region_name,
           (SELECT count(*) FROM party_members m WHERE m.org_id = t.id AND m.ended_on IS NULL)::int AS member_count`;

export async function findOrg(tx: Tx, id: string): Promise<OrgDetailRow | undefined> {
  return tx
    .selectFrom('party_orgs as o')
    .innerJoin('regions as r', 'r.code', 'o.region_code')
    .leftJoin('party_orgs as p', 'p.id', 'o.parent_id')
    .selectAll('o')
    .select([
      'r.name as region_name',
      'p.name as parent_name',
      sql<number>`(SELECT count(*) FROM party_members m WHERE m.org_id = o.id AND m.ended_on IS NULL)::int`.as('member_count'),
      sql<number>`(SELECT count(*) FROM party_orgs c WHERE c.parent_id = o.id AND c.dissolved_on IS NULL)::int`.as('child_count'),
    ])
    .where('o.id', '=', id)
    .executeTakeFirst();
}

/** Members of an organization and all below it: how many, how many probationary, how many central households. */
export async function orgSubtreeStats(tx: Tx, id: string): Promise<{ total: number; probationary: number; central: number }> {
  const r = await sql<{ total: number; probationary: number; central: number }>`
    SELECT count(*)::int AS total,
           (count(*) FILTER (WHERE status = 'probationary'))::int AS probationary,
           (count(*) FILTER (WHERE central_household))::int AS central
      FROM party_members WHERE org_id IN ${subtreeIds(id)} AND ended_on IS NULL`.execute(tx);
  return r.rows[0]!;
}

export async function findOrgByCode(tx: Tx, code: string): Promise<{ id: string } | undefined> {
  return tx.selectFrom('party_orgs').select('id').where('code', '=', code).executeTakeFirst();
}

export async function insertOrgs(tx: Tx, rows: Insertable<PartyOrgsTable>[]): Promise<void> {
  await insertBatched(rows, (b) => tx.insertInto('party_orgs').values(b).execute());
}

// Members

/** A resident as enrolment needs them, with their village and any membership they already have. */
export async function findResidentForEnrolment(tx: Tx, residentId: string) {
  return tx
    .selectFrom('residents as r')
    .innerJoin('households as h', 'h.id', 'r.household_id')
    .leftJoin('party_members as m', (j) => j.onRef('m.resident_id', '=', 'r.id').on('m.ended_on', 'is', null))
    .select(['r.id', 'r.name', 'r.path', 'r.status', 'r.birth_date', 'r.household_id', 'h.village_code', 'm.id as member_id'])
    .where('r.id', '=', residentId)
    .executeTakeFirst();
}

export interface MemberFilter {
  orgId: string;
  includeSubOrgs?: boolean;
  status?: 'formal' | 'probationary';
  centralHousehold?: boolean;
  q?: string;
  memberIds?: string[];
  includeEnded?: boolean;
}

function memberQuery(tx: Tx, f: MemberFilter) {
  let q = tx.selectFrom('party_members as pm').innerJoin('residents as r', 'r.id', 'pm.resident_id');
  q = f.includeSubOrgs ? q.where(sql<boolean>`pm.org_id IN ${subtreeIds(f.orgId)}`) : q.where('pm.org_id', '=', f.orgId);
  if (f.status) q = q.where('pm.status', '=', f.status);
  if (f.centralHousehold !== undefined) q = q.where('pm.central_household', '=', f.centralHousehold);
  if (f.q) q = q.where('r.name', 'like', likeContains(f.q));
  if (f.memberIds) q = q.where('pm.id', 'in', f.memberIds);
  if (!f.includeEnded) q = q.where('pm.ended_on', 'is', null);
  return q;
}

/** Members matching a filter with the columns of a MemberRow, unordered (listMembers and the export order them). */
export function memberRows(tx: Tx, f: MemberFilter) {
  return memberQuery(tx, f)
    .innerJoin('households as h', 'h.id', 'r.household_id')
    .innerJoin('party_orgs as o', 'o.id', 'pm.org_id')
    .selectAll('pm')
    .select([
      'o.name as org_name',
      'r.name',
      'r.sex',
      'r.household_id',
      'h.village_code',
      sql<number>`(SELECT count(*) FROM party_liaisons l WHERE l.member_id = pm.id AND l.ended_on IS NULL)::int`.as('liaison_count'),
    ]);
}

export async function listMembers(tx: Tx, f: MemberFilter, page: { limit: number; offset: number }): Promise<{ rows: MemberRow[]; total: number }> {
  const rows = await memberRows(tx, f)
    .orderBy('pm.central_household', 'desc')
    .orderBy('r.name')
    .orderBy('pm.id')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  const count = await memberQuery(tx, f)
    .select(sql<number>`count(*)::int`.as('n'))
    .executeTakeFirstOrThrow();
  return { rows, total: count.n };
}

export async function findMember(tx: Tx, id: string): Promise<MemberRow | undefined> {
  const org = await tx.selectFrom('party_members').select('org_id').where('id', '=', id).executeTakeFirst();
  if (!org) return undefined;
  const { rows } = await listMembers(tx, { orgId: org.org_id, memberIds: [id], includeEnded: true }, { limit: 1, offset: 0 });
  return rows[0];
}

export async function insertMembers(tx: Tx, rows: Insertable<PartyMembersTable>[]): Promise<void> {
  await insertBatched(rows, (b) => tx.insertInto('party_members').values(b).execute());
}

export async function updateOrgRow(tx: Tx, id: string, patch: Updateable<PartyOrgsTable>): Promise<void> {
  await tx.updateTable('party_orgs').set(patch).where('id', '=', id).execute();
}

/** What keeps an organization from being dissolved: its current members and its live child organizations. */
export async function orgHoldings(tx: Tx, id: string): Promise<{ members: number; children: number }> {
  const r = await sql<{ members: number; children: number }>`
    SELECT (SELECT count(*) FROM party_members WHERE org_id = ${id} AND ended_on IS NULL)::int AS members,
           (SELECT count(*) FROM party_orgs WHERE parent_id = ${id} AND dissolved_on IS NULL)::int AS children`.execute(tx);
  return r.rows[0]!;
}

/** Whether `candidateId` is `orgId` or lies below it (a move there would make a cycle). */
export async function isInSubtree(tx: Tx, orgId: string, candidateId: string): Promise<boolean> {
  const r = await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${subtreeIds(orgId)} s WHERE s.id = ${candidateId}`.execute(tx);
  return r.rows[0]!.n > 0;
}

export async function updateMemberRow(tx: Tx, id: string, patch: Updateable<PartyMembersTable>): Promise<void> {
  await tx.updateTable('party_members').set(patch).where('id', '=', id).execute();
}

/** Ends a member's current liaison links on the day the membership ends; returns how many. */
export async function endMemberLiaisons(tx: Tx, memberId: string, endedOn: string): Promise<number> {
  const r = await tx
    .updateTable('party_liaisons')
    .set({ ended_on: sql<string>`greatest(${endedOn}::date, started_on)` })
    .where('member_id', '=', memberId)
    .where('ended_on', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

// Household liaison

export type LiaisonRow = Selectable<PartyLiaisonsTable> & {
  liaison_resident_id: string;
  liaison_name: string;
  household_address: string;
  household_head_name: string | null;
  village_code: string;
};

export interface LiaisonFilter {
  scopePath: string;
  orgId?: string;
  memberId?: string;
  headResidentId?: string;
  householdId?: string;
  kind?: 'party_liaison' | 'ten_household';
  includeEnded?: boolean;
  ids?: string[];
}

function liaisonQuery(tx: Tx, f: LiaisonFilter) {
  let q = tx.selectFrom('party_liaisons as l').where(within('l.path', f.scopePath));
  // Without a narrower filter, reach the links through the households of the subtree's villages
  // (btree indexes): under row-level security an ltree test cannot use an index.
  if (!f.orgId && !f.memberId && !f.headResidentId && !f.householdId && !f.ids) {
    q = q.where(
      sql<boolean>`l.household_id IN (SELECT h.id FROM households h WHERE h.village_code IN (SELECT code FROM regions WHERE path <@ ${f.scopePath}::ltree))`,
    );
  }
  if (!f.includeEnded) q = q.where('l.ended_on', 'is', null);
  if (f.orgId) q = q.where(sql<boolean>`l.member_id IN (SELECT id FROM party_members WHERE org_id = ${f.orgId})`);
  if (f.memberId) q = q.where('l.member_id', '=', f.memberId);
  if (f.headResidentId) q = q.where('l.head_resident_id', '=', f.headResidentId);
  if (f.householdId) q = q.where('l.household_id', '=', f.householdId);
  if (f.kind) q = q.where('l.kind', '=', f.kind);
  if (f.ids) q = q.where('l.id', 'in', f.ids);
  return q;
}

export async function listLiaisons(tx: Tx, f: LiaisonFilter, page: { limit: number; offset: number }): Promise<{ rows: LiaisonRow[]; total: number }> {
  // The page first (by household address), then names for its rows only: joining every link of
  // a county to residents before the LIMIT is what the planner would otherwise do.
  const pageRows = liaisonQuery(tx, f)
    .innerJoin('households as h', 'h.id', 'l.household_id')
    .selectAll('l')
    .select(['h.address as household_address', 'h.village_code', 'h.head_resident_id as household_head_id'])
    .orderBy('h.village_code')
    .orderBy('h.address')
    .orderBy('l.started_on')
    .orderBy('l.id')
    .limit(page.limit)
    .offset(page.offset)
    .as('p');
  const rows = await tx
    .selectFrom(pageRows)
    .leftJoin('party_members as pm', 'pm.id', 'p.member_id')
    .leftJoin('residents as mr', 'mr.id', 'pm.resident_id')
    .leftJoin('residents as lh', 'lh.id', 'p.head_resident_id')
    .leftJoin('residents as hh', 'hh.id', 'p.household_head_id')
    .select([
      'p.id',
      'p.kind',
      'p.member_id',
      'p.head_resident_id',
      'p.household_id',
      'p.path',
      'p.started_on',
      'p.ended_on',
      'p.synthetic',
      'p.created_at',
      'p.household_address',
      'p.village_code',
      'hh.name as household_head_name',
      sql<string>`coalesce(mr.id, lh.id)`.as('liaison_resident_id'),
      sql<string>`coalesce(mr.name, lh.name)`.as('liaison_name'),
    ])
    .orderBy('p.village_code')
    .orderBy('p.household_address')
    .orderBy('p.started_on')
    .orderBy('p.id')
    .execute();
  const count = await liaisonQuery(tx, f)
    .select(sql<number>`count(*)::int`.as('n'))
    .executeTakeFirstOrThrow();
  return { rows: rows as LiaisonRow[], total: count.n };
}

export async function findLiaison(tx: Tx, id: string): Promise<Selectable<PartyLiaisonsTable> | undefined> {
  return tx.selectFrom('party_liaisons').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Households to link, with their village and status. */
export async function findHouseholds(tx: Tx, ids: string[]): Promise<{ id: string; path: string; village_code: string; status: string }[]> {
  if (ids.length === 0) return [];
  return tx.selectFrom('households').select(['id', 'path', 'village_code', 'status']).where('id', 'in', ids).execute();
}

/** Which of these households already have a current link of this kind. */
export async function linkedHouseholds(tx: Tx, householdIds: string[], kind: string): Promise<Set<string>> {
  if (householdIds.length === 0) return new Set();
  const rows = await tx
    .selectFrom('party_liaisons')
    .select('household_id')
    .where('household_id', 'in', householdIds)
    .where('kind', '=', kind as 'party_liaison')
    .where('ended_on', 'is', null)
    .execute();
  return new Set(rows.map((r) => r.household_id));
}

export async function insertLiaisons(tx: Tx, rows: Insertable<PartyLiaisonsTable>[]): Promise<void> {
  await insertBatched(rows, (b) => tx.insertInto('party_liaisons').values(b).execute());
}

export async function endLiaison(tx: Tx, id: string, endedOn: string): Promise<void> {
  await tx.updateTable('party_liaisons').set({ ended_on: endedOn }).where('id', '=', id).where('ended_on', 'is', null).execute();
}

// Embedded members (下沉党员)

export type EmbeddedRow = Selectable<EmbeddedMembersTable> & { village_name: string; total_hours: number; record_count: number };

function embeddedQuery(tx: Tx, scopePath: string, q?: string) {
  let query = tx.selectFrom('embedded_members as e').where(within('e.path', scopePath));
  if (q) query = query.where((eb) => eb.or([eb('e.name', 'like', likeContains(q)), eb('e.work_unit', 'like', likeContains(q))]));
  return query;
}

const hourTotals = [
  sql<number>`coalesce((SELECT sum(s.hours) FROM embedded_service_hours s WHERE s.embedded_member_id = e.id), 0)::float8`.as('total_hours'),
  sql<number>`(SELECT count(*) FROM embedded_service_hours s WHERE s.embedded_member_id = e.id)::int`.as('record_count'),
];

export async function listEmbedded(
  tx: Tx,
  scopePath: string,
  q: string | undefined,
  page: { limit: number; offset: number },
): Promise<{ rows: EmbeddedRow[]; total: number; totalHours: number }> {
  const rows = await embeddedQuery(tx, scopePath, q)
    .innerJoin('regions as r', 'r.code', 'e.village_code')
    .selectAll('e')
    .select('r.name as village_name')
    .select(hourTotals)
    .orderBy('e.village_code')
    .orderBy('e.name')
    .orderBy('e.id')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  const count = await embeddedQuery(tx, scopePath, q)
    .select(sql<number>`count(*)::int`.as('n'))
    .executeTakeFirstOrThrow();
  const hours = await tx
    .selectFrom('embedded_service_hours as s')
    .select(sql<number>`coalesce(sum(s.hours), 0)::float8`.as('h'))
    .where('s.embedded_member_id', 'in', embeddedQuery(tx, scopePath, q).select('e.id'))
    .executeTakeFirstOrThrow();
  return { rows, total: count.n, totalHours: hours.h };
}

export async function findEmbedded(tx: Tx, id: string): Promise<EmbeddedRow | undefined> {
  return tx
    .selectFrom('embedded_members as e')
    .innerJoin('regions as r', 'r.code', 'e.village_code')
    .selectAll('e')
    .select('r.name as village_name')
    .select(hourTotals)
    .where('e.id', '=', id)
    .executeTakeFirst();
}

export async function listServiceHours(tx: Tx, memberId: string): Promise<Selectable<EmbeddedServiceHoursTable>[]> {
  return tx.selectFrom('embedded_service_hours').selectAll().where('embedded_member_id', '=', memberId).orderBy('served_on', 'desc').orderBy('id').execute();
}

export async function insertEmbedded(tx: Tx, rows: Insertable<EmbeddedMembersTable>[]): Promise<void> {
  await insertBatched(rows, (b) => tx.insertInto('embedded_members').values(b).execute());
}

export async function insertServiceHours(tx: Tx, rows: Insertable<EmbeddedServiceHoursTable>[]): Promise<void> {
  await insertBatched(rows, (b) => tx.insertInto('embedded_service_hours').values(b).execute());
}
