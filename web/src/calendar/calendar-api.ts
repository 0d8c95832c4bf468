import type { CalendarDay, CalendarYear, SetCalendarDayBody } from '../../../src/platform/calendar/schema.ts';
import { apiDelete, apiGet, apiPut } from '../api';

const enc = encodeURIComponent;

/** A year's holidays and 调休 working days, and whether the year's notice is entered. */
export function getCalendarYear(year: number): Promise<CalendarYear> {
  return apiGet<CalendarYear>(`/calendar/${year}`);
}

/** Marks a day as a public holiday or a 调休 working day. */
export function setCalendarDay(day: string, body: SetCalendarDayBody): Promise<CalendarDay> {
  return apiPut<CalendarDay>(`/calendar/days/${enc(day)}`, body);
}

/** Clears a day's setting: it follows Monday–Friday working again. */
export function clearCalendarDay(day: string): Promise<void> {
  return apiDelete<void>(`/calendar/days/${enc(day)}`);
}
