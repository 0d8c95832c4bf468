import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const MIGRATIONS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../db/migrations');

/** Something that runs plain SQL as the owner role: a pg client or a PGlite instance. */
export interface SqlRunner {
  query(sql: string, params?: unknown[]): Promise<{ rows: Record<string, unknown>[] }>;
  exec(sql: string): Promise<void>;
}

/**
 * Applies db/migrations/*.sql in name order, each in its own transaction, recording applied
 * names in schema_migrations. Forward-only: an applied file is never run again.
 * Returns the names applied now. `through`: stop after that file (restoring an older backup).
 */
export async function migrate(runner: SqlRunner, log: (line: string) => void = () => {}, through?: string): Promise<string[]> {
  await runner.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`);
  // One migrator at a time on a shared server (two app instances starting together).
  await runner.exec('SELECT pg_advisory_lock(7262631)');
  try {
    const done = new Set((await runner.query('SELECT name FROM schema_migrations')).rows.map((r) => String(r.name)));
    const files = fs
      .readdirSync(MIGRATIONS_DIR)
      .filter((f) => f.endsWith('.sql') && (through === undefined || f <= through))
      .sort();
    const applied: string[] = [];
    for (const file of files) {
      if (done.has(file)) continue;
      const sqlText = fs.readFileSync(path.join(MIGRATIONS_DIR, file), 'utf8');
      log(`迁移 ${file}`);
      await runner.exec('BEGIN');
      try {
        await runner.exec(sqlText);
        await runner.query('INSERT INTO schema_migrations (name) VALUES ($1)', [file]);
        await runner.exec('COMMIT');
      } catch (err) {
        await runner.exec('ROLLBACK');
        throw new Error(`迁移 ${file} 失败: ${(err as Error).message}`, { cause: err });
      }
      applied.push(file);
    }
    return applied;
  } finally {
    await runner.exec('SELECT pg_advisory_unlock(7262631)');
  }
}
