import { uuidv7 } from 'uuidv7';
import { dbContext, type Actor } from '../../platform/actor.js';
import { appendAudit } from '../../platform/audit/service.js';
import { withContext } from '../../platform/db/context.js';
import type { Deps } from '../../platform/deps.js';
import { forbidden, invalidField, notFound } from '../../platform/errors.js';
import { act } from './action-service.js';
import { appendCaseEvent, conflict, notifyCaseUnit, notifyDepartment, requireReason } from './core.js';
import { findDepartment, insertCaseDepartment, listCaseDepartments, lockCaseDepartment, updateCaseDepartment } from './joint-store.js';
import { answersFor } from './policy.js';
import { caseDetail, visibleCase } from './query-service.js';
import { MEDIATION_METHODS, type DepartmentPartBody, type DisputeCaseDetail, type InviteDepartmentBody } from './schema.js';
import { updateCase } from './store.js';

// Joint mediation (联合调解) with departments: the office handling a case invites a department (the
// police station, the justice bureau, the labour bureau …); that department's staff can then open the
// case — that case only — and record their part, which goes on the case's timeline.

/** Invites a department to the case's joint mediation; its staff are told in their inbox. */
export function inviteDepartment(deps: Deps, actor: Actor, id: string, body: InviteDepartmentBody): Promise<DisputeCaseDetail> {
  return act(deps, actor, id, 'invite_department', async (c) => {
    if (c.row.status === 'closed') throw conflict('案件已结案，不能再邀请部门参与调解');
    const d = await findDepartment(c.tx, body.departmentId);
    if (!d) throw invalidField('departmentId', '部门不存在');
    if ((await listCaseDepartments(c.tx, id)).some((p) => p.department_id === d.id)) throw invalidField('departmentId', `${d.name}已参与本案调解`);
    const participantId = uuidv7();
    try {
      await insertCaseDepartment(c.tx, {
        id: participantId,
        case_id: id,
        department_id: d.id,
        method: body.method ?? null,
        note: body.note?.trim() || null,
        path: c.row.path,
        invited_by: actor.userId,
        invited_at: c.now,
      });
    } catch (err) {
      if ((err as { code?: string }).code === '23505') throw invalidField('departmentId', `${d.name}已参与本案调解`);
      throw err;
    }
    if (body.method && !c.row.methods.includes(body.method)) await updateCase(c.tx, id, { methods: [...c.row.methods, body.method], updated_at: c.now });
    const method = MEDIATION_METHODS.find((m) => m.code === body.method)?.name;
    await appendCaseEvent(c.tx, c, c.row, 'invite_department', {
      note: [d.name, method, body.note?.trim()].filter(Boolean).join('：'),
      details: { departmentId: d.id, departmentName: d.name, method: body.method ?? null },
    });
    await notifyDepartment(
      c.tx,
      deps,
      c.now,
      c.row,
      d.id,
      'dispute_joint',
      `请参与矛盾纠纷 ${c.row.number}（${c.row.title}）的联合调解${body.note?.trim() ? `：${body.note.trim()}` : ''}`,
    );
    return { departmentId: d.id, departmentName: d.name, method: body.method ?? null };
  });
}

/**
 * A department's part in a joint mediation, recorded by its staff: once per department, while the
 * case is not closed. The case's office is told. Only the department's own row is locked and
 * written (a department reads the case but never changes it); the part goes on the timeline and is
 * audited in the same transaction.
 */
export async function recordDepartmentPart(deps: Deps, actor: Actor, id: string, body: DepartmentPartBody): Promise<DisputeCaseDetail> {
  if (actor.role !== 'department_staff' || !actor.departmentId) throw forbidden('disputes.department_part');
  const note = requireReason(body.note, 'note', '本部门在联合调解中做了什么');
  const now = deps.clock.now();
  return withContext(deps.db, dbContext(actor), async (tx) => {
    const part = await lockCaseDepartment(tx, id, actor.departmentId!);
    if (!part || !answersFor(actor, part.department_id)) throw notFound('调解案件', id);
    const row = await visibleCase(tx, actor, id);
    if (row.status === 'closed') throw conflict('案件已结案，不能再记录');
    if (part.part_at) throw conflict('本部门已记录参与情况');
    await updateCaseDepartment(tx, part.id, { part_note: note, part_at: now, part_by: actor.userId, part_by_name: actor.displayName });
    const department = await findDepartment(tx, part.department_id);
    await appendCaseEvent(tx, { actor, now }, row, 'department_part', {
      note,
      details: { departmentId: part.department_id, departmentName: department?.name },
    });
    await notifyCaseUnit(tx, deps, now, row, 'dispute_department_part', `${department?.name ?? '参与部门'}已记录在矛盾纠纷 ${row.number} 联合调解中的工作`);
    await appendAudit(tx, deps.clock, actor, {
      action: 'dispute_case.department_part',
      targetType: 'dispute_case',
      targetId: id,
      before: { partAt: null },
      after: { partAt: now, departmentId: part.department_id },
      details: { note },
    });
    return caseDetail(tx, deps, actor, id);
  });
}
