import { SYSTEM_ACTOR } from '../../platform/actor.js';
import { appendAudit } from '../../platform/audit/service.js';
import { workCalendar } from '../../platform/calendar/service.js';
import { SYSTEM_CONTEXT, withContext } from '../../platform/db/context.js';
import type { Deps } from '../../platform/deps.js';
import { chinaDate } from '../../platform/time.js';
import { appendCaseEvent, escalateCase, notifyCaseUnit } from './core.js';
import { BREACH_REASON, LEVEL_NAMES } from './levels.js';
import { findAgreementById, judicialDueAgreements, lockCase, overdueCaseIds, performanceDueAgreements, updateAgreement, updateCase } from './store.js';

export interface DisputeSweepResult {
  /** Cases moved one level up because their level's time limit passed. */
  escalated: number;
  /** County cases past the limit: flagged and the county told, once. */
  countyOverdue: number;
  /** Reminders that the 30-day window for judicial confirmation ends within 5 days (none once the parties have applied). */
  judicialReminders: number;
  /** Reminders to visit the parties after an agreement's performance deadline. */
  followUpReminders: number;
}

/** Days before the end of the judicial-confirmation window when the reminder goes out. */
export const JUDICIAL_REMINDER_DAYS = 5;

/**
 * The dispute sweep (run with the work-order sweep). An open or failed case past its level's
 * mediation time limit moves one level up with the reason 超过调解时限 and a fresh limit; at the
 * county there is no level above, so it is flagged once and the county told. Agreements whose
 * judicial-confirmation window ends within 5 days, and agreements past their performance deadline
 * with no follow-up visit, get one reminder each. Every change is made under the case's row lock
 * and re-checked there, so running it twice, or from two servers at once, changes nothing more.
 */
export async function sweepDisputes(deps: Deps, asOf: Date = deps.clock.now()): Promise<DisputeSweepResult> {
  const calendar = await workCalendar(deps);
  const result: DisputeSweepResult = { escalated: 0, countyOverdue: 0, judicialReminders: 0, followUpReminders: 0 };
  const step = { actor: SYSTEM_ACTOR, now: asOf, calendar };

  const overdue = await withContext(deps.db, SYSTEM_CONTEXT, (tx) => overdueCaseIds(tx, asOf));
  for (const id of overdue) {
    await withContext(deps.db, SYSTEM_CONTEXT, async (tx) => {
      const c = await lockCase(tx, id);
      if (!c || !['open', 'failed'].includes(c.status) || c.overdue_notified || new Date(c.level_due).getTime() >= asOf.getTime()) return;
      if (await escalateCase(tx, deps, step, c, BREACH_REASON, 'auto_escalate')) {
        result.escalated++;
      } else {
        await updateCase(tx, id, { overdue_notified: true, updated_at: asOf });
        await appendCaseEvent(tx, step, c, 'overdue', { note: `${BREACH_REASON}（${LEVEL_NAMES[c.level]}）` });
        await notifyCaseUnit(tx, deps, asOf, c, 'dispute_overdue', `矛盾纠纷 ${c.number} 已${BREACH_REASON}，请督办`);
        result.countyOverdue++;
      }
      await appendAudit(tx, deps.clock, SYSTEM_ACTOR, {
        action: 'dispute_case.sweep',
        targetType: 'dispute_case',
        targetId: id,
        details: { level: c.level, due: c.level_due },
      });
    });
  }

  const lastDay = chinaDate(new Date(asOf.getTime() + JUDICIAL_REMINDER_DAYS * 86_400_000));
  const judicial = await withContext(deps.db, SYSTEM_CONTEXT, (tx) => judicialDueAgreements(tx, lastDay));
  for (const a of judicial) {
    await withContext(deps.db, SYSTEM_CONTEXT, async (tx) => {
      const c = await lockCase(tx, a.case_id);
      const fresh = await findAgreementById(tx, a.id);
      // Once the parties have applied, there is nothing left to remind them of.
      if (!c || !fresh || fresh.judicial_reminded || !fresh.judicial_due || fresh.judicial_applied_on) return;
      await updateAgreement(tx, a.id, { judicial_reminded: true });
      await notifyCaseUnit(
        tx,
        deps,
        asOf,
        c,
        'dispute_judicial_due',
        `调解协议 ${c.number} 申请司法确认的期限至 ${fresh.judicial_due}，请提醒当事人（自协议生效之日起 30 日内共同向人民法院申请）`,
      );
      await appendCaseEvent(tx, step, c, 'judicial_reminder', { details: { due: fresh.judicial_due } });
      result.judicialReminders++;
    });
  }

  const today = chinaDate(asOf);
  const performance = await withContext(deps.db, SYSTEM_CONTEXT, (tx) => performanceDueAgreements(tx, today));
  for (const a of performance) {
    await withContext(deps.db, SYSTEM_CONTEXT, async (tx) => {
      const c = await lockCase(tx, a.case_id);
      const fresh = await findAgreementById(tx, a.id);
      if (!c || !fresh || fresh.follow_up_reminded || fresh.followed_up_at) return;
      await updateAgreement(tx, a.id, { follow_up_reminded: true });
      await notifyCaseUnit(tx, deps, asOf, c, 'dispute_follow_up_due', `调解协议 ${c.number} 的履行期限（${fresh.performance_deadline}）已过，请回访履行情况`);
      await appendCaseEvent(tx, step, c, 'follow_up_reminder', { details: { deadline: fresh.performance_deadline } });
      result.followUpReminders++;
    });
  }
  return result;
}

/** One line for the CLI and the server log. */
export function describeDisputeSweep(r: DisputeSweepResult): string {
  return `矛盾纠纷：超时上报 ${r.escalated} 件，县级超时督办 ${r.countyOverdue} 件，司法确认提醒 ${r.judicialReminders} 件，履行回访提醒 ${r.followUpReminders} 件`;
}
