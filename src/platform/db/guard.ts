import type { Pool, PoolClient } from 'pg';
import { AppError } from '../errors.js';
import { preparedQuery } from './prepared.js';
import { noteStatement } from './statements.js';

/**
 * PGlite has one real session whose user is a superuser; the application runs under
 * `SET ROLE gongzhi_app`. PostgreSQL would let that session switch back, so the application's
 * connections refuse any statement that changes role or runs anonymous code. On a PostgreSQL
 * server the app logs in as gongzhi_app and the server refuses it too; the guard is kept there as
 * a second line.
 */
const ROLE_SWITCH =
  /(^|;)\s*(set\s+(local\s+|session\s+)?(role|session\s+authorization)\b|reset\s+(role|session\s+authorization|all)\b|discard\s+all\b|do\b)|set_config\s*\(\s*'(role|session_authorization)'/i;

export function assertNoRoleSwitch(sqlText: string): void {
  if (ROLE_SWITCH.test(sqlText)) {
    throw new AppError('FORBIDDEN', '应用连接不允许切换数据库角色', { statement: sqlText.slice(0, 80) });
  }
}

/** Clients already wrapped: the pool hands the same connection out again and again. */
const guarded = new WeakSet<PoolClient>();

/**
 * Wraps a client's query once. (Wrapping on every checkout nested the wrappers: after k
 * transactions on a connection each statement ran k checks, and around 10,000 the query hung.)
 */
function guardClient(client: PoolClient, prepare: boolean): PoolClient {
  if (guarded.has(client)) return client;
  guarded.add(client);
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  (client as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
    const first = args[0];
    const text = typeof first === 'string' ? first : (first as { text?: string } | undefined)?.text;
    if (text) {
      assertNoRoleSwitch(text);
      noteStatement(text);
    }
    // Kysely calls query(text, values): those run as prepared statements (prepared.ts).
    if (prepare && typeof first === 'string' && Array.isArray(args[1]) && args.length === 2) return query(preparedQuery(client, first, args[1] as unknown[]));
    return query(...args);
  };
  return client;
}

/** The minimal pool shape Kysely's PostgresDialect uses, with every client guarded (and, with `prepare`, preparing its statements). */
export function guardedPool(pool: Pool, opts: { prepare: boolean }): Pool {
  return new Proxy(pool, {
    get(target, prop, receiver) {
      if (prop === 'connect') {
        return async () => guardClient(await target.connect(), opts.prepare);
      }
      const value = Reflect.get(target, prop, receiver) as unknown;
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}
