import { uuidv7 } from 'uuidv7';
import { dbContext, SYSTEM_ACTOR, type Actor } from '../../platform/actor.js';
import { withContext, type Tx } from '../../platform/db/context.js';
import type { Updateable } from 'kysely';
import type { CompactsTable } from './tables.js';
import type { Deps } from '../../platform/deps.js';
import { invalidField, notFound } from '../../platform/errors.js';
import { chinaDate } from '../../platform/time.js';
import { workCalendar } from '../../platform/calendar/service.js';
import { createVote, openVote } from '../cocreation/index.js';
import { findRegionForUpdate } from '../regions/index.js';
import type { Compact, FilingDecisionBody, NoticeBody, PublicCompact, PublishBody, ReopenBody, VoteBody } from './compact-schema.js';
import { changeCompact, getCompact, stepState } from './compact-service.js';
import { latestVersion } from './compact-steps.js';
import * as store from './compact-store.js';
import { invitationLettersPdf, posterPdf } from './compact-pdf.js';
import { authorize } from './policy.js';
import { getVersion, versionIn } from './text-service.js';

// From the finished text to the compact in force: the second notice (二次公示, in working days),
// the vote (a co-creation yes/no vote of the whole village: one implementation of voting),
// publication with the poster, and the township's filing review (备案), which cannot accept a
// compact whose published text still carries a legality flag. A returned filing reopens the
// revision step: the text is changed, shown and voted on again.

/** Step 7: the notice runs `workingDays` working days from `from` (the first working day on or after it). */
export async function setNotice(deps: Deps, actor: Actor, id: string, body: NoticeBody): Promise<Compact> {
  authorize(actor, 'compacts.edit');
  if (body.from < chinaDate(deps.clock.now())) throw invalidField('from', '公示起始日期不能早于今天');
  const calendar = await workCalendar(deps);
  const first = calendar.addWorkingDays(body.from, 0);
  const until = calendar.addWorkingDays(first, body.workingDays - 1);
  return changeCompact(deps, actor, id, { action: 'compacts.notice', steps: ['notice'], field: 'from' }, async (tx) => {
    const latest = latestVersion({ versions: await store.listVersions(tx, id) });
    await store.updateCompact(tx, id, { notice_from: first, notice_until: until, notice_version_id: latest!.id });
    return { from: first, until, workingDays: body.workingDays };
  });
}

/**
 * Step 8: opens the vote as co-creation votes of the village (yes / no / abstain, secret): one on
 * the whole text, or one per article (逐条表决); all adults (村民会议) or one ballot per household.
 * Whether each passed is judged by the law's quorum and majority (compact-service.ts passedByLaw),
 * not by the vote's own settings. The votes open before the compact records them; if that last
 * write were refused, they would stand as votes of the village with no compact pointing at them.
 */
export async function startVote(deps: Deps, actor: Actor, id: string, body: VoteBody): Promise<Compact> {
  authorize(actor, 'compacts.edit');
  const before = await getCompact(deps, actor, id);
  if (before.step !== 'vote') throw invalidField('step', '公示期满后才能表决');
  if (before.vote && before.vote.versionSeq === before.versionSeq) throw invalidField('electorate', '这一版已经发起过表决');
  const text = await getVersion(deps, actor, id, before.versionSeq);
  const title = before.title.length > 60 ? `${before.title.slice(0, 59)}…` : before.title;
  const subjects: { articleKey: string | null; title: string }[] =
    body.mode === 'articles'
      ? text.articles.map((a) => ({ articleKey: a.key, title: `表决《${title}》第${a.number}条（第 ${text.seq} 版）` }))
      : [{ articleKey: null, title: `表决《${title}》（第 ${text.seq} 版）` }];
  const opened: { articleKey: string | null; voteId: string }[] = [];
  for (const subject of subjects) {
    const vote = await createVote(deps, actor, {
      regionCode: before.regionCode,
      ...(body.meetingId ? { meetingId: body.meetingId } : {}),
      title: subject.title,
      method: 'yes_no',
      electorate: body.electorate,
      secret: true,
      quorumPct: body.electorate === 'household' ? 67 : 51,
      passPct: 51,
      closesAt: body.closesAt,
    });
    await openVote(deps, actor, vote.id);
    opened.push({ articleKey: subject.articleKey, voteId: vote.id });
  }
  return changeCompact(deps, actor, id, { action: 'compacts.vote', steps: ['vote'], field: 'electorate' }, async (tx, row, now) => {
    const latest = latestVersion({ versions: await store.listVersions(tx, id) })!;
    if (latest.seq !== text.seq || (row.vote_version_id === latest.id && (await store.votesOf(tx, latest.id)).length)) {
      throw invalidField('electorate', '这一版已经发起过表决');
    }
    await store.insertVotes(
      tx,
      opened.map((o) => ({
        id: uuidv7(),
        compact_id: id,
        path: row.path,
        version_id: latest.id,
        article_key: o.articleKey,
        vote_id: o.voteId,
        created_at: now,
      })),
    );
    await store.updateCompact(tx, id, { vote_version_id: latest.id });
    return { mode: body.mode ?? 'whole', votes: opened.length, electorate: body.electorate, versionSeq: latest.seq };
  });
}

/** Step 9: the adopted text is put up (张榜) on a day; closing the step then submits it for filing. */
export async function publish(deps: Deps, actor: Actor, id: string, body: PublishBody): Promise<Compact> {
  authorize(actor, 'compacts.edit');
  if (body.publishedOn > chinaDate(deps.clock.now())) throw invalidField('publishedOn', '公布日期不能晚于今天');
  return changeCompact(deps, actor, id, { action: 'compacts.publish', steps: ['publication'], field: 'publishedOn' }, async (tx, row) => {
    const latest = latestVersion({ versions: await store.listVersions(tx, id) })!;
    if (row.vote_version_id !== latest.id) throw invalidField('publishedOn', '只能公布表决通过的版本');
    await store.updateCompact(tx, id, { published_version_id: latest.id, published_on: body.publishedOn });
    return { versionSeq: latest.seq, publishedOn: body.publishedOn };
  });
}

/** The township's filing review: accept (refused while the published text has a legality flag) or return with a note. */
export async function decideFiling(deps: Deps, actor: Actor, id: string, body: FilingDecisionBody): Promise<Compact> {
  authorize(actor, 'compacts.review');
  const action = body.decision === 'accept' ? 'compacts.filing.accept' : 'compacts.filing.return';
  return changeCompact(deps, actor, id, { action, steps: ['filing'], field: 'decision' }, async (tx, row, now) => {
    if (actor.scopePath === row.path) throw invalidField('decision', '备案由上级乡镇（街道）审查，村（社区）不能自己备案');
    const note = body.note.trim();
    if (body.decision === 'accept') {
      const flags = row.published_version_id ? await store.flagsOf(tx, row.published_version_id) : [];
      if (flags.length) {
        const list = flags.map((f) => `第${f.number}条“${f.matched}”：${f.reason}`).join('；');
        throw invalidField('decision', `公布的文本还有 ${flags.length} 处合法性问题，不能备案，请退回修改：${list}`);
      }
      await store.updateCompact(tx, id, { step: 'filed', filing_decided_at: now, filing_decided_by: actor.userId, filing_note: note });
      await store.insertStep(tx, {
        id: uuidv7(),
        compact_id: id,
        path: row.path,
        step: 'filing',
        action: 'completed',
        summary: `乡镇审查同意备案：${note}`,
        created_by: actor.userId,
        created_at: now,
      });
    } else {
      await backToRevision(tx, row, actor, now, `乡镇退回备案：${note}`, { filing_decided_at: now, filing_decided_by: actor.userId, filing_note: note });
    }
    return { decision: body.decision, note };
  });
}

/** Reopens 修改完善: the notice, vote and publication of the old text no longer count; a new version is needed. */
async function backToRevision(tx: Tx, row: store.CompactRow, actor: Actor, now: Date, summary: string, extra: Updateable<CompactsTable> = {}): Promise<void> {
  await store.updateCompact(tx, row.id, {
    step: 'revision',
    revision_base_seq: (await store.listVersions(tx, row.id)).at(-1)?.seq ?? 0,
    notice_from: null,
    notice_until: null,
    notice_version_id: null,
    vote_version_id: null,
    published_version_id: null,
    published_on: null,
    filing_submitted_at: null,
    ...extra,
  });
  await store.insertStep(tx, {
    id: uuidv7(),
    compact_id: row.id,
    path: row.path,
    step: 'revision',
    action: 'reopened',
    summary,
    created_by: actor.userId,
    created_at: now,
  });
}

/**
 * The village takes the text back to 修改完善 during the notice (an objection it adopts changes the
 * text) or after a vote that failed; not while a vote is open (its ballots would lose their text).
 */
export async function reopenRevision(deps: Deps, actor: Actor, id: string, body: ReopenBody): Promise<Compact> {
  authorize(actor, 'compacts.edit');
  return changeCompact(deps, actor, id, { action: 'compacts.reopen', steps: ['notice', 'vote'], field: 'step' }, async (tx, row, now) => {
    const s = await stepState(tx, row, now);
    if (row.step === 'vote' && s.vote && s.vote.status !== 'closed') throw invalidField('step', '表决正在进行，结束后才能退回修改');
    if (row.step === 'vote' && s.vote?.passed) throw invalidField('step', '表决已通过，请张榜公布');
    await backToRevision(tx, row, actor, now, `退回修改：${body.reason.trim()}`);
    return { reason: body.reason.trim() };
  });
}

/** Step 2's letters, one page per invited person. */
export async function invitationLetters(deps: Deps, actor: Actor, id: string): Promise<{ name: string; file: Buffer }> {
  const c = await getCompact(deps, actor, id);
  const file = await invitationLettersPdf({
    villageName: c.regionName,
    compactTitle: c.title,
    kind: c.kind,
    day: chinaDate(deps.clock.now()),
    invitees: c.invitations.map((i) => ({ name: i.name, capacity: i.capacity })),
  });
  return { name: `${c.title}-邀请函.pdf`, file };
}

/** Step 9's poster of the published version. */
export async function poster(deps: Deps, actor: Actor, id: string): Promise<{ name: string; file: Buffer }> {
  const c = await getCompact(deps, actor, id);
  if (!c.publishedVersionSeq || !c.publishedOn) throw invalidField('step', '表决通过并填写公布日期后才能打印张榜文本');
  const version = await withContext(deps.db, dbContext(actor), (tx) => versionIn(tx, id, c.publishedVersionSeq!));
  const turnout = c.vote?.turnoutPct != null ? `，参与率 ${c.vote.turnoutPct}%` : '';
  const how = c.vote?.mode === 'articles' ? '经逐条表决通过' : '经全体表决通过';
  const file = await posterPdf({
    villageName: c.regionName,
    title: c.title,
    kind: c.kind,
    versionSeq: version!.seq,
    articles: version!.articles,
    adoptedBy: `${how}${turnout}`,
    publishedOn: c.publishedOn,
  });
  return { name: `${c.title}-第${version!.seq}版-张榜.pdf`, file };
}

/** The village's compacts in force, for the public notice board: the text, its version and date — nobody's name. */
export async function publicCompacts(deps: Deps, villageCode: string): Promise<PublicCompact[]> {
  return withContext(deps.db, dbContext(SYSTEM_ACTOR), async (tx) => {
    const village = await findRegionForUpdate(tx, villageCode);
    if (!village || village.level !== 'village') throw notFound('村（社区）', villageCode);
    const out: PublicCompact[] = [];
    for (const row of await store.publishedIn(tx, village.path)) {
      const version = (await store.listVersions(tx, row.id)).find((v) => v.id === row.published_version_id)!;
      const text = (await versionIn(tx, row.id, version.seq))!;
      out.push({
        id: row.id,
        title: row.title,
        kind: row.kind,
        regionName: row.region_name,
        versionSeq: version.seq,
        publishedOn: row.published_on!,
        filed: row.step === 'filed',
        articles: text.articles,
      });
    }
    return out;
  });
}
