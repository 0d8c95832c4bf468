import { writeCheckpoint } from '../platform/audit/checkpoint.js';
import { systemClock } from '../platform/clock.js';
import { loadConfig } from '../platform/config.js';
import { openDatabase, type Database } from '../platform/db/database.js';
import type { Deps } from '../platform/deps.js';

/** Opens the configured database (migrating it) and runs `fn` with the service dependencies. */
export async function withRuntime<T>(fn: (deps: Deps, database: Database) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const database = await openDatabase(config, { log: (l) => console.error(l) });
  const deps = { db: database.db, clock: systemClock, config };
  try {
    const result = await fn(deps, database);
    // What this command wrote to the audit log is pinned outside the database before it exits.
    await writeCheckpoint(deps);
    return result;
  } finally {
    await database.close();
  }
}

/** Prints an error the way a county IT officer can act on it, and exits non-zero. */
export function fail(err: unknown): never {
  const e = err as { message?: string; details?: unknown };
  console.error(`错误: ${e.message ?? String(err)}`);
  if (e.details && Object.keys(e.details).length > 0) console.error(JSON.stringify(e.details));
  process.exit(1);
}
