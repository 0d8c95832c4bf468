import { SYSTEM_ACTOR, dbContext } from '../../platform/actor.js';
import { withContext } from '../../platform/db/context.js';
import type { Deps } from '../../platform/deps.js';
import { AppError } from '../../platform/errors.js';
import { toOffsetIso } from '../../platform/time.js';
import { findRegionForUpdate } from '../regions/index.js';
import type { DisclosedProject, DisclosedVote, Disclosure } from './disclosure-schema.js';
import {
  budgetLines,
  choiceCounts,
  closedVotes,
  contributorNames,
  heldMeetings,
  milestonesOf,
  receivedTotals,
  resolutionsOf,
  townshipName,
  villageProjects,
  voteOptions,
} from './disclosure-store.js';
import { toSummary } from './rating-service.js';
import { ratingComments, ratingSummaries } from './rating-store.js';

// 成果共享 / 三公开: the village's public page (/v/<code>/open, the QR code on the notice board).
// Anyone may read it, so it carries what the village decided and did and never a resident's
// personal data: no ids, no ID or phone numbers, no full names (a contributing household is its
// head's surname + 某), no amount given by any one household.

const MEETINGS_SHOWN = 30;
const VOTES_SHOWN = 30;
const PROJECTS_SHOWN = 50;
const COMMENTS_SHOWN = 20;

const COMPOUND_SURNAMES = new Set(
  '欧阳 太史 端木 上官 司马 东方 独孤 南宫 万俟 闻人 夏侯 诸葛 尉迟 公羊 赫连 澹台 皇甫 宗政 濮阳 公冶 太叔 申屠 公孙 慕容 仲孙 钟离 长孙 宇文 司徒 鲜于 司空 令狐 轩辕 呼延'.split(
    ' ',
  ),
);

/** 杨秀英 → 杨某, 欧阳娜娜 → 欧阳某; a household with no name on record → 村民. */
export function surnameOnly(name: string): string {
  const n = name.trim();
  if (!n) return '村民';
  const chars = [...n];
  const two = chars.slice(0, 2).join('');
  return `${chars.length > 2 && COMPOUND_SURNAMES.has(two) ? two : chars[0]}某`;
}

const YES_NO = [
  ['yes', '赞成'],
  ['no', '反对'],
  ['abstain', '弃权'],
] as const;

const round = (n: number, d: number) => Math.round(n * 10 ** d) / 10 ** d;

/** The village's public disclosure. */
export async function villageDisclosure(deps: Deps, villageCode: string): Promise<Disclosure> {
  const now = deps.clock.now();
  return withContext(deps.db, dbContext(SYSTEM_ACTOR), async (tx) => {
    const village = await findRegionForUpdate(tx, villageCode);
    if (!village || village.level !== 'village') throw new AppError('NOT_FOUND', '村（社区）不存在', { field: 'villageCode' });

    const meetings = await heldMeetings(tx, village.path, MEETINGS_SHOWN);
    const resolutions = await resolutionsOf(
      tx,
      meetings.map((m) => m.id),
    );
    const decisions = meetings.map((m) => ({
      meetingKind: m.kind,
      meetingTitle: m.title,
      heldOn: m.held_on,
      attended: m.attended,
      invited: m.invited,
      resolutions: resolutions.filter((r) => r.meeting_id === m.id).map((r) => ({ seq: r.seq, text: r.text })),
    }));

    const votes = await closedVotes(tx, village.path, VOTES_SHOWN);
    const voteIds = votes.map((v) => v.id);
    const options = await voteOptions(tx, voteIds);
    const counts = new Map((await choiceCounts(tx, voteIds)).map((c) => [`${c.vote_id}:${c.choice}`, c.n]));
    const countOf = (voteId: string, choice: string) => counts.get(`${voteId}:${choice}`) ?? 0;
    const disclosedVotes: DisclosedVote[] = votes.map((v) => {
      const t = v.result ?? {};
      const fixed = new Map((Array.isArray(t.counts) ? t.counts : []).map((c) => [c.key, Number(c.votes)]));
      // The fixed tally when the result carries it, else the (immutable) ballots counted now.
      const votesFor = (key: string) => (fixed.size ? (fixed.get(key) ?? 0) : countOf(v.id, key));
      const ballots = typeof t.ballots === 'number' ? t.ballots : v.ballots;
      const online = typeof t.online === 'number' ? t.online : v.online;
      return {
        title: v.title,
        method: v.method,
        electorate: v.electorate,
        closedOn: v.closed_on,
        electorateSize: v.electorate_size,
        ballots,
        online,
        paper: ballots - online,
        turnout: v.electorate_size > 0 ? round(ballots / v.electorate_size, 4) : null,
        quorumPct: v.quorum_pct,
        passPct: v.pass_pct,
        quorumReached: typeof t.quorumReached === 'boolean' ? t.quorumReached : null,
        passed: typeof t.passed === 'boolean' ? t.passed : null,
        options:
          v.method === 'yes_no'
            ? YES_NO.map(([choice, label]) => ({ label, choice, count: votesFor(choice), winner: false }))
            : options
                .filter((o) => o.vote_id === v.id)
                .map((o) => ({ label: o.label, choice: null, count: votesFor(o.id), winner: !!t.winnerOptionId && t.winnerOptionId === o.id })),
      };
    });

    const projects = await villageProjects(tx, village.path, PROJECTS_SHOWN);
    const ids = projects.map((p) => p.id);
    const budgets = await budgetLines(tx, ids);
    const received = new Map((await receivedTotals(tx, ids)).map((r) => [r.project_id, r]));
    const names = await contributorNames(tx, ids);
    const milestones = await milestonesOf(tx, ids);
    const summaries = new Map((await ratingSummaries(tx, ids)).map((s) => [s.project_id, s]));
    const comments = await ratingComments(tx, ids, COMMENTS_SHOWN);
    const disclosedProjects: DisclosedProject[] = projects.map((p) => {
      const budget = budgets.filter((b) => b.project_id === p.id).map((b) => ({ source: b.source, amount: Number(b.amount) }));
      const r = received.get(p.id);
      const named = (kind: string) => names.filter((n) => n.project_id === p.id && n.kind === kind).map((n) => surnameOnly(n.name));
      return {
        title: p.title,
        status: p.status,
        progress: p.progress,
        plan: p.plan,
        startedOn: p.started_on,
        completedOn: p.completed_on,
        budget,
        budgetTotal: round(
          budget.reduce((s, b) => s + b.amount, 0),
          2,
        ),
        received: {
          money: round(Number(r?.money ?? 0), 2),
          labourDays: round(Number(r?.labour_days ?? 0), 1),
          landM2: round(Number(r?.land_m2 ?? 0), 2),
          materials: r?.materials ?? 0,
          valueYuan: round(Number(r?.value_yuan ?? 0), 2),
          households: r?.households ?? 0,
        },
        contributors: { money: named('money'), labour: named('labour'), land: named('land'), materials: named('materials') },
        milestones: milestones.filter((m) => m.project_id === p.id).map((m) => ({ title: m.title, progress: m.progress, reachedOn: m.reached_on })),
        evaluation: {
          ratingOpensOn: p.rating_opens_on,
          ratingClosesOn: p.rating_closes_on,
          summary: toSummary(summaries.get(p.id)),
          comments: comments.filter((c) => c.project_id === p.id).map((c) => ({ score: c.score, comment: c.comment, date: c.date })),
        },
      };
    });

    return {
      village: { name: village.name, townshipName: await townshipName(tx, village.code) },
      generatedAt: toOffsetIso(now),
      decisions,
      votes: disclosedVotes,
      projects: disclosedProjects,
    };
  });
}
