import { sql, type Insertable } from 'kysely';
import type { Tx } from '../../platform/db/context.js';
import type { LegalityKind, MatchMode } from './kinds.js';
import type { CompactLegalityRulesTable } from './tables.js';

// The SQL of the legality check: the county's rule list, and the county a path lies in.

export interface LegalityRuleRow {
  id: string;
  county_code: string;
  path: string;
  code: string;
  kind: LegalityKind;
  phrases: string[];
  match_mode: MatchMode;
  reason: string;
  suggestion: string;
  active: boolean;
  updated_at: Date;
}

const ruleColumns = sql`r.id, r.county_code, r.path::text AS path, r.code, r.kind, r.phrases, r.match_mode, r.reason, r.suggestion, r.active, r.updated_at`;

export interface CountyRow {
  code: string;
  path: string;
}

/** The county whose subtree holds a path (a county's own path included). */
export async function findCountyOf(tx: Tx, path: string): Promise<CountyRow | undefined> {
  if (path === '') return undefined;
  const { rows } = await sql<CountyRow>`SELECT code, path::text AS path FROM regions
    WHERE level = 'county' AND path @> ${path}::ltree ORDER BY nlevel(path) DESC LIMIT 1`.execute(tx);
  return rows[0];
}

export async function countyHasRules(tx: Tx, countyCode: string): Promise<boolean> {
  const { rows } = await sql<{ n: number }>`SELECT 1 AS n FROM compact_legality_rules WHERE county_code = ${countyCode} LIMIT 1`.execute(tx);
  return rows.length > 0;
}

/** Rules that apply at a path: those of the county above it (or of the county itself). */
export async function rulesAt(tx: Tx, path: string, includeInactive: boolean): Promise<LegalityRuleRow[]> {
  const { rows } = await sql<LegalityRuleRow>`SELECT ${ruleColumns} FROM compact_legality_rules r
    WHERE r.path @> ${path}::ltree ${includeInactive ? sql`` : sql`AND r.active`}
    ORDER BY r.active DESC, r.kind, r.code`.execute(tx);
  return rows;
}

export async function findRule(tx: Tx, id: string): Promise<LegalityRuleRow | undefined> {
  const { rows } = await sql<LegalityRuleRow>`SELECT ${ruleColumns} FROM compact_legality_rules r WHERE r.id = ${id}`.execute(tx);
  return rows[0];
}

/** Inserts rules; a code the county already has is left as it is. Returns how many were added. */
export async function insertRules(tx: Tx, rows: Insertable<CompactLegalityRulesTable>[]): Promise<number> {
  if (rows.length === 0) return 0;
  const added = await tx
    .insertInto('compact_legality_rules')
    .values(rows)
    .onConflict((oc) => oc.columns(['county_code', 'code']).doNothing())
    .returning('id')
    .execute();
  return added.length;
}

export async function insertRule(tx: Tx, row: Insertable<CompactLegalityRulesTable>): Promise<void> {
  await tx.insertInto('compact_legality_rules').values(row).execute();
}

export async function updateRule(
  tx: Tx,
  id: string,
  set: {
    kind?: LegalityKind;
    phrases?: string[];
    match_mode?: MatchMode;
    reason?: string;
    suggestion?: string;
    active?: boolean;
    updated_by: string | null;
    updated_at: Date;
  },
): Promise<void> {
  await tx.updateTable('compact_legality_rules').set(set).where('id', '=', id).execute();
}
