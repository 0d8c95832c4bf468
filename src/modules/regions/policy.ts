import { can } from '../../platform/accounts/policy.js';
import type { Actor } from '../../platform/actor.js';

/** A region is visible when it is in the actor's subtree or is one of its ancestors (breadcrumbs). */
export function canSeeRegion(actor: Actor, path: string): boolean {
  if (actor.role === 'system') return true;
  if (!actor.scopePath) return false;
  return isWithin(path, actor.scopePath) || isWithin(actor.scopePath, path);
}

/** ltree `a <@ b` in JS: a equals b or descends from it. */
export function isWithin(path: string, ancestor: string): boolean {
  return path === ancestor || path.startsWith(`${ancestor}.`);
}

/**
 * Who may draw and change grids, village boundaries and groups: the `regions.edit` permission,
 * held by the same roles as the grids_write row-level policy (0002_grids.sql).
 */
export function canEditGrids(actor: Actor): boolean {
  return can(actor, 'regions.edit');
}

/** A grid is visible inside the actor's subtree only (unlike regions, no ancestors). */
export function canSeeGrid(actor: Actor, path: string): boolean {
  if (actor.role === 'system') return true;
  return !!actor.scopePath && isWithin(path, actor.scopePath);
}
