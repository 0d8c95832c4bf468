import type { Json, Timestamp } from '../../platform/db/tables.js';

// The overview's own table (migration 0053_overview_reports.sql). Only this module's stores import it.

export interface OverviewReportsTable {
  id: string;
  region_code: string;
  path: string;
  region_name: string;
  region_level: 'county' | 'township' | 'village';
  /** YYYY-MM. */
  month: string;
  figures: Json;
  created_at: Timestamp;
}

export interface OverviewTables {
  overview_reports: OverviewReportsTable;
}
