import type { Role } from './accounts/schema.js';
import type { DbContext } from './db/context.js';

/** The person (or the server itself) on whose behalf a service call runs. */
export interface Actor {
  userId: string | null;
  username: string;
  displayName: string;
  role: Role | 'system' | 'anonymous';
  regionCode: string;
  /** ltree path of the region subtree the actor may act in; '' for none. */
  scopePath: string;
  departmentId: string | null;
  clientIp: string | null;
}

export const SYSTEM_ACTOR: Actor = {
  userId: null,
  username: 'system',
  displayName: '系统',
  role: 'system',
  regionCode: '',
  scopePath: '',
  departmentId: null,
  clientIp: null,
};

export function anonymousActor(clientIp: string | null): Actor {
  return { ...SYSTEM_ACTOR, username: 'anonymous', displayName: '匿名', role: 'anonymous', clientIp };
}

/** The database context for row-level security. */
export function dbContext(actor: Actor): DbContext {
  return { userId: actor.userId, role: actor.role, scopePath: actor.scopePath, departmentId: actor.departmentId };
}
