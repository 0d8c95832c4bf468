import { sql } from 'kysely';
import type { Actor } from '../../platform/actor.js';
import type { Tx } from '../../platform/db/context.js';

// The .xlsx import's lookups: regions and departments by the names the export writes, items by
// code. They carry the scope filter as the module's store does, and row-level security guards them too.

export type RegionHit = { code: string; name: string; path: string; level: string };

/** Regions named (or coded) in the file, within the actor's subtree or above it (an inherited item names the county). */
export async function regionsNamed(tx: Tx, actor: Actor, keys: string[]): Promise<RegionHit[]> {
  if (!keys.length || (actor.role !== 'system' && !actor.scopePath)) return [];
  let q = tx
    .selectFrom('regions')
    .select(['code', 'name', 'path', 'level'])
    .where((eb) => eb.or([eb('name', 'in', keys), eb('code', 'in', keys)]));
  if (actor.role !== 'system') q = q.where(sql<boolean>`(path <@ ${actor.scopePath}::ltree OR path @> ${actor.scopePath}::ltree)`);
  return q.execute();
}

export async function departmentsNamed(tx: Tx, keys: string[]): Promise<{ id: string; code: string; name: string }[]> {
  if (!keys.length) return [];
  return tx
    .selectFrom('departments')
    .select(['id', 'code', 'name'])
    .where((eb) => eb.or([eb('name', 'in', keys), eb('code', 'in', keys)]))
    .execute();
}

/** Items already on record under the same codes, whatever their status (the unique key is region, list, code). */
export async function itemsCoded(tx: Tx, regionCodes: string[], codes: string[]) {
  if (!regionCodes.length || !codes.length) return [];
  return tx
    .selectFrom('duty_items as d')
    .leftJoin('departments as dep', 'dep.id', 'd.department_id')
    .select(['d.region_code', 'd.list', 'd.code', 'd.name', 'd.basis', 'd.procedure', 'd.status', 'dep.name as department_name'])
    .where('d.region_code', 'in', regionCodes)
    .where('d.code', 'in', codes)
    .execute();
}
