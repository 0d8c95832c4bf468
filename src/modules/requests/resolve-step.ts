import type { Tx } from '../../platform/db/context.js';
import { listChildren } from './detail-store.js';
import { appendEvent, endCurrentStage, type Step } from './stages.js';
import { updateOrder, updateStage, type OrderRow, type StageRow } from './store.js';

/**
 * 办结's change to an order, whoever resolves it — its unit, or the closing of the mediation case
 * it became: the current stage is signed if it was not and ends as resolved; the order is resolved
 * at its level with the follow-up due one working day later; merged duplicates follow, each with a
 * `resolve` entry naming the main order. The caller writes the main order's own timeline entries.
 */
export async function markResolved(
  tx: Tx,
  step: Pick<Step, 'actor' | 'now' | 'calendar'>,
  order: OrderRow,
  stage: Pick<StageRow, 'id' | 'signed_at'> | undefined,
  resolution: string,
): Promise<void> {
  if (stage && !stage.signed_at) await updateStage(tx, stage.id, { signed_at: step.now });
  await endCurrentStage(tx, step, order, 'resolved');
  const patch = {
    status: 'resolved' as const,
    resolved_at: step.now,
    resolution,
    closed_level: order.level,
    follow_up_due: step.calendar.deadline(step.now, 'P1WD'),
    return_pending: false,
    updated_at: step.now,
  };
  await updateOrder(tx, order.id, patch);
  for (const child of await listChildren(tx, order.id)) {
    if (child.status !== 'merged') continue;
    await updateOrder(tx, child.id, patch);
    await appendEvent(tx, step, child, 'resolve', { note: resolution, details: { via: order.number } });
  }
}
