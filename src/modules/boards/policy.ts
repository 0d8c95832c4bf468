import { can } from '../../platform/accounts/policy.js';
import type { Permission } from '../../platform/accounts/schema.js';
import type { Actor } from '../../platform/actor.js';
import { forbidden } from '../../platform/errors.js';
import { isWithin } from '../regions/index.js';

type BoardsPermission = Extract<Permission, `boards.${string}`>;

/** Refuses unless the actor's role holds the permission. */
export function authorize(actor: Actor, permission: BoardsPermission): void {
  if (!can(actor, permission)) throw forbidden(permission);
}

/** A row's path is in scope when it lies inside the actor's subtree (the same test as app_in_scope). */
export function inScope(actor: Actor, path: string): boolean {
  return actor.role === 'system' || (actor.scopePath !== '' && isWithin(path, actor.scopePath));
}
