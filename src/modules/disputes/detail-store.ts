import { jsonArrayFrom, jsonObjectFrom } from 'kysely/helpers/postgres';
import type { Tx } from '../../platform/db/context.js';
import { withDates } from '../../platform/db/json-agg.js';
import { caseDepartmentsQuery, type CaseDepartmentRow } from './joint-store.js';
import { agreementQuery, caseEventsQuery, partiesQuery, sessionsQuery, type AgreementRow, type EventRow, type PartyRow, type SessionRow } from './store.js';

/** What a case's page shows under the case. */
export interface CaseParts {
  parties: PartyRow[];
  sessions: SessionRow[];
  agreement: AgreementRow | undefined;
  /** The departments taking part (joint mediation); RLS shows a department's staff their own row only. */
  departments: CaseDepartmentRow[];
  events: EventRow[];
  /** The number of the work order the case came from, when the actor can see that order. */
  workOrderNumber: string | null;
}

/**
 * Everything a case's page shows under the case, in one statement: the parties, the mediation
 * sessions, the agreement (with its judicial confirmation), the departments taking part, the
 * timeline (which also says who added each piece of evidence and whether it was shown) and the
 * work order's number. The case page and every action's answer read them together (they were six
 * statements, seven for a department's staff); the page's actions are decided from these rows.
 */
export async function caseParts(tx: Tx, caseId: string): Promise<CaseParts> {
  const r = await tx
    .selectNoFrom([
      jsonArrayFrom(partiesQuery(tx, caseId)).as('parties'),
      jsonArrayFrom(sessionsQuery(tx, caseId)).as('sessions'),
      jsonObjectFrom(agreementQuery(tx, caseId)).as('agreement'),
      jsonArrayFrom(caseDepartmentsQuery(tx, caseId)).as('departments'),
      jsonArrayFrom(caseEventsQuery(tx, caseId)).as('events'),
      tx
        .selectFrom('dispute_cases as c')
        .innerJoin('work_orders as o', 'o.id', 'c.work_order_id')
        .select('o.number')
        .where('c.id', '=', caseId)
        .as('work_order_number'),
    ])
    .executeTakeFirstOrThrow();
  const [agreement] = withDates(r.agreement ? [r.agreement] : [], ['signed_at', 'stamped_at', 'effective_at', 'followed_up_at', 'created_at']);
  return {
    parties: withDates(r.parties, ['created_at']),
    sessions: withDates(r.sessions, ['held_at', 'created_at']),
    agreement,
    departments: withDates(r.departments, ['invited_at', 'part_at']),
    events: withDates(r.events, ['occurred_at']),
    workOrderNumber: r.work_order_number ?? null,
  };
}
