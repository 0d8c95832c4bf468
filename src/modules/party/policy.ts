import { can } from '../../platform/accounts/policy.js';
import type { Permission } from '../../platform/accounts/schema.js';
import type { Actor } from '../../platform/actor.js';
import { forbidden } from '../../platform/errors.js';
import { isWithin } from '../regions/policy.js';

type PartyPermission = Extract<Permission, `party.${string}` | `stewardship.${string}`>;

/** Refuses unless the actor's role holds the permission. */
export function authorize(actor: Actor, permission: PartyPermission): void {
  if (!can(actor, permission)) throw forbidden(permission);
}

/** A row's path is in scope when it lies inside the actor's subtree (the same test as app_in_scope). */
export function inScope(actor: Actor, path: string): boolean {
  return actor.role === 'system' || (actor.scopePath !== '' && isWithin(path, actor.scopePath));
}

/**
 * Who assigns stewardship (包保): those who edit it, except grid workers, who record visits but
 * do not assign leaders. The same roles as app_may_assign_stewardship() (0005_party.sql).
 */
export function authorizeAssign(actor: Actor): void {
  authorize(actor, 'stewardship.edit');
  if (actor.role === 'grid_worker') throw forbidden('stewardship.assign');
}
