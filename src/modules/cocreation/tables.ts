import type { ColumnType } from 'kysely';
import type { Json, Timestamp } from '../../platform/db/tables.js';

// The co-creation tables (migration 0039_cocreation.sql). Only this module's stores import them.

type Flag = ColumnType<boolean, boolean | undefined, boolean>;
type Maybe<T> = ColumnType<T | null, T | null | undefined, T | null>;
/** numeric columns come back as JS numbers (type parser in database.ts). */
type Numeric = ColumnType<number, number | string, number | string>;
/** A nullable timestamp (Maybe<Timestamp> would nest two column types). */
type MaybeTime = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type MaybeNumeric = ColumnType<number | null, number | string | null | undefined, number | string | null>;

import type {
  ProposalStatus,
  OpinionSource,
  OpinionStatus,
  MeetingKind,
  MeetingStatus,
  Attendance,
  VoteMethod,
  Electorate,
  VoteStatus,
  BallotChannel,
  ProjectStatus,
  BudgetSource,
  ContributionKind,
} from './kinds.js';

export type {
  ProposalStatus,
  OpinionSource,
  OpinionStatus,
  MeetingKind,
  MeetingStatus,
  Attendance,
  VoteMethod,
  Electorate,
  VoteStatus,
  BallotChannel,
  ProjectStatus,
  BudgetSource,
  ContributionKind,
};

export interface CocreationProposalsTable {
  id: string;
  region_code: string;
  path: string;
  title: string;
  description: Maybe<string>;
  status: ColumnType<ProposalStatus, ProposalStatus | undefined, ProposalStatus>;
  /** A follow-up raised by a finished project's low score (0044). */
  follow_up_of: Maybe<string>;
  synthetic: Flag;
  created_by: Maybe<string>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface CocreationOpinionsTable {
  id: string;
  region_code: string;
  path: string;
  source: OpinionSource;
  resident_id: Maybe<string>;
  household_id: Maybe<string>;
  visit_id: Maybe<string>;
  order_id: Maybe<string>;
  meeting_id: Maybe<string>;
  author_name: string;
  content: string;
  status: ColumnType<OpinionStatus, OpinionStatus | undefined, OpinionStatus>;
  answer: Maybe<string>;
  proposal_id: Maybe<string>;
  project_id: Maybe<string>;
  merged_into: Maybe<string>;
  due_on: string;
  answered_at: MaybeTime;
  answered_by: Maybe<string>;
  synthetic: Flag;
  created_by: Maybe<string>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface CocreationMeetingsTable {
  id: string;
  region_code: string;
  path: string;
  kind: MeetingKind;
  title: string;
  place: Maybe<string>;
  starts_at: Timestamp;
  invited_parties: ColumnType<string[], string[] | undefined, string[]>;
  status: ColumnType<MeetingStatus, MeetingStatus | undefined, MeetingStatus>;
  minutes: Maybe<string>;
  quorum_met: Maybe<boolean>;
  held_at: MaybeTime;
  synthetic: Flag;
  created_by: Maybe<string>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface CocreationMeetingProposalsTable {
  meeting_id: string;
  proposal_id: string;
  seq: number;
  path: string;
}

export interface CocreationAttendeesTable {
  id: string;
  meeting_id: string;
  household_id: Maybe<string>;
  resident_id: Maybe<string>;
  name: string;
  path: string;
  attendance: Maybe<Attendance>;
  proxy_name: Maybe<string>;
}

export interface CocreationResolutionsTable {
  id: string;
  meeting_id: string;
  path: string;
  seq: number;
  text: string;
  proposal_id: Maybe<string>;
  vote_id: Maybe<string>;
  project_id: Maybe<string>;
  created_by: Maybe<string>;
  created_at: Timestamp;
}

export interface CocreationVotesTable {
  id: string;
  region_code: string;
  path: string;
  proposal_id: Maybe<string>;
  meeting_id: Maybe<string>;
  title: string;
  method: VoteMethod;
  electorate: Electorate;
  secret: Flag;
  quorum_pct: number;
  pass_pct: number;
  status: ColumnType<VoteStatus, VoteStatus | undefined, VoteStatus>;
  opens_at: MaybeTime;
  closes_at: MaybeTime;
  closed_at: MaybeTime;
  electorate_size: Maybe<number>;
  result: Maybe<Json>;
  synthetic: Flag;
  created_by: Maybe<string>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface CocreationVoteOptionsTable {
  id: string;
  vote_id: string;
  path: string;
  seq: number;
  label: string;
  description: Maybe<string>;
}

export interface CocreationElectorsTable {
  id: string;
  vote_id: string;
  path: string;
  household_id: string;
  resident_id: Maybe<string>;
  name: string;
  voted_at: MaybeTime;
  channel: Maybe<BallotChannel>;
  entered_by: Maybe<string>;
  witness_name: Maybe<string>;
  /** Household electorate: the adult members at the snapshot (migration 0047); '{}' before it. */
  member_ids: ColumnType<string[], string[] | undefined, never>;
}

export interface CocreationBallotsTable {
  id: string;
  vote_id: string;
  path: string;
  elector_id: Maybe<string>;
  channel: BallotChannel;
  choices: string[];
}

export interface CocreationProjectsTable {
  id: string;
  region_code: string;
  path: string;
  resolution_id: Maybe<string>;
  vote_option_id: Maybe<string>;
  title: string;
  plan: Maybe<string>;
  status: ColumnType<ProjectStatus, ProjectStatus | undefined, ProjectStatus>;
  progress: ColumnType<number, number | undefined, number>;
  started_on: Maybe<string>;
  completed_on: Maybe<string>;
  rating_opens_on: Maybe<string>;
  rating_closes_on: Maybe<string>;
  /** Labour days are valued at this daily wage (yuan; 0043). */
  labour_day_wage: ColumnType<number, number | string | undefined, number | string>;
  synthetic: Flag;
  created_by: Maybe<string>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface CocreationBudgetLinesTable {
  project_id: string;
  path: string;
  source: BudgetSource;
  amount: Numeric;
  note: Maybe<string>;
}

export interface CocreationContributionsTable {
  id: string;
  project_id: string;
  path: string;
  household_id: string;
  kind: ContributionKind;
  amount: MaybeNumeric;
  labour_days: MaybeNumeric;
  area_m2: MaybeNumeric;
  description: Maybe<string>;
  value_yuan: ColumnType<number, number | string | undefined, number | string>;
  receipt_no: Maybe<string>;
  contributed_on: string;
  synthetic: Flag;
  recorded_by: Maybe<string>;
  recorded_at: Timestamp;
  /** A wrong entry is voided with a reason and no longer counts (0043). */
  voided_at: MaybeTime;
  voided_by: Maybe<string>;
  void_reason: Maybe<string>;
}

export interface CocreationMilestonesTable {
  id: string;
  project_id: string;
  path: string;
  title: string;
  progress: number;
  note: Maybe<string>;
  reached_on: string;
  recorded_by: Maybe<string>;
  recorded_at: Timestamp;
}

export interface CocreationCareMembersTable {
  id: string;
  project_id: string;
  path: string;
  resident_id: string;
  name: string;
  duty: string;
  roster: Maybe<string>;
  is_leader: Flag;
}

export interface CocreationRatingsTable {
  id: string;
  project_id: string;
  path: string;
  household_id: string;
  resident_id: Maybe<string>;
  score: number;
  comment: Maybe<string>;
  synthetic: Flag;
  created_at: Timestamp;
}

export interface CocreationTables {
  cocreation_proposals: CocreationProposalsTable;
  cocreation_opinions: CocreationOpinionsTable;
  cocreation_meetings: CocreationMeetingsTable;
  cocreation_meeting_proposals: CocreationMeetingProposalsTable;
  cocreation_attendees: CocreationAttendeesTable;
  cocreation_resolutions: CocreationResolutionsTable;
  cocreation_votes: CocreationVotesTable;
  cocreation_vote_options: CocreationVoteOptionsTable;
  cocreation_electors: CocreationElectorsTable;
  cocreation_ballots: CocreationBallotsTable;
  cocreation_projects: CocreationProjectsTable;
  cocreation_budget_lines: CocreationBudgetLinesTable;
  cocreation_contributions: CocreationContributionsTable;
  cocreation_milestones: CocreationMilestonesTable;
  cocreation_care_members: CocreationCareMembersTable;
  cocreation_ratings: CocreationRatingsTable;
}
