import type { Kysely } from 'kysely';
import { can } from '../accounts/policy.js';
import { dbContext, type Actor } from '../actor.js';
import { appendAudit } from '../audit/service.js';
import { SYSTEM_CONTEXT, withContext } from '../db/context.js';
import type { DB } from '../db/tables.js';
import type { Deps } from '../deps.js';
import { forbidden, invalidField, notFound } from '../errors.js';
import type { CalendarDay, CalendarYear, SetCalendarDayParams } from './schema.js';
import { deleteCalendarDay, findCalendarDayForUpdate, listAllCalendarDays, listCalendarDays, upsertCalendarDay, type CalendarDayRow } from './store.js';
import { isValidDay, isWeekend, WorkCalendar } from './working-days.js';

/**
 * How long a loaded calendar is trusted. Edits made through this process drop it at once; the
 * limit bounds how long another server process on the same database keeps counting on the old one.
 */
const CACHE_TTL_MS = 5 * 60_000;
const MIN_YEAR = 2000;
const MAX_YEAR = 2099;

interface CacheEntry {
  loadedAt: number;
  calendar: Promise<WorkCalendar>;
}

/** One calendar per database (tests open several in one process). */
const cache = new WeakMap<Kysely<DB>, CacheEntry>();

/** Reads every stored exception and builds the calendar, without the cache. */
export async function loadWorkCalendar(db: Kysely<DB>): Promise<WorkCalendar> {
  return WorkCalendar.fromRows(await readPublic(db, listAllCalendarDays));
}

/** The calendar is public, but its table is under row-level security: outside a transaction, read as the server. */
function readPublic<T>(db: Kysely<DB>, read: (db: Kysely<DB>) => Promise<T>): Promise<T> {
  return db.isTransaction ? read(db) : withContext(db, SYSTEM_CONTEXT, read);
}

/**
 * The working-day calendar, cached in this process and dropped when it is edited. Call it before
 * opening a transaction; inside one, pass the transaction as `tx` so a cold cache loads through it
 * (PGlite has a single connection: a second one would wait for the open transaction forever).
 */
export async function workCalendar(deps: Pick<Deps, 'db'>, tx?: Kysely<DB>): Promise<WorkCalendar> {
  const hit = cache.get(deps.db);
  if (hit && Date.now() - hit.loadedAt < CACHE_TTL_MS) return hit.calendar;
  const entry: CacheEntry = { loadedAt: Date.now(), calendar: loadWorkCalendar(tx ?? deps.db) };
  cache.set(deps.db, entry);
  // A failed load is not remembered; the next call tries again.
  entry.calendar.catch(() => {
    if (cache.get(deps.db) === entry) cache.delete(deps.db);
  });
  return entry.calendar;
}

/** Drops the cached calendar of a database; the next `workCalendar()` reads it afresh. */
export function invalidateWorkCalendar(db: Kysely<DB>): void {
  cache.delete(db);
}

function checkYear(year: number, field = 'year'): void {
  if (!Number.isInteger(year) || year < MIN_YEAR || year > MAX_YEAR) throw invalidField(field, `年份应在 ${MIN_YEAR}–${MAX_YEAR} 之间`);
}

function checkDay(day: string): void {
  if (!isValidDay(day)) throw invalidField('day', '不是有效的日期（YYYY-MM-DD）');
  checkYear(Number(day.slice(0, 4)), 'day');
}

const present = (r: CalendarDayRow): CalendarDay => ({ day: r.day, kind: r.kind, name: r.name });

/**
 * A year's exceptions (holidays, 调休 working weekends) and whether its notice is entered. The
 * calendar is public: any signed-in user may read it.
 */
export async function getCalendarYear(deps: Pick<Deps, 'db'>, year: number): Promise<CalendarYear> {
  checkYear(year);
  const rows = await readPublic(deps.db, (db) => listCalendarDays(db, year));
  // The same rule as WorkCalendar: a year with any exception is seeded.
  return { year, seeded: rows.length > 0, days: rows.map(present) };
}

function authorizeEdit(actor: Actor): void {
  if (!can(actor, 'calendar.edit')) throw forbidden('calendar.edit');
}

/**
 * Marks a day as a public holiday or a 调休 working day (replacing what it was). A working-day
 * exception only makes sense on a Saturday or Sunday; Monday to Friday already work.
 */
export async function setCalendarDay(deps: Deps, actor: Actor, params: SetCalendarDayParams): Promise<CalendarDay> {
  authorizeEdit(actor);
  checkDay(params.day);
  if (params.kind !== 'holiday' && params.kind !== 'workday') throw invalidField('kind', '应为 holiday（放假）或 workday（调休上班）');
  const name = params.name.trim();
  if (name.length < 1 || name.length > 20) throw invalidField('name', '名称应为 1–20 个字');
  if (params.kind === 'workday' && !isWeekend(params.day)) {
    throw invalidField('kind', '周一至周五本来就是工作日，无需设为调休上班；如要取消该日的放假安排，请清除该日');
  }
  const now = deps.clock.now();
  const saved = await withContext(deps.db, dbContext(actor), async (tx) => {
    const before = await findCalendarDayForUpdate(tx, params.day);
    await upsertCalendarDay(tx, { day: params.day, kind: params.kind, name, updated_by: actor.userId, updated_at: now });
    const after: CalendarDay = { day: params.day, kind: params.kind, name };
    await appendAudit(tx, deps.clock, actor, {
      action: 'calendar.set',
      targetType: 'calendar_day',
      targetId: params.day,
      before: before ? present(before) : null,
      after,
    });
    return after;
  });
  invalidateWorkCalendar(deps.db);
  return saved;
}

/** Removes a day's exception: the day follows the Monday–Friday rule again. */
export async function clearCalendarDay(deps: Deps, actor: Actor, day: string): Promise<void> {
  authorizeEdit(actor);
  checkDay(day);
  await withContext(deps.db, dbContext(actor), async (tx) => {
    const before = await findCalendarDayForUpdate(tx, day);
    if (!before) throw notFound('该日的节假日或调休设置', day);
    await deleteCalendarDay(tx, day);
    await appendAudit(tx, deps.clock, actor, { action: 'calendar.clear', targetType: 'calendar_day', targetId: day, before: present(before), after: null });
  });
  invalidateWorkCalendar(deps.db);
}
