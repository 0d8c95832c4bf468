import type { SqlRunner } from '../db/migrate.js';

/**
 * SQL of backup and restore, on one owner session (admin-session.ts). The catalogue queries work
 * on PostgreSQL and PGlite alike; rows travel as row_to_json() text and come back through
 * json_populate_recordset(), which reads every value with its column type's own input function,
 * so numbers, bytea, arrays, ltree and jsonb survive exactly.
 */

/** Tables whose rows belong to this installation, not to the county's data. */
const NOT_BACKED_UP = new Set([
  'public.schema_migrations', // the header carries the list; the restore runs the migrations
  'public.app_context_key', // signs row-level-security contexts; each installation makes its own
]);

export const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;
export const qualified = (schema: string, name: string) => `${quoteIdent(schema)}.${quoteIdent(name)}`;

export async function listMigrations(s: SqlRunner): Promise<string[]> {
  const { rows } = await s.query('SELECT name FROM schema_migrations ORDER BY name');
  return rows.map((r) => String(r.name));
}

/** Ordinary and partitioned tables outside the system schemas and extensions, by name. */
export async function listTables(s: SqlRunner): Promise<{ schema: string; name: string }[]> {
  const { rows } = await s.query(`SELECT n.nspname AS schema, c.relname AS name
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition AND c.relpersistence <> 't'
      AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_%'
      AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e')
    ORDER BY n.nspname, c.relname`);
  return rows.map((r) => ({ schema: String(r.schema), name: String(r.name) })).filter((t) => !NOT_BACKED_UP.has(`${t.schema}.${t.name}`));
}

/** Stored columns in table order; generated columns are computed again on insert. */
export async function listColumns(s: SqlRunner, schema: string, name: string): Promise<string[]> {
  const { rows } = await s.query(
    `SELECT a.attname FROM pg_attribute a
     WHERE a.attrelid = (quote_ident($1) || '.' || quote_ident($2))::regclass AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
     ORDER BY a.attnum`,
    [schema, name],
  );
  return rows.map((r) => String(r.attname));
}

export async function listSequences(s: SqlRunner): Promise<{ name: string; value: string; isCalled: boolean }[]> {
  const { rows } = await s.query(`SELECT quote_ident(n.nspname) || '.' || quote_ident(c.relname) AS name
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE c.relkind = 'S' AND n.nspname NOT IN ('pg_catalog', 'information_schema') ORDER BY 1`);
  const out = [];
  for (const r of rows) {
    const v = await s.query(`SELECT last_value::text AS value, is_called FROM ${String(r.name)}`);
    out.push({ name: String(r.name), value: String(v.rows[0]!.value), isCalled: Boolean(v.rows[0]!.is_called) });
  }
  return out;
}

export async function readAuditHead(s: SqlRunner): Promise<{ seq: number; hash: string } | null> {
  const { rows } = await s.query('SELECT seq::text AS seq, hash FROM audit_chain_head LIMIT 1');
  return rows[0] ? { seq: Number(rows[0].seq), hash: String(rows[0].hash) } : null;
}

/** Superuser or BYPASSRLS: the only roles that see every row regardless of row-level security. */
export async function ownerPrivileges(s: SqlRunner): Promise<{ user: string; superuser: boolean; bypassRls: boolean }> {
  const { rows } = await s.query('SELECT current_user AS u, rolsuper, rolbypassrls FROM pg_roles WHERE rolname = current_user');
  return { user: String(rows[0]!.u), superuser: Boolean(rows[0]!.rolsuper), bypassRls: Boolean(rows[0]!.rolbypassrls) };
}

/**
 * One consistent snapshot for the whole backup. row_security off: if a policy would still
 * filter rows, PostgreSQL raises an error instead of silently leaving rows out.
 */
export async function beginSnapshot(s: SqlRunner): Promise<void> {
  await s.exec('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  await s.exec('SET LOCAL row_security = off');
}

export async function commit(s: SqlRunner): Promise<void> {
  await s.exec('COMMIT');
}

export async function rollback(s: SqlRunner): Promise<void> {
  await s.exec('ROLLBACK');
}

/** A table's rows as row_to_json() text, `batch` at a time, through a cursor in the open transaction. */
export async function* readRows(s: SqlRunner, schema: string, name: string, batch = 2000): AsyncGenerator<string[]> {
  await s.exec(`DECLARE gongzhi_backup NO SCROLL CURSOR FOR SELECT row_to_json(t)::text AS j FROM ${qualified(schema, name)} t`);
  try {
    for (;;) {
      const { rows } = await s.query(`FETCH ${batch} FROM gongzhi_backup`);
      if (rows.length === 0) return;
      yield rows.map((r) => String(r.j));
    }
  } finally {
    await s.exec('CLOSE gongzhi_backup');
  }
}

/** What makes a database not empty: a county, an account or an audit record. */
export async function countCountyData(s: SqlRunner): Promise<{ regions: number; users: number; audit: number }> {
  const { rows } = await s.query(`SELECT (SELECT count(*) FROM regions)::int AS regions, (SELECT count(*) FROM users)::int AS users,
    (SELECT count(*) FROM audit_log)::int AS audit`);
  return { regions: Number(rows[0]!.regions), users: Number(rows[0]!.users), audit: Number(rows[0]!.audit) };
}

/**
 * The restore's transaction. With session_replication_role = replica (superuser only) no
 * trigger fires: tallies, immutability and foreign keys would otherwise act on rows that are
 * already consistent in the backup.
 */
export async function beginRestore(s: SqlRunner): Promise<void> {
  await s.exec('BEGIN');
  await s.exec('SET LOCAL session_replication_role = replica');
}

/** Empties the tables about to be loaded (migrations put reference rows in some). */
export async function truncateTables(s: SqlRunner, tables: { schema: string; name: string }[]): Promise<void> {
  if (tables.length > 0) await s.exec(`TRUNCATE ${tables.map((t) => qualified(t.schema, t.name)).join(', ')}`);
}

export async function insertRows(s: SqlRunner, schema: string, name: string, columns: string[], jsonRows: string[]): Promise<void> {
  const cols = columns.map(quoteIdent).join(', ');
  const table = qualified(schema, name);
  await s.query(`INSERT INTO ${table} (${cols}) OVERRIDING SYSTEM VALUE SELECT ${cols} FROM json_populate_recordset(NULL::${table}, $1::json)`, [
    `[${jsonRows.join(',')}]`,
  ]);
}

export async function setSequence(s: SqlRunner, name: string, value: string, isCalled: boolean): Promise<void> {
  await s.query('SELECT setval($1::regclass, $2::bigint, $3)', [name, value, isCalled]);
}

export async function analyze(s: SqlRunner): Promise<void> {
  await s.exec('ANALYZE');
}

/** Keeps the file store's orphan sweep away while a backup reads blobs from the files folder (released by unlockBlobSweep). */
export async function lockBlobSweep(s: SqlRunner, key: number): Promise<void> {
  await s.query('SELECT pg_advisory_lock_shared($1)', [key]);
}

export async function unlockBlobSweep(s: SqlRunner, key: number): Promise<void> {
  await s.query('SELECT pg_advisory_unlock_shared($1)', [key]);
}

/** Blobs whose content is in the files folder, not in file_blobs.data (inside the snapshot). */
export async function listFolderBlobs(s: SqlRunner): Promise<string[]> {
  const { rows } = await s.query(`SELECT sha256 FROM file_blobs WHERE data IS NULL ORDER BY sha256`);
  return rows.map((r) => String(r.sha256));
}

/** Puts a blob's content into its row (restoring into a database that keeps blobs in the table); the rows changed. */
export async function setBlobData(s: SqlRunner, sha256: string, content: Buffer): Promise<number> {
  const { rows } = await s.query('UPDATE file_blobs SET data = $2 WHERE sha256 = $1 AND bytes = $3 RETURNING 1 AS ok', [sha256, content, content.length]);
  return rows.length;
}
