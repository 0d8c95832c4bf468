import { sql, type Insertable, type Selectable } from 'kysely';
import type { Tx } from '../../platform/db/context.js';
import type { FormalismReportsTable, TaskListsTable, TaskReportsTable, TasksTable } from './tables.js';

// The SQL of task lists, ledgers and formalism reports.

export async function insertTaskList(tx: Tx, list: Insertable<TaskListsTable>, tasks: Insertable<TasksTable>[]): Promise<void> {
  await tx.insertInto('task_lists').values(list).execute();
  await tx.insertInto('tasks').values(tasks).execute();
}

export async function listTaskLists(tx: Tx): Promise<Selectable<TaskListsTable>[]> {
  return tx.selectFrom('task_lists').selectAll().orderBy('created_at', 'desc').execute();
}

export async function findTaskList(tx: Tx, id: string): Promise<Selectable<TaskListsTable> | undefined> {
  return tx.selectFrom('task_lists').selectAll().where('id', '=', id).executeTakeFirst();
}

export type TaskRow = Selectable<TasksTable> & {
  lead_unit: string;
  last_status: TaskReportsTable['status'] | null;
  last_progress: string | null;
  last_figure: number | null;
  last_at: Date | null;
  last_report_id: string | null;
};

/** The tasks of lists, each with its lead unit's name and its latest report. */
export async function listTasks(tx: Tx, listIds: readonly string[]): Promise<TaskRow[]> {
  if (!listIds.length) return [];
  const { rows } = await sql<TaskRow>`
    SELECT t.*, coalesce(d.name, r.name) AS lead_unit,
      l.status AS last_status, l.progress AS last_progress, l.figure AS last_figure, l.created_at AS last_at, l.id AS last_report_id
    FROM tasks t
    LEFT JOIN departments d ON d.id = t.lead_department_id
    LEFT JOIN regions r ON r.code = t.lead_region_code
    LEFT JOIN LATERAL (SELECT p.id, p.status, p.progress, p.figure, p.created_at FROM task_reports p
                       WHERE p.task_id = t.id ORDER BY p.created_at DESC, p.id DESC LIMIT 1) l ON true
    WHERE t.list_id IN (${sql.join(listIds)})
    ORDER BY t.list_id, t.seq`.execute(tx);
  return rows.map((r) => ({ ...r, target: r.target === null ? null : Number(r.target), last_figure: r.last_figure === null ? null : Number(r.last_figure) }));
}

export async function findTask(tx: Tx, id: string): Promise<Selectable<TasksTable> | undefined> {
  return tx.selectFrom('tasks').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertTaskReport(tx: Tx, row: Insertable<TaskReportsTable>): Promise<void> {
  await tx.insertInto('task_reports').values(row).execute();
}

export async function findTaskReport(tx: Tx, id: string): Promise<Selectable<TaskReportsTable> | undefined> {
  return tx.selectFrom('task_reports').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listTaskReports(tx: Tx, listId: string): Promise<Selectable<TaskReportsTable>[]> {
  return tx
    .selectFrom('task_reports as p')
    .innerJoin('tasks as t', 't.id', 'p.task_id')
    .selectAll('p')
    .where('t.list_id', '=', listId)
    .orderBy('p.created_at')
    .execute();
}

export async function insertFormalismReport(tx: Tx, row: Insertable<FormalismReportsTable>): Promise<void> {
  await tx.insertInto('formalism_reports').values(row).execute();
}

export async function listFormalismReports(tx: Tx, limit: number) {
  return tx
    .selectFrom('formalism_reports as f')
    .innerJoin('regions as r', 'r.code', 'f.region_code')
    .selectAll('f')
    .select('r.name as region_name')
    .orderBy('f.created_at', 'desc')
    .limit(limit)
    .execute();
}

export async function answerFormalismReport(tx: Tx, id: string, patch: { answer: string; answered_by: string | null; answered_at: Date }): Promise<number> {
  const r = await tx
    .updateTable('formalism_reports')
    .set({ ...patch, status: 'answered' })
    .where('id', '=', id)
    .where('status', '=', 'open')
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}
