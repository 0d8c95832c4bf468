import type { ColumnType } from 'kysely';
import type { Json, Timestamp } from '../../platform/db/tables.js';

type Flag = ColumnType<boolean, boolean | undefined, boolean>;
type Count = ColumnType<number, number | undefined, number>;
type List = ColumnType<string[], string[] | undefined, string[]>;

export type DisputeLevel = 'grid' | 'village' | 'township' | 'county';
export type RiskLevel = 'low' | 'medium' | 'high';
export type CaseSource = 'work_order' | 'window' | 'grid';
export type CaseStatus = 'open' | 'failed' | 'agreed' | 'closed';
export type CaseOutcome = 'written' | 'oral' | 'referred';
export type Referral = 'litigation' | 'arbitration' | 'petition';
export type PartyRole = 'applicant' | 'respondent' | 'third_party';
export type MediatorKind = 'full_time' | 'part_time';
export type ReceptionKind = 'receive' | 'appoint' | 'visit';
export type Sex = 'male' | 'female';
export type JudicialOutcome = 'confirmed' | 'rejected';

export interface DisputeCasesTable {
  id: string;
  number: string;
  submit_key: string | null;
  source: CaseSource;
  work_order_id: string | null;
  dispute_type: string;
  title: string;
  narrative: string;
  amount: number | null;
  attachments: List;
  methods: List;
  risk_level: RiskLevel;
  auto_risk_level: RiskLevel;
  risk_reasons: List;
  level: DisputeLevel;
  unit_region_code: string;
  level_started_at: Timestamp;
  level_due: Timestamp;
  overdue_notified: Flag;
  grid_code: string | null;
  village_code: string | null;
  township_code: string | null;
  county_code: string;
  path: string;
  status: CaseStatus;
  outcome: CaseOutcome | null;
  referral: Referral | null;
  outcome_note: string | null;
  mediator_id: string | null;
  reception_id: string | null;
  escalations: Count;
  closed_level: DisputeLevel | null;
  closed_at: Timestamp | null;
  created_by: string | null;
  synthetic: Flag;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface DisputePartiesTable {
  id: string;
  case_id: string;
  seq: number;
  role: PartyRole;
  resident_id: string | null;
  name: string;
  name_norm: string;
  id_number_masked: string | null;
  phone_enc: string | null;
  phone_hash: string | null;
  phone_masked: string | null;
  address: string | null;
  /** The particulars a written agreement states (art. 29); from the registry for a registered resident. */
  sex: Sex | null;
  age: number | null;
  ethnicity: string | null;
  occupation: string | null;
  path: string;
  created_at: Timestamp;
}

export interface DisputeSessionsTable {
  id: string;
  case_id: string;
  held_at: Timestamp;
  place: string;
  attendees: List;
  record: string;
  methods: List;
  mediator_id: string | null;
  path: string;
  created_by: string | null;
  created_at: Timestamp;
}

export interface DisputeAgreementsTable {
  id: string;
  case_id: string;
  kind: 'written' | 'oral';
  facts: string | null;
  matters: string | null;
  responsibilities: string | null;
  terms: string;
  performance_method: string | null;
  performance_deadline: string | null;
  committee_name: string | null;
  parties_signed: Flag;
  signed_at: Timestamp | null;
  stamped: Flag;
  stamped_at: Timestamp | null;
  effective_at: Timestamp | null;
  judicial_due: string | null;
  judicial_reminded: Flag;
  follow_up_reminded: Flag;
  followed_up_at: Timestamp | null;
  performed: boolean | null;
  follow_up_note: string | null;
  /** 司法确认: the parties' joint application, then the court's ruling (see 0026_mediation_law.sql). */
  judicial_applied_on: string | null;
  judicial_court: string | null;
  judicial_applicants: string[] | null;
  judicial_outcome: JudicialOutcome | null;
  judicial_ruled_on: string | null;
  judicial_document: string | null;
  judicial_reason: string | null;
  path: string;
  created_by: string | null;
  created_at: Timestamp;
}

export interface DisputeEventsTable {
  id: string;
  case_id: string;
  occurred_at: Timestamp;
  action: string;
  actor_id: string | null;
  actor_name: string;
  note: string | null;
  details: Json;
  path: string;
}

export interface MediatorsTable {
  id: string;
  name: string;
  kind: MediatorKind;
  specialties: List;
  region_code: string;
  organization: string;
  active: Flag;
  phone_enc: string | null;
  phone_hmac: string | null;
  phone_masked: string | null;
  path: string;
  synthetic: Flag;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** A department taking part in a case's joint mediation (联合调解), and its part once recorded. */
export interface DisputeCaseDepartmentsTable {
  id: string;
  case_id: string;
  department_id: string;
  method: string | null;
  note: string | null;
  path: string;
  invited_by: string | null;
  invited_at: Timestamp;
  part_note: string | null;
  part_at: Timestamp | null;
  part_by: string | null;
  part_by_name: string | null;
}

export interface PetitionReceptionsTable {
  id: string;
  kind: ReceptionKind;
  leader_name: string;
  leader_title: string;
  scheduled_at: Timestamp;
  place: string;
  region_code: string;
  notes: string | null;
  path: string;
  created_by: string | null;
  synthetic: Flag;
  created_at: Timestamp;
}

export interface DisputeCountersTable {
  county_code: string;
  day: string;
  last: number;
}

export interface DisputeTables {
  dispute_cases: DisputeCasesTable;
  dispute_parties: DisputePartiesTable;
  dispute_sessions: DisputeSessionsTable;
  dispute_agreements: DisputeAgreementsTable;
  dispute_events: DisputeEventsTable;
  dispute_case_departments: DisputeCaseDepartmentsTable;
  mediators: MediatorsTable;
  petition_receptions: PetitionReceptionsTable;
  dispute_counters: DisputeCountersTable;
}
