import { uuidv7 } from 'uuidv7';
import { dbContext, type Actor } from '../../platform/actor.js';
import { appendAudit } from '../../platform/audit/service.js';
import { withContext, type Tx } from '../../platform/db/context.js';
import type { Deps } from '../../platform/deps.js';
import { duplicateAs, invalidField, notFound, outOfScope } from '../../platform/errors.js';
import { chinaDate } from '../../platform/time.js';
import { votedHouseholds, voteOutcome, type Tally } from '../cocreation/index.js';
import { findRegionForUpdate } from '../regions/index.js';
import type {
  CommitteeBody,
  Compact,
  CompactQuery,
  CompactSummary,
  CompleteStepBody,
  CreateCompactBody,
  DeliberationBody,
  InvitationBody,
  VettingBody,
} from './compact-schema.js';
import { latestVersion, needsOf, nextStep, type StepState } from './compact-steps.js';
import * as store from './compact-store.js';
import { COMPACT_STEP_NAMES, VETTING_AGENCY_NAMES, type CompactStep } from './kinds.js';
import { authorize, inScope } from './policy.js';

// A compact and the records of its first steps: create, 两委商议, invitations, the committee and
// its vetting, and closing a step once its record is complete (compact-steps.ts). The text
// (versions), the voices (opinions, objections) and the vote / publication / filing have services
// of their own; they all change a compact through `changeCompact` below.

const pct = (n: number, of: number) => (of > 0 ? Math.round((n * 1000) / of) / 10 : 0);
const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

export function presentSummary(r: store.CompactRow): CompactSummary {
  return {
    id: r.id,
    regionCode: r.region_code,
    regionName: r.region_name,
    kind: r.kind,
    title: r.title,
    step: r.step,
    versionSeq: r.version_seq,
    publishedOn: r.published_on,
    updatedAt: new Date(r.updated_at).toISOString(),
  };
}

/**
 * Whether the compact's vote passed as the law requires (《村民委员会组织法》第二十二条): more than
 * half of the adults, or two thirds of the households, took part, and more than half of those
 * who voted said yes. Counted from the tally, so a rounded percentage cannot let it through.
 */
export function passedByLaw(electorate: string, tally: Tally): boolean {
  const yes = tally.counts.find((c) => c.key === 'yes')?.votes ?? 0;
  const quorum = electorate === 'household' ? tally.ballots * 3 >= tally.electorateSize * 2 : tally.ballots * 2 > tally.electorateSize;
  return quorum && yes * 2 > tally.ballots;
}

async function voteOf(tx: Tx, voteId: string) {
  const v = (await voteOutcome(tx, voteId))!;
  const tally = v.result as Tally | null;
  return {
    status: v.status,
    closesAt: v.closes_at,
    passed: v.status === 'closed' && tally ? passedByLaw(v.electorate, tally) : null,
    turnoutPct: tally?.turnoutPct ?? null,
  };
}

/** The vote(s) on the version being voted on: the whole text, or one per article. */
export interface VoteState {
  mode: 'whole' | 'articles';
  /** Open while any is open; closed when all are. */
  status: string;
  /** Once all are closed: whether every one passed. */
  passed: boolean | null;
  items: {
    voteId: string;
    articleKey: string | null;
    articleNumber: number | null;
    status: string;
    closesAt: Date | null;
    passed: boolean | null;
    turnoutPct: number | null;
  }[];
}

export async function voteState(tx: Tx, row: store.CompactRow): Promise<VoteState | null> {
  if (!row.vote_version_id) return null;
  const links = await store.votesOf(tx, row.vote_version_id);
  if (!links.length) return null;
  const numbers = new Map((await store.articlesOf(tx, row.vote_version_id)).map((a) => [a.article_key, a.number]));
  const items = [];
  for (const l of links)
    items.push({
      voteId: l.vote_id,
      articleKey: l.article_key,
      articleNumber: l.article_key ? (numbers.get(l.article_key) ?? null) : null,
      ...(await voteOf(tx, l.vote_id)),
    });
  const closed = items.every((i) => i.status === 'closed');
  return {
    mode: links.some((l) => l.article_key) ? 'articles' : 'whole',
    status: closed ? 'closed' : items.some((i) => i.status === 'open') ? 'open' : 'draft',
    passed: closed ? items.every((i) => i.passed) : null,
    items,
  };
}

/** Everything the step rules need, read in the caller's transaction. */
export async function stepState(tx: Tx, row: store.CompactRow, now: Date): Promise<StepState & { history: store.StepRow[] }> {
  const [invitations, vettings, versions, history, opinions, objections, votes] = await Promise.all([
    store.listInvitations(tx, row.id),
    store.latestVettings(tx, row.id),
    store.listVersions(tx, row.id),
    store.listSteps(tx, row.id),
    store.listOpinions(tx, row.id),
    store.listObjections(tx, row.id),
    voteState(tx, row),
  ]);
  return {
    compact: row,
    today: chinaDate(now),
    invitations,
    vettings,
    versions,
    unansweredOpinions: opinions.filter((o) => !o.answer).length,
    unansweredObjections: objections.filter((o) => !o.answer).length,
    vote: votes && {
      status: votes.status,
      passed: votes.passed,
      failedArticles: votes.items.filter((i) => i.passed === false && i.articleNumber).map((i) => i.articleNumber!),
    },
    history,
  };
}

/** The compact as its pages show it, with what the open step still needs and the two rates. */
export async function presentCompact(tx: Tx, row: store.CompactRow, now: Date): Promise<Compact> {
  const s = await stepState(tx, row, now);
  const opinions = await store.listOpinions(tx, row.id);
  const objections = await store.listObjections(tx, row.id);
  const votes = await voteState(tx, row);
  const fig = await store.householdFigures(tx, row.id, row.path);
  const spoke = new Set(fig.spoke);
  for (const v of votes?.items ?? []) for (const h of await votedHouseholds(tx, v.voteId)) spoke.add(h);
  const seqOf = (id: string | null) => s.versions.find((v) => v.id === id)?.seq ?? null;
  const filingStatus = row.step === 'filed' ? 'accepted' : row.filing_submitted_at ? 'submitted' : row.filing_decided_at ? 'returned' : 'none';
  return {
    ...presentSummary(row),
    deliberation: row.deliberated_on ? { heldOn: row.deliberated_on, attendees: row.deliberation_attendees, minutes: row.deliberation_minutes ?? '' } : null,
    invitations: s.invitations.map((i) => ({ id: i.id, residentId: i.resident_id, name: i.name, capacity: i.capacity, committeeRole: i.committee_role })),
    vettings: s.vettings.map((v) => ({
      agency: v.agency,
      decision: v.decision,
      reviewerName: v.reviewer_name,
      note: v.note,
      at: new Date(v.created_at).toISOString(),
    })),
    versions: s.versions.map((v) => ({
      id: v.id,
      seq: v.seq,
      note: v.note,
      createdAt: new Date(v.created_at).toISOString(),
      articles: v.articles,
      flags: v.flags,
    })),
    consultationUntil: row.consultation_until,
    opinions: { total: opinions.length, unanswered: s.unansweredOpinions },
    notice: row.notice_from && row.notice_until ? { from: row.notice_from, until: row.notice_until, versionSeq: seqOf(row.notice_version_id) ?? 0 } : null,
    objections: { total: objections.length, unanswered: s.unansweredObjections },
    vote: votes
      ? {
          mode: votes.mode,
          id: votes.items[0]!.voteId,
          status: votes.status,
          versionSeq: seqOf(row.vote_version_id) ?? 0,
          closesAt: iso(votes.items[0]!.closesAt),
          passed: votes.passed,
          // Article by article: the lowest turnout of them.
          turnoutPct: votes.items.some((i) => i.turnoutPct === null) ? null : Math.min(...votes.items.map((i) => i.turnoutPct!)),
          articles: votes.items
            .filter((i) => i.articleKey)
            .map((i) => ({ key: i.articleKey!, number: i.articleNumber ?? 0, voteId: i.voteId, status: i.status, passed: i.passed, turnoutPct: i.turnoutPct })),
        }
      : null,
    publishedVersionSeq: seqOf(row.published_version_id),
    filing: { status: filingStatus, submittedAt: iso(row.filing_submitted_at), decidedAt: iso(row.filing_decided_at), note: row.filing_note },
    needs: needsOf(s),
    history: s.history.map((h) => ({ step: h.step, action: h.action, summary: h.summary, at: new Date(h.created_at).toISOString(), by: h.by_name })),
    figures: {
      households: fig.households,
      participating: spoke.size,
      participationPct: pct(spoke.size, fig.households),
      read: fig.read,
      awarenessPct: pct(fig.read, fig.households),
    },
  };
}

/**
 * One change to a compact, in one transaction: the compact is locked (two cadres closing the
 * same step cannot both pass), checked to be in scope and — when `steps` is given — at one of
 * those steps; `change` writes, and the audit record carries the compact as it is afterwards.
 */
export async function changeCompact(
  deps: Deps,
  actor: Actor,
  id: string,
  o: { action: string; steps?: readonly CompactStep[]; field?: string; details?: Record<string, unknown> },
  change: (tx: Tx, row: store.CompactRow, now: Date) => Promise<Record<string, unknown> | void>,
): Promise<Compact> {
  const now = deps.clock.now();
  return withContext(deps.db, dbContext(actor), async (tx) => {
    const row = await store.findCompact(tx, id, true);
    if (!row || !inScope(actor, row.path)) throw notFound('村规民约', id);
    if (o.steps && !o.steps.includes(row.step)) {
      const names = o.steps.map((s) => `“${COMPACT_STEP_NAMES[s]}”`).join('或');
      throw invalidField(o.field ?? 'step', `现在是“${COMPACT_STEP_NAMES[row.step]}”阶段，这项操作只能在${names}阶段进行`);
    }
    const details = (await change(tx, row, now)) ?? {};
    await store.updateCompact(tx, id, { updated_at: now });
    const after = await presentCompact(tx, (await store.findCompact(tx, id))!, now);
    await appendAudit(tx, deps.clock, actor, {
      action: o.action,
      targetType: 'compact',
      targetId: id,
      details: { ...o.details, ...details },
      after: { step: after.step, versionSeq: after.versionSeq, filing: after.filing.status },
    });
    return after;
  });
}

export async function listCompacts(deps: Deps, actor: Actor, q: CompactQuery): Promise<CompactSummary[]> {
  authorize(actor, 'compacts.read');
  return withContext(deps.db, dbContext(actor), async (tx) => {
    let path = actor.scopePath;
    if (q.regionCode) {
      const region = await findRegionForUpdate(tx, q.regionCode);
      if (!region || !inScope(actor, region.path)) throw outOfScope('regionCode', '区划不存在或不在您的管理范围内');
      path = region.path;
    }
    if (!path) return [];
    return (await store.listCompacts(tx, { path, step: q.step, limit: 500 })).map(presentSummary);
  });
}

export async function getCompact(deps: Deps, actor: Actor, id: string): Promise<Compact> {
  authorize(actor, 'compacts.read');
  return withContext(deps.db, dbContext(actor), async (tx) => {
    const row = await store.findCompact(tx, id);
    if (!row || !inScope(actor, row.path)) throw notFound('村规民约', id);
    return presentCompact(tx, row, deps.clock.now());
  });
}

/** Starts a compact (or its revision) for a village or community: the first step, 两委商议, opens. */
export async function createCompact(deps: Deps, actor: Actor, body: CreateCompactBody): Promise<Compact> {
  authorize(actor, 'compacts.edit');
  const now = deps.clock.now();
  return withContext(deps.db, dbContext(actor), async (tx) => {
    const region = await findRegionForUpdate(tx, body.regionCode);
    if (!region || !inScope(actor, region.path)) throw outOfScope('regionCode', '区划不存在或不在您的管理范围内');
    if (region.level !== 'village') throw invalidField('regionCode', '村规民约（居民公约）由村（社区）制定，请选择村（社区）');
    const id = uuidv7();
    await store.insertCompact(tx, {
      id,
      region_code: region.code,
      path: region.path,
      kind: body.kind ?? 'village',
      title: body.title.trim(),
      created_by: actor.userId,
      created_at: now,
      updated_at: now,
    });
    const saved = await presentCompact(tx, (await store.findCompact(tx, id))!, now);
    await appendAudit(tx, deps.clock, actor, {
      action: 'compacts.create',
      targetType: 'compact',
      targetId: id,
      after: presentSummary((await store.findCompact(tx, id))!),
    });
    return saved;
  });
}

/** Step 1: the record of the 两委 meeting that decided to draw up (or revise) the compact. */
export async function recordDeliberation(deps: Deps, actor: Actor, id: string, body: DeliberationBody): Promise<Compact> {
  authorize(actor, 'compacts.edit');
  const attendees = [...new Set(body.attendees.map((a) => a.trim()).filter(Boolean))];
  if (body.heldOn > chinaDate(deps.clock.now())) throw invalidField('heldOn', '商议日期不能晚于今天');
  return changeCompact(deps, actor, id, { action: 'compacts.deliberation', steps: ['deliberation'], field: 'heldOn' }, async (tx) => {
    await store.updateCompact(tx, id, { deliberated_on: body.heldOn, deliberation_attendees: attendees, deliberation_minutes: body.minutes.trim() });
    return { heldOn: body.heldOn, attendees: attendees.length };
  });
}

/** Step 2: an invitation letter to a named person of the registry, in a capacity (寨老、老党员…). */
export async function invite(deps: Deps, actor: Actor, id: string, body: InvitationBody): Promise<Compact> {
  authorize(actor, 'compacts.edit');
  try {
    return await changeCompact(
      deps,
      actor,
      id,
      { action: 'compacts.invite', steps: ['invitation', 'committee'], field: 'residentId' },
      async (tx, row, now) => {
        const person = await store.residentWithin(tx, body.residentId, row.path);
        if (!person) throw invalidField('residentId', '此人不在本村（社区）的户籍人口中');
        await store.insertInvitation(tx, {
          id: uuidv7(),
          compact_id: id,
          path: row.path,
          resident_id: person.id,
          name: person.name,
          capacity: body.capacity.trim(),
          created_by: actor.userId,
          created_at: now,
        });
        return { residentId: person.id, capacity: body.capacity.trim() };
      },
    );
  } catch (err) {
    throw duplicateAs(err, 'residentId', '已经向此人发过邀请函');
  }
}

/** Step 3: an invited person joins the committee (执委会) with a role, or leaves it (null). */
export async function setCommittee(deps: Deps, actor: Actor, id: string, invitationId: string, body: CommitteeBody): Promise<Compact> {
  authorize(actor, 'compacts.edit');
  return changeCompact(deps, actor, id, { action: 'compacts.committee', steps: ['committee'], field: 'committeeRole' }, async (tx) => {
    const role = body.committeeRole?.trim() || null;
    if (!(await store.setCommitteeRole(tx, id, invitationId, role))) throw notFound('邀请', invitationId);
    return { invitationId, committeeRole: role };
  });
}

/** Step 3: the joint vetting of the committee by 司法所、综治中心、派出所 (township staff record each decision). */
export async function vet(deps: Deps, actor: Actor, id: string, body: VettingBody): Promise<Compact> {
  authorize(actor, 'compacts.review');
  return changeCompact(deps, actor, id, { action: 'compacts.vet', steps: ['committee'], field: 'agency' }, async (tx, row, now) => {
    const members = (await store.listInvitations(tx, id)).filter((i) => i.committee_role);
    if (!members.length) throw invalidField('agency', '执委会还没有成员，无从审核');
    await store.insertVetting(tx, {
      id: uuidv7(),
      compact_id: id,
      path: row.path,
      agency: body.agency,
      decision: body.decision,
      reviewer_name: body.reviewerName.trim(),
      note: body.note.trim(),
      created_by: actor.userId,
      created_at: now,
    });
    return { agency: VETTING_AGENCY_NAMES[body.agency], decision: body.decision, members: members.map((m) => m.name) };
  });
}

/**
 * Closes the open step when its record is complete, opening the next. Closing 张榜执行 submits the
 * compact to the township for filing; the filing itself is the township's (filing-service.ts).
 */
export async function completeStep(deps: Deps, actor: Actor, id: string, step: CompactStep, body: CompleteStepBody): Promise<Compact> {
  authorize(actor, 'compacts.edit');
  if (step === 'filing' || step === 'filed') throw invalidField('step', '备案由乡镇审查决定');
  return changeCompact(deps, actor, id, { action: 'compacts.step.complete', steps: [step] }, async (tx, row, now) => {
    const s = await stepState(tx, row, now);
    const needs = needsOf(s);
    if (needs.length) throw invalidField('step', `“${COMPACT_STEP_NAMES[step]}”还不能结束：${needs.join('；')}`);
    const next = nextStep(step);
    const summary = body.summary?.trim() || defaultSummary(s);
    await store.insertStep(tx, { id: uuidv7(), compact_id: id, path: row.path, step, action: 'completed', summary, created_by: actor.userId, created_at: now });
    await store.updateCompact(tx, id, {
      step: next,
      // A revision must be newer than the text the consultation was on.
      ...(step === 'consultation' ? { revision_base_seq: latestVersion(s)?.seq ?? 0 } : {}),
      ...(step === 'publication' ? { filing_submitted_at: now } : {}),
    });
    return { step, next, summary };
  });
}

/** What a closed step rested on, in one line for the history. */
function defaultSummary(s: StepState): string {
  const c = s.compact;
  const latest = latestVersion(s);
  switch (c.step) {
    case 'deliberation':
      return `${c.deliberated_on} 两委商议，${c.deliberation_attendees.length} 人参加`;
    case 'invitation':
      return `发出邀请函 ${s.invitations.length} 份`;
    case 'committee':
      return `执委会 ${s.invitations.filter((i) => i.committee_role).length} 人，经司法所、综治中心、派出所联审同意`;
    case 'draft':
      return `初稿第 ${latest?.seq} 版，${latest?.articles} 条`;
    case 'consultation':
      return `征求意见至 ${c.consultation_until}，意见均已答复`;
    case 'revision':
      return `修改为第 ${latest?.seq} 版，${latest?.articles} 条`;
    case 'notice':
      return `公示 ${c.notice_from} 至 ${c.notice_until} 期满，异议均已答复`;
    case 'vote':
      return '全体表决通过';
    case 'publication':
      return `${c.published_on} 张榜公布第 ${latest?.seq} 版，报乡镇备案`;
    default:
      return COMPACT_STEP_NAMES[c.step];
  }
}
