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
