import { randomUUID } from 'node:crypto';
import { dbContext, SYSTEM_ACTOR, type Actor } from '../../platform/actor.js';
import { appendAudit } from '../../platform/audit/service.js';
import { withContext, type Tx } from '../../platform/db/context.js';
import type { Deps } from '../../platform/deps.js';
import { AppError, invalidField, notFound } from '../../platform/errors.js';
import { toOffsetIso } from '../../platform/time.js';
import { isWithin } from '../regions/index.js';
import { authorize, inScope } from './policy.js';
import { residentActor, type ResidentPass } from './resident-pass.js';
import type { BallotChannel } from './tables.js';
import { YES_NO, type BallotBody, type BallotReceipt, type PaperBallotBody, type ResidentVotes } from './vote-schema.js';
import { publicVote } from './vote-service.js';
import {
  claimElector,
  electorsOf,
  findElector,
  insertBallot,
  listOptions,
  listVotes,
  lockVoteForBallot,
  type ElectorRow,
  type OptionRow,
  type VoteRecord,
} from './vote-store.js';

// Ballots: online by a resident with the pass, on paper entered by a clerk with a witness. One
// ballot per elector whatever the channel: the elector row is claimed with a conditional update,
// so of two ballots at once exactly one counts. A secret vote's ballot carries no elector and a
// random (not time-ordered) id, and its audit record never holds the choice.

type VoteRowPlain = VoteRecord;

const CHANNEL_WORDS: Record<BallotChannel, string> = { online: '网上投票', paper: '纸质选票' };

/** "2026-12-04 10:30" in China time. */
const chinaMinute = (d: Date) => toOffsetIso(d).slice(0, 16).replace('T', ' ');

/** The vote open for ballots now, or the refusal naming why. */
function checkOpen(vote: VoteRowPlain, now: Date): void {
  if (vote.status === 'closed') throw invalidField('status', '表决已结束，不能再投票');
  if (vote.status !== 'open') throw invalidField('status', '表决尚未开始');
  if (vote.closes_at && vote.closes_at.getTime() <= now.getTime()) throw invalidField('closesAt', `投票已于 ${chinaMinute(vote.closes_at)} 截止`);
}

/** The choices of a valid ballot: one option (豆选), any options (approval, at least one), or one of yes / no / abstain. */
export function checkChoices(vote: VoteRowPlain, options: OptionRow[], choices: string[]): string[] {
  if (new Set(choices).size !== choices.length) throw invalidField('choices', '同一选项只能选一次');
  const valid: readonly string[] = vote.method === 'yes_no' ? YES_NO : options.map((o) => o.id);
  if (choices.some((c) => !valid.includes(c))) throw invalidField('choices', '所选项不属于本次表决');
  if (!choices.length) throw invalidField('choices', '请选择');
  if (vote.method === 'single' && choices.length !== 1) throw invalidField('choices', '豆选只能选一项');
  if (vote.method === 'yes_no' && choices.length !== 1) throw invalidField('choices', '请在赞成、反对、弃权中选择一项');
  return choices;
}

/** The refusal of a second ballot: when and how the elector already voted. */
function alreadyVoted(field: string, e: ElectorRow, household: boolean, self: boolean): AppError {
  const who = self ? (household ? '您家' : '您') : household ? '该户' : '该选民';
  const reason = `${who}已于 ${chinaMinute(e.voted_at!)} 通过${CHANNEL_WORDS[e.channel!]}投票，${household ? '每户' : '每人'}只能投一票`;
  return new AppError('CONFLICT', `${field}: ${reason}`, { field, reason, votedAt: toOffsetIso(e.voted_at!), channel: e.channel });
}

/**
 * Claims the elector and writes the ballot, in the caller's transaction. Refused (nothing written)
 * when the elector has voted, by whatever channel.
 */
async function record(
  tx: Tx,
  vote: VoteRowPlain,
  elector: ElectorRow,
  choices: string[],
  mark: { channel: BallotChannel; entered_by: string | null; witness_name: string | null; now: Date; field: string; self: boolean },
): Promise<BallotReceipt> {
  const household = vote.electorate === 'household';
  if (elector.voted_at) throw alreadyVoted(mark.field, elector, household, mark.self);
  const won = await claimElector(tx, elector.id, { voted_at: mark.now, channel: mark.channel, entered_by: mark.entered_by, witness_name: mark.witness_name });
  if (!won) throw alreadyVoted(mark.field, (await findElector(tx, vote.id, { id: elector.id }))!, household, mark.self);
  await insertBallot(tx, {
    // Random, not uuidv7: a time-ordered id would date the ballot and so tie it to the elector.
    id: randomUUID(),
    vote_id: vote.id,
    path: vote.path,
    elector_id: vote.secret ? null : elector.id,
    channel: mark.channel,
    choices,
  });
  return { voteId: vote.id, channel: mark.channel, votedAt: toOffsetIso(mark.now) };
}

/**
 * Whether the pass holder may cast this elector's ballot: for a household, one of its adult
 * members at the snapshot (an elector from before migration 0047 has no list: any adult member).
 */
function castsFor(e: Pick<ElectorRow, 'member_ids' | 'resident_id'>, pass: ResidentPass): boolean {
  return e.member_ids.length === 0 || e.member_ids.includes(pass.residentId);
}

/** A resident's online ballot with the pass: they (household electorate: their household) must be an elector of the vote. */
export async function castOnlineBallot(deps: Deps, pass: ResidentPass, clientIp: string | null, voteId: string, body: BallotBody): Promise<BallotReceipt> {
  const now = deps.clock.now();
  const actor = residentActor(pass, clientIp);
  return withContext(deps.db, dbContext(SYSTEM_ACTOR), async (tx) => {
    const vote = await lockVoteForBallot(tx, voteId);
    if (!vote || vote.status === 'draft') throw notFound('表决', voteId);
    if (!isWithin(vote.path, pass.villagePath)) throw invalidField('pass', '这不是您所在村（社区）的表决，不能参加');
    checkOpen(vote, now);
    const choices = checkChoices(vote, await listOptions(tx, [voteId]), body.choices);
    const household = vote.electorate === 'household';
    if (household && !pass.adult) throw invalidField('pass', '未满 18 周岁，不能代表本户投票');
    const elector = await findElector(tx, voteId, household ? { householdId: pass.householdId } : { residentId: pass.residentId });
    if (elector && !castsFor(elector, pass)) throw invalidField('pass', '您在表决开始后才迁入本户，本户的一票由表决开始时在册的成年成员投');
    if (!elector) {
      throw invalidField(
        'pass',
        !household && !pass.adult
          ? '未满 18 周岁，不在本次表决的选民名单中'
          : `${household ? '您家' : '您'}不在本次表决的选民名单中（名单在表决开始时按户籍登记确定）`,
      );
    }
    const receipt = await record(tx, vote, elector, choices, { channel: 'online', entered_by: null, witness_name: null, now, field: 'pass', self: true });
    await appendAudit(tx, deps.clock, actor, {
      action: 'cocreation.vote.ballot',
      targetType: 'cocreation_vote',
      targetId: voteId,
      // Who voted, and how; the choice only where the vote is open (not secret).
      details: { channel: 'online', ...(vote.secret ? {} : { electorId: elector.id, choices }) },
    });
    return receipt;
  });
}

/** A paper ballot entered by a clerk, with a second person as witness (both kept on the elector row). */
export async function enterPaperBallot(deps: Deps, actor: Actor, voteId: string, body: PaperBallotBody): Promise<BallotReceipt> {
  authorize(actor, 'cocreation.edit');
  const now = deps.clock.now();
  const witness = body.witnessName.trim();
  if (!witness) throw invalidField('witnessName', '请填写见证人姓名');
  if (witness === actor.displayName.trim()) throw invalidField('witnessName', '见证人须为录入人以外的另一人');
  return withContext(deps.db, dbContext(actor), async (tx) => {
    const vote = await lockVoteForBallot(tx, voteId);
    if (!vote || !inScope(actor, vote.path)) throw notFound('表决', voteId);
    checkOpen(vote, now);
    const elector = await findElector(tx, voteId, { id: body.electorId });
    if (!elector) throw invalidField('electorId', '此人不在本次表决的选民名单中（名单在表决开始时按户籍登记确定）');
    const choices = checkChoices(vote, await listOptions(tx, [voteId]), body.choices);
    const receipt = await record(tx, vote, elector, choices, {
      channel: 'paper',
      entered_by: actor.userId,
      witness_name: witness,
      now,
      field: 'electorId',
      self: false,
    });
    await appendAudit(tx, deps.clock, actor, {
      action: 'cocreation.vote.paper_ballot',
      targetType: 'cocreation_vote',
      targetId: voteId,
      details: { channel: 'paper', electorId: elector.id, electorName: elector.name, witnessName: witness, ...(vote.secret ? {} : { choices }) },
    });
    return receipt;
  });
}

/** The phone card: open votes of the pass's village this person may vote in (and whether they have), closed ones with the tally. */
export async function residentVotes(deps: Deps, pass: ResidentPass): Promise<ResidentVotes> {
  const now = deps.clock.now();
  return withContext(deps.db, dbContext(SYSTEM_ACTOR), async (tx) => {
    const rows = await listVotes(tx, { path: pass.villagePath, limit: 200 });
    const open = rows.filter((r) => r.status === 'open');
    const closed = rows.filter((r) => r.status === 'closed').slice(0, 20);
    const options = await listOptions(
      tx,
      [...open, ...closed].map((r) => r.id),
    );
    const mine = await electorsOf(
      tx,
      open.map((r) => r.id),
      pass,
    );
    return {
      open: open.flatMap((r) => {
        const e = mine.find((m) => m.vote_id === r.id);
        if (!e || (r.electorate === 'household' && (!pass.adult || !castsFor(e, pass)))) return [];
        return [{ ...publicVote(r, options, now), myVote: e.voted_at ? { votedAt: toOffsetIso(e.voted_at), channel: e.channel! } : null }];
      }),
      closed: closed.map((r) => publicVote(r, options, now)),
    };
  });
}
