import { can } from '../../platform/accounts/policy.js';
import type { Permission } from '../../platform/accounts/schema.js';
import type { Actor } from '../../platform/actor.js';
import { forbidden } from '../../platform/errors.js';
import { isWithin } from '../regions/policy.js';
import { levelIndex } from './levels.js';
import type { DisputeLevel } from './tables.js';

type DisputePermission = Extract<Permission, `disputes.${string}`>;

export function authorize(actor: Actor, permission: DisputePermission): void {
  if (!can(actor, permission)) throw forbidden(permission);
}

/** Whether a row at `path` is inside the actor's region subtree (the test app_in_scope makes). */
export function inScope(actor: Actor, path: string): boolean {
  return actor.role === 'system' || (actor.scopePath !== '' && isWithin(path, actor.scopePath));
}

/** The level each role mediates at; a role acts on cases at its level or below, within its region. */
const ROLE_LEVEL: Partial<Record<Actor['role'], DisputeLevel>> = {
  grid_worker: 'grid',
  village_cadre: 'village',
  township_staff: 'township',
  county_staff: 'county',
};

/**
 * Whether the actor may act on a case: the permission, the case's place in their subtree, and the
 * case at their level or below (a village cadre handles grid and village cases of the village; a
 * case escalated to the township is the township's; the county may act on any case).
 */
export function handles(actor: Actor, c: { path: string; level: DisputeLevel }): boolean {
  if (actor.role === 'system') return true;
  const own = ROLE_LEVEL[actor.role];
  return can(actor, 'disputes.edit') && !!own && inScope(actor, c.path) && levelIndex(own) >= levelIndex(c.level);
}

/** Whether the actor may see a case (the same rule as dispute_cases_access in 0011_disputes.sql). */
export function seesCase(actor: Actor, c: { path: string }): boolean {
  return can(actor, 'disputes.read') && inScope(actor, c.path);
}
