import type { ColumnType } from 'kysely';
import type { Timestamp } from '../../platform/db/tables.js';

export type MemberEndReason = 'transferred_out' | 'deceased' | 'left';

type Flag = ColumnType<boolean, boolean | undefined, boolean>;
/** numeric columns come back as JS numbers (type parser in database.ts). */
type Numeric = ColumnType<number, number | string, number | string>;

export interface PartyOrgsTable {
  id: string;
  code: string;
  name: string;
  kind: string;
  parent_id: string | null;
  region_code: string;
  /** The linked region's path: row-level security keys on it. */
  path: string;
  /** 撤销: an organization is dissolved with a date and reason, never deleted. */
  dissolved_on: ColumnType<string | null, string | null | undefined, string | null>;
  dissolve_reason: ColumnType<string | null, string | null | undefined, string | null>;
  synthetic: Flag;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface PartyMembersTable {
  id: string;
  org_id: string;
  resident_id: string;
  /** The resident's path when enrolled. */
  path: string;
  status: 'formal' | 'probationary';
  joined_on: string;
  central_household: Flag;
  /** A membership ends (组织关系转出, 去世, 出党) and stays on record. */
  ended_on: ColumnType<string | null, string | null | undefined, string | null>;
  end_reason: ColumnType<MemberEndReason | null, MemberEndReason | null | undefined, MemberEndReason | null>;
  end_note: ColumnType<string | null, string | null | undefined, string | null>;
  synthetic: Flag;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface PartyLiaisonsTable {
  id: string;
  kind: 'party_liaison' | 'ten_household';
  member_id: string | null;
  head_resident_id: string | null;
  household_id: string;
  /** The linked household's path. */
  path: string;
  started_on: string;
  ended_on: string | null;
  synthetic: Flag;
  created_at: Timestamp;
}

export interface EmbeddedMembersTable {
  id: string;
  name: string;
  work_unit: string;
  position: string | null;
  village_code: string;
  path: string;
  reported_on: string;
  synthetic: Flag;
  created_at: Timestamp;
}

export interface EmbeddedServiceHoursTable {
  id: string;
  embedded_member_id: string;
  path: string;
  served_on: string;
  hours: Numeric;
  activity: string;
  synthetic: Flag;
  created_by: string | null;
  created_at: Timestamp;
}

export interface StewardshipsTable {
  id: string;
  level: 'township' | 'village' | 'group' | 'household';
  leader_user_id: string | null;
  leader_name: string;
  leader_title: string | null;
  target_region_code: string | null;
  target_household_id: string | null;
  /** The target region, or the household's village: lists by region go through it. */
  region_code: string;
  /** The target's path (a region, or a household). */
  path: string;
  started_on: string;
  ended_on: string | null;
  note: string | null;
  synthetic: Flag;
  created_by: string | null;
  created_at: Timestamp;
}

export interface VisitsTable {
  id: string;
  kind: 'receive' | 'appointment' | 'home' | 'return' | 'patrol';
  visited_on: string;
  visitor_user_id: string | null;
  visitor_name: string;
  stewardship_id: string | null;
  household_id: string | null;
  region_code: string;
  path: string;
  notes: string | null;
  follow_up: string | null;
  follow_up_done: Flag;
  follow_up_done_at: Timestamp | null;
  synthetic: Flag;
  created_by: string | null;
  created_at: Timestamp;
}

/** Tables owned by the party module: organizations, members, liaison, embedded members, stewardship, visits. */
export interface PartyTables {
  party_orgs: PartyOrgsTable;
  party_members: PartyMembersTable;
  party_liaisons: PartyLiaisonsTable;
  embedded_members: EmbeddedMembersTable;
  embedded_service_hours: EmbeddedServiceHoursTable;
  stewardships: StewardshipsTable;
  visits: VisitsTable;
}
