import { uuidv7 } from 'uuidv7';
import { dbContext, SYSTEM_ACTOR, type Actor } from '../../platform/actor.js';
import { appendAudit } from '../../platform/audit/service.js';
import { workCalendar } from '../../platform/calendar/service.js';
import { withContext, type Tx } from '../../platform/db/context.js';
import type { Deps } from '../../platform/deps.js';
import { AppError, alreadyExists, duplicateAs, invalidField, notFound, outOfScope } from '../../platform/errors.js';
import { chinaDate, toOffsetIso } from '../../platform/time.js';
import { findRegionForUpdate, isWithin } from '../regions/index.js';
import { appendEvent, lockOrderForOpinion } from '../requests/index.js';
import {
  OPINION_ANSWER_WORKING_DAYS,
  type AnswerOpinionBody,
  type CreateOpinionBody,
  type Opinion,
  type OpinionPage,
  type OpinionQuery,
  type OrderOpinionBody,
  type ResidentOpinion,
  type ResidentOpinionBody,
  type ResidentOpinionsView,
  type LinkChoices,
} from './opinion-schema.js';
import {
  findMeeting,
  findOpinionByOrder,
  findProject,
  findVisit,
  insertOpinion,
  listOpinions,
  listProposals,
  listLinkables,
  listVisits,
  lockOpinion,
  findProposal,
  updateOpinion,
  type OpinionRecord,
  type OpinionRow,
} from './opinion-store.js';
import { authorize, inScope } from './policy.js';
import { residentActor, type ResidentPass } from './resident-pass.js';
import type { OpinionStatus } from './tables.js';

// 意见建议: heard from a resident (phone page), on a visit, at a meeting, in a suggestion work
// order, or by a cadre in person. Each is answered within N working days on the official
// calendar — adopted (into a proposal or a project), merged, answered, or declined with a reason.

export const STATUS_NAMES: Record<OpinionStatus, string> = { open: '待答复', adopted: '已采纳', merged: '已合并', answered: '已答复', declined: '不予采纳' };

/** The due date of an opinion received today. */
export async function dueDateFrom(deps: Deps, now: Date): Promise<string> {
  return (await workCalendar(deps)).addWorkingDays(chinaDate(now), OPINION_ANSWER_WORKING_DAYS);
}

export function presentOpinion(r: OpinionRow, today: string): Opinion {
  return {
    id: r.id,
    regionCode: r.region_code,
    regionName: r.region_name,
    source: r.source,
    authorName: r.author_name,
    content: r.content,
    status: r.status,
    answer: r.answer,
    proposalId: r.proposal_id,
    proposalTitle: r.proposal_title,
    projectId: r.project_id,
    projectTitle: r.project_title,
    mergedInto: r.merged_into,
    visitId: r.visit_id,
    meetingId: r.meeting_id,
    meetingTitle: r.meeting_title,
    orderId: r.order_id,
    orderNumber: r.order_number,
    dueOn: r.due_on,
    overdue: r.status === 'open' && r.due_on < today,
    answeredAt: r.answered_at ? toOffsetIso(r.answered_at) : null,
    createdAt: toOffsetIso(r.created_at),
  };
}

/** The region a query or a write names, refused unless it lies in the actor's scope. */
export async function regionInScope(tx: Tx, actor: Actor, code: string) {
  const region = await findRegionForUpdate(tx, code);
  if (!region || !inScope(actor, region.path)) throw outOfScope('regionCode', '区划不存在或不在您的管理范围内');
  return region;
}

/** The village an opinion is recorded in. */
async function villageInScope(tx: Tx, actor: Actor, code: string) {
  const region = await regionInScope(tx, actor, code);
  if (region.level !== 'village') throw invalidField('regionCode', '意见建议须记在村（社区）');
  return region;
}

/** A proposal an opinion is about or adopted into: in the opinion's village and not closed. */
export async function checkProposal(tx: Tx, id: string, villagePath: string, field: string): Promise<{ id: string; title: string }> {
  const p = await findProposal(tx, id);
  if (!p || !isWithin(p.path, villagePath)) throw invalidField(field, '议题不存在或不属于该村（社区）');
  if (p.status === 'closed') throw invalidField(field, '该议题已关闭');
  return p;
}

async function readBack(tx: Tx, id: string, villagePath: string, today: string): Promise<Opinion> {
  const [row] = await listOpinions(tx, { scopePath: villagePath, today, ids: [id], limit: 1 });
  return presentOpinion(row!, today);
}

function parseCursor(after: string | undefined): { createdAt: Date; id: string } | undefined {
  if (!after) return undefined;
  const [at, id] = after.split('|');
  const createdAt = new Date(at ?? '');
  if (!id || Number.isNaN(createdAt.getTime()) || !/^[0-9a-f-]{36}$/.test(id)) throw invalidField('after', '翻页位置无效');
  return { createdAt, id };
}

/** Opinions in the caller's scope (or a region of it), newest first, a page at a time. */
export async function searchOpinions(deps: Deps, actor: Actor, q: OpinionQuery): Promise<OpinionPage> {
  authorize(actor, 'cocreation.read');
  const today = chinaDate(deps.clock.now());
  const after = parseCursor(q.after);
  return withContext(deps.db, dbContext(actor), async (tx) => {
    const scopePath = q.regionCode ? (await regionInScope(tx, actor, q.regionCode)).path : actor.scopePath;
    const rows = await listOpinions(tx, { ...q, scopePath, today, after, limit: q.pageSize + 1 });
    const items = rows.slice(0, q.pageSize).map((r) => presentOpinion(r, today));
    const last = rows.length > q.pageSize ? rows[q.pageSize - 1]! : undefined;
    return { items, next: last ? `${last.created_at.toISOString()}|${last.id}` : null };
  });
}

export async function getOpinion(deps: Deps, actor: Actor, id: string): Promise<Opinion> {
  authorize(actor, 'cocreation.read');
  const today = chinaDate(deps.clock.now());
  return withContext(deps.db, dbContext(actor), async (tx) => {
    const [row] = await listOpinions(tx, { scopePath: actor.scopePath, today, ids: [id], limit: 1 });
    if (!row) throw notFound('意见建议', id);
    return presentOpinion(row, today);
  });
}

/** What an opinion of the village may link to: its latest visits and meetings, open proposals, projects. */
export async function searchLinkChoices(deps: Deps, actor: Actor, regionCode: string): Promise<LinkChoices> {
  authorize(actor, 'cocreation.opinion');
  return withContext(deps.db, dbContext(actor), async (tx) => {
    const village = await villageInScope(tx, actor, regionCode);
    const visits = await listVisits(tx, village.path, 50);
    const { meetings, projects } = await listLinkables(tx, village.path, 50);
    const proposals = await listProposals(tx, { scopePath: village.path, statuses: ['open', 'deliberating', 'decided'], limit: 100 });
    return {
      visits: visits.map((v) => ({ id: v.id, visitedOn: v.visited_on, visitorName: v.visitor_name, notes: v.notes })),
      meetings: meetings.map((m) => ({ id: m.id, title: m.title, startsAt: toOffsetIso(m.starts_at as unknown as Date) })),
      proposals: proposals.map((p) => ({ id: p.id, title: p.title, status: p.status })),
      projects,
    };
  });
}

/** A grid worker or cadre records an opinion heard on a visit, at a meeting, or in person. */
export async function recordOpinion(deps: Deps, actor: Actor, body: CreateOpinionBody): Promise<Opinion> {
  authorize(actor, 'cocreation.opinion');
  const now = deps.clock.now();
  const today = chinaDate(now);
  const dueOn = await dueDateFrom(deps, now);
  if (body.source !== 'visit' && body.visitId) throw invalidField('visitId', '只有来自走访的意见建议才关联走访记录');
  if (body.source !== 'meeting' && body.meetingId) throw invalidField('meetingId', '只有来自议事会的意见建议才关联会议');
  return withContext(deps.db, dbContext(actor), async (tx) => {
    const village = await villageInScope(tx, actor, body.regionCode);
    if (body.source === 'visit') {
      if (!body.visitId) throw invalidField('visitId', '请选择走访记录');
      const visit = await findVisit(tx, body.visitId);
      if (!visit || !isWithin(visit.path, village.path)) throw invalidField('visitId', '走访记录不存在或不在该村（社区）');
    }
    if (body.source === 'meeting') {
      if (!body.meetingId) throw invalidField('meetingId', '请选择议事会');
      const meeting = await findMeeting(tx, body.meetingId);
      if (!meeting || !isWithin(meeting.path, village.path)) throw invalidField('meetingId', '议事会不存在或不在该村（社区）');
    }
    if (body.proposalId) await checkProposal(tx, body.proposalId, village.path, 'proposalId');
    const id = uuidv7();
    const row = {
      id,
      region_code: village.code,
      path: village.path,
      source: body.source,
      visit_id: body.visitId ?? null,
      meeting_id: body.meetingId ?? null,
      proposal_id: body.proposalId ?? null,
      author_name: body.authorName.trim(),
      content: body.content.trim(),
      due_on: dueOn,
      created_by: actor.userId,
      created_at: now,
      updated_at: now,
    };
    if (!row.author_name) throw invalidField('authorName', '请填写提出人');
    if (!row.content) throw invalidField('content', '请填写意见建议内容');
    await insertOpinion(tx, row);
    await appendAudit(tx, deps.clock, actor, {
      action: 'cocreation.opinion.create',
      targetType: 'cocreation_opinion',
      targetId: id,
      after: { regionCode: village.code, source: body.source, visitId: row.visit_id, meetingId: row.meeting_id, proposalId: row.proposal_id, dueOn },
    });
    return readBack(tx, id, village.path, today);
  });
}

/**
 * One click: an intake work order of type "suggestion" becomes an opinion of the order's
 * village, once; the order's timeline says so.
 */
export async function opinionFromOrder(deps: Deps, actor: Actor, body: OrderOpinionBody): Promise<Opinion> {
  authorize(actor, 'cocreation.opinion');
  if (!body.orderId && !body.orderNumber) throw invalidField('orderId', '请指定工单');
  const now = deps.clock.now();
  const today = chinaDate(now);
  const dueOn = await dueDateFrom(deps, now);
  const taken = '该工单已转为意见建议，不能重复转';
  try {
    return await withContext(deps.db, dbContext(actor), async (tx) => {
      const order = await lockOrderForOpinion(tx, { id: body.orderId, number: body.orderNumber });
      if (!order || !inScope(actor, order.path)) throw notFound('工单', body.orderId ?? body.orderNumber ?? '');
      if (order.request_type !== 'suggestion') throw invalidField('orderId', '只有“建议”类工单可以转为意见建议');
      if (await findOpinionByOrder(tx, order.id)) throw alreadyExists('orderId', taken);
      const village = order.village_code ? await findRegionForUpdate(tx, order.village_code) : undefined;
      if (!village) throw invalidField('orderId', '工单未定位到村（社区），无法转为意见建议');
      const id = uuidv7();
      await insertOpinion(tx, {
        id,
        region_code: village.code,
        path: village.path,
        source: 'order',
        order_id: order.id,
        author_name: order.anonymous || !order.requester_name ? '群众（工单）' : order.requester_name.slice(0, 50),
        content: `${order.title}：${order.description}`.slice(0, 2000),
        due_on: dueOn,
        synthetic: order.synthetic,
        created_by: actor.userId,
        created_at: now,
        updated_at: now,
      });
      await appendEvent(tx, { actor, now }, order, 'cocreation_opinion', {
        note: `已转为共同缔造意见建议（${village.name}），${dueOn} 前答复`,
        details: { opinionId: id, dueOn },
      });
      await appendAudit(tx, deps.clock, actor, {
        action: 'cocreation.opinion.from_order',
        targetType: 'cocreation_opinion',
        targetId: id,
        after: { regionCode: village.code, orderId: order.id, orderNumber: order.number, dueOn },
      });
      return readBack(tx, id, village.path, today);
    });
  } catch (err) {
    // Two clicks at once: the unique index on order_id refuses the second.
    throw duplicateAs(err, 'orderId', taken);
  }
}

export interface Settlement {
  status: Exclude<OpinionStatus, 'open'>;
  answer: string | null;
  proposalId: string | null;
  projectId: string | null;
  mergedInto: string | null;
}

/** Writes an open opinion's outcome and its audit record (before/after). */
export async function settleOpinion(tx: Tx, deps: Deps, actor: Actor, o: OpinionRecord, s: Settlement, now: Date): Promise<void> {
  await updateOpinion(tx, o.id, {
    status: s.status,
    answer: s.answer,
    proposal_id: s.proposalId,
    project_id: s.projectId,
    merged_into: s.mergedInto,
    answered_at: now,
    answered_by: actor.userId,
    updated_at: now,
  });
  await appendAudit(tx, deps.clock, actor, {
    action: 'cocreation.opinion.answer',
    targetType: 'cocreation_opinion',
    targetId: o.id,
    before: { status: o.status, answer: o.answer, proposalId: o.proposal_id, projectId: o.project_id, mergedInto: o.merged_into },
    after: { ...s, answeredAt: now.toISOString() },
  });
}

/** Refuses unless the opinion is still open (an answered one is never answered again). */
export function requireOpen(o: OpinionRecord, field = 'status'): void {
  if (o.status !== 'open') {
    const reason = `只有待答复的意见建议才能答复（当前：${STATUS_NAMES[o.status]}）`;
    throw new AppError('CONFLICT', `${field}: ${reason}`, { field, reason });
  }
}

/** Works out an outcome's links and words; refuses what does not fit, naming the field. */
async function settlementFor(tx: Tx, o: OpinionRecord, body: AnswerOpinionBody): Promise<Settlement> {
  const answer = body.answer?.trim() || null;
  const none = { answer, proposalId: null, projectId: null, mergedInto: null };
  if (body.outcome !== 'adopted') {
    if (body.proposalId) throw invalidField('proposalId', '只有采纳时才关联议题');
    if (body.projectId) throw invalidField('projectId', '只有采纳时才关联项目');
  }
  if (body.outcome !== 'merged' && body.mergedInto) throw invalidField('mergedInto', '只有合并时才指定并入的意见建议');
  switch (body.outcome) {
    case 'adopted': {
      const proposalId = body.proposalId ?? (body.projectId ? null : o.proposal_id);
      if (!proposalId && !body.projectId) throw invalidField('proposalId', '采纳须关联本村的议题或项目');
      const proposal = proposalId ? await checkProposal(tx, proposalId, o.path, 'proposalId') : undefined;
      let projectTitle: string | undefined;
      if (body.projectId) {
        const project = await findProject(tx, body.projectId);
        if (!project || !isWithin(project.path, o.path)) throw invalidField('projectId', '项目不存在或不属于该村（社区）');
        if (project.status === 'cancelled') throw invalidField('projectId', '该项目已取消');
        projectTitle = project.title;
      }
      const into = proposal ? `议题「${proposal.title}」` : `项目「${projectTitle}」`;
      return { ...none, status: 'adopted', answer: answer ?? `已采纳，纳入${into}`, proposalId, projectId: body.projectId ?? null };
    }
    case 'merged': {
      if (!body.mergedInto) throw invalidField('mergedInto', '请选择要并入的意见建议');
      if (body.mergedInto === o.id) throw invalidField('mergedInto', '不能并入自身');
      const target = await lockOpinion(tx, body.mergedInto);
      if (!target || target.region_code !== o.region_code) throw invalidField('mergedInto', '须并入同一村（社区）的意见建议');
      if (target.status === 'merged') throw invalidField('mergedInto', '该意见建议已并入其他意见建议，请直接并入后者');
      return { ...none, status: 'merged', answer: answer ?? '已与同类意见建议合并办理', mergedInto: target.id };
    }
    case 'answered':
      if (!answer) throw invalidField('answer', '请填写答复内容');
      return { ...none, status: 'answered' };
    case 'declined':
      if (!answer) throw invalidField('answer', '不予采纳须写明理由');
      return { ...none, status: 'declined' };
  }
}

/** A cadre answers an open opinion: adopted, merged, answered or declined. */
export async function answerOpinion(deps: Deps, actor: Actor, id: string, body: AnswerOpinionBody): Promise<Opinion> {
  authorize(actor, 'cocreation.edit');
  const now = deps.clock.now();
  const today = chinaDate(now);
  return withContext(deps.db, dbContext(actor), async (tx) => {
    const o = await lockOpinion(tx, id);
    if (!o || !inScope(actor, o.path)) throw notFound('意见建议', id);
    requireOpen(o);
    await settleOpinion(tx, deps, actor, o, await settlementFor(tx, o, body), now);
    return readBack(tx, id, o.path, today);
  });
}

// ---- the resident's phone page (the pass is checked here; the database work runs as the server) ----

/** A pass writes and reads only in the village it was issued for. */
function ownVillage(pass: ResidentPass, villageCode: string): void {
  if (pass.villageCode !== villageCode) throw invalidField('villageCode', '只能在本人登记所在的村（社区）提出和查看意见建议');
}

function presentMine(r: OpinionRow): ResidentOpinion {
  return {
    content: r.content,
    status: r.status,
    answer: r.answer,
    proposalTitle: r.proposal_title,
    dueOn: r.due_on,
    createdAt: toOffsetIso(r.created_at),
    answeredAt: r.answered_at ? toOffsetIso(r.answered_at) : null,
  };
}

/** The village's proposals still open to residents' words (titles only), and my own opinions with their answers. */
export async function residentOpinions(deps: Deps, pass: ResidentPass, villageCode: string): Promise<ResidentOpinionsView> {
  ownVillage(pass, villageCode);
  const today = chinaDate(deps.clock.now());
  return withContext(deps.db, dbContext(SYSTEM_ACTOR), async (tx) => ({
    proposals: (await listProposals(tx, { scopePath: pass.villagePath, statuses: ['open', 'deliberating'], limit: 50 })).map((p) => ({
      id: p.id,
      title: p.title,
      status: p.status,
    })),
    mine: (await listOpinions(tx, { scopePath: pass.villagePath, today, residentId: pass.residentId, limit: 50 })).map(presentMine),
  }));
}

/** A resident sends an opinion from the phone page (optionally about one of the village's proposals). */
export async function submitResidentOpinion(
  deps: Deps,
  pass: ResidentPass,
  clientIp: string | null,
  villageCode: string,
  body: ResidentOpinionBody,
): Promise<ResidentOpinion> {
  ownVillage(pass, villageCode);
  const content = body.content.trim();
  if (!content) throw invalidField('content', '请填写意见建议内容');
  const now = deps.clock.now();
  const today = chinaDate(now);
  const dueOn = await dueDateFrom(deps, now);
  const actor = residentActor(pass, clientIp);
  return withContext(deps.db, dbContext(SYSTEM_ACTOR), async (tx) => {
    if (body.proposalId) await checkProposal(tx, body.proposalId, pass.villagePath, 'proposalId');
    const id = uuidv7();
    await insertOpinion(tx, {
      id,
      region_code: pass.villageCode,
      path: pass.villagePath,
      source: 'resident',
      resident_id: pass.residentId,
      household_id: pass.householdId,
      proposal_id: body.proposalId ?? null,
      author_name: pass.name,
      content,
      due_on: dueOn,
      created_at: now,
      updated_at: now,
    });
    await appendAudit(tx, deps.clock, actor, {
      action: 'cocreation.opinion.submit',
      targetType: 'cocreation_opinion',
      targetId: id,
      after: { regionCode: pass.villageCode, source: 'resident', proposalId: body.proposalId ?? null, dueOn },
    });
    const [row] = await listOpinions(tx, { scopePath: pass.villagePath, today, ids: [id], limit: 1 });
    return presentMine(row!);
  });
}
