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
import type { CreateUserBody, Role, User, UserList } from './schema.js';
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
async function insertCheckedUser(tx: Tx, deps: Deps, actor: Actor, p: NewUserParams, passwordHash: string, totpSecret: string | null): Promise<UserWithNames> {
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
    must_change_password: actor.role !== 'system',
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
 * The system admin creates business accounts within their scope. The three admin accounts are
 * created only on the server with `gongzhi user add`, so no web account can mint another admin.
 */
export async function createUser(deps: Deps, actor: Actor, body: CreateUserBody): Promise<User> {
  if (!can(actor, 'users.manage')) throw forbidden('users.manage');
  if (isAdminRole(body.role)) throw invalidField('role', '管理员账号只能由运维人员在服务器上用命令行创建');
  checkPasswordPolicy(body.password);
  const passwordHash = await hashPassword(body.password);
  const created = await withContext(deps.db, dbContext(actor), (tx) => insertCheckedUser(tx, deps, actor, body, passwordHash, null));
  return presentUser(created, deps.clock.now());
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

export async function listUsers(deps: Deps, actor: Actor, page: number, pageSize: number): Promise<UserList> {
  if (!can(actor, 'users.manage') && !can(actor, 'users.security')) throw forbidden('users.read');
  return withContext(deps.db, dbContext(actor), async (tx) => {
    const { rows, total } = await listUsersInScope(tx, actor.scopePath, { limit: pageSize, offset: (page - 1) * pageSize });
    const now = deps.clock.now();
    return { items: rows.map((u) => presentUser(u, now)), total };
  });
}

type Change = (u: UserWithNames, now: Date) => Parameters<typeof updateUser>[2];

/** Loads a user in scope, applies a change, ends their sessions if asked, audits before/after. */
async function changeUser(deps: Deps, actor: Actor, id: string, action: string, change: Change, endSessions: boolean): Promise<User> {
  return withContext(deps.db, dbContext(actor), async (tx) => {
    const before = await findUserById(tx, id);
    if (!before || (actor.role !== 'system' && !isWithin(before.scope_path, actor.scopePath))) throw notFound('用户', id);
    if (actor.role !== 'system' && isAdminRole(before.role)) throw new AppError('FORBIDDEN', '管理员账号只能由运维人员在服务器上用命令行管理', { action });
    if (before.id === actor.userId) throw new AppError('FORBIDDEN', '不能对自己的账号执行此操作', { action });
    const now = deps.clock.now();
    await updateUser(tx, id, { ...change(before, now), updated_at: now });
    const sessionsEnded = endSessions ? await revokeUserSessions(tx, id, now) : 0;
    const after = (await findUserById(tx, id))!;
    await appendAudit(tx, deps.clock, actor, {
      action,
      targetType: 'user',
      targetId: id,
      before: auditUser(before),
      after: auditUser(after),
      details: { sessionsEnded },
    });
    return presentUser(after, now);
  });
}

/** Disabling a user ends all their sessions at once. */
export async function disableUser(deps: Deps, actor: Actor, id: string): Promise<User> {
  if (!can(actor, 'users.manage') && !can(actor, 'users.security') && actor.role !== 'system') throw forbidden('users.disable');
  return changeUser(deps, actor, id, 'user.disable', () => ({ status: 'disabled' }), true);
}

export async function enableUser(deps: Deps, actor: Actor, id: string): Promise<User> {
  if (!can(actor, 'users.security') && actor.role !== 'system') throw forbidden('users.enable');
  return forgetFailedLogins(deps, await changeUser(deps, actor, id, 'user.enable', () => ({ status: 'active', failed_logins: 0, locked_until: null }), false));
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

/** A reset password must be changed at next login; the user's sessions end. */
export async function resetPassword(deps: Deps, actor: Actor, id: string, password: string): Promise<User> {
  if (!can(actor, 'users.security') && actor.role !== 'system') throw forbidden('users.reset_password');
  checkPasswordPolicy(password);
  const passwordHash = await hashPassword(password);
  const user = await changeUser(
    deps,
    actor,
    id,
    'user.reset_password',
    (_u, now) => ({
      password_hash: passwordHash,
      password_changed_at: now,
      must_change_password: actor.role !== 'system',
      failed_logins: 0,
      locked_until: null,
    }),
    true,
  );
  return forgetFailedLogins(deps, user);
}

export async function findUserIdByUsername(deps: Deps, actor: Actor, username: string): Promise<string> {
  const u = await withContext(deps.db, dbContext(actor), (tx) => findUserByUsername(tx, username));
  if (!u) throw notFound('用户', username);
  return u.id;
}
