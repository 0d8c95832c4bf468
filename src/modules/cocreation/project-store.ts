import { sql, type ColumnType, type Insertable, type Selectable } from 'kysely';
import type { Tx } from '../../platform/db/context.js';
import type { ProjectTotals } from './project-schema.js';
import type {
  BudgetSource,
  CocreationBudgetLinesTable,
  CocreationCareMembersTable,
  CocreationContributionsTable,
  CocreationMilestonesTable,
  CocreationProjectsTable,
} from './tables.js';

// The SQL of co-creation projects: projects, budget lines, the contributions ledger, milestones
// and care teams. Store functions take the transaction first; the caller's context applies RLS.

type Numeric = ColumnType<number, number | string, number | string>;

export type ProjectRow = Selectable<CocreationProjectsTable> & { village_name: string };
export type ContributionRow = Selectable<CocreationContributionsTable> & { household_name: string | null; address: string };
export type MilestoneRow = Selectable<CocreationMilestonesTable>;
export type CareMemberRow = Selectable<CocreationCareMembersTable>;
export type BudgetLineRow = Selectable<CocreationBudgetLinesTable>;
export type { Numeric };

function projects(tx: Tx) {
  return tx.selectFrom('cocreation_projects as p').innerJoin('regions as r', 'r.code', 'p.region_code').selectAll('p').select('r.name as village_name');
}

export interface ProjectFilter {
  path: string;
  status?: ProjectRow['status'];
}

/** The projects list's query: projects of a subtree, of one status if asked (the list and its export share it). */
function projectsWhere(tx: Tx, f: ProjectFilter) {
  let q = projects(tx).where(sql<boolean>`p.path <@ ${f.path}::ltree`);
  if (f.status) q = q.where('p.status', '=', f.status);
  return q;
}

export async function listProjects(tx: Tx, f: ProjectFilter): Promise<ProjectRow[]> {
  return projectsWhere(tx, f).orderBy('p.created_at', 'desc').orderBy('p.id', 'desc').limit(1000).execute();
}

/** The list's projects after a key, newest first (the export reads them so, a page at a time). */
export async function projectPage(tx: Tx, f: ProjectFilter, page: { after: { createdAt: Date; id: string } | null; limit: number }): Promise<ProjectRow[]> {
  let q = projectsWhere(tx, f);
  if (page.after) q = q.where(sql<boolean>`(p.created_at, p.id) < (${page.after.createdAt}::timestamptz, ${page.after.id}::uuid)`);
  return q.orderBy('p.created_at', 'desc').orderBy('p.id', 'desc').limit(page.limit).execute();
}

export async function findProject(tx: Tx, id: string, forUpdate = false): Promise<ProjectRow | undefined> {
  const q = projects(tx).where('p.id', '=', id);
  return (forUpdate ? q.forUpdate('p') : q).executeTakeFirst();
}

export async function insertProject(tx: Tx, row: Insertable<CocreationProjectsTable>): Promise<void> {
  await tx.insertInto('cocreation_projects').values(row).execute();
}

export async function updateProject(
  tx: Tx,
  id: string,
  patch: Partial<
    Pick<
      Insertable<CocreationProjectsTable>,
      'title' | 'plan' | 'status' | 'progress' | 'started_on' | 'completed_on' | 'rating_opens_on' | 'rating_closes_on' | 'labour_day_wage'
    >
  > & {
    updated_at: Date;
  },
): Promise<void> {
  await tx.updateTable('cocreation_projects').set(patch).where('id', '=', id).execute();
}

/** A resolution with the meeting that passed it (its path says which village). */
export async function findResolution(tx: Tx, id: string) {
  return tx
    .selectFrom('cocreation_resolutions as s')
    .innerJoin('cocreation_meetings as m', 'm.id', 's.meeting_id')
    .select(['s.id', 's.text', 's.project_id', 's.path', 'm.title as meeting_title', 'm.path as meeting_path'])
    .where('s.id', '=', id)
    .forUpdate('s')
    .executeTakeFirst();
}

export async function linkResolution(tx: Tx, resolutionId: string, projectId: string): Promise<void> {
  await tx.updateTable('cocreation_resolutions').set({ project_id: projectId }).where('id', '=', resolutionId).execute();
}

/** A vote option with its vote (status, result, path). */
export async function findVoteOption(tx: Tx, id: string) {
  return tx
    .selectFrom('cocreation_vote_options as o')
    .innerJoin('cocreation_votes as v', 'v.id', 'o.vote_id')
    .select(['o.id', 'o.label', 'v.id as vote_id', 'v.title as vote_title', 'v.status as vote_status', 'v.result', 'v.path as vote_path'])
    .where('o.id', '=', id)
    .executeTakeFirst();
}

export async function projectOfVoteOption(tx: Tx, optionId: string): Promise<string | undefined> {
  return (await tx.selectFrom('cocreation_projects').select('id').where('vote_option_id', '=', optionId).where('status', '<>', 'cancelled').executeTakeFirst())
    ?.id;
}

// ---- budget ---------------------------------------------------------------------------------

export async function listBudget(tx: Tx, projectIds: string[]): Promise<BudgetLineRow[]> {
  if (projectIds.length === 0) return [];
  return tx.selectFrom('cocreation_budget_lines').selectAll().where('project_id', 'in', projectIds).orderBy('source').execute();
}

/** Writes one line per source (no DELETE on budget lines: a source left out is set to 0). */
export async function upsertBudgetLines(tx: Tx, rows: Insertable<CocreationBudgetLinesTable>[]): Promise<void> {
  if (rows.length === 0) return;
  await tx
    .insertInto('cocreation_budget_lines')
    .values(rows)
    .onConflict((oc) => oc.columns(['project_id', 'source']).doUpdateSet({ amount: sql`excluded.amount`, note: sql`excluded.note` }))
    .execute();
}

// ---- contributions ----------------------------------------------------------------------------

/** A registry household with its village (to check it belongs to the project's village). */
export async function findHousehold(tx: Tx, id: string) {
  return tx.selectFrom('households').select(['id', 'village_code', 'status', 'path']).where('id', '=', id).executeTakeFirst();
}

function contributions(tx: Tx) {
  return tx
    .selectFrom('cocreation_contributions as c')
    .innerJoin('households as h', 'h.id', 'c.household_id')
    .leftJoin('residents as hr', 'hr.id', 'h.head_resident_id')
    .selectAll('c')
    .select(['hr.name as household_name', 'h.address']);
}

export async function listContributions(tx: Tx, projectId: string): Promise<ContributionRow[]> {
  return contributions(tx)
    .where('c.project_id', '=', projectId)
    .orderBy('c.contributed_on', 'desc')
    .orderBy('c.recorded_at', 'desc')
    .orderBy('c.id', 'desc')
    .execute();
}

export async function findContribution(tx: Tx, id: string): Promise<ContributionRow | undefined> {
  return contributions(tx).where('c.id', '=', id).forUpdate('c').executeTakeFirst();
}

export async function insertContribution(tx: Tx, row: Insertable<CocreationContributionsTable>): Promise<void> {
  await tx.insertInto('cocreation_contributions').values(row).execute();
}

export async function voidContribution(tx: Tx, id: string, v: { voided_at: Date; voided_by: string | null; void_reason: string }): Promise<void> {
  await tx.updateTable('cocreation_contributions').set(v).where('id', '=', id).execute();
}

/** Whether a counted money entry of the project already carries this receipt number. */
export async function receiptTaken(tx: Tx, projectId: string, receiptNo: string): Promise<boolean> {
  const row = await tx
    .selectFrom('cocreation_contributions')
    .select('id')
    .where('project_id', '=', projectId)
    .where('kind', '=', 'money')
    .where('receipt_no', '=', receiptNo)
    .where('voided_at', 'is', null)
    .executeTakeFirst();
  return row !== undefined;
}

/** Labour is valued at the project's daily wage: a new wage revalues every labour entry. */
export async function revalueLabour(tx: Tx, projectId: string, wage: number): Promise<void> {
  await tx
    .updateTable('cocreation_contributions')
    .set({ value_yuan: sql`round(labour_days * ${wage}::numeric, 2)` })
    .where('project_id', '=', projectId)
    .where('kind', '=', 'labour')
    .execute();
}

/**
 * The ledger summed per project, voided entries left out (for the projects pages, the public
 * disclosure page and the measures). money = Σ amount of money entries; labourDays = Σ
 * labour_days; labourValue, landValue, materialsValue = Σ value_yuan of that kind; valueSaved =
 * labourValue + landValue + materialsValue; budget = Σ budget lines; bySource: each budget line,
 * with the money received from households against 'residents'. Runs in the caller's context.
 */
export async function projectTotals(tx: Tx, projectIds: string[]): Promise<Map<string, ProjectTotals>> {
  const out = new Map<string, ProjectTotals>();
  if (projectIds.length === 0) return out;
  const sums = await tx
    .selectFrom('cocreation_contributions')
    .select([
      'project_id',
      sql<number>`coalesce(sum(amount) FILTER (WHERE kind = 'money'), 0)::numeric`.as('money'),
      sql<number>`coalesce(sum(labour_days) FILTER (WHERE kind = 'labour'), 0)::numeric`.as('labour_days'),
      sql<number>`coalesce(sum(value_yuan) FILTER (WHERE kind = 'labour'), 0)::numeric`.as('labour_value'),
      sql<number>`coalesce(sum(area_m2) FILTER (WHERE kind = 'land'), 0)::numeric`.as('land_area'),
      sql<number>`coalesce(sum(value_yuan) FILTER (WHERE kind = 'land'), 0)::numeric`.as('land_value'),
      sql<number>`coalesce(sum(value_yuan) FILTER (WHERE kind = 'materials'), 0)::numeric`.as('materials_value'),
      sql<number>`count(DISTINCT household_id)::int`.as('households'),
      sql<number>`count(*)::int`.as('entries'),
    ])
    .where('project_id', 'in', projectIds)
    .where('voided_at', 'is', null)
    .groupBy('project_id')
    .execute();
  const budget = await listBudget(tx, projectIds);
  const n = (v: unknown) => Math.round(Number(v ?? 0) * 100) / 100;
  for (const id of projectIds) {
    const s = sums.find((r) => r.project_id === id);
    const lines = budget.filter((b) => b.project_id === id);
    const money = n(s?.money);
    const labourValue = n(s?.labour_value);
    const landValue = n(s?.land_value);
    const materialsValue = n(s?.materials_value);
    out.set(id, {
      budget: n(lines.reduce((a, b) => a + Number(b.amount), 0)),
      money,
      labourDays: n(s?.labour_days),
      labourValue,
      landArea: n(s?.land_area),
      landValue,
      materialsValue,
      valueSaved: n(labourValue + landValue + materialsValue),
      households: Number(s?.households ?? 0),
      entries: Number(s?.entries ?? 0),
      bySource: lines
        .filter((b) => Number(b.amount) > 0 || b.source === 'residents')
        .map((b) => ({ source: b.source as BudgetSource, budget: n(b.amount), received: b.source === 'residents' ? money : null })),
    });
  }
  return out;
}

// ---- milestones -----------------------------------------------------------------------------

export async function insertMilestone(tx: Tx, row: Insertable<CocreationMilestonesTable>): Promise<void> {
  await tx.insertInto('cocreation_milestones').values(row).execute();
}

/** Latest first: by the day reached, then when recorded (ids are time-ordered: the tie-break). */
export async function listMilestones(tx: Tx, projectId: string): Promise<MilestoneRow[]> {
  return tx
    .selectFrom('cocreation_milestones')
    .selectAll()
    .where('project_id', '=', projectId)
    .orderBy('reached_on', 'desc')
    .orderBy('recorded_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
}

// ---- care team ------------------------------------------------------------------------------

/** A registry resident with the village of their household. */
export async function findResident(tx: Tx, id: string) {
  return tx
    .selectFrom('residents as r')
    .innerJoin('households as h', 'h.id', 'r.household_id')
    .select(['r.id', 'r.name', 'r.status', 'h.village_code'])
    .where('r.id', '=', id)
    .executeTakeFirst();
}

export async function listCareMembers(tx: Tx, projectId: string): Promise<CareMemberRow[]> {
  return tx.selectFrom('cocreation_care_members').selectAll().where('project_id', '=', projectId).orderBy('is_leader', 'desc').orderBy('name').execute();
}

export async function findCareMember(tx: Tx, projectId: string, id: string): Promise<CareMemberRow | undefined> {
  return tx.selectFrom('cocreation_care_members').selectAll().where('project_id', '=', projectId).where('id', '=', id).executeTakeFirst();
}

export async function insertCareMember(tx: Tx, row: Insertable<CocreationCareMembersTable>): Promise<void> {
  await tx.insertInto('cocreation_care_members').values(row).execute();
}

export async function clearCareLeader(tx: Tx, projectId: string): Promise<void> {
  await tx.updateTable('cocreation_care_members').set({ is_leader: false }).where('project_id', '=', projectId).where('is_leader', '=', true).execute();
}

export async function deleteCareMember(tx: Tx, id: string): Promise<void> {
  await tx.deleteFrom('cocreation_care_members').where('id', '=', id).execute();
}
