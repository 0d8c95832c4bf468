import { toOffsetIso } from '../../platform/time.js';
import { DUTY_LIST_NAMES, type DutyItem, type WorkItem } from './schema.js';
import type { DutyItemRow, WorkItemRow } from './store.js';

/** A list item as the lists page and the spreadsheet show it; `forPath` decides "inherited". */
export function presentDutyItem(r: DutyItemRow, forPath: string): DutyItem {
  return {
    id: r.id,
    list: r.list,
    listName: DUTY_LIST_NAMES[r.list],
    regionCode: r.region_code,
    regionName: r.region_name,
    inherited: r.path !== forPath,
    code: r.code,
    name: r.name,
    basis: r.basis,
    departmentId: r.department_id,
    departmentName: r.department_name,
    procedure: r.procedure,
    status: r.status,
    effectiveFrom: r.effective_from,
    effectiveTo: r.effective_to,
    decisionNote: r.decision_note,
  };
}

export function presentWorkItem(r: WorkItemRow): WorkItem {
  return {
    id: r.id,
    batchId: r.batch_id,
    kind: r.kind,
    title: r.title,
    content: r.content,
    dueOn: r.due_on,
    dutyItem:
      r.duty_item_id && r.duty_list
        ? { id: r.duty_item_id, code: r.duty_code!, name: r.duty_name!, list: r.duty_list, listName: DUTY_LIST_NAMES[r.duty_list] }
        : null,
    exceptionReason: r.exception_reason,
    senderName: r.sender_name,
    targetRegionCode: r.target_region_code,
    targetRegionName: r.target_region_name,
    status: r.status,
    reason: r.reason,
    approvalNote: r.approval_note,
    exceptionExpiresOn: r.exception_expires_on,
    decidedAt: toOffsetIso(r.decided_at),
    fields: (r.fields as WorkItem['fields']) ?? null,
    periodFrom: r.period_from,
    periodTo: r.period_to,
    answeredAt: r.answered_at ? toOffsetIso(r.answered_at) : null,
    createdAt: toOffsetIso(r.created_at),
  };
}
