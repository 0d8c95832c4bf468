import type { FormInstance } from 'antd';
import { ApiError } from '../api';
import { alertMessage } from '../people/field-errors';

/**
 * Puts a server error that names a field (VALIDATION_FAILED, or ALREADY_EXISTS for a duplicate
 * code) on that field of the form. A list item ("householdIds.1") lands on the list's field,
 * its position told by `item`. Returns false when the form has no such field, so the caller
 * shows the message in an alert instead.
 */
export function showServerFieldError<T>(form: FormInstance<T>, err: unknown, fields: readonly string[], item?: (n: number, reason: string) => string): boolean {
  if (!(err instanceof ApiError) || typeof err.details.field !== 'string') return false;
  const [name, index] = err.details.field.split(/[./]/).filter((s) => s && s !== 'body');
  if (!name || !fields.includes(name)) return false;
  const reason = typeof err.details.reason === 'string' ? err.details.reason : alertMessage(err);
  const shown = index !== undefined && /^\d+$/.test(index) && item ? item(Number(index) + 1, reason) : reason;
  form.setFields([{ name: name as never, errors: [shown] }]);
  form.scrollToField(name as never);
  return true;
}
