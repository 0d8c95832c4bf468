import { uuidv7 } from 'uuidv7';
import { can } from '../../platform/accounts/policy.js';
import { dbContext, type Actor } from '../../platform/actor.js';
import { appendAudit } from '../../platform/audit/service.js';
import { withContext, type Tx } from '../../platform/db/context.js';
import type { Deps } from '../../platform/deps.js';
import { alreadyExists, invalidField, notFound, outOfScope } from '../../platform/errors.js';
import { attachFiles, decodeBase64, listOwnerFiles, prepareFiles, saveBlobs } from '../../platform/files/index.js';
import { chinaDate, toOffsetIso } from '../../platform/time.js';
import { findRegionForUpdate, isWithin } from '../regions/index.js';
import { authorize, inScope } from './policy.js';
import { MILESTONE_FILES, presentMilestonePhoto } from './project-files.js';
import type {
  BudgetBody,
  Contribution,
  CreateProjectBody,
  MilestoneBody,
  ProjectDetail,
  ProjectListItem,
  ProjectQuery,
  ProjectStatusBody,
  UpdateProjectBody,
} from './project-schema.js';
import * as store from './project-store.js';
import type { Tally } from './vote-schema.js';

// 发展共建: a project decided by the village (a meeting's resolution and/or the winning option of
// a closed vote), its plan and budget by source, its status (planned → building → completed, or
// cancelled), milestones with photos. The ledger is contribution-service.ts, the care team
// care-service.ts.

/** Yuan per labour day when the project sets none. */
export const DEFAULT_LABOUR_DAY_WAGE = 150;
/** Days residents may rate a completed project, from its completion day, unless the cadre sets the window. */
export const RATING_WINDOW_DAYS = 15;

export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

/** Whether a closed vote's tally (vote-tally.ts) makes this option the winner: it passed, and no tie. */
export function optionWon(result: Tally | null, optionId: string): boolean {
  return !!result && result.passed === true && result.winnerOptionId === optionId;
}

/** The project, if the actor's scope holds it; otherwise not found (the answer does not say which). */
export async function projectInScope(tx: Tx, actor: Actor, id: string, forUpdate = false): Promise<store.ProjectRow> {
  const p = await store.findProject(tx, id, forUpdate);
  if (!p || !inScope(actor, p.path)) throw notFound('项目', id);
  return p;
}

/** A project that may still change: not cancelled (and, for `notCompleted`, not completed). */
export function assertOpen(p: store.ProjectRow, field: string, notCompleted = false): void {
  if (p.status === 'cancelled') throw invalidField(field, '项目已取消，不能再修改');
  if (notCompleted && p.status === 'completed') throw invalidField(field, '项目已竣工，不能再修改');
}

export function listItem(p: store.ProjectRow, totals: Map<string, ProjectListItem['totals']>): ProjectListItem {
  return {
    id: p.id,
    regionCode: p.region_code,
    villageName: p.village_name,
    title: p.title,
    status: p.status,
    progress: p.progress,
    startedOn: p.started_on,
    completedOn: p.completed_on,
    totals: totals.get(p.id)!,
  };
}

/** One ledger entry as the cadre sees it (the household by its head's name and address). */
export function presentContribution(c: store.ContributionRow): Contribution {
  const num = (v: number | null) => (v === null ? null : Number(v));
  return {
    id: c.id,
    householdId: c.household_id,
    householdName: c.household_name ?? '',
    address: c.address,
    kind: c.kind,
    amount: num(c.amount),
    labourDays: num(c.labour_days),
    areaM2: num(c.area_m2),
    description: c.description,
    valueYuan: Number(c.value_yuan),
    receiptNo: c.receipt_no,
    contributedOn: c.contributed_on,
    recordedAt: toOffsetIso(c.recorded_at),
    voidedAt: c.voided_at ? toOffsetIso(c.voided_at) : null,
    voidReason: c.void_reason,
  };
}

/** The project as the detail page shows it; the ledger entry by entry only for those who keep it. */
export async function presentProject(tx: Tx, actor: Actor, p: store.ProjectRow): Promise<ProjectDetail> {
  const totals = await store.projectTotals(tx, [p.id]);
  const resolution = await tx
    .selectFrom('cocreation_resolutions as s')
    .innerJoin('cocreation_meetings as m', 'm.id', 's.meeting_id')
    .select(['s.id', 's.text', 'm.title'])
    .where(p.resolution_id ? 's.id' : 's.project_id', '=', p.resolution_id ?? p.id)
    .executeTakeFirst();
  const option = p.vote_option_id ? await store.findVoteOption(tx, p.vote_option_id) : undefined;
  const keeper = can(actor, 'cocreation.edit');
  const milestones = await store.listMilestones(tx, p.id);
  return {
    ...listItem(p, totals),
    plan: p.plan,
    labourDayWage: Number(p.labour_day_wage),
    ratingOpensOn: p.rating_opens_on,
    ratingClosesOn: p.rating_closes_on,
    resolution: resolution ? { id: resolution.id, text: resolution.text, meetingTitle: resolution.title } : null,
    voteOption: option ? { id: option.id, label: option.label, voteTitle: option.vote_title } : null,
    budget: (await store.listBudget(tx, [p.id])).map((b) => ({ source: b.source, amount: Number(b.amount), note: b.note })),
    contributions: keeper ? (await store.listContributions(tx, p.id)).map(presentContribution) : null,
    milestones: await Promise.all(
      milestones.map(async (m) => ({
        id: m.id,
        title: m.title,
        progress: m.progress,
        note: m.note,
        reachedOn: m.reached_on,
        recordedAt: toOffsetIso(m.recorded_at),
        photos: (await listOwnerFiles(tx, MILESTONE_FILES, m.id, 'photo')).map(presentMilestonePhoto),
      })),
    ),
    careMembers: (await store.listCareMembers(tx, p.id)).map((c) => ({
      id: c.id,
      residentId: c.resident_id,
      name: c.name,
      duty: c.duty,
      roster: c.roster,
      isLeader: c.is_leader,
    })),
    editable: keeper,
  };
}

/** Writes an audit row for a project write and returns the project as it now is. */
export async function savedProject(deps: Deps, tx: Tx, actor: Actor, id: string, action: string, before: unknown, after: unknown): Promise<ProjectDetail> {
  await appendAudit(tx, deps.clock, actor, { action, targetType: 'cocreation_project', targetId: id, before: before ?? undefined, after });
  return presentProject(tx, actor, (await store.findProject(tx, id))!);
}

/** The region the projects list is about: the one asked for (400 outside scope) or the actor's own. */
export async function projectRegion(tx: Tx, actor: Actor, regionCode: string | undefined): Promise<{ code: string; name: string; path: string }> {
  const region = await findRegionForUpdate(tx, regionCode ?? actor.regionCode);
  if (!region || !inScope(actor, region.path)) throw outOfScope('regionCode', '区划不存在或不在您的管理范围内');
  return region;
}

export async function searchProjects(deps: Deps, actor: Actor, q: ProjectQuery): Promise<ProjectListItem[]> {
  authorize(actor, 'cocreation.read');
  return withContext(deps.db, dbContext(actor), async (tx) => {
    const region = await projectRegion(tx, actor, q.regionCode);
    const rows = await store.listProjects(tx, { path: region.path, status: q.status });
    const totals = await store.projectTotals(
      tx,
      rows.map((r) => r.id),
    );
    return rows.map((r) => listItem(r, totals));
  });
}

export async function getProject(deps: Deps, actor: Actor, id: string): Promise<ProjectDetail> {
  authorize(actor, 'cocreation.read');
  return withContext(deps.db, dbContext(actor), async (tx) => presentProject(tx, actor, await projectInScope(tx, actor, id)));
}

function budgetRows(projectId: string, path: string, lines: BudgetBody['lines']) {
  const seen = new Set<string>();
  lines.forEach((l, i) => {
    if (seen.has(l.source)) throw invalidField(`lines[${i}].source`, '每个资金来源只能有一行');
    seen.add(l.source);
  });
  return lines.map((l) => ({ project_id: projectId, path, source: l.source, amount: l.amount.toFixed(2), note: l.note?.trim() || null }));
}

/** A project of a village, from a resolution of its meetings and/or the winning option of its closed vote. */
export async function createProject(deps: Deps, actor: Actor, body: CreateProjectBody): Promise<ProjectDetail> {
  authorize(actor, 'cocreation.edit');
  if (!body.resolutionId && !body.voteOptionId) throw invalidField('resolutionId', '项目须来自议事决议或表决胜出的选项（项目建不建，群众拿意见）');
  const now = deps.clock.now();
  return withContext(deps.db, dbContext(actor), async (tx) => {
    const village = await findRegionForUpdate(tx, body.villageCode);
    if (!village || !inScope(actor, village.path)) throw outOfScope('villageCode', '村（社区）不存在或不在您的管理范围内');
    if (village.level !== 'village') throw invalidField('villageCode', '请选择村（社区）');
    const id = uuidv7();
    const resolution = body.resolutionId ? await store.findResolution(tx, body.resolutionId) : undefined;
    if (body.resolutionId) {
      if (!resolution || !isWithin(resolution.meeting_path, village.path)) throw invalidField('resolutionId', '决议不存在或不是本村议事会议作出的');
      if (resolution.project_id) throw invalidField('resolutionId', '这项决议已立项');
    }
    if (body.voteOptionId) {
      const option = await store.findVoteOption(tx, body.voteOptionId);
      if (!option || !isWithin(option.vote_path, village.path)) throw invalidField('voteOptionId', '表决选项不存在或不是本村的表决');
      if (option.vote_status !== 'closed') throw invalidField('voteOptionId', '表决尚未结束，不能据此立项');
      if (!optionWon(option.result as Tally | null, option.id)) throw invalidField('voteOptionId', '该选项没有在表决中胜出');
      if (await store.projectOfVoteOption(tx, option.id)) throw alreadyExists('voteOptionId', '该选项已立项');
    }
    const lines = budgetRows(id, village.path, body.budget ?? []);
    await store.insertProject(tx, {
      id,
      region_code: village.code,
      path: village.path,
      resolution_id: body.resolutionId ?? null,
      vote_option_id: body.voteOptionId ?? null,
      title: body.title.trim(),
      plan: body.plan?.trim() || null,
      labour_day_wage: body.labourDayWage ?? DEFAULT_LABOUR_DAY_WAGE,
      created_by: actor.userId,
      created_at: now,
      updated_at: now,
    });
    if (resolution) await store.linkResolution(tx, resolution.id, id);
    await store.upsertBudgetLines(tx, lines);
    return savedProject(deps, tx, actor, id, 'cocreation.project.create', null, { ...body, id });
  });
}

/** Title, plan, the labour-day wage (labour entries revalued), and a completed project's rating window. */
export async function updateProjectPlan(deps: Deps, actor: Actor, id: string, body: UpdateProjectBody): Promise<ProjectDetail> {
  authorize(actor, 'cocreation.edit');
  return withContext(deps.db, dbContext(actor), async (tx) => {
    const p = await projectInScope(tx, actor, id, true);
    assertOpen(p, Object.keys(body)[0] ?? 'title');
    const windowed = body.ratingOpensOn !== undefined || body.ratingClosesOn !== undefined;
    if (windowed && p.status !== 'completed') throw invalidField(body.ratingOpensOn ? 'ratingOpensOn' : 'ratingClosesOn', '项目竣工后才能设定评议时间');
    const opens = body.ratingOpensOn ?? p.rating_opens_on;
    const closes = body.ratingClosesOn ?? p.rating_closes_on;
    if (windowed) checkWindow(p.completed_on!, opens!, closes!);
    await store.updateProject(tx, id, {
      title: body.title?.trim() ?? p.title,
      plan: body.plan !== undefined ? body.plan.trim() || null : p.plan,
      labour_day_wage: body.labourDayWage ?? p.labour_day_wage,
      rating_opens_on: opens,
      rating_closes_on: closes,
      updated_at: deps.clock.now(),
    });
    if (body.labourDayWage !== undefined && body.labourDayWage !== Number(p.labour_day_wage)) await store.revalueLabour(tx, id, body.labourDayWage);
    const before = {
      title: p.title,
      plan: p.plan,
      labourDayWage: Number(p.labour_day_wage),
      ratingOpensOn: p.rating_opens_on,
      ratingClosesOn: p.rating_closes_on,
    };
    return savedProject(deps, tx, actor, id, 'cocreation.project.update', before, body);
  });
}

function checkWindow(completedOn: string, opens: string, closes: string): void {
  if (opens < completedOn) throw invalidField('ratingOpensOn', '评议开始日期不能早于竣工日期');
  if (closes < opens) throw invalidField('ratingClosesOn', '评议截止日期不能早于开始日期');
}

/** planned → building → completed (rating window set), or planned/building → cancelled with a reason. */
export async function changeProjectStatus(deps: Deps, actor: Actor, id: string, body: ProjectStatusBody): Promise<ProjectDetail> {
  authorize(actor, 'cocreation.edit');
  const today = chinaDate(deps.clock.now());
  const on = body.on ?? today;
  if (on > today) throw invalidField('on', '日期不能晚于今天');
  return withContext(deps.db, dbContext(actor), async (tx) => {
    const p = await projectInScope(tx, actor, id, true);
    const allowed = { planned: ['building', 'cancelled'], building: ['completed', 'cancelled'], completed: [], cancelled: [] }[p.status] as string[];
    if (!allowed.includes(body.status)) throw invalidField('status', `项目当前为“${STATUS_NAME[p.status]}”，不能改为“${STATUS_NAME[body.status]}”`);
    const patch: Parameters<typeof store.updateProject>[2] = { status: body.status, updated_at: deps.clock.now() };
    if (body.status === 'building') patch.started_on = on;
    if (body.status === 'completed') {
      if (p.started_on && on < p.started_on) throw invalidField('on', '竣工日期不能早于开工日期');
      const opens = body.ratingOpensOn ?? on;
      const closes = body.ratingClosesOn ?? addDays(on, RATING_WINDOW_DAYS);
      checkWindow(on, opens, closes);
      Object.assign(patch, { completed_on: on, rating_opens_on: opens, rating_closes_on: closes });
    }
    if (body.status === 'cancelled' && !body.reason?.trim()) throw invalidField('reason', '取消项目须写明原因');
    await store.updateProject(tx, id, patch);
    return savedProject(deps, tx, actor, id, 'cocreation.project.status', { status: p.status }, { ...body, on });
  });
}

const STATUS_NAME = { planned: '计划中', building: '在建', completed: '已竣工', cancelled: '已取消' } as const;

/** The budget by source, the whole of it: a source left out is set to 0. */
export async function setProjectBudget(deps: Deps, actor: Actor, id: string, body: BudgetBody): Promise<ProjectDetail> {
  authorize(actor, 'cocreation.edit');
  return withContext(deps.db, dbContext(actor), async (tx) => {
    const p = await projectInScope(tx, actor, id, true);
    assertOpen(p, 'lines');
    const lines = budgetRows(id, p.path, body.lines);
    const before = (await store.listBudget(tx, [id])).map((b) => ({ source: b.source, amount: Number(b.amount), note: b.note }));
    const cleared = before
      .filter((b) => !lines.some((l) => l.source === b.source))
      .map((b) => ({ project_id: id, path: p.path, source: b.source, amount: 0, note: null }));
    await store.upsertBudgetLines(tx, [...lines, ...cleared]);
    await store.updateProject(tx, id, { updated_at: deps.clock.now() });
    return savedProject(deps, tx, actor, id, 'cocreation.project.budget', before, body);
  });
}

/**
 * A milestone (progress %, a note, photos): the project's progress becomes the latest milestone's.
 * Photos are checked and stored before the transaction, attached in it; a refused photo names
 * its field (`photos[1]`) and nothing is saved.
 */
export async function addMilestone(deps: Deps, actor: Actor, id: string, body: MilestoneBody): Promise<ProjectDetail> {
  authorize(actor, 'cocreation.edit');
  const now = deps.clock.now();
  if (body.reachedOn > chinaDate(now)) throw invalidField('reachedOn', '日期不能晚于今天');
  const inputs = (body.photos ?? []).map((f, i) => ({ data: decodeBase64(f.data, `photos[${i}].data`), filename: f.filename }));
  const prepared = await prepareFiles(deps, { owner: MILESTONE_FILES, usage: 'photo', field: 'photos' }, inputs);
  // Checked before the blobs are saved, so a refusal leaves nothing behind.
  await withContext(deps.db, dbContext(actor), async (tx) => checkMilestone(await projectInScope(tx, actor, id), body));
  await saveBlobs(deps, prepared);
  return withContext(deps.db, dbContext(actor), async (tx) => {
    const p = await projectInScope(tx, actor, id, true);
    checkMilestone(p, body);
    const mid = uuidv7();
    await store.insertMilestone(tx, {
      id: mid,
      project_id: id,
      path: p.path,
      title: body.title.trim(),
      progress: body.progress,
      note: body.note?.trim() || null,
      reached_on: body.reachedOn,
      recorded_by: actor.userId,
      recorded_at: now,
    });
    const photos = await attachFiles(tx, deps, actor, { owner: MILESTONE_FILES, ownerId: mid, usage: 'photo', field: 'photos' }, prepared);
    const latest = (await store.listMilestones(tx, id))[0]!;
    await store.updateProject(tx, id, { progress: latest.progress, updated_at: now });
    const after = { milestoneId: mid, title: body.title, progress: body.progress, reachedOn: body.reachedOn, photos: photos.map((f) => f.id) };
    return savedProject(deps, tx, actor, id, 'cocreation.project.milestone', { progress: p.progress }, after);
  });
}

function checkMilestone(p: store.ProjectRow, body: MilestoneBody): void {
  if (p.status !== 'building') throw invalidField('progress', '项目开工后、竣工前才能记录进度');
  if (p.started_on && body.reachedOn < p.started_on) throw invalidField('reachedOn', '日期不能早于开工日期');
}
