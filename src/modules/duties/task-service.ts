import { uuidv7 } from 'uuidv7';
import { anonymousActor, dbContext, type Actor } from '../../platform/actor.js';
import { appendAudit } from '../../platform/audit/service.js';
import { withContext, type Tx } from '../../platform/db/context.js';
import type { Deps } from '../../platform/deps.js';
import { attachFiles, decodeBase64, listOwnerFiles, prepareFiles, saveBlobs } from '../../platform/files/index.js';
import { AppError, forbidden, invalidField, notFound, outOfScope } from '../../platform/errors.js';
import { chinaDate, toOffsetIso } from '../../platform/time.js';
import { computeMeasures, findMeasure, freshenMeasures, periodBounds } from '../overview/index.js';
import { findRegionForUpdate } from '../regions/index.js';
import { authorize, inScope } from './policy.js';
import { ledgerPdf, type Ledger } from './ledger-pdf.js';
import { buildWorkbook } from './spreadsheet.js';
import { findDepartment } from './store.js';
import { presentReportFile, TASK_REPORT_FILES } from './task-files.js';
import {
  TASK_STATUS_NAMES,
  type CreateTaskListBody,
  type FormalismReport,
  type FormalismReportBody,
  type Task,
  type TaskList,
  type TaskReport,
  type TaskReportBody,
  type TaskReportFile,
} from './task-schema.js';
import {
  answerFormalismReport,
  findTask,
  findTaskList,
  insertFormalismReport,
  insertTaskList,
  insertTaskReport,
  listFormalismReports,
  listTaskLists,
  listTaskReports,
  listTasks,
  type TaskRow,
} from './task-store.js';

// 任务清单 / 工作台账: tasks with a lead unit and a deadline; the lead unit reports progress in the
// system (its figure read from a measure where the task names one) and the ledger is generated
// from those reports. 形式主义问题反映: anyone signed in, optionally anonymous, to the county.

const DUE_SOON_DAYS = 5;

function leads(actor: Actor, t: Pick<TaskRow, 'lead_department_id' | 'lead_region_code'>, leadPath: string | null): boolean {
  if (t.lead_department_id) return actor.role === 'department_staff' && actor.departmentId === t.lead_department_id;
  return ['county_staff', 'township_staff', 'village_cadre'].includes(actor.role) && !!leadPath && inScope(actor, leadPath);
}

function presentTask(actor: Actor, t: TaskRow, today: string, leadPath: string | null, lastFiles: TaskReportFile[]): Task {
  const done = t.last_status === 'done';
  const soon = chinaDate(new Date(new Date(`${today}T00:00:00+08:00`).getTime() + DUE_SOON_DAYS * 86_400_000));
  return {
    id: t.id,
    listId: t.list_id,
    seq: t.seq,
    measureNo: t.measure_no,
    title: t.title,
    leadUnit: t.lead_unit,
    leadDepartmentId: t.lead_department_id,
    leadRegionCode: t.lead_region_code,
    coUnits: t.co_units,
    dueOn: t.due_on,
    measureId: t.measure_id,
    target: t.target,
    status: t.last_status,
    lastProgress: t.last_progress,
    lastReportedAt: t.last_at ? toOffsetIso(t.last_at) : null,
    lastFigure: t.last_figure,
    lastFiles,
    overdue: !done && t.due_on < today,
    dueSoon: !done && t.due_on >= today && t.due_on <= soon,
    canReport: leads(actor, t, leadPath),
  };
}

async function leadPaths(tx: Tx, tasks: readonly TaskRow[]): Promise<Map<string, string>> {
  const paths = new Map<string, string>();
  for (const code of new Set(tasks.map((t) => t.lead_region_code).filter((c): c is string => !!c))) {
    const r = await findRegionForUpdate(tx, code);
    if (r) paths.set(code, r.path);
  }
  return paths;
}

/**
 * The attachments of reports, by report. One read per report through the file store's front door:
 * the list asks only for each task's latest report, the ledger for every report of one list.
 */
async function reportFiles(tx: Tx, reportIds: readonly string[]): Promise<Map<string, TaskReportFile[]>> {
  const out = new Map<string, TaskReportFile[]>();
  for (const id of new Set(reportIds)) out.set(id, (await listOwnerFiles(tx, TASK_REPORT_FILES, id, 'attachment')).map(presentReportFile));
  return out;
}

async function presentLists(
  tx: Tx,
  actor: Actor,
  lists: { id: string; name: string; issuer: string; region_code: string; created_at: Date }[],
  today: string,
): Promise<TaskList[]> {
  const tasks = await listTasks(
    tx,
    lists.map((l) => l.id),
  );
  const paths = await leadPaths(tx, tasks);
  const files = await reportFiles(
    tx,
    tasks.flatMap((t) => (t.last_report_id ? [t.last_report_id] : [])),
  );
  return lists.map((l) => {
    const mine = tasks
      .filter((t) => t.list_id === l.id)
      .map((t) =>
        presentTask(
          actor,
          t,
          today,
          t.lead_region_code ? (paths.get(t.lead_region_code) ?? null) : null,
          t.last_report_id ? (files.get(t.last_report_id) ?? []) : [],
        ),
      );
    return {
      id: l.id,
      name: l.name,
      issuer: l.issuer,
      regionCode: l.region_code,
      createdAt: toOffsetIso(l.created_at),
      tasks: mine,
      counts: {
        total: mine.length,
        done: mine.filter((t) => t.status === 'done').length,
        overdue: mine.filter((t) => t.overdue).length,
        delayed: mine.filter((t) => t.status === 'delayed').length,
        unreported: mine.filter((t) => t.status === null).length,
      },
    };
  });
}

/** Issues a task list: each task with one lead unit (a department or a region in scope) and a deadline. */
export async function createTaskList(deps: Deps, actor: Actor, body: CreateTaskListBody): Promise<TaskList> {
  authorize(actor, 'duties.manage');
  const now = deps.clock.now();
  const today = chinaDate(now);
  return withContext(deps.db, dbContext(actor), async (tx) => {
    const region = await findRegionForUpdate(tx, actor.regionCode);
    if (!region) throw outOfScope('regionCode', '区划不存在');
    const listId = uuidv7();
    const rows = [];
    for (const [i, t] of body.tasks.entries()) {
      if (!!t.leadDepartmentId === !!t.leadRegionCode) throw invalidField(`tasks.${i}.leadDepartmentId`, '牵头单位须为一个部门或一个乡镇（村），二者取一');
      if (t.leadDepartmentId && !(await findDepartment(tx, t.leadDepartmentId))) throw invalidField(`tasks.${i}.leadDepartmentId`, '部门不存在');
      if (t.leadRegionCode) {
        const lead = await findRegionForUpdate(tx, t.leadRegionCode);
        if (!lead || !inScope(actor, lead.path)) throw outOfScope(`tasks.${i}.leadRegionCode`, '区划不存在或不在您的管理范围内');
      }
      if (t.measureId && !findMeasure(t.measureId)) throw invalidField(`tasks.${i}.measureId`, `没有这个指标：${t.measureId}`);
      if (t.dueOn < today) throw invalidField(`tasks.${i}.dueOn`, '完成时限不能早于今天');
      rows.push({
        id: uuidv7(),
        list_id: listId,
        seq: i + 1,
        measure_no: t.measureNo.trim(),
        title: t.title.trim(),
        lead_department_id: t.leadDepartmentId ?? null,
        lead_region_code: t.leadRegionCode ?? null,
        co_units: (t.coUnits ?? []).map((c) => c.trim()).filter(Boolean),
        due_on: t.dueOn,
        measure_id: t.measureId ?? null,
        target: t.target ?? null,
        path: region.path,
        created_at: now,
      });
    }
    await insertTaskList(
      tx,
      {
        id: listId,
        name: body.name.trim(),
        issuer: body.issuer.trim(),
        region_code: region.code,
        path: region.path,
        created_by: actor.userId,
        created_at: now,
      },
      rows,
    );
    await appendAudit(tx, deps.clock, actor, {
      action: 'duties.task_list.create',
      targetType: 'task_list',
      targetId: listId,
      after: { name: body.name, tasks: rows.length },
    });
    const [list] = await presentLists(tx, actor, [(await findTaskList(tx, listId))!], today);
    return list!;
  });
}

/** Every task list with its tasks, their latest report and flags (overdue, due soon). */
export async function searchTaskLists(deps: Deps, actor: Actor): Promise<TaskList[]> {
  authorize(actor, 'duties.read');
  const today = chinaDate(deps.clock.now());
  return withContext(deps.db, dbContext(actor), async (tx) => presentLists(tx, actor, await listTaskLists(tx), today));
}

/**
 * The lead unit reports progress; the task's figure, where it names a measure, is read from the
 * system. Attachments come with the report: checked (size, type by content) and stored before the
 * transaction, attached in it; a refused file names its field (`files[1]`) and nothing is saved.
 */
export async function reportTask(deps: Deps, actor: Actor, taskId: string, body: TaskReportBody): Promise<TaskReport> {
  authorize(actor, 'duties.read');
  const now = deps.clock.now();
  const today = chinaDate(now);
  const inputs = (body.files ?? []).map((f, i) => ({ data: decodeBase64(f.data, `files[${i}].data`), filename: f.filename }));
  const prepared = await prepareFiles(deps, { owner: TASK_REPORT_FILES, usage: 'attachment', field: 'files' }, inputs);
  await saveBlobs(deps, prepared);
  await freshenMeasures(deps);
  return withContext(deps.db, dbContext(actor), async (tx) => {
    const task = await findTask(tx, taskId);
    if (!task) throw notFound('任务', taskId);
    const lead = task.lead_region_code ? await findRegionForUpdate(tx, task.lead_region_code) : undefined;
    if (!leads(actor, task, lead?.path ?? null)) throw forbidden('duties.task.report');
    let figure: number | null = null;
    const measure = task.measure_id ? findMeasure(task.measure_id) : undefined;
    if (measure) {
      // The lead region's figure; a department's task reads the whole area the list was issued for.
      const areaRow = lead ? { code: lead.code, path: lead.path } : { code: 'list', path: task.path };
      const figures = await computeMeasures(tx, [measure], [areaRow], periodBounds(`${today.slice(0, 4)}-01-01`, today), now);
      figure = figures.get(measure.id)!.get(areaRow.code)?.value ?? null;
    }
    const id = uuidv7();
    await insertTaskReport(tx, {
      id,
      task_id: task.id,
      status: body.status,
      progress: body.progress.trim(),
      figure,
      reported_by: actor.userId,
      reporter_name: actor.displayName,
      created_at: now,
    });
    const files = (await attachFiles(tx, deps, actor, { owner: TASK_REPORT_FILES, ownerId: id, usage: 'attachment', field: 'files' }, prepared)).map(
      presentReportFile,
    );
    await appendAudit(tx, deps.clock, actor, {
      action: 'duties.task.report',
      targetType: 'task',
      targetId: task.id,
      after: { reportId: id, status: body.status, figure, files: files.map((f) => ({ id: f.id, filename: f.filename })) },
    });
    return {
      id,
      taskId: task.id,
      status: body.status,
      progress: body.progress.trim(),
      figure,
      reporterName: actor.displayName,
      createdAt: toOffsetIso(now),
      files,
    };
  });
}

/**
 * What a ledger is generated from, read once for either format: the list with its tasks and their
 * latest state, and every report of the list with its attachments. The download is audited (one
 * action for both formats, the format in the details).
 */
async function readLedger(deps: Deps, actor: Actor, listId: string, format: 'xlsx' | 'pdf'): Promise<Ledger> {
  authorize(actor, 'duties.read');
  const now = deps.clock.now();
  const today = chinaDate(now);
  return withContext(deps.db, dbContext(actor), async (tx) => {
    const row = await findTaskList(tx, listId);
    if (!row) throw notFound('任务清单', listId);
    const [list] = await presentLists(tx, actor, [row], today);
    await appendAudit(tx, deps.clock, actor, { action: 'duties.ledger.export', targetType: 'task_list', targetId: listId, details: { format } });
    const rows = await listTaskReports(tx, listId);
    const files = await reportFiles(
      tx,
      rows.map((r) => r.id),
    );
    const reports: TaskReport[] = rows.map((r) => ({
      id: r.id,
      taskId: r.task_id,
      status: r.status,
      progress: r.progress,
      figure: r.figure === null ? null : Number(r.figure),
      reporterName: r.reporter_name,
      createdAt: toOffsetIso(r.created_at),
      files: files.get(r.id) ?? [],
    }));
    return { list: list!, reports, today, generatedAt: toOffsetIso(now) };
  });
}

/** The ledger (工作台账) of a list, generated from the tasks and their reports: nothing typed twice. */
export async function exportLedger(deps: Deps, actor: Actor, listId: string): Promise<{ name: string; file: Buffer }> {
  const { list, reports, today } = await readLedger(deps, actor, listId, 'xlsx');
  const seqOf = new Map(list.tasks.map((t) => [t.id, t]));
  const file = await buildWorkbook([
    {
      name: '工作台账',
      columns: ['序号', '措施', '任务', '牵头单位', '配合单位', '完成时限', '进展', '最新情况', '系统数据', '最近报告', '是否超期'],
      widths: [6, 8, 40, 20, 24, 12, 12, 50, 10, 20, 8],
      rows: list.tasks.map((t) => [
        t.seq,
        t.measureNo,
        t.title,
        t.leadUnit,
        t.coUnits.join('、'),
        t.dueOn,
        t.status ? TASK_STATUS_NAMES[t.status] : '未报告',
        t.lastProgress ?? '',
        t.lastFigure,
        t.lastReportedAt ? t.lastReportedAt.slice(0, 16).replace('T', ' ') : '',
        t.overdue ? '超期' : '',
      ]),
    },
    {
      name: '进展报告',
      columns: ['序号', '任务', '报告时间', '报告人', '进展', '情况', '系统数据', '附件'],
      widths: [6, 40, 20, 20, 12, 60, 10, 40],
      rows: reports.map((r) => {
        const t = seqOf.get(r.taskId)!;
        return [
          t.seq,
          t.title,
          r.createdAt.slice(0, 16).replace('T', ' '),
          r.reporterName,
          TASK_STATUS_NAMES[r.status],
          r.progress,
          r.figure,
          r.files.map((f) => f.filename).join('、'),
        ];
      }),
    },
  ]);
  return { name: `${list.name}-工作台账-${today}.xlsx`, file };
}

/** The same ledger as a PDF (A4 landscape): one block per task, then its reports; the same checks and audit. */
export async function exportLedgerPdf(deps: Deps, actor: Actor, listId: string): Promise<{ name: string; file: Buffer }> {
  const ledger = await readLedger(deps, actor, listId, 'pdf');
  return { name: `${ledger.list.name}-工作台账-${ledger.today}.pdf`, file: await ledgerPdf(ledger) };
}

function presentFormalism(r: {
  id: string;
  region_code: string;
  region_name: string;
  content: string;
  anonymous: boolean;
  status: 'open' | 'answered';
  answer: string | null;
  answered_at: Date | null;
  created_at: Date;
}): FormalismReport {
  return {
    id: r.id,
    regionCode: r.region_code,
    regionName: r.region_name,
    content: r.content,
    anonymous: r.anonymous,
    status: r.status,
    answer: r.answer,
    answeredAt: r.answered_at ? toOffsetIso(r.answered_at) : null,
    createdAt: toOffsetIso(r.created_at),
  };
}

/**
 * A formalism problem reported to the county (形式主义问题反映). Anonymous reports keep no reporter,
 * and their audit record names no account either: it is written as an anonymous actor.
 */
export async function submitFormalismReport(deps: Deps, actor: Actor, body: FormalismReportBody): Promise<{ id: string }> {
  if (actor.role === 'anonymous' || actor.role === 'resident') throw forbidden('duties.formalism.report');
  const now = deps.clock.now();
  return withContext(deps.db, dbContext(actor), async (tx) => {
    const region = await findRegionForUpdate(tx, body.regionCode);
    if (!region || !['county', 'township', 'village'].includes(region.level)) throw invalidField('regionCode', '请选择发生问题的乡镇或村（社区）');
    const id = uuidv7();
    await insertFormalismReport(tx, {
      id,
      region_code: region.code,
      path: region.path,
      content: body.content.trim(),
      anonymous: body.anonymous,
      reporter_id: body.anonymous ? null : actor.userId,
      status: 'open',
      created_at: now,
    });
    await appendAudit(tx, deps.clock, body.anonymous ? anonymousActor(null) : actor, {
      action: 'duties.formalism.report',
      targetType: 'formalism_report',
      targetId: id,
    });
    return { id };
  });
}

export async function searchFormalismReports(deps: Deps, actor: Actor): Promise<FormalismReport[]> {
  authorize(actor, 'duties.read');
  return withContext(deps.db, dbContext(actor), async (tx) => (await listFormalismReports(tx, 200)).map(presentFormalism));
}

export async function answerFormalism(deps: Deps, actor: Actor, id: string, answer: string): Promise<void> {
  authorize(actor, 'duties.manage');
  const now = deps.clock.now();
  await withContext(deps.db, dbContext(actor), async (tx) => {
    if ((await answerFormalismReport(tx, id, { answer: answer.trim(), answered_by: actor.userId, answered_at: now })) === 0) {
      throw new AppError('CONFLICT', '问题不存在或已答复', { field: 'id' });
    }
    await appendAudit(tx, deps.clock, actor, { action: 'duties.formalism.answer', targetType: 'formalism_report', targetId: id, after: { answer } });
  });
}
