import { randomInt } from 'node:crypto';
import { uuidv7 } from 'uuidv7';
import { anonymousActor, dbContext, type Actor } from '../actor.js';
import { appendAudit } from '../audit/service.js';
import { SYSTEM_CONTEXT, withContext, type Tx } from '../db/context.js';
import type { Deps } from '../deps.js';
import { AppError, forbidden, notFound } from '../errors.js';
import { isWithin } from '../../modules/regions/policy.js';
import { toOffsetIso } from '../time.js';
import { closeOpenGrant, findOpenGrant, insertGrant, updateGrant, type GrantRow } from './credential-store.js';
import { checkPasswordPolicy, dummyPasswordHash, hashPassword, verifyPassword } from './password.js';
import { actorFromUser } from './auth-service.js';
import { isAdminRole } from './policy.js';
import type { IssuedCode } from './schema.js';
import { clearLoginThrottle, findUserById, findUserByUsername, revokeUserSessions, updateUser, type UserWithNames } from './store.js';

/**
 * Credential grants (migration 0022): a new account or a password reset needs two admins. The
 * requester gets code half A, an admin of the other role approves and gets half B, and only the
 * user, holding both, chooses the password at /activate. See docs/SECURITY.md.
 */

type AdminSide = 'system_admin' | 'security_admin';

/** A grant is good for three days after its latest step. */
const GRANT_DAYS = 3;
/** Wrong codes before a grant closes and must be requested again. */
const MAX_ATTEMPTS = 5;
/** No 0/O, 1/I/L: the halves are read out over the phone or copied from paper. */
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

/** What a pending user's password hash holds: it verifies against nothing. */
export const NO_PASSWORD = '!pending';

const INVALID_CODE = () => new AppError('UNAUTHENTICATED', '用户名或激活码不正确，或激活码尚未经第二位管理员审批、已过期', { field: 'codeA' });

function newCodeHalf(): string {
  const chars = Array.from({ length: 8 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
  return `${chars.slice(0, 4)}-${chars.slice(4)}`;
}

/** Case, spaces and dashes do not matter when a half is typed back. */
function normalizeCode(code: string): string {
  return code.toUpperCase().replace(/[\s-]/g, '');
}

function adminSide(actor: Actor): AdminSide {
  if (actor.role === 'system_admin' || actor.role === 'security_admin') return actor.role;
  throw forbidden('users.credentials');
}

function expiry(from: Date): Date {
  return new Date(from.getTime() + GRANT_DAYS * 24 * 3600_000);
}

/** A fresh half and its hash, made before the transaction so the slow hash holds no connection. */
export async function prepareCodeHalf(part: 'A' | 'B'): Promise<{ part: 'A' | 'B'; code: string; hash: string }> {
  const code = newCodeHalf();
  return { part, code, hash: await hashPassword(normalizeCode(code)) };
}

/**
 * Opens a grant for `user` (inside the caller's transaction), replacing any open one; the caller
 * has already checked scope and the user's role. Returns half A for the requester.
 */
export async function openGrant(
  tx: Tx,
  deps: Deps,
  actor: Actor,
  user: UserWithNames,
  kind: 'activate' | 'reset',
  half: Awaited<ReturnType<typeof prepareCodeHalf>>,
): Promise<IssuedCode> {
  const side = adminSide(actor);
  const now = deps.clock.now();
  const replaced = await closeOpenGrant(tx, user.id, 'replaced', now);
  const expiresAt = expiry(now);
  const id = uuidv7();
  await insertGrant(tx, {
    id,
    user_id: user.id,
    kind,
    scope_path: user.scope_path,
    requested_by: actor.userId!,
    requested_role: side,
    requested_at: now,
    code_a_hash: half.hash,
    expires_at: expiresAt,
  });
  await appendAudit(tx, deps.clock, actor, {
    action: 'credential.request',
    targetType: 'user',
    targetId: user.id,
    details: { grantId: id, kind, replaced: replaced?.id ?? null, approverRole: side === 'system_admin' ? 'security_admin' : 'system_admin' },
  });
  return { part: 'A', code: half.code, expiresAt: toOffsetIso(expiresAt) };
}

/** Loads a user in the actor's scope whose credentials an admin may handle (not an admin, not oneself). */
async function manageableUser(tx: Tx, actor: Actor, id: string, action: string): Promise<UserWithNames> {
  const user = await findUserById(tx, id);
  if (!user || !isWithin(user.scope_path, actor.scopePath)) throw notFound('用户', id);
  if (isAdminRole(user.role)) throw new AppError('FORBIDDEN', '管理员账号只能由运维人员在服务器上用命令行管理', { action });
  if (user.id === actor.userId) throw new AppError('FORBIDDEN', '不能对自己的账号执行此操作', { action });
  return user;
}

/** The open grant of a user, or a clear refusal; an expired one is closed on the way. */
async function liveGrant(tx: Tx, deps: Deps, userId: string): Promise<GrantRow> {
  const grant = await findOpenGrant(tx, userId);
  if (!grant) throw new AppError('CONFLICT', '该用户没有待审批的激活或重置申请', { field: 'id' });
  if (new Date(grant.expires_at) <= deps.clock.now()) {
    await updateGrant(tx, grant.id, { closed_at: deps.clock.now(), closed_reason: 'expired' });
    throw new AppError('CONFLICT', '申请已过期，请重新申请', { field: 'id', expired: true });
  }
  return grant;
}

/** The second admin approves: must hold the other role than the requester, and gets half B. */
export async function approveGrant(deps: Deps, actor: Actor, userId: string): Promise<{ user: UserWithNames; issued: IssuedCode }> {
  const side = adminSide(actor);
  const half = await prepareCodeHalf('B');
  // An expired grant is closed even though the approval fails: the close must outlive the refusal.
  const result = await withContext(deps.db, dbContext(actor), async (tx) => {
    await manageableUser(tx, actor, userId, 'credential.approve');
    let grant: GrantRow;
    try {
      grant = await liveGrant(tx, deps, userId);
    } catch (err) {
      return err as AppError;
    }
    if (grant.requested_role === side || grant.requested_by === actor.userId) {
      const other = grant.requested_role === 'system_admin' ? '安全管理员' : '系统管理员';
      throw new AppError('FORBIDDEN', `此申请须由${other}审批：同一角色不能既申请又审批（三权分立）`, { action: 'credential.approve' });
    }
    if (grant.approved_at) throw new AppError('CONFLICT', '此申请已审批，激活码后半段已发出；如遗失请重新申请', { field: 'id' });
    const now = deps.clock.now();
    const expiresAt = expiry(now);
    await updateGrant(tx, grant.id, { approved_by: actor.userId!, approved_role: side, approved_at: now, code_b_hash: half.hash, expires_at: expiresAt });
    await appendAudit(tx, deps.clock, actor, {
      action: 'credential.approve',
      targetType: 'user',
      targetId: userId,
      details: { grantId: grant.id, kind: grant.kind, requestedBy: grant.requested_by, requestedRole: grant.requested_role },
    });
    return { user: (await findUserById(tx, userId))!, issued: { part: 'B' as const, code: half.code, expiresAt: toOffsetIso(expiresAt) } };
  });
  if (result instanceof AppError) throw result;
  return result;
}

/** Either admin withdraws an open grant; the account stays pending until a new one is redeemed. */
export async function cancelGrant(deps: Deps, actor: Actor, userId: string): Promise<UserWithNames> {
  adminSide(actor);
  return withContext(deps.db, dbContext(actor), async (tx) => {
    await manageableUser(tx, actor, userId, 'credential.cancel');
    const closed = await closeOpenGrant(tx, userId, 'cancelled', deps.clock.now());
    if (!closed) throw new AppError('CONFLICT', '该用户没有待审批的激活或重置申请', { field: 'id' });
    await appendAudit(tx, deps.clock, actor, {
      action: 'credential.cancel',
      targetType: 'user',
      targetId: userId,
      details: { grantId: closed.id, kind: closed.kind },
    });
    return (await findUserById(tx, userId))!;
  });
}

export interface RedeemParams {
  username: string;
  codeA: string;
  codeB: string;
  newPassword: string;
  clientIp: string | null;
}

/**
 * The user redeems both halves and chooses a password. A wrong attempt is counted (and audited)
 * even though the answer is an error; after MAX_ATTEMPTS the grant closes. One answer for every
 * failure, so the page never tells whether a name exists or a grant is waiting.
 */
export async function redeemGrant(deps: Deps, p: RedeemParams): Promise<void> {
  checkPasswordPolicy(p.newPassword, 'newPassword');
  const { db, clock } = deps;
  const found = await withContext(db, SYSTEM_CONTEXT, async (tx) => {
    const user = await findUserByUsername(tx, p.username);
    const grant = user ? await findOpenGrant(tx, user.id) : undefined;
    return { user, grant };
  });
  const { user, grant } = found;
  const dummy = await dummyPasswordHash();
  const okA = await verifyPassword(grant?.code_a_hash ?? dummy, normalizeCode(p.codeA));
  const okB = await verifyPassword(grant?.code_b_hash ?? dummy, normalizeCode(p.codeB));
  const passwordHash = await hashPassword(p.newPassword);

  const outcome = await withContext(db, SYSTEM_CONTEXT, async (tx): Promise<AppError | null> => {
    const now = clock.now();
    // As login does: an unknown name is recorded as typed, by an anonymous caller.
    const actor: Actor = user ? actorFromUser(user, p.clientIp) : { ...anonymousActor(p.clientIp), username: p.username.slice(0, 64) };
    const fail = async (reason: string, extra: Record<string, unknown> = {}) => {
      await appendAudit(tx, clock, actor, {
        action: 'credential.redeem',
        targetType: 'user',
        targetId: user?.id,
        outcome: 'failed',
        details: { reason, ...extra },
      });
      return INVALID_CODE();
    };
    if (!user || !grant) return fail(user ? 'no_grant' : 'unknown_user');
    const current = await findOpenGrant(tx, user.id);
    if (!current || current.id !== grant.id) return fail('grant_changed');
    if (new Date(current.expires_at) <= now) {
      await updateGrant(tx, current.id, { closed_at: now, closed_reason: 'expired' });
      return fail('expired');
    }
    if (!current.approved_at) return fail('not_approved');
    if (!okA || !okB) {
      const attempts = current.failed_attempts + 1;
      const closing = attempts >= MAX_ATTEMPTS;
      await updateGrant(tx, current.id, { failed_attempts: attempts, ...(closing ? { closed_at: now, closed_reason: 'too_many_attempts' as const } : {}) });
      return fail('bad_code', { attempts, closed: closing });
    }
    await updateGrant(tx, current.id, { closed_at: now, closed_reason: 'redeemed' });
    await updateUser(tx, user.id, {
      password_hash: passwordHash,
      password_changed_at: now,
      must_change_password: false,
      status: user.status === 'pending' ? 'active' : user.status,
      failed_logins: 0,
      locked_until: null,
      updated_at: now,
    });
    await revokeUserSessions(tx, user.id, now);
    await clearLoginThrottle(tx, user.username);
    await appendAudit(tx, clock, actor, {
      action: 'credential.redeem',
      targetType: 'user',
      targetId: user.id,
      details: { grantId: current.id, kind: current.kind },
    });
    return null;
  });
  if (outcome) throw outcome;
}
