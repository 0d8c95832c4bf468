import type { Insertable, Selectable, Updateable } from 'kysely';
import type { Tx } from '../../platform/db/context.js';
import type { DisputeCaseDepartmentsTable } from './tables.js';

// Joint mediation (联合调解): the departments taking part in a case. Row-level security shows a
// department's staff their own rows only, and those who mediate the rows of their subtree.

export type CaseDepartmentRow = Selectable<DisputeCaseDepartmentsTable> & { department_name: string };

export const caseDepartmentsQuery = (tx: Tx, caseId: string) =>
  tx
    .selectFrom('dispute_case_departments as p')
    .innerJoin('departments as d', 'd.id', 'p.department_id')
    .selectAll('p')
    .select('d.name as department_name')
    .where('p.case_id', '=', caseId)
    .orderBy('p.invited_at');

export async function listCaseDepartments(tx: Tx, caseId: string): Promise<CaseDepartmentRow[]> {
  return caseDepartmentsQuery(tx, caseId).execute();
}

/** A department's part in a case, locked: recording it twice at once serializes here. */
export async function lockCaseDepartment(tx: Tx, caseId: string, departmentId: string): Promise<Selectable<DisputeCaseDepartmentsTable> | undefined> {
  return tx
    .selectFrom('dispute_case_departments')
    .selectAll()
    .where('case_id', '=', caseId)
    .where('department_id', '=', departmentId)
    .forUpdate()
    .executeTakeFirst();
}

export async function insertCaseDepartment(tx: Tx, row: Insertable<DisputeCaseDepartmentsTable>): Promise<void> {
  await tx.insertInto('dispute_case_departments').values(row).execute();
}

export async function updateCaseDepartment(
  tx: Tx,
  id: string,
  patch: Pick<Updateable<DisputeCaseDepartmentsTable>, 'part_note' | 'part_at' | 'part_by' | 'part_by_name'>,
): Promise<void> {
  await tx.updateTable('dispute_case_departments').set(patch).where('id', '=', id).execute();
}

/** A department of the county (the platform's table), for an invitation. */
export async function findDepartment(tx: Tx, id: string): Promise<{ id: string; name: string } | undefined> {
  return tx.selectFrom('departments').select(['id', 'name']).where('id', '=', id).executeTakeFirst();
}
