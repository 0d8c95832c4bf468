import type { Kysely } from 'kysely';
import type { DB } from '../db/tables.js';
import type { DayKind } from './working-days.js';

// All SQL of the working-day calendar. The table is public (SELECT for everyone), so reads may run
// on the pool or inside any caller's transaction; writes run in the editor's withContext().

export interface CalendarDayRow {
  day: string;
  kind: DayKind;
  name: string;
  updated_by: string | null;
  updated_at: Date;
}

/** Every stored exception, for building the in-process calendar (a few dozen rows a year). */
export async function listAllCalendarDays(db: Kysely<DB>): Promise<{ day: string; kind: DayKind }[]> {
  return db.selectFrom('calendar_days').select(['day', 'kind']).orderBy('day').execute();
}

/** The exceptions of one year, in date order. */
export async function listCalendarDays(db: Kysely<DB>, year: number): Promise<CalendarDayRow[]> {
  return db.selectFrom('calendar_days').selectAll().where('day', '>=', `${year}-01-01`).where('day', '<=', `${year}-12-31`).orderBy('day').execute();
}

/** The exception stored on a day, locked against a concurrent edit of the same day. */
export async function findCalendarDayForUpdate(db: Kysely<DB>, day: string): Promise<CalendarDayRow | undefined> {
  return db.selectFrom('calendar_days').selectAll().where('day', '=', day).forUpdate().executeTakeFirst();
}

/** Sets a day's exception, replacing any there was. */
export async function upsertCalendarDay(
  db: Kysely<DB>,
  row: { day: string; kind: DayKind; name: string; updated_by: string | null; updated_at: Date },
): Promise<void> {
  await db
    .insertInto('calendar_days')
    .values(row)
    .onConflict((oc) =>
      oc.column('day').doUpdateSet({
        kind: (eb) => eb.ref('excluded.kind'),
        name: (eb) => eb.ref('excluded.name'),
        updated_by: (eb) => eb.ref('excluded.updated_by'),
        updated_at: (eb) => eb.ref('excluded.updated_at'),
      }),
    )
    .execute();
}

/** Removes a day's exception; the day follows the Monday–Friday rule again. */
export async function deleteCalendarDay(db: Kysely<DB>, day: string): Promise<void> {
  await db.deleteFrom('calendar_days').where('day', '=', day).execute();
}
