import { sql, type ExpressionBuilder, type Insertable, type Selectable, type Updateable } from 'kysely';
import type { Tx } from '../../platform/db/context.js';
import type { DB } from '../../platform/db/tables.js';
import { likeContains } from '../../platform/db/like.js';
import type { HouseholdsTable, ImportJobsTable, ResidentEventsTable, ResidentsTable } from './tables.js';

export type HouseholdRow = Selectable<HouseholdsTable>;
export type ResidentRow = Selectable<ResidentsTable>;
export type HouseholdListRow = HouseholdRow & {
  village_name: string;
  group_name: string | null;
  building_name: string | null;
  head_name: string | null;
  member_count: number;
  member_tags: string[] | null;
};

/** Rows inside a region subtree (ltree), the scope filter every query carries besides RLS. */
const within = (column: 'households.path' | 'residents.path', scopePath: string) => sql<boolean>`${sql.ref(column)} <@ ${scopePath}::ltree`;

/**
 * What a search box's text asks for (see parsePeopleSearch): words (a name or part of an
 * address), the last four digits of a phone or ID number, or a whole number by its keyed digest.
 */
export type PeopleMatch = { kind: 'words'; text: string } | { kind: 'tail'; digits: string } | { kind: 'phone'; hmac: string } | { kind: 'id'; hmac: string };

export interface HouseholdFilter {
  scopePath: string;
  gridCode?: string;
  groupCode?: string;
  buildingId?: string;
  match?: PeopleMatch;
}

/** A resident whose phone or ID number ends in these four digits (read from the stored masks; expression-indexed). */
const numberTail = (digits: string) => (eb: ExpressionBuilder<DB, 'residents'>) =>
  eb.or([eb(sql<string>`right(residents.phone_masked, 4)`, '=', digits), eb(sql<string>`right(residents.id_number_masked, 4)`, '=', digits)]);

/** Active residents in scope whom `m` names: by name (trigram index), number tail (expression indexes) or digest. */
export function matchingResidents(tx: Tx, scopePath: string, m: PeopleMatch) {
  const q = tx.selectFrom('residents').where(within('residents.path', scopePath)).where('residents.status', '=', 'active');
  switch (m.kind) {
    case 'words':
      return q.where('residents.name', 'like', likeContains(m.text));
    case 'tail':
      return q.where(numberTail(m.digits));
    case 'phone':
      return q.where('residents.phone_hmac', '=', m.hmac);
    case 'id':
      return q.where('residents.id_number_hmac', '=', m.hmac);
  }
}

/**
 * Households `m` finds: by door address, or through any active member (the householder or
 * another) by name, number tail or whole number. A union of index lookups, joined back by id.
 */
function matchingHouseholdIds(tx: Tx, scopePath: string, m: PeopleMatch) {
  const byMember = matchingResidents(tx, scopePath, m).select('residents.household_id as id');
  if (m.kind !== 'words') return byMember;
  return tx
    .selectFrom('households')
    .select('households.id')
    .where(within('households.path', scopePath))
    .where('households.address', 'ilike', likeContains(m.text))
    .union(byMember);
}

function householdQuery(tx: Tx, f: HouseholdFilter) {
  let q = tx.selectFrom('households').where(within('households.path', f.scopePath)).where('households.status', '=', 'active');
  if (f.gridCode) q = q.where('households.grid_code', '=', f.gridCode);
  if (f.groupCode) q = q.where('households.group_code', '=', f.groupCode);
  if (f.buildingId) q = q.where('households.building_id', '=', f.buildingId);
  if (f.match) q = q.where('households.id', 'in', matchingHouseholdIds(tx, f.scopePath, f.match));
  return q;
}

export async function listHouseholds(
  tx: Tx,
  f: HouseholdFilter,
  page: { limit: number; offset: number },
  knownTotal?: number,
): Promise<{ rows: HouseholdListRow[]; total: number }> {
  // The page's ids first (an index walk by address), then names and member counts for those 50
  // only: a deep page must not compute them for every row it skips.
  const ids = (
    await householdQuery(tx, f).select('households.id').orderBy('households.address').orderBy('households.id').limit(page.limit).offset(page.offset).execute()
  ).map((r) => r.id);
  const found = ids.length ? await householdDetails(tx).where('households.id', 'in', ids).execute() : [];
  const byId = new Map(found.map((r) => [r.id, r]));
  const rows = ids.map((id) => byId.get(id)!).filter(Boolean);
  return {
    rows,
    total: await countOr(knownTotal, () =>
      householdQuery(tx, f)
        .select(sql<number>`count(*)`.as('n'))
        .executeTakeFirstOrThrow(),
    ),
  };
}

/** A household with its village, group and building names, head, member count and members' tags. */
function householdDetails(tx: Tx) {
  return tx
    .selectFrom('households')
    .innerJoin('regions', 'regions.code', 'households.village_code')
    .leftJoin('regions as grp', 'grp.code', 'households.group_code')
    .leftJoin('buildings as bld', 'bld.id', 'households.building_id')
    .leftJoin('residents as head', 'head.id', 'households.head_resident_id')
    .selectAll('households')
    .select([
      'regions.name as village_name',
      'grp.name as group_name',
      'bld.name as building_name',
      'head.name as head_name',
      sql<number>`(SELECT count(*) FROM residents m WHERE m.household_id = households.id AND m.status = 'active')`.as('member_count'),
      sql<string[] | null>`(SELECT array_agg(DISTINCT t) FROM residents m, unnest(m.tags) t WHERE m.household_id = households.id AND m.status = 'active')`.as(
        'member_tags',
      ),
    ]);
}

export async function findHousehold(tx: Tx, id: string): Promise<HouseholdListRow | undefined> {
  return householdDetails(tx).where('households.id', '=', id).executeTakeFirst();
}

export async function listMembers(tx: Tx, householdId: string): Promise<ResidentRow[]> {
  return tx.selectFrom('residents').selectAll().where('household_id', '=', householdId).orderBy('birth_date').execute();
}

export interface ResidentFilter {
  scopePath: string;
  groupCode?: string;
  match?: PeopleMatch;
  tag?: string;
  idNumberHmac?: string;
  phoneHmac?: string;
  includeInactive?: boolean;
}

function residentQuery(tx: Tx, f: ResidentFilter) {
  let q = tx.selectFrom('residents').where(within('residents.path', f.scopePath));
  if (!f.includeInactive) q = q.where('residents.status', '=', 'active');
  if (f.groupCode)
    q = q.where('residents.household_id', 'in', (sub) =>
      sub.selectFrom('households').select('households.id').where('households.group_code', '=', f.groupCode!),
    );
  const m = f.match;
  if (m?.kind === 'words') q = q.where('residents.name', 'like', likeContains(m.text));
  if (m?.kind === 'tail') q = q.where(numberTail(m.digits));
  if (m?.kind === 'phone') q = q.where('residents.phone_hmac', '=', m.hmac);
  if (m?.kind === 'id') q = q.where('residents.id_number_hmac', '=', m.hmac);
  // @> (not = ANY) so the GIN index on tags answers it.
  if (f.tag) q = q.where(sql<boolean>`residents.tags @> ARRAY[${f.tag}]::text[]`);
  if (f.idNumberHmac) q = q.where('residents.id_number_hmac', '=', f.idNumberHmac);
  if (f.phoneHmac) q = q.where('residents.phone_hmac', '=', f.phoneHmac);
  return q;
}

export async function listResidents(
  tx: Tx,
  f: ResidentFilter,
  page: { limit: number; offset: number },
  knownTotal?: number,
): Promise<{ rows: ResidentRow[]; total: number }> {
  const rows = await residentQuery(tx, f).selectAll().orderBy('residents.name').orderBy('residents.id').limit(page.limit).offset(page.offset).execute();
  return {
    rows,
    total: await countOr(knownTotal, () =>
      residentQuery(tx, f)
        .select(sql<number>`count(*)`.as('n'))
        .executeTakeFirstOrThrow(),
    ),
  };
}

/** The total the caller already knows (an unfiltered list's, from the region tallies), or a count. */
async function countOr(known: number | undefined, count: () => Promise<{ n: number }>): Promise<number> {
  return known ?? Number((await count()).n);
}

export async function findResident(tx: Tx, id: string): Promise<ResidentRow | undefined> {
  return tx.selectFrom('residents').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findResidentByIdHmac(tx: Tx, hmac: string): Promise<ResidentRow | undefined> {
  return tx.selectFrom('residents').selectAll().where('id_number_hmac', '=', hmac).executeTakeFirst();
}

export async function insertHouseholds(tx: Tx, rows: Insertable<HouseholdsTable>[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 1000)
    await tx
      .insertInto('households')
      .values(rows.slice(i, i + 1000))
      .execute();
}

export async function insertResidents(tx: Tx, rows: Insertable<ResidentsTable>[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 1000)
    await tx
      .insertInto('residents')
      .values(rows.slice(i, i + 1000))
      .execute();
}

export async function insertEvents(tx: Tx, rows: Insertable<ResidentEventsTable>[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 1000)
    await tx
      .insertInto('resident_events')
      .values(rows.slice(i, i + 1000))
      .execute();
}

export async function updateResident(tx: Tx, id: string, patch: Updateable<ResidentsTable>): Promise<void> {
  await tx.updateTable('residents').set(patch).where('id', '=', id).execute();
}

export async function updateHousehold(tx: Tx, id: string, patch: Updateable<HouseholdsTable>): Promise<void> {
  await tx.updateTable('households').set(patch).where('id', '=', id).execute();
}

export async function listEvents(tx: Tx, residentId: string): Promise<Selectable<ResidentEventsTable>[]> {
  return tx.selectFrom('resident_events').selectAll().where('resident_id', '=', residentId).orderBy('occurred_on').orderBy('recorded_at').execute();
}

export async function listTagCodes(tx: Tx): Promise<{ code: string; name: string; category: string }[]> {
  return tx.selectFrom('resident_tags').select(['code', 'name', 'category']).orderBy('sort').execute();
}

/** Residents carry their household's path; moving the household moves them. */
export async function setMembersPath(tx: Tx, householdId: string, path: string): Promise<void> {
  await tx.updateTable('residents').set({ path }).where('household_id', '=', householdId).execute();
}

export async function countHouseholdsUnder(tx: Tx, scopePath: string): Promise<number> {
  const r = await tx
    .selectFrom('households')
    .select(sql<number>`count(*)`.as('n'))
    .where(within('households.path', scopePath))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

// Import jobs and the lookups an import needs.

export async function insertImportJob(tx: Tx, job: Insertable<ImportJobsTable>): Promise<void> {
  await tx.insertInto('import_jobs').values(job).execute();
}

export async function findImportJob(tx: Tx, id: string, withFile = false): Promise<Selectable<ImportJobsTable> | undefined> {
  const q = tx.selectFrom('import_jobs').where('id', '=', id);
  if (withFile) return q.selectAll().executeTakeFirst();
  return q
    .select([
      'id',
      'village_code',
      'path',
      'filename',
      'content_type',
      'status',
      'total_rows',
      'processed_rows',
      'imported_rows',
      'skipped_rows',
      'error_rows',
      'message',
      'created_by',
      'created_at',
      'updated_at',
    ])
    .select(sql<Buffer | null>`CASE WHEN error_report IS NULL THEN NULL ELSE ''::bytea END`.as('error_report'))
    .select(sql<Buffer>`''::bytea`.as('file'))
    .executeTakeFirst();
}

export async function updateImportJob(tx: Tx, id: string, patch: Updateable<ImportJobsTable>): Promise<void> {
  await tx.updateTable('import_jobs').set(patch).where('id', '=', id).execute();
}

export async function listUnfinishedImportJobs(tx: Tx): Promise<{ id: string; created_by: string | null }[]> {
  return tx.selectFrom('import_jobs').select(['id', 'created_by']).where('status', 'in', ['queued', 'running']).orderBy('created_at').execute();
}

export async function readErrorReport(tx: Tx, id: string): Promise<Buffer | null> {
  const r = await tx.selectFrom('import_jobs').select('error_report').where('id', '=', id).executeTakeFirst();
  return r?.error_report ?? null;
}

/** Which of these ID digests are registered anywhere in the county (a SECURITY DEFINER check: yes/no only). */
export async function registeredDigests(tx: Tx, digests: string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (let i = 0; i < digests.length; i += 1000) {
    const r = await sql<{ d: string }>`SELECT registered_id_digests AS d FROM registered_id_digests(${digests.slice(i, i + 1000)}::text[])`.execute(tx);
    for (const row of r.rows) found.add(row.d);
  }
  return found;
}

/** Residents visible in a village with these digests, with their household's source key. */
export async function residentsByDigests(
  tx: Tx,
  villageCode: string,
  digests: string[],
): Promise<{ hmac: string; household_id: string; source_key: string | null }[]> {
  if (digests.length === 0) return [];
  return tx
    .selectFrom('residents')
    .innerJoin('households', 'households.id', 'residents.household_id')
    .select(['residents.id_number_hmac as hmac', 'households.id as household_id', 'households.source_key'])
    .where('households.village_code', '=', villageCode)
    .where('residents.id_number_hmac', 'in', digests)
    .execute() as Promise<{ hmac: string; household_id: string; source_key: string | null }[]>;
}

/** Households of a village by the ledger's household number, with whether they have a head and their members' name + birth date. */
export async function householdsBySourceKey(
  tx: Tx,
  villageCode: string,
  keys: string[],
): Promise<{ id: string; source_key: string; path: string; head_resident_id: string | null; members: string[] | null }[]> {
  if (keys.length === 0) return [];
  return tx
    .selectFrom('households')
    .select(['id', 'source_key', 'path', 'head_resident_id'])
    .select(sql<string[] | null>`(SELECT array_agg(r.name || '|' || r.birth_date) FROM residents r WHERE r.household_id = households.id)`.as('members'))
    .where('village_code', '=', villageCode)
    .where('source_key', 'in', keys)
    .execute() as Promise<{ id: string; source_key: string; path: string; head_resident_id: string | null; members: string[] | null }[]>;
}

export async function listTagNames(tx: Tx): Promise<Map<string, string>> {
  const rows = await tx.selectFrom('resident_tags').select(['code', 'name']).execute();
  return new Map(rows.map((r) => [r.name, r.code]));
}

/** Registry rows of a subtree for export, masked numbers only. */
export async function exportRows(tx: Tx, scopePath: string, limit: number) {
  return tx
    .selectFrom('residents')
    .innerJoin('households', 'households.id', 'residents.household_id')
    .innerJoin('regions', 'regions.code', 'households.village_code')
    .select([
      'regions.name as village_name',
      'households.village_code',
      'households.grid_code',
      'households.source_key',
      'households.address',
      'residents.name',
      'residents.relation',
      'residents.sex',
      'residents.birth_date',
      'residents.id_number_masked',
      'residents.phone_masked',
      'residents.tags',
      'residents.status',
      'residents.synthetic',
    ])
    .where(within('residents.path', scopePath))
    .orderBy('households.village_code')
    .orderBy('households.address')
    .orderBy('residents.birth_date')
    .limit(limit)
    .execute();
}

/** Encrypted fields of residents in id order, a batch at a time (key rotation). */
export async function residentSecretsAfter(tx: Tx, afterId: string, limit: number) {
  return tx
    .selectFrom('residents')
    .select(['id', 'id_number_enc', 'phone_enc'])
    .where('id', '>', afterId)
    .where((eb) => eb.or([eb('id_number_enc', 'is not', null), eb('phone_enc', 'is not', null)]))
    .orderBy('id')
    .limit(limit)
    .execute();
}

/**
 * Active households and residents of each group (村民小组 / 小区 / 自治单元), for the region tree.
 * A village's groups are few and households_group is indexed, so this counts on demand.
 */
export async function tallyGroups(tx: Tx, groupCodes: string[]): Promise<Map<string, { households: number; residents: number }>> {
  if (groupCodes.length === 0) return new Map();
  const { rows } = await sql<{ group_code: string; households: number; residents: number }>`
    SELECT h.group_code, count(*)::int AS households,
           coalesce(sum((SELECT count(*) FROM residents r WHERE r.household_id = h.id AND r.status = 'active')), 0)::int AS residents
      FROM households h
     WHERE h.group_code IN (${sql.join(groupCodes)}) AND h.status = 'active'
     GROUP BY h.group_code`.execute(tx);
  return new Map(rows.map((r) => [r.group_code, { households: r.households, residents: r.residents }]));
}

/** Active households registered in a grid (for the grid size warning when a grid is changed). */
export async function countGridHouseholds(tx: Tx, gridCode: string): Promise<number> {
  const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM households WHERE grid_code = ${gridCode} AND status = 'active'`.execute(tx);
  return rows[0]!.n;
}
