import { uuidv7 } from 'uuidv7';
import { dbContext, SYSTEM_ACTOR, type Actor } from '../../platform/actor.js';
import { appendAudit } from '../../platform/audit/service.js';
import { withContext, type Tx } from '../../platform/db/context.js';
import type { Deps } from '../../platform/deps.js';
import { invalidField, notFound } from '../../platform/errors.js';
import { chinaDate } from '../../platform/time.js';
import { residentActor, type ResidentPass } from '../cocreation/index.js';
import type {
  AnswerBody,
  CadreObjectionBody,
  CadreOpinionBody,
  Compact,
  CompactOpinion,
  ConsultationBody,
  Objection,
  ObjectionAnswerBody,
  ResidentCompact,
  ResidentObjectionBody,
  ResidentOpinionBody,
} from './compact-schema.js';
import { changeCompact } from './compact-service.js';
import * as store from './compact-store.js';
import { COMPACT_STEP_NAMES } from './kinds.js';
import { authorize, inScope } from './policy.js';
import { versionIn } from './text-service.js';

// The residents' voice on a compact: opinions per article during the consultation (from the
// resident's phone, from residents working away, entered by a cadre after a household visit),
// each answered with a reason; objections during the second notice, each answered; and the
// household's confirmation that it has read the published compact (知晓率).

export function presentOpinion(o: store.OpinionRow, current: Map<string, number>): CompactOpinion {
  return {
    id: o.id,
    articleKey: o.article_key,
    articleNumberThen: o.article_number,
    articleNumberNow: o.article_key ? (current.get(o.article_key) ?? null) : null,
    versionSeq: o.version_seq,
    source: o.source,
    authorName: o.author_name,
    text: o.text,
    answer: o.answer,
    answerReason: o.answer_reason,
    answeredAt: o.answered_at ? new Date(o.answered_at).toISOString() : null,
    createdAt: new Date(o.created_at).toISOString(),
  };
}

const presentObjection = (o: store.ObjectionRow): Objection => ({
  id: o.id,
  authorName: o.author_name,
  text: o.text,
  answer: o.answer,
  answeredAt: o.answered_at ? new Date(o.answered_at).toISOString() : null,
  createdAt: new Date(o.created_at).toISOString(),
});

/** Article key → its number in the newest version. */
async function currentNumbers(tx: Tx, compactId: string): Promise<Map<string, number>> {
  const v = await versionIn(tx, compactId);
  return new Map(v?.articles.map((a) => [a.key, a.number]) ?? []);
}

/** The article an opinion is about, in the version being consulted on. */
async function articleFor(tx: Tx, compactId: string, articleKey: string | undefined) {
  const v = await versionIn(tx, compactId);
  if (!v) throw invalidField('articleKey', '还没有可以提意见的条款');
  if (!articleKey) return { seq: v.seq, number: null };
  const a = v.articles.find((x) => x.key === articleKey);
  if (!a) throw invalidField('articleKey', '不是现行版本中的条款');
  return { seq: v.seq, number: a.number };
}

function consultationOpen(row: store.CompactRow, today: string): void {
  if (row.step !== 'consultation') throw invalidField('step', `现在是“${COMPACT_STEP_NAMES[row.step]}”阶段，不在征求意见期间`);
  if (row.consultation_until && today > row.consultation_until) throw invalidField('step', `征求意见已于 ${row.consultation_until} 截止`);
}

/** Step 5: until when opinions are taken. */
export async function setConsultation(deps: Deps, actor: Actor, id: string, body: ConsultationBody): Promise<Compact> {
  authorize(actor, 'compacts.edit');
  if (body.until < chinaDate(deps.clock.now())) throw invalidField('until', '截止日期不能早于今天');
  return changeCompact(deps, actor, id, { action: 'compacts.consultation', steps: ['consultation'], field: 'until' }, async (tx) => {
    await store.updateCompact(tx, id, { consultation_until: body.until });
    return { until: body.until };
  });
}

export async function listOpinions(deps: Deps, actor: Actor, id: string): Promise<CompactOpinion[]> {
  authorize(actor, 'compacts.read');
  return withContext(deps.db, dbContext(actor), async (tx) => {
    const row = await store.findCompact(tx, id);
    if (!row || !inScope(actor, row.path)) throw notFound('村规民约', id);
    const current = await currentNumbers(tx, id);
    return (await store.listOpinions(tx, id)).map((o) => presentOpinion(o, current));
  });
}

/** An opinion a cadre or grid worker enters: their own, or a household's heard on a visit. */
export async function addCadreOpinion(deps: Deps, actor: Actor, id: string, body: CadreOpinionBody): Promise<Compact> {
  authorize(actor, 'compacts.opinion');
  if (body.source === 'visit' && !body.residentId) throw invalidField('residentId', '入户听取的意见，请选择提意见的村民');
  return changeCompact(deps, actor, id, { action: 'compacts.opinion', field: 'step' }, async (tx, row, now) => {
    consultationOpen(row, chinaDate(now));
    const at = await articleFor(tx, id, body.articleKey);
    const person = body.residentId ? await store.residentWithin(tx, body.residentId, row.path) : undefined;
    if (body.residentId && !person) throw invalidField('residentId', '此人不在本村（社区）的户籍人口中');
    await store.insertOpinion(tx, {
      id: uuidv7(),
      compact_id: id,
      path: row.path,
      article_key: body.articleKey ?? null,
      version_seq: at.seq,
      article_number: at.number,
      source: body.source,
      resident_id: person?.id ?? null,
      household_id: person?.household_id ?? null,
      author_name: person?.name ?? actor.displayName,
      text: body.text.trim(),
      created_by: actor.userId,
      created_at: now,
    });
    return { source: body.source, article: at.number };
  });
}

/** Answers an opinion: adopted, partly or not, always with the reason. An answer may be revised (audited). */
export async function answerOpinion(deps: Deps, actor: Actor, id: string, opinionId: string, body: AnswerBody): Promise<Compact> {
  authorize(actor, 'compacts.edit');
  return changeCompact(deps, actor, id, { action: 'compacts.opinion.answer', steps: ['consultation', 'revision'], field: 'answer' }, async (tx, _row, now) => {
    const ok = await store.answerOpinion(tx, id, opinionId, {
      answer: body.answer,
      answer_reason: body.reason.trim(),
      answered_by: actor.userId,
      answered_at: now,
    });
    if (!ok) throw notFound('意见', opinionId);
    return { opinionId, answer: body.answer };
  });
}

export async function listObjections(deps: Deps, actor: Actor, id: string): Promise<Objection[]> {
  authorize(actor, 'compacts.read');
  return withContext(deps.db, dbContext(actor), async (tx) => {
    const row = await store.findCompact(tx, id);
    if (!row || !inScope(actor, row.path)) throw notFound('村规民约', id);
    return (await store.listObjections(tx, id)).map(presentObjection);
  });
}

function noticeOpen(row: store.CompactRow, today: string): void {
  if (row.step !== 'notice' || !row.notice_from || !row.notice_until) throw invalidField('step', '不在公示期间');
  if (today < row.notice_from) throw invalidField('step', `公示从 ${row.notice_from} 开始`);
  if (today > row.notice_until) throw invalidField('step', `公示已于 ${row.notice_until} 期满`);
}

/** An objection raised during the notice, entered by a cadre (in writing, at the village office). */
export async function addCadreObjection(deps: Deps, actor: Actor, id: string, body: CadreObjectionBody): Promise<Compact> {
  authorize(actor, 'compacts.edit');
  return changeCompact(deps, actor, id, { action: 'compacts.objection', field: 'step' }, async (tx, row, now) => {
    noticeOpen(row, chinaDate(now));
    const person = body.residentId ? await store.residentWithin(tx, body.residentId, row.path) : undefined;
    if (body.residentId && !person) throw invalidField('residentId', '此人不在本村（社区）的户籍人口中');
    await store.insertObjection(tx, {
      id: uuidv7(),
      compact_id: id,
      path: row.path,
      resident_id: person?.id ?? null,
      household_id: person?.household_id ?? null,
      author_name: person?.name ?? body.authorName.trim(),
      text: body.text.trim(),
      created_by: actor.userId,
      created_at: now,
    });
  });
}

export async function answerObjection(deps: Deps, actor: Actor, id: string, objectionId: string, body: ObjectionAnswerBody): Promise<Compact> {
  authorize(actor, 'compacts.edit');
  return changeCompact(deps, actor, id, { action: 'compacts.objection.answer', steps: ['notice'], field: 'answer' }, async (tx, _row, now) => {
    if (!(await store.answerObjection(tx, id, objectionId, { answer: body.answer.trim(), answered_by: actor.userId, answered_at: now })))
      throw notFound('异议', objectionId);
    return { objectionId };
  });
}

// The resident's phone page (with the co-creation pass). Runs as the system inside the village the
// pass names; the audit record names the resident.

async function residentCompact(tx: Tx, pass: ResidentPass, id: string, lock = false): Promise<store.CompactRow> {
  const row = await store.findCompact(tx, id, lock);
  if (!row || !(row.path === pass.villagePath || row.path.startsWith(`${pass.villagePath}.`))) throw notFound('村规民约', id);
  if (!['consultation', 'revision', 'notice', 'vote'].includes(row.step) && !row.published_version_id) throw notFound('村规民约', id);
  return row;
}

async function presentForResident(tx: Tx, row: store.CompactRow, pass: ResidentPass, today: string): Promise<ResidentCompact> {
  const published = row.published_version_id ? await store.listVersions(tx, row.id).then((vs) => vs.find((v) => v.id === row.published_version_id)) : undefined;
  // While a new text is being consulted on, residents read it; otherwise the text in force.
  const version =
    ['consultation', 'revision', 'notice', 'vote'].includes(row.step) || !published ? await versionIn(tx, row.id) : await versionIn(tx, row.id, published.seq);
  const current = new Map(version?.articles.map((a) => [a.key, a.number]) ?? []);
  const mine = await store.listOpinions(tx, row.id, { residentId: pass.residentId });
  const read = await store.hasRead(tx, row.id, pass.householdId);
  return {
    id: row.id,
    title: row.title,
    kind: row.kind,
    step: row.step,
    versionSeq: version?.seq ?? 0,
    articles: version?.articles ?? [],
    consultationUntil: row.consultation_until,
    noticeUntil: row.step === 'notice' ? row.notice_until : null,
    publishedOn: row.published_on,
    voteId: row.step === 'vote' && row.vote_version_id ? ((await store.votesOf(tx, row.vote_version_id))[0]?.vote_id ?? null) : null,
    mayComment: row.step === 'consultation' && (!row.consultation_until || today <= row.consultation_until),
    mayObject: row.step === 'notice' && !!row.notice_from && today >= row.notice_from && today <= (row.notice_until ?? ''),
    mayConfirmRead: !!row.published_version_id && !read,
    readConfirmed: read,
    myOpinions: mine.map((o) => {
      const { source: _source, ...rest } = presentOpinion(o, current);
      return rest;
    }),
  };
}

export async function residentCompacts(deps: Deps, pass: ResidentPass): Promise<ResidentCompact[]> {
  const today = chinaDate(deps.clock.now());
  return withContext(deps.db, dbContext(SYSTEM_ACTOR), async (tx) => {
    const rows = await store.openToResidents(tx, pass.villagePath);
    return Promise.all(rows.map((r) => presentForResident(tx, r, pass, today)));
  });
}

async function residentWrite(
  deps: Deps,
  pass: ResidentPass,
  ip: string | null,
  id: string,
  action: string,
  write: (tx: Tx, row: store.CompactRow, now: Date, today: string) => Promise<Record<string, unknown>>,
): Promise<ResidentCompact> {
  const now = deps.clock.now();
  const today = chinaDate(now);
  return withContext(deps.db, dbContext(SYSTEM_ACTOR), async (tx) => {
    const row = await residentCompact(tx, pass, id, true);
    const details = await write(tx, row, now, today);
    await appendAudit(tx, deps.clock, residentActor(pass, ip), { action, targetType: 'compact', targetId: id, details });
    return presentForResident(tx, (await store.findCompact(tx, id))!, pass, today);
  });
}

export async function addResidentOpinion(deps: Deps, pass: ResidentPass, ip: string | null, id: string, body: ResidentOpinionBody): Promise<ResidentCompact> {
  return residentWrite(deps, pass, ip, id, 'compacts.opinion', async (tx, row, now, today) => {
    consultationOpen(row, today);
    const at = await articleFor(tx, id, body.articleKey);
    const source = body.away ? 'migrant' : 'resident';
    await store.insertOpinion(tx, {
      id: uuidv7(),
      compact_id: id,
      path: row.path,
      article_key: body.articleKey ?? null,
      version_seq: at.seq,
      article_number: at.number,
      source,
      resident_id: pass.residentId,
      household_id: pass.householdId,
      author_name: pass.name,
      text: body.text.trim(),
      created_at: now,
    });
    return { source, article: at.number };
  });
}

export async function addResidentObjection(
  deps: Deps,
  pass: ResidentPass,
  ip: string | null,
  id: string,
  body: ResidentObjectionBody,
): Promise<ResidentCompact> {
  return residentWrite(deps, pass, ip, id, 'compacts.objection', async (tx, row, now, today) => {
    noticeOpen(row, today);
    await store.insertObjection(tx, {
      id: uuidv7(),
      compact_id: id,
      path: row.path,
      resident_id: pass.residentId,
      household_id: pass.householdId,
      author_name: pass.name,
      text: body.text.trim(),
      created_at: now,
    });
    return {};
  });
}

/** The household confirms it has read the published compact (知晓). Once per household; again is a no-op. */
export async function confirmRead(deps: Deps, pass: ResidentPass, ip: string | null, id: string): Promise<ResidentCompact> {
  return residentWrite(deps, pass, ip, id, 'compacts.read_confirm', async (tx, row, now) => {
    if (!row.published_version_id) throw invalidField('step', '尚未张榜公布');
    const added = await store.insertReading(tx, {
      id: uuidv7(),
      compact_id: id,
      path: row.path,
      household_id: pass.householdId,
      resident_id: pass.residentId,
      created_at: now,
    });
    return { added };
  });
}
