import { sql, type Insertable, type Selectable, type Updateable } from 'kysely';
import type { Tx } from '../../platform/db/context.js';
import type { StewardshipsTable, VisitsTable } from './tables.js';

// Joins to `regions`, `households`, `residents` and `users` are read-only (names, paths, status);
// those tables belong to other modules. Row-level security applies to every join.

export type StewardshipRow = Selectable<StewardshipsTable> & { target_name: string };
export type VisitRow = Selectable<VisitsTable> & { household_address: string | null; region_name: string };

const within = (column: string, scopePath: string) => sql<boolean>`${sql.ref(column)} <@ ${scopePath}::ltree`;
/**
 * Rows of a region subtree found through their region code (a btree) rather than a GiST on path,
 * which these large tables do without; the path test stays, as RLS makes it too.
 */
const inSubtree = (codeColumn: string, pathColumn: string, scopePath: string) =>
  sql<boolean>`${sql.ref(codeColumn)} IN (SELECT code FROM regions WHERE path <@ ${scopePath}::ltree) AND ${within(pathColumn, scopePath)}`;

async function insertBatched<T>(rows: T[], insert: (batch: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += 1000) await insert(rows.slice(i, i + 1000));
}

/** An account a stewardship may name as leader, if visible in the actor's scope. */
export async function findLeaderAccount(tx: Tx, userId: string): Promise<{ id: string; display_name: string; status: string } | undefined> {
  return tx.selectFrom('users').select(['id', 'display_name', 'status']).where('id', '=', userId).executeTakeFirst();
}

export async function findHousehold(
  tx: Tx,
  id: string,
): Promise<{ id: string; path: string; village_code: string; address: string; status: string } | undefined> {
  return tx.selectFrom('households').select(['id', 'path', 'village_code', 'address', 'status']).where('id', '=', id).executeTakeFirst();
}

// Stewardship

export interface StewardshipFilter {
  /** The subtree to list; left out when asking by id or by exact target. */
  scopePath?: string;
  level?: StewardshipsTable['level'];
  householdId?: string;
  leaderUserId?: string;
  /** Only assignments running on this date (none ended before it). */
  activeOn?: string;
  ids?: string[];
  sameAs?: { leaderUserId: string | null; leaderName: string; regionCode: string | null; householdId: string | null };
}

function stewardshipQuery(tx: Tx, f: StewardshipFilter) {
  let q = tx.selectFrom('stewardships as s');
  if (f.scopePath !== undefined) q = q.where(inSubtree('s.region_code', 's.path', f.scopePath));
  if (f.level) q = q.where('s.level', '=', f.level);
  if (f.householdId) q = q.where('s.target_household_id', '=', f.householdId);
  if (f.leaderUserId) q = q.where('s.leader_user_id', '=', f.leaderUserId);
  if (f.activeOn) q = q.where((eb) => eb.or([eb('s.ended_on', 'is', null), eb('s.ended_on', '>=', f.activeOn!)]));
  if (f.ids) q = q.where('s.id', 'in', f.ids);
  if (f.sameAs) {
    const same = f.sameAs;
    q = q.where(sql<boolean>`s.leader_user_id IS NOT DISTINCT FROM ${same.leaderUserId}::uuid`).where('s.leader_name', '=', same.leaderName);
    q = q.where(sql<boolean>`s.target_region_code IS NOT DISTINCT FROM ${same.regionCode}`);
    q = q.where(sql<boolean>`s.target_household_id IS NOT DISTINCT FROM ${same.householdId}::uuid`);
  }
  return q;
}

export async function listStewardships(
  tx: Tx,
  f: StewardshipFilter,
  page: { limit: number; offset: number },
): Promise<{ rows: StewardshipRow[]; total: number }> {
  const rows = await stewardshipQuery(tx, f)
    .leftJoin('households as h', 'h.id', 's.target_household_id')
    .leftJoin('regions as r', 'r.code', 's.target_region_code')
    .selectAll('s')
    .select(sql<string>`coalesce(r.name, h.address)`.as('target_name'))
    .orderBy(sql`array_position(ARRAY['township','village','group','household'], s.level)`)
    .orderBy('s.region_code')
    .orderBy(sql`coalesce(r.name, h.address)`)
    .orderBy('s.started_on', 'desc')
    .orderBy('s.id')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  const count = await stewardshipQuery(tx, f)
    .select(sql<number>`count(*)::int`.as('n'))
    .executeTakeFirstOrThrow();
  return { rows, total: count.n };
}

export async function findStewardship(tx: Tx, id: string): Promise<Selectable<StewardshipsTable> | undefined> {
  return tx.selectFrom('stewardships').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertStewardships(tx: Tx, rows: Insertable<StewardshipsTable>[]): Promise<void> {
  await insertBatched(rows, (b) => tx.insertInto('stewardships').values(b).execute());
}

export async function updateStewardship(tx: Tx, id: string, patch: Updateable<StewardshipsTable>): Promise<void> {
  await tx.updateTable('stewardships').set(patch).where('id', '=', id).execute();
}

// Visits

export interface VisitFilter {
  /** The subtree to list; left out when asking by id. */
  scopePath?: string;
  householdId?: string;
  kind?: VisitsTable['kind'];
  from?: string;
  to?: string;
  followUpOpen?: boolean;
  ids?: string[];
}

function visitQuery(tx: Tx, f: VisitFilter) {
  let q = tx.selectFrom('visits as v');
  if (f.scopePath !== undefined) q = q.where(inSubtree('v.region_code', 'v.path', f.scopePath));
  if (f.householdId) q = q.where('v.household_id', '=', f.householdId);
  if (f.kind) q = q.where('v.kind', '=', f.kind);
  if (f.from) q = q.where('v.visited_on', '>=', f.from);
  if (f.to) q = q.where('v.visited_on', '<=', f.to);
  if (f.followUpOpen) q = q.where('v.follow_up', 'is not', null).where('v.follow_up_done', '=', false);
  if (f.ids) q = q.where('v.id', 'in', f.ids);
  return q;
}

export async function listVisits(tx: Tx, f: VisitFilter, page: { limit: number; offset: number }): Promise<{ rows: VisitRow[]; total: number }> {
  // The page first, then names for its rows only (see listUnvisited).
  const pageRows = visitQuery(tx, f)
    .selectAll('v')
    .orderBy('v.visited_on', 'desc')
    .orderBy('v.created_at', 'desc')
    .orderBy('v.id')
    .limit(page.limit)
    .offset(page.offset)
    .as('p');
  const rows = await tx
    .selectFrom(pageRows)
    .leftJoin('households as h', 'h.id', 'p.household_id')
    .innerJoin('regions as r', 'r.code', 'p.region_code')
    .selectAll('p')
    .select(['h.address as household_address', 'r.name as region_name'])
    .orderBy('p.visited_on', 'desc')
    .orderBy('p.created_at', 'desc')
    .orderBy('p.id')
    .execute();
  const count = await visitQuery(tx, f)
    .select(sql<number>`count(*)::int`.as('n'))
    .executeTakeFirstOrThrow();
  return { rows, total: count.n };
}

export async function findVisit(tx: Tx, id: string): Promise<Selectable<VisitsTable> | undefined> {
  return tx.selectFrom('visits').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertVisits(tx: Tx, rows: Insertable<VisitsTable>[]): Promise<void> {
  await insertBatched(rows, (b) => tx.insertInto('visits').values(b).execute());
}

export async function updateVisit(tx: Tx, id: string, patch: Updateable<VisitsTable>): Promise<void> {
  await tx.updateTable('visits').set(patch).where('id', '=', id).execute();
}

// Coverage: which active households of a region have had no visit on or after `since`.

/** Households of the subtree's villages, found by village code (a btree) before the path test. */
const householdsUnder = (regionPath: string) =>
  sql<boolean>`h.village_code IN (SELECT code FROM regions WHERE path <@ ${regionPath}::ltree) AND h.path <@ ${regionPath}::ltree`;

const visitedSince = (since: string) => sql<boolean>`EXISTS (SELECT 1 FROM visits v WHERE v.household_id = h.id AND v.visited_on >= ${since}::date)`;

export async function coverageCounts(tx: Tx, regionPath: string, since: string): Promise<{ total: number; visited: number }> {
  const r = await tx
    .selectFrom('households as h')
    .select([sql<number>`count(*)::int`.as('total'), sql<number>`(count(*) FILTER (WHERE ${visitedSince(since)}))::int`.as('visited')])
    .where(householdsUnder(regionPath))
    .where('h.status', '=', 'active')
    .executeTakeFirstOrThrow();
  return r;
}

export interface UnvisitedRow {
  id: string;
  address: string;
  village_code: string;
  village_name: string;
  head_name: string | null;
  last_visited_on: string | null;
  synthetic: boolean;
}

/**
 * Unvisited households, the longest-unvisited (never first) at the top. The page is chosen first
 * and only its rows are joined to names: joining every household of a county before the LIMIT
 * is what the planner does otherwise, and under row-level security that costs minutes.
 */
export async function listUnvisited(tx: Tx, regionPath: string, since: string, page: { limit: number; offset: number }): Promise<UnvisitedRow[]> {
  const pageRows = tx
    .selectFrom('households as h')
    .select(['h.id', 'h.address', 'h.village_code', 'h.head_resident_id', 'h.synthetic'])
    .select(sql<string | null>`(SELECT max(v.visited_on) FROM visits v WHERE v.household_id = h.id)`.as('last_visited_on'))
    .where(householdsUnder(regionPath))
    .where('h.status', '=', 'active')
    .where(sql<boolean>`NOT ${visitedSince(since)}`)
    .orderBy(sql`last_visited_on NULLS FIRST`)
    .orderBy('h.village_code')
    .orderBy('h.address')
    .orderBy('h.id')
    .limit(page.limit)
    .offset(page.offset)
    .as('p');
  return tx
    .selectFrom(pageRows)
    .innerJoin('regions as r', 'r.code', 'p.village_code')
    .leftJoin('residents as hh', 'hh.id', 'p.head_resident_id')
    .select(['p.id', 'p.address', 'p.village_code', 'r.name as village_name', 'hh.name as head_name', 'p.synthetic', 'p.last_visited_on'])
    .orderBy(sql`p.last_visited_on NULLS FIRST`)
    .orderBy('p.village_code')
    .orderBy('p.address')
    .orderBy('p.id')
    .execute();
}
