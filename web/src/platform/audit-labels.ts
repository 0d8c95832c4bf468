import dayjs from 'dayjs';
import { auditEventLabel, auditTargetLabel } from '../../../src/platform/audit/events.ts';
import type { Language } from '../i18n';

/** An audit event in words (the server's one list of event names, in the UI language). */
export function eventLabel(code: string, lang: Language): string {
  return auditEventLabel(code, lang);
}

/** What kind of object a record is about, in words. */
export function targetTypeLabel(type: string, lang: Language): string {
  return auditTargetLabel(type, lang);
}

/** A record's time in the browser's local time, to the second. */
export function auditLocalTime(iso: string): string {
  return dayjs(iso).format('YYYY-MM-DD HH:mm:ss');
}
