import type { Insertable } from 'kysely';
import { uuidv7 } from 'uuidv7';
import { dbContext, type Actor } from '../../platform/actor.js';
import { appendAudit } from '../../platform/audit/service.js';
import { loadWorkCalendar, workCalendar } from '../../platform/calendar/service.js';
import type { WorkCalendar } from '../../platform/calendar/working-days.js';
import type { Clock } from '../../platform/clock.js';
import { withContext, type Tx } from '../../platform/db/context.js';
import type { Deps } from '../../platform/deps.js';
import { AppError, invalidField, outOfScope } from '../../platform/errors.js';
import { getResident, maskIdNumber, normalizePhone, parseIdNumber, protectPhone } from '../people/index.js';
import { appendEvent, type OrderRow } from '../requests/index.js';
import { appendCaseEvent, autoRisk, levelDue, notifyCaseUnit, numberCase, officeOf, type CasePlace, type CaseStep } from './core.js';
import { isDisputeType, LEVEL_NAMES, startingLevel } from './levels.js';
import { checkEthnicity, registryParticulars } from './particulars.js';
import { authorize, inScope } from './policy.js';
import { caseDetail } from './query-service.js';
import { DEFAULT_THRESHOLDS, normalizeName } from './risk.js';
import type { CreateCaseBody, DisputeCaseDetail } from './schema.js';
import {
  findCaseByOrder,
  findCaseBySubmitKey,
  gridRow,
  insertCase,
  insertParties,
  listMediators,
  listReceptions,
  regionRow,
  workerGrid,
  type CaseRow,
} from './store.js';
import type { CaseSource, DisputeLevel, DisputePartiesTable } from './tables.js';

export interface CreateCaseOptions {
  /** Who submitted + their Idempotency-Key: a retry finds the case it made. */
  submitKey?: string;
  /** Demo data: marked synthetic wherever it is shown. */
  synthetic?: boolean;
}

/** A party as it will be stored, resolved before the transaction (registry lookups open their own). */
export type PreparedParty = Omit<Insertable<DisputePartiesTable>, 'id' | 'case_id' | 'seq' | 'path' | 'created_at'>;

/**
 * Checks each party and takes a registered resident's name, masked numbers and particulars (sex,
 * age, household address) from the registry; a party not in the registry gives them, if at all, in
 * the request. Ethnicity and occupation are as given, for everyone.
 */
export async function prepareParties(deps: Deps, actor: Actor, body: Pick<CreateCaseBody, 'parties'>, fieldPrefix = 'parties'): Promise<PreparedParty[]> {
  const out: PreparedParty[] = [];
  for (const [i, p] of body.parties.entries()) {
    const field = `${fieldPrefix}[${i}]`;
    const phone = p.phone?.trim() ? normalizePhone(p.phone, `${field}.phone`) : null;
    const protectedPhone = phone ? protectPhone(deps.config, phone) : null;
    const ethnicity = checkEthnicity(p.ethnicity, `${field}.ethnicity`) ?? null;
    const occupation = p.occupation?.trim() || null;
    if (p.residentId) {
      const r = await getResident(deps, actor, p.residentId).catch((err: unknown) => {
        if (err instanceof AppError && (err.code === 'NOT_FOUND' || err.code === 'FORBIDDEN'))
          throw outOfScope(`${field}.residentId`, '居民不存在或不在您的管理范围内');
        throw err;
      });
      const given = (['sex', 'age'] as const).find((f) => p[f] !== undefined);
      if (given) throw invalidField(`${field}.${given}`, '居民库登记的居民，性别和年龄以居民库为准，不在此填写');
      const registry = (await registryParticulars(deps, actor, [r.id])).get(r.id);
      out.push({
        role: p.role,
        resident_id: r.id,
        name: r.name,
        name_norm: normalizeName(r.name),
        id_number_masked: r.idNumber,
        phone_enc: protectedPhone?.enc ?? null,
        phone_hash: protectedPhone?.hmac ?? null,
        phone_masked: protectedPhone?.masked ?? r.phone,
        address: registry?.address ?? (p.address?.trim() || null),
        sex: r.sex,
        age: r.age,
        ethnicity,
        occupation,
      });
      continue;
    }
    const name = p.name?.trim();
    if (!name) throw invalidField(`${field}.name`, '请填写当事人姓名，或从居民库选择');
    const idNumber = p.idNumber?.trim() ? parseIdNumber(p.idNumber, deps.clock.now(), `${field}.idNumber`).normalized : null;
    out.push({
      role: p.role,
      resident_id: null,
      name,
      name_norm: normalizeName(name),
      id_number_masked: idNumber ? maskIdNumber(idNumber) : null,
      phone_enc: protectedPhone?.enc ?? null,
      phone_hash: protectedPhone?.hmac ?? null,
      phone_masked: protectedPhone?.masked ?? null,
      address: p.address?.trim() || null,
      sex: p.sex ?? null,
      age: p.age ?? null,
      ethnicity,
      occupation,
    });
  }
  return out;
}

/** Where a window or grid case is: the grid or region given, else the grid worker's grid, else the actor's own region. */
async function placeFor(tx: Tx, deps: Deps, actor: Actor, body: CreateCaseBody): Promise<{ place: CasePlace; level: DisputeLevel }> {
  const county = deps.config.demoCounty;
  const gridCode = body.gridCode ?? (actor.role === 'grid_worker' && !body.regionCode && actor.userId ? await workerGrid(tx, actor.userId) : undefined);
  if (gridCode) {
    const g = await gridRow(tx, gridCode);
    if (!g || !inScope(actor, g.path)) throw outOfScope('gridCode', '网格不存在或不在您的管理范围内');
    const v = await regionRow(tx, g.village_code);
    return {
      place: { gridCode: g.code, villageCode: g.village_code, townshipCode: v?.parent_code ?? null, countyCode: county, path: g.path },
      level: 'village',
    };
  }
  const code = body.regionCode ?? actor.regionCode;
  const r = code ? await regionRow(tx, code) : undefined;
  if (!r || !inScope(actor, r.path) || !['village', 'township', 'county'].includes(r.level)) {
    throw invalidField('regionCode', '请选择本辖区内的村（社区）、乡镇或县');
  }
  const level = r.level as DisputeLevel;
  return {
    place: {
      gridCode: null,
      villageCode: level === 'village' ? r.code : null,
      townshipCode: level === 'village' ? r.parent_code : level === 'township' ? r.code : null,
      countyCode: county,
      path: r.path,
    },
    level,
  };
}

/**
 * Opens a case at a 综治中心 window (county, township or village staff) or from a grid worker's
 * own report. It starts at the grid for a grid worker; otherwise at the taxonomy's level for its
 * type (never below the place it is at), and at least at the township when the risk is high.
 * The risk is assessed from its signals; the handling office is notified. Idempotent by submit key.
 */
export async function createCase(deps: Deps, actor: Actor, body: CreateCaseBody, options: CreateCaseOptions = {}): Promise<DisputeCaseDetail> {
  authorize(actor, 'disputes.edit');
  if (!isDisputeType(body.disputeType)) throw invalidField('disputeType', '不是矛盾纠纷类别（12xx）');
  const narrative = body.narrative.trim();
  if (narrative.length < 5) throw invalidField('narrative', '请至少写 5 个字，说明纠纷经过');
  const parties = await prepareParties(deps, actor, body);
  const calendar = await workCalendar(deps);
  const now = deps.clock.now();
  const source: CaseSource = actor.role === 'grid_worker' ? 'grid' : 'window';
  // The number first, in a statement of its own: the day's counter is not held while the case is written.
  const number = await numberCase(deps.db, deps.config.demoCounty, now);
  return withContext(deps.db, dbContext(actor), async (tx) => {
    if (options.submitKey) {
      const before = await findCaseBySubmitKey(tx, options.submitKey);
      if (before) return caseDetail(tx, deps, actor, before.id);
    }
    const { place, level: placeLevel } = await placeFor(tx, deps, actor, body);
    const id = uuidv7();
    const amount = body.amount ?? null;
    const risk = await autoRisk(tx, {
      caseId: id,
      now,
      narrative,
      amount,
      residentIds: parties.flatMap((p) => (p.resident_id ? [p.resident_id] : [])),
      names: [...new Set(parties.map((p) => p.name_norm))],
      partyCount: parties.length,
      thresholds: { medium: deps.config.disputeAmountMedium, high: deps.config.disputeAmountHigh },
    });
    const level = startingLevel({ source, disputeType: body.disputeType, placeLevel, risk: risk.level });
    if (body.mediatorId) {
      const m = (await listMediators(tx, { id: body.mediatorId, reachablePath: place.path }))[0];
      if (!m) throw invalidField('mediatorId', '调解员不存在、已停用或不能调解本地纠纷');
    }
    if (body.receptionId && !(await listReceptions(tx, { id: body.receptionId, reachablePath: place.path }))[0]) {
      throw invalidField('receptionId', '接访安排不存在');
    }
    const row = await insertNewCase(
      tx,
      { deps, actor, now, calendar },
      {
        id,
        source,
        place,
        level,
        disputeType: body.disputeType,
        title: body.title?.trim() || titleOf(narrative),
        narrative,
        amount,
        attachments: body.attachments ?? [],
        methods: [...new Set(body.methods ?? [])],
        risk,
        mediatorId: body.mediatorId ?? null,
        receptionId: body.receptionId ?? null,
        submitKey: options.submitKey ?? null,
        synthetic: options.synthetic ?? false,
        parties,
        workOrderId: null,
        number,
      },
    );
    await notifyCaseUnit(tx, deps, now, row, 'dispute_new', `新矛盾纠纷 ${row.number}：${row.title}（${LEVEL_NAMES[row.level]}调解）`);
    return caseDetail(tx, deps, actor, id);
  });
}

function titleOf(narrative: string): string {
  const first = narrative.split(/[。！？!?\n]/)[0] ?? narrative;
  return (first.slice(0, 30) || narrative.slice(0, 30)).trim() || '矛盾纠纷';
}

interface NewCase {
  id: string;
  source: CaseSource;
  place: CasePlace;
  level: DisputeLevel;
  disputeType: string;
  title: string;
  narrative: string;
  amount: number | null;
  attachments: string[];
  methods: string[];
  risk: { level: CaseRow['risk_level']; reasons: string[] };
  mediatorId: string | null;
  receptionId: string | null;
  submitKey: string | null;
  synthetic: boolean;
  parties: PreparedParty[];
  workOrderId: string | null;
  /** The case number when the caller took it before the transaction (numberCase on the pool). */
  number?: string;
}

/** Numbers and stores a case with its parties and first timeline entries, and audits it. */
async function insertNewCase(tx: Tx, step: CaseStep & { deps: Pick<Deps, 'clock'> }, n: NewCase): Promise<CaseRow> {
  const office = await officeOf(tx, n.place, n.level);
  const number = n.number ?? (await numberCase(tx, n.place.countyCode, step.now));
  const row: CaseRow = {
    id: n.id,
    number,
    submit_key: n.submitKey,
    source: n.source,
    work_order_id: n.workOrderId,
    dispute_type: n.disputeType,
    title: n.title.slice(0, 60),
    narrative: n.narrative,
    amount: n.amount,
    attachments: n.attachments,
    methods: n.methods,
    risk_level: n.risk.level,
    auto_risk_level: n.risk.level,
    risk_reasons: n.risk.reasons,
    level: n.level,
    unit_region_code: office.code,
    level_started_at: step.now,
    level_due: levelDue(step, n.level),
    overdue_notified: false,
    grid_code: n.place.gridCode,
    village_code: n.place.villageCode,
    township_code: n.place.townshipCode,
    county_code: n.place.countyCode,
    path: n.place.path,
    status: 'open',
    outcome: null,
    referral: null,
    outcome_note: null,
    mediator_id: n.mediatorId,
    reception_id: n.receptionId,
    escalations: 0,
    closed_level: null,
    closed_at: null,
    created_by: step.actor.userId,
    synthetic: n.synthetic,
    created_at: step.now,
    updated_at: step.now,
  };
  await insertCase(tx, row);
  await insertParties(
    tx,
    n.parties.map((p, i) => ({ ...p, id: uuidv7(), case_id: n.id, seq: i + 1, path: n.place.path, created_at: step.now })),
  );
  await appendCaseEvent(tx, step, row, 'create', {
    details: { source: n.source, level: n.level, unitName: office.name, due: row.level_due, workOrderId: n.workOrderId },
  });
  if (n.risk.level !== 'low')
    await appendCaseEvent(tx, step, row, 'risk', { note: n.risk.reasons.join('；'), details: { from: null, to: n.risk.level, auto: true } });
  if (n.mediatorId) await appendCaseEvent(tx, step, row, 'assign', { details: { to: n.mediatorId } });
  if (n.receptionId) await appendCaseEvent(tx, step, row, 'link_reception', { details: { to: n.receptionId } });
  await appendAudit(tx, step.deps.clock, step.actor, {
    action: 'dispute_case.create',
    targetType: 'dispute_case',
    targetId: n.id,
    after: { number, source: n.source, type: n.disputeType, level: n.level, risk: n.risk.level, path: n.place.path, parties: n.parties.length },
  });
  return row;
}

/**
 * Opens the case for a work order of a dispute subcategory (12xx), inside the caller's
 * transaction: called by intake when an order arrives with a dispute category and by dispatch
 * when a dispatcher sets one. The requester is the applicant; the case starts at the taxonomy's
 * level for its type (at least the township when high risk) and links to the order, whose
 * timeline gets a 'dispute_case' entry. Does nothing for other categories or when the order
 * already has a case. The office is notified by the order's own stage, not again here.
 */
export async function openCaseFromOrder(
  tx: Tx,
  clock: Clock,
  actor: Actor,
  order: Pick<
    OrderRow,
    | 'id'
    | 'number'
    | 'path'
    | 'category_code'
    | 'title'
    | 'description'
    | 'grid_code'
    | 'village_code'
    | 'township_code'
    | 'county_code'
    | 'requester_name'
    | 'requester_phone_enc'
    | 'requester_phone_hash'
    | 'anonymous'
    | 'synthetic'
  >,
  calendar?: WorkCalendar,
  /** The case number if the caller took it before its transaction (numberCase on the pool). */
  number?: string,
): Promise<CaseRow | undefined> {
  if (!isDisputeType(order.category_code)) return undefined;
  const existing = await findCaseByOrder(tx, order.id);
  if (existing) return existing;
  const now = clock.now();
  const step = { actor, now, calendar: calendar ?? (await loadWorkCalendar(tx)), deps: { clock } };
  const id = uuidv7();
  const name = (!order.anonymous && order.requester_name?.trim()) || '（匿名）';
  const parties: PreparedParty[] = [
    {
      role: 'applicant',
      resident_id: null,
      name,
      // An anonymous requester matches nobody.
      name_norm: name === '（匿名）' ? `#${id}` : normalizeName(name),
      id_number_masked: null,
      phone_enc: order.requester_phone_enc,
      phone_hash: order.requester_phone_hash,
      phone_masked: null,
      address: null,
    },
  ];
  const placeLevel: DisputeLevel = order.village_code ? 'village' : order.township_code ? 'township' : 'county';
  const risk = await autoRisk(tx, {
    caseId: id,
    now,
    narrative: order.description,
    amount: null,
    residentIds: [],
    names: [parties[0]!.name_norm],
    partyCount: parties.length,
    thresholds: DEFAULT_THRESHOLDS,
  });
  const level = startingLevel({ source: 'work_order', disputeType: order.category_code!, placeLevel, risk: risk.level });
  const row = await insertNewCase(tx, step, {
    id,
    source: 'work_order',
    place: {
      gridCode: order.grid_code,
      villageCode: order.village_code,
      townshipCode: order.township_code,
      countyCode: order.county_code,
      path: order.path,
    },
    level,
    disputeType: order.category_code!,
    title: order.title,
    narrative: order.description,
    amount: null,
    attachments: [],
    methods: [],
    risk,
    mediatorId: null,
    receptionId: null,
    submitKey: null,
    synthetic: order.synthetic,
    parties,
    workOrderId: order.id,
    number,
  });
  await appendEvent(tx, step, order, 'dispute_case', {
    note: `已转矛盾纠纷调解：${row.number}（${LEVEL_NAMES[level]}）`,
    details: { caseId: id, number: row.number, level },
  });
  return row;
}
