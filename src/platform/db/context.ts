import { createHmac } from 'node:crypto';
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
 * The key that signs contexts, per database handle. Only the owner role can read it in the
 * database (app_context_key, migration 0016); openDatabase reads it once and registers it here,
 * so SQL run as gongzhi_app alone cannot produce a context the database accepts.
 */
const contextKeys = new WeakMap<object, Buffer>();

export function registerContextKey(db: Kysely<DB>, key: Buffer): void {
  contextKeys.set(db, key);
}

/** The signature app_set_context() checks: HMAC-SHA256 over the four settings. */
export function signContext(key: Buffer, ctx: DbContext): string[] {
  const values = [ctx.role, ctx.scopePath, ctx.userId ?? '', ctx.departmentId ?? ''];
  return [...values, createHmac('sha256', key).update(values.join('|'), 'utf8').digest('hex')];
}

/**
 * Runs `fn` in one transaction with the actor's context set for row-level security.
 * The settings are transaction-local, so a pooled connection never leaks one user's scope to
 * the next request; the seal app_set_context() adds makes them unforgeable by hand.
 */
export async function withContext<T>(db: Kysely<DB>, ctx: DbContext, fn: (tx: Tx) => Promise<T>): Promise<T> {
  const key = contextKeys.get(db);
  if (!key) throw new Error('数据库上下文密钥未加载: 请通过 openDatabase() 打开数据库');
  const [role, scope, user, department, signature] = signContext(key, ctx);
  return db.transaction().execute(async (tx) => {
    await sql`SELECT app_set_context(${role}, ${scope}, ${user}, ${department}, ${signature})`.execute(tx);
    return fn(tx);
  });
}
