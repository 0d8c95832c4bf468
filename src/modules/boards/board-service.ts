import { uuidv7 } from 'uuidv7';
import { dbContext, type Actor } from '../../platform/actor.js';
import { appendAudit } from '../../platform/audit/service.js';
import { workCalendar } from '../../platform/calendar/service.js';
import { SYSTEM_CONTEXT, withContext, type Tx } from '../../platform/db/context.js';
import type { Deps } from '../../platform/deps.js';
import { invalidField, notFound, outOfScope } from '../../platform/errors.js';
import { attachFiles, decodeBase64, listOwnerFiles, prepareFiles, saveBlobs } from '../../platform/files/index.js';
import { chinaDate } from '../../platform/time.js';
import { surnameOnly } from '../cocreation/index.js';
import { councilForBoard, councilNames } from '../councils/index.js';
import * as store from './board-store.js';
import type {
  AnswerBody,
  DecideBody,
  Entry,
  EntryQuery,
  Ineligible,
  IneligibleQuery,
  NotifyBody,
  ObjectionBody,
  ProposeBody,
  PublicBoard,
} from './board-schema.js';
import { EVIDENCE_FILES, presentEvidence } from './evidence-files.js';
import { BOARD_NAMES, INELIGIBLE_BOARDS, type Board, type EntryStage } from './kinds.js';
import { authorize, inScope } from './policy.js';

// Honour and warning boards (红榜 / 黑榜 / 黄榜). An entry about a household is proposed by one of
// the village's councils, citing the compact's article (its words kept as they stood) with the
// facts and at least one evidence file; the household is notified, which opens the objection
// window (N working days on the official calendar); objections are recorded and answered; then
// the entry is decided — published for a set number of days, or withdrawn. Nothing is published
// before the window has run, nor while an objection waits for its answer, nor after one was
// upheld. A published entry expires by the clock: it leaves the public board and stays in the
// cadre's history. While a 黑榜 or 黄榜 entry is up, its household is not eligible for 评优评先
// — a query over the entries (ineligibleHouseholds), never a list anyone types.

const DEFAULT_OBJECTION_DAYS = 5;
const DEFAULT_PUBLISH_DAYS = 30;
const DAY_MS = 86_400_000;
const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

/** The state as of `now`: the stored status, with `objection` and `expired` worked out. */
export function stageOf(e: Pick<store.EntryRow, 'status' | 'published_until' | 'open_objections'>, now: Date): EntryStage {
  if (e.status === 'published') return e.published_until && new Date(e.published_until) <= now ? 'expired' : 'published';
  if (e.status === 'notified' && e.open_objections > 0) return 'objection';
  return e.status;
}

async function presentEntries(tx: Tx, rows: store.EntryRow[], now: Date): Promise<Entry[]> {
  const councils = await councilNames(
    tx,
    rows.map((r) => r.council_id),
  );
  const objections = await store.listObjections(
    tx,
    rows.map((r) => r.id),
  );
  const out: Entry[] = [];
  for (const e of rows) {
    out.push({
      id: e.id,
      villageCode: e.village_code,
      householdId: e.household_id,
      householdName: e.household_name,
      householdAddress: e.household_address,
      board: e.board,
      status: e.status,
      stage: stageOf(e, now),
      councilId: e.council_id,
      councilName: councils.get(e.council_id) ?? '',
      compactTitle: e.compact_title,
      articleNumber: e.article_number,
      articleText: e.article_text,
      facts: e.facts,
      publicText: e.public_text,
      objectionDays: e.objection_days,
      publishDays: e.publish_days,
      proposedAt: iso(e.proposed_at)!,
      notifiedAt: iso(e.notified_at),
      noticeMethod: e.notice_method,
      noticeNote: e.notice_note,
      objectionUntil: e.objection_until,
      decidedAt: iso(e.decided_at),
      decisionNote: e.decision_note,
      publishedAt: iso(e.published_at),
      publishedUntil: iso(e.published_until),
      evidence: (await listOwnerFiles(tx, EVIDENCE_FILES, e.id, 'evidence')).map(presentEvidence),
      objections: objections
        .filter((o) => o.entry_id === e.id)
        .map((o) => ({
          id: o.id,
          raisedBy: o.raised_by,
          content: o.content,
          raisedOn: o.raised_on,
          answer: o.answer,
          upheld: o.upheld,
          answeredAt: iso(o.answered_at),
        })),
    });
  }
  return out;
}

async function loadEntry(tx: Tx, id: string, now: Date): Promise<Entry> {
  const [entry] = await presentEntries(tx, [(await store.findEntry(tx, id))!], now);
  return entry!;
}

/** An entry in the actor's scope, or 404. */
async function entryIn(tx: Tx, actor: Actor, id: string, lock = false): Promise<store.EntryRow> {
  const e = await store.findEntry(tx, id, lock);
  if (!e || !inScope(actor, e.path)) throw notFound('榜单事项', id);
  return e;
}

async function villageIn(tx: Tx, actor: Actor, code: string): Promise<store.RegionRow> {
  const village = await store.findRegion(tx, code);
  if (!village || !inScope(actor, village.path)) throw outOfScope('villageCode', '村（社区）不存在或不在您的管理范围内');
  if (village.level !== 'village') throw invalidField('villageCode', '应为村（社区）');
  return village;
}

/** The household and the proposing council, checked: in scope, active, the council of its village. */
async function checkProposal(tx: Tx, actor: Actor, body: ProposeBody): Promise<store.HouseholdRow> {
  const household = await store.findHousehold(tx, body.householdId);
  if (!household || !inScope(actor, household.path)) throw outOfScope('householdId', '户不存在或不在您的管理范围内');
  if (household.status !== 'active') throw invalidField('householdId', '该户已注销');
  await councilForBoard(tx, actor, body.councilId, household.village_code);
  return household;
}

/**
 * A council proposes an entry: the article cited (its words kept), the facts, the line the board
 * will show, and at least one evidence file. Files are checked and stored before the transaction
 * and attached in it; a refusal names its field and writes nothing.
 */
export async function proposeEntry(deps: Deps, actor: Actor, body: ProposeBody): Promise<Entry> {
  authorize(actor, 'boards.edit');
  const files = body.evidence ?? [];
  if (files.length === 0) throw invalidField('evidence', '须附证据材料（照片或文件），至少一份');
  for (const [field, value, min] of [
    ['compactTitle', body.compactTitle, 2],
    ['articleNumber', body.articleNumber, 1],
    ['articleText', body.articleText, 2],
    ['facts', body.facts, 5],
    ['publicText', body.publicText, 2],
  ] as const) {
    if (value.trim().length < min) throw invalidField(field, `不能为空（至少 ${min} 个字）`);
  }
  if (/\d{6,}/.test(body.publicText)) throw invalidField('publicText', '公示内容不能含证件号、电话等号码');
  const inputs = files.map((f, i) => ({ data: decodeBase64(f.data, `evidence[${i}].data`), filename: f.filename }));
  const prepared = await prepareFiles(deps, { owner: EVIDENCE_FILES, usage: 'evidence', field: 'evidence' }, inputs);
  // Checked before the blobs are saved, so a refusal leaves nothing behind.
  await withContext(deps.db, dbContext(actor), (tx) => checkProposal(tx, actor, body));
  await saveBlobs(deps, prepared);
  const now = deps.clock.now();
  return withContext(deps.db, dbContext(actor), async (tx) => {
    const household = await checkProposal(tx, actor, body);
    const id = uuidv7();
    await store.insertEntry(tx, {
      id,
      village_code: household.village_code,
      path: household.path,
      household_id: household.id,
      board: body.board,
      status: 'proposed',
      council_id: body.councilId,
      compact_title: body.compactTitle.trim(),
      article_number: body.articleNumber.trim(),
      article_text: body.articleText.trim(),
      facts: body.facts.trim(),
      public_text: body.publicText.trim(),
      objection_days: body.objectionDays ?? DEFAULT_OBJECTION_DAYS,
      publish_days: body.publishDays ?? DEFAULT_PUBLISH_DAYS,
      proposed_by: actor.userId,
      proposed_at: now,
      updated_at: now,
    });
    const evidence = await attachFiles(tx, deps, actor, { owner: EVIDENCE_FILES, ownerId: id, usage: 'evidence', field: 'evidence' }, prepared);
    const saved = await loadEntry(tx, id, now);
    await appendAudit(tx, deps.clock, actor, {
      action: 'board.propose',
      targetType: 'board_entry',
      targetId: id,
      after: { ...saved, evidence: evidence.map((f) => f.id), objections: undefined },
    });
    return saved;
  });
}

/** The notice to the household is recorded; the objection window runs N working days from today. */
export async function notifyHousehold(deps: Deps, actor: Actor, id: string, body: NotifyBody): Promise<Entry> {
  authorize(actor, 'boards.edit');
  const now = deps.clock.now();
  const calendar = await workCalendar(deps);
  return withContext(deps.db, dbContext(actor), async (tx) => {
    const e = await entryIn(tx, actor, id, true);
    if (e.status !== 'proposed') throw invalidField('status', '只有刚提出的事项才能告知当事户（已告知或已结束）');
    const until = calendar.addWorkingDays(chinaDate(now), e.objection_days);
    await store.updateEntry(tx, id, {
      status: 'notified',
      notified_at: now,
      notice_method: body.method,
      notice_note: body.note?.trim() || null,
      objection_until: until,
      updated_at: now,
    });
    await appendAudit(tx, deps.clock, actor, {
      action: 'board.notify',
      targetType: 'board_entry',
      targetId: id,
      before: { status: e.status },
      after: { status: 'notified', method: body.method, objectionUntil: until },
    });
    return loadEntry(tx, id, now);
  });
}

/** An objection raised within the window (by the household or anyone), recorded by a cadre. */
export async function recordObjection(deps: Deps, actor: Actor, id: string, body: ObjectionBody): Promise<Entry> {
  authorize(actor, 'boards.edit');
  const now = deps.clock.now();
  const today = chinaDate(now);
  const raisedOn = body.raisedOn ?? today;
  if (raisedOn > today) throw invalidField('raisedOn', '日期不能晚于今天');
  return withContext(deps.db, dbContext(actor), async (tx) => {
    const e = await entryIn(tx, actor, id, true);
    if (e.status !== 'notified') throw invalidField('status', '只有已告知、异议期内的事项才能登记异议');
    if (raisedOn < chinaDate(e.notified_at!)) throw invalidField('raisedOn', '异议日期不能早于告知日期');
    if (raisedOn > e.objection_until!) throw invalidField('raisedOn', `异议期已于 ${e.objection_until} 届满，不再受理异议`);
    const oid = uuidv7();
    await store.insertObjection(tx, {
      id: oid,
      entry_id: id,
      path: e.path,
      raised_by: body.raisedBy.trim(),
      content: body.content.trim(),
      raised_on: raisedOn,
      recorded_by: actor.userId,
      recorded_at: now,
    });
    await appendAudit(tx, deps.clock, actor, {
      action: 'board.objection',
      targetType: 'board_entry',
      targetId: id,
      after: { objectionId: oid, raisedBy: body.raisedBy, raisedOn },
    });
    return loadEntry(tx, id, now);
  });
}

/** The council's answer to an objection: upheld (the entry can then only be withdrawn) or not. */
export async function answerObjection(deps: Deps, actor: Actor, id: string, objectionId: string, body: AnswerBody): Promise<Entry> {
  authorize(actor, 'boards.edit');
  const now = deps.clock.now();
  if (body.answer.trim().length < 2) throw invalidField('answer', '答复不能为空');
  return withContext(deps.db, dbContext(actor), async (tx) => {
    const e = await entryIn(tx, actor, id, true);
    const objection = (await store.listObjections(tx, [id])).find((o) => o.id === objectionId);
    if (!objection) throw notFound('异议', objectionId);
    if (objection.answered_at) throw invalidField('answer', '该异议已答复');
    if (e.status !== 'notified') throw invalidField('status', '事项已结束，不能再答复异议');
    await store.answerObjection(tx, objectionId, { answer: body.answer.trim(), upheld: body.upheld, answered_by: actor.userId, answered_at: now });
    await appendAudit(tx, deps.clock, actor, {
      action: 'board.answer',
      targetType: 'board_entry',
      targetId: id,
      after: { objectionId, upheld: body.upheld },
    });
    return loadEntry(tx, id, now);
  });
}

/**
 * Decides an entry. Publishing needs the notice given, the objection window run (publishing from
 * the day after its last day), every objection answered and none upheld; the entry is then up for
 * its publish days. Withdrawing ends an entry that was not published.
 */
export async function decideEntry(deps: Deps, actor: Actor, id: string, body: DecideBody): Promise<Entry> {
  authorize(actor, 'boards.edit');
  const now = deps.clock.now();
  const today = chinaDate(now);
  return withContext(deps.db, dbContext(actor), async (tx) => {
    const e = await entryIn(tx, actor, id, true);
    if (e.status === 'published' || e.status === 'withdrawn') throw invalidField('status', '事项已公示或已撤回，不能再决定');
    const note = body.note?.trim() || null;
    if (body.decision === 'withdraw') {
      await store.updateEntry(tx, id, { status: 'withdrawn', decided_at: now, decided_by: actor.userId, decision_note: note, updated_at: now });
      await appendAudit(tx, deps.clock, actor, {
        action: 'board.withdraw',
        targetType: 'board_entry',
        targetId: id,
        before: { status: e.status },
        after: { status: 'withdrawn', note },
      });
      return loadEntry(tx, id, now);
    }
    if (e.status === 'proposed') throw invalidField('notifiedAt', '尚未告知当事户，不能公示：请先登记告知，异议期满后再公示');
    if (today <= e.objection_until!) throw invalidField('objectionUntil', `异议期至 ${e.objection_until} 止，异议期满后（${e.objection_until} 之后）才能公示`);
    if (e.open_objections > 0) throw invalidField('objections', `还有 ${e.open_objections} 条异议未答复，答复后才能公示`);
    const objections = await store.listObjections(tx, [id]);
    if (objections.some((o) => o.upheld)) throw invalidField('decision', '有异议经复核成立，该事项只能撤回，不能公示');
    const until = new Date(now.getTime() + e.publish_days * DAY_MS);
    await store.updateEntry(tx, id, {
      status: 'published',
      decided_at: now,
      decided_by: actor.userId,
      decision_note: note,
      published_at: now,
      published_until: until,
      updated_at: now,
    });
    await appendAudit(tx, deps.clock, actor, {
      action: 'board.publish',
      targetType: 'board_entry',
      targetId: id,
      before: { status: e.status },
      after: { status: 'published', board: BOARD_NAMES[e.board], publishedUntil: until.toISOString() },
    });
    return loadEntry(tx, id, now);
  });
}

export async function getEntry(deps: Deps, actor: Actor, id: string): Promise<Entry> {
  authorize(actor, 'boards.read');
  return withContext(deps.db, dbContext(actor), async (tx) => {
    await entryIn(tx, actor, id);
    return loadEntry(tx, id, deps.clock.now());
  });
}

/** The village's entries in every state, expired and withdrawn included (the cadre's history). */
export async function listEntries(deps: Deps, actor: Actor, q: EntryQuery): Promise<Entry[]> {
  authorize(actor, 'boards.read');
  const now = deps.clock.now();
  return withContext(deps.db, dbContext(actor), async (tx) => {
    await villageIn(tx, actor, q.villageCode);
    return presentEntries(tx, await store.listEntries(tx, q.villageCode, now, { stage: q.stage, board: q.board }), now);
  });
}

const presentIneligible = (e: store.EntryRow): Ineligible => ({
  householdId: e.household_id,
  householdName: e.household_name,
  householdAddress: e.household_address,
  villageCode: e.village_code,
  board: e.board,
  entryId: e.id,
  publishedUntil: iso(e.published_until)!,
});

/**
 * Households not eligible for 评优评先 now: those on a published, unexpired 黑榜 or 黄榜 entry,
 * within the actor's scope (or one village of it). For other modules (awards, 文明户 selection):
 * pass `householdIds` to ask about particular households.
 */
export async function ineligibleHouseholds(deps: Deps, actor: Actor, q: IneligibleQuery & { householdIds?: string[] } = {}): Promise<Ineligible[]> {
  authorize(actor, 'boards.read');
  const now = deps.clock.now();
  return withContext(deps.db, dbContext(actor), async (tx) => {
    // The server itself (another module's sweep) asks across the county; people within their scope.
    const scope = q.villageCode ? (await villageIn(tx, actor, q.villageCode)).path : actor.role === 'system' ? null : actor.scopePath;
    if (scope === '') return [];
    const rows = await store.ineligibleWithin(tx, scope, INELIGIBLE_BOARDS, now, q.householdIds);
    // One row per household: its entry that stays up longest.
    const seen = new Set<string>();
    return rows.filter((r) => !seen.has(r.household_id) && seen.add(r.household_id)).map(presentIneligible);
  });
}

/** The village's board as the public sees it: entries up now; the household as 杨某, no numbers or address. No login. */
export async function publicBoard(deps: Deps, villageCode: string): Promise<PublicBoard> {
  const now = deps.clock.now();
  return withContext(deps.db, SYSTEM_CONTEXT, async (tx) => {
    const village = await store.findRegion(tx, villageCode);
    if (!village || village.level !== 'village') throw notFound('村（社区）', villageCode);
    const rows = await store.currentEntries(tx, villageCode, now);
    const councils = await councilNames(
      tx,
      rows.map((r) => r.council_id),
    );
    return {
      villageCode,
      villageName: village.name,
      entries: rows.map((e) => ({
        id: e.id,
        board: e.board as Board,
        household: `${surnameOnly(e.household_name)}户`,
        publicText: e.public_text,
        councilName: councils.get(e.council_id) ?? '',
        compactTitle: e.compact_title,
        articleNumber: e.article_number,
        publishedAt: iso(e.published_at)!,
        publishedUntil: iso(e.published_until)!,
      })),
    };
  });
}
