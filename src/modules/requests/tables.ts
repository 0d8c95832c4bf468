import type { ColumnType } from 'kysely';
import type { Json, Timestamp } from '../../platform/db/tables.js';

type Flag = ColumnType<boolean, boolean | undefined, boolean>;
type Count = ColumnType<number, number | undefined, number>;

export type Channel = 'hotline' | 'web' | 'app' | 'wechat' | 'patrol' | 'open311' | 'import' | 'supervision';
export type RequestType = 'consult' | 'help' | 'complaint' | 'report' | 'suggestion' | 'praise';
export type Tier = 'urgent' | 'fast' | 'normal' | 'complex';
export type OrderStatus = 'triage' | 'accepted' | 'dispatched' | 'signed' | 'in_progress' | 'resolved' | 'followed_up' | 'closed' | 'merged';
export type Level = 'grid' | 'village' | 'township' | 'county';
export type Satisfaction = 'satisfied' | 'basically' | 'unsatisfied';

export interface WorkOrdersTable {
  id: string;
  number: string;
  query_code_hash: string;
  submit_key: string | null;
  /** The request's hash beside its Idempotency-Key: the same key with another body is refused. */
  submit_hash: string | null;
  channel: Channel;
  external_source: string | null;
  external_id: string | null;
  request_type: RequestType;
  category_code: string | null;
  category_confirmed: Flag;
  predicted_category_code: string | null;
  predicted_request_type: string | null;
  confidence: number | null;
  tier: Tier | null;
  title: string;
  description: string;
  address: string | null;
  lat: number | null;
  lng: number | null;
  grid_code: string | null;
  village_code: string | null;
  township_code: string | null;
  county_code: string;
  path: string;
  requester_name: string | null;
  requester_phone_enc: string | null;
  requester_phone_hash: string | null;
  anonymous: Flag;
  status: OrderStatus;
  level: Level | null;
  unit_region_code: string | null;
  unit_department_id: string | null;
  current_stage_id: string | null;
  sign_for_due: Timestamp | null;
  resolve_due: Timestamp | null;
  follow_up_due: Timestamp | null;
  resolved_at: Timestamp | null;
  closed_at: Timestamp | null;
  closed_level: Level | 'intake' | null;
  resolution: string | null;
  supervised: Flag;
  return_pending: Flag;
  reopen_count: Count;
  parent_id: string | null;
  created_by: string | null;
  synthetic: Flag;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface WorkOrderStagesTable {
  id: string;
  order_id: string;
  seq: number;
  level: Level;
  unit_region_code: string | null;
  unit_department_id: string | null;
  path: string;
  started_at: Timestamp;
  sign_for_due: Timestamp;
  resolve_due: Timestamp;
  signed_at: Timestamp | null;
  ended_at: Timestamp | null;
  end_reason: 'resolved' | 'escalated' | 'returned' | 'reassigned' | 'merged' | null;
  excused: Flag;
  sign_for_notified: Flag;
  overdue_handled: Flag;
}

export interface WorkOrderEventsTable {
  id: string;
  order_id: string;
  occurred_at: Timestamp;
  action: string;
  actor_id: string | null;
  actor_name: string;
  unit_name: string | null;
  note: string | null;
  details: Json;
  path: string;
}

export interface WhistlesTable {
  id: string;
  order_id: string;
  caller_code: string;
  reason: string;
  path: string;
  created_by: string | null;
  created_at: Timestamp;
}

export interface WhistleCallsTable {
  id: string;
  whistle_id: string;
  order_id: string;
  department_id: string | null;
  region_code: string | null;
  path: string;
  report_due: Timestamp;
  reported_at: Timestamp | null;
  reported_by: string | null;
  report_note: string | null;
  part_done_at: Timestamp | null;
  part_note: string | null;
  notified_late: Flag;
}

export interface ExtensionRequestsTable {
  id: string;
  order_id: string;
  stage_id: string;
  days: number;
  reason: string;
  status: 'pending' | 'approved' | 'refused';
  path: string;
  requested_by: string | null;
  requested_at: Timestamp;
  decided_by: string | null;
  decided_at: Timestamp | null;
  decision_note: string | null;
}

export interface FollowUpsTable {
  id: string;
  order_id: string;
  stage_id: string | null;
  contacted: boolean;
  resolved: boolean;
  satisfaction: Satisfaction;
  comment: string | null;
  path: string;
  created_by: string | null;
  created_at: Timestamp;
}

export interface RoutingRulesTable {
  id: string;
  region_code: string;
  unit_kind: string;
  department_id: string;
  path: string;
  updated_by: string | null;
  updated_at: Timestamp;
}

export interface NotificationsTable {
  id: string;
  unit_region_code: string | null;
  unit_department_id: string | null;
  order_id: string | null;
  kind: string;
  message: string;
  path: string;
  created_at: Timestamp;
  read_at: Timestamp | null;
  webhook_status: 'pending' | 'sending' | 'delivered' | 'failed' | null;
  webhook_attempts: Count;
  webhook_claimed_at: Timestamp | null;
}

export interface ClassifierModelsTable {
  id: string;
  source: 'corpus' | 'orders';
  examples: number;
  accuracy: number | null;
  model: Json;
  active: Flag;
  created_at: Timestamp;
  /** What the model learned from (0025_classifier_model.sql); NULL before it. */
  inputs_hash: string | null;
}

export interface Open311KeysTable {
  id: string;
  name: string;
  key_hash: string;
  created_at: Timestamp;
  revoked_at: Timestamp | null;
}

export interface WorkOrderCountersTable {
  county_code: string;
  day: string;
  last: number;
}

export interface RequestTables {
  work_orders: WorkOrdersTable;
  work_order_stages: WorkOrderStagesTable;
  work_order_events: WorkOrderEventsTable;
  whistles: WhistlesTable;
  whistle_calls: WhistleCallsTable;
  extension_requests: ExtensionRequestsTable;
  follow_ups: FollowUpsTable;
  routing_rules: RoutingRulesTable;
  notifications: NotificationsTable;
  classifier_models: ClassifierModelsTable;
  open311_keys: Open311KeysTable;
  work_order_counters: WorkOrderCountersTable;
}
