import { can } from '../../platform/accounts/policy.js';
import type { Permission } from '../../platform/accounts/schema.js';
import type { Actor } from '../../platform/actor.js';
import { forbidden } from '../../platform/errors.js';
import { isWithin } from '../regions/policy.js';

/** Refuses unless the actor's role holds the permission. */
export function authorize(actor: Actor, permission: Extract<Permission, `people.${string}`>): void {
  if (!can(actor, permission)) throw forbidden(permission);
}

/** A household or resident path is in scope when it lies inside the actor's subtree. */
export function inScope(actor: Actor, path: string): boolean {
  return actor.role === 'system' || (actor.scopePath !== '' && isWithin(path, actor.scopePath));
}
