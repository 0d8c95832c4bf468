import { sql, type Insertable, type Selectable, type Updateable } from 'kysely';
import type { Tx } from '../../platform/db/context.js';
import type { HouseholdsTable, ResidentEventsTable, ResidentsTable } from './tables.js';

export type HouseholdRow = Selectable<HouseholdsTable>;
export type ResidentRow = Selectable<ResidentsTable>;
export type HouseholdListRow = HouseholdRow & { village_name: string; head_name: string | null; member_count: number; member_tags: string[] | null };

/** Rows inside a region subtree (ltree), the scope filter every query carries besides RLS. */
const within = (column: 'households.path' | 'residents.path', scopePath: string) => sql<boolean>`${sql.ref(column)} <@ ${scopePath}::ltree`;

export interface HouseholdFilter {
  scopePath: string;
  gridCode?: string;
  q?: string;
}

function householdQuery(tx: Tx, f: HouseholdFilter) {
  let q = tx.selectFrom('households').where(within('households.path', f.scopePath)).where('households.status', '=', 'active');
  if (f.gridCode) q = q.where('households.grid_code', '=', f.gridCode);
  if (f.q) q = q.where('households.address', 'ilike', `%${f.q.replace(/[%_\\]/g, '\\$&')}%`);
  return q;
}

export async function listHouseholds(
  tx: Tx,
  f: HouseholdFilter,
  page: { limit: number; offset: number },
): Promise<{ rows: HouseholdListRow[]; total: number }> {
  const rows = await householdQuery(tx, f)
    .innerJoin('regions', 'regions.code', 'households.village_code')
    .leftJoin('residents as head', 'head.id', 'households.head_resident_id')
    .selectAll('households')
    .select([
      'regions.name as village_name',
      'head.name as head_name',
      sql<number>`(SELECT count(*) FROM residents m WHERE m.household_id = households.id AND m.status = 'active')`.as('member_count'),
      sql<string[] | null>`(SELECT array_agg(DISTINCT t) FROM residents m, unnest(m.tags) t WHERE m.household_id = households.id AND m.status = 'active')`.as(
        'member_tags',
      ),
    ])
    .orderBy('households.address')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  const count = await householdQuery(tx, f)
    .select(sql<number>`count(*)`.as('n'))
    .executeTakeFirstOrThrow();
  return { rows, total: Number(count.n) };
}

export async function findHousehold(tx: Tx, id: string): Promise<HouseholdListRow | undefined> {
  return tx
    .selectFrom('households')
    .innerJoin('regions', 'regions.code', 'households.village_code')
    .leftJoin('residents as head', 'head.id', 'households.head_resident_id')
    .selectAll('households')
    .select([
      'regions.name as village_name',
      'head.name as head_name',
      sql<number>`(SELECT count(*) FROM residents m WHERE m.household_id = households.id AND m.status = 'active')`.as('member_count'),
      sql<string[] | null>`(SELECT array_agg(DISTINCT t) FROM residents m, unnest(m.tags) t WHERE m.household_id = households.id AND m.status = 'active')`.as(
        'member_tags',
      ),
    ])
    .where('households.id', '=', id)
    .executeTakeFirst();
}

export async function listMembers(tx: Tx, householdId: string): Promise<ResidentRow[]> {
  return tx.selectFrom('residents').selectAll().where('household_id', '=', householdId).orderBy('birth_date').execute();
}

export interface ResidentFilter {
  scopePath: string;
  q?: string;
  tag?: string;
  idNumberHmac?: string;
  phoneHmac?: string;
  includeInactive?: boolean;
}

function residentQuery(tx: Tx, f: ResidentFilter) {
  let q = tx.selectFrom('residents').where(within('residents.path', f.scopePath));
  if (!f.includeInactive) q = q.where('residents.status', '=', 'active');
  if (f.q) q = q.where('residents.name', 'like', `%${f.q.replace(/[%_\\]/g, '\\$&')}%`);
  if (f.tag) q = q.where(sql<boolean>`${f.tag} = ANY(residents.tags)`);
  if (f.idNumberHmac) q = q.where('residents.id_number_hmac', '=', f.idNumberHmac);
  if (f.phoneHmac) q = q.where('residents.phone_hmac', '=', f.phoneHmac);
  return q;
}

export async function listResidents(tx: Tx, f: ResidentFilter, page: { limit: number; offset: number }): Promise<{ rows: ResidentRow[]; total: number }> {
  const rows = await residentQuery(tx, f).selectAll().orderBy('residents.name').limit(page.limit).offset(page.offset).execute();
  const count = await residentQuery(tx, f)
    .select(sql<number>`count(*)`.as('n'))
    .executeTakeFirstOrThrow();
  return { rows, total: Number(count.n) };
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
