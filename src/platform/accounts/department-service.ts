import { uuidv7 } from 'uuidv7';
import { dbContext, type Actor } from '../actor.js';
import { appendAudit } from '../audit/service.js';
import { withContext } from '../db/context.js';
import type { Deps } from '../deps.js';
import { forbidden } from '../errors.js';
import { can } from './policy.js';
import { listDepartmentNames, upsertDepartment } from './store.js';

export interface DepartmentInput {
  code: string;
  name: string;
  regionCode: string;
  /** Which kind of unit it is for routing work orders (shared/data/request-categories.json unitKinds). */
  unitKind?: string | null;
}

/** Creates or renames departments (职能部门) by code; returns code → id. */
export async function saveDepartments(deps: Deps, actor: Actor, list: DepartmentInput[]): Promise<Map<string, string>> {
  if (actor.role !== 'system' && actor.role !== 'system_admin') throw forbidden('departments.save');
  return withContext(deps.db, dbContext(actor), async (tx) => {
    const ids = new Map<string, string>();
    for (const d of list) {
      ids.set(d.code, await upsertDepartment(tx, { id: uuidv7(), code: d.code, name: d.name, region_code: d.regionCode, unit_kind: d.unitKind ?? null }));
    }
    await appendAudit(tx, deps.clock, actor, { action: 'departments.save', targetType: 'department', details: { codes: list.map((d) => d.code) } });
    return ids;
  });
}

/** The departments, by name, for the user admins' filter (the accounts list names a department account's department). */
export async function listUserDepartments(deps: Deps, actor: Actor): Promise<{ id: string; name: string }[]> {
  if (!can(actor, 'users.manage') && !can(actor, 'users.security')) throw forbidden('users.read');
  return withContext(deps.db, dbContext(actor), (tx) => listDepartmentNames(tx));
}
