import type { ColumnType } from 'kysely';
import type { Json, Timestamp } from '../../platform/db/tables.js';

type Flag = ColumnType<boolean, boolean | undefined, boolean>;
type Maybe<T> = ColumnType<T | null, T | null | undefined, T | null>;
/** numeric columns come back as JS numbers (type parser in database.ts). */
type Numeric = ColumnType<number, number | string, number | string>;

export type DutyListKind =
  | 'township_basic'
  | 'township_assist'
  | 'township_returned'
  | 'township_power'
  | 'township_service'
  | 'township_territorial'
  | 'village_main'
  | 'village_assist'
  | 'village_forbidden'
  | 'small_power';
export type DutyItemStatus = 'proposed' | 'active' | 'rejected' | 'retired';
export type WorkItemKind = 'task' | 'form' | 'inspection' | 'meeting' | 'data_request';
export type WorkItemStatus = 'delivered' | 'refused' | 'held' | 'rejected';

export interface DutyItemsTable {
  id: string;
  list: DutyListKind;
  region_code: string;
  path: string;
  code: string;
  name: string;
  basis: Maybe<string>;
  department_id: Maybe<string>;
  procedure: ColumnType<string[], string[] | undefined, string[]>;
  status: DutyItemStatus;
  effective_from: string;
  effective_to: Maybe<string>;
  proposed_by: Maybe<string>;
  approved_by: Maybe<string>;
  decision_note: Maybe<string>;
  synthetic: Flag;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface WorkItemsTable {
  id: string;
  batch_id: string;
  kind: WorkItemKind;
  title: string;
  content: string;
  due_on: Maybe<string>;
  duty_item_id: Maybe<string>;
  exception_reason: Maybe<string>;
  sender_user_id: Maybe<string>;
  sender_name: string;
  sender_department_id: Maybe<string>;
  sender_region_code: Maybe<string>;
  target_region_code: string;
  target_path: string;
  status: WorkItemStatus;
  reason: string;
  approved_by: Maybe<string>;
  approval_note: Maybe<string>;
  exception_expires_on: Maybe<string>;
  decided_at: Timestamp;
  report_id: Maybe<string>;
  fields: Json;
  period_from: Maybe<string>;
  period_to: Maybe<string>;
  answered_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  answered_by: Maybe<string>;
  synthetic: Flag;
  created_at: Timestamp;
}

export interface CertificateRulesTable {
  id: string;
  name: string;
  keywords: ColumnType<string[], string[] | undefined, string[]>;
  allowed: boolean;
  alternative: Maybe<string>;
  basis: Maybe<string>;
  synthetic: Flag;
  created_at: Timestamp;
}

export interface CertificateAnswersTable {
  id: string;
  rule_id: string;
  region_code: string;
  path: string;
  channel: 'window' | 'intake';
  answered_by: Maybe<string>;
  synthetic: Flag;
  created_at: Timestamp;
}

export interface ReportTemplatesTable {
  id: string;
  name: string;
  requester: string;
  fields: Json;
  duty_item_id: Maybe<string>;
  created_by: Maybe<string>;
  synthetic: Flag;
  created_at: Timestamp;
}

export interface ReportsTable {
  id: string;
  template_id: string;
  region_code: string;
  path: string;
  period_from: string;
  period_to: string;
  figures: Json;
  created_by: Maybe<string>;
  synthetic: Flag;
  created_at: Timestamp;
}

export interface VillageDataTable {
  region_code: string;
  path: string;
  datum_key: string;
  period_from: string;
  period_to: string;
  value: Numeric;
  work_item_id: Maybe<string>;
  entered_by: Maybe<string>;
  entered_at: Timestamp;
}

export interface AssessmentSetsTable {
  id: string;
  name: string;
  unit_level: 'township' | 'village';
  unit_kind: Maybe<string>;
  indicators: Json;
  created_by: Maybe<string>;
  synthetic: Flag;
  created_at: Timestamp;
}

export interface AssessmentRoundsTable {
  id: string;
  set_id: string;
  region_code: string;
  path: string;
  period_from: string;
  period_to: string;
  scores: Json;
  created_by: Maybe<string>;
  synthetic: Flag;
  created_at: Timestamp;
}

export interface TaskListsTable {
  id: string;
  name: string;
  issuer: string;
  region_code: string;
  path: string;
  created_by: Maybe<string>;
  synthetic: Flag;
  created_at: Timestamp;
}

export interface TasksTable {
  id: string;
  list_id: string;
  seq: number;
  measure_no: string;
  title: string;
  lead_department_id: Maybe<string>;
  lead_region_code: Maybe<string>;
  co_units: ColumnType<string[], string[] | undefined, string[]>;
  due_on: string;
  measure_id: Maybe<string>;
  target: ColumnType<number | null, number | null | undefined, number | null>;
  path: string;
  synthetic: Flag;
  created_at: Timestamp;
}

export type TaskStatus = 'on_track' | 'delayed' | 'done';

export interface TaskReportsTable {
  id: string;
  task_id: string;
  status: TaskStatus;
  progress: string;
  figure: ColumnType<number | null, number | null | undefined, number | null>;
  file_ids: ColumnType<string[], string[] | undefined, string[]>;
  reported_by: Maybe<string>;
  reporter_name: string;
  synthetic: Flag;
  created_at: Timestamp;
}

export interface FormalismReportsTable {
  id: string;
  region_code: string;
  path: string;
  content: string;
  anonymous: boolean;
  reporter_id: Maybe<string>;
  status: 'open' | 'answered';
  answer: Maybe<string>;
  answered_by: Maybe<string>;
  answered_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  synthetic: Flag;
  created_at: Timestamp;
}

export type BurdenKind = 'signboard' | 'work_group' | 'app';
export type BurdenStatus = 'approved' | 'to_remove' | 'removed';

export interface BurdenRegisterTable {
  id: string;
  kind: BurdenKind;
  name: string;
  region_code: string;
  path: string;
  required_by: string;
  basis: Maybe<string>;
  status: BurdenStatus;
  remove_by: Maybe<string>;
  removed_on: Maybe<string>;
  note: Maybe<string>;
  synthetic: Flag;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export type NoticeKind = 'document' | 'meeting';

export interface NoticesTable {
  id: string;
  kind: NoticeKind;
  doc_number: Maybe<string>;
  title: string;
  issuer: string;
  sender_region_code: string;
  sender_path: string;
  issued_on: string;
  target_codes: string[];
  village_count: number;
  attendees: Maybe<string>;
  hours: ColumnType<number | null, number | string | null | undefined, number | string | null>;
  recorded_by: Maybe<string>;
  synthetic: Flag;
  created_at: Timestamp;
}

export type WatchPointKind = 'observation' | 'monitoring';

/** 观测点 / 监测点: a township or village the county watches (migration 0037). */
export interface WatchPointsTable {
  id: string;
  region_code: string;
  path: string;
  kind: WatchPointKind;
  designated_on: string;
  note: Maybe<string>;
  designated_by: Maybe<string>;
  removed_on: Maybe<string>;
  removed_by: Maybe<string>;
  synthetic: Flag;
  created_at: Timestamp;
}

/** One reminder sent to a task's lead unit per task and deadline (migration 0037). */
export interface TaskRemindersTable {
  task_id: string;
  due_on: string;
  sent_at: Timestamp;
}

/** Tables owned by the duties module (burden reduction). */
export interface DutyTables {
  watch_points: WatchPointsTable;
  task_reminders: TaskRemindersTable;
  notices: NoticesTable;
  burden_register: BurdenRegisterTable;
  task_lists: TaskListsTable;
  tasks: TasksTable;
  task_reports: TaskReportsTable;
  formalism_reports: FormalismReportsTable;
  assessment_sets: AssessmentSetsTable;
  assessment_rounds: AssessmentRoundsTable;
  duty_items: DutyItemsTable;
  work_items: WorkItemsTable;
  certificate_rules: CertificateRulesTable;
  certificate_answers: CertificateAnswersTable;
  report_templates: ReportTemplatesTable;
  reports: ReportsTable;
  village_data: VillageDataTable;
}
