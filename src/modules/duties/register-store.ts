import { sql, type Insertable, type Selectable } from 'kysely';
import type { Tx } from '../../platform/db/context.js';
import type { BurdenKind, BurdenRegisterTable, BurdenStatus } from './tables.js';

// The SQL of the signboards, work groups and apps register (减牌子、减群、减 App).

export type BurdenRow = Selectable<BurdenRegisterTable> & { region_name: string };

function entries(tx: Tx) {
  return tx.selectFrom('burden_register as b').innerJoin('regions as r', 'r.code', 'b.region_code').selectAll('b').select('r.name as region_name');
}

export async function listBurdens(tx: Tx, f: { path: string; kind?: BurdenKind; status?: BurdenStatus }): Promise<BurdenRow[]> {
  let q = entries(tx).where(sql<boolean>`b.path <@ ${f.path}::ltree`);
  if (f.kind) q = q.where('b.kind', '=', f.kind);
  if (f.status) q = q.where('b.status', '=', f.status);
  return q.orderBy('b.region_code').orderBy('b.kind').orderBy('b.name').limit(2000).execute();
}

export async function findBurden(tx: Tx, id: string): Promise<BurdenRow | undefined> {
  return entries(tx).where('b.id', '=', id).executeTakeFirst();
}

export async function insertBurdens(tx: Tx, rows: Insertable<BurdenRegisterTable>[]): Promise<void> {
  if (rows.length) await tx.insertInto('burden_register').values(rows).execute();
}

export async function updateBurden(
  tx: Tx,
  id: string,
  patch: Partial<Pick<Selectable<BurdenRegisterTable>, 'status' | 'remove_by' | 'removed_on' | 'note'>> & { updated_at: Date },
): Promise<void> {
  await tx.updateTable('burden_register').set(patch).where('id', '=', id).execute();
}

/** Per kind: approved, marked for removal, removed, and marked but past the date. */
export async function countBurdens(tx: Tx, path: string, today: string) {
  const { rows } = await sql<{ kind: BurdenKind; approved: number; to_remove: number; removed: number; late: number }>`
    SELECT kind,
      count(*) FILTER (WHERE status = 'approved')::int AS approved,
      count(*) FILTER (WHERE status = 'to_remove')::int AS to_remove,
      count(*) FILTER (WHERE status = 'removed')::int AS removed,
      count(*) FILTER (WHERE status = 'to_remove' AND remove_by < ${today}::date)::int AS late
    FROM burden_register WHERE path <@ ${path}::ltree GROUP BY kind ORDER BY kind`.execute(tx);
  return rows;
}
