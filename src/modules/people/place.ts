import type { Actor } from '../../platform/actor.js';
import type { Tx } from '../../platform/db/context.js';
import { invalidField, outOfScope } from '../../platform/errors.js';
import { findGridForUpdate, findRegionForUpdate } from '../regions/service.js';
import { findBuildingRow } from './building-store.js';
import { inScope } from './policy.js';

/** The ltree path of a household: its village, plus its grid when it has one. */
export async function householdPath(tx: Tx, actor: Actor, villageCode: string, gridCode: string | undefined): Promise<string> {
  const village = await findRegionForUpdate(tx, villageCode);
  if (!village || village.level !== 'village') throw invalidField('villageCode', '村（社区）不存在');
  if (!inScope(actor, village.path)) throw outOfScope('villageCode', '村（社区）不在您的管理范围内');
  if (!gridCode) return village.path;
  const grid = gridCode.startsWith(village.code) ? await findGridForUpdate(tx, gridCode) : undefined;
  if (!grid) throw invalidField('gridCode', '网格不存在或不属于该村（社区）');
  return grid.path;
}

/**
 * Where a household stands: its village, grid, group and building, all of the same village. A
 * building brings its own group and grid; given ones must agree with it.
 */
export async function placeHousehold(
  tx: Tx,
  actor: Actor,
  villageCode: string,
  p: { gridCode?: string; groupCode?: string; buildingId?: string },
): Promise<{ path: string; gridCode: string | null; groupCode: string | null; buildingId: string | null }> {
  let { gridCode, groupCode } = p;
  if (p.buildingId) {
    const b = await findBuildingRow(tx, p.buildingId);
    if (!b || b.village_code !== villageCode || !inScope(actor, b.path)) throw invalidField('buildingId', '楼栋（院落）不存在或不属于该村（社区）');
    if (b.grid_code && gridCode && gridCode !== b.grid_code) throw invalidField('gridCode', `该楼栋（院落）在网格 ${b.grid_code}，户的网格应与之相同`);
    if (b.group_code && groupCode && groupCode !== b.group_code) throw invalidField('groupCode', '户的村民小组（小区）应与所在楼栋（院落）相同');
    gridCode ??= b.grid_code ?? undefined;
    groupCode ??= b.group_code ?? undefined;
  }
  const path = await householdPath(tx, actor, villageCode, gridCode);
  const villagePath = gridCode ? path.slice(0, path.lastIndexOf('.')) : path;
  return {
    path,
    gridCode: gridCode ?? null,
    groupCode: groupCode ? await checkedGroup(tx, villagePath, groupCode) : null,
    buildingId: p.buildingId ?? null,
  };
}

/** A group (村民小组 / 小区 / 自治单元) of this village, or a 400 naming the field. */
export async function checkedGroup(tx: Tx, villagePath: string, groupCode: string, field = 'groupCode'): Promise<string> {
  const group = await findRegionForUpdate(tx, groupCode);
  if (!group || group.level !== 'group' || !group.path.startsWith(`${villagePath}.`)) throw invalidField(field, '村民小组（小区）不存在或不属于该村（社区）');
  return group.code;
}
