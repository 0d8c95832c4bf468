import { dbContext, type Actor } from '../../platform/actor.js';
import { appendAudit } from '../../platform/audit/service.js';
import { withContext, type Tx } from '../../platform/db/context.js';
import type { Deps } from '../../platform/deps.js';
import { alreadyExists, AppError, forbidden, invalidField, notFound } from '../../platform/errors.js';
import { normalizeRegionCode } from './codes.js';
import { gridCodeOf, isGridCodeOf } from './grid-rules.js';
import { lockVillageGrids, maxGridSeq, unitCodeTaken } from './grid-store.js';
import { canEditGrids, canSeeRegion, isWithin } from './policy.js';
import type { CreateGroupBody, Region, UpdateGroupBody } from './schema.js';
import { presentWithCounts } from './service.js';
import { deleteRegionRow, findRegion, insertRegion, updateRegionRow, type RegionRow } from './store.js';

/** Groups are edited by whoever may draw the village's grids, inside their scope (and RLS, 0001). */
function authorize(actor: Actor): void {
  if (!canEditGrids(actor)) throw forbidden('regions.groups');
}

async function editableRegion(tx: Tx, actor: Actor, code: string, level: 'village' | 'group'): Promise<RegionRow> {
  const row = await findRegion(tx, normalizeRegionCode(code));
  if (!row || !canSeeRegion(actor, row.path) || (actor.role !== 'system' && !isWithin(row.path, actor.scopePath))) {
    throw notFound(level === 'village' ? '村（社区）' : '村民小组（小区）', code);
  }
  if (row.level !== level) {
    throw new AppError(
      'CONFLICT',
      level === 'group' ? '只能修改村民小组、小区和自治单元；乡镇、村的名称以国家统计用区划代码为准' : '小组只能建在村（社区）之下',
      {
        level: row.level,
      },
    );
  }
  return row;
}

async function saved(tx: Tx, code: string): Promise<Region> {
  return (await presentWithCounts(tx, [(await findRegion(tx, code))!]))[0]!;
}

/**
 * Adds a group (村民小组 / 湾 / 寨), a residential compound (小区) or a self-governance unit
 * (自治单元) under a village. Its code is the village code + the next 3-digit number its grids
 * and groups have not used, unless given.
 */
export async function createGroup(deps: Deps, actor: Actor, villageCode: string, body: CreateGroupBody): Promise<Region> {
  authorize(actor);
  return withContext(deps.db, dbContext(actor), async (tx) => {
    const village = await editableRegion(tx, actor, villageCode, 'village');
    await lockVillageGrids(tx, village.code);
    let code = body.code;
    if (code !== undefined) {
      if (!isGridCodeOf(code, village.code)) throw invalidField('code', `编码应为所属村（社区）代码 ${village.code} 加 3 位序号（001–999）`);
      if (await unitCodeTaken(tx, code)) throw alreadyExists('code', '该编码已被本村（社区）的网格或小组使用');
    } else {
      const seq = (await maxGridSeq(tx, village.code)) + 1;
      if (seq > 999) throw invalidField('code', '该村（社区）的编号已用完');
      code = gridCodeOf(village.code, seq);
    }
    const name = body.name.trim();
    if (!name) throw invalidField('name', '名称不能为空');
    await insertRegion(tx, { code, name, level: 'group', kind: body.kind, parentCode: village.code, path: `${village.path}.${code}` });
    const group = await saved(tx, code);
    await appendAudit(tx, deps.clock, actor, { action: 'region.group_create', targetType: 'region', targetId: code, after: group });
    return group;
  });
}

/** Renames a group or changes its kind. Townships and villages keep their official names. */
export async function updateGroup(deps: Deps, actor: Actor, code: string, body: UpdateGroupBody): Promise<Region> {
  authorize(actor);
  return withContext(deps.db, dbContext(actor), async (tx) => {
    const row = await editableRegion(tx, actor, code, 'group');
    const before = await saved(tx, row.code);
    const name = body.name?.trim();
    if (body.name !== undefined && !name) throw invalidField('name', '名称不能为空');
    await updateRegionRow(tx, row.code, { ...(name ? { name } : {}), ...(body.kind ? { kind: body.kind } : {}) });
    const after = await saved(tx, row.code);
    await appendAudit(tx, deps.clock, actor, { action: 'region.group_update', targetType: 'region', targetId: row.code, before, after });
    return after;
  });
}

/** Which rows keep a group, by the foreign key that refuses its deletion. */
const HOLDERS: Record<string, string> = {
  households_: '户',
  buildings_: '楼栋（院落）',
  party_orgs_: '党组织',
  stewardships_: '包保',
  visits_: '走访记录',
  users_: '账号',
};

/**
 * Removes a group nothing points at. Households, buildings, party organizations or stewardship
 * still linked to it keep it: the answer is a 409 saying to move them first.
 */
export async function deleteGroup(deps: Deps, actor: Actor, code: string): Promise<void> {
  authorize(actor);
  await withContext(deps.db, dbContext(actor), async (tx) => {
    const row = await editableRegion(tx, actor, code, 'group');
    const before = await saved(tx, row.code);
    try {
      await deleteRegionRow(tx, row.code);
    } catch (err) {
      const e = err as { code?: string; constraint?: string };
      if (e.code !== '23503') throw err;
      const what = Object.entries(HOLDERS).find(([table]) => e.constraint?.startsWith(table))?.[1] ?? '其他记录';
      throw new AppError('CONFLICT', `该小组仍有${what}关联，请先调整后再删除`, { constraint: e.constraint });
    }
    await appendAudit(tx, deps.clock, actor, { action: 'region.group_delete', targetType: 'region', targetId: row.code, before });
  });
}
