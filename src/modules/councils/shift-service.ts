import { uuidv7 } from 'uuidv7';
import { dbContext, type Actor } from '../../platform/actor.js';
import { appendAudit } from '../../platform/audit/service.js';
import { SYSTEM_CONTEXT, withContext, type Tx } from '../../platform/db/context.js';
import type { Deps } from '../../platform/deps.js';
import { duplicateAs, invalidField } from '../../platform/errors.js';
import { chinaDate } from '../../platform/time.js';
import { notifyUnit } from '../requests/index.js';
import { bodyIn, villageIn } from './council-service.js';
import * as store from './council-store.js';
import type { CreateShift, Shift, ShiftQuery } from './council-schema.js';
import { SHIFT_PERIOD_NAMES } from './kinds.js';
import { authorize } from './policy.js';

// 排班: a body's duty shifts (a day, a period, the members on it), and the reminder the day
// before. Members are registry persons without accounts, so the reminder goes where the
// village's cadres read their work: an ordinary unit notification to the village (its 待办
// inbox, and the webhook when one is set), one per shift — `reminded_at` makes a second run
// (or a second server) send nothing new.

const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

async function presentShifts(tx: Tx, rows: store.ShiftRow[]): Promise<Shift[]> {
  const names = await store.memberNames(
    tx,
    rows.flatMap((r) => r.member_ids),
  );
  return rows.map((s) => ({
    id: s.id,
    bodyId: s.body_id,
    bodyName: s.body_name,
    dutyOn: s.duty_on,
    period: s.period,
    task: s.task,
    members: s.member_ids.map((id) => ({ memberId: id, name: names.get(id) ?? '' })),
    remindedAt: s.reminded_at ? new Date(s.reminded_at).toISOString() : null,
  }));
}

/** Plans a shift of a body: a day from today on, members who currently belong to it. */
export async function createShift(deps: Deps, actor: Actor, bodyId: string, input: CreateShift): Promise<Shift> {
  authorize(actor, 'councils.edit');
  const now = deps.clock.now();
  const today = chinaDate(now);
  if (input.dutyOn < today) throw invalidField('dutyOn', '不能安排今天以前的值班');
  if (input.dutyOn > addDays(today, 366)) throw invalidField('dutyOn', '最多提前一年排班');
  const memberIds = [...new Set(input.memberIds)];
  try {
    return await withContext(deps.db, dbContext(actor), async (tx) => {
      const body = await bodyIn(tx, actor, bodyId);
      if (!body.active) throw invalidField('bodyId', '该组织已停用');
      const current = new Set((await store.listMembers(tx, [bodyId])).map((m) => m.id));
      const stranger = memberIds.findIndex((id) => !current.has(id));
      if (stranger >= 0) throw invalidField(`memberIds[${stranger}]`, '值班人员应为该组织的现任成员');
      const id = uuidv7();
      await store.insertShift(tx, {
        id,
        body_id: bodyId,
        village_code: body.village_code,
        path: body.path,
        duty_on: input.dutyOn,
        period: input.period,
        task: input.task?.trim() || null,
        member_ids: memberIds,
        created_by: actor.userId,
        created_at: now,
      });
      const [saved] = await presentShifts(tx, [(await store.findShift(tx, id))!]);
      await appendAudit(tx, deps.clock, actor, { action: 'council.shift.create', targetType: 'council_shift', targetId: id, after: saved });
      return saved!;
    });
  } catch (err) {
    throw duplicateAs(err, 'period', '该组织这一天的这个时段已排班');
  }
}

/** The village's shifts in a period (default: today and the next 30 days). */
export async function listShifts(deps: Deps, actor: Actor, q: ShiftQuery): Promise<Shift[]> {
  authorize(actor, 'councils.read');
  const today = chinaDate(deps.clock.now());
  const from = q.from ?? today;
  const to = q.to ?? addDays(from, 30);
  if (to < from) throw invalidField('to', '结束日期不能早于开始日期');
  return withContext(deps.db, dbContext(actor), async (tx) => {
    await villageIn(tx, actor, q.villageCode);
    return presentShifts(tx, await store.listShifts(tx, q.villageCode, from, to));
  });
}

/**
 * The daily sweep: a reminder for every shift tomorrow (China date) that has had none, to its
 * village's inbox. Runs as the server; idempotent.
 */
export async function sendDutyReminders(deps: Deps): Promise<{ sent: number }> {
  const now = deps.clock.now();
  const tomorrow = addDays(chinaDate(now), 1);
  return withContext(deps.db, SYSTEM_CONTEXT, async (tx) => {
    const shifts = await store.shiftsToRemind(tx, tomorrow);
    const presented = await presentShifts(tx, shifts);
    for (const [i, s] of shifts.entries()) {
      const who = presented[i]!.members.map((m) => m.name).join('、');
      const message = `值班提醒：明天（${s.duty_on} ${SHIFT_PERIOD_NAMES[s.period]}）${s.body_name}值班：${who}${s.task ? `；任务：${s.task}` : ''}`;
      await notifyUnit(tx, { deps, now }, { unitRegionCode: s.village_code, unitDepartmentId: null, path: s.path }, null, 'duty_reminder', message);
      await store.markReminded(tx, s.id, now);
    }
    return { sent: shifts.length };
  });
}
