import type { ColumnType } from 'kysely';
import type { Timestamp } from '../../platform/db/tables.js';
import type { CompactKind, CompactOpinionSource, CompactStep, LegalityKind, MatchMode, OpinionAnswer, VettingAgency } from './kinds.js';

// The compacts tables (migrations 0048_compact_legality.sql, 0049_compacts.sql). Only this module's stores import them.

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

type Seen = ColumnType<Date, Date, never>;

export interface CompactsTable {
  id: string;
  region_code: string;
  path: string;
  kind: CompactKind;
  title: string;
  step: ColumnType<CompactStep, CompactStep | undefined, CompactStep>;
  deliberated_on: Maybe<string>;
  deliberation_attendees: ColumnType<string[], string[] | undefined, string[]>;
  deliberation_minutes: Maybe<string>;
  consultation_until: Maybe<string>;
  revision_base_seq: Maybe<number>;
  notice_from: Maybe<string>;
  notice_until: Maybe<string>;
  notice_version_id: Maybe<string>;
  /** The version now being voted on (its votes: compact_votes). */
  vote_version_id: Maybe<string>;
  published_version_id: Maybe<string>;
  published_on: Maybe<string>;
  filing_submitted_at: Maybe<Date>;
  filing_decided_at: Maybe<Date>;
  filing_decided_by: Maybe<string>;
  filing_note: Maybe<string>;
  created_by: Maybe<string>;
  created_at: Seen;
  updated_at: Timestamp;
}

export interface CompactStepsTable {
  id: string;
  compact_id: string;
  path: string;
  step: CompactStep;
  action: 'completed' | 'reopened';
  summary: string;
  created_by: Maybe<string>;
  created_at: Seen;
}

export interface CompactInvitationsTable {
  id: string;
  compact_id: string;
  path: string;
  resident_id: string;
  name: string;
  capacity: string;
  committee_role: Maybe<string>;
  created_by: Maybe<string>;
  created_at: Seen;
}

export interface CompactVettingsTable {
  id: string;
  compact_id: string;
  path: string;
  agency: VettingAgency;
  decision: 'approve' | 'refuse';
  reviewer_name: string;
  note: string;
  created_by: Maybe<string>;
  created_at: Seen;
}

export interface CompactVersionsTable {
  id: string;
  compact_id: string;
  path: string;
  seq: number;
  note: Maybe<string>;
  created_by: Maybe<string>;
  created_at: Seen;
}

export interface CompactArticlesTable {
  id: string;
  version_id: string;
  path: string;
  article_key: string;
  number: number;
  topic: string;
  text: string;
}

export interface CompactFlagsTable {
  id: string;
  version_id: string;
  path: string;
  article_key: string;
  number: number;
  rule_code: string;
  kind: string;
  matched: string;
  sentence: string;
  reason: string;
  suggestion: string;
}

export interface CompactVotesTable {
  id: string;
  compact_id: string;
  path: string;
  version_id: string;
  article_key: Maybe<string>;
  vote_id: string;
  created_at: Seen;
}

export interface CompactOpinionsTable {
  id: string;
  compact_id: string;
  path: string;
  article_key: Maybe<string>;
  version_seq: number;
  article_number: Maybe<number>;
  source: CompactOpinionSource;
  resident_id: Maybe<string>;
  household_id: Maybe<string>;
  author_name: string;
  text: string;
  answer: Maybe<OpinionAnswer>;
  answer_reason: Maybe<string>;
  answered_by: Maybe<string>;
  answered_at: Maybe<Date>;
  created_by: Maybe<string>;
  created_at: Seen;
}

export interface CompactObjectionsTable {
  id: string;
  compact_id: string;
  path: string;
  resident_id: Maybe<string>;
  household_id: Maybe<string>;
  author_name: string;
  text: string;
  answer: Maybe<string>;
  answered_by: Maybe<string>;
  answered_at: Maybe<Date>;
  created_by: Maybe<string>;
  created_at: Seen;
}

export interface CompactReadingsTable {
  id: string;
  compact_id: string;
  path: string;
  household_id: string;
  resident_id: string;
  created_at: Seen;
}

export interface CompactTables {
  compact_legality_rules: CompactLegalityRulesTable;
  compacts: CompactsTable;
  compact_steps: CompactStepsTable;
  compact_invitations: CompactInvitationsTable;
  compact_vettings: CompactVettingsTable;
  compact_versions: CompactVersionsTable;
  compact_articles: CompactArticlesTable;
  compact_flags: CompactFlagsTable;
  compact_votes: CompactVotesTable;
  compact_opinions: CompactOpinionsTable;
  compact_objections: CompactObjectionsTable;
  compact_readings: CompactReadingsTable;
}
