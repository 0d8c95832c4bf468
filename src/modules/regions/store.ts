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
