import { uuidv7 } from 'uuidv7';
import { dbContext, type Actor } from '../../platform/actor.js';
import { appendAudit } from '../../platform/audit/service.js';
import { withContext } from '../../platform/db/context.js';
import type { Deps } from '../../platform/deps.js';
import { invalidField, notFound, outOfScope } from '../../platform/errors.js';
import { toOffsetIso } from '../../platform/time.js';
import { authorize, inScope } from './policy.js';
import type { RoutingRule, RoutingRuleBody, RoutingRuleUpdateBody } from './schema.js';
import { departmentRow, listDepartments, listRoutingRules, regionRow } from './store.js';
import { UNIT_KINDS, unitKindName } from './taxonomy/index.js';

export async function departments(deps: Deps, actor: Actor) {
  authorize(actor, 'requests.read');
  return withContext(deps.db, dbContext(actor), async (tx) =>
    (await listDepartments(tx)).map((d) => ({ id: d.id, code: d.code, name: d.name, unitKind: d.unit_kind })),
  );
}

export async function routingRules(deps: Deps, actor: Actor): Promise<RoutingRule[]> {
  authorize(actor, 'requests.read');
  return withContext(deps.db, dbContext(actor), async (tx) => {
    const rows = await listRoutingRules(tx, actor.role === 'department_staff' ? '' : actor.scopePath);
    return rows.map((r) => ({
      id: r.id,
      regionCode: r.region_code,
      regionName: r.region_name,
      unitKind: r.unit_kind,
      unitKindName: unitKindName(r.unit_kind),
      departmentId: r.department_id,
      departmentName: r.department_name,
      updatedAt: toOffsetIso(r.updated_at),
    }));
  });
}

/** Sets the department that takes a unit kind's orders in a region (and below it, unless a lower rule says otherwise). */
export async function saveRoutingRule(deps: Deps, actor: Actor, body: RoutingRuleBody): Promise<RoutingRule> {
  authorize(actor, 'requests.configure');
  if (!UNIT_KINDS.some((u) => u.code === body.unitKind) || ['grid', 'village', 'township'].includes(body.unitKind)) {
    throw invalidField('unitKind', '不是可配置的部门类别');
  }
  const now = deps.clock.now();
  await withContext(deps.db, dbContext(actor), async (tx) => {
    const region = await regionRow(tx, body.regionCode);
    if (!region || !inScope(actor, region.path)) throw outOfScope('regionCode', '区划不存在或不在您的管理范围内');
    if (!['county', 'township', 'village'].includes(region.level)) throw invalidField('regionCode', '只能按县、乡镇或村设置');
    const dept = await departmentRow(tx, body.departmentId);
    if (!dept) throw invalidField('departmentId', '部门不存在');
    const before = await tx
      .selectFrom('routing_rules')
      .selectAll()
      .where('region_code', '=', body.regionCode)
      .where('unit_kind', '=', body.unitKind)
      .executeTakeFirst();
    await tx
      .insertInto('routing_rules')
      .values({
        id: uuidv7(),
        region_code: region.code,
        unit_kind: body.unitKind,
        department_id: dept.id,
        path: region.path,
        updated_by: actor.userId,
        updated_at: now,
      })
      .onConflict((oc) => oc.columns(['region_code', 'unit_kind']).doUpdateSet({ department_id: dept.id, updated_by: actor.userId, updated_at: now }))
      .execute();
    await appendAudit(tx, deps.clock, actor, {
      action: 'routing_rule.save',
      targetType: 'routing_rule',
      targetId: `${region.code}/${body.unitKind}`,
      before: before ? { departmentId: before.department_id } : null,
      after: { departmentId: dept.id },
    });
  });
  const all = await routingRules(deps, actor);
  return all.find((r) => r.regionCode === body.regionCode && r.unitKind === body.unitKind)!;
}

/** Changes which department a rule sends its orders to; the rule's region and unit kind stay (delete and add to change those). */
export async function updateRoutingRule(deps: Deps, actor: Actor, id: string, body: RoutingRuleUpdateBody): Promise<RoutingRule> {
  authorize(actor, 'requests.configure');
  const now = deps.clock.now();
  await withContext(deps.db, dbContext(actor), async (tx) => {
    const before = await tx.selectFrom('routing_rules').selectAll().where('id', '=', id).executeTakeFirst();
    if (!before || !inScope(actor, before.path)) throw notFound('路由规则', id);
    const dept = await departmentRow(tx, body.departmentId);
    if (!dept) throw invalidField('departmentId', '部门不存在');
    await tx.updateTable('routing_rules').set({ department_id: dept.id, updated_by: actor.userId, updated_at: now }).where('id', '=', id).execute();
    await appendAudit(tx, deps.clock, actor, {
      action: 'routing_rule.save',
      targetType: 'routing_rule',
      targetId: `${before.region_code}/${before.unit_kind}`,
      before: { departmentId: before.department_id },
      after: { departmentId: dept.id },
    });
  });
  const all = await routingRules(deps, actor);
  return all.find((r) => r.id === id)!;
}

export async function deleteRoutingRule(deps: Deps, actor: Actor, id: string): Promise<void> {
  authorize(actor, 'requests.configure');
  await withContext(deps.db, dbContext(actor), async (tx) => {
    const before = await tx.selectFrom('routing_rules').selectAll().where('id', '=', id).executeTakeFirst();
    if (!before || !inScope(actor, before.path)) throw notFound('路由规则', id);
    await tx.deleteFrom('routing_rules').where('id', '=', id).execute();
    await appendAudit(tx, deps.clock, actor, {
      action: 'routing_rule.delete',
      targetType: 'routing_rule',
      targetId: id,
      before: { regionCode: before.region_code, unitKind: before.unit_kind },
    });
  });
}
