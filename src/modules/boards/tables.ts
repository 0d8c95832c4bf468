import type { ColumnType } from 'kysely';
import type { Timestamp } from '../../platform/db/tables.js';
import type { Board, EntryStatus, NoticeMethod } from './kinds.js';

// The boards' tables (migration 0050_councils_boards.sql). Only this module's stores import them.

type Maybe<T> = ColumnType<T | null, T | null | undefined, T | null>;
type MaybeTime = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

export interface BoardEntriesTable {
  id: string;
  village_code: string;
  path: string;
  household_id: string;
  board: Board;
  status: EntryStatus;
  council_id: string;
  compact_title: string;
  article_number: string;
  article_text: string;
  facts: string;
  public_text: string;
  objection_days: number;
  publish_days: number;
  proposed_by: Maybe<string>;
  proposed_at: Timestamp;
  notified_at: MaybeTime;
  notice_method: Maybe<NoticeMethod>;
  notice_note: Maybe<string>;
  objection_until: Maybe<string>;
  decided_at: MaybeTime;
  decided_by: Maybe<string>;
  decision_note: Maybe<string>;
  published_at: MaybeTime;
  published_until: MaybeTime;
  updated_at: Timestamp;
}

export interface BoardObjectionsTable {
  id: string;
  entry_id: string;
  path: string;
  raised_by: string;
  content: string;
  raised_on: string;
  recorded_by: Maybe<string>;
  recorded_at: Timestamp;
  answer: Maybe<string>;
  upheld: Maybe<boolean>;
  answered_by: Maybe<string>;
  answered_at: MaybeTime;
}

export interface BoardTables {
  board_entries: BoardEntriesTable;
  board_objections: BoardObjectionsTable;
}
