import { uuidv7 } from 'uuidv7';
import { dbContext, type Actor } from '../../platform/actor.js';
import { appendAudit } from '../../platform/audit/service.js';
import { withContext, type Tx } from '../../platform/db/context.js';
import type { Deps } from '../../platform/deps.js';
import { invalidField, notFound } from '../../platform/errors.js';
import { chinaDate } from '../../platform/time.js';
import { findRegionForUpdate, regionTotals } from '../regions/service.js';
import { placeHousehold } from './place.js';
import { alreadyRegistered, buildResident, duplicateIdError, findRegisteredMember } from './members.js';
import { authorize, inScope } from './policy.js';
import { presentHouseholdDetail, presentHouseholdList } from './presenter.js';
import { parsePeopleSearch } from './search.js';
import { listMatchedMembers } from './search-store.js';
import type { CreateHouseholdBody, HouseholdDetail, HouseholdPage, HouseholdQuery, UpdateHouseholdBody } from './schema.js';
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
  updateHousehold as updateHouseholdRow,
} from './store.js';

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
    const place = await placeHousehold(tx, actor, body.villageCode, { gridCode: body.gridCode, groupCode: body.groupCode, buildingId: body.buildingId });
    const path = place.path;
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
        grid_code: place.gridCode,
        group_code: place.groupCode,
        building_id: place.buildingId,
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

/**
 * Households in the actor's scope, narrowed to a region or grid, and found by what `q` says:
 * the door address, any member's name (the householder's or another's), a phone or ID number's
 * last four digits, or a whole number (see parsePeopleSearch).
 */
export async function searchHouseholds(deps: Deps, actor: Actor, q: HouseholdQuery): Promise<HouseholdPage> {
  authorize(actor, 'people.read');
  return withContext(deps.db, dbContext(actor), async (tx) => {
    let scopePath = actor.scopePath;
    let groupCode: string | undefined;
    if (q.regionCode) {
      const region = await findRegionForUpdate(tx, q.regionCode);
      if (!region || !inScope(actor, region.path)) throw notFound('区划', q.regionCode);
      // A group's households keep their village's path (plus grid): filter by the group column instead.
      if (region.level === 'group') {
        groupCode = region.code;
        scopePath = region.path.slice(0, region.path.lastIndexOf('.'));
      } else scopePath = region.path;
    }
    const filtered = q.gridCode || groupCode || q.buildingId || q.q;
    const match = parsePeopleSearch(deps.config, q.q, deps.clock.now());
    const { rows, total } = await listHouseholds(
      tx,
      { scopePath, gridCode: q.gridCode, groupCode, buildingId: q.buildingId, match },
      { limit: q.pageSize, offset: (q.page - 1) * q.pageSize },
      filtered ? undefined : (await regionTotals(tx, scopePath))?.households,
    );
    // Which members the text matched, so the list can say "匹配：龙小梅（子女）".
    const ids = rows.map((r) => r.id);
    const matched = match ? await listMatchedMembers(tx, scopePath, match, ids) : undefined;
    return { items: presentHouseholdList(rows, matched), total };
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

/**
 * Changes a household's address, grid, group or building. A building carries its group and grid
 * to the household unless they are given; members' paths (and, by trigger, party rows) follow a
 * change of grid.
 */
export async function updateHousehold(deps: Deps, actor: Actor, id: string, body: UpdateHouseholdBody): Promise<HouseholdDetail> {
  authorize(actor, 'people.edit');
  return withContext(deps.db, dbContext(actor), async (tx) => {
    const before = await findHousehold(tx, id);
    if (!before || !inScope(actor, before.path)) throw notFound('户', id);
    const buildingId = body.buildingId === undefined ? before.building_id : body.buildingId;
    const place = await placeHousehold(tx, actor, before.village_code, {
      gridCode: body.gridCode === undefined ? (body.buildingId ? undefined : (before.grid_code ?? undefined)) : (body.gridCode ?? undefined),
      groupCode: body.groupCode === undefined ? (body.buildingId ? undefined : (before.group_code ?? undefined)) : (body.groupCode ?? undefined),
      buildingId: buildingId ?? undefined,
    });
    const now = deps.clock.now();
    await updateHouseholdRow(tx, id, {
      ...(body.address !== undefined ? { address: body.address.trim() } : {}),
      grid_code: place.gridCode,
      group_code: place.groupCode,
      building_id: place.buildingId,
      path: place.path,
      updated_at: now,
    });
    if (place.path !== before.path) await setMembersPath(tx, id, place.path);
    const after = (await findHousehold(tx, id))!;
    const pick = (h: typeof before) => ({ address: h.address, gridCode: h.grid_code, groupCode: h.group_code, buildingId: h.building_id });
    await appendAudit(tx, deps.clock, actor, { action: 'household.update', targetType: 'household', targetId: id, before: pick(before), after: pick(after) });
    return presentHouseholdDetail(after, await listMembers(tx, id), now);
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
