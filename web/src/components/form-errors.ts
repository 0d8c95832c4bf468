import type { FormInstance } from 'antd';
import { ApiError, errorMessage } from '../api';

export type NamePath = (string | number)[];

/**
 * The field a server error names (VALIDATION_FAILED, or ALREADY_EXISTS for a duplicate) as a
 * form path — "body/members.1.idNumber" → ['members', 1, 'idNumber'] — with its reason.
 */
export function serverFieldError(err: unknown): { path: NamePath; reason: string } | undefined {
  if (!(err instanceof ApiError) || typeof err.details.field !== 'string') return undefined;
  const path: NamePath = err.details.field
    .split(/[./]/)
    .filter((s) => s && s !== 'body')
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
  if (path.length === 0) return undefined;
  return { path, reason: typeof err.details.reason === 'string' ? err.details.reason : alertMessage(err) };
}

/** Shows `message` under the form field at `name` and scrolls to it. */
export function markField<T>(form: FormInstance<T>, name: NamePath, message: string): void {
  form.setFields([{ name: name as never, errors: [message] }]);
  form.scrollToField(name as never);
}

/**
 * Puts a server VALIDATION_FAILED error on the form field it names. Returns false when the error
 * names no field of this form, so the caller shows it elsewhere.
 */
export function showFieldError<T>(form: FormInstance<T>, err: unknown, fields: readonly string[]): boolean {
  if (!(err instanceof ApiError)) return false;
  const fe = err.fieldError();
  if (!fe || !fields.includes(fe.field)) return false;
  form.setFields([{ name: fe.field as never, errors: [fe.reason] }]);
  return true;
}

/**
 * The message to show in an alert or a toast: a server field error in words, without the
 * "members.idNumber: " prefix the server puts before its reason (see ApiError.readable).
 */
export function alertMessage(err: unknown): string {
  return errorMessage(err);
}
