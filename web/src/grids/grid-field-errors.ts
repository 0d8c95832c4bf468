import type { FormInstance } from 'antd';
import { ApiError } from '../api';

type NamePath = (string | number)[];

/**
 * Where a server field error belongs in a grid form: "boundary.coordinates.0" → the boundary
 * field, "tags.2" → the tags field, "workers.1.phoneMasked" → that worker's phone.
 */
function gridFormPath(field: string): NamePath | undefined {
  const parts = field
    .split(/[./]/)
    .filter((s) => s && s !== 'body')
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
  const [head, index, leaf] = parts;
  if (head === 'name' || head === 'kind' || head === 'tags' || head === 'boundary') return [head];
  if (head === 'workers' && typeof index === 'number') {
    if (leaf === 'name' || leaf === 'employment') return ['workers', index, leaf];
    if (leaf === 'phoneMasked') return ['workers', index, 'phone'];
  }
  return undefined;
}

/**
 * Puts a server validation error (VALIDATION_FAILED or ALREADY_EXISTS naming a field) on the
 * form field it names, if `shown` lists that field; false otherwise, so the caller shows it in an alert.
 */
export function showGridFieldError<T>(form: FormInstance<T>, err: unknown, shown: readonly string[]): boolean {
  if (!(err instanceof ApiError) || typeof err.details.field !== 'string') return false;
  const path = gridFormPath(err.details.field);
  if (!path || !shown.includes(String(path[0]))) return false;
  const reason = typeof err.details.reason === 'string' ? err.details.reason : err.message.replace(/^[^\s:：]+\s*[:：]\s*/, '');
  form.setFields([{ name: path as never, errors: [reason] }]);
  form.scrollToField(path as never);
  return true;
}
