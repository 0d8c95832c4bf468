import { dbContext, type Actor } from '../../platform/actor.js';
import { withContext, type Tx } from '../../platform/db/context.js';
import type { Deps } from '../../platform/deps.js';
import { AppError, notFound, outOfScope } from '../../platform/errors.js';
import { maskPersonalNumbers as mask } from '../../platform/mask.js';
import { toOffsetIso } from '../../platform/time.js';
import { listOwnerFiles } from '../../platform/files/index.js';
import { caseParts } from './detail-store.js';
import { DISPUTE_CASE_FILES, presentEvidence } from './evidence.js';
import { listCaseDepartments, type CaseDepartmentRow } from './joint-store.js';
import { nextLevel } from './levels.js';
import { answersFor, authorizeCaseRead, handles, inScope, seesCase } from './policy.js';
import { disputeTypeName, presentAgreement, presentCase, presentCaseDepartment, presentEvent, presentParty, presentSession } from './presenter.js';
import { PARTY_ROLE_NAMES, type AgreementDocument, type CaseAction, type CasePage, type CaseQuery, type DisputeCaseDetail } from './schema.js';
import { findAgreement, getCaseRow, listCases, listParties, regionRow, type AgreementRow, type CaseFilter, type CaseListRow } from './store.js';

export const CHINA_DAY_START = (day: string) => new Date(`${day}T00:00:00+08:00`);
export const nextDay = (day: string) => new Date(CHINA_DAY_START(day).getTime() + 86_400_000);

/** The subtree a query covers: a region the actor names (which must be in scope), else the actor's own. */
export async function scopeOf(tx: Tx, actor: Actor, regionCode: string | undefined): Promise<string | undefined> {
  if (!regionCode) return actor.scopePath || undefined;
  const r = await regionRow(tx, regionCode);
  if (!r || !inScope(actor, r.path)) throw outOfScope('regionCode', '区划不存在或不在您的管理范围内');
  return r.path;
}

/**
 * Cases in scope, with filters (level, status, risk, type, region, mediator, overdue, text, period);
 * for a department's staff, the cases their department takes part in.
 */
export async function searchCases(deps: Deps, actor: Actor, q: CaseQuery): Promise<CasePage> {
  authorizeCaseRead(actor);
  return withContext(deps.db, dbContext(actor), async (tx) => {
    const f = await caseFilterOf(tx, deps, actor, q);
    const { rows, total } = await listCases(tx, f, { limit: q.pageSize, offset: (q.page - 1) * q.pageSize });
    const now = deps.clock.now();
    return { items: rows.map((r) => presentCase(r, now)), total };
  });
}

/** The list's filter for a query, within the actor's scope (a region out of scope is refused, naming the field). */
export async function caseFilterOf(tx: Tx, deps: Deps, actor: Actor, q: Omit<CaseQuery, 'page' | 'pageSize'>): Promise<CaseFilter> {
  const f: CaseFilter = {
    scopePath: await scopeOf(tx, actor, q.regionCode),
    departmentId: actor.role === 'department_staff' ? actor.departmentId! : undefined,
    level: q.level,
    status: q.status,
    risk: q.risk,
    type: q.type,
    mediatorId: q.mediatorId,
    q: q.q?.trim() || undefined,
  };
  if (q.overdue) f.overdueAt = deps.clock.now();
  if (q.from) f.from = CHINA_DAY_START(q.from);
  if (q.to) f.to = nextDay(q.to);
  return f;
}

/** Whether the actor's department is among those taking part in a case. */
const takesPart = (actor: Actor, departments: Pick<CaseDepartmentRow, 'department_id'>[]) => departments.some((d) => answersFor(actor, d.department_id));

/** Loads a case the actor may see, or 404 (never 403: its existence is not disclosed). */
export async function visibleCase(tx: Tx, actor: Actor, id: string): Promise<CaseListRow> {
  const row = await getCaseRow(tx, id);
  const part = !!row && actor.role === 'department_staff' && takesPart(actor, await listCaseDepartments(tx, id));
  if (!row || !seesCase(actor, row, part)) throw notFound('调解案件', id);
  return row;
}

/**
 * Whether an application for 司法确认 can be recorded: an effective written agreement not applied for
 * yet. (After the window has closed an application made within it can still be recorded late; one
 * dated outside it is refused.)
 */
export function judicialOpen(a: AgreementRow | undefined): boolean {
  return !!a && a.kind === 'written' && !!a.effective_at && !!a.judicial_due && !a.judicial_applied_on;
}

/** What the actor may do next; each action checks again when asked. */
export function allowedActions(actor: Actor, row: CaseListRow, agreement: AgreementRow | undefined, departments: CaseDepartmentRow[] = []): CaseAction[] {
  if (actor.role === 'department_staff') {
    const mine = departments.find((d) => answersFor(actor, d.department_id));
    return mine && !mine.part_at && row.status !== 'closed' ? ['department-part'] : [];
  }
  if (!handles(actor, row)) return [];
  const out: CaseAction[] = [];
  const active = row.status === 'open' || row.status === 'failed';
  if (row.status !== 'closed') out.push('assign', 'raise-risk', 'link-reception', 'invite-department');
  if (active) {
    out.push('add-party', 'session', 'agree', 'refer');
    if (nextLevel(row.level)) out.push('escalate');
    if (row.status === 'open') out.push('fail');
  }
  if (row.status === 'agreed' && agreement?.kind === 'written') {
    if (!agreement.parties_signed) out.push('sign');
    if (!agreement.stamped) out.push('stamp');
  }
  if (row.status === 'agreed' && (agreement?.kind === 'oral' || (agreement?.parties_signed && agreement.stamped))) out.push('close');
  if (agreement && (row.status === 'agreed' || row.status === 'closed') && !agreement.followed_up_at) out.push('visit');
  if (judicialOpen(agreement)) out.push('judicial-apply');
  if (agreement?.judicial_applied_on && !agreement.judicial_outcome) out.push('judicial-outcome');
  out.push('evidence', 'evidence-shown');
  return out;
}

/**
 * A case as its page shows it, to an actor who may see it (404 otherwise): the case, its parts in one
 * statement (caseParts), its evidence files. Which actions apply is decided from the rows read.
 */
export async function caseDetail(tx: Tx, deps: Deps, actor: Actor, id: string): Promise<DisputeCaseDetail> {
  const row = await getCaseRow(tx, id);
  if (!row) throw notFound('调解案件', id);
  const parts = await caseParts(tx, id);
  // A department's staff see the case through their department's part in it (visibleCase's rule).
  if (!seesCase(actor, row, takesPart(actor, parts.departments))) throw notFound('调解案件', id);
  const { parties, sessions, agreement, departments, events } = parts;
  const now = deps.clock.now();
  return {
    ...presentCase(row, now),
    workOrderNumber: parts.workOrderNumber,
    parties: parties.map((p) => presentParty(p, deps.config)),
    sessions: sessions.map(presentSession),
    agreement: agreement ? presentAgreement(agreement, parties) : null,
    departments: departments.map(presentCaseDepartment),
    evidence: presentEvidence(await listOwnerFiles(tx, DISPUTE_CASE_FILES, id, 'evidence'), events),
    timeline: events.map(presentEvent),
    allowedActions: allowedActions(actor, row, agreement, departments),
  };
}

export async function getCase(deps: Deps, actor: Actor, id: string): Promise<DisputeCaseDetail> {
  authorizeCaseRead(actor);
  return withContext(deps.db, dbContext(actor), (tx) => caseDetail(tx, deps, actor, id));
}

/**
 * Everything the PDF of a written mediation agreement (调解协议书) needs, as 人民调解法 art. 29
 * lists it: the parties (ID and phone masked), basic facts, disputed matters, responsibilities,
 * agreed terms, how and by when they are performed, and the signature and stamp status.
 */
export async function agreementDocument(deps: Deps, actor: Actor, caseId: string): Promise<AgreementDocument> {
  authorizeCaseRead(actor);
  return withContext(deps.db, dbContext(actor), async (tx) => {
    const row = await visibleCase(tx, actor, caseId);
    const a = await findAgreement(tx, caseId);
    if (!a || a.kind !== 'written') throw new AppError('NOT_FOUND', '该案件没有书面调解协议', { id: caseId });
    const parties = (await listParties(tx, caseId)).map((p) => ({ ...presentParty(p, deps.config), registered: p.resident_id !== null }));
    return {
      caseNumber: row.number,
      disputeTypeName: disputeTypeName(row.dispute_type),
      committeeName: a.committee_name,
      mediatorName: row.mediator_name,
      parties: parties.map((p) => ({
        role: p.role,
        roleName: PARTY_ROLE_NAMES[p.role],
        name: p.name,
        idNumber: p.idNumber,
        phone: p.phone,
        address: p.address,
        sex: p.sex,
        age: p.age,
        ethnicity: p.ethnicity,
        occupation: p.occupation,
        registered: p.registered,
      })),
      facts: mask(a.facts),
      matters: mask(a.matters),
      responsibilities: mask(a.responsibilities),
      terms: mask(a.terms),
      performanceMethod: mask(a.performance_method),
      performanceDeadline: a.performance_deadline,
      agreedAt: toOffsetIso(a.created_at),
      partiesSigned: a.parties_signed,
      signedAt: a.signed_at ? toOffsetIso(a.signed_at) : null,
      stamped: a.stamped,
      stampedAt: a.stamped_at ? toOffsetIso(a.stamped_at) : null,
      effectiveAt: a.effective_at ? toOffsetIso(a.effective_at) : null,
      judicialDue: a.judicial_due,
      synthetic: row.synthetic,
    };
  });
}
