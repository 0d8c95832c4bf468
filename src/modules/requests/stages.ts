import type { Insertable } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type { Actor } from '../../platform/actor.js';
import type { WorkCalendar } from '../../platform/calendar/working-days.js';
import type { Tx } from '../../platform/db/context.js';
import type { Deps } from '../../platform/deps.js';
import { subcategory, TIERS } from './taxonomy/index.js';
import {
  countStages,
  departmentRow,
  findRoutedDepartment,
  gridRow,
  insertEvent,
  insertStage,
  regionRow,
  updateOrder,
  updateStage,
  type OrderRow,
} from './store.js';
import type { Level, NotificationsTable, Tier, WorkOrderEventsTable, WorkOrderStagesTable } from './tables.js';

/** Where a stage sends an order: a level's office (grid, village, township, county) or a department. */
export interface StagePlan {
  level: Level;
  unitRegionCode: string | null;
  unitDepartmentId: string | null;
  unitName: string;
  /** The unit's own path (a grid's or region's); a department's stage carries the order's path. */
  path: string;
}

/** What every state change needs: the platform, the acting person, one instant and the calendar. */
export interface Step {
  deps: Deps;
  actor: Actor;
  now: Date;
  calendar: WorkCalendar;
}

export const LEVEL_ORDER: Level[] = ['grid', 'village', 'township', 'county'];

export function tierOf(categoryCode: string | null): Tier {
  return (categoryCode && subcategory(categoryCode)?.tier) || 'normal';
}

export function countyRegionCode(order: Pick<OrderRow, 'county_code'>): string {
  return order.county_code.padEnd(12, '0');
}

/** The office of a level that holds the order's place, or undefined when the place is not known that precisely. */
export async function officeAt(
  tx: Tx,
  order: Pick<OrderRow, 'grid_code' | 'village_code' | 'township_code' | 'county_code'>,
  level: Level,
): Promise<StagePlan | undefined> {
  if (level === 'grid') {
    if (!order.grid_code) return undefined;
    const g = await gridRow(tx, order.grid_code);
    return g && { level, unitRegionCode: g.code, unitDepartmentId: null, unitName: g.name, path: g.path };
  }
  const code = level === 'village' ? order.village_code : level === 'township' ? order.township_code : countyRegionCode(order);
  if (!code) return undefined;
  const r = await regionRow(tx, code);
  return r && { level, unitRegionCode: r.code, unitDepartmentId: null, unitName: r.name, path: r.path };
}

/** A department as a stage at a level, carrying the order's path. */
export async function departmentStage(tx: Tx, order: Pick<OrderRow, 'path'>, level: Level, departmentId: string): Promise<StagePlan | undefined> {
  const d = await departmentRow(tx, departmentId);
  return d && { level, unitRegionCode: null, unitDepartmentId: d.id, unitName: d.name, path: order.path };
}

/**
 * Who takes an order first. A grid worker's own patrol report starts in the grid (网格发现), and
 * so does a matter for the village office that is located in a grid. Otherwise the subcategory names the lowest level expected to close it and the kind of unit:
 * a level's office, or a department found in the routing table for the most specific region
 * on the order's place (village, then township, then county), else the county's department of
 * that kind. Undefined when the place or the category is not known well enough: triage.
 */
export async function planRoute(tx: Tx, order: OrderRow): Promise<StagePlan | undefined> {
  if (order.channel === 'patrol' && order.grid_code) {
    const grid = await officeAt(tx, order, 'grid');
    if (grid) return grid;
  }
  const sub = order.category_code ? subcategory(order.category_code) : undefined;
  if (!sub) return undefined;
  // 网格发现 → 社区响应: a village's own matter located in a grid goes to its grid worker first.
  if (sub.unit === 'village' && order.grid_code) {
    const grid = await officeAt(tx, order, 'grid');
    if (grid) return grid;
  }
  if (sub.unit === 'grid' || sub.unit === 'village' || sub.unit === 'township') return officeAt(tx, order, sub.unit);
  const regions = [order.village_code, order.township_code, countyRegionCode(order)].filter((c): c is string => !!c);
  const d = await findRoutedDepartment(tx, sub.unit, regions);
  return d && { level: sub.level, unitRegionCode: null, unitDepartmentId: d.id, unitName: d.name, path: order.path };
}

/** A timeline entry, as a row. */
export function eventRow(
  step: Pick<Step, 'actor' | 'now'>,
  order: Pick<OrderRow, 'id' | 'path'>,
  action: string,
  extra: { note?: string | null; unitName?: string | null; details?: unknown } = {},
): Insertable<WorkOrderEventsTable> {
  return {
    id: uuidv7(),
    order_id: order.id,
    occurred_at: step.now,
    action,
    actor_id: step.actor.userId,
    actor_name: step.actor.displayName,
    unit_name: extra.unitName ?? null,
    note: extra.note ?? null,
    details: extra.details === undefined ? null : JSON.stringify(extra.details),
    path: order.path,
  };
}

export async function appendEvent(
  tx: Tx,
  step: Pick<Step, 'actor' | 'now'>,
  order: Pick<OrderRow, 'id' | 'path'>,
  action: string,
  extra: { note?: string | null; unitName?: string | null; details?: unknown } = {},
): Promise<void> {
  await insertEvent(tx, eventRow(step, order, action, extra));
}

/** An in-app notification to a unit, as a row; the webhook adapter delivers it after commit when configured. */
export function noticeRow(
  step: Pick<Step, 'deps' | 'now'>,
  unit: { unitRegionCode: string | null; unitDepartmentId: string | null; path: string },
  order: Pick<OrderRow, 'id'> | null,
  kind: string,
  message: string,
): Insertable<NotificationsTable> {
  return {
    id: uuidv7(),
    unit_region_code: unit.unitRegionCode,
    unit_department_id: unit.unitDepartmentId,
    order_id: order?.id ?? null,
    kind,
    message,
    path: unit.path,
    created_at: step.now,
    webhook_status: step.deps.config.webhookUrl ? 'pending' : null,
  };
}

export async function notifyUnit(
  tx: Tx,
  step: Pick<Step, 'deps' | 'now'>,
  unit: { unitRegionCode: string | null; unitDepartmentId: string | null; path: string },
  order: Pick<OrderRow, 'id'> | null,
  kind: string,
  message: string,
): Promise<void> {
  await tx
    .insertInto('notifications')
    .values(noticeRow(step, unit, order, kind, message))
    .execute();
}

/**
 * What handing an order to a unit writes: the stage with its own time limits from the order's
 * tier (sign for, resolve) counted on the working-day calendar, the order's new state, a
 * timeline entry and a notice.
 */
export function stageRows(step: Step, order: OrderRow, plan: StagePlan, seq: number, action: string, note?: string | null) {
  const tier = TIERS[tierOf(order.category_code)];
  const id = uuidv7();
  const signForDue = step.calendar.deadline(step.now, tier.signFor);
  const resolveDue = step.calendar.deadline(step.now, tier.resolve);
  const stage: Insertable<WorkOrderStagesTable> = {
    id,
    order_id: order.id,
    seq,
    level: plan.level,
    unit_region_code: plan.unitRegionCode,
    unit_department_id: plan.unitDepartmentId,
    path: plan.path,
    started_at: step.now,
    sign_for_due: signForDue,
    resolve_due: resolveDue,
  };
  const orderPatch = {
    status: 'dispatched' as const,
    level: plan.level,
    unit_region_code: plan.unitRegionCode,
    unit_department_id: plan.unitDepartmentId,
    current_stage_id: id,
    sign_for_due: signForDue,
    resolve_due: resolveDue,
    return_pending: false,
    updated_at: step.now,
  };
  const event = eventRow(step, order, action, { note, unitName: plan.unitName, details: { level: plan.level, signForDue, resolveDue } });
  const notice = noticeRow(step, plan, order, 'new', `新工单 ${order.number}：${order.title}`);
  return { stage, orderPatch, event, notice };
}

/** Hands an order to a unit (see stageRows). */
export async function openStage(tx: Tx, step: Step, order: OrderRow, plan: StagePlan, action: string, note?: string | null): Promise<void> {
  const rows = stageRows(step, order, plan, (await countStages(tx, order.id)) + 1, action, note);
  await insertStage(tx, rows.stage);
  await updateOrder(tx, order.id, rows.orderPatch);
  await insertEvent(tx, rows.event);
  await tx.insertInto('notifications').values(rows.notice).execute();
}

/** Ends the order's current stage (resolved, escalated, returned…). */
export async function endCurrentStage(
  tx: Tx,
  step: Pick<Step, 'now'>,
  order: OrderRow,
  reason: 'resolved' | 'escalated' | 'returned' | 'reassigned' | 'merged',
  excused = false,
): Promise<void> {
  if (!order.current_stage_id) return;
  await updateStage(tx, order.current_stage_id, { ended_at: step.now, end_reason: reason, excused });
}
