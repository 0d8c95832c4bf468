import { uuidv7 } from 'uuidv7';
import { SYSTEM_ACTOR, dbContext } from '../../platform/actor.js';
import { appendAudit } from '../../platform/audit/service.js';
import { withContext } from '../../platform/db/context.js';
import type { Deps } from '../../platform/deps.js';
import { AppError, alreadyExists, duplicateAs, invalidField } from '../../platform/errors.js';
import { chinaDate } from '../../platform/time.js';
import { findRegionForUpdate, isWithin } from '../regions/index.js';
import type { FollowUpResult, MyContributions, MyRating, RateBody, RatingResults, RatingSummary, ResidentProject } from './rating-schema.js';
import {
  findHouseholdRating,
  findProject,
  followUpCandidates,
  householdContributions,
  householdRatings,
  insertFollowUp,
  insertRating,
  listVillageProjects,
  ratingComments,
  ratingSummaries,
  type RatedProjectRow,
  type SummaryRow,
} from './rating-store.js';
import { readResidentPass, residentActor, type ResidentPass } from './resident-pass.js';

// 效果共评 ("项目好不好，群众说了算"): each household of the village rates a completed project once,
// 1–5 with an optional comment, within the project's window (China dates, both ends included).
// Results are public without names. A project whose window has closed with an average below 3.0
// gets one follow-up proposal for its village (raiseLowScoreFollowUps, run by a periodic job).

/** Below this average, a closed window raises a follow-up proposal. */
export const LOW_SCORE = 3.0;
/** Comments shown with a project's public results (newest first). */
const COMMENTS_SHOWN = 50;

const round2 = (n: number) => Math.round(n * 100) / 100;

export function toSummary(row: SummaryRow | undefined): RatingSummary {
  if (!row || row.n === 0) return { count: 0, average: null, distribution: [0, 0, 0, 0, 0] };
  return { count: row.n, average: round2(row.total / row.n), distribution: [row.s1, row.s2, row.s3, row.s4, row.s5] };
}

/** Within the window today: completed, and opens ≤ today ≤ closes. */
function windowOpen(p: RatedProjectRow, today: string): boolean {
  return p.status === 'completed' && !!p.rating_opens_on && !!p.rating_closes_on && p.rating_opens_on <= today && today <= p.rating_closes_on;
}

/** The pass sent with the call, which must be for the village in the address. */
export function passForVillage(deps: Deps, token: string | undefined, villageCode: string): ResidentPass {
  const pass = readResidentPass(deps, token);
  if (pass.villageCode !== villageCode) throw new AppError('UNAUTHENTICATED', '身份凭证不是本村（社区）的，请重新核验', { field: 'pass' });
  return pass;
}

const myRating = (r: { score: number; comment: string | null; created_at: Date | string }): MyRating => ({
  score: r.score,
  comment: r.comment,
  date: chinaDate(r.created_at),
});

/** The village's projects for the resident's card, with the household's own rating. */
export async function residentProjects(deps: Deps, token: string | undefined, villageCode: string): Promise<ResidentProject[]> {
  const pass = passForVillage(deps, token, villageCode);
  const today = chinaDate(deps.clock.now());
  return withContext(deps.db, dbContext(SYSTEM_ACTOR), async (tx) => {
    const projects = await listVillageProjects(tx, pass.villagePath);
    const ids = projects.map((p) => p.id);
    const summaries = new Map((await ratingSummaries(tx, ids)).map((s) => [s.project_id, s]));
    const mine = new Map((await householdRatings(tx, pass.householdId, ids)).map((r) => [r.project_id, r]));
    return projects.map((p) => ({
      id: p.id,
      title: p.title,
      status: p.status as ResidentProject['status'],
      progress: p.progress,
      startedOn: p.started_on,
      completedOn: p.completed_on,
      ratingOpensOn: p.rating_opens_on,
      ratingClosesOn: p.rating_closes_on,
      ratingOpen: windowOpen(p, today),
      summary: toSummary(summaries.get(p.id)),
      myRating: mine.has(p.id) ? myRating(mine.get(p.id)!) : null,
    }));
  });
}

/** A resident rates a completed project of their village for their household; audited as the resident. */
export async function rateProject(
  deps: Deps,
  token: string | undefined,
  villageCode: string,
  projectId: string,
  body: RateBody,
  clientIp: string | null,
): Promise<MyRating> {
  const pass = passForVillage(deps, token, villageCode);
  if (!pass.adult) throw invalidField('pass', '未满十八周岁的居民不能代表本户评价');
  const now = deps.clock.now();
  const today = chinaDate(now);
  const comment = body.comment?.trim() || null;
  try {
    return await withContext(deps.db, dbContext(SYSTEM_ACTOR), async (tx) => {
      const project = await findProject(tx, projectId);
      if (!project || !isWithin(project.path, pass.villagePath)) throw invalidField('projectId', '不是本村（社区）的项目，不能评价');
      if (project.status !== 'completed') throw invalidField('projectId', '项目尚未完工，还不能评价');
      if (!windowOpen(project, today)) {
        const window = project.rating_opens_on && project.rating_closes_on ? `（评价期 ${project.rating_opens_on} 至 ${project.rating_closes_on}）` : '';
        throw invalidField('projectId', `不在评价期内${window}`);
      }
      if (await findHouseholdRating(tx, projectId, pass.householdId)) throw alreadyExists('household', '本户已评价过该项目（每户限评一次）');
      const id = uuidv7();
      await insertRating(tx, {
        id,
        project_id: projectId,
        path: project.path,
        household_id: pass.householdId,
        resident_id: pass.residentId,
        score: body.score,
        comment,
        synthetic: project.synthetic,
        created_at: now,
      });
      const saved = myRating({ score: body.score, comment, created_at: now });
      await appendAudit(tx, deps.clock, residentActor(pass, clientIp), {
        action: 'cocreation.rating.create',
        targetType: 'cocreation_rating',
        targetId: id,
        after: { projectId, score: body.score, comment },
      });
      return saved;
    });
  } catch (err) {
    // Two members of one household at the same moment: the unique index answers the second.
    throw duplicateAs(err, 'household', '本户已评价过该项目（每户限评一次）');
  }
}

/** A project's public results: count, average, distribution and comments, no names. */
export async function projectRatings(deps: Deps, villageCode: string, projectId: string): Promise<RatingResults> {
  return withContext(deps.db, dbContext(SYSTEM_ACTOR), async (tx) => {
    const village = await findRegionForUpdate(tx, villageCode);
    const project = await findProject(tx, projectId);
    if (!village || village.level !== 'village' || !project || !isWithin(project.path, village.path) || project.status === 'cancelled') {
      throw new AppError('NOT_FOUND', '项目不存在', { field: 'projectId' });
    }
    const [summary] = await ratingSummaries(tx, [projectId]);
    const comments = await ratingComments(tx, [projectId], COMMENTS_SHOWN);
    return {
      title: project.title,
      ratingOpensOn: project.rating_opens_on,
      ratingClosesOn: project.rating_closes_on,
      summary: toSummary(summary),
      comments: comments.map((c) => ({ score: c.score, comment: c.comment, date: c.date })),
    };
  });
}

/** The pass's household's own entries on the village's projects (amounts shown to it alone). */
export async function myContributions(deps: Deps, token: string | undefined, villageCode: string): Promise<MyContributions> {
  const pass = passForVillage(deps, token, villageCode);
  return withContext(deps.db, dbContext(SYSTEM_ACTOR), async (tx) => {
    const rows = await householdContributions(tx, pass.householdId, pass.villagePath);
    const entries = rows.map((r) => ({
      projectTitle: r.project_title,
      kind: r.kind,
      amount: r.amount === null ? null : Number(r.amount),
      labourDays: r.labour_days === null ? null : Number(r.labour_days),
      areaM2: r.area_m2 === null ? null : Number(r.area_m2),
      description: r.description,
      valueYuan: Number(r.value_yuan),
      receiptNo: r.receipt_no,
      contributedOn: r.contributed_on,
    }));
    const sum = (f: (e: (typeof entries)[number]) => number | null) => round2(entries.reduce((s, e) => s + (f(e) ?? 0), 0));
    return {
      entries,
      totals: {
        money: sum((e) => (e.kind === 'money' ? e.amount : 0)),
        labourDays: sum((e) => e.labourDays),
        areaM2: sum((e) => (e.kind === 'land' ? e.areaM2 : 0)),
        valueYuan: sum((e) => e.valueYuan),
      },
    };
  });
}

/**
 * The periodic job: for every completed project whose window closed before today (China date)
 * with an average below 3.0, one open proposal "对《项目名》评价较低的跟进" in its village.
 * Idempotent: a project has at most one follow-up (a unique index), so reruns raise nothing new.
 */
export async function raiseLowScoreFollowUps(deps: Deps): Promise<FollowUpResult> {
  const now = deps.clock.now();
  const today = chinaDate(now);
  return withContext(deps.db, dbContext(SYSTEM_ACTOR), async (tx) => {
    const raised: FollowUpResult['raised'] = [];
    for (const p of await followUpCandidates(tx, today, LOW_SCORE)) {
      const average = round2(p.total / p.n);
      const id = uuidv7();
      const title = `对《${p.title.slice(0, 88)}》评价较低的跟进`;
      const description =
        `评价期 ${p.rating_opens_on} 至 ${p.rating_closes_on}，共 ${p.n} 户评价，平均 ${average} 分（低于 ${LOW_SCORE.toFixed(1)} 分）。` +
        '请村两委了解群众不满意的原因，拿出整改或管护措施，并向群众反馈。';
      if (!(await insertFollowUp(tx, { id, region_code: p.region_code, path: p.path, title, description, synthetic: p.synthetic, follow_up_of: p.id, now }))) {
        continue;
      }
      await appendAudit(tx, deps.clock, SYSTEM_ACTOR, {
        action: 'cocreation.rating.follow_up',
        targetType: 'cocreation_proposal',
        targetId: id,
        after: { projectId: p.id, title, average, count: p.n },
      });
      raised.push({ projectId: p.id, proposalId: id, average, count: p.n });
    }
    return { raised };
  });
}
