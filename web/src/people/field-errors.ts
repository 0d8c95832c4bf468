import type { FormInstance } from 'antd';
import { ApiError, errorMessage } from '../api';

type NamePath = (string | number)[];

/**
 * Puts a server validation error on a nested form field: "members.1.idNumber" → the second
 * member's ID field. `accepts` says which paths this form shows; returns false when the error
 * names no such field (e.g. "members" for a missing head), so the caller shows it elsewhere.
 * Also covers ALREADY_EXISTS, which names the field of a duplicate ID number.
 */
export function showNestedFieldError<T>(form: FormInstance<T>, err: unknown, accepts: (path: NamePath) => boolean): boolean {
  if (!(err instanceof ApiError) || typeof err.details.field !== 'string') return false;
  const raw = err.details.field;
  const path: NamePath = raw
    .split(/[./]/)
    .filter((s) => s && s !== 'body')
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
  if (!accepts(path)) return false;
  const reason = typeof err.details.reason === 'string' ? err.details.reason : err.message.replace(/^[\w./]+\s*[:：]\s*/, '');
  form.setFields([{ name: path as never, errors: [reason] }]);
  form.scrollToField(path as never);
  return true;
}

/** The message to show in an alert: without the "members.idNumber: " prefix the server puts before a field's reason. */
export function alertMessage(err: unknown): string {
  const text = errorMessage(err);
  if (!(err instanceof ApiError) || typeof err.details.field !== 'string') return text;
  const prefix = `${err.details.field}: `;
  return text.startsWith(prefix) ? text.slice(prefix.length) : text;
}
