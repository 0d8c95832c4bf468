import type { CalendarDay, CalendarYear, SetCalendarDayBody } from '../../../src/platform/calendar/schema.ts';
import type { ErrorBody } from '../../../src/platform/errors.ts';
import { ApiError, apiGet } from '../api';
import i18n from '../i18n';

const enc = encodeURIComponent;

/** A year's holidays and 调休 working days, and whether the year's notice is entered. */
export function getCalendarYear(year: number): Promise<CalendarYear> {
  return apiGet<CalendarYear>(`/calendar/${year}`);
}

/**
 * PUT and DELETE are idempotent by nature, so they go without an Idempotency-Key; api.ts only
 * speaks GET and POST, hence this small sender with the same error handling.
 */
async function send<T>(method: 'PUT' | 'DELETE', path: string, body?: object): Promise<T> {
  let res: Response;
  try {
    res = await fetch(`/api/v1${path}`, {
      method,
      credentials: 'same-origin',
      headers: body ? { Accept: 'application/json', 'Content-Type': 'application/json' } : { Accept: 'application/json' },
      body: body ? JSON.stringify(body) : undefined,
    });
  } catch {
    throw new ApiError(0, 'NETWORK', i18n.t('error.network'));
  }
  if (res.status === 204) return undefined as T;
  if (res.ok) return (await res.json()) as T;
  let err: ApiError = new ApiError(res.status, 'UNEXPECTED', i18n.t('error.unexpected', { status: res.status }));
  try {
    const parsed = (await res.json()) as Partial<ErrorBody>;
    if (parsed.error && typeof parsed.error.message === 'string') {
      err = new ApiError(res.status, parsed.error.code, parsed.error.message, parsed.error.details ?? {});
    }
  } catch {
    // Not JSON (a proxy error page); keep the generic message.
  }
  throw err;
}

/** Marks a day as a public holiday or a 调休 working day. */
export function setCalendarDay(day: string, body: SetCalendarDayBody): Promise<CalendarDay> {
  return send<CalendarDay>('PUT', `/calendar/days/${enc(day)}`, body);
}

/** Clears a day's setting: it follows Monday–Friday working again. */
export function clearCalendarDay(day: string): Promise<void> {
  return send<void>('DELETE', `/calendar/days/${enc(day)}`);
}
