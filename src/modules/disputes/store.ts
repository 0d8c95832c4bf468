import { sql, type Insertable, type Kysely, type Selectable, type Updateable } from 'kysely';
import type { Tx } from '../../platform/db/context.js';
import type { DB } from '../../platform/db/tables.js';
import { likeContains } from '../../platform/db/like.js';
import type {
  DisputeAgreementsTable,
  DisputeCasesTable,
  DisputeEventsTable,
  DisputePartiesTable,
  DisputeSessionsTable,
  MediatorsTable,
  PetitionReceptionsTable,
} from './tables.js';

export type CaseRow = Selectable<DisputeCasesTable>;
export type PartyRow = Selectable<DisputePartiesTable>;
export type SessionRow = Selectable<DisputeSessionsTable> & { mediator_name: string | null };
export type AgreementRow = Selectable<DisputeAgreementsTable>;
export type EventRow = Selectable<DisputeEventsTable>;
export type MediatorRow = Selectable<MediatorsTable> & { region_name: string | null; workload: number };
export type ReceptionRow = Selectable<PetitionReceptionsTable> & { region_name: string | null; case_count: number };
export type CaseListRow = CaseRow & {
  unit_name: string | null;
  village_name: string | null;
  township_name: string | null;
  mediator_name: string | null;
  mediator_phone: string | null;
  party_names: string[] | null;
};

/** Cases that still need someone: not closed. */
export const UNCLOSED = ['open', 'failed', 'agreed'] as const;

const within = (column: string, scopePath: string) => sql<boolean>`${sql.ref(column)} <@ ${scopePath}::ltree`;

/** The name of the office a case is with: a grid or a region. */
const unitName = sql<string | null>`coalesce(
  (SELECT g.name FROM grids g WHERE g.code = c.unit_region_code),
  (SELECT r.name FROM regions r WHERE r.code = c.unit_region_code))`;
const partyNames = sql<string[] | null>`(SELECT array_agg(p.name ORDER BY p.seq) FROM dispute_parties p WHERE p.case_id = c.id)`;
const workload = sql<number>`(SELECT count(*)::int FROM dispute_cases dc WHERE dc.mediator_id = m.id AND dc.status IN ('open','failed','agreed'))`;

// ---- Places ------------------------------------------------------------------------------

export interface PlaceRow {
  code: string;
  name: string;
  level: string;
  parent_code: string | null;
  path: string;
}

export async function regionRow(tx: Tx, code: string): Promise<PlaceRow | undefined> {
  return tx.selectFrom('regions').select(['code', 'name', 'level', 'parent_code', 'path']).where('code', '=', code).executeTakeFirst();
}

export async function gridRow(tx: Tx, code: string): Promise<{ code: string; name: string; village_code: string; path: string } | undefined> {
  return tx.selectFrom('grids').select(['code', 'name', 'village_code', 'path']).where('code', '=', code).executeTakeFirst();
}

/** The grid a grid worker is assigned to (the first, when several). */
export async function workerGrid(tx: Tx, userId: string): Promise<string | undefined> {
  const row = await tx.selectFrom('grid_workers').select('grid_code').where('user_id', '=', userId).orderBy('grid_code').executeTakeFirst();
  return row?.grid_code;
}

// ---- Cases -------------------------------------------------------------------------------

/**
 * Next number of the day for a county: 522631-TJ-20261123-0007. Serialized by the counter row's
 * lock, held until the statement's transaction ends: callers that can take the number in a
 * statement of their own (`db` outside a transaction) do, so the row is not held while a case is
 * written. A number taken for a case that is then not created stays unused (gaps are allowed).
 */
export async function nextCaseSeq(db: Kysely<DB>, countyCode: string, day: string): Promise<number> {
  const row = await db
    .insertInto('dispute_counters')
    .values({ county_code: countyCode, day, last: 1 })
    .onConflict((oc) => oc.columns(['county_code', 'day']).doUpdateSet({ last: sql`dispute_counters.last + 1` }))
    .returning('last')
    .executeTakeFirstOrThrow();
  return row.last;
}

export async function insertCase(tx: Tx, row: Insertable<DisputeCasesTable>): Promise<void> {
  await tx.insertInto('dispute_cases').values(row).execute();
}

export async function updateCase(tx: Tx, id: string, patch: Updateable<DisputeCasesTable>): Promise<void> {
  await tx.updateTable('dispute_cases').set(patch).where('id', '=', id).execute();
}

/** A case locked for an action: the row lock serializes two clicks (and the sweep) on the same case. */
export async function lockCase(tx: Tx, id: string): Promise<CaseRow | undefined> {
  return tx.selectFrom('dispute_cases').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function findCaseBySubmitKey(tx: Tx, key: string): Promise<CaseRow | undefined> {
  return tx.selectFrom('dispute_cases').selectAll().where('submit_key', '=', key).executeTakeFirst();
}

export async function findCaseByOrder(tx: Tx, orderId: string): Promise<CaseRow | undefined> {
  return tx.selectFrom('dispute_cases').selectAll().where('work_order_id', '=', orderId).executeTakeFirst();
}

export interface CaseFilter {
  scopePath?: string;
  ids?: string[];
  /** Only the cases this department takes part in (joint mediation). */
  departmentId?: string;
  level?: string;
  status?: string;
  risk?: string;
  type?: string;
  mediatorId?: string;
  overdueAt?: Date;
  q?: string;
  from?: Date;
  to?: Date;
}

function caseQuery(tx: Tx, f: CaseFilter) {
  let q = tx
    .selectFrom('dispute_cases as c')
    .leftJoin('regions as v', 'v.code', 'c.village_code')
    .leftJoin('regions as t', 't.code', 'c.township_code')
    .leftJoin('mediators as m', 'm.id', 'c.mediator_id');
  if (f.scopePath) q = q.where(within('c.path', f.scopePath));
  if (f.ids) q = q.where('c.id', 'in', f.ids.length ? f.ids : ['00000000-0000-0000-0000-000000000000']);
  if (f.departmentId) {
    const departmentId = f.departmentId;
    q = q.where((eb) =>
      eb.exists(eb.selectFrom('dispute_case_departments as d').select('d.id').whereRef('d.case_id', '=', 'c.id').where('d.department_id', '=', departmentId)),
    );
  }
  if (f.level) q = q.where('c.level', '=', f.level as CaseRow['level']);
  if (f.status === 'active') q = q.where('c.status', 'in', [...UNCLOSED]);
  else if (f.status) q = q.where('c.status', '=', f.status as CaseRow['status']);
  if (f.risk) q = q.where('c.risk_level', '=', f.risk as CaseRow['risk_level']);
  if (f.type) q = q.where('c.dispute_type', '=', f.type);
  if (f.mediatorId) q = q.where('c.mediator_id', '=', f.mediatorId);
  if (f.overdueAt) q = q.where('c.status', 'in', ['open', 'failed']).where('c.level_due', '<', f.overdueAt);
  if (f.q) {
    const pattern = likeContains(f.q);
    q = q.where((eb) => eb.or([eb('c.number', 'like', pattern), eb('c.title', 'like', pattern), eb('c.narrative', 'like', pattern)]));
  }
  if (f.from) q = q.where('c.created_at', '>=', f.from);
  if (f.to) q = q.where('c.created_at', '<', f.to);
  return q;
}

export async function listCases(tx: Tx, f: CaseFilter, page: { limit: number; offset: number }): Promise<{ rows: CaseListRow[]; total: number }> {
  const { total } = await caseQuery(tx, f)
    .select((eb) => eb.fn.countAll<number>().as('total'))
    .executeTakeFirstOrThrow();
  return { rows: await caseRows(tx, f, page), total: Number(total) };
}

/**
 * The list's rows, newest first, without the count: by offset, or by keyset after the case `after`
 * (its exact timestamp read back), as an export reads page after page.
 */
export async function caseRows(tx: Tx, f: CaseFilter, page: { limit: number; offset?: number; after?: string }): Promise<CaseListRow[]> {
  let q = caseQuery(tx, f);
  if (page.after) q = q.where(sql<boolean>`(c.created_at, c.id) < (SELECT a.created_at, a.id FROM dispute_cases a WHERE a.id = ${page.after}::uuid)`);
  return q
    .selectAll('c')
    .select([
      unitName.as('unit_name'),
      'v.name as village_name',
      't.name as township_name',
      'm.name as mediator_name',
      'm.phone_masked as mediator_phone',
      partyNames.as('party_names'),
    ])
    .orderBy('c.created_at', 'desc')
    .orderBy('c.id', 'desc')
    .limit(page.limit)
    .offset(page.after ? 0 : (page.offset ?? 0))
    .execute();
}

/** One case as the list shows it (without the list's count). */
export async function getCaseRow(tx: Tx, id: string): Promise<CaseListRow | undefined> {
  return (await caseRows(tx, { ids: [id] }, { limit: 1 }))[0];
}

/**
 * Earlier cases (created since `since`, not `excludeId`) that share at least two parties with
 * the given ones — the same resident, or the same normalized name. RLS limits it to what the
 * actor may see.
 */
export async function countPriorCasesBetween(
  tx: Tx,
  p: { residentIds: string[]; names: string[]; since: Date; before: Date; excludeId: string },
): Promise<number> {
  if (p.names.length < 2) return 0;
  const ids = p.residentIds.length ? p.residentIds : ['00000000-0000-0000-0000-000000000000'];
  const rows = await tx
    .selectFrom('dispute_parties as p')
    .innerJoin('dispute_cases as c', 'c.id', 'p.case_id')
    .select('p.case_id')
    .where('c.created_at', '>=', p.since)
    .where('c.created_at', '<=', p.before)
    .where('c.id', '<>', p.excludeId)
    .where((eb) => eb.or([eb('p.resident_id', 'in', ids), eb('p.name_norm', 'in', p.names)]))
    .groupBy('p.case_id')
    .having(sql<boolean>`count(DISTINCT coalesce(p.resident_id::text, p.name_norm)) >= 2`)
    .execute();
  return rows.length;
}

// ---- Parties, sessions, agreements, events ----------------------------------------------

export async function insertParties(tx: Tx, rows: Insertable<DisputePartiesTable>[]): Promise<void> {
  if (rows.length) await tx.insertInto('dispute_parties').values(rows).execute();
}

export const partiesQuery = (tx: Tx, caseId: string) => tx.selectFrom('dispute_parties').selectAll().where('case_id', '=', caseId).orderBy('seq');

export async function listParties(tx: Tx, caseId: string): Promise<PartyRow[]> {
  return partiesQuery(tx, caseId).execute();
}

export async function updateParty(tx: Tx, id: string, patch: Updateable<DisputePartiesTable>): Promise<void> {
  await tx.updateTable('dispute_parties').set(patch).where('id', '=', id).execute();
}

export async function insertSession(tx: Tx, row: Insertable<DisputeSessionsTable>): Promise<void> {
  await tx.insertInto('dispute_sessions').values(row).execute();
}

export const sessionsQuery = (tx: Tx, caseId: string) =>
  tx
    .selectFrom('dispute_sessions as s')
    .leftJoin('mediators as m', 'm.id', 's.mediator_id')
    .selectAll('s')
    .select('m.name as mediator_name')
    .where('s.case_id', '=', caseId)
    .orderBy('s.held_at');

export async function listSessions(tx: Tx, caseId: string): Promise<SessionRow[]> {
  return sessionsQuery(tx, caseId).execute();
}

export async function insertAgreement(tx: Tx, row: Insertable<DisputeAgreementsTable>): Promise<void> {
  await tx.insertInto('dispute_agreements').values(row).execute();
}

export const agreementQuery = (tx: Tx, caseId: string) => tx.selectFrom('dispute_agreements').selectAll().where('case_id', '=', caseId);

export async function findAgreement(tx: Tx, caseId: string): Promise<AgreementRow | undefined> {
  return agreementQuery(tx, caseId).executeTakeFirst();
}

export async function updateAgreement(tx: Tx, id: string, patch: Updateable<DisputeAgreementsTable>): Promise<void> {
  await tx.updateTable('dispute_agreements').set(patch).where('id', '=', id).execute();
}

export async function insertCaseEvent(tx: Tx, row: Insertable<DisputeEventsTable>): Promise<void> {
  await tx.insertInto('dispute_events').values(row).execute();
}

export const caseEventsQuery = (tx: Tx, caseId: string) =>
  tx.selectFrom('dispute_events').selectAll().where('case_id', '=', caseId).orderBy('occurred_at').orderBy('id');

export async function listCaseEvents(tx: Tx, caseId: string): Promise<EventRow[]> {
  return caseEventsQuery(tx, caseId).execute();
}

// ---- Mediators and receptions ------------------------------------------------------------

export interface MediatorFilter {
  id?: string;
  /** Mediators in this subtree or at its ancestors (the committees a place can call on). */
  reachablePath?: string;
  type?: string;
  includeInactive?: boolean;
}

/** The roster's query for a filter, unordered: the list and its export (mediatorPage) both read it. */
function mediatorRows(tx: Tx, f: MediatorFilter) {
  let q = tx
    .selectFrom('mediators as m')
    .leftJoin('regions as r', 'r.code', 'm.region_code')
    .selectAll('m')
    .select(['r.name as region_name', workload.as('workload')]);
  if (f.id) q = q.where('m.id', '=', f.id);
  if (f.reachablePath) q = q.where((eb) => eb.or([within('m.path', f.reachablePath!), sql<boolean>`${f.reachablePath}::ltree <@ m.path`]));
  if (f.type) q = q.where(sql<boolean>`${f.type} = ANY(m.specialties)`);
  if (!f.includeInactive) q = q.where('m.active', '=', true);
  return q;
}

/** The roster in its order: by place (committees above before those below), then name, then id. */
export async function listMediators(tx: Tx, f: MediatorFilter): Promise<MediatorRow[]> {
  return mediatorRows(tx, f).orderBy('m.path').orderBy('m.name').orderBy('m.id').execute();
}

/** Where a roster page resumes: the last row's place in the roster's order. */
export interface MediatorKey {
  path: string;
  name: string;
  id: string;
}

/** Mediators after a key, in the roster's order (listMediators), a page at a time (the .xlsx export). */
export async function mediatorPage(tx: Tx, f: MediatorFilter, page: { after: MediatorKey | null; limit: number }): Promise<MediatorRow[]> {
  let q = mediatorRows(tx, f);
  const after = page.after;
  if (after) q = q.where(sql<boolean>`(m.path, m.name, m.id) > (${after.path}::ltree, ${after.name}::text, ${after.id}::uuid)`);
  return q.orderBy('m.path').orderBy('m.name').orderBy('m.id').limit(page.limit).execute();
}

export async function findMediator(tx: Tx, id: string): Promise<MediatorRow | undefined> {
  return (await listMediators(tx, { id, includeInactive: true }))[0];
}

export async function insertMediator(tx: Tx, row: Insertable<MediatorsTable>): Promise<void> {
  await tx.insertInto('mediators').values(row).execute();
}

export async function updateMediator(tx: Tx, id: string, patch: Updateable<MediatorsTable>): Promise<void> {
  await tx.updateTable('mediators').set(patch).where('id', '=', id).execute();
}

export interface ReceptionFilter {
  id?: string;
  reachablePath?: string;
  from?: Date;
  to?: Date;
}

export async function listReceptions(tx: Tx, f: ReceptionFilter): Promise<ReceptionRow[]> {
  let q = tx
    .selectFrom('petition_receptions as p')
    .leftJoin('regions as r', 'r.code', 'p.region_code')
    .selectAll('p')
    .select(['r.name as region_name', sql<number>`(SELECT count(*)::int FROM dispute_cases c WHERE c.reception_id = p.id)`.as('case_count')]);
  if (f.id) q = q.where('p.id', '=', f.id);
  if (f.reachablePath) q = q.where((eb) => eb.or([within('p.path', f.reachablePath!), sql<boolean>`${f.reachablePath}::ltree <@ p.path`]));
  if (f.from) q = q.where('p.scheduled_at', '>=', f.from);
  if (f.to) q = q.where('p.scheduled_at', '<', f.to);
  return q.orderBy('p.scheduled_at').execute();
}

export async function insertReception(tx: Tx, row: Insertable<PetitionReceptionsTable>): Promise<void> {
  await tx.insertInto('petition_receptions').values(row).execute();
}

// ---- Statistics, warnings, sweep ---------------------------------------------------------

export interface StatsSourceRow {
  id: string;
  dispute_type: string;
  level: CaseRow['level'];
  status: CaseRow['status'];
  outcome: CaseRow['outcome'];
  closed_level: CaseRow['closed_level'];
  methods: string[];
  township_code: string | null;
  risk_level: CaseRow['risk_level'];
  escalations: number;
  created_at: Date;
  closed_at: Date | null;
  month: string;
  judicial_applied: boolean;
  judicial_outcome: AgreementRow['judicial_outcome'];
}

/** The rows statistics are counted from: cases created in [from, to) under the path. */
export async function statsSource(tx: Tx, f: { scopePath?: string; from?: Date; to?: Date }): Promise<StatsSourceRow[]> {
  let q = tx
    .selectFrom('dispute_cases as c')
    .leftJoin('dispute_agreements as a', 'a.case_id', 'c.id')
    .select([
      'c.id',
      'c.dispute_type',
      'c.level',
      'c.status',
      'c.outcome',
      'c.closed_level',
      'c.methods',
      'c.township_code',
      'c.risk_level',
      'c.escalations',
      'c.created_at',
      'c.closed_at',
      sql<string>`to_char(c.created_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM')`.as('month'),
      sql<boolean>`a.judicial_applied_on IS NOT NULL`.as('judicial_applied'),
      'a.judicial_outcome',
    ]);
  if (f.scopePath) q = q.where(within('c.path', f.scopePath));
  if (f.from) q = q.where('c.created_at', '>=', f.from);
  if (f.to) q = q.where('c.created_at', '<', f.to);
  return q.execute();
}

export async function regionNames(tx: Tx, codes: string[]): Promise<Map<string, string>> {
  if (!codes.length) return new Map();
  const rows = await tx.selectFrom('regions').select(['code', 'name']).where('code', 'in', codes).execute();
  return new Map(rows.map((r) => [r.code, r.name]));
}

/** Parties (by resident, else by normalized name) to 2 or more cases created since `since` under the path. */
export async function repeatPartyRows(
  tx: Tx,
  f: { scopePath?: string; since: Date },
): Promise<{ key: string; name: string; resident_id: string | null; case_id: string; number: string; status: CaseRow['status']; created_at: Date }[]> {
  const key = sql<string>`coalesce(p.resident_id::text, 'name:' || p.name_norm)`;
  let inner = tx
    .selectFrom('dispute_parties as p')
    .innerJoin('dispute_cases as c', 'c.id', 'p.case_id')
    .select(key.as('key'))
    .where('c.created_at', '>=', f.since)
    .groupBy(key)
    .having(sql<boolean>`count(DISTINCT p.case_id) >= 2`);
  if (f.scopePath) inner = inner.where(within('c.path', f.scopePath));
  let q = tx
    .selectFrom('dispute_parties as p')
    .innerJoin('dispute_cases as c', 'c.id', 'p.case_id')
    .select([key.as('key'), 'p.name', 'p.resident_id', 'c.id as case_id', 'c.number', 'c.status', 'c.created_at'])
    .where('c.created_at', '>=', f.since)
    .where(key, 'in', inner);
  if (f.scopePath) q = q.where(within('c.path', f.scopePath));
  return q.orderBy('key').orderBy('c.created_at').execute();
}

/** Open or failed cases past their level's time limit that the sweep has not dealt with. */
export async function overdueCaseIds(tx: Tx, asOf: Date): Promise<string[]> {
  const rows = await tx
    .selectFrom('dispute_cases')
    .select('id')
    .where('status', 'in', ['open', 'failed'])
    .where('level_due', '<', asOf)
    .where('overdue_notified', '=', false)
    .orderBy('level_due')
    .execute();
  return rows.map((r) => r.id);
}

/** Effective written agreements whose judicial-confirmation window ends by `lastDay`, not yet applied for nor reminded. */
export async function judicialDueAgreements(tx: Tx, lastDay: string): Promise<AgreementRow[]> {
  return tx
    .selectFrom('dispute_agreements')
    .selectAll()
    .where('judicial_due', 'is not', null)
    .where('judicial_due', '<=', lastDay)
    .where('judicial_applied_on', 'is', null)
    .where('judicial_reminded', '=', false)
    .execute();
}

/** One agreement, locked by the sweep's re-check. */
export async function findAgreementById(tx: Tx, id: string): Promise<AgreementRow | undefined> {
  return tx.selectFrom('dispute_agreements').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Agreements whose performance deadline has passed with no follow-up visit and no reminder yet. */
export async function performanceDueAgreements(tx: Tx, today: string): Promise<AgreementRow[]> {
  return tx
    .selectFrom('dispute_agreements')
    .selectAll()
    .where('performance_deadline', 'is not', null)
    .where('performance_deadline', '<', today)
    .where('followed_up_at', 'is', null)
    .where('follow_up_reminded', '=', false)
    .execute();
}
