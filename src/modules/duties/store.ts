import { sql, type Insertable, type Selectable } from 'kysely';
import type { Tx } from '../../platform/db/context.js';
import type {
  CertificateAnswersTable,
  CertificateRulesTable,
  DutyItemsTable,
  DutyListKind,
  ReportsTable,
  ReportTemplatesTable,
  VillageDataTable,
  WorkItemsTable,
} from './tables.js';

// All SQL of the duties module. Row-level security scopes every query too (migration 0029).

export type DutyItemRow = Selectable<DutyItemsTable> & { region_name: string; department_name: string | null };
export type WorkItemRow = Selectable<WorkItemsTable> & {
  target_region_name: string;
  duty_code: string | null;
  duty_name: string | null;
  duty_list: DutyListKind | null;
};

function dutyItems(tx: Tx) {
  return tx
    .selectFrom('duty_items as d')
    .innerJoin('regions as r', 'r.code', 'd.region_code')
    .leftJoin('departments as dep', 'dep.id', 'd.department_id')
    .selectAll('d')
    .select(['r.name as region_name', 'dep.name as department_name']);
}

/** The items that apply to a region: the county's template and every adjustment on its way down. */
export async function listDutyItems(tx: Tx, f: { path: string; list?: DutyListKind; pending?: boolean }): Promise<DutyItemRow[]> {
  let q = dutyItems(tx).where(sql<boolean>`d.path @> ${f.path}::ltree`);
  if (f.pending)
    q = dutyItems(tx)
      .where(sql<boolean>`d.path <@ ${f.path}::ltree`)
      .where('d.status', '=', 'proposed');
  else q = q.where('d.status', 'in', ['active', 'retired']);
  if (f.list) q = q.where('d.list', '=', f.list);
  return q.orderBy('d.list').orderBy('d.code').execute();
}

export async function findDutyItem(tx: Tx, id: string): Promise<DutyItemRow | undefined> {
  return dutyItems(tx).where('d.id', '=', id).executeTakeFirst();
}

export async function insertDutyItems(tx: Tx, rows: Insertable<DutyItemsTable>[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500)
    await tx
      .insertInto('duty_items')
      .values(rows.slice(i, i + 500))
      .execute();
}

export async function updateDutyItem(
  tx: Tx,
  id: string,
  patch: Partial<Pick<Selectable<DutyItemsTable>, 'status' | 'effective_to' | 'approved_by' | 'decision_note'>> & { updated_at: Date },
): Promise<void> {
  await tx.updateTable('duty_items').set(patch).where('id', '=', id).execute();
}

function workItems(tx: Tx) {
  return tx
    .selectFrom('work_items as w')
    .innerJoin('regions as r', 'r.code', 'w.target_region_code')
    .leftJoin('duty_items as d', 'd.id', 'w.duty_item_id')
    .selectAll('w')
    .select(['r.name as target_region_name', 'd.code as duty_code', 'd.name as duty_name', 'd.list as duty_list']);
}

export async function insertWorkItems(tx: Tx, rows: Insertable<WorkItemsTable>[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 200)
    await tx
      .insertInto('work_items')
      .values(rows.slice(i, i + 200))
      .execute();
}

export async function findWorkItems(tx: Tx, ids: readonly string[]): Promise<WorkItemRow[]> {
  if (!ids.length) return [];
  return workItems(tx).where('w.id', 'in', ids).orderBy('r.code').execute();
}

export interface WorkItemFilter {
  box: 'sent' | 'incoming' | 'refused' | 'held';
  scopePath: string;
  senderDepartmentId?: string | null;
  senderRegionCode?: string | null;
  after?: { createdAt: Date; id: string };
  limit: number;
}

/** One page of a box, newest first, by keyset (created_at, id). */
export async function pageWorkItems(tx: Tx, f: WorkItemFilter): Promise<WorkItemRow[]> {
  let q = workItems(tx);
  if (f.box === 'sent') {
    q = f.senderDepartmentId ? q.where('w.sender_department_id', '=', f.senderDepartmentId) : q.where('w.sender_region_code', '=', f.senderRegionCode ?? '');
  } else {
    q = q.where(sql<boolean>`w.target_path <@ ${f.scopePath}::ltree`);
    if (f.box === 'incoming') q = q.where('w.status', '=', 'delivered');
    if (f.box === 'refused') q = q.where('w.status', 'in', ['refused', 'rejected']);
    if (f.box === 'held') q = q.where('w.status', '=', 'held');
  }
  if (f.after) q = q.where(sql<boolean>`(w.created_at, w.id) < (${f.after.createdAt}, ${f.after.id}::uuid)`);
  return q.orderBy('w.created_at', 'desc').orderBy('w.id', 'desc').limit(f.limit).execute();
}

export async function updateWorkItem(
  tx: Tx,
  id: string,
  patch: Partial<
    Pick<
      Selectable<WorkItemsTable>,
      'status' | 'reason' | 'approved_by' | 'approval_note' | 'exception_expires_on' | 'decided_at' | 'answered_at' | 'answered_by'
    >
  >,
): Promise<void> {
  await tx.updateTable('work_items').set(patch).where('id', '=', id).execute();
}

/** Work items by sending unit and month (China time), for the access figures. */
export async function accessCounts(tx: Tx, scopePath: string, from: Date, to: Date) {
  const { rows } = await sql<{ sender_name: string; month: string; delivered: number; refused: number; held: number; rejected: number }>`
    SELECT w.sender_name, to_char(w.created_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM') AS month,
      count(*) FILTER (WHERE w.status = 'delivered')::int AS delivered,
      count(*) FILTER (WHERE w.status = 'refused')::int AS refused,
      count(*) FILTER (WHERE w.status = 'held')::int AS held,
      count(*) FILTER (WHERE w.status = 'rejected')::int AS rejected
    FROM work_items w
    WHERE w.target_path <@ ${scopePath}::ltree AND w.created_at >= ${from} AND w.created_at < ${to}
    GROUP BY 1, 2 ORDER BY 2 DESC, 1`.execute(tx);
  return rows;
}

/** Villages (code, name, path) under a path, in code order. */
export async function villagesUnder(tx: Tx, path: string): Promise<{ code: string; name: string; path: string }[]> {
  return tx
    .selectFrom('regions')
    .select(['code', 'name', 'path'])
    .where('level', '=', 'village')
    .where(sql<boolean>`path <@ ${path}::ltree`)
    .orderBy('code')
    .execute();
}

/** Data requests still waiting for an answer, per village and datum, for a period. */
export async function openDataRequests(tx: Tx, path: string, from: string, to: string): Promise<{ target_region_code: string; keys: string[] }[]> {
  const { rows } = await sql<{ target_region_code: string; keys: string[] }>`
    SELECT w.target_region_code, array_agg(DISTINCT f->>'key') AS keys
    FROM work_items w, jsonb_array_elements(w.fields) f
    WHERE w.kind = 'data_request' AND w.status IN ('delivered', 'held') AND w.answered_at IS NULL
      AND w.target_path <@ ${path}::ltree AND w.period_from = ${from}::date AND w.period_to = ${to}::date
    GROUP BY 1`.execute(tx);
  return rows;
}

/** What villages under a path entered for the keys and period. */
export async function villageData(tx: Tx, path: string, keys: readonly string[], from: string, to: string) {
  if (!keys.length) return [];
  return tx
    .selectFrom('village_data')
    .select(['region_code', 'datum_key', 'value'])
    .where(sql<boolean>`path <@ ${path}::ltree`)
    .where('datum_key', 'in', keys)
    .where('period_from', '=', from)
    .where('period_to', '=', to)
    .execute();
}

export async function findDepartment(tx: Tx, id: string): Promise<{ id: string; name: string } | undefined> {
  return tx.selectFrom('departments').select(['id', 'name']).where('id', '=', id).executeTakeFirst();
}

export async function insertVillageData(tx: Tx, rows: Insertable<VillageDataTable>[]): Promise<void> {
  await tx.insertInto('village_data').values(rows).execute();
}

export async function listCertificateRules(tx: Tx): Promise<Selectable<CertificateRulesTable>[]> {
  return tx.selectFrom('certificate_rules').selectAll().orderBy('allowed', 'desc').orderBy('name').execute();
}

export async function insertCertificateRules(tx: Tx, rows: Insertable<CertificateRulesTable>[]): Promise<void> {
  if (rows.length) await tx.insertInto('certificate_rules').values(rows).execute();
}

export async function findCertificateRule(tx: Tx, id: string): Promise<Selectable<CertificateRulesTable> | undefined> {
  return tx.selectFrom('certificate_rules').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertCertificateAnswer(tx: Tx, row: Insertable<CertificateAnswersTable>): Promise<void> {
  await tx.insertInto('certificate_answers').values(row).execute();
}

export async function listReportTemplates(tx: Tx): Promise<Selectable<ReportTemplatesTable>[]> {
  return tx.selectFrom('report_templates').selectAll().orderBy('created_at', 'desc').execute();
}

export async function findReportTemplate(tx: Tx, id: string): Promise<Selectable<ReportTemplatesTable> | undefined> {
  return tx.selectFrom('report_templates').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertReportTemplate(tx: Tx, row: Insertable<ReportTemplatesTable>): Promise<void> {
  await tx.insertInto('report_templates').values(row).execute();
}

export async function insertReport(tx: Tx, row: Insertable<ReportsTable>): Promise<void> {
  await tx.insertInto('reports').values(row).execute();
}

export async function findReport(tx: Tx, id: string) {
  return tx
    .selectFrom('reports as p')
    .innerJoin('report_templates as t', 't.id', 'p.template_id')
    .innerJoin('regions as r', 'r.code', 'p.region_code')
    .selectAll('p')
    .select(['t.name as template_name', 't.requester', 't.fields', 'r.name as region_name'])
    .where('p.id', '=', id)
    .executeTakeFirst();
}

/** The latest reports in the actor's area (a list page; reports are few). */
export async function listReports(tx: Tx, scopePath: string, limit: number) {
  return tx
    .selectFrom('reports as p')
    .innerJoin('report_templates as t', 't.id', 'p.template_id')
    .innerJoin('regions as r', 'r.code', 'p.region_code')
    .select(['p.id', 't.name as template_name', 'r.name as region_name', 'p.period_from', 'p.period_to', 'p.created_at'])
    .where(sql<boolean>`p.path <@ ${scopePath}::ltree`)
    .orderBy('p.created_at', 'desc')
    .limit(limit)
    .execute();
}

/** The county's departments by their short code (the part after `<county>-`). */
export async function departmentsByCode(tx: Tx, regionCode: string): Promise<Map<string, string>> {
  const rows = await tx.selectFrom('departments').select(['id', 'code']).where('region_code', '=', regionCode).execute();
  return new Map(rows.map((d) => [d.code.slice(d.code.indexOf('-') + 1), d.id]));
}

/** The demo: the township the demo township account works in (its tasks are then reportable), else the first. */
export async function demoTownship(tx: Tx, countyPath: string): Promise<{ code: string; path: string }> {
  const own = await tx
    .selectFrom('users as u')
    .innerJoin('regions as r', 'r.code', 'u.region_code')
    .select(['r.code', 'r.path'])
    .where('u.username', '=', 'township')
    .where('u.role', '=', 'township_staff')
    .executeTakeFirst();
  if (own) return own;
  return tx
    .selectFrom('regions')
    .select(['code', 'path'])
    .where('level', '=', 'township')
    .where(sql<boolean>`path <@ ${countyPath}::ltree`)
    .orderBy('code')
    .executeTakeFirstOrThrow();
}
