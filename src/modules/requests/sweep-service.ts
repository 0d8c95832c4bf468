import { SYSTEM_ACTOR } from '../../platform/actor.js';
import { appendAudit } from '../../platform/audit/service.js';
import { workCalendar } from '../../platform/calendar/service.js';
import { SYSTEM_CONTEXT, withContext } from '../../platform/db/context.js';
import type { Deps } from '../../platform/deps.js';
import { updateWhistleCall } from './detail-store.js';
import { escalateWithin } from './lifecycle-service.js';
import { appendEvent, notifyUnit, officeAt } from './stages.js';
import { findStage, lockOrder, updateOrder, updateStage } from './store.js';

export interface SweepResult {
  escalated: number;
  supervised: number;
  signForLate: number;
  reportInLate: number;
  followUpLate: number;
}

/**
 * The scheduled sweep. For each open stage past its resolve limit: a grid's or village's order
 * moves one level up (网格发现 → 社区响应 → 街乡吹哨); a township's, the county's or a department's
 * is flagged for supervision (督办) and the county is told. Late sign-fors, report-ins and
 * follow-ups are notified once. Every change is made under the order's row lock and re-checked
 * there, and each stage is handled once (a flag), so running it twice — or two servers running
 * it at once — changes nothing more; it keeps no state in memory, so a restart loses nothing.
 */
export async function sweepOverdue(deps: Deps, asOf: Date = deps.clock.now()): Promise<SweepResult> {
  const calendar = await workCalendar(deps);
  const result: SweepResult = { escalated: 0, supervised: 0, signForLate: 0, reportInLate: 0, followUpLate: 0 };
  const step = { deps, actor: SYSTEM_ACTOR, now: asOf, calendar };

  const overdue = await withContext(deps.db, SYSTEM_CONTEXT, (tx) =>
    tx
      .selectFrom('work_order_stages')
      .select(['id', 'order_id'])
      .where('ended_at', 'is', null)
      .where('overdue_handled', '=', false)
      .where('resolve_due', '<', asOf)
      .execute(),
  );
  for (const s of overdue) {
    await withContext(deps.db, SYSTEM_CONTEXT, async (tx) => {
      const order = await lockOrder(tx, s.order_id);
      const stage = await findStage(tx, s.id);
      if (!order || !stage || stage.ended_at || stage.overdue_handled || order.current_stage_id !== stage.id) return;
      if (new Date(stage.resolve_due).getTime() >= asOf.getTime()) return;
      await updateStage(tx, stage.id, { overdue_handled: true });
      const office = !stage.unit_department_id && (stage.level === 'grid' || stage.level === 'village');
      if (
        office &&
        (await escalateWithin(
          { ...step, tx, order, stage },
          `超过办理时限（${stage.level === 'grid' ? '网格' : '村（社区）'}未按时办结），自动上报`,
          'auto_escalate',
        ))
      ) {
        result.escalated++;
      } else {
        await updateOrder(tx, order.id, { supervised: true, updated_at: asOf });
        await appendEvent(tx, step, order, 'auto_supervise', { note: '超过办理时限，自动督办' });
        const county = await officeAt(tx, order, 'county');
        if (county) await notifyUnit(tx, step, county, order, 'overdue', `工单 ${order.number} 超时未办结，已督办`);
        result.supervised++;
      }
      await appendAudit(tx, deps.clock, SYSTEM_ACTOR, {
        action: 'work_order.sweep',
        targetType: 'work_order',
        targetId: order.id,
        details: { stage: stage.id, level: stage.level },
      });
    });
  }

  const lateSign = await withContext(deps.db, SYSTEM_CONTEXT, (tx) =>
    tx
      .selectFrom('work_order_stages')
      .select(['id', 'order_id'])
      .where('ended_at', 'is', null)
      .where('signed_at', 'is', null)
      .where('sign_for_notified', '=', false)
      .where('sign_for_due', '<', asOf)
      .execute(),
  );
  for (const s of lateSign) {
    await withContext(deps.db, SYSTEM_CONTEXT, async (tx) => {
      const order = await lockOrder(tx, s.order_id);
      const stage = await findStage(tx, s.id);
      if (!order || !stage || stage.sign_for_notified || stage.signed_at || stage.ended_at) return;
      await updateStage(tx, stage.id, { sign_for_notified: true });
      await notifyUnit(
        tx,
        step,
        { unitRegionCode: stage.unit_region_code, unitDepartmentId: stage.unit_department_id, path: stage.path },
        order,
        'sign_for_late',
        `工单 ${order.number} 已超过签收时限`,
      );
      result.signForLate++;
    });
  }

  const lateCalls = await withContext(deps.db, SYSTEM_CONTEXT, (tx) =>
    tx
      .selectFrom('whistle_calls')
      .select(['id', 'order_id'])
      .where('reported_at', 'is', null)
      .where('notified_late', '=', false)
      .where('report_due', '<', asOf)
      .execute(),
  );
  for (const call of lateCalls) {
    await withContext(deps.db, SYSTEM_CONTEXT, async (tx) => {
      const order = await lockOrder(tx, call.order_id);
      const row = await tx.selectFrom('whistle_calls').selectAll().where('id', '=', call.id).forUpdate().executeTakeFirst();
      if (!order || !row || row.notified_late || row.reported_at) return;
      await updateWhistleCall(tx, row.id, { notified_late: true });
      const unit = row.department_id
        ? { unitRegionCode: null, unitDepartmentId: row.department_id, path: order.path }
        : { unitRegionCode: row.region_code, unitDepartmentId: null, path: order.path };
      await notifyUnit(tx, step, unit, order, 'report_in_late', `吹哨报到超时：工单 ${order.number}`);
      const caller = await officeAt(tx, order, 'township');
      if (caller) await notifyUnit(tx, step, caller, order, 'report_in_late', `被召集单位未按时报到：工单 ${order.number}`);
      result.reportInLate++;
    });
  }

  // Follow-ups due: one notice per order to the county centre (回访 within one working day).
  const lateFollowUps = await withContext(deps.db, SYSTEM_CONTEXT, (tx) =>
    tx
      .selectFrom('work_orders as o')
      .select(['o.id'])
      .where('o.status', '=', 'resolved')
      .where('o.follow_up_due', '<', asOf)
      .where(({ not, exists, selectFrom }) =>
        not(exists(selectFrom('notifications as n').select('n.id').whereRef('n.order_id', '=', 'o.id').where('n.kind', '=', 'follow_up_late'))),
      )
      .execute(),
  );
  for (const o of lateFollowUps) {
    await withContext(deps.db, SYSTEM_CONTEXT, async (tx) => {
      const order = await lockOrder(tx, o.id);
      if (!order || order.status !== 'resolved') return;
      const already = await tx.selectFrom('notifications').select('id').where('order_id', '=', o.id).where('kind', '=', 'follow_up_late').executeTakeFirst();
      if (already) return;
      const county = await officeAt(tx, order, 'county');
      if (county) await notifyUnit(tx, step, county, order, 'follow_up_late', `工单 ${order.number} 已超过回访时限`);
      result.followUpLate++;
    });
  }
  return result;
}
