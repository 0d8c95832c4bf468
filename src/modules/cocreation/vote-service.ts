import { uuidv7 } from 'uuidv7';
import { dbContext, SYSTEM_ACTOR, type Actor } from '../../platform/actor.js';
import { appendAudit } from '../../platform/audit/service.js';
import { withContext, type Tx } from '../../platform/db/context.js';
import type { Json } from '../../platform/db/tables.js';
import type { Deps } from '../../platform/deps.js';
import { invalidField, notFound, outOfScope } from '../../platform/errors.js';
import { chinaDate, toOffsetIso } from '../../platform/time.js';
import { findRegionForUpdate } from '../regions/index.js';
import { authorize, inScope } from './policy.js';
import type { VoteMethod } from './tables.js';
import type { CreateVoteBody, Elector, ElectorQuery, PublicVote, Tally, UpdateVoteBody, Vote, VoteQuery } from './vote-schema.js';
import {
  existsWithin,
  findVote,
  insertElectors,
  insertVote,
  listBallots,
  listDueVotes,
  listElectors,
  listOptions,
  listVotes,
  lockVote,
  replaceOptions,
  snapshotElectorate,
  updateVote,
  type OptionRow,
  type VoteRow,
} from './vote-store.js';
import { tallyVote } from './vote-tally.js';

// Votes (表决 / 豆选) as the cadre runs them: draft with options, open (the electorate is copied
// from the registry at that moment), close (the tally is fixed in the vote's result). Ballots are
// in ballot-service.ts. A closed vote never changes: refused here, and by 0039's trigger.

const iso = (d: Date | null) => (d ? toOffsetIso(d) : null);
const pct = (part: number, whole: number | null) => (whole ? Math.round((part * 1000) / whole) / 10 : null);

export function presentVote(r: VoteRow, options: OptionRow[], now: Date): Vote {
  return {
    id: r.id,
    regionCode: r.region_code,
    regionName: r.region_name,
    proposalId: r.proposal_id,
    meetingId: r.meeting_id,
    title: r.title,
    method: r.method,
    electorate: r.electorate,
    secret: r.secret,
    quorumPct: r.quorum_pct,
    passPct: r.pass_pct,
    status: r.status,
    opensAt: iso(r.opens_at),
    closesAt: iso(r.closes_at),
    closedAt: iso(r.closed_at),
    electorateSize: r.electorate_size,
    ballots: r.ballots,
    turnoutPct: pct(r.ballots, r.electorate_size),
    due: r.status === 'open' && !!r.closes_at && r.closes_at.getTime() <= now.getTime(),
    options: options.filter((o) => o.vote_id === r.id).map((o) => ({ id: o.id, seq: o.seq, label: o.label, description: o.description })),
    result: r.status === 'closed' ? (r.result as unknown as Tally) : null,
  };
}

/** The vote as the disclosure page and the phone card show it: no electors, no names. */
export function publicVote(r: VoteRow, options: OptionRow[], now: Date): PublicVote {
  const v = presentVote(r, options, now);
  return {
    id: v.id,
    regionName: v.regionName,
    title: v.title,
    method: v.method,
    electorate: v.electorate,
    secret: v.secret,
    quorumPct: v.quorumPct,
    passPct: v.passPct,
    status: v.status === 'closed' ? 'closed' : 'open',
    opensAt: v.opensAt,
    closesAt: v.closesAt,
    closedAt: v.closedAt,
    electorateSize: v.electorateSize,
    ballots: v.ballots,
    turnoutPct: v.turnoutPct,
    options: v.options.map((o) => ({ id: o.id, label: o.label, description: o.description })),
    result: v.result,
  };
}

async function load(tx: Tx, id: string, now: Date): Promise<Vote> {
  const row = (await findVote(tx, id))!;
  return presentVote(row, await listOptions(tx, [id]), now);
}

/** The area polled: a village, or a group (村民小组 / 小区) under it; with the village's path. */
async function areaOf(tx: Tx, actor: Actor, code: string) {
  const region = await findRegionForUpdate(tx, code);
  if (!region || !inScope(actor, region.path)) throw outOfScope('regionCode', '区划不存在或不在您的管理范围内');
  if (region.level !== 'village' && region.level !== 'group') throw invalidField('regionCode', '请选择村（社区）或其下的村民小组（小区）');
  const group = region.level === 'group';
  return { ...region, villagePath: group ? region.path.slice(0, region.path.lastIndexOf('.')) : region.path, groupCode: group ? region.code : null };
}

function checkOptions(method: VoteMethod, options: { label: string }[]): { label: string; description?: string }[] {
  if (method === 'yes_no') {
    if (options.length) throw invalidField('options', '赞成 / 反对 / 弃权表决不设选项');
    return [];
  }
  if (options.length < 2 || options.length > 10) throw invalidField('options', '请列出 2 至 10 个选项');
  const labels = options.map((o) => o.label.trim());
  if (labels.some((l) => !l)) throw invalidField('options', '选项名称不能为空');
  if (new Set(labels).size !== labels.length) throw invalidField('options', '选项不能重复');
  return options;
}

function checkClosesAt(closesAt: string, now: Date): Date {
  const at = new Date(closesAt);
  if (at.getTime() <= now.getTime()) throw invalidField('closesAt', '截止时间须晚于现在');
  return at;
}

async function checkLinks(tx: Tx, villagePath: string, b: { proposalId?: string; meetingId?: string }) {
  if (b.proposalId && !(await existsWithin(tx, 'cocreation_proposals', b.proposalId, villagePath)))
    throw invalidField('proposalId', '议题不存在或不属于该村（社区）');
  if (b.meetingId && !(await existsWithin(tx, 'cocreation_meetings', b.meetingId, villagePath)))
    throw invalidField('meetingId', '议事会议不存在或不属于该村（社区）');
}

const optionRows = (voteId: string, path: string, options: { label: string; description?: string }[]) =>
  options.map((o, i) => ({ id: uuidv7(), vote_id: voteId, path, seq: i + 1, label: o.label.trim(), description: o.description?.trim() || null }));

export async function searchVotes(deps: Deps, actor: Actor, q: VoteQuery): Promise<Vote[]> {
  authorize(actor, 'cocreation.read');
  const now = deps.clock.now();
  return withContext(deps.db, dbContext(actor), async (tx) => {
    const region = await findRegionForUpdate(tx, q.regionCode ?? actor.regionCode);
    if (!region || !inScope(actor, region.path)) throw outOfScope('regionCode', '区划不存在或不在您的管理范围内');
    const rows = await listVotes(tx, { path: region.path, status: q.status });
    const options = await listOptions(
      tx,
      rows.map((r) => r.id),
    );
    return rows.map((r) => presentVote(r, options, now));
  });
}

export async function getVote(deps: Deps, actor: Actor, id: string): Promise<Vote> {
  authorize(actor, 'cocreation.read');
  const now = deps.clock.now();
  return withContext(deps.db, dbContext(actor), async (tx) => {
    const row = await findVote(tx, id);
    if (!row || !inScope(actor, row.path)) throw notFound('表决', id);
    return presentVote(row, await listOptions(tx, [id]), now);
  });
}

/** Drafts a vote for a village or a group under it, optionally on a proposal or at a meeting of that village. */
export async function createVote(deps: Deps, actor: Actor, body: CreateVoteBody): Promise<Vote> {
  authorize(actor, 'cocreation.edit');
  const now = deps.clock.now();
  const options = checkOptions(body.method, body.options ?? []);
  const closesAt = checkClosesAt(body.closesAt, now);
  return withContext(deps.db, dbContext(actor), async (tx) => {
    const area = await areaOf(tx, actor, body.regionCode);
    await checkLinks(tx, area.villagePath, body);
    const id = uuidv7();
    await insertVote(tx, {
      id,
      region_code: area.code,
      path: area.path,
      proposal_id: body.proposalId ?? null,
      meeting_id: body.meetingId ?? null,
      title: body.title.trim(),
      method: body.method,
      electorate: body.electorate,
      secret: body.secret ?? true,
      quorum_pct: body.quorumPct,
      pass_pct: body.passPct,
      closes_at: closesAt,
      created_by: actor.userId,
      created_at: now,
      updated_at: now,
    });
    await replaceOptions(tx, id, optionRows(id, area.path, options));
    const saved = await load(tx, id, now);
    await appendAudit(tx, deps.clock, actor, { action: 'cocreation.vote.create', targetType: 'cocreation_vote', targetId: id, after: saved });
    return saved;
  });
}

/** A draft changes in full; an open vote only its closing time; a closed vote not at all. */
export async function editVote(deps: Deps, actor: Actor, id: string, body: UpdateVoteBody): Promise<Vote> {
  authorize(actor, 'cocreation.edit');
  const now = deps.clock.now();
  return withContext(deps.db, dbContext(actor), async (tx) => {
    const row = await lockVote(tx, id);
    if (!row || !inScope(actor, row.path)) throw notFound('表决', id);
    if (row.status === 'closed') throw invalidField('status', '表决已结束，不能修改');
    const before = await load(tx, id, now);
    const closesAt = body.closesAt !== undefined ? checkClosesAt(body.closesAt, now) : undefined;
    if (row.status === 'open') {
      const other = Object.keys(body).find((k) => k !== 'closesAt');
      if (other) throw invalidField(other, '表决已开始，只能修改截止时间');
      if (closesAt) await updateVote(tx, id, { closes_at: closesAt, updated_at: now });
    } else {
      const method = body.method ?? row.method;
      const keep = method === 'yes_no' || (body.method && row.method === 'yes_no') ? [] : before.options;
      const options = checkOptions(method, body.options ?? keep);
      const area = await areaOf(tx, actor, row.region_code);
      await checkLinks(tx, area.villagePath, body);
      await updateVote(tx, id, {
        ...(body.title !== undefined ? { title: body.title.trim() } : {}),
        ...(body.proposalId !== undefined ? { proposal_id: body.proposalId } : {}),
        ...(body.meetingId !== undefined ? { meeting_id: body.meetingId } : {}),
        ...(body.electorate !== undefined ? { electorate: body.electorate } : {}),
        ...(body.secret !== undefined ? { secret: body.secret } : {}),
        ...(body.quorumPct !== undefined ? { quorum_pct: body.quorumPct } : {}),
        ...(body.passPct !== undefined ? { pass_pct: body.passPct } : {}),
        ...(closesAt ? { closes_at: closesAt } : {}),
        method,
        updated_at: now,
      });
      if (body.options !== undefined || body.method !== undefined) await replaceOptions(tx, id, optionRows(id, row.path, options));
    }
    const saved = await load(tx, id, now);
    await appendAudit(tx, deps.clock, actor, { action: 'cocreation.vote.update', targetType: 'cocreation_vote', targetId: id, before, after: saved });
    return saved;
  });
}

/** Opens the vote: the electorate is copied from the registry now; later moves do not change it. */
export async function openVote(deps: Deps, actor: Actor, id: string): Promise<Vote> {
  authorize(actor, 'cocreation.edit');
  const now = deps.clock.now();
  return withContext(deps.db, dbContext(actor), async (tx) => {
    const row = await lockVote(tx, id);
    if (!row || !inScope(actor, row.path)) throw notFound('表决', id);
    if (row.status === 'closed') throw invalidField('status', '表决已结束，不能重新开始');
    if (row.status === 'open') throw invalidField('status', '表决已经开始');
    if (!row.closes_at || row.closes_at.getTime() <= now.getTime()) throw invalidField('closesAt', '截止时间已过，请先修改截止时间');
    const area = await areaOf(tx, actor, row.region_code);
    const electors = await snapshotElectorate(tx, { path: area.path, groupCode: area.groupCode }, row.electorate, chinaDate(now));
    if (!electors.length) throw invalidField('regionCode', '该区域没有符合条件的选民（须为登记在册、年满 18 周岁的居民）');
    await insertElectors(
      tx,
      electors.map((e) => ({
        id: uuidv7(),
        vote_id: id,
        path: row.path,
        household_id: e.household_id,
        resident_id: e.resident_id,
        name: e.name,
        member_ids: e.member_ids,
      })),
    );
    await updateVote(tx, id, { status: 'open', opens_at: now, electorate_size: electors.length, updated_at: now });
    const saved = await load(tx, id, now);
    await appendAudit(tx, deps.clock, actor, {
      action: 'cocreation.vote.open',
      targetType: 'cocreation_vote',
      targetId: id,
      after: { status: 'open', opensAt: saved.opensAt, electorateSize: electors.length },
    });
    return saved;
  });
}

async function closeIn(tx: Tx, deps: Deps, actor: Actor, id: string, now: Date): Promise<Vote> {
  const row = (await lockVote(tx, id))!;
  const options = await listOptions(tx, [id]);
  const tally = tallyVote({
    method: row.method,
    electorateSize: row.electorate_size ?? 0,
    quorumPct: row.quorum_pct,
    passPct: row.pass_pct,
    options: options.map((o) => ({ id: o.id, label: o.label })),
    ballots: await listBallots(tx, id),
  });
  await updateVote(tx, id, { status: 'closed', closed_at: now, result: tally as unknown as Json, updated_at: now });
  const saved = await load(tx, id, now);
  await appendAudit(tx, deps.clock, actor, {
    action: 'cocreation.vote.close',
    targetType: 'cocreation_vote',
    targetId: id,
    after: { status: 'closed', result: tally },
  });
  return saved;
}

/** Closes the vote (the cadre, at any time once open) and fixes the tally in its result. */
export async function closeVote(deps: Deps, actor: Actor, id: string): Promise<Vote> {
  authorize(actor, 'cocreation.edit');
  const now = deps.clock.now();
  return withContext(deps.db, dbContext(actor), async (tx) => {
    const row = await lockVote(tx, id);
    if (!row || !inScope(actor, row.path)) throw notFound('表决', id);
    if (row.status === 'draft') throw invalidField('status', '表决尚未开始');
    if (row.status === 'closed') throw invalidField('status', '表决已经结束');
    return closeIn(tx, deps, actor, id, now);
  });
}

/** Closes every open vote past its closing time (the server's sweep; safe to run twice). */
export async function closeDueVotes(deps: Deps): Promise<{ closed: number }> {
  const now = deps.clock.now();
  const due = await withContext(deps.db, dbContext(SYSTEM_ACTOR), (tx) => listDueVotes(tx, now));
  let closed = 0;
  for (const id of due) {
    await withContext(deps.db, dbContext(SYSTEM_ACTOR), async (tx) => {
      const row = await lockVote(tx, id);
      if (row?.status !== 'open') return;
      await closeIn(tx, deps, SYSTEM_ACTOR, id, now);
      closed++;
    });
  }
  return { closed };
}

/** The electors of a vote (names for the clerk's paper entry; never a choice). */
export async function searchElectors(deps: Deps, actor: Actor, id: string, q: ElectorQuery): Promise<Elector[]> {
  authorize(actor, 'cocreation.read');
  return withContext(deps.db, dbContext(actor), async (tx) => {
    const row = await findVote(tx, id);
    if (!row || !inScope(actor, row.path)) throw notFound('表决', id);
    return (await listElectors(tx, id, q)).map((e) => ({
      id: e.id,
      name: e.name,
      address: e.address,
      voted: e.voted_at !== null,
      channel: e.channel,
      votedAt: iso(e.voted_at),
      witnessName: e.witness_name,
      enteredBy: e.entered_by_name,
    }));
  });
}

/** The public tally of one vote (no login): a draft is not public. */
export async function publicTally(deps: Deps, id: string): Promise<PublicVote> {
  const now = deps.clock.now();
  return withContext(deps.db, dbContext(SYSTEM_ACTOR), async (tx) => {
    const row = await findVote(tx, id);
    if (!row || row.status === 'draft') throw notFound('表决', id);
    return publicVote(row, await listOptions(tx, [id]), now);
  });
}

/** A village's votes for its disclosure page (no login): open and closed, newest first. */
export async function publicVillageVotes(deps: Deps, villageCode: string): Promise<PublicVote[]> {
  const now = deps.clock.now();
  return withContext(deps.db, dbContext(SYSTEM_ACTOR), async (tx) => {
    const village = await findRegionForUpdate(tx, villageCode);
    if (!village || village.level !== 'village') throw invalidField('villageCode', '村（社区）不存在');
    const rows = (await listVotes(tx, { path: village.path, limit: 200 })).filter((r) => r.status !== 'draft');
    const options = await listOptions(
      tx,
      rows.map((r) => r.id),
    );
    return rows.map((r) => publicVote(r, options, now));
  });
}
