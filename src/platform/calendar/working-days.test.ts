import { describe, expect, it } from 'vitest';
import { isValidDay, isWeekend, parseDuration, weekdayOf, WorkCalendar, type DayKind } from './working-days.js';

// The 2025 and 2026 notices as seeded by db/migrations/0008_calendar.sql, spelled out here so the
// arithmetic is tested without a database.
const SPANS: [string, string, DayKind][] = [
  ['2025-01-01', '2025-01-01', 'holiday'],
  ['2025-01-28', '2025-02-04', 'holiday'],
  ['2025-01-26', '2025-01-26', 'workday'],
  ['2025-02-08', '2025-02-08', 'workday'],
  ['2025-04-04', '2025-04-06', 'holiday'],
  ['2025-05-01', '2025-05-05', 'holiday'],
  ['2025-04-27', '2025-04-27', 'workday'],
  ['2025-05-31', '2025-06-02', 'holiday'],
  ['2025-10-01', '2025-10-08', 'holiday'],
  ['2025-09-28', '2025-09-28', 'workday'],
  ['2025-10-11', '2025-10-11', 'workday'],
  ['2026-01-01', '2026-01-03', 'holiday'],
  ['2026-01-04', '2026-01-04', 'workday'],
  ['2026-02-15', '2026-02-23', 'holiday'],
  ['2026-02-14', '2026-02-14', 'workday'],
  ['2026-02-28', '2026-02-28', 'workday'],
  ['2026-04-04', '2026-04-06', 'holiday'],
  ['2026-05-01', '2026-05-05', 'holiday'],
  ['2026-05-09', '2026-05-09', 'workday'],
  ['2026-06-19', '2026-06-21', 'holiday'],
  ['2026-09-25', '2026-09-27', 'holiday'],
  ['2026-10-01', '2026-10-07', 'holiday'],
  ['2026-09-20', '2026-09-20', 'workday'],
  ['2026-10-10', '2026-10-10', 'workday'],
];

function official(): WorkCalendar {
  const rows: { day: string; kind: DayKind }[] = [];
  for (const [first, last, kind] of SPANS) {
    for (let d = new Date(`${first}T00:00:00Z`); d <= new Date(`${last}T00:00:00Z`); d = new Date(d.getTime() + 86_400_000)) {
      rows.push({ day: d.toISOString().slice(0, 10), kind });
    }
  }
  return WorkCalendar.fromRows(rows);
}

const cal = official();
/** China wall-clock time as an instant. */
const at = (local: string) => new Date(`${local}+08:00`);
const endOf = (day: string) => at(`${day}T23:59:59.999`);

describe('day helpers', () => {
  it('knows real dates and weekdays', () => {
    expect(isValidDay('2024-02-29')).toBe(true);
    expect(isValidDay('2026-02-29')).toBe(false);
    expect(isValidDay('2026-13-01')).toBe(false);
    expect(isValidDay('2026-1-5')).toBe(false);
    expect(isValidDay('0050-01-01')).toBe(false);
    expect(weekdayOf('2026-11-23')).toBe(1);
    expect(weekdayOf('1970-01-01')).toBe(4);
    expect(weekdayOf('1969-12-28')).toBe(0);
    expect(isWeekend('2026-02-14')).toBe(true);
    expect(isWeekend('2026-02-16')).toBe(false);
  });

  it('parses the taxonomy durations and refuses anything else, naming it', () => {
    expect(parseDuration('PT2H')).toEqual({ unit: 'hours', amount: 2 });
    expect(parseDuration('P15WD')).toEqual({ unit: 'working_days', amount: 15 });
    for (const bad of ['P0WD', 'PT0H', 'P1D', 'P1W', 'PT1.5H', '3WD', 'p1wd', '', 'P1WDX']) {
      expect(() => parseDuration(bad)).toThrow(`"${bad}"`);
    }
  });
});

describe('isWorkingDay', () => {
  it('follows Monday–Friday outside the exceptions', () => {
    expect(cal.isWorkingDay('2026-11-23')).toBe(true); // Monday
    expect(cal.isWorkingDay('2026-11-28')).toBe(false); // Saturday
  });

  it('春节 2026: the whole span rests, the 调休 Saturdays on both sides work', () => {
    expect(cal.isWorkingDay('2026-02-13')).toBe(true); // Friday
    expect(cal.isWorkingDay('2026-02-14')).toBe(true); // Saturday, 调休
    for (let d = 15; d <= 23; d++) expect(cal.isWorkingDay(`2026-02-${d}`)).toBe(false);
    expect(cal.isWorkingDay('2026-02-24')).toBe(true);
    expect(cal.isWorkingDay('2026-02-28')).toBe(true); // Saturday, 调休
    expect(cal.isWorkingDay('2026-03-01')).toBe(false); // plain Sunday
  });

  it('国庆 2025 and 2026', () => {
    expect(cal.isWorkingDay('2025-09-28')).toBe(true); // Sunday, 调休
    expect(cal.isWorkingDay('2025-10-08')).toBe(false); // Wednesday, 国庆节、中秋节
    expect(cal.isWorkingDay('2025-10-09')).toBe(true);
    expect(cal.isWorkingDay('2025-10-11')).toBe(true); // Saturday, 调休
    expect(cal.isWorkingDay('2026-10-07')).toBe(false);
    expect(cal.isWorkingDay('2026-10-08')).toBe(true); // Thursday: 国庆 2026 ends on the 7th
    expect(cal.isWorkingDay('2026-10-10')).toBe(true); // Saturday, 调休
  });

  it('refuses a malformed day', () => {
    expect(() => cal.isWorkingDay('2026-02-30')).toThrow('2026-02-30');
  });
});

describe('addWorkingDays and workingDaysBetween', () => {
  it('steps over weekends and holidays, and onto 调休 weekends', () => {
    expect(cal.addWorkingDays('2026-11-20', 1)).toBe('2026-11-23'); // Friday → Monday
    expect(cal.addWorkingDays('2026-02-13', 1)).toBe('2026-02-14'); // Friday → 调休 Saturday
    expect(cal.addWorkingDays('2026-02-14', 1)).toBe('2026-02-24'); // over the whole of 春节
    expect(cal.addWorkingDays('2026-02-12', 5)).toBe('2026-02-26');
    expect(cal.addWorkingDays('2025-09-30', 1)).toBe('2025-10-09');
    expect(cal.addWorkingDays('2025-12-31', 1)).toBe('2026-01-04'); // 元旦 2026, then 调休 Sunday
  });

  it('n = 0 is the day itself when working, else the next working day', () => {
    expect(cal.addWorkingDays('2026-11-23', 0)).toBe('2026-11-23');
    expect(cal.addWorkingDays('2026-11-28', 0)).toBe('2026-11-30');
    expect(cal.addWorkingDays('2026-02-15', 0)).toBe('2026-02-24');
    expect(cal.addWorkingDays('2026-02-14', 0)).toBe('2026-02-14');
    expect(() => cal.addWorkingDays('2026-11-23', -1)).toThrow();
    expect(() => cal.addWorkingDays('2026-11-23', 1.5)).toThrow();
  });

  it('counts working days in (from, to], negative backwards, and agrees with addWorkingDays', () => {
    expect(cal.workingDaysBetween('2026-11-20', '2026-11-23')).toBe(1);
    expect(cal.workingDaysBetween('2026-11-23', '2026-11-23')).toBe(0);
    expect(cal.workingDaysBetween('2026-11-23', '2026-11-20')).toBe(-1);
    // February 2026: 20 weekdays, 6 of them inside 春节 (16–20, 23), plus the Saturdays 14 and 28.
    expect(cal.workingDaysBetween('2026-01-31', '2026-02-28')).toBe(20 - 6 + 2);
    // 2026 as a whole: 261 weekdays, less 2+6+1+3+1+1+5 = 19 holidays on weekdays (元旦 1–2,
    // 春节 16–20 & 23, 清明 6, 劳动节 1 & 4–5, 端午 19, 中秋 25, 国庆 1–2 & 5–7), plus 6 调休 weekend days.
    expect(cal.workingDaysBetween('2025-12-31', '2026-12-31')).toBe(261 - 19 + 6);
    for (const [day, n] of [
      ['2026-02-10', 7],
      ['2025-04-25', 3],
      ['2026-09-18', 10],
    ] as const) {
      expect(cal.workingDaysBetween(day, cal.addWorkingDays(day, n))).toBe(n);
    }
  });
});

describe('deadline', () => {
  it('P1WD accepted on Friday evening is due at the end of Monday', () => {
    expect(cal.deadline(at('2026-11-20T17:00:00'), 'P1WD')).toEqual(endOf('2026-11-23'));
  });

  it('P1WD accepted on a Saturday is due at the end of Monday', () => {
    expect(cal.deadline(at('2026-11-21T10:00:00'), 'P1WD')).toEqual(endOf('2026-11-23'));
  });

  it('uses the China date of the start, not UTC', () => {
    // 2026-11-20T16:30Z is already Saturday 00:30 in China.
    expect(cal.deadline(new Date('2026-11-20T16:30:00Z'), 'P1WD')).toEqual(endOf('2026-11-23'));
    expect(cal.deadline(new Date('2026-11-20T15:30:00Z'), 'P1WD')).toEqual(endOf('2026-11-23'));
    expect(cal.deadline(new Date('2026-11-19T15:30:00Z'), 'P1WD')).toEqual(endOf('2026-11-20'));
  });

  it('国庆: accepted 2026-09-30, P1WD is due on Thursday 10/8, P3WD on the 调休 Saturday 10/10', () => {
    expect(cal.deadline(at('2026-09-30T09:00:00'), 'P1WD')).toEqual(endOf('2026-10-08'));
    expect(cal.deadline(at('2026-09-30T09:00:00'), 'P3WD')).toEqual(endOf('2026-10-10'));
    expect(cal.deadline(at('2025-09-30T09:00:00'), 'P1WD')).toEqual(endOf('2025-10-09'));
  });

  it('春节: accepted before the holiday, P5WD and P15WD run past it', () => {
    // 2/12 Thu → 13, 14 (调休 Sat), 24, 25, 26.
    expect(cal.deadline(at('2026-02-12T11:00:00'), 'P5WD')).toEqual(endOf('2026-02-26'));
    // 2025: 1/24 Fri → 26 (调休 Sun), 27, then 2/5 … ; 15th working day.
    expect(cal.deadline(at('2025-01-24T11:00:00'), 'P15WD')).toEqual(endOf(cal.addWorkingDays('2025-01-24', 15)));
    expect(cal.addWorkingDays('2025-01-24', 15)).toBe('2025-02-20');
  });

  it('clock-hour tiers ignore the calendar', () => {
    const start = at('2026-09-30T22:00:00');
    expect(cal.deadline(start, 'PT2H')).toEqual(at('2026-10-01T00:00:00'));
    expect(cal.deadline(start, 'PT24H')).toEqual(at('2026-10-01T22:00:00'));
  });

  it('refuses a bad duration or start, naming the duration', () => {
    expect(() => cal.deadline(at('2026-11-20T17:00:00'), 'P3D')).toThrow('"P3D"');
    expect(() => cal.deadline(new Date('nonsense'), 'P1WD')).toThrow('P1WD');
  });
});

describe('years not seeded', () => {
  it('covers only the years entered, and falls back to plain Monday–Friday elsewhere', () => {
    expect(cal.covers(2025)).toBe(true);
    expect(cal.covers(2026)).toBe(true);
    expect(cal.covers(2027)).toBe(false);
    expect(cal.seededYears()).toEqual([2025, 2026]);
    // 2027-01-01 is a Friday; with no notice entered it counts as a working day.
    expect(cal.isWorkingDay('2027-01-01')).toBe(true);
    expect(cal.deadline(at('2026-12-31T15:00:00'), 'P1WD')).toEqual(endOf('2027-01-01'));
    expect(cal.deadline(at('2027-02-05T15:00:00'), 'P5WD')).toEqual(endOf('2027-02-12'));
  });

  it('an empty calendar is plain Monday–Friday and covers nothing', () => {
    const plain = new WorkCalendar();
    expect(plain.covers(2026)).toBe(false);
    expect(plain.isWorkingDay('2026-10-01')).toBe(true);
    expect(plain.workingDaysBetween('2026-02-01', '2026-02-28')).toBe(20);
  });

  it('seeded years can be given explicitly', () => {
    const c = new WorkCalendar(new Map([['2027-01-01', 'holiday' as const]]), [2027, 2028]);
    expect(c.covers(2028)).toBe(true);
    expect(c.isWorkingDay('2027-01-01')).toBe(false);
  });
});
