import { sql, type Insertable, type Selectable } from 'kysely';
import type { Tx } from '../../platform/db/context.js';
import type { NoticeKind, NoticesTable } from './tables.js';

// The SQL of the documents and meetings register (减文减会).

export type NoticeRow = Selectable<NoticesTable> & { sender_region_name: string };

export async function insertNotices(tx: Tx, rows: Insertable<NoticesTable>[]): Promise<void> {
  if (rows.length) await tx.insertInto('notices').values(rows).execute();
}

export async function findNotice(tx: Tx, id: string): Promise<NoticeRow | undefined> {
  return tx
    .selectFrom('notices as n')
    .innerJoin('regions as r', 'r.code', 'n.sender_region_code')
    .selectAll('n')
    .select('r.name as sender_region_name')
    .where('n.id', '=', id)
    .executeTakeFirst();
}

/** Documents and meetings sent from inside `path`, newest first. */
export async function listNotices(tx: Tx, f: { path: string; kind?: NoticeKind; from?: string; to?: string }): Promise<NoticeRow[]> {
  let q = tx
    .selectFrom('notices as n')
    .innerJoin('regions as r', 'r.code', 'n.sender_region_code')
    .selectAll('n')
    .select('r.name as sender_region_name')
    .where(sql<boolean>`n.sender_path <@ ${f.path}::ltree`);
  if (f.kind) q = q.where('n.kind', '=', f.kind);
  if (f.from) q = q.where('n.issued_on', '>=', f.from);
  if (f.to) q = q.where('n.issued_on', '<=', f.to);
  return q.orderBy('n.issued_on', 'desc').orderBy('n.id', 'desc').limit(500).execute();
}

/** Regions by code, with their level and path (to check targets and name them). */
export async function regionsByCode(tx: Tx, codes: readonly string[]): Promise<{ code: string; name: string; path: string; level: string }[]> {
  if (!codes.length) return [];
  return tx
    .selectFrom('regions')
    .select(['code', 'name', 'path', 'level'])
    .where('code', 'in', [...codes])
    .execute();
}

/** Villages under any of the paths (each counted once). */
export async function countVillagesUnder(tx: Tx, paths: readonly string[]): Promise<number> {
  if (!paths.length) return 0;
  const { rows } = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM regions
    WHERE level = 'village' AND path <@ ANY (ARRAY[${sql.join(paths.map((p) => sql`${p}::ltree`))}])`.execute(tx);
  return rows[0]?.n ?? 0;
}

/** Documents and meetings per sending office, issuing unit and month, for a period. */
export async function noticeStats(tx: Tx, path: string, from: string, to: string) {
  const { rows } = await sql<{ sender_region_code: string; issuer: string; month: string; documents: number; meetings: number }>`
    SELECT sender_region_code, issuer, to_char(issued_on, 'YYYY-MM') AS month,
      count(*) FILTER (WHERE kind = 'document')::int AS documents,
      count(*) FILTER (WHERE kind = 'meeting')::int AS meetings
    FROM notices WHERE sender_path <@ ${path}::ltree AND issued_on >= ${from}::date AND issued_on <= ${to}::date
    GROUP BY 1, 2, 3 ORDER BY 3, 1, 2`.execute(tx);
  return rows;
}
