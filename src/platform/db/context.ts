import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from './tables.js';

export type Tx = Transaction<DB>;

/** Who is acting, as the database sees it. `role: 'system'` is the server itself. */
export interface DbContext {
  userId: string | null;
  role: string;
  /** ltree path of the actor's region subtree; '' for none. */
  scopePath: string;
  /** The department (职能部门) a department officer works for; work orders dispatched to it are visible. */
  departmentId?: string | null;
}

export const SYSTEM_CONTEXT: DbContext = { userId: null, role: 'system', scopePath: '', departmentId: null };

/**
 * Runs `fn` in one transaction with the actor's context set for row-level security.
 * set_config(..., true) is transaction-local, so a pooled connection never leaks one user's
 * scope to the next request.
 */
export async function withContext<T>(db: Kysely<DB>, ctx: DbContext, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return db.transaction().execute(async (tx) => {
    await sql`SELECT set_config('gongzhi.role', ${ctx.role}, true),
                     set_config('gongzhi.scope', ${ctx.scopePath}, true),
                     set_config('gongzhi.user_id', ${ctx.userId ?? ''}, true),
                     set_config('gongzhi.department_id', ${ctx.departmentId ?? ''}, true)`.execute(tx);
    return fn(tx);
  });
}
