import { uuidv7 } from 'uuidv7';
import { dbContext, type Actor } from '../../platform/actor.js';
import { appendAudit } from '../../platform/audit/service.js';
import { workCalendar } from '../../platform/calendar/service.js';
import { withContext, type Tx } from '../../platform/db/context.js';
import type { Deps } from '../../platform/deps.js';
import { forbidden, invalidField, notFound } from '../../platform/errors.js';
import { settleOrderForDispute, type DisputeOrderSettlement } from '../requests/index.js';
import { appendCaseEvent, conflict, escalateCase, judicialDueDay, officeOf, placeOfCase, requireReason, type CaseStep } from './core.js';
import { prepareParties } from './create-service.js';
import { LEVEL_NAMES, RISK_NAMES, riskIndex } from './levels.js';
import { agreementParticulars, registryParticulars, type RegistryParticulars } from './particulars.js';
import { handles, inScope } from './policy.js';
import { caseDetail, visibleCase } from './query-service.js';
import { OUTCOME_NAMES, REFERRAL_NAMES } from './schema.js';
import type {
  AddPartyBody,
  AgreeBody,
  AssignBody,
  DisputeCaseDetail,
  LinkReceptionBody,
  NoteBody,
  ReasonBody,
  ReferBody,
  RiskBody,
  SessionBody,
  SignBody,
  StampBody,
  VisitBody,
} from './schema.js';
import {
  findAgreement,
  insertAgreement,
  insertParties,
  insertSession,
  listMediators,
  listParties,
  listReceptions,
  lockCase,
  updateAgreement,
  updateCase,
  updateParty,
  type AgreementRow,
  type CaseRow,
} from './store.js';

export interface CaseContext extends CaseStep {
  deps: Deps;
  tx: Tx;
  row: CaseRow;
}

/**
 * Runs one action on one case: the case is locked (two clicks serialize), the actor must see it
 * (404 otherwise) and handle it (its place in their subtree, its level at or below theirs), the
 * action writes its timeline entry, and the audit records the state before and after (and what the
 * action returns as details), all in one transaction. Returns the case as the actor now sees it.
 */
export async function act(
  deps: Deps,
  actor: Actor,
  id: string,
  action: string,
  fn: (c: CaseContext) => Promise<Record<string, unknown> | void>,
): Promise<DisputeCaseDetail> {
  const calendar = await workCalendar(deps);
  const now = deps.clock.now();
  return withContext(deps.db, dbContext(actor), async (tx) => {
    const row = await lockCase(tx, id);
    if (!row || !inScope(actor, row.path) || actor.role === 'department_staff') throw notFound('调解案件', id);
    if (!handles(actor, row)) throw forbidden('disputes.edit');
    const details = await fn({ deps, actor, now, calendar, tx, row });
    // The answer's read gives the state after too (the audit record is written at the commit).
    const detail = await caseDetail(tx, deps, actor, id);
    await appendAudit(tx, deps.clock, actor, {
      action: `dispute_case.${action}`,
      targetType: 'dispute_case',
      targetId: id,
      before: { status: row.status, level: row.level, risk: row.risk_level, mediatorId: row.mediator_id, outcome: row.outcome },
      after: { status: detail.status, level: detail.level, risk: detail.riskLevel, mediatorId: detail.mediatorId, outcome: detail.outcome },
      ...(details ? { details } : {}),
    });
    return detail;
  });
}

const ACTIVE = ['open', 'failed'];

function requireStatus(row: CaseRow, allowed: string[], what: string): void {
  if (!allowed.includes(row.status)) throw conflict(`案件当前状态（${row.status}）不能${what}`);
}

async function mediatorFor(c: CaseContext, id: string, field = 'mediatorId'): Promise<{ id: string; name: string; organization: string }> {
  const m = (await listMediators(c.tx, { id, reachablePath: c.row.path }))[0];
  if (!m) throw invalidField(field, '调解员不存在、已停用或不能调解本地纠纷');
  return m;
}

/** Assigns (or reassigns) the case to a mediator of the roster. */
export function assignMediator(deps: Deps, actor: Actor, id: string, body: AssignBody): Promise<DisputeCaseDetail> {
  return act(deps, actor, id, 'assign', async (c) => {
    requireStatus(c.row, ['open', 'failed', 'agreed'], '指派调解员');
    if (c.row.mediator_id === body.mediatorId) throw invalidField('mediatorId', '已是本案调解员');
    const m = await mediatorFor(c, body.mediatorId);
    await updateCase(c.tx, id, { mediator_id: m.id, updated_at: c.now });
    await appendCaseEvent(c.tx, c, c.row, c.row.mediator_id ? 'reassign' : 'assign', {
      note: body.note,
      details: { from: c.row.mediator_id, to: m.id, mediatorName: m.name, organization: m.organization },
    });
  });
}

/** 上报: one level up, only with a reason of at least 4 characters. */
export function escalateDispute(deps: Deps, actor: Actor, id: string, body: ReasonBody): Promise<DisputeCaseDetail> {
  const reason = requireReason(body.reason, 'reason', '上报理由');
  return act(deps, actor, id, 'escalate', async (c) => {
    requireStatus(c.row, ACTIVE, '上报');
    if (!(await escalateCase(c.tx, c.deps, c, c.row, reason, 'escalate'))) throw conflict('已在县级，无法再上报');
  });
}

/**
 * Sets the risk level by hand. Raising needs a reason; lowering below the automatic level needs
 * one too (lowering back towards it after a raise does not).
 */
export function setRiskLevel(deps: Deps, actor: Actor, id: string, body: RiskBody): Promise<DisputeCaseDetail> {
  return act(deps, actor, id, 'risk', async (c) => {
    requireStatus(c.row, ['open', 'failed', 'agreed'], '调整风险等级');
    const from = c.row.risk_level;
    if (body.level === from) throw invalidField('level', `风险等级已是“${RISK_NAMES[from]}”`);
    const raising = riskIndex(body.level) > riskIndex(from);
    const belowAuto = riskIndex(body.level) < riskIndex(c.row.auto_risk_level);
    const reason =
      raising || belowAuto ? requireReason(body.reason, 'reason', raising ? '提高风险等级的理由' : '低于自动评估等级的理由') : body.reason?.trim() || null;
    await updateCase(c.tx, id, { risk_level: body.level, updated_at: c.now });
    await appendCaseEvent(c.tx, c, c.row, 'risk', { note: reason, details: { from, to: body.level, auto: false, autoLevel: c.row.auto_risk_level } });
  });
}

/** A mediation session (调解会) with its minutes; its methods join the case's. Resumes a failed mediation. */
export function recordSession(deps: Deps, actor: Actor, id: string, body: SessionBody): Promise<DisputeCaseDetail> {
  return act(deps, actor, id, 'session', async (c) => {
    requireStatus(c.row, ACTIVE, '记录调解');
    const heldAt = new Date(body.heldAt);
    if (heldAt.getTime() > c.now.getTime() + 60_000) throw invalidField('heldAt', '不能晚于当前时间');
    const mediatorId = body.mediatorId ?? c.row.mediator_id;
    if (body.mediatorId) await mediatorFor(c, body.mediatorId);
    await insertSession(c.tx, {
      id: uuidv7(),
      case_id: id,
      held_at: heldAt,
      place: body.place.trim(),
      attendees: body.attendees.map((a) => a.trim()),
      record: body.record.trim(),
      methods: [...new Set(body.methods)],
      mediator_id: mediatorId,
      path: c.row.path,
      created_by: actor.userId,
      created_at: c.now,
    });
    const methods = [...new Set([...c.row.methods, ...body.methods])];
    await updateCase(c.tx, id, { methods, status: 'open', updated_at: c.now });
    await appendCaseEvent(c.tx, c, c.row, 'session', {
      note: body.place,
      details: { heldAt: body.heldAt, methods: body.methods, attendees: body.attendees.length },
    });
  });
}

const WRITTEN_FIELDS: [keyof AgreeBody, string][] = [
  ['facts', '纠纷的主要事实'],
  ['matters', '争议事项'],
  ['responsibilities', '各方当事人的责任'],
  ['performanceMethod', '履行方式'],
  ['performanceDeadline', '履行期限'],
];

/** The registry's particulars of a case's registered parties, read before the case's transaction (empty when the case is not visible). */
async function partiesRegistry(deps: Deps, actor: Actor, id: string): Promise<Map<string, RegistryParticulars>> {
  const residentIds = await withContext(deps.db, dbContext(actor), async (tx) => {
    const row = await visibleCase(tx, actor, id).catch(() => undefined);
    return row ? (await listParties(tx, id)).flatMap((p) => (p.resident_id ? [p.resident_id] : [])) : [];
  });
  return registryParticulars(deps, actor, residentIds);
}

/**
 * Records the agreement. A written one (调解协议书) must state what art. 29 asks for, the parties'
 * particulars included (sex, age, ethnicity, occupation or work unit, address: a registered
 * resident's sex, age and address from the registry as it stands now); it takes effect when the
 * parties have signed and the committee has stamped it. An oral one takes effect at once (art. 28).
 */
export async function recordAgreement(deps: Deps, actor: Actor, id: string, body: AgreeBody): Promise<DisputeCaseDetail> {
  const registry = body.kind === 'written' ? await partiesRegistry(deps, actor, id) : new Map<string, RegistryParticulars>();
  return act(deps, actor, id, 'agree', async (c) => {
    requireStatus(c.row, ACTIVE, '达成协议');
    if (await findAgreement(c.tx, id)) throw conflict('本案已有调解协议');
    let committee = body.committeeName?.trim() || null;
    if (body.kind === 'written') {
      for (const [field, label] of WRITTEN_FIELDS) {
        const v = body[field];
        if (typeof v !== 'string' || !v.trim()) throw invalidField(field, `书面调解协议须写明${label}`);
      }
      if (!committee && c.row.mediator_id) committee = (await listMediators(c.tx, { id: c.row.mediator_id, includeInactive: true }))[0]?.organization ?? null;
      if (!committee) throw invalidField('committeeName', '书面调解协议须写明人民调解委员会名称');
    }
    const particulars = body.kind === 'written' ? agreementParticulars(await listParties(c.tx, id), body.parties ?? [], registry) : new Map();
    for (const [partyId, patch] of particulars) await updateParty(c.tx, partyId, patch);
    const trim = (v: string | undefined) => v?.trim() || null;
    await insertAgreement(c.tx, {
      id: uuidv7(),
      case_id: id,
      kind: body.kind,
      facts: trim(body.facts),
      matters: trim(body.matters),
      responsibilities: trim(body.responsibilities),
      terms: body.terms.trim(),
      performance_method: trim(body.performanceMethod),
      performance_deadline: body.performanceDeadline ?? null,
      committee_name: committee,
      effective_at: body.kind === 'oral' ? c.now : null,
      path: c.row.path,
      created_by: actor.userId,
      created_at: c.now,
    });
    await updateCase(c.tx, id, { status: 'agreed', outcome: body.kind, outcome_note: null, updated_at: c.now });
    await appendCaseEvent(c.tx, c, c.row, 'agree', {
      note: body.terms.slice(0, 200),
      details: { kind: body.kind, performanceDeadline: body.performanceDeadline },
    });
    return particulars.size ? { particulars: Object.fromEntries(particulars) } : undefined;
  });
}

/** Mediation failed at this level: the case waits for escalation or a referral (and the sweep still watches its time limit). */
export function failMediation(deps: Deps, actor: Actor, id: string, body: ReasonBody): Promise<DisputeCaseDetail> {
  const reason = requireReason(body.reason, 'reason', '调解不成的原因');
  return act(deps, actor, id, 'fail', async (c) => {
    requireStatus(c.row, ['open'], '记录调解不成');
    await updateCase(c.tx, id, { status: 'failed', outcome_note: reason, updated_at: c.now });
    await appendCaseEvent(c.tx, c, c.row, 'fail', { note: reason });
  });
}

/** Refers the parties to litigation, arbitration or the petition channel, closing the case at its level. */
export function referDispute(deps: Deps, actor: Actor, id: string, body: ReferBody): Promise<DisputeCaseDetail> {
  const reason = requireReason(body.reason, 'reason', '引导理由');
  return act(deps, actor, id, 'refer', async (c) => {
    requireStatus(c.row, ACTIVE, '引导诉讼、仲裁或信访');
    await closeRow(c, { outcome: 'referred', referral: body.to, outcome_note: reason });
    const order = await settleOrder(c, `调解不成，已引导当事人通过${REFERRAL_NAMES[body.to]}途径解决：${reason}（调解案件 ${c.row.number}）`);
    await appendCaseEvent(c.tx, c, c.row, 'refer', { note: reason, details: { to: body.to, ...(order ? { order } : {}) } });
  });
}

async function writtenAgreement(c: CaseContext): Promise<AgreementRow> {
  requireStatus(c.row, ['agreed'], '办理协议签章');
  const a = await findAgreement(c.tx, c.row.id);
  if (!a || a.kind !== 'written') throw conflict('本案没有书面调解协议');
  return a;
}

/** The agreement takes effect when both the parties' signatures and the committee's stamp are on it. */
async function maybeEffective(
  c: CaseContext,
  a: AgreementRow,
  patch: { parties_signed?: boolean; signed_at?: Date; stamped?: boolean; stamped_at?: Date; committee_name?: string },
) {
  const signed = patch.parties_signed ?? a.parties_signed;
  const stamped = patch.stamped ?? a.stamped;
  const effective = signed && stamped ? c.now : null;
  await updateAgreement(c.tx, a.id, { ...patch, ...(effective ? { effective_at: effective, judicial_due: judicialDueDay(effective, c.calendar) } : {}) });
}

/** The parties have signed (签名、盖章或按指印). */
export function signAgreement(deps: Deps, actor: Actor, id: string, body: SignBody): Promise<DisputeCaseDetail> {
  return act(deps, actor, id, 'sign', async (c) => {
    const a = await writtenAgreement(c);
    if (a.parties_signed) throw conflict('当事人已签名');
    const at = body.signedAt ? new Date(body.signedAt) : c.now;
    if (at.getTime() > c.now.getTime() + 60_000) throw invalidField('signedAt', '不能晚于当前时间');
    await maybeEffective(c, a, { parties_signed: true, signed_at: at });
    await appendCaseEvent(c.tx, c, c.row, 'sign', { details: { signedAt: at } });
  });
}

/** The people's mediation committee has stamped it. */
export function stampAgreement(deps: Deps, actor: Actor, id: string, body: StampBody): Promise<DisputeCaseDetail> {
  return act(deps, actor, id, 'stamp', async (c) => {
    const a = await writtenAgreement(c);
    if (a.stamped) throw conflict('已加盖调解委员会印章');
    const committee = body.committeeName?.trim() || a.committee_name || undefined;
    await maybeEffective(c, a, { stamped: true, stamped_at: c.now, ...(committee ? { committee_name: committee } : {}) });
    await appendCaseEvent(c.tx, c, c.row, 'stamp', { note: committee });
  });
}

async function closeRow(c: CaseContext, patch: Partial<Pick<CaseRow, 'outcome' | 'referral' | 'outcome_note'>>): Promise<void> {
  await updateCase(c.tx, c.row.id, { ...patch, status: 'closed', closed_level: c.row.level, closed_at: c.now, updated_at: c.now });
}

/**
 * The work order the case came from hears how it ended, and is resolved by it unless a part of it
 * is still open (requests' settleOrderForDispute). Undefined when there is no order, or the actor
 * cannot see it.
 */
async function settleOrder(c: CaseContext, outcome: string): Promise<DisputeOrderSettlement | undefined> {
  if (!c.row.work_order_id) return undefined;
  const office = await officeOf(c.tx, placeOfCase(c.row), c.row.level);
  return settleOrderForDispute(c.tx, c, c.row.work_order_id, { caseId: c.row.id, caseNumber: c.row.number, outcome, unitName: office.name });
}

/**
 * 结案 after an agreement: a written one must be signed and stamped first. Records the level it
 * closed at; the work order it came from is resolved with the outcome (or told what is left).
 */
export function closeDispute(deps: Deps, actor: Actor, id: string, body: NoteBody): Promise<DisputeCaseDetail> {
  return act(deps, actor, id, 'close', async (c) => {
    requireStatus(c.row, ['agreed'], '结案');
    const a = await findAgreement(c.tx, id);
    if (a?.kind === 'written' && !(a.parties_signed && a.stamped)) throw conflict('书面调解协议须当事人签名并加盖调解委员会印章后才能结案');
    await closeRow(c, { outcome_note: body.note?.trim() || null });
    const terms = a ? `：${a.terms.length > 200 ? `${a.terms.slice(0, 200)}…` : a.terms}` : '';
    const outcome = `矛盾纠纷经${LEVEL_NAMES[c.row.level]}调解成功，达成${a ? OUTCOME_NAMES[a.kind] : '调解协议'}并结案（调解案件 ${c.row.number}）${terms}`;
    const order = await settleOrder(c, outcome);
    await appendCaseEvent(c.tx, c, c.row, 'close', { note: body.note, details: { closedLevel: c.row.level, ...(order ? { order } : {}) } });
  });
}

/** 回访: whether the agreement was performed. */
export function recordVisit(deps: Deps, actor: Actor, id: string, body: VisitBody): Promise<DisputeCaseDetail> {
  return act(deps, actor, id, 'visit', async (c) => {
    requireStatus(c.row, ['agreed', 'closed'], '回访');
    const a = await findAgreement(c.tx, id);
    if (!a) throw conflict('本案没有调解协议');
    if (a.followed_up_at) throw conflict('已回访');
    await updateAgreement(c.tx, a.id, { followed_up_at: c.now, performed: body.performed, follow_up_note: body.note?.trim() || null });
    await appendCaseEvent(c.tx, c, c.row, 'visit', { note: body.note, details: { performed: body.performed } });
  });
}

/** Links the case to a leader's reception (接访/约访/下访), or unlinks it. */
export function linkReception(deps: Deps, actor: Actor, id: string, body: LinkReceptionBody): Promise<DisputeCaseDetail> {
  return act(deps, actor, id, 'link_reception', async (c) => {
    if (body.receptionId && !(await listReceptions(c.tx, { id: body.receptionId, reachablePath: c.row.path }))[0]) {
      throw invalidField('receptionId', '接访安排不存在');
    }
    await updateCase(c.tx, id, { reception_id: body.receptionId, updated_at: c.now });
    await appendCaseEvent(c.tx, c, c.row, 'link_reception', { details: { from: c.row.reception_id, to: body.receptionId } });
  });
}

/**
 * Adds a party to a case still in mediation (the respondent of a case opened from a resident's
 * report, a third party who joins). Registry lookups run before the case's transaction.
 */
export async function addParty(deps: Deps, actor: Actor, id: string, body: AddPartyBody): Promise<DisputeCaseDetail> {
  const [party] = await prepareParties(deps, actor, { parties: [body.party] }, 'party');
  return act(deps, actor, id, 'add_party', async (c) => {
    requireStatus(c.row, ACTIVE, '增加当事人');
    const existing = await listParties(c.tx, id);
    if (party!.resident_id && existing.some((p) => p.resident_id === party!.resident_id)) throw invalidField('party.residentId', '该居民已是本案当事人');
    await insertParties(c.tx, [{ ...party!, id: uuidv7(), case_id: id, seq: existing.length + 1, path: c.row.path, created_at: c.now }]);
    await appendCaseEvent(c.tx, c, c.row, 'party_add', { details: { name: party!.name, role: party!.role } });
  });
}
