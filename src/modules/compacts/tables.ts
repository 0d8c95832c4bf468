import type { ColumnType } from 'kysely';
import type { Timestamp } from '../../platform/db/tables.js';
import type { LegalityKind, MatchMode } from './kinds.js';

// The compacts tables (migration 0048_compact_legality.sql). Only this module's stores import them.

type Flag = ColumnType<boolean, boolean | undefined, boolean>;
type Maybe<T> = ColumnType<T | null, T | null | undefined, T | null>;

export interface CompactLegalityRulesTable {
  id: string;
  county_code: string;
  path: string;
  code: string;
  kind: LegalityKind;
  phrases: string[];
  match_mode: ColumnType<MatchMode, MatchMode | undefined, MatchMode>;
  reason: string;
  suggestion: string;
  active: Flag;
  created_by: Maybe<string>;
  created_at: Timestamp;
  updated_by: Maybe<string>;
  updated_at: Timestamp;
}

export interface CompactTables {
  compact_legality_rules: CompactLegalityRulesTable;
}
