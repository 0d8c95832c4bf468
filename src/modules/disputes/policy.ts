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

/**
 * Whether the actor may see a case (the rules of dispute_cases_access in 0011_disputes.sql and
 * dispute_cases_participant_read in 0026_mediation_law.sql): those who mediate, in their subtree; a
 * department's staff, only the cases their department takes part in (joint mediation).
 */
export function seesCase(actor: Actor, c: { path: string }, takesPart = false): boolean {
  if (actor.role === 'department_staff') return takesPart && !!actor.departmentId;
  return can(actor, 'disputes.read') && inScope(actor, c.path);
}

/** Who may open the case list and a case at all: those who mediate, and department staff (for the cases they take part in). */
export function authorizeCaseRead(actor: Actor): void {
  if (!can(actor, 'disputes.read') && !(actor.role === 'department_staff' && actor.departmentId)) throw forbidden('disputes.read');
}

/** Whether the actor answers for a department taking part in a case (records its part). */
export function answersFor(actor: Actor, departmentId: string): boolean {
  return actor.role === 'department_staff' && actor.departmentId === departmentId;
}
