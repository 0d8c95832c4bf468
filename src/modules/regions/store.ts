import { sql, type Selectable } from 'kysely';
import type { Tx } from '../../platform/db/context.js';
import type { RegionsTable } from '../../platform/db/tables.js';

export type RegionRow = Selectable<RegionsTable> & { child_count: number };

const childCount = sql<number>`(SELECT count(*) FROM regions c WHERE c.parent_code = regions.code)`.as('child_count');

/** One region by code. Row-level security hides regions outside the actor's scope. */
export async function findRegion(tx: Tx, code: string): Promise<RegionRow | undefined> {
  return tx.selectFrom('regions').selectAll().select(childCount).where('code', '=', code).executeTakeFirst();
}

export async function listChildRegions(tx: Tx, parentCode: string): Promise<RegionRow[]> {
  return tx.selectFrom('regions').selectAll().select(childCount).where('parent_code', '=', parentCode).orderBy('code').execute();
}

/** The townships and villages under a region (not the region itself), in code order: what a picker searches. */
export async function listPlacesUnder(tx: Tx, rootPath: string): Promise<Pick<RegionRow, 'code' | 'name' | 'level' | 'parent_code' | 'path'>[]> {
  return tx
    .selectFrom('regions')
    .select(['code', 'name', 'level', 'parent_code', 'path'])
    .where(sql<boolean>`path <@ ${rootPath}::ltree`)
    .where('path', '!=', rootPath)
    .where('level', 'in', ['township', 'village'])
    .orderBy('code')
    .execute();
}

export interface RegionInput {
  code: string;
  name: string;
  level: RegionsTable['level'];
  kind: string | null;
  parentCode: string | null;
  path: string;
  synthetic?: boolean;
}

/** Inserts or renames regions in one statement per batch; re-loading the same tree changes nothing. */
export async function upsertRegions(tx: Tx, regions: RegionInput[]): Promise<number> {
  let changed = 0;
  for (let i = 0; i < regions.length; i += 500) {
    const batch = regions.slice(i, i + 500);
    const result = await tx
      .insertInto('regions')
      .values(
        batch.map((r) => ({
          code: r.code,
          name: r.name,
          level: r.level,
          kind: r.kind,
          parent_code: r.parentCode,
          path: r.path,
          synthetic: r.synthetic ?? false,
        })),
      )
      .onConflict((oc) =>
        oc
          .column('code')
          .doUpdateSet((eb) => ({
            name: eb.ref('excluded.name'),
            kind: eb.ref('excluded.kind'),
            updated_at: sql`now()`,
          }))
          .where((eb) =>
            eb.or([eb('regions.name', 'is distinct from', eb.ref('excluded.name')), eb('regions.kind', 'is distinct from', eb.ref('excluded.kind'))]),
          ),
      )
      .executeTakeFirst();
    changed += Number(result.numInsertedOrUpdatedRows ?? 0);
  }
  return changed;
}

export async function countRegionsByLevel(tx: Tx, rootPath: string): Promise<Record<string, number>> {
  const rows = await tx
    .selectFrom('regions')
    .select(['level', sql<number>`count(*)`.as('n')])
    .where(sql<boolean>`path <@ ${rootPath}::ltree`)
    .groupBy('level')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.level, Number(r.n)]));
}

export async function listCounties(tx: Tx): Promise<RegionRow[]> {
  return tx.selectFrom('regions').selectAll().select(childCount).where('level', '=', 'county').execute();
}

export interface RegionTally {
  households: number;
  residents: number;
  party_members: number;
  grids: number;
}

/**
 * What each region holds, summed over its villages' tallies (kept by triggers, 0012) and counted
 * over its grids. Row-level security limits both to the actor's scope, so an ancestor region
 * shows only what the actor may see of it.
 */
export async function tallyRegions(tx: Tx, codes: string[]): Promise<Map<string, RegionTally>> {
  if (codes.length === 0) return new Map();
  const { rows } = await sql<{ code: string } & RegionTally>`
    SELECT r.code,
           coalesce(sum(t.households), 0)::int AS households,
           coalesce(sum(t.residents), 0)::int AS residents,
           coalesce(sum(t.party_members), 0)::int AS party_members,
           (SELECT count(*) FROM grids g WHERE g.path <@ r.path)::int AS grids
      FROM regions r
      LEFT JOIN regions v ON v.level = 'village' AND v.path <@ r.path
      LEFT JOIN region_tallies t ON t.village_code = v.code
     WHERE r.code IN (${sql.join(codes)})
     GROUP BY r.code, r.path`.execute(tx);
  return new Map(rows.map((r) => [r.code, r]));
}

export async function insertRegion(tx: Tx, r: RegionInput): Promise<void> {
  await tx
    .insertInto('regions')
    .values({ code: r.code, name: r.name, level: r.level, kind: r.kind, parent_code: r.parentCode, path: r.path, synthetic: r.synthetic ?? false })
    .execute();
}

export async function updateRegionRow(tx: Tx, code: string, patch: { name?: string; kind?: string }): Promise<void> {
  await tx
    .updateTable('regions')
    .set({ ...patch, updated_at: sql`now()` })
    .where('code', '=', code)
    .execute();
}

export async function deleteRegionRow(tx: Tx, code: string): Promise<void> {
  await tx.deleteFrom('regions').where('code', '=', code).execute();
}

export async function setRegionBoundary(tx: Tx, code: string, boundary: object | null): Promise<void> {
  await tx
    .updateTable('regions')
    .set({ boundary: boundary ? JSON.stringify(boundary) : null, updated_at: sql`now()` })
    .where('code', '=', code)
    .execute();
}
