import { sql, type Insertable } from 'kysely';
import type { Tx } from '../../platform/db/context.js';
import type { WatchPointKind, WatchPointsTable } from './tables.js';

// The SQL of observation / monitoring points (观测点 / 监测点).

export interface WatchPointRow {
  id: string;
  region_code: string;
  region_name: string;
  region_level: string;
  township_name: string | null;
  path: string;
  kind: WatchPointKind;
  designated_on: string;
  note: string | null;
}

/** Points in force within a scope (RLS guards the same), with their region's and township's names. */
export async function listWatchPoints(tx: Tx, scopePath: string, kind?: WatchPointKind): Promise<WatchPointRow[]> {
  const { rows } = await sql<WatchPointRow>`
    SELECT w.id, w.region_code, r.name AS region_name, r.level AS region_level, t.name AS township_name,
      w.path::text AS path, w.kind, w.designated_on, w.note
    FROM watch_points w
    JOIN regions r ON r.code = w.region_code
    LEFT JOIN regions t ON r.level = 'village' AND t.code = r.parent_code
    WHERE w.removed_on IS NULL AND w.path <@ ${scopePath}::ltree ${kind ? sql`AND w.kind = ${kind}` : sql``}
    ORDER BY w.kind, w.path`.execute(tx);
  return rows;
}

/**
 * Formalism reports filed within each point's area, open and answered, counted in one query.
 * Counts only what the caller may read (row-level security on formalism_reports).
 */
export async function countReportsByPoint(tx: Tx, pointIds: readonly string[]): Promise<Map<string, { open: number; answered: number }>> {
  const out = new Map<string, { open: number; answered: number }>();
  if (!pointIds.length) return out;
  const { rows } = await sql<{ id: string; open: number; answered: number }>`
    SELECT w.id,
      count(f.id) FILTER (WHERE f.status = 'open')::int AS open,
      count(f.id) FILTER (WHERE f.status = 'answered')::int AS answered
    FROM watch_points w
    LEFT JOIN formalism_reports f ON f.path <@ w.path
    WHERE w.id IN (${sql.join(pointIds)})
    GROUP BY w.id`.execute(tx);
  for (const r of rows) out.set(r.id, { open: r.open, answered: r.answered });
  return out;
}

export async function insertWatchPoints(tx: Tx, rows: Insertable<WatchPointsTable>[]): Promise<void> {
  if (rows.length) await tx.insertInto('watch_points').values(rows).execute();
}

export async function findWatchPoint(tx: Tx, id: string) {
  return tx.selectFrom('watch_points').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Removes a point in force; 0 when it is not (already removed, or not visible). */
export async function removeWatchPoint(tx: Tx, id: string, patch: { removed_on: string; removed_by: string | null }): Promise<number> {
  const r = await tx.updateTable('watch_points').set(patch).where('id', '=', id).where('removed_on', 'is', null).executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** The region of a demo account (the demo points include the village of the `village` account). */
export async function demoAccountRegion(tx: Tx, username: string): Promise<{ code: string; path: string } | undefined> {
  return tx
    .selectFrom('users as u')
    .innerJoin('regions as r', 'r.code', 'u.region_code')
    .select(['r.code', 'r.path'])
    .where('u.username', '=', username)
    .executeTakeFirst();
}
