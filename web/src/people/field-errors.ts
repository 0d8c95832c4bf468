import type { FormInstance } from 'antd';
import { markField, serverFieldError, type NamePath } from '../components/form-errors';

export { alertMessage } from '../components/form-errors';

/**
 * Puts a server validation error on a nested form field: "members.1.idNumber" → the second
 * member's ID field. `accepts` says which paths this form shows; returns false when the error
 * names no such field (e.g. "members" for a missing head), so the caller shows it elsewhere.
 */
export function showNestedFieldError<T>(form: FormInstance<T>, err: unknown, accepts: (path: NamePath) => boolean): boolean {
  const fe = serverFieldError(err);
  if (!fe || !accepts(fe.path)) return false;
  markField(form, fe.path, fe.reason);
  return true;
}
