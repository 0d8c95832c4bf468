import { uuidv7 } from 'uuidv7';
import { dbContext, type Actor } from '../actor.js';
import { appendAudit } from '../audit/service.js';
import { encryptField } from '../crypto.js';
import { SYSTEM_CONTEXT, withContext, type Tx } from '../db/context.js';
import type { Deps } from '../deps.js';
import { AppError, forbidden, invalidField, notFound, outOfScope } from '../errors.js';
import { findRegionForUpdate } from '../../modules/regions/service.js';
import { isWithin } from '../../modules/regions/policy.js';
import { checkPasswordPolicy, hashPassword } from './password.js';
import { can, isAdminRole } from './policy.js';
import { auditUser, presentUser } from './presenter.js';
import { closeOpenGrant } from './credential-store.js';
import { approveGrant, cancelGrant, NO_PASSWORD, openGrant, prepareCodeHalf } from './credential-service.js';
import type { CreateUserBody, IssuedCode, Role, User, UserList, UserListQuery, UserWithCode } from './schema.js';
import {
  clearLoginThrottle,
  findDepartment,
  findUserById,
  findUserByUsername,
  insertUser,
  listUsersInScope,
  revokeUserSessions,
  updateUser,
  type UserWithNames,
} from './store.js';
import { newTotpSecret } from './totp.js';

export interface NewUserParams {
  username: string;
  displayName: string;
  role: Role;
  regionCode: string;
  departmentId?: string;
  password: string;
  synthetic?: boolean;
}

/** Checks the region and department, inserts the user and audits it. Shared by the API and the CLI. */
async function insertCheckedUser(
  tx: Tx,
  deps: Deps,
  actor: Actor,
  p: Omit<NewUserParams, 'password'>,
  passwordHash: string,
  totpSecret: string | null,
): Promise<UserWithNames> {
  const region = await findRegionForUpdate(tx, p.regionCode);
  if (!region) throw invalidField('regionCode', '区划不存在');
  if (region.level === 'group') throw invalidField('regionCode', '账号的管理范围应为县、乡镇（街道）或村（社区）');
  if (actor.role !== 'system' && !isWithin(region.path, actor.scopePath)) throw outOfScope('regionCode', '区划不在您的管理范围内');
  if (p.role === 'department_staff') {
    if (!p.departmentId) throw invalidField('departmentId', '职能部门工作人员必须指定所属部门');
    if (!(await findDepartment(tx, p.departmentId))) throw invalidField('departmentId', '部门不存在');
  }
  const now = deps.clock.now();
  const id = uuidv7();
  await insertUser(tx, {
    id,
    username: p.username,
    display_name: p.displayName,
    role: p.role,
    region_code: region.code,
    scope_path: region.path,
    department_id: p.role === 'department_staff' ? p.departmentId! : null,
    password_hash: passwordHash,
    password_changed_at: now,
    status: passwordHash === NO_PASSWORD ? 'pending' : 'active',
    totp_secret: totpSecret ? encryptField(deps.config.dataKey, totpSecret) : null,
    synthetic: p.synthetic ?? false,
    created_at: now,
    updated_at: now,
  });
  const created = (await findUserById(tx, id))!;
  await appendAudit(tx, deps.clock, actor, { action: 'user.create', targetType: 'user', targetId: id, after: auditUser(created) });
  return created;
}

/**
 * The system admin creates business accounts within their scope, without a password: the account
 * stays pending until the security admin approves it and the user redeems both code halves
 * (credential-service.ts). The three admin accounts are created only on the server with
 * `gongzhi user add`, so no web account can mint another admin.
 */
export async function createUser(deps: Deps, actor: Actor, body: CreateUserBody): Promise<UserWithCode> {
  if (!can(actor, 'users.manage')) throw forbidden('users.manage');
  if (isAdminRole(body.role)) throw invalidField('role', '管理员账号只能由运维人员在服务器上用命令行创建');
  const half = await prepareCodeHalf('A');
  return withContext(deps.db, dbContext(actor), async (tx) => {
    const created = await insertCheckedUser(tx, deps, actor, body, NO_PASSWORD, null);
    const issuedCode = await openGrant(tx, deps, actor, created, 'activate', half);
    return { ...presentUser((await findUserById(tx, created.id))!, deps.clock.now()), issuedCode };
  });
}

/** CLI / demo: any role; admin roles get a TOTP secret, returned once to be shown to the operator. */
export async function createUserAsSystem(deps: Deps, actor: Actor, p: NewUserParams): Promise<{ user: User; totpSecret: string | null }> {
  if (actor.role !== 'system') throw forbidden('users.create_admin');
  checkPasswordPolicy(p.password);
  const passwordHash = await hashPassword(p.password);
  const totpSecret = isAdminRole(p.role) ? newTotpSecret() : null;
  const created = await withContext(deps.db, dbContext(actor), (tx) => insertCheckedUser(tx, deps, actor, p, passwordHash, totpSecret));
  return { user: presentUser(created, deps.clock.now()), totpSecret };
}

/** The users in the admin's scope, narrowed by name, role, region and department. */
export async function listUsers(deps: Deps, actor: Actor, query: UserListQuery): Promise<UserList> {
  const { page, pageSize } = query;
  if (!can(actor, 'users.manage') && !can(actor, 'users.security')) throw forbidden('users.read');
  return withContext(deps.db, dbContext(actor), async (tx) => {
    const { rows, total } = await listUsersInScope(
      tx,
      actor.scopePath,
      { q: query.q?.trim() || undefined, role: query.role, regionCode: query.regionCode, departmentId: query.departmentId },
      { limit: pageSize, offset: (page - 1) * pageSize },
    );
    const now = deps.clock.now();
    return { items: rows.map((u) => presentUser(u, now)), total };
  });
}

type Change = (u: UserWithNames, now: Date) => Parameters<typeof updateUser>[2];

/** Loads a user in scope, applies a change, ends their sessions if asked, audits before/after. */
async function changeUser(
  deps: Deps,
  actor: Actor,
  id: string,
  action: string,
  change: Change,
  endSessions: boolean,
  after?: (tx: Tx, user: UserWithNames) => Promise<void>,
): Promise<User> {
  return withContext(deps.db, dbContext(actor), async (tx) => {
    const before = await findUserById(tx, id);
    if (!before || (actor.role !== 'system' && !isWithin(before.scope_path, actor.scopePath))) throw notFound('用户', id);
    if (actor.role !== 'system' && isAdminRole(before.role)) throw new AppError('FORBIDDEN', '管理员账号只能由运维人员在服务器上用命令行管理', { action });
    if (before.id === actor.userId) throw new AppError('FORBIDDEN', '不能对自己的账号执行此操作', { action });
    const now = deps.clock.now();
    await updateUser(tx, id, { ...change(before, now), updated_at: now });
    const sessionsEnded = endSessions ? await revokeUserSessions(tx, id, now) : 0;
    const changed = (await findUserById(tx, id))!;
    await appendAudit(tx, deps.clock, actor, {
      action,
      targetType: 'user',
      targetId: id,
      before: auditUser(before),
      after: auditUser(changed),
      details: { sessionsEnded },
    });
    if (after) await after(tx, changed);
    return presentUser((await findUserById(tx, id))!, now);
  });
}

/** Disabling a user ends all their sessions at once. */
export async function disableUser(deps: Deps, actor: Actor, id: string): Promise<User> {
  if (!can(actor, 'users.manage') && !can(actor, 'users.security') && actor.role !== 'system') throw forbidden('users.disable');
  // An open credential grant is withdrawn with the account.
  return changeUser(
    deps,
    actor,
    id,
    'user.disable',
    () => ({ status: 'disabled' }),
    true,
    async (tx, user) => {
      const closed = await closeOpenGrant(tx, user.id, 'cancelled', deps.clock.now());
      if (closed)
        await appendAudit(tx, deps.clock, actor, {
          action: 'credential.cancel',
          targetType: 'user',
          targetId: user.id,
          details: { grantId: closed.id, kind: closed.kind },
        });
    },
  );
}

export async function enableUser(deps: Deps, actor: Actor, id: string): Promise<User> {
  if (!can(actor, 'users.security') && actor.role !== 'system') throw forbidden('users.enable');
  return forgetFailedLogins(
    deps,
    await changeUser(
      deps,
      actor,
      id,
      'user.enable',
      (u) => ({ status: u.password_hash === NO_PASSWORD ? 'pending' : 'active', failed_logins: 0, locked_until: null }),
      false,
    ),
  );
}

/** Unlocking (or enabling, or a reset) also forgets the failed logins counted against the name from every address. */
async function forgetFailedLogins(deps: Deps, user: User): Promise<User> {
  await withContext(deps.db, SYSTEM_CONTEXT, (tx) => clearLoginThrottle(tx, user.username));
  return user;
}

export async function unlockUser(deps: Deps, actor: Actor, id: string): Promise<User> {
  if (!can(actor, 'users.security') && actor.role !== 'system') throw forbidden('users.unlock');
  return forgetFailedLogins(deps, await changeUser(deps, actor, id, 'user.unlock', () => ({ failed_logins: 0, locked_until: null }), false));
}

/**
 * A password reset needs two admins: the requester (either admin) gets half A, the user's old
 * password stops working and their sessions end; the other admin approves (approveGrant) and gets
 * half B; the user redeems both and chooses a new password. Nobody but the user ever knows it.
 */
export async function requestPasswordReset(deps: Deps, actor: Actor, id: string): Promise<UserWithCode> {
  if (!can(actor, 'users.security') && !can(actor, 'users.manage')) throw forbidden('users.reset_password');
  const half = await prepareCodeHalf('A');
  let issuedCode: IssuedCode | undefined;
  const user = await changeUser(
    deps,
    actor,
    id,
    'user.reset_password',
    (u, now) => {
      if (u.status === 'disabled') throw new AppError('CONFLICT', '账号已停用，请先启用再重置密码', { field: 'id' });
      return { password_hash: NO_PASSWORD, password_changed_at: now, status: 'pending', failed_logins: 0, locked_until: null };
    },
    true,
    async (tx, changed) => {
      issuedCode = await openGrant(tx, deps, actor, changed, 'reset', half);
    },
  );
  return { ...(await forgetFailedLogins(deps, user)), issuedCode: issuedCode! };
}

/** The second admin approves a new account or a reset and receives half B. */
export async function approveCredential(deps: Deps, actor: Actor, id: string): Promise<UserWithCode> {
  const { user, issued } = await approveGrant(deps, actor, id);
  return { ...presentUser(user, deps.clock.now()), issuedCode: issued };
}

export async function cancelCredential(deps: Deps, actor: Actor, id: string): Promise<User> {
  return presentUser(await cancelGrant(deps, actor, id), deps.clock.now());
}

/**
 * The server's CLI sets a password directly: whoever runs it already holds the server. The user
 * must change it at the next sign-in, since the operator knows it.
 */
export async function setPasswordAsSystem(deps: Deps, actor: Actor, id: string, password: string): Promise<User> {
  if (actor.role !== 'system') throw forbidden('users.reset_password');
  checkPasswordPolicy(password);
  const passwordHash = await hashPassword(password);
  const user = await changeUser(
    deps,
    actor,
    id,
    'user.reset_password',
    (u, now) => ({
      password_hash: passwordHash,
      password_changed_at: now,
      must_change_password: true,
      status: u.status === 'pending' ? 'active' : u.status,
      failed_logins: 0,
      locked_until: null,
    }),
    true,
    async (tx, changed) => {
      await closeOpenGrant(tx, changed.id, 'cancelled', deps.clock.now());
    },
  );
  return forgetFailedLogins(deps, user);
}

export async function findUserIdByUsername(deps: Deps, actor: Actor, username: string): Promise<string> {
  const u = await withContext(deps.db, dbContext(actor), (tx) => findUserByUsername(tx, username));
  if (!u) throw notFound('用户', username);
  return u.id;
}
