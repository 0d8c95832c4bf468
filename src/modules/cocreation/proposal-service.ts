import { uuidv7 } from 'uuidv7';
import { dbContext, type Actor } from '../../platform/actor.js';
import { appendAudit } from '../../platform/audit/service.js';
import { withContext, type Tx } from '../../platform/db/context.js';
import type { Deps } from '../../platform/deps.js';
import { invalidField, notFound } from '../../platform/errors.js';
import { chinaDate, toOffsetIso } from '../../platform/time.js';
import {
  OPINION_ANSWER_WORKING_DAYS,
  type CreateProposalBody,
  type OpinionRates,
  type Proposal,
  type ProposalDetail,
  type ProposalQuery,
  type RateRow,
} from './opinion-schema.js';
import { presentOpinion, regionInScope, requireOpen, settleOpinion } from './opinion-service.js';
import {
  countOpinionRates,
  insertProposal,
  listOpinions,
  listProposals,
  lockOpinion,
  lockProposal,
  updateProposalStatus,
  villageOf,
  type ProposalRow,
  type RateCountsRow,
} from './opinion-store.js';
import { authorize, inScope } from './policy.js';
import type { ProposalStatus } from './tables.js';

// 议题: a matter put to a village (or a group of it) for deliberation. Cadres make one, opinions
// are grouped under it (adopting an opinion into it links it), and it moves open → deliberating
// → decided → closed, never back. The adoption and feedback rates of opinions live here too:
// they are the figures the opinions and proposals pages show.

const PROPOSAL_STATUS_NAMES: Record<ProposalStatus, string> = { open: '征集中', deliberating: '协商中', decided: '已决定', closed: '已关闭' };

/** Where each status may go: forward one step, or closed from anywhere. */
const NEXT: Record<ProposalStatus, ProposalStatus[]> = {
  open: ['deliberating', 'closed'],
  deliberating: ['decided', 'closed'],
  decided: ['closed'],
  closed: [],
};

function presentProposal(r: ProposalRow): Proposal {
  return {
    id: r.id,
    regionCode: r.region_code,
    regionName: r.region_name,
    title: r.title,
    description: r.description,
    status: r.status,
    opinionCount: r.opinion_count,
    createdAt: toOffsetIso(r.created_at),
    updatedAt: toOffsetIso(r.updated_at),
  };
}

async function detail(tx: Tx, scopePath: string, id: string, today: string): Promise<ProposalDetail> {
  const [row] = await listProposals(tx, { scopePath, id, limit: 1 });
  if (!row) throw notFound('议题', id);
  const opinions = await listOpinions(tx, { scopePath, today, proposalId: id, limit: 500 });
  return { ...presentProposal(row), opinions: opinions.map((o) => presentOpinion(o, today)) };
}

export async function searchProposals(deps: Deps, actor: Actor, q: ProposalQuery): Promise<Proposal[]> {
  authorize(actor, 'cocreation.read');
  return withContext(deps.db, dbContext(actor), async (tx) => {
    const scopePath = q.regionCode ? (await regionInScope(tx, actor, q.regionCode)).path : actor.scopePath;
    return (await listProposals(tx, { scopePath, status: q.status, limit: q.limit })).map(presentProposal);
  });
}

export async function getProposal(deps: Deps, actor: Actor, id: string): Promise<ProposalDetail> {
  authorize(actor, 'cocreation.read');
  const today = chinaDate(deps.clock.now());
  return withContext(deps.db, dbContext(actor), (tx) => detail(tx, actor.scopePath, id, today));
}

/** A cadre puts a matter to a village or group; open opinions of the village named may be adopted into it at once. */
export async function createProposal(deps: Deps, actor: Actor, body: CreateProposalBody): Promise<ProposalDetail> {
  authorize(actor, 'cocreation.edit');
  const now = deps.clock.now();
  const today = chinaDate(now);
  const title = body.title.trim();
  if (!title) throw invalidField('title', '请填写议题名称');
  return withContext(deps.db, dbContext(actor), async (tx) => {
    const region = await regionInScope(tx, actor, body.regionCode);
    if (region.level !== 'village' && region.level !== 'group') throw invalidField('regionCode', '议题须属于村（社区）或其下的村民小组（小区）');
    const village = await villageOf(tx, region.path);
    if (!village) throw invalidField('regionCode', '议题须属于村（社区）或其下的村民小组（小区）');
    // Check every opinion before writing anything: a refusal leaves no proposal behind.
    const opinions = [];
    for (const oid of body.opinionIds ?? []) {
      const o = await lockOpinion(tx, oid);
      if (!o || !inScope(actor, o.path)) throw invalidField('opinionIds', '意见建议不存在或不在您的管理范围内');
      if (o.path !== village.path) throw invalidField('opinionIds', '只能纳入本村（社区）的意见建议');
      requireOpen(o, 'opinionIds');
      opinions.push(o);
    }
    const id = uuidv7();
    const description = body.description?.trim() || null;
    await insertProposal(tx, {
      id,
      region_code: region.code,
      path: region.path,
      title,
      description,
      created_by: actor.userId,
      created_at: now,
      updated_at: now,
    });
    await appendAudit(tx, deps.clock, actor, {
      action: 'cocreation.proposal.create',
      targetType: 'cocreation_proposal',
      targetId: id,
      after: { regionCode: region.code, title, description, opinionIds: opinions.map((o) => o.id) },
    });
    for (const o of opinions) {
      const answer = `已采纳，纳入议题「${title}」`;
      await settleOpinion(tx, deps, actor, o, { status: 'adopted', answer, proposalId: id, projectId: null, mergedInto: null }, now);
    }
    return detail(tx, region.path, id, today);
  });
}

/** Moves a proposal along: open → deliberating → decided → closed (or closed early); never back. */
export async function changeProposalStatus(deps: Deps, actor: Actor, id: string, status: ProposalStatus): Promise<ProposalDetail> {
  authorize(actor, 'cocreation.edit');
  const now = deps.clock.now();
  const today = chinaDate(now);
  return withContext(deps.db, dbContext(actor), async (tx) => {
    const p = await lockProposal(tx, id);
    if (!p || !inScope(actor, p.path)) throw notFound('议题', id);
    if (!NEXT[p.status].includes(status)) {
      throw invalidField('status', `议题不能从「${PROPOSAL_STATUS_NAMES[p.status]}」改为「${PROPOSAL_STATUS_NAMES[status]}」`);
    }
    await updateProposalStatus(tx, id, status, now);
    await appendAudit(tx, deps.clock, actor, {
      action: 'cocreation.proposal.status',
      targetType: 'cocreation_proposal',
      targetId: id,
      before: { status: p.status },
      after: { status },
    });
    return detail(tx, p.path, id, today);
  });
}

// ---- adoption and feedback rates ----

export const OPINION_RATE_FORMULAS = {
  adoptionRate: '采纳率 = 已采纳的意见建议数 ÷ 已办结的意见建议数（已采纳 + 已合并 + 已答复 + 不予采纳）',
  feedbackRate: `按时反馈率 = 在答复期限（收到后 ${OPINION_ANSWER_WORKING_DAYS} 个工作日）内答复的意见建议数 ÷ 应已答复的意见建议数（已答复的，加上超过答复期限仍未答复的）`,
};

const ratio = (n: number, d: number) => (d === 0 ? null : Math.round((n / d) * 10000) / 10000);

function withRates(c: RateCountsRow): RateRow {
  const settled = c.adopted + c.merged + c.answered + c.declined;
  return {
    regionCode: c.region_code,
    regionName: c.region_name,
    level: c.level,
    opinions: c.opinions,
    open: c.open,
    adopted: c.adopted,
    merged: c.merged,
    answered: c.answered,
    declined: c.declined,
    settled,
    answeredOnTime: c.answered_on_time,
    due: c.due,
    overdue: c.overdue,
    adoptionRate: ratio(c.adopted, settled),
    feedbackRate: ratio(c.answered_on_time, c.due),
  };
}

/** Both rates for each village of a region (a village: itself) and for the region as a whole. */
export async function opinionRates(deps: Deps, actor: Actor, regionCode: string | undefined): Promise<OpinionRates> {
  authorize(actor, 'cocreation.read');
  const today = chinaDate(deps.clock.now());
  const code = regionCode ?? actor.regionCode;
  return withContext(deps.db, dbContext(actor), async (tx) => {
    const region = await regionInScope(tx, actor, code);
    if (region.level === 'group') throw invalidField('regionCode', '按村（社区）、乡镇或县统计');
    const rows = await countOpinionRates(tx, region.path, today);
    const sum = (k: keyof RateCountsRow) => rows.reduce((n, r) => n + (r[k] as number), 0);
    const keys = ['opinions', 'open', 'adopted', 'merged', 'answered', 'declined', 'answered_on_time', 'due', 'overdue'] as const;
    const total = withRates({
      region_code: region.code,
      region_name: region.name,
      level: region.level,
      ...Object.fromEntries(keys.map((k) => [k, sum(k)])),
    } as RateCountsRow);
    return { today, total, villages: rows.map(withRates), formulas: OPINION_RATE_FORMULAS };
  });
}
