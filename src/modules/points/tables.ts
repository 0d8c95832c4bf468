import type { ColumnType } from 'kysely';
import type { Timestamp } from '../../platform/db/tables.js';
import type { AccountKind, EntryKind, HoursStatus, RedemptionChannel, RuleCadence, ServiceCategory, ServiceDirection, TransferKind } from './kinds.js';

// The points and time-bank tables (migration 0045_points.sql). Only this module's stores import them.

type Flag = ColumnType<boolean, boolean | undefined, boolean>;
type Maybe<T> = ColumnType<T | null, T | null | undefined, T | null>;
type MaybeTime = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
/** numeric columns come back as JS numbers (type parser in database.ts). */
type Numeric = ColumnType<number, number | string, number | string>;

export interface PointsRulesTable {
  id: string;
  region_code: string;
  path: string;
  code: string;
  name: string;
  points: number;
  cadence: RuleCadence;
  active: Flag;
  created_by: Maybe<string>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface PointsAccountsTable {
  id: string;
  kind: AccountKind;
  village_code: string;
  path: string;
  household_id: Maybe<string>;
  resident_id: Maybe<string>;
  created_at: Timestamp;
}

export interface PointsShopItemsTable {
  id: string;
  village_code: string;
  path: string;
  name: string;
  price: number;
  stock: number;
  active: Flag;
  created_by: Maybe<string>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface PointsShopRestocksTable {
  id: string;
  item_id: string;
  path: string;
  quantity: number;
  reason: string;
  created_by: Maybe<string>;
  created_at: Timestamp;
}

export interface PointsRedemptionsTable {
  id: string;
  item_id: string;
  account_id: string;
  path: string;
  quantity: number;
  points: number;
  channel: RedemptionChannel;
  created_by: Maybe<string>;
  actor_name: string;
  created_at: Timestamp;
}

export interface PointsRedemptionClosuresTable {
  redemption_id: string;
  path: string;
  kind: 'handover' | 'cancel';
  reason: Maybe<string>;
  created_by: Maybe<string>;
  actor_name: string;
  created_at: Timestamp;
}

export interface PointsEntriesTable {
  id: string;
  village_code: string;
  path: string;
  account_id: string;
  debit_account: string;
  credit_account: string;
  amount: number;
  kind: EntryKind;
  rule_id: Maybe<string>;
  period: Maybe<string>;
  reason: Maybe<string>;
  redemption_id: Maybe<string>;
  booked_on: string;
  created_by: Maybe<string>;
  actor_name: string;
  created_at: Timestamp;
}

export interface TimebankVolunteersTable {
  id: string;
  resident_id: string;
  village_code: string;
  path: string;
  name: string;
  skills: Maybe<string>;
  registered_on: string;
  created_by: Maybe<string>;
  created_at: Timestamp;
}

export interface TimebankServicesTable {
  id: string;
  village_code: string;
  path: string;
  direction: ServiceDirection;
  category: ServiceCategory;
  volunteer_id: Maybe<string>;
  resident_id: Maybe<string>;
  description: string;
  status: ColumnType<'open' | 'closed', 'open' | 'closed' | undefined, 'open' | 'closed'>;
  created_by: Maybe<string>;
  created_at: Timestamp;
}

export interface TimebankHoursTable {
  id: string;
  volunteer_id: string;
  receiver_id: string;
  service_id: Maybe<string>;
  village_code: string;
  path: string;
  category: ServiceCategory;
  served_on: string;
  hours: Numeric;
  activity: string;
  status: ColumnType<HoursStatus, HoursStatus | undefined, HoursStatus>;
  confirmed_at: MaybeTime;
  confirmed_via: Maybe<'receiver' | 'cadre'>;
  confirmed_by: Maybe<string>;
  created_by: Maybe<string>;
  actor_name: string;
  created_at: Timestamp;
}

export interface TimebankTransfersTable {
  id: string;
  village_code: string;
  path: string;
  kind: TransferKind;
  from_volunteer_id: Maybe<string>;
  to_volunteer_id: Maybe<string>;
  hours: Numeric;
  note: string;
  created_by: Maybe<string>;
  actor_name: string;
  created_at: Timestamp;
}

export interface PointsTables {
  points_rules: PointsRulesTable;
  points_accounts: PointsAccountsTable;
  points_shop_items: PointsShopItemsTable;
  points_shop_restocks: PointsShopRestocksTable;
  points_redemptions: PointsRedemptionsTable;
  points_redemption_closures: PointsRedemptionClosuresTable;
  points_entries: PointsEntriesTable;
  timebank_volunteers: TimebankVolunteersTable;
  timebank_services: TimebankServicesTable;
  timebank_hours: TimebankHoursTable;
  timebank_transfers: TimebankTransfersTable;
}
