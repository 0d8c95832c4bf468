import { chinaDate } from '../time.js';

// The official working-day calendar as pure arithmetic: no I/O, so deadline computations on
// every work-order action cost microseconds. Days are China dates ('YYYY-MM-DD'); internally a
// day is its number of days since 1970-01-01, which makes stepping and weekdays integer maths.

/** A stored exception: a public holiday (any day) or a 调休 working weekend. */
export type DayKind = 'holiday' | 'workday';
export const DAY_KINDS: readonly DayKind[] = ['holiday', 'workday'];

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
const DAY_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The day number (days since 1970-01-01) of a real date, or undefined ('2026-02-30', '2026-2-3'). */
function dayNumberOf(day: string): number | undefined {
  const m = DAY_RE.exec(day);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  // Date.UTC maps years 0–99 to 1900–1999; setUTCFullYear would too, so compare all three parts.
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return undefined;
  return ms / DAY_MS;
}

function toDayNumber(day: string): number {
  const n = dayNumberOf(day);
  if (n === undefined) throw new Error(`not a date (YYYY-MM-DD): "${day}"`);
  return n;
}

function fromDayNumber(n: number): string {
  return new Date(n * DAY_MS).toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday; 1970-01-01 was a Thursday. */
function weekdayOfNumber(n: number): number {
  return (((n + 4) % 7) + 7) % 7;
}

/** Whether a string is a real calendar date written 'YYYY-MM-DD'. */
export function isValidDay(day: string): boolean {
  return dayNumberOf(day) !== undefined;
}

/** The weekday of a date: 0 = Sunday, 1 = Monday … 6 = Saturday. */
export function weekdayOf(day: string): number {
  return weekdayOfNumber(toDayNumber(day));
}

/** Saturday or Sunday. */
export function isWeekend(day: string): boolean {
  const w = weekdayOf(day);
  return w === 0 || w === 6;
}

/** A parsed time limit: plain clock hours, or N working days. */
export type Duration = { unit: 'hours'; amount: number } | { unit: 'working_days'; amount: number };

const DURATION_RE = /^P(?:T(\d{1,4})H|(\d{1,3})WD)$/;

/**
 * Parses a time limit of the request taxonomy (shared/data/request-categories.json "tiers"):
 * `PT2H`, `PT24H` = clock hours; `P1WD`, `P3WD`, `P5WD`, `P15WD` = working days. Zero and
 * anything else is refused with an Error naming the duration.
 */
export function parseDuration(duration: string): Duration {
  const m = DURATION_RE.exec(duration);
  const amount = m ? Number(m[1] ?? m[2]) : 0;
  if (!m || amount < 1) {
    throw new Error(`invalid time-limit duration "${duration}": expected PT<n>H (clock hours) or P<n>WD (working days), n ≥ 1`);
  }
  return { unit: m[1] !== undefined ? 'hours' : 'working_days', amount };
}

/**
 * The working-day calendar: Monday to Friday working, Saturday and Sunday rest, except the stored
 * exceptions (public holidays, 调休 working weekends). Exceptions always apply; `covers(year)`
 * only tells whether a year's official notice has been entered, so callers can warn when a time
 * limit runs into a year that follows the plain Monday–Friday rule.
 */
export class WorkCalendar {
  /** Exceptions by day number. */
  private readonly exceptions = new Map<number, DayKind>();
  private readonly seeded: ReadonlySet<number>;

  /**
   * @param exceptions the stored exceptions by day ('YYYY-MM-DD')
   * @param seededYears the years whose notice has been entered; by default every year that has
   *   at least one exception (an official year always has holidays).
   */
  constructor(exceptions: ReadonlyMap<string, DayKind> = new Map(), seededYears?: Iterable<number>) {
    const years = new Set<number>();
    for (const [day, kind] of exceptions) {
      if (kind !== 'holiday' && kind !== 'workday') throw new Error(`invalid calendar kind "${String(kind)}" on ${day}`);
      this.exceptions.set(toDayNumber(day), kind);
      years.add(Number(day.slice(0, 4)));
    }
    this.seeded = seededYears ? new Set(seededYears) : years;
  }

  /** Builds a calendar from stored rows (`calendar_days`). */
  static fromRows(rows: Iterable<{ day: string; kind: DayKind }>, seededYears?: Iterable<number>): WorkCalendar {
    const map = new Map<string, DayKind>();
    for (const r of rows) map.set(r.day, r.kind);
    return new WorkCalendar(map, seededYears);
  }

  /** Whether a year's official holiday notice is in the calendar. */
  covers(year: number): boolean {
    return this.seeded.has(year);
  }

  /** The years whose notice is in the calendar, ascending. */
  seededYears(): number[] {
    return [...this.seeded].sort((a, b) => a - b);
  }

  /** The stored exception on a day, if any. */
  exceptionOn(day: string): DayKind | undefined {
    return this.exceptions.get(toDayNumber(day));
  }

  /** Whether a day is a working day. */
  isWorkingDay(day: string): boolean {
    return this.isWorking(toDayNumber(day));
  }

  /**
   * The n-th working day after `day` (n ≥ 1). n = 0 gives `day` itself when it is a working
   * day, else the next working day.
   */
  addWorkingDays(day: string, n: number): string {
    if (!Number.isInteger(n) || n < 0) throw new Error(`working days to add must be a whole number ≥ 0, got ${n}`);
    let d = toDayNumber(day);
    if (n === 0) {
      while (!this.isWorking(d)) d++;
      return fromDayNumber(d);
    }
    let left = n;
    while (left > 0) {
      d++;
      if (this.isWorking(d)) left--;
    }
    return fromDayNumber(d);
  }

  /**
   * The working days in (fromDay, toDay]: from a Friday to the next Monday is 1. Negative when
   * toDay is before fromDay (the working days in (toDay, fromDay], negated), so "days left"
   * turns into "days overdue" without a special case.
   */
  workingDaysBetween(fromDay: string, toDay: string): number {
    const from = toDayNumber(fromDay);
    const to = toDayNumber(toDay);
    const [lo, hi, sign] = from <= to ? [from, to, 1] : [to, from, -1];
    let count = 0;
    for (let d = lo + 1; d <= hi; d++) if (this.isWorking(d)) count++;
    return sign * count;
  }

  /**
   * When a time limit that starts at `start` runs out. `PT<n>H`: n clock hours later, whatever
   * the day. `P<n>WD`: the end (23:59:59.999 China time) of the n-th working day after the China
   * date of `start` — accepted on Friday afternoon or on Saturday, P1WD is due at the end of
   * Monday.
   */
  deadline(start: Date, duration: string): Date {
    const parsed = parseDuration(duration);
    if (Number.isNaN(start.getTime())) throw new Error(`invalid start time for duration "${duration}"`);
    if (parsed.unit === 'hours') return new Date(start.getTime() + parsed.amount * HOUR_MS);
    const due = this.addWorkingDays(chinaDate(start), parsed.amount);
    return new Date(`${due}T23:59:59.999+08:00`);
  }

  private isWorking(d: number): boolean {
    const exception = this.exceptions.get(d);
    if (exception) return exception === 'workday';
    const w = weekdayOfNumber(d);
    return w !== 0 && w !== 6;
  }
}
