import { sql } from 'kysely';
import type { Tx } from '../../platform/db/context.js';
import { memberRows, orgTreeColumns, orgTreeCte, type MemberFilter, type MemberRow, type OrgRow } from './store.js';

// Keyset reads for the .xlsx exports: the same queries as the organization tree and the member
// list (their filter builders, their order), a page at a time after a key instead of by offset.

/** A text[] literal ({"a","b"}), quoted so any code survives. */
const textArray = (items: string[]) => `{${items.map((k) => `"${k.replace(/["\\]/g, '\\$&')}"`).join(',')}}`;

export type OrgExportRow = OrgRow & { parent_name: string | null; sort_key: string[] };

/**
 * The organization tree's rows after a depth-first sort key, in the tree's order, each with its
 * parent's name (a root's parent may lie outside the subtree).
 */
export async function orgTreePage(tx: Tx, regionPath: string, page: { after: string[] | null; limit: number }): Promise<OrgExportRow[]> {
  const r = await sql<OrgExportRow>`
    ${orgTreeCte(regionPath)}
    SELECT ${orgTreeColumns},
           (SELECT p.name FROM party_orgs p WHERE p.id = t.parent_id) AS parent_name,
           t.sort_key
      FROM tree t
     ${page.after ? sql`WHERE t.sort_key > ${textArray(page.after)}::text[]` : sql``}
     ORDER BY t.sort_key
     LIMIT ${page.limit}`.execute(tx);
  return r.rows;
}

/** Where a member list page resumes: the last row's place in the list's order. */
export interface MemberKey {
  central: boolean;
  name: string;
  id: string;
}

/** Members after a key, in the member list's order (党员中心户 first, then by name, then id). */
export async function memberPage(tx: Tx, f: MemberFilter, page: { after: MemberKey | null; limit: number }): Promise<MemberRow[]> {
  let q = memberRows(tx, f);
  const after = page.after;
  if (after) {
    q = q.where(
      sql<boolean>`(pm.central_household < ${after.central} OR (pm.central_household = ${after.central} AND (r.name, pm.id) > (${after.name}::text, ${after.id}::uuid)))`,
    );
  }
  return q.orderBy('pm.central_household', 'desc').orderBy('r.name').orderBy('pm.id').limit(page.limit).execute();
}
