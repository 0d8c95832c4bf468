import { sql, type Insertable } from 'kysely';
import type { DB } from '../../platform/db/tables.js';
import type { Tx } from '../../platform/db/context.js';

// Read-only reads of other modules' tables for demo generation: the region tree, which households
// exist and which residents are tagged 党员. The party module never writes them.

/** Tags that make a household a focus of stewardship (包保到户): those living alone or left behind, and assistance. */
export const KEY_HOUSEHOLD_TAGS = ['elderly_alone', 'left_behind_elderly', 'dibao', 'tekun', 'poverty_monitored'];

export interface SourceHousehold {
  id: string;
  village_code: string;
  address: string;
  path: string;
}

export interface SourceMember {
  id: string;
  name: string;
  birth_date: string;
  household_id: string;
  path: string;
  village_code: string;
}

export interface SourceRegion {
  code: string;
  name: string;
  level: string;
  kind: string | null;
  parent_code: string | null;
  path: string;
}

/** Townships and villages under a county, in code order, in one query. */
export async function readRegionsUnder(tx: Tx, rootPath: string): Promise<SourceRegion[]> {
  return tx
    .selectFrom('regions')
    .select(['code', 'name', 'level', 'kind', 'parent_code', 'path'])
    .where(sql<boolean>`path <@ ${rootPath}::ltree`)
    .where('level', 'in', ['township', 'village'])
    .orderBy('code')
    .execute();
}

/** Active households under a region. Only what planning needs: PGlite pays for every column of every row. */
export async function readHouseholdsUnder(tx: Tx, rootPath: string): Promise<SourceHousehold[]> {
  return tx
    .selectFrom('households as h')
    .select(['h.id', 'h.village_code', 'h.address', 'h.path'])
    .where(sql<boolean>`h.path <@ ${rootPath}::ltree`)
    .where('h.status', '=', 'active')
    .execute();
}

/** Households under a region with a member who lives alone, is left behind, or receives assistance. */
export async function readKeyHouseholdIds(tx: Tx, rootPath: string): Promise<Set<string>> {
  const rows = await tx
    .selectFrom('residents')
    .select('household_id')
    .distinct()
    .where(sql<boolean>`tags && ${KEY_HOUSEHOLD_TAGS}::text[]`)
    .where(sql<boolean>`path <@ ${rootPath}::ltree`)
    .where('status', '=', 'active')
    .execute();
  return new Set(rows.map((r) => r.household_id));
}

/** Active residents under a region tagged party_member who are not yet enrolled. */
export async function readTaggedPartyMembers(tx: Tx, rootPath: string): Promise<SourceMember[]> {
  return (
    tx
      .selectFrom('residents as r')
      .innerJoin('households as h', 'h.id', 'r.household_id')
      .select(['r.id', 'r.name', 'r.birth_date', 'r.household_id', 'r.path', 'h.village_code'])
      // Same as 'party_member' = ANY(tags), in the form the GIN index on tags answers.
      .where(sql<boolean>`r.tags @> ARRAY['party_member']::text[]`)
      .where(sql<boolean>`r.path <@ ${rootPath}::ltree`)
      .where('r.status', '=', 'active')
      .where(sql<boolean>`NOT EXISTS (SELECT 1 FROM party_members pm WHERE pm.resident_id = r.id)`)
      .execute()
  );
}

export async function countOrgsUnder(tx: Tx, rootPath: string): Promise<number> {
  const r = await tx
    .selectFrom('party_orgs')
    .select(sql<number>`count(*)::int`.as('n'))
    .where(sql<boolean>`path <@ ${rootPath}::ltree`)
    .executeTakeFirstOrThrow();
  return r.n;
}

/** Organizations by code, with their kind (to hang a village's organizations under its township committee). */
export async function orgsByCode(tx: Tx, codes: string[]): Promise<Map<string, { id: string; kind: string }>> {
  if (codes.length === 0) return new Map();
  const rows = await tx.selectFrom('party_orgs').select(['id', 'code', 'kind']).where('code', 'in', codes).execute();
  return new Map(rows.map((r) => [r.code, { id: r.id, kind: r.kind }]));
}

type PartyTable = 'party_orgs' | 'party_members' | 'party_liaisons' | 'embedded_members' | 'embedded_service_hours' | 'stewardships' | 'visits';

/**
 * Inserts many rows as one JSON parameter per 2,000 rows (json_populate_recordset) instead of a
 * VALUES list with a bind parameter per cell: on PGlite this is the difference that matters for
 * demo generation. Every column must be present in every row (a missing key is NULL, not its default).
 */
export async function bulkInsert<T extends PartyTable>(tx: Tx, table: T, rows: Insertable<DB[T]>[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 2000) {
    const json = JSON.stringify(rows.slice(i, i + 2000));
    await sql`INSERT INTO ${sql.table(table)} SELECT * FROM json_populate_recordset(NULL::${sql.table(table)}, ${json}::json)`.execute(tx);
  }
}
