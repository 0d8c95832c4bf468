import { sql, type Insertable, type Selectable, type Updateable } from 'kysely';
import type { Tx } from '../db/context.js';
import type { SessionsTable, UsersTable } from '../db/tables.js';

export type UserRow = Selectable<UsersTable>;
export type UserWithNames = UserRow & { region_name: string; department_name: string | null };

function usersWithNames(tx: Tx) {
  return tx
    .selectFrom('users')
    .innerJoin('regions', 'regions.code', 'users.region_code')
    .leftJoin('departments', 'departments.id', 'users.department_id')
    .selectAll('users')
    .select(['regions.name as region_name', 'departments.name as department_name']);
}

export async function findUserByUsername(tx: Tx, username: string): Promise<UserRow | undefined> {
  return tx.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
}

export async function findUserById(tx: Tx, id: string): Promise<UserWithNames | undefined> {
  return usersWithNames(tx).where('users.id', '=', id).executeTakeFirst();
}

/** Users whose scope lies inside `scopePath` (plus RLS). */
export async function listUsersInScope(tx: Tx, scopePath: string, page: { limit: number; offset: number }): Promise<{ rows: UserWithNames[]; total: number }> {
  const inScope = sql<boolean>`users.scope_path <@ ${scopePath}::ltree`;
  const [rows, count] = await Promise.all([
    usersWithNames(tx).where(inScope).orderBy('users.username').limit(page.limit).offset(page.offset).execute(),
    tx
      .selectFrom('users')
      .select(sql<number>`count(*)`.as('n'))
      .where(inScope)
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

export async function insertUser(tx: Tx, user: Insertable<UsersTable>): Promise<void> {
  await tx.insertInto('users').values(user).execute();
}

export async function updateUser(tx: Tx, id: string, patch: Updateable<UsersTable>): Promise<void> {
  await tx.updateTable('users').set(patch).where('id', '=', id).execute();
}

export async function countUsers(tx: Tx): Promise<number> {
  const r = await tx
    .selectFrom('users')
    .select(sql<number>`count(*)`.as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function insertSession(tx: Tx, session: Insertable<SessionsTable>): Promise<void> {
  await tx.insertInto('sessions').values(session).execute();
}

export async function findSession(tx: Tx, id: string): Promise<Selectable<SessionsTable> | undefined> {
  return tx.selectFrom('sessions').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function touchSession(tx: Tx, id: string, at: Date): Promise<void> {
  await tx.updateTable('sessions').set({ last_seen_at: at }).where('id', '=', id).execute();
}

export async function revokeSession(tx: Tx, id: string, at: Date): Promise<void> {
  await tx.updateTable('sessions').set({ revoked_at: at }).where('id', '=', id).where('revoked_at', 'is', null).execute();
}

/** Kills every live session of a user (disable, password reset). Returns how many. */
export async function revokeUserSessions(tx: Tx, userId: string, at: Date, exceptId = ''): Promise<number> {
  const r = await tx
    .updateTable('sessions')
    .set({ revoked_at: at })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .where('id', '<>', exceptId)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

export async function findDepartment(tx: Tx, id: string): Promise<{ id: string; name: string } | undefined> {
  return tx.selectFrom('departments').select(['id', 'name']).where('id', '=', id).executeTakeFirst();
}

export async function upsertDepartment(tx: Tx, d: { id: string; code: string; name: string; region_code: string; unit_kind?: string | null }): Promise<string> {
  const row = await tx
    .insertInto('departments')
    .values({ ...d, unit_kind: d.unit_kind ?? null })
    .onConflict((oc) => oc.column('code').doUpdateSet({ name: d.name, unit_kind: d.unit_kind ?? null }))
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function listTotpSecrets(tx: Tx): Promise<{ id: string; totp_secret: string }[]> {
  return tx.selectFrom('users').select(['id', 'totp_secret']).where('totp_secret', 'is not', null).execute() as Promise<{ id: string; totp_secret: string }[]>;
}
