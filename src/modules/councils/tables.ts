import type { ColumnType } from 'kysely';
import type { Timestamp } from '../../platform/db/tables.js';
import type { BodyCategory, BodyKind, MemberRole, ShiftPeriod } from './kinds.js';

// The councils' tables (migration 0050_councils_boards.sql). Only this module's stores import them.

type Flag = ColumnType<boolean, boolean | undefined, boolean>;
type Maybe<T> = ColumnType<T | null, T | null | undefined, T | null>;
type MaybeTime = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
/** date columns come back as 'YYYY-MM-DD' strings (type parser in database.ts). */
type Day = ColumnType<string, string, string>;

export interface CouncilBodiesTable {
  id: string;
  village_code: string;
  path: string;
  category: BodyCategory;
  kind: BodyKind;
  name: string;
  duties: Maybe<string>;
  active: Flag;
  created_by: Maybe<string>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface CouncilMembersTable {
  id: string;
  body_id: string;
  resident_id: string;
  path: string;
  role: MemberRole;
  committee_post: Maybe<string>;
  joined_on: Day;
  left_on: ColumnType<string | null, string | null | undefined, string | null>;
  created_by: Maybe<string>;
  created_at: Timestamp;
}

export interface CouncilShiftsTable {
  id: string;
  body_id: string;
  village_code: string;
  path: string;
  duty_on: Day;
  period: ShiftPeriod;
  task: Maybe<string>;
  member_ids: string[];
  reminded_at: MaybeTime;
  created_by: Maybe<string>;
  created_at: Timestamp;
}

export interface CouncilTables {
  council_bodies: CouncilBodiesTable;
  council_members: CouncilMembersTable;
  council_shifts: CouncilShiftsTable;
}
