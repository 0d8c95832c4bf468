import type { FormInstance } from 'antd';
import { markField, serverFieldError } from '../components/form-errors';

/**
 * Puts a server error that names a field on that field of the form. A list item
 * ("householdIds.1") lands on the list's field, its position told by `item`. Returns false when
 * the form has no such field, so the caller shows the message in an alert instead.
 */
export function showServerFieldError<T>(form: FormInstance<T>, err: unknown, fields: readonly string[], item?: (n: number, reason: string) => string): boolean {
  const fe = serverFieldError(err);
  const [name, index] = fe?.path ?? [];
  if (!fe || typeof name !== 'string' || !fields.includes(name)) return false;
  markField(form, [name], typeof index === 'number' && item ? item(index + 1, fe.reason) : fe.reason);
  return true;
}
