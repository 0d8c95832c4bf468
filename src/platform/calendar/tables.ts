import type { ColumnType } from 'kysely';
import type { DayKind } from './working-days.js';

/** One exception to the Monday–Friday rule (db/migrations/0008_calendar.sql). */
export interface CalendarDaysTable {
  /** 'YYYY-MM-DD' (date columns come back as strings; type parser in database.ts). */
  day: string;
  kind: DayKind;
  name: string;
  updated_by: string | null;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

/** The calendar's tables, owned by src/platform/calendar. */
export interface CalendarTables {
  calendar_days: CalendarDaysTable;
}
