import type { FormInstance } from 'antd';
import { ApiError } from '../api';

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
