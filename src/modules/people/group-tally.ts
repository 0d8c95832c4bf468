import { sql } from 'kysely';
import type { Tx } from '../../platform/db/context.js';

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
