import { sql, type Insertable } from 'kysely';
import type { Tx } from '../../platform/db/context.js';
import type { TaskRemindersTable } from './tables.js';

// The SQL of task reminders (任务到期提醒).

export interface ReminderCandidate {
  id: string;
  title: string;
  due_on: string;
  lead_department_id: string | null;
  lead_region_code: string | null;
  /** The lead region's path, or the list's for a department's task. */
  unit_path: string;
}

/**
 * Tasks due between two days (inclusive) whose latest report is not "done" and that have had no
 * reminder for their current deadline.
 */
export async function listReminderCandidates(tx: Tx, from: string, to: string): Promise<ReminderCandidate[]> {
  const { rows } = await sql<ReminderCandidate>`
    SELECT t.id, t.title, t.due_on, t.lead_department_id, t.lead_region_code, coalesce(r.path, t.path)::text AS unit_path
    FROM tasks t
    LEFT JOIN regions r ON r.code = t.lead_region_code
    WHERE t.due_on BETWEEN ${from}::date AND ${to}::date
      AND NOT EXISTS (SELECT 1 FROM task_reminders m WHERE m.task_id = t.id AND m.due_on = t.due_on)
      AND coalesce((SELECT p.status FROM task_reports p WHERE p.task_id = t.id ORDER BY p.created_at DESC, p.id DESC LIMIT 1), '') <> 'done'
    ORDER BY t.due_on, t.id`.execute(tx);
  return rows;
}

/** Records a reminder; false when one was already recorded for the task and deadline (another run sent it). */
export async function insertTaskReminder(tx: Tx, row: Insertable<TaskRemindersTable>): Promise<boolean> {
  const r = await tx
    .insertInto('task_reminders')
    .values(row)
    .onConflict((oc) => oc.columns(['task_id', 'due_on']).doNothing())
    .returning('task_id')
    .executeTakeFirst();
  return r !== undefined;
}
