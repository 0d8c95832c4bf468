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

/** Secrets a database handle works with, none of which the application role can read. */
export interface DatabaseSecrets {
  /**
   * Signs row-level-security contexts. Only the owner role can read it in the database
   * (app_context_key, migration 0016); openDatabase reads it once and registers it here, so SQL
   * run as gongzhi_app alone cannot produce a context the database accepts.
   */
  contextKey: Buffer;
  /** Seal audit records (first = current, the rest verify older records); held outside the database. */
  auditKeys: string[];
}

/** Work to do once a transaction opened by withContext has committed (never after a rollback). */
const afterCommitQueues = new WeakMap<object, (() => void)[]>();

/**
 * Runs `fn` once `tx` has committed: forgetting cached copies of what it changed (so a
 * concurrent reader cannot cache the old row again before the commit), waking a deliverer.
 */
export function afterCommit(tx: Tx, fn: () => void): void {
  const queue = afterCommitQueues.get(tx);
  if (!queue) throw new Error('afterCommit: 只能用于 withContext() 打开的事务');
  queue.push(fn);
}

/** Work to do at the end of a transaction opened by withContext, inside it, just before it commits. */
const beforeCommitQueues = new WeakMap<object, (() => Promise<void>)[]>();

/**
 * Runs `fn` inside `tx` after the caller's work and just before the commit — for writes that take
 * a lock every writer needs (the audit chain's head): taken last, it is held only through the commit.
 */
export function beforeCommit(tx: Tx, fn: () => Promise<void>): void {
  const queue = beforeCommitQueues.get(tx);
  if (!queue) throw new Error('beforeCommit: 只能用于 withContext() 打开的事务');
  queue.push(fn);
}

/** Per database handle, and per transaction opened by withContext on it. */
const secrets = new WeakMap<object, DatabaseSecrets>();

export function registerSecrets(db: Kysely<DB>, s: DatabaseSecrets): void {
  secrets.set(db, s);
}

/** The secrets of a database handle or of a transaction opened by withContext. */
export function secretsOf(dbOrTx: Kysely<DB>): DatabaseSecrets {
  const s = secrets.get(dbOrTx);
  if (!s) throw new Error('数据库密钥未加载: 请通过 openDatabase() 打开数据库, 并在 withContext() 中访问');
  return s;
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
  const s = secretsOf(db);
  const [role, scope, user, department, signature] = signContext(s.contextKey, ctx);
  const queue: (() => void)[] = [];
  const result = await db.transaction().execute(async (tx) => {
    secrets.set(tx, s);
    afterCommitQueues.set(tx, queue);
    const last: (() => Promise<void>)[] = [];
    beforeCommitQueues.set(tx, last);
    await sql`SELECT app_set_context(${role}, ${scope}, ${user}, ${department}, ${signature})`.execute(tx);
    const value = await fn(tx);
    for (let f = last.shift(); f; f = last.shift()) await f();
    return value;
  });
  for (const f of queue) f();
  return result;
}
