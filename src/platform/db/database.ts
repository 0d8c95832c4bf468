import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { ltree } from '@electric-sql/pglite/contrib/ltree';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { pgcrypto } from '@electric-sql/pglite/contrib/pgcrypto';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Config } from '../config.js';
import { registerSecrets } from './context.js';
import { acquireDataLock } from './data-lock.js';
import { guardedPool } from './guard.js';
import { migrate, type SqlRunner } from './migrate.js';
import type { DB } from './tables.js';

// bigint (int8) and numeric come back as JS numbers; our counts and sequences fit in 2^53.
pg.types.setTypeParser(20, (v) => Number(v));
pg.types.setTypeParser(1700, (v) => Number(v));
// Dates stay plain 'YYYY-MM-DD' strings, never shifted by the server's time zone.
pg.types.setTypeParser(1082, (v) => v);

export const APP_ROLE = 'gongzhi_app';

export interface Database {
  /** Queries run as gongzhi_app: row-level security applies. */
  db: Kysely<DB>;
  driver: 'pglite' | 'postgres';
  /** The owner/superuser connection: migrations, the CLI's maintenance and tests only. */
  admin: SqlRunner;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** PGlite data folder; 'memory://' for a throwaway database. */
  pgliteDir?: string;
  log?: (line: string) => void;
  /** Apply migrations only up to this file (restoring an older backup: the rest run after loading it). */
  migrateThrough?: string;
}

const extensions = { ltree, pg_trgm, pgcrypto };

async function openPglite(config: Config, opts: OpenOptions): Promise<Database> {
  const dir = opts.pgliteDir ?? path.join(config.dataDir, 'pglite');
  if (!dir.startsWith('memory://')) fs.mkdirSync(dir, { recursive: true });
  // One process per folder: a second opener refuses instead of corrupting it (data-lock.ts).
  const lock = dir.startsWith('memory://') ? undefined : await acquireDataLock(dir);
  const pglite = await PGlite.create({ dataDir: dir, extensions }).catch((err: unknown) => {
    lock?.release();
    throw err;
  });
  // Back to the app role after each owner statement, once migrations have created it.
  let appRoleReady = false;
  const restoreAppRole = async () => {
    if (appRoleReady) await pglite.exec(`SET ROLE ${APP_ROLE}`);
  };
  const admin: SqlRunner = {
    query: async (sqlText, params) => {
      await pglite.exec('RESET ROLE');
      try {
        return (await pglite.query(sqlText, params)) as { rows: Record<string, unknown>[] };
      } finally {
        await restoreAppRole();
      }
    },
    exec: async (sqlText) => {
      await pglite.exec('RESET ROLE');
      try {
        await pglite.exec(sqlText);
      } finally {
        await restoreAppRole();
      }
    },
  };
  await migrate(admin, opts.log, opts.migrateThrough);
  await pglite.exec(`SET ROLE ${APP_ROLE}`);
  appRoleReady = true;
  // One PGlite connection: a pool of one serializes requests and keeps each transaction whole.
  const pool = new pg.Pool({ ...createPgConfig(pglite), max: 1 });
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool: guardedPool(pool, { prepare: config.preparedStatements }) }) });
  registerSecrets(db, { contextKey: await readContextKey(admin), auditKeys: config.auditKeys });
  return {
    db,
    driver: 'pglite',
    admin,
    close: async () => {
      await db.destroy();
      await pglite.close();
      lock?.release();
    },
  };
}

/** The key that signs row-level-security contexts; only the owner role can read it. */
async function readContextKey(admin: SqlRunner): Promise<Buffer> {
  const { rows } = await admin.query(`SELECT encode(key, 'hex') AS key FROM app_context_key WHERE id = 1`);
  return Buffer.from(String(rows[0]!.key), 'hex');
}

/** The application's URL: APP_DATABASE_URL, or DATABASE_URL with the user replaced by gongzhi_app. */
export function appDatabaseUrl(config: Config): string {
  if (config.appDatabaseUrl) return config.appDatabaseUrl;
  const url = new URL(config.databaseUrl!);
  url.username = APP_ROLE;
  url.password = process.env.GONGZHI_APP_DB_PASSWORD ?? '';
  return url.toString();
}

/**
 * A pool re-emits errors of idle connections (server restart, administrator kill); without a
 * listener they crash the process. The pool drops the broken connection and opens a new one.
 */
function keepPoolAlive(pool: pg.Pool): pg.Pool {
  pool.on('error', (err: Error & { code?: string }) => {
    if (err.code !== '57P01') console.error(`数据库连接中断（连接池将重建连接）: ${err.message}`);
  });
  return pool;
}

async function openPostgres(config: Config, opts: OpenOptions): Promise<Database> {
  const ownerPool = keepPoolAlive(new pg.Pool({ connectionString: config.databaseUrl, max: 2 }));
  const admin: SqlRunner = {
    query: async (sqlText, params) => ownerPool.query(sqlText, params as unknown[]),
    exec: async (sqlText) => {
      await ownerPool.query(sqlText);
    },
  };
  // Migrations need one session for BEGIN/COMMIT and the advisory lock.
  const client = await ownerPool.connect();
  try {
    await migrate({ query: (s, p) => client.query(s, p as unknown[]), exec: async (s) => void (await client.query(s)) }, opts.log, opts.migrateThrough);
  } finally {
    client.release();
  }
  const appPool = keepPoolAlive(new pg.Pool({ connectionString: appDatabaseUrl(config), max: 10 }));
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool: guardedPool(appPool, { prepare: config.preparedStatements }) }) });
  registerSecrets(db, { contextKey: await readContextKey(admin), auditKeys: config.auditKeys });
  return {
    db,
    driver: 'postgres',
    admin,
    close: async () => {
      await db.destroy();
      await ownerPool.end();
    },
  };
}

/** Opens (and migrates) the configured database: PostgreSQL when DATABASE_URL is set, else PGlite. */
export async function openDatabase(config: Config, opts: OpenOptions = {}): Promise<Database> {
  return config.databaseUrl ? openPostgres(config, opts) : openPglite(config, opts);
}
