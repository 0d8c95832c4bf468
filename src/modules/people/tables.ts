import type { ColumnType } from 'kysely';
import type { Json, Timestamp } from '../../platform/db/tables.js';

type Flag = ColumnType<boolean, boolean | undefined, boolean>;

export interface HouseholdsTable {
  id: string;
  village_code: string;
  grid_code: string | null;
  path: string;
  address: string;
  /** A free-text building label from before buildings were a table (imports may still fill it). */
  building: string | null;
  group_code: ColumnType<string | null, string | null | undefined, string | null>;
  building_id: ColumnType<string | null, string | null | undefined, string | null>;
  head_resident_id: string | null;
  source_key: ColumnType<string | null, string | null | undefined, string | null>;
  status: ColumnType<'active' | 'dissolved', 'active' | 'dissolved' | undefined, 'active' | 'dissolved'>;
  synthetic: Flag;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ResidentsTable {
  id: string;
  household_id: string;
  path: string;
  name: string;
  relation: string;
  sex: 'male' | 'female';
  birth_date: string;
  id_number_enc: string | null;
  id_number_hmac: string | null;
  id_number_masked: string | null;
  phone_enc: string | null;
  phone_hmac: string | null;
  phone_masked: string | null;
  tags: ColumnType<string[], string[] | undefined, string[]>;
  status: ColumnType<'active' | 'moved_out' | 'deceased', 'active' | 'moved_out' | 'deceased' | undefined, 'active' | 'moved_out' | 'deceased'>;
  synthetic: Flag;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ResidentEventsTable {
  id: string;
  resident_id: string;
  household_id: string;
  path: string;
  kind: string;
  occurred_on: string;
  details: Json;
  recorded_by: string | null;
  recorded_at: Timestamp;
}

export interface ResidentTagsTable {
  code: string;
  name: string;
  category: string;
  builtin: boolean;
  sort: number;
}

export interface ImportJobsTable {
  id: string;
  village_code: string;
  path: string;
  filename: string;
  content_type: string;
  /** SM4-GCM encrypted (encryptBytes) while the job runs; NULL once it is done or failed. */
  file: Buffer | null;
  status: 'queued' | 'running' | 'done' | 'failed';
  total_rows: number;
  processed_rows: ColumnType<number, number | undefined, number>;
  imported_rows: ColumnType<number, number | undefined, number>;
  skipped_rows: ColumnType<number, number | undefined, number>;
  error_rows: ColumnType<number, number | undefined, number>;
  message: string | null;
  error_report: Buffer | null;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface BuildingsTable {
  id: string;
  village_code: string;
  group_code: string | null;
  grid_code: string | null;
  /** The village's path, plus the grid code when the building is in a grid (as households). */
  path: string;
  name: string;
  kind: 'building' | 'courtyard';
  address: string | null;
  floors: number | null;
  units: number | null;
  synthetic: Flag;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** Tables owned by the people module (households, residents, their events, imports). */
export interface PeopleTables {
  import_jobs: ImportJobsTable;
  households: HouseholdsTable;
  residents: ResidentsTable;
  resident_events: ResidentEventsTable;
  resident_tags: ResidentTagsTable;
  buildings: BuildingsTable;
}
