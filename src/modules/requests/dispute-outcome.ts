import { appendAudit } from '../../platform/audit/service.js';
import type { Tx } from '../../platform/db/context.js';
import { listWhistleCalls } from './detail-store.js';
import { markResolved } from './resolve-step.js';
import { appendEvent, notifyUnit, type Step } from './stages.js';
import { findStage, lockOrder } from './store.js';

/** The statuses in which an order is still being handled, and so can be resolved by its dispute case. */
const UNRESOLVED = ['triage', 'accepted', 'dispatched', 'signed', 'in_progress'];

export interface DisputeOutcome {
  caseId: string;
  caseNumber: string;
  /** The case's outcome in words (调解成功，达成书面协议…; 已引导诉讼…): the order's resolution. */
  outcome: string;
  /** The office that closed the case, shown on the order's timeline. */
  unitName: string | null;
}

export interface DisputeOrderSettlement {
  /** The order was resolved (办结) by the case's outcome. */
  resolved: boolean;
  /** What keeps it open: summoned units whose part is not yet recorded ("县住建局（已报到，未完成）"). */
  openParts: string[];
}

/**
 * What closing a mediation case does to the work order it came from (调解结案 → 工单办结), inside the
 * caller's transaction and as the caller: the outcome goes on the order's timeline (`dispute_closed`).
 * An order still being handled with no part left open is resolved with the outcome as its resolution
 * — its stage ends as resolved, the follow-up falls due one working day later as after any 办结, and
 * merged duplicates follow — and the change is audited. When a department (or the county centre)
 * summoned by a whistle has not recorded its part, the order stays with its unit: the timeline entry
 * names what is left and the unit is told. An order the caller cannot see (row-level security) or
 * that was resolved already is left as it is, apart from the timeline entry. Undefined when the
 * order is not visible.
 */
export async function settleOrderForDispute(
  tx: Tx,
  step: Pick<Step, 'deps' | 'actor' | 'now' | 'calendar'>,
  orderId: string,
  outcome: DisputeOutcome,
): Promise<DisputeOrderSettlement | undefined> {
  const order = await lockOrder(tx, orderId);
  if (!order) return undefined;
  const details = { caseId: outcome.caseId, number: outcome.caseNumber };
  if (!UNRESOLVED.includes(order.status)) {
    await appendEvent(tx, step, order, 'dispute_closed', { note: outcome.outcome, unitName: outcome.unitName, details });
    return { resolved: false, openParts: [] };
  }
  const open = await listWhistleCalls(tx, { orderId, open: true });
  const openParts = open.map((c) => `${c.unit_name ?? '被召集单位'}（${c.reported_at ? '已报到，未完成' : '未报到'}）`);
  if (openParts.length > 0) {
    const note = `${outcome.outcome}；工单尚有未完成的部分：${openParts.join('、')}，完成后由承办单位办结`;
    await appendEvent(tx, step, order, 'dispute_closed', { note, unitName: outcome.unitName, details: { ...details, openParts } });
    const stage = order.current_stage_id ? await findStage(tx, order.current_stage_id) : undefined;
    if (stage) {
      await notifyUnit(
        tx,
        step,
        { unitRegionCode: stage.unit_region_code, unitDepartmentId: stage.unit_department_id, path: stage.path },
        order,
        'dispute_closed',
        `工单 ${order.number} 的矛盾纠纷（${outcome.caseNumber}）已调解结案，尚待：${openParts.join('、')}`,
      );
    }
    return { resolved: false, openParts };
  }
  const stage = order.current_stage_id ? await findStage(tx, order.current_stage_id) : undefined;
  await markResolved(tx, step, order, stage, outcome.outcome);
  await appendEvent(tx, step, order, 'dispute_closed', { note: outcome.outcome, unitName: outcome.unitName, details });
  await appendEvent(tx, step, order, 'resolve', { note: outcome.outcome, unitName: outcome.unitName, details: { ...details, via: 'dispute' } });
  await appendAudit(tx, step.deps.clock, step.actor, {
    action: 'work_order.resolve',
    targetType: 'work_order',
    targetId: order.id,
    before: { status: order.status, level: order.level, unitRegionCode: order.unit_region_code, unitDepartmentId: order.unit_department_id },
    after: { status: 'resolved', level: order.level, via: 'dispute', caseNumber: outcome.caseNumber },
  });
  return { resolved: true, openParts: [] };
}
