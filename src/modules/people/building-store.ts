import { sql, type Insertable, type Selectable, type Updateable } from 'kysely';
import type { Tx } from '../../platform/db/context.js';
import type { BuildingsTable } from './tables.js';

export type BuildingRow = Selectable<BuildingsTable> & {
  village_name: string;
  group_name: string | null;
  grid_name: string | null;
  household_count: number;
};

function buildingQuery(tx: Tx) {
  return tx
    .selectFrom('buildings as b')
    .innerJoin('regions as v', 'v.code', 'b.village_code')
    .leftJoin('regions as g', 'g.code', 'b.group_code')
    .leftJoin('grids as gr', 'gr.code', 'b.grid_code')
    .selectAll('b')
    .select([
      'v.name as village_name',
      'g.name as group_name',
      'gr.name as grid_name',
      sql<number>`(SELECT count(*) FROM households h WHERE h.building_id = b.id AND h.status = 'active')::int`.as('household_count'),
    ]);
}

export async function listBuildingRows(tx: Tx, f: { villageCode: string; groupCode?: string; gridCode?: string }): Promise<BuildingRow[]> {
  let q = buildingQuery(tx).where('b.village_code', '=', f.villageCode);
  if (f.groupCode) q = q.where('b.group_code', '=', f.groupCode);
  if (f.gridCode) q = q.where('b.grid_code', '=', f.gridCode);
  return q.orderBy('b.name').execute();
}

export async function findBuildingRow(tx: Tx, id: string): Promise<BuildingRow | undefined> {
  return buildingQuery(tx).where('b.id', '=', id).executeTakeFirst();
}

export async function insertBuilding(tx: Tx, row: Insertable<BuildingsTable>): Promise<void> {
  await tx.insertInto('buildings').values(row).execute();
}

export async function updateBuildingRow(tx: Tx, id: string, patch: Updateable<BuildingsTable>): Promise<void> {
  await tx.updateTable('buildings').set(patch).where('id', '=', id).execute();
}

export async function deleteBuildingRow(tx: Tx, id: string): Promise<void> {
  await tx.deleteFrom('buildings').where('id', '=', id).execute();
}

/** Households (any status) still pointing at a building: a building they name is not deleted. */
export async function countBuildingHouseholds(tx: Tx, id: string): Promise<number> {
  const r = await tx
    .selectFrom('households')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('building_id', '=', id)
    .executeTakeFirstOrThrow();
  return r.n;
}

/** Moves a building's households onto its grid when the building changes grid, keeping members in step. */
export async function moveBuildingHouseholds(tx: Tx, id: string, gridCode: string | null, path: string): Promise<void> {
  await tx.updateTable('households').set({ grid_code: gridCode, path }).where('building_id', '=', id).execute();
  await sql`UPDATE residents r SET path = ${path}::ltree FROM households h WHERE h.building_id = ${id} AND r.household_id = h.id AND r.path <> ${path}::ltree`.execute(
    tx,
  );
}
