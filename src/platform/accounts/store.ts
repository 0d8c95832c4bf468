import { sql, type Insertable, type Selectable, type Updateable } from 'kysely';
import type { Tx } from '../db/context.js';
import { likeContains } from '../db/like.js';
import type { LoginThrottleTable, SessionsTable, UsersTable } from '../db/tables.js';
import { forgetSession, forgetUser } from './session-cache.js';

export type UserRow = Selectable<UsersTable>;
/** A user with their names and, for the two admins who can see it, their open credential grant. */
export type UserWithNames = UserRow & {
  region_name: string;
  department_name: string | null;
  grant_kind: 'activate' | 'reset' | null;
  grant_requested_role: 'system_admin' | 'security_admin' | null;
  grant_requested_at: Date | null;
  grant_approved_at: Date | null;
  grant_expires_at: Date | null;
};

function usersWithNames(tx: Tx) {
  return tx
    .selectFrom('users')
    .innerJoin('regions', 'regions.code', 'users.region_code')
    .leftJoin('departments', 'departments.id', 'users.department_id')
    .leftJoin('credential_grants as g', (j) => j.onRef('g.user_id', '=', 'users.id').on('g.closed_at', 'is', null))
    .selectAll('users')
    .select([
      'regions.name as region_name',
      'departments.name as department_name',
      'g.kind as grant_kind',
      'g.requested_role as grant_requested_role',
      'g.requested_at as grant_requested_at',
      'g.approved_at as grant_approved_at',
      'g.expires_at as grant_expires_at',
    ]);
}

export async function findUserByUsername(tx: Tx, username: string): Promise<UserRow | undefined> {
  return tx.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
}

export async function findUserById(tx: Tx, id: string): Promise<UserWithNames | undefined> {
  return usersWithNames(tx).where('users.id', '=', id).executeTakeFirst();
}

export interface UserFilter {
  /** Part of the username or the display name. */
  q?: string;
  role?: string;
  /** Users whose scope lies in this region's subtree. */
  regionCode?: string;
  departmentId?: string;
}

/** Users whose scope lies inside `scopePath` (plus RLS), narrowed by the list's filters. */
export async function listUsersInScope(
  tx: Tx,
  scopePath: string,
  filter: UserFilter,
  page: { limit: number; offset: number },
): Promise<{ rows: UserWithNames[]; total: number }> {
  const parts = [sql<boolean>`users.scope_path <@ ${scopePath}::ltree`];
  if (filter.q) {
    const pattern = likeContains(filter.q);
    parts.push(sql<boolean>`(users.username ilike ${pattern} or users.display_name ilike ${pattern})`);
  }
  if (filter.role) parts.push(sql<boolean>`users.role = ${filter.role}`);
  if (filter.departmentId) parts.push(sql<boolean>`users.department_id = ${filter.departmentId}`);
  if (filter.regionCode) parts.push(sql<boolean>`users.scope_path <@ (select r.path from regions r where r.code = ${filter.regionCode})`);
  const where = sql<boolean>`${sql.join(parts, sql` and `)}`;
  const [rows, count] = await Promise.all([
    usersWithNames(tx).where(where).orderBy('users.username').limit(page.limit).offset(page.offset).execute(),
    tx
      .selectFrom('users')
      .select(sql<number>`count(*)`.as('n'))
      .where(where)
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

export async function insertUser(tx: Tx, user: Insertable<UsersTable>): Promise<void> {
  await tx.insertInto('users').values(user).execute();
}

export async function updateUser(tx: Tx, id: string, patch: Updateable<UsersTable>): Promise<void> {
  forgetUser(tx, id);
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
  forgetSession(tx, id);
  await tx.updateTable('sessions').set({ revoked_at: at }).where('id', '=', id).where('revoked_at', 'is', null).execute();
}

/** Kills every live session of a user (disable, password reset). Returns how many. */
export async function revokeUserSessions(tx: Tx, userId: string, at: Date, exceptId = ''): Promise<number> {
  forgetUser(tx, userId);
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

export async function listDepartmentNames(tx: Tx): Promise<{ id: string; name: string }[]> {
  return tx.selectFrom('departments').select(['id', 'name']).orderBy('code').execute();
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

// ---- login throttling (migration 0018) ---------------------------------------------------

export async function findLoginThrottle(tx: Tx, username: string, clientIp: string): Promise<Selectable<LoginThrottleTable> | undefined> {
  return tx.selectFrom('login_throttle').selectAll().where('username', '=', username).where('client_ip', '=', clientIp).executeTakeFirst();
}

/** Counts one more failure for (username, address); returns the count and the locks so far. */
export async function recordLoginFailure(tx: Tx, username: string, clientIp: string, at: Date): Promise<{ failures: number; locks: number }> {
  return tx
    .insertInto('login_throttle')
    .values({ username, client_ip: clientIp, failures: 1, locks: 0, last_failed_at: at, locked_until: null })
    .onConflict((oc) => oc.columns(['username', 'client_ip']).doUpdateSet({ failures: sql`login_throttle.failures + 1`, last_failed_at: at }))
    .returning(['failures', 'locks'])
    .executeTakeFirstOrThrow();
}

/** That address waits until `until`; its count starts again and the lock is remembered (the next one is longer). */
export async function lockLoginAddress(tx: Tx, username: string, clientIp: string, until: Date): Promise<void> {
  await tx
    .updateTable('login_throttle')
    .set({ failures: 0, locks: sql`locks + 1`, locked_until: until })
    .where('username', '=', username)
    .where('client_ip', '=', clientIp)
    .execute();
}

/** Addresses that failed for this username since `since`, and the latest failure. */
export async function recentFailingAddresses(tx: Tx, username: string, since: Date): Promise<{ addresses: number; lastFailedAt: Date | null }> {
  const r = await tx
    .selectFrom('login_throttle')
    .select([sql<number>`count(*)`.as('n'), sql<Date | null>`max(last_failed_at)`.as('last')])
    .where('username', '=', username)
    .where('last_failed_at', '>', since)
    .executeTakeFirstOrThrow();
  return { addresses: Number(r.n), lastFailedAt: r.last ? new Date(r.last) : null };
}

/** Forgets the failures of one address (after its successful login) or of every address (unlock, reset). */
export async function clearLoginThrottle(tx: Tx, username: string, clientIp?: string): Promise<void> {
  let q = tx.deleteFrom('login_throttle').where('username', '=', username);
  if (clientIp !== undefined) q = q.where('client_ip', '=', clientIp);
  await q.execute();
}

/** Rows with no failure since `before` and no lock still running: their count has lapsed. */
export async function pruneLoginThrottle(tx: Tx, before: Date, now: Date): Promise<void> {
  await tx
    .deleteFrom('login_throttle')
    .where('last_failed_at', '<', before)
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', now)]))
    .execute();
}

/** Whether the user has signed in from this address before (a session, live or ended, from it). */
export async function hasSignedInFrom(tx: Tx, userId: string, clientIp: string): Promise<boolean> {
  const r = await tx.selectFrom('sessions').select('id').where('user_id', '=', userId).where('client_ip', '=', clientIp).limit(1).executeTakeFirst();
  return r !== undefined;
}
