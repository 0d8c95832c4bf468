import { sql } from 'kysely';
import type { Tx } from '../../platform/db/context.js';

// The stored monthly reports (migration 0053). Row-level security keeps a reader to their scope;
// every query also names the scope (STYLE.md §5).

export interface StoredReportRow {
  id: string;
  region_code: string;
  path: string;
  region_name: string;
  region_level: 'county' | 'township' | 'village';
  month: string;
  figures: unknown;
  created_at: Date;
}

/**
 * Stores a report unless one exists for its region and month; the new row, or undefined when
 * another sweep (or server) stored it first.
 */
export async function insertReportOnce(tx: Tx, row: Omit<StoredReportRow, 'figures'> & { figures: string }): Promise<{ id: string } | undefined> {
  return tx
    .insertInto('overview_reports')
    .values(row)
    .onConflict((oc) => oc.columns(['region_code', 'month']).doNothing())
    .returning('id')
    .executeTakeFirst();
}

/** Region codes that already have a report for the month. */
export async function reportedRegions(tx: Tx, month: string): Promise<Set<string>> {
  const rows = await tx.selectFrom('overview_reports').select('region_code').where('month', '=', month).execute();
  return new Set(rows.map((r) => r.region_code));
}

export async function findReport(tx: Tx, id: string, scopePath: string): Promise<StoredReportRow | undefined> {
  return tx
    .selectFrom('overview_reports')
    .selectAll()
    .where('id', '=', id)
    .where(sql<boolean>`(${scopePath} = '' OR path <@ ${scopePath}::ltree)`)
    .executeTakeFirst();
}

/** A page of reports in scope, newest month first, then by region code; keyset after (month, code). */
export async function listReports(tx: Tx, f: { scopePath: string; after?: { month: string; code: string }; limit: number }): Promise<StoredReportRow[]> {
  let q = tx
    .selectFrom('overview_reports')
    .selectAll()
    .where(sql<boolean>`(${f.scopePath} = '' OR path <@ ${f.scopePath}::ltree)`);
  if (f.after) q = q.where(sql<boolean>`(month < ${f.after.month} OR (month = ${f.after.month} AND region_code > ${f.after.code}))`);
  return q.orderBy('month', 'desc').orderBy('region_code', 'asc').limit(f.limit).execute();
}
