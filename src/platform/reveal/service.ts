import { uuidv7 } from 'uuidv7';
import { dbContext, type Actor } from '../actor.js';
import { appendAudit, SECURITY_ALERT } from '../audit/service.js';
import { withContext, type Tx } from '../db/context.js';
import type { Deps } from '../deps.js';
import { AppError, invalidField } from '../errors.js';
import { REVEAL_RATE_EXCEEDED, type RevealAlertDetails, type RevealWindow } from './schema.js';
import { countReveals, insertReveal, lockRevealsOf, pruneReveals } from './store.js';

/*
 * Revealing a full ID or phone number, wherever it is offered (a resident's numbers, a work
 * order's contact): a reason that is real text, and a per-user throttle. Beyond the throttle the
 * answer is 429, the refusal is audited, and the security admin is alerted through an audit record
 * `security.alert` (GET /api/v1/security/alerts).
 */

const TEN_MINUTES = 10 * 60_000;
const DAY = 24 * 60 * 60_000;

/** Reasons need this many letters, CJK characters or digits once invisible characters are gone. */
export const MIN_REASON_CHARS = 4;

// Zero-width and other format characters (U+200B–U+200F, U+2060, U+FEFF, soft hyphen …), and the
// "letters" that render as blank (Hangul fillers, Braille blank), which \p{L} would otherwise count.
const INVISIBLE = /[\p{Cf}\u115F\u1160\u3164\uFFA0\u2800]/gu;
const MEANINGFUL = /[\p{L}\p{N}]/gu;

/**
 * A reveal reason as it is recorded: invisible characters removed, whitespace trimmed. Refused
 * (400 naming `reason`) unless MIN_REASON_CHARS letters, CJK characters or digits remain.
 */
export function revealReason(raw: string): string {
  const reason = raw.replace(INVISIBLE, '').trim();
  if ((reason.match(MEANINGFUL) ?? []).length < MIN_REASON_CHARS) {
    throw invalidField('reason', `请说明查看原因（至少 ${MIN_REASON_CHARS} 个汉字、字母或数字，空格和不可见字符不算）`);
  }
  return reason;
}

/** What is being revealed, as the audit record names it. */
export interface RevealTarget {
  /** The audit action of a granted reveal (`resident.reveal`); a refusal is the same action, outcome denied. */
  action: string;
  targetType: string;
  targetId: string;
  field: string;
}

type Verdict<T> = { value: T } | { refused: RevealWindow; count: number };

/**
 * Runs `reveal` in the actor's transaction if the actor is within the reveal limits
 * (config.revealPer10Min, config.revealPerDay), counting it. Otherwise commits only the refusal —
 * audited, and on the first refusal in ten minutes a `security.alert` — and throws 429
 * RATE_LIMITED. A reveal that fails (not found, out of scope) rolls back and is not counted.
 */
export async function revealWithinLimits<T>(deps: Deps, actor: Actor, target: RevealTarget, reveal: (tx: Tx) => Promise<T>): Promise<T> {
  const userId = actor.userId;
  if (!userId) return withContext(deps.db, dbContext(actor), reveal); // the server itself (CLI) is not throttled
  const { revealPer10Min, revealPerDay } = deps.config;
  const verdict = await withContext(deps.db, dbContext(actor), async (tx): Promise<Verdict<T>> => {
    const now = deps.clock.now();
    await lockRevealsOf(tx, userId);
    await pruneReveals(tx, userId, new Date(now.getTime() - DAY));
    const counts = await countReveals(tx, userId, { short: new Date(now.getTime() - TEN_MINUTES), day: new Date(now.getTime() - DAY) });
    const refused = counts.short >= revealPer10Min ? 'ten_minutes' : counts.day >= revealPerDay ? 'day' : null;
    await insertReveal(tx, { id: uuidv7(), user_id: userId, occurred_at: now, refused: refused !== null });
    if (!refused) return { value: await reveal(tx) };
    const count = refused === 'ten_minutes' ? counts.short : counts.day;
    const limits = { per10Min: revealPer10Min, perDay: revealPerDay };
    await appendAudit(tx, deps.clock, actor, {
      action: target.action,
      outcome: 'denied',
      targetType: target.targetType,
      targetId: target.targetId,
      details: { field: target.field, refusal: 'rate_limited', window: refused, count, limits },
    });
    if (counts.refusedShort === 0) {
      const details: RevealAlertDetails = {
        kind: REVEAL_RATE_EXCEEDED,
        message: `${actor.displayName}（${actor.username}）查看完整号码超过限额：${refused === 'ten_minutes' ? '10 分钟' : '24 小时'}内已查看 ${count} 次`,
        username: actor.username,
        displayName: actor.displayName,
        role: actor.role,
        regionCode: actor.regionCode || null,
        window: refused,
        count,
        limits,
        lastTarget: { type: target.targetType, id: target.targetId, field: target.field },
      };
      await appendAudit(tx, deps.clock, actor, { action: SECURITY_ALERT, outcome: 'denied', targetType: 'user', targetId: userId, details });
    }
    return { refused, count };
  });
  if ('value' in verdict) return verdict.value;
  throw new AppError(
    'RATE_LIMITED',
    `查看完整号码过于频繁（每 10 分钟最多 ${revealPer10Min} 次，每天最多 ${revealPerDay} 次），请稍后再试；安全管理员已收到提醒`,
    { window: verdict.refused, limits: { per10Min: revealPer10Min, perDay: revealPerDay } },
  );
}
