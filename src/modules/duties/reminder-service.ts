import { workCalendar } from '../../platform/calendar/service.js';
import { SYSTEM_CONTEXT, withContext } from '../../platform/db/context.js';
import type { Deps } from '../../platform/deps.js';
import { chinaDate } from '../../platform/time.js';
import { notifyUnit } from '../requests/index.js';
import { insertTaskReminder, listReminderCandidates } from './reminder-store.js';

// Reminders before a task's deadline (任务到期提醒): the lead unit gets one in-app notice when a
// task not yet done is due within a few working days — once per task and deadline. The notice is
// an ordinary unit notification (`notifications`, no order), so it shows in the unit's 待办 inbox
// and goes out through the webhook like any other; `task_reminders` records that it was sent,
// which is what makes a second run (or a second server) send nothing new.

/** How many working days before its deadline a task's lead unit is reminded. */
export const REMINDER_WORKING_DAYS = 3;

/**
 * Sends the reminders that are due now: every task due between today and the N-th working day
 * from today (on the working-day calendar) whose latest report is not "done" and that has had no
 * reminder for its current deadline. Runs as the server; idempotent.
 */
export async function sendTaskReminders(deps: Deps, opts: { workingDays?: number } = {}): Promise<{ sent: number }> {
  const now = deps.clock.now();
  const today = chinaDate(now);
  const calendar = await workCalendar(deps);
  const until = calendar.addWorkingDays(today, opts.workingDays ?? REMINDER_WORKING_DAYS);
  return withContext(deps.db, SYSTEM_CONTEXT, async (tx) => {
    let sent = 0;
    for (const t of await listReminderCandidates(tx, today, until)) {
      // The reminder row first: when another run got there, it is not sent twice.
      if (!(await insertTaskReminder(tx, { task_id: t.id, due_on: t.due_on, sent_at: now }))) continue;
      const left = calendar.workingDaysBetween(today, t.due_on);
      const when = t.due_on === today ? '今天到期' : `${t.due_on} 到期（还有 ${left} 个工作日）`;
      await notifyUnit(
        tx,
        { deps, now },
        { unitRegionCode: t.lead_region_code, unitDepartmentId: t.lead_department_id, path: t.unit_path },
        null,
        'task_reminder',
        `任务提醒：「${t.title}」${when}，请按时完成并报告进展`,
      );
      sent++;
    }
    return { sent };
  });
}
