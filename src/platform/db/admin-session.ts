import pg from 'pg';
import type { Config } from '../config.js';
import type { Database } from './database.js';
import type { SqlRunner } from './migrate.js';

/**
 * Runs `fn` on ONE owner session, for work that needs several statements in one transaction
 * (a snapshot backup, a restore). `database.admin` cannot promise that: on PostgreSQL each call
 * may take another pooled connection.
 *
 * - PostgreSQL: a dedicated connection with the owner URL (DATABASE_URL), closed afterwards.
 * - PGlite: there is one session, shared with the application's pool of one. The pool's only
 *   connection is held for the whole of `fn`, so no application statement can land inside the
 *   transaction (PGlite's node-postgres adapter does not serialize with direct queries);
 *   requests wait meanwhile. `fn` must not use `database.db` itself.
 */
export async function withAdminSession<T>(database: Database, config: Config, fn: (session: SqlRunner) => Promise<T>): Promise<T> {
  if (database.driver === 'pglite') return database.db.connection().execute(() => fn(database.admin));
  const client = new pg.Client({ connectionString: config.databaseUrl });
  await client.connect();
  try {
    return await fn({
      query: async (text, params) => client.query(text, params),
      exec: async (text) => void (await client.query(text)),
    });
  } finally {
    await client.end();
  }
}
