import { isWithin } from '../regions/index.js';
import type { DutyItemRow } from './store.js';

export interface AccessDecision {
  status: 'delivered' | 'refused' | 'held';
  reason: string;
}

const label = (d: DutyItemRow) => `「${d.code} ${d.name}」`;

/**
 * The work-item access rule (事项准入), for one village:
 * - under a village main (主责) or assisting (协助) item in force for the village → delivered;
 *   an assisting item named for one department is delivered only when that department sends it;
 * - under a forbidden (负面) item → refused, naming it;
 * - on no village list (or an item not in force for the village) → held for the county when the
 *   sender gives an exception reason, refused otherwise.
 */
export function decideAccess(p: {
  duty: DutyItemRow | undefined;
  villagePath: string;
  senderDepartmentId: string | null;
  exceptionReason: string | undefined;
  today: string;
}): AccessDecision {
  const d = p.duty;
  const inForce =
    d && d.status === 'active' && d.effective_from <= p.today && (!d.effective_to || d.effective_to >= p.today) && isWithin(p.villagePath, d.path);
  if (d && inForce && d.list === 'village_forbidden') {
    return { status: 'refused', reason: `属于村级负面事项${label(d)}，不得交由村（社区）承担${d.basis ? `（依据：${d.basis}）` : ''}` };
  }
  if (d && inForce && d.list === 'village_main') return { status: 'delivered', reason: `属于村级主责事项${label(d)}` };
  if (d && inForce && d.list === 'village_assist') {
    if (d.department_id && p.senderDepartmentId && d.department_id !== p.senderDepartmentId) {
      return { status: 'refused', reason: `协助事项${label(d)}由${d.department_name ?? '其他部门'}提请，本单位不在其列` };
    }
    return { status: 'delivered', reason: `属于村级协助事项${label(d)}${d.department_name ? `，由${d.department_name}提请` : ''}` };
  }
  const why = d && !inForce ? `所选事项${label(d)}不是本村在用的主责、协助事项` : '不在村级主责、协助事项清单内';
  if (p.exceptionReason?.trim()) return { status: 'held', reason: `${why}，已作为例外事项报县级审批` };
  return { status: 'refused', reason: `${why}，未申请例外，已替村（社区）拒收` };
}
