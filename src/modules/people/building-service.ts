import { uuidv7 } from 'uuidv7';
import { dbContext, type Actor } from '../../platform/actor.js';
import { appendAudit } from '../../platform/audit/service.js';
import { withContext, type Tx } from '../../platform/db/context.js';
import type { Deps } from '../../platform/deps.js';
import { alreadyExists, AppError, notFound } from '../../platform/errors.js';
import { findRegionForUpdate } from '../regions/service.js';
import type { Building, BuildingList, BuildingQuery, CreateBuildingBody, UpdateBuildingBody } from './building-schema.js';
import {
  countBuildingHouseholds,
  deleteBuildingRow,
  findBuildingRow,
  insertBuilding,
  listBuildingRows,
  moveBuildingHouseholds,
  updateBuildingRow,
  type BuildingRow,
} from './building-store.js';
import { checkedGroup, householdPath } from './place.js';
import { authorize, inScope } from './policy.js';

function present(b: BuildingRow): Building {
  return {
    id: b.id,
    villageCode: b.village_code,
    villageName: b.village_name,
    groupCode: b.group_code,
    groupName: b.group_name,
    gridCode: b.grid_code,
    gridName: b.grid_name,
    name: b.name,
    kind: b.kind,
    address: b.address,
    floors: b.floors,
    units: b.units,
    householdCount: b.household_count,
    synthetic: b.synthetic,
  };
}

async function visibleBuilding(tx: Tx, actor: Actor, id: string): Promise<BuildingRow> {
  const row = await findBuildingRow(tx, id);
  if (!row || !inScope(actor, row.path)) throw notFound('楼栋（院落）', id);
  return row;
}

function duplicateName(err: unknown): unknown {
  return (err as { code?: string })?.code === '23505' ? alreadyExists('name', '本村（社区）已有同名的楼栋（院落）') : err;
}

/** A village's buildings and courtyards, optionally of one group or grid, with their household counts. */
export async function listBuildings(deps: Deps, actor: Actor, q: BuildingQuery): Promise<BuildingList> {
  authorize(actor, 'people.read');
  return withContext(deps.db, dbContext(actor), async (tx) => {
    const village = await findRegionForUpdate(tx, q.villageCode);
    if (!village || village.level !== 'village' || !inScope(actor, village.path)) throw notFound('村（社区）', q.villageCode);
    const rows = (await listBuildingRows(tx, q)).filter((b) => inScope(actor, b.path));
    return { items: rows.map(present), total: rows.length };
  });
}

export async function getBuilding(deps: Deps, actor: Actor, id: string): Promise<Building> {
  authorize(actor, 'people.read');
  return withContext(deps.db, dbContext(actor), async (tx) => present(await visibleBuilding(tx, actor, id)));
}

/** Records a building (楼栋) or courtyard (院落) in a village, optionally in one of its groups and grids. */
export async function createBuilding(deps: Deps, actor: Actor, body: CreateBuildingBody): Promise<Building> {
  authorize(actor, 'people.edit');
  return withContext(deps.db, dbContext(actor), async (tx) => {
    const path = await householdPath(tx, actor, body.villageCode, body.gridCode);
    const villagePath = body.gridCode ? path.slice(0, path.lastIndexOf('.')) : path;
    const groupCode = body.groupCode ? await checkedGroup(tx, villagePath, body.groupCode) : null;
    const id = uuidv7();
    const now = deps.clock.now();
    try {
      await insertBuilding(tx, {
        id,
        village_code: body.villageCode,
        group_code: groupCode,
        grid_code: body.gridCode ?? null,
        path,
        name: body.name.trim(),
        kind: body.kind,
        address: body.address?.trim() || null,
        floors: body.floors ?? null,
        units: body.units ?? null,
        created_at: now,
        updated_at: now,
      });
    } catch (err) {
      throw duplicateName(err);
    }
    const saved = present((await findBuildingRow(tx, id))!);
    await appendAudit(tx, deps.clock, actor, { action: 'building.create', targetType: 'building', targetId: id, after: saved });
    return saved;
  });
}

/**
 * Changes a building. A building stands in one grid: moving it to another grid moves its
 * households (and their members) with it.
 */
export async function updateBuilding(deps: Deps, actor: Actor, id: string, body: UpdateBuildingBody): Promise<Building> {
  authorize(actor, 'people.edit');
  return withContext(deps.db, dbContext(actor), async (tx) => {
    const before = await visibleBuilding(tx, actor, id);
    const now = deps.clock.now();
    const gridChanged = body.gridCode !== undefined && body.gridCode !== before.grid_code;
    const path = gridChanged ? await householdPath(tx, actor, before.village_code, body.gridCode ?? undefined) : before.path;
    const villagePath = before.grid_code ? before.path.slice(0, before.path.lastIndexOf('.')) : before.path;
    const groupCode = body.groupCode ? await checkedGroup(tx, villagePath, body.groupCode) : body.groupCode;
    try {
      await updateBuildingRow(tx, id, {
        ...(body.name !== undefined ? { name: body.name.trim() } : {}),
        ...(body.kind !== undefined ? { kind: body.kind } : {}),
        ...(groupCode !== undefined ? { group_code: groupCode } : {}),
        ...(gridChanged ? { grid_code: body.gridCode ?? null, path } : {}),
        ...(body.address !== undefined ? { address: body.address?.trim() || null } : {}),
        ...(body.floors !== undefined ? { floors: body.floors } : {}),
        ...(body.units !== undefined ? { units: body.units } : {}),
        updated_at: now,
      });
    } catch (err) {
      throw duplicateName(err);
    }
    if (gridChanged && body.gridCode) await moveBuildingHouseholds(tx, id, body.gridCode, path);
    const after = present((await findBuildingRow(tx, id))!);
    await appendAudit(tx, deps.clock, actor, { action: 'building.update', targetType: 'building', targetId: id, before: present(before), after });
    return after;
  });
}

/** Deletes a building no household names (move or clear them first). */
export async function deleteBuilding(deps: Deps, actor: Actor, id: string): Promise<void> {
  authorize(actor, 'people.edit');
  await withContext(deps.db, dbContext(actor), async (tx) => {
    const before = await visibleBuilding(tx, actor, id);
    const n = await countBuildingHouseholds(tx, id);
    if (n > 0) throw new AppError('CONFLICT', `该楼栋（院落）仍有 ${n} 户，请先调整这些户的楼栋后再删除`, { households: n });
    await deleteBuildingRow(tx, id);
    await appendAudit(tx, deps.clock, actor, { action: 'building.delete', targetType: 'building', targetId: id, before: present(before) });
  });
}
