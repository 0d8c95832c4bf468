import { uuidv7 } from 'uuidv7';
import { dbContext, type Actor } from '../../platform/actor.js';
import { appendAudit } from '../../platform/audit/service.js';
import { withContext, type Tx } from '../../platform/db/context.js';
import type { Deps } from '../../platform/deps.js';
import { alreadyExists, AppError, duplicateAs, invalidField, notFound, outOfScope } from '../../platform/errors.js';
import { isWithin } from '../regions/policy.js';
import { checkNotFuture, regionField, regionOrOwn } from './common.js';
import { KIND_LABELS, KIND_RULES, parentProblem } from './org-rules.js';
import { authorize, inScope } from './policy.js';
import { nestOrgs, presentOrgDetail } from './presenter.js';
import type { CreatePartyOrgBody, DissolvePartyOrgBody, OrgTreeQuery, PartyOrgDetail, PartyOrgKind, PartyOrgTree, UpdatePartyOrgBody } from './schema.js';
import { findOrg, findOrgByCode, insertOrgs, isInSubtree, listOrgTree, orgHoldings, orgSubtreeStats, updateOrgRow, type OrgDetailRow } from './store.js';
import { chinaDate } from '../../platform/time.js';

const LEVEL_LABELS: Record<string, string> = { county: '县', township: '乡镇（街道）', village: '村（社区）', group: '村民小组（小区）' };

/** The organizations linked to a region's subtree, nested, from one recursive query. */
export async function getOrgTree(deps: Deps, actor: Actor, q: OrgTreeQuery): Promise<PartyOrgTree> {
  authorize(actor, 'party.read');
  return withContext(deps.db, dbContext(actor), async (tx) => {
    const region = await regionOrOwn(tx, actor, q.regionCode);
    const rows = await listOrgTree(tx, region.path);
    return { roots: nestOrgs(rows), total: rows.length };
  });
}

/** An organization in scope, or 404 (the same answer whether it exists elsewhere or not at all). */
export async function visibleOrg(tx: Tx, actor: Actor, id: string): Promise<OrgDetailRow> {
  const org = await findOrg(tx, id);
  if (!org || !inScope(actor, org.path)) throw notFound('党组织', id);
  return org;
}

async function detail(tx: Tx, org: OrgDetailRow): Promise<PartyOrgDetail> {
  return presentOrgDetail(org, await orgSubtreeStats(tx, org.id));
}

export async function getOrg(deps: Deps, actor: Actor, id: string): Promise<PartyOrgDetail> {
  authorize(actor, 'party.read');
  return withContext(deps.db, dbContext(actor), async (tx) => detail(tx, await visibleOrg(tx, actor, id)));
}

/**
 * Sets up a party organization under its parent: the kind must fit under the parent's kind, and
 * the linked region must be of the kind's level and inside the parent's region.
 */
export async function createOrg(deps: Deps, actor: Actor, body: CreatePartyOrgBody): Promise<PartyOrgDetail> {
  authorize(actor, 'party.edit');
  const now = deps.clock.now();
  return withContext(deps.db, dbContext(actor), async (tx) => {
    const region = await regionField(tx, actor, body.regionCode, 'regionCode');
    const rule = KIND_RULES[body.kind];
    if (!rule.levels.includes(region.level)) {
      throw invalidField('regionCode', `${KIND_LABELS[body.kind]}应联系${rule.levels.map((l) => LEVEL_LABELS[l]).join('或')}级区划`);
    }
    const parent = body.parentId ? await findOrg(tx, body.parentId) : undefined;
    if (body.parentId && (!parent || !inScope(actor, parent.path) || parent.dissolved_on))
      throw outOfScope('parentId', '上级党组织不存在、已撤销或不在您的管理范围内');
    const problem = parentProblem(body.kind, (parent?.kind as PartyOrgKind | undefined) ?? null);
    if (problem) throw invalidField('parentId', problem);
    if (parent && !isWithin(region.path, parent.path)) throw invalidField('regionCode', '须在上级党组织所联系的区划之内');
    if (await findOrgByCode(tx, body.code)) throw alreadyExists('code', '党组织代码已存在');
    const id = uuidv7();
    try {
      await insertOrgs(tx, [
        {
          id,
          code: body.code,
          name: body.name.trim(),
          kind: body.kind,
          parent_id: parent?.id ?? null,
          region_code: region.code,
          path: region.path,
          created_at: now,
          updated_at: now,
        },
      ]);
    } catch (err) {
      throw duplicateAs(err, 'code', '党组织代码已存在');
    }
    const saved = await detail(tx, (await findOrg(tx, id))!);
    await appendAudit(tx, deps.clock, actor, { action: 'party_org.create', targetType: 'party_org', targetId: id, after: saved });
    return saved;
  });
}

/**
 * Renames an organization or moves it under another parent. A move keeps the kind rules
 * (org-rules.ts), keeps its region inside the new parent's, and never under itself.
 */
export async function updateOrg(deps: Deps, actor: Actor, id: string, body: UpdatePartyOrgBody): Promise<PartyOrgDetail> {
  authorize(actor, 'party.edit');
  return withContext(deps.db, dbContext(actor), async (tx) => {
    const org = await visibleOrg(tx, actor, id);
    if (org.dissolved_on) throw new AppError('CONFLICT', '该党组织已撤销，不能修改');
    const before = await detail(tx, org);
    if (body.parentId !== undefined && body.parentId !== org.parent_id) {
      const parent = await findOrg(tx, body.parentId);
      if (!parent || !inScope(actor, parent.path) || parent.dissolved_on) throw outOfScope('parentId', '上级党组织不存在、已撤销或不在您的管理范围内');
      if (await isInSubtree(tx, org.id, parent.id)) throw invalidField('parentId', '不能移到本组织或其下级组织之下');
      const problem = parentProblem(org.kind as PartyOrgKind, parent.kind as PartyOrgKind);
      if (problem) throw invalidField('parentId', problem);
      if (!isWithin(org.path, parent.path)) throw invalidField('parentId', '上级党组织所联系的区划应包含本组织的区划');
    }
    await updateOrgRow(tx, org.id, {
      ...(body.name !== undefined ? { name: body.name.trim() } : {}),
      ...(body.parentId !== undefined ? { parent_id: body.parentId } : {}),
      updated_at: deps.clock.now(),
    });
    const after = await detail(tx, (await findOrg(tx, org.id))!);
    await appendAudit(tx, deps.clock, actor, { action: 'party_org.update', targetType: 'party_org', targetId: org.id, before, after });
    return after;
  });
}

/**
 * Dissolves (撤销) an organization with a reason. One that still has members or live child
 * organizations is refused: transfer them first, so no member is left without an organization.
 */
export async function dissolveOrg(deps: Deps, actor: Actor, id: string, body: DissolvePartyOrgBody): Promise<PartyOrgDetail> {
  authorize(actor, 'party.edit');
  const now = deps.clock.now();
  const on = body.dissolvedOn ?? chinaDate(now);
  checkNotFuture('dissolvedOn', on, now);
  return withContext(deps.db, dbContext(actor), async (tx) => {
    const org = await visibleOrg(tx, actor, id);
    if (org.dissolved_on) throw new AppError('CONFLICT', '该党组织已撤销');
    if (!org.parent_id) throw new AppError('CONFLICT', '县委不能在此撤销');
    const held = await orgHoldings(tx, org.id);
    if (held.members > 0 || held.children > 0) {
      const parts = [held.members > 0 ? `${held.members} 名党员` : '', held.children > 0 ? `${held.children} 个下级党组织` : ''].filter(Boolean);
      throw new AppError('CONFLICT', `该党组织仍有${parts.join('和')}，请先转接后再撤销`, held);
    }
    const before = await detail(tx, org);
    await updateOrgRow(tx, org.id, { dissolved_on: on, dissolve_reason: body.reason.trim(), updated_at: now });
    const after = await detail(tx, (await findOrg(tx, org.id))!);
    await appendAudit(tx, deps.clock, actor, { action: 'party_org.dissolve', targetType: 'party_org', targetId: org.id, before, after });
    return after;
  });
}
