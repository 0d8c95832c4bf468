import { can } from '../../platform/accounts/policy.js';
import type { Permission } from '../../platform/accounts/schema.js';
import type { Actor } from '../../platform/actor.js';
import { forbidden } from '../../platform/errors.js';
import { isWithin } from '../regions/index.js';
import type { OrderRow } from './store.js';
import type { Level } from './tables.js';

type RequestPermission = Extract<Permission, `requests.${string}`>;

export function authorize(actor: Actor, permission: RequestPermission): void {
  if (!can(actor, permission)) throw forbidden(permission);
}

/** The role that answers for a unit at each level; a department's officers answer for it. */
const ROLE_AT_LEVEL: Record<Level, string> = { grid: 'grid_worker', village: 'village_cadre', township: 'township_staff', county: 'county_staff' };

/** Whether a row at `path` is inside the actor's region subtree (the test app_in_scope makes). */
export function inScope(actor: Actor, path: string): boolean {
  return actor.role === 'system' || (actor.scopePath !== '' && isWithin(path, actor.scopePath));
}

/** Whether the actor may see an order: the same rule as app_sees_order() in 0009_requests.sql, minus whistles. */
export function seesOrder(actor: Actor, order: Pick<OrderRow, 'path' | 'unit_department_id'>, whistled = false): boolean {
  if (actor.role === 'department_staff') return order.unit_department_id === actor.departmentId || whistled;
  return inScope(actor, order.path);
}

/**
 * Whether the actor works for the unit an order (or stage) is with: its department, or the
 * office of its level whose region holds the actor (a grid worker of the village for a grid).
 */
export function onUnit(
  actor: Actor,
  unit: { level: Level | null; unit_region_code: string | null; unit_department_id: string | null },
  unitPath: string | null,
): boolean {
  if (actor.role === 'system') return true;
  if (unit.unit_department_id) return actor.role === 'department_staff' && actor.departmentId === unit.unit_department_id;
  if (!unit.level || !unitPath) return false;
  return actor.role === ROLE_AT_LEVEL[unit.level] && inScope(actor, unitPath);
}

/** A dispatcher (county centre, or a township for its own orders) who may route, review and supervise. */
export function dispatches(actor: Actor, order: Pick<OrderRow, 'path'>): boolean {
  return can(actor, 'requests.dispatch') && inScope(actor, order.path);
}

/**
 * Whether an order can be whistled on: a township or the county may summon departments to any
 * order in its area held by a grid, a village, a township or the county centre — a village's
 * matter the village cannot settle alone is what 街乡吹哨 is for — but not to one a department
 * already holds (that department answers for it; a return or re-dispatch is the way there).
 */
export function whistleable(o: Pick<OrderRow, 'unit_department_id' | 'level'>): boolean {
  return !o.unit_department_id && o.level !== null;
}
