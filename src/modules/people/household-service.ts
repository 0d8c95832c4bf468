import { uuidv7 } from 'uuidv7';
import { dbContext, type Actor } from '../../platform/actor.js';
import { appendAudit } from '../../platform/audit/service.js';
import { withContext, type Tx } from '../../platform/db/context.js';
import type { Deps } from '../../platform/deps.js';
import { invalidField, notFound } from '../../platform/errors.js';
import { chinaDate } from '../../platform/time.js';
import { findGridForUpdate, findRegionForUpdate } from '../regions/service.js';
import { alreadyRegistered, buildResident, duplicateIdError, findRegisteredMember } from './members.js';
import { authorize, inScope } from './policy.js';
import { presentHousehold, presentHouseholdDetail } from './presenter.js';
import type { CreateHouseholdBody, HouseholdDetail, HouseholdPage, HouseholdQuery } from './schema.js';
import {
  countHouseholdsUnder,
  findHousehold,
  insertEvents,
  insertHouseholds,
  insertResidents,
  listHouseholds,
  listMembers,
  listTagCodes,
  setMembersPath,
  updateHousehold,
} from './store.js';

/** The ltree path of a household: its village, plus its grid when it has one. */
export async function householdPath(tx: Tx, actor: Actor, villageCode: string, gridCode: string | undefined): Promise<string> {
  const village = await findRegionForUpdate(tx, villageCode);
  if (!village || village.level !== 'village') throw invalidField('villageCode', '村（社区）不存在');
  if (!inScope(actor, village.path)) throw invalidField('villageCode', '村（社区）不在您的管理范围内');
  if (!gridCode) return village.path;
  const grid = gridCode.startsWith(village.code) ? await findGridForUpdate(tx, gridCode) : undefined;
  if (!grid) throw invalidField('gridCode', '网格不存在或不属于该村（社区）');
  return grid.path;
}

export async function knownTags(tx: Tx): Promise<Set<string>> {
  return new Set((await listTagCodes(tx)).map((t) => t.code));
}

/** Registers a household with its members in one transaction; exactly one member is the head. */
export async function createHousehold(deps: Deps, actor: Actor, body: CreateHouseholdBody): Promise<HouseholdDetail> {
  authorize(actor, 'people.edit');
  const heads = body.members.filter((m) => m.relation === 'head').length;
  if (heads !== 1) throw invalidField('members', heads === 0 ? '必须有一名户主（relation 为 head）' : '只能有一名户主');
  const today = deps.clock.now();
  return withContext(deps.db, dbContext(actor), async (tx) => {
    const path = await householdPath(tx, actor, body.villageCode, body.gridCode);
    const tags = await knownTags(tx);
    const householdId = uuidv7();
    const residents = body.members.map((m, i) => buildResident(deps.config, today, m, { field: `members.${i}`, householdId, path, knownTags: tags }));
    const ids = residents.map((r) => r.id_number_hmac).filter(Boolean);
    const dup = ids.findIndex((h, i) => ids.indexOf(h) !== i);
    if (dup >= 0) throw invalidField(`members.${dup}.idNumber`, '同一户中身份证号重复');
    const taken = await findRegisteredMember(tx, residents);
    if (taken >= 0) throw alreadyRegistered(`members.${taken}.idNumber`);
    const head = residents.find((r) => r.relation === 'head')!;
    await insertHouseholds(tx, [
      {
        id: householdId,
        village_code: body.villageCode,
        grid_code: body.gridCode ?? null,
        path,
        address: body.address.trim(),
        building: body.building ?? null,
        head_resident_id: head.id,
        created_at: today,
        updated_at: today,
      },
    ]);
    try {
      await insertResidents(tx, residents);
    } catch (err) {
      throw duplicateIdError(err, 'members.idNumber');
    }
    const occurredOn = chinaDate(today);
    await insertEvents(
      tx,
      residents.map((r) => ({
        id: uuidv7(),
        resident_id: r.id,
        household_id: householdId,
        path,
        kind: 'registered',
        occurred_on: occurredOn,
        details: null,
        recorded_by: actor.userId,
        recorded_at: today,
      })),
    );
    const saved = (await findHousehold(tx, householdId))!;
    const members = await listMembers(tx, householdId);
    const detail = presentHouseholdDetail(saved, members, today);
    await appendAudit(tx, deps.clock, actor, { action: 'household.create', targetType: 'household', targetId: householdId, after: detail });
    return detail;
  });
}

/** Households in the actor's scope, narrowed to a region or grid. */
export async function searchHouseholds(deps: Deps, actor: Actor, q: HouseholdQuery): Promise<HouseholdPage> {
  authorize(actor, 'people.read');
  return withContext(deps.db, dbContext(actor), async (tx) => {
    let scopePath = actor.scopePath;
    if (q.regionCode) {
      const region = await findRegionForUpdate(tx, q.regionCode);
      if (!region || !inScope(actor, region.path)) throw notFound('区划', q.regionCode);
      scopePath = region.path;
    }
    const { rows, total } = await listHouseholds(tx, { scopePath, gridCode: q.gridCode, q: q.q }, { limit: q.pageSize, offset: (q.page - 1) * q.pageSize });
    return { items: rows.map(presentHousehold), total };
  });
}

export async function getHousehold(deps: Deps, actor: Actor, id: string): Promise<HouseholdDetail> {
  authorize(actor, 'people.read');
  return withContext(deps.db, dbContext(actor), async (tx) => {
    const h = await findHousehold(tx, id);
    if (!h || !inScope(actor, h.path)) throw notFound('户', id);
    return presentHouseholdDetail(h, await listMembers(tx, id), deps.clock.now());
  });
}

/** Moves a household to another grid of its village (or out of any grid), keeping members' paths in step. */
export async function assignHouseholdGrid(deps: Deps, actor: Actor, id: string, gridCode: string | null): Promise<HouseholdDetail> {
  authorize(actor, 'people.edit');
  return withContext(deps.db, dbContext(actor), async (tx) => {
    const before = await findHousehold(tx, id);
    if (!before || !inScope(actor, before.path)) throw notFound('户', id);
    const path = await householdPath(tx, actor, before.village_code, gridCode ?? undefined);
    await updateHousehold(tx, id, { grid_code: gridCode, path, updated_at: deps.clock.now() });
    await setMembersPath(tx, id, path);
    const after = (await findHousehold(tx, id))!;
    await appendAudit(tx, deps.clock, actor, {
      action: 'household.assign_grid',
      targetType: 'household',
      targetId: id,
      before: { gridCode: before.grid_code },
      after: { gridCode },
    });
    return presentHouseholdDetail(after, await listMembers(tx, id), deps.clock.now());
  });
}

/** How many households are registered under a region (the demo loader checks before generating). */
export async function countHouseholds(deps: Deps, actor: Actor, regionCode: string): Promise<number> {
  authorize(actor, 'people.read');
  return withContext(deps.db, dbContext(actor), async (tx) => {
    const region = await findRegionForUpdate(tx, regionCode);
    return region ? countHouseholdsUnder(tx, region.path) : 0;
  });
}
