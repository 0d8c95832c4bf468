import type { FormInstance } from 'antd';
import { markField, serverFieldError, type NamePath } from '../components/form-errors';

/**
 * Where a server field error belongs in a grid form: "boundary.coordinates.0" → the boundary
 * field, "tags.2" → the tags field, "workers.1.phoneMasked" → that worker's phone.
 */
function gridFormPath([head, index, leaf]: NamePath): NamePath | undefined {
  if (head === 'name' || head === 'kind' || head === 'tags' || head === 'boundary') return [head];
  if (head === 'workers' && typeof index === 'number') {
    if (leaf === 'name' || leaf === 'employment') return ['workers', index, leaf];
    if (leaf === 'phoneMasked') return ['workers', index, 'phone'];
  }
  return undefined;
}

/**
 * Puts a server validation error on the grid form field it names, if `shown` lists that field;
 * false otherwise, so the caller shows it in an alert.
 */
export function showGridFieldError<T>(form: FormInstance<T>, err: unknown, shown: readonly string[]): boolean {
  const fe = serverFieldError(err);
  const path = fe && gridFormPath(fe.path);
  if (!fe || !path || !shown.includes(String(path[0]))) return false;
  markField(form, path, fe.reason);
  return true;
}
