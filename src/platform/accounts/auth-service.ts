import { type Actor, anonymousActor } from '../actor.js';
import { appendAudit } from '../audit/service.js';
import { sm3Hex, decryptField, randomToken } from '../crypto.js';
import { SYSTEM_CONTEXT, withContext } from '../db/context.js';
import type { Deps } from '../deps.js';
import { wallNow } from '../clock.js';
import { AppError } from '../errors.js';
import { toOffsetIso } from '../time.js';
import { checkPasswordPolicy, dummyPasswordHash, hashPassword, verifyPassword } from './password.js';
import { isAdminRole } from './policy.js';
import { presentMe } from './presenter.js';
import type { Me, Role } from './schema.js';
import {
  findSession,
  findUserById,
  findUserByUsername,
  insertSession,
  revokeSession,
  revokeUserSessions,
  touchSession,
  updateUser,
  type UserRow,
  type UserWithNames,
} from './store.js';
import { totpStep } from './totp.js';

export interface LoginParams {
  username: string;
  password: string;
  totpCode?: string;
  clientIp: string | null;
  userAgent: string | null;
}

export interface LoginResult {
  /** The session token for the cookie; only its SM3 digest is stored. */
  token: string;
  me: Me;
}

const BAD_CREDENTIALS = () => new AppError('UNAUTHENTICATED', '用户名或密码错误');

export function actorFromUser(u: UserRow, clientIp: string | null): Actor {
  return {
    userId: u.id,
    username: u.username,
    displayName: u.display_name,
    role: u.role as Role,
    regionCode: u.region_code,
    scopePath: u.scope_path,
    departmentId: u.department_id,
    clientIp,
  };
}

/**
 * Password (argon2id) and, for the three admin roles, a TOTP code. Five failures lock the account
 * for five minutes; every attempt is audited. The password is checked outside any transaction
 * so a slow hash never holds a database connection.
 */
export async function login(deps: Deps, p: LoginParams): Promise<LoginResult> {
  const { db, clock, config } = deps;
  const user = await withContext(db, SYSTEM_CONTEXT, (tx) => findUserByUsername(tx, p.username));
  const passwordOk = await verifyPassword(user?.password_hash ?? (await dummyPasswordHash()), p.password);
  const attempt: Actor = user ? actorFromUser(user, p.clientIp) : { ...anonymousActor(p.clientIp), username: p.username.slice(0, 64) };
  const now = clock.now();

  const outcome = await withContext(db, SYSTEM_CONTEXT, async (tx): Promise<AppError | LoginResult> => {
    const failed = (reason: string, extra: Record<string, unknown> = {}) =>
      appendAudit(tx, clock, attempt, { action: 'auth.login', targetType: 'user', targetId: user?.id, outcome: 'failed', details: { reason, ...extra } });

    if (!user) {
      await failed('unknown_user');
      return BAD_CREDENTIALS();
    }
    const fresh = (await findUserById(tx, user.id))!;
    if (fresh.locked_until && new Date(fresh.locked_until) > now) {
      await failed('locked');
      return new AppError('ACCOUNT_LOCKED', '账号已锁定，请稍后再试', { lockedUntil: toOffsetIso(fresh.locked_until) });
    }
    let reason: string | null = passwordOk ? null : 'bad_password';
    let totpCounter: number | null = null;
    if (!reason && fresh.status !== 'active') {
      await failed('disabled');
      return new AppError('UNAUTHENTICATED', '账号已停用，请联系管理员');
    }
    if (!reason && isAdminRole(fresh.role)) {
      if (!fresh.totp_secret) {
        await failed('totp_not_enrolled');
        return new AppError('UNAUTHENTICATED', '管理员账号尚未绑定动态口令，请联系运维人员');
      }
      if (!p.totpCode) return new AppError('TOTP_REQUIRED', '请输入动态口令（6 位数字）', { field: 'totpCode' });
      // Against the wall clock: in a drill the service clock runs ahead of the admin's phone.
      totpCounter = totpStep(decryptField(config.dataKey, fresh.totp_secret), p.totpCode, wallNow(clock));
      if (totpCounter === null || totpCounter <= (fresh.totp_last_counter ?? -1)) reason = 'bad_totp';
    }
    if (reason) {
      const failures = fresh.failed_logins + 1;
      const lock = failures >= config.lockoutFailures;
      await updateUser(tx, user.id, {
        failed_logins: lock ? 0 : failures,
        locked_until: lock ? new Date(now.getTime() + config.lockoutMinutes * 60_000) : fresh.locked_until,
        updated_at: now,
      });
      await failed(reason, { failures, locked: lock });
      if (lock) return new AppError('ACCOUNT_LOCKED', `连续 ${failures} 次登录失败，账号锁定 ${config.lockoutMinutes} 分钟`);
      return reason === 'bad_totp' ? new AppError('UNAUTHENTICATED', '动态口令错误', { field: 'totpCode' }) : BAD_CREDENTIALS();
    }
    await updateUser(tx, user.id, {
      failed_logins: 0,
      locked_until: null,
      ...(totpCounter !== null ? { totp_last_counter: totpCounter } : {}),
    });
    const token = randomToken();
    await insertSession(tx, {
      id: sm3Hex(token),
      user_id: user.id,
      created_at: now,
      last_seen_at: now,
      expires_at: new Date(now.getTime() + config.sessionAbsoluteHours * 3600_000),
      client_ip: p.clientIp,
      user_agent: p.userAgent?.slice(0, 300) ?? null,
    });
    await appendAudit(tx, clock, attempt, { action: 'auth.login', targetType: 'user', targetId: user.id });
    return { token, me: presentMe(fresh) };
  });
  if (outcome instanceof AppError) throw outcome;
  return outcome;
}

export interface ResolvedSession {
  actor: Actor;
  user: UserWithNames;
}

/** The live session behind a cookie token, or null when unknown, revoked, idle too long or past its absolute expiry. */
export async function resolveSession(deps: Deps, token: string, clientIp: string | null): Promise<ResolvedSession | null> {
  const { db, clock, config } = deps;
  const id = sm3Hex(token);
  const now = clock.now();
  return withContext(db, SYSTEM_CONTEXT, async (tx) => {
    const session = await findSession(tx, id);
    if (!session || session.revoked_at) return null;
    const idleMs = now.getTime() - new Date(session.last_seen_at).getTime();
    if (now >= new Date(session.expires_at) || idleMs > config.sessionIdleMinutes * 60_000) {
      await revokeSession(tx, id, now);
      return null;
    }
    const user = await findUserById(tx, session.user_id);
    if (!user || user.status !== 'active') return null;
    // Recording every request would be one write per request; a minute's precision is enough for a 30-minute rule.
    if (idleMs > 60_000) await touchSession(tx, id, now);
    return { actor: actorFromUser(user, clientIp), user };
  });
}

export async function logout(deps: Deps, actor: Actor, token: string): Promise<void> {
  await withContext(deps.db, SYSTEM_CONTEXT, async (tx) => {
    await revokeSession(tx, sm3Hex(token), deps.clock.now());
    await appendAudit(tx, deps.clock, actor, { action: 'auth.logout', targetType: 'user', targetId: actor.userId ?? undefined });
  });
}

export async function getMe(deps: Deps, actor: Actor): Promise<Me> {
  const user = await withContext(deps.db, SYSTEM_CONTEXT, (tx) => findUserById(tx, actor.userId!));
  if (!user) throw new AppError('UNAUTHENTICATED', '请先登录');
  return presentMe(user);
}

/** A user changes their own password; other sessions of theirs end. */
export async function changePassword(deps: Deps, actor: Actor, currentPassword: string, newPassword: string, keepToken: string): Promise<void> {
  const { db, clock } = deps;
  const user = await withContext(db, SYSTEM_CONTEXT, (tx) => findUserById(tx, actor.userId!));
  if (!user || !(await verifyPassword(user.password_hash, currentPassword))) {
    throw new AppError('VALIDATION_FAILED', 'currentPassword: 当前密码不正确', { field: 'currentPassword' });
  }
  checkPasswordPolicy(newPassword, 'newPassword');
  if (await verifyPassword(user.password_hash, newPassword)) {
    throw new AppError('VALIDATION_FAILED', 'newPassword: 新密码不能与当前密码相同', { field: 'newPassword' });
  }
  const passwordHash = await hashPassword(newPassword);
  await withContext(db, SYSTEM_CONTEXT, async (tx) => {
    const now = clock.now();
    await updateUser(tx, user.id, { password_hash: passwordHash, password_changed_at: now, must_change_password: false, updated_at: now });
    // The session making the change stays; the user's other sessions end.
    const ended = await revokeUserSessions(tx, user.id, now, sm3Hex(keepToken));
    await appendAudit(tx, clock, actor, { action: 'user.change_password', targetType: 'user', targetId: user.id, details: { otherSessionsEnded: ended } });
  });
}
