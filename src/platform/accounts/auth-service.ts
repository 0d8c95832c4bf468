import { type Actor, anonymousActor } from '../actor.js';
import { appendAudit } from '../audit/service.js';
import { sm3Hex, decryptField, randomToken } from '../crypto.js';
import { afterCommit, SYSTEM_CONTEXT, withContext } from '../db/context.js';
import type { Deps } from '../deps.js';
import { wallNow } from '../clock.js';
import { AppError } from '../errors.js';
import { checkPasswordPolicy, dummyPasswordHash, hashPassword, verifyPassword } from './password.js';
import { isAdminRole } from './policy.js';
import { presentMe } from './presenter.js';
import type { Me, Role } from './schema.js';
import {
  clearLoginThrottle,
  findLoginThrottle,
  findSession,
  findUserById,
  findUserByUsername,
  hasSignedInFrom,
  insertSession,
  lockLoginAddress,
  pruneLoginThrottle,
  recentFailingAddresses,
  recordLoginFailure,
  revokeSession,
  revokeUserSessions,
  touchSession,
  updateUser,
  type UserRow,
  type UserWithNames,
} from './store.js';
import { cachedSession, rememberSession } from './session-cache.js';
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

/** Throttled failures are forgotten after a day without one (and locks stop doubling). */
const THROTTLE_MEMORY_MS = 24 * 3600_000;
/** The wait doubles with each lock of the same address in a row, up to this many doublings. */
const MAX_DOUBLINGS = 4;

/** One answer for every throttled attempt, whoever and whatever the account: it never tells whether a username exists. */
function throttled(until: Date, now: Date): AppError {
  const seconds = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));
  return new AppError('RATE_LIMITED', `登录失败次数过多，请 ${Math.ceil(seconds / 60)} 分钟后再试`, { retryAfterSeconds: seconds });
}

/**
 * Password (argon2id) and, for the three admin roles, a TOTP code; every attempt is audited. The
 * password is checked outside any transaction so a slow hash never holds a database connection.
 *
 * Throttling (OWASP: per address and per account, lock per account + address), keyed by the
 * username as typed so an unknown name is treated exactly like a real one:
 * - LOCKOUT_FAILURES failures from one address make that address wait LOCKOUT_MINUTES (doubling
 *   on each further lock, up to 16×); the owner still signs in from anywhere else;
 * - failures from LOCKOUT_ADDRESSES addresses within LOCKOUT_MINUTES (a distributed guess) lock
 *   the account for LOCKOUT_MINUTES, except from addresses it has signed in from before.
 * A throttled attempt answers 429 RATE_LIMITED with the same message whether the name exists.
 */
export async function login(deps: Deps, p: LoginParams): Promise<LoginResult> {
  const { db, clock, config } = deps;
  const user = await withContext(db, SYSTEM_CONTEXT, (tx) => findUserByUsername(tx, p.username));
  const passwordOk = await verifyPassword(user?.password_hash ?? (await dummyPasswordHash()), p.password);
  const attempt: Actor = user ? actorFromUser(user, p.clientIp) : { ...anonymousActor(p.clientIp), username: p.username.slice(0, 64) };
  const now = clock.now();
  const name = p.username.slice(0, 200);
  const address = p.clientIp ?? '-';
  const lockMs = config.lockoutMinutes * 60_000;

  const outcome = await withContext(db, SYSTEM_CONTEXT, async (tx): Promise<AppError | LoginResult> => {
    const audit = (reason: string, extra: Record<string, unknown> = {}) =>
      appendAudit(tx, clock, attempt, { action: 'auth.login', targetType: 'user', targetId: user?.id, outcome: 'failed', details: { reason, ...extra } });

    // Waiting: this address for this name, or the whole account under a distributed attack.
    const own = await findLoginThrottle(tx, name, address);
    if (own?.locked_until && new Date(own.locked_until) > now) {
      await audit('throttled_address');
      return throttled(new Date(own.locked_until), now);
    }
    const fresh = user ? (await findUserById(tx, user.id))! : undefined;
    let accountLockedUntil: Date | null = null;
    if (fresh) {
      if (fresh.locked_until && new Date(fresh.locked_until) > now) accountLockedUntil = new Date(fresh.locked_until);
    } else {
      const recent = await recentFailingAddresses(tx, name, new Date(now.getTime() - lockMs));
      if (recent.addresses >= config.lockoutAddresses && recent.lastFailedAt) accountLockedUntil = new Date(recent.lastFailedAt.getTime() + lockMs);
    }
    if (accountLockedUntil && !(fresh && p.clientIp && (await hasSignedInFrom(tx, fresh.id, p.clientIp)))) {
      await audit('locked');
      return throttled(accountLockedUntil, now);
    }

    let reason: string | null = !fresh ? 'unknown_user' : passwordOk ? null : 'bad_password';
    let totpCounter: number | null = null;
    if (fresh && !reason && fresh.status !== 'active') {
      await audit('disabled');
      return new AppError('UNAUTHENTICATED', '账号已停用，请联系管理员');
    }
    if (fresh && !reason && isAdminRole(fresh.role)) {
      if (!fresh.totp_secret) {
        await audit('totp_not_enrolled');
        return new AppError('UNAUTHENTICATED', '管理员账号尚未绑定动态口令，请联系运维人员');
      }
      if (!p.totpCode) return new AppError('TOTP_REQUIRED', '请输入动态口令（6 位数字）', { field: 'totpCode' });
      // Against the wall clock: in a drill the service clock runs ahead of the admin's phone.
      totpCounter = totpStep(decryptField(config.dataKey, fresh.totp_secret), p.totpCode, wallNow(clock));
      if (totpCounter === null || totpCounter <= (fresh.totp_last_counter ?? -1)) reason = 'bad_totp';
    }
    if (reason || !fresh) {
      await pruneLoginThrottle(tx, new Date(now.getTime() - THROTTLE_MEMORY_MS), now);
      const counted = await recordLoginFailure(tx, name, address, now);
      let lockedUntil: Date | null = null;
      let locked: 'address' | 'account' | false = false;
      if (counted.failures >= config.lockoutFailures) {
        lockedUntil = new Date(now.getTime() + lockMs * 2 ** Math.min(counted.locks, MAX_DOUBLINGS));
        await lockLoginAddress(tx, name, address, lockedUntil);
        locked = 'address';
      }
      const recent = await recentFailingAddresses(tx, name, new Date(now.getTime() - lockMs));
      if (recent.addresses >= config.lockoutAddresses) locked = locked || 'account';
      if (fresh) {
        const lockAccount = recent.addresses >= config.lockoutAddresses;
        await updateUser(tx, fresh.id, {
          failed_logins: fresh.failed_logins + 1,
          ...(lockAccount ? { locked_until: new Date(now.getTime() + lockMs) } : {}),
          updated_at: now,
        });
      }
      await audit(reason ?? 'unknown_user', { failures: counted.failures, addresses: recent.addresses, locked });
      if (lockedUntil) return throttled(lockedUntil, now);
      return reason === 'bad_totp' ? new AppError('UNAUTHENTICATED', '动态口令错误', { field: 'totpCode' }) : BAD_CREDENTIALS();
    }
    await clearLoginThrottle(tx, name, address);
    await updateUser(tx, fresh.id, {
      failed_logins: 0,
      ...(totpCounter !== null ? { totp_last_counter: totpCounter } : {}),
    });
    const token = randomToken();
    await insertSession(tx, {
      id: sm3Hex(token),
      user_id: fresh.id,
      created_at: now,
      last_seen_at: now,
      expires_at: new Date(now.getTime() + config.sessionAbsoluteHours * 3600_000),
      client_ip: p.clientIp,
      user_agent: p.userAgent?.slice(0, 300) ?? null,
    });
    await appendAudit(tx, clock, attempt, { action: 'auth.login', targetType: 'user', targetId: fresh.id });
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
  const idleLimit = config.sessionIdleMinutes * 60_000;
  const cached = cachedSession(db, id, now.getTime(), idleLimit);
  if (cached) return { actor: actorFromUser(cached.user, clientIp), user: cached.user };
  return withContext(db, SYSTEM_CONTEXT, async (tx) => {
    const session = await findSession(tx, id);
    if (!session || session.revoked_at) return null;
    const idleMs = now.getTime() - new Date(session.last_seen_at).getTime();
    if (now >= new Date(session.expires_at) || idleMs > idleLimit) {
      await revokeSession(tx, id, now);
      return null;
    }
    const user = await findUserById(tx, session.user_id);
    if (!user || user.status !== 'active') return null;
    // Recording every request would be one write per request; a minute's precision is enough for a 30-minute rule.
    const lastSeenAt = idleMs > 60_000 ? now : new Date(session.last_seen_at);
    if (idleMs > 60_000) await touchSession(tx, id, now);
    const entry = { db, sessionId: id, user, lastSeenAt: lastSeenAt.getTime(), expiresAt: new Date(session.expires_at).getTime(), readAt: now.getTime() };
    afterCommit(tx, () => rememberSession(entry));
    return { actor: actorFromUser(user, clientIp), user };
  });
}

export async function logout(deps: Deps, actor: Actor, token: string): Promise<void> {
  await withContext(deps.db, SYSTEM_CONTEXT, async (tx) => {
    await revokeSession(tx, sm3Hex(token), deps.clock.now());
    await appendAudit(tx, deps.clock, actor, { action: 'auth.logout', targetType: 'user', targetId: actor.userId ?? undefined });
  });
}

/** The signed-in user as the session check just read them (no second reading). */
export function getMe(user: UserWithNames): Me {
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
