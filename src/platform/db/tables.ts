import type { ColumnType, Generated } from 'kysely';
import type { CalendarTables } from '../calendar/tables.js';
import type { FileTables } from '../files/tables.js';
import type { DisputeTables } from '../../modules/disputes/tables.js';
import type { DutyTables } from '../../modules/duties/tables.js';
import type { CocreationTables } from '../../modules/cocreation/tables.js';
import type { CompactTables } from '../../modules/compacts/tables.js';
import type { CouncilTables } from '../../modules/councils/tables.js';
import type { BoardTables } from '../../modules/boards/tables.js';
import type { PartyTables } from '../../modules/party/tables.js';
import type { PeopleTables } from '../../modules/people/tables.js';
import type { PointsTables } from '../../modules/points/tables.js';
import type { GridTables } from '../../modules/regions/tables.js';
import type { OverviewTables } from '../../modules/overview/tables.js';
import type { RequestTables } from '../../modules/requests/tables.js';

/** Row types of every table, as Kysely sees them. Each module owns the tables it names here. */
export type Timestamp = ColumnType<Date, Date | string, Date | string>;
export type Json = ColumnType<unknown, string | null, string | null>;

export interface RegionsTable {
  code: string;
  name: string;
  level: 'province' | 'city' | 'county' | 'township' | 'village' | 'group';
  kind: string | null;
  parent_code: string | null;
  path: string;
  /** A village's GeoJSON Polygon when drawn (0015); read as an object, written as JSON text. */
  boundary: ColumnType<{ type: 'Polygon'; coordinates: [number, number][][] } | null, string | null | undefined, string | null>;
  synthetic: ColumnType<boolean, boolean | undefined, boolean>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface DepartmentsTable {
  id: string;
  code: string;
  name: string;
  region_code: string;
  /** Which kind of unit it is for routing work orders (shared/data/request-categories.json unitKinds). */
  unit_kind: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: Generated<Date>;
}

/** pending: awaiting a credential grant (a new account, or a password reset); see migration 0022. */
export type UserStatus = 'active' | 'disabled' | 'pending';

export interface UsersTable {
  id: string;
  username: string;
  display_name: string;
  role: string;
  region_code: string;
  scope_path: string;
  department_id: string | null;
  password_hash: string;
  password_changed_at: Timestamp;
  must_change_password: ColumnType<boolean, boolean | undefined, boolean>;
  totp_secret: string | null;
  totp_last_counter: number | null;
  status: ColumnType<UserStatus, UserStatus | undefined, UserStatus>;
  failed_logins: ColumnType<number, number | undefined, number>;
  locked_until: Timestamp | null;
  synthetic: ColumnType<boolean, boolean | undefined, boolean>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface SessionsTable {
  id: string;
  user_id: string;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  expires_at: Timestamp;
  revoked_at: Timestamp | null;
  client_ip: string | null;
  user_agent: string | null;
}

export interface AuditLogTable {
  seq: number;
  id: string;
  occurred_at: Timestamp;
  actor_id: string | null;
  actor_name: string | null;
  actor_role: string | null;
  actor_scope: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  outcome: 'ok' | 'denied' | 'failed';
  before: Json;
  after: Json;
  details: Json;
  client_ip: string | null;
  prev_hash: string;
  hash: string;
  /** `<key id>:<HMAC-SM3(audit key, hash)>`; null on records written before migration 0017. */
  mac: string | null;
}

export interface AuditChainHeadTable {
  id: number;
  seq: number;
  hash: string;
}

export interface IdempotencyKeysTable {
  actor_key: string;
  key: string;
  method: string;
  path: string;
  request_hash: string;
  status_code: number | null;
  response_body: string | null;
  created_at: Timestamp;
}

/** Failed logins per (username as typed, client address); see migration 0018. */
export interface LoginThrottleTable {
  username: string;
  client_ip: string;
  failures: number;
  locks: number;
  last_failed_at: Timestamp;
  locked_until: Timestamp | null;
}

/** A new account or a password reset, in two code halves from two different admins; see migration 0022. */
export interface CredentialGrantsTable {
  id: string;
  user_id: string;
  kind: 'activate' | 'reset';
  scope_path: string;
  requested_by: string;
  requested_role: 'system_admin' | 'security_admin';
  requested_at: Timestamp;
  code_a_hash: string;
  approved_by: string | null;
  approved_role: 'system_admin' | 'security_admin' | null;
  approved_at: Timestamp | null;
  code_b_hash: string | null;
  expires_at: Timestamp;
  failed_attempts: ColumnType<number, number | undefined, number>;
  closed_at: Timestamp | null;
  closed_reason: 'redeemed' | 'cancelled' | 'replaced' | 'expired' | 'too_many_attempts' | null;
}

/** Reveals of full ID/phone numbers per user, counted by the throttle; see migration 0020. */
export interface RevealLogTable {
  id: string;
  user_id: string;
  occurred_at: Timestamp;
  refused: ColumnType<boolean, boolean | undefined, boolean>;
}

/** Platform tables here; each module declares its own in `src/modules/<module>/tables.ts`. */
export interface DB
  extends
    GridTables,
    PeopleTables,
    PartyTables,
    RequestTables,
    CalendarTables,
    DisputeTables,
    FileTables,
    DutyTables,
    CocreationTables,
    PointsTables,
    CompactTables,
    CouncilTables,
    BoardTables,
    OverviewTables {
  regions: RegionsTable;
  departments: DepartmentsTable;
  users: UsersTable;
  sessions: SessionsTable;
  audit_log: AuditLogTable;
  audit_chain_head: AuditChainHeadTable;
  idempotency_keys: IdempotencyKeysTable;
  login_throttle: LoginThrottleTable;
  credential_grants: CredentialGrantsTable;
  reveal_log: RevealLogTable;
}
