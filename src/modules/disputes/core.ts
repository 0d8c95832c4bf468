import type { Kysely } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type { Actor } from '../../platform/actor.js';
import type { WorkCalendar } from '../../platform/calendar/working-days.js';
import type { Tx } from '../../platform/db/context.js';
import type { DB } from '../../platform/db/tables.js';
import type { Deps } from '../../platform/deps.js';
import { AppError, invalidField } from '../../platform/errors.js';
import { chinaDate } from '../../platform/time.js';
import { notifyUnit } from '../requests/index.js';
import { LEVEL_NAMES, LEVEL_TIME_LIMITS, nextLevel } from './levels.js';
import { assessRisk, type RiskAssessment, type RiskThresholds } from './risk.js';
import { countPriorCasesBetween, gridRow, insertCaseEvent, nextCaseSeq, regionRow, updateCase, type CaseRow } from './store.js';
import type { DisputeLevel } from './tables.js';

/** What every state change needs: the acting person, one instant and the calendar. */
export interface CaseStep {
  actor: Actor;
  now: Date;
  calendar: WorkCalendar;
}

/** Where a case is: the most precise place known, and the path row-level security keys on. */
export interface CasePlace {
  gridCode: string | null;
  villageCode: string | null;
  townshipCode: string | null;
  countyCode: string;
  path: string;
}

export function conflict(message: string): AppError {
  return new AppError('CONFLICT', message, {});
}

/** A reason of at least 4 characters, named in the error when missing. */
export function requireReason(reason: string | undefined | null, field = 'reason', what = '理由'): string {
  const r = (reason ?? '').trim();
  if (r.length < 4) throw invalidField(field, `请说明${what}（至少 4 个字）`);
  return r;
}

/**
 * Case number: <county>-TJ-<yyyymmdd>-<4-digit seq>. Given the pool (`deps.db`) rather than a
 * transaction, the day's counter is taken and released in a statement of its own (nextCaseSeq).
 */
export async function numberCase(db: Kysely<DB>, countyCode: string, at: Date): Promise<string> {
  const day = chinaDate(at);
  const seq = await nextCaseSeq(db, countyCode, day);
  return `${countyCode}-TJ-${day.replaceAll('-', '')}-${String(seq).padStart(4, '0')}`;
}

/** The office that handles a case at a level, and its path (for notices). */
export async function officeOf(
  tx: Tx,
  place: Pick<CasePlace, 'gridCode' | 'villageCode' | 'townshipCode' | 'countyCode'>,
  level: DisputeLevel,
): Promise<{ code: string; name: string; path: string }> {
  const candidates: (string | null)[] =
    level === 'grid'
      ? [place.gridCode, place.villageCode]
      : level === 'village'
        ? [place.villageCode, place.townshipCode]
        : level === 'township'
          ? [place.townshipCode]
          : [];
  for (const code of candidates) {
    if (!code) continue;
    const row = code.length === 15 ? await gridRow(tx, code) : await regionRow(tx, code);
    if (row) return { code: row.code, name: row.name, path: row.path };
  }
  const county = await regionRow(tx, place.countyCode.padEnd(12, '0'));
  if (!county) throw invalidField('regionCode', `县 ${place.countyCode} 的区划尚未导入`);
  return { code: county.code, name: county.name, path: county.path };
}

export function placeOfCase(c: CaseRow): CasePlace {
  return { gridCode: c.grid_code, villageCode: c.village_code, townshipCode: c.township_code, countyCode: c.county_code, path: c.path };
}

/** The level's time limit from now on the working-day calendar. */
export function levelDue(step: Pick<CaseStep, 'now' | 'calendar'>, level: DisputeLevel): Date {
  return step.calendar.deadline(step.now, LEVEL_TIME_LIMITS[level].duration);
}

export async function appendCaseEvent(
  tx: Tx,
  step: Pick<CaseStep, 'actor' | 'now'>,
  c: Pick<CaseRow, 'id' | 'path'>,
  action: string,
  extra: { note?: string | null; details?: unknown } = {},
): Promise<void> {
  await insertCaseEvent(tx, {
    id: uuidv7(),
    case_id: c.id,
    occurred_at: step.now,
    action,
    actor_id: step.actor.userId,
    actor_name: step.actor.displayName,
    note: extra.note ?? null,
    details: extra.details === undefined ? null : JSON.stringify(extra.details),
    path: c.path,
  });
}

/** An in-app notice to the office a case is with (the requests module's notifications table and webhook). */
export async function notifyCaseUnit(tx: Tx, deps: Deps, now: Date, c: CaseRow, kind: string, message: string): Promise<void> {
  const office = await officeOf(tx, placeOfCase(c), c.level);
  await notifyUnit(
    tx,
    { deps, now },
    { unitRegionCode: c.unit_region_code, unitDepartmentId: null, path: office.path },
    c.work_order_id ? { id: c.work_order_id } : null,
    kind,
    message,
  );
}

/** An in-app notice to a department (joint mediation): its staff's inbox, like a whistle's. */
export async function notifyDepartment(
  tx: Tx,
  deps: Deps,
  now: Date,
  c: Pick<CaseRow, 'path'>,
  departmentId: string,
  kind: string,
  message: string,
): Promise<void> {
  await notifyUnit(tx, { deps, now }, { unitRegionCode: null, unitDepartmentId: departmentId, path: c.path }, null, kind, message);
}

/**
 * The last day to apply jointly for judicial confirmation (司法确认): 30 days from the day the
 * agreement takes effect (人民调解法 art. 33), the first day not counted (民法典 art. 201), and moved
 * to the next working day when it falls on a rest day or holiday (民法典 art. 203).
 */
export function judicialDueDay(effective: Date, calendar: WorkCalendar): string {
  const day30 = chinaDate(new Date(new Date(`${chinaDate(effective)}T00:00:00+08:00`).getTime() + 30 * 86_400_000));
  return calendar.addWorkingDays(day30, 0);
}

/**
 * The automatic risk of a case from its signals: repeats between the same parties in the last 12
 * months (as far as the actor's scope shows), party count, words of violence, amount.
 */
export async function autoRisk(
  tx: Tx,
  p: {
    caseId: string;
    now: Date;
    narrative: string;
    amount: number | null;
    residentIds: string[];
    names: string[];
    partyCount: number;
    thresholds: RiskThresholds;
  },
): Promise<RiskAssessment> {
  const since = new Date(p.now.getTime() - 365 * 86_400_000);
  const priorCases = await countPriorCasesBetween(tx, { residentIds: p.residentIds, names: p.names, since, before: p.now, excludeId: p.caseId });
  return assessRisk({ narrative: p.narrative, partyCount: p.partyCount, priorCases, amount: p.amount, thresholds: p.thresholds });
}

/**
 * Moves a case one level up (by hand with a reason, or by the sweep on a breach): the next
 * level's office, a fresh time limit, a timeline entry and a notice. False at the county.
 */
export async function escalateCase(tx: Tx, deps: Deps, step: CaseStep, c: CaseRow, reason: string, action: 'escalate' | 'auto_escalate'): Promise<boolean> {
  const to = nextLevel(c.level);
  if (!to) return false;
  const office = await officeOf(tx, placeOfCase(c), to);
  const due = levelDue(step, to);
  const patch = {
    level: to,
    unit_region_code: office.code,
    level_started_at: step.now,
    level_due: due,
    overdue_notified: false,
    status: 'open' as const,
    escalations: c.escalations + 1,
    updated_at: step.now,
  };
  await updateCase(tx, c.id, patch);
  await appendCaseEvent(tx, step, c, action, { note: reason, details: { from: c.level, to, unitName: office.name, due } });
  await notifyCaseUnit(
    tx,
    deps,
    step.now,
    { ...c, ...patch },
    'dispute_escalated',
    `矛盾纠纷 ${c.number} 已上报至${LEVEL_NAMES[to]}（${office.name}）：${reason}`,
  );
  return true;
}
