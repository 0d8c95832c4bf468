import { uuidv7 } from 'uuidv7';
import { dbContext, type Actor } from '../../platform/actor.js';
import { appendAudit } from '../../platform/audit/service.js';
import { withContext } from '../../platform/db/context.js';
import type { Deps } from '../../platform/deps.js';
import { AppError, invalidField, notFound, outOfScope } from '../../platform/errors.js';
import { revealReason, revealWithinLimits } from '../../platform/reveal/service.js';
import { chinaDate, toOffsetIso } from '../../platform/time.js';
import { findRegionForUpdate, regionTotals } from '../regions/service.js';
import { knownTags } from './household-service.js';
import { normalizePhone, parseIdNumber } from './id-number.js';
import { alreadyRegistered, buildResident, duplicateIdError, findRegisteredMember } from './members.js';
import { authorize, inScope } from './policy.js';
import { codesFromPath, presentResident } from './presenter.js';
import { lookupDigest, reveal } from './protect.js';
import { parsePeopleSearch } from './search.js';
import type { AddMemberBody, Resident, ResidentEvent, ResidentEventBody, ResidentPage, ResidentQuery, RevealBody } from './schema.js';
import {
  findHousehold,
  findResident,
  insertEvents,
  insertResidents,
  listEvents,
  listResidents,
  updateHousehold,
  updateResident,
  type ResidentRow,
} from './store.js';

/** Events are recorded after they happen: a date after today (China time) is a typing error. */
function checkNotFuture(date: string, now: Date): void {
  if (date > chinaDate(now)) throw invalidField('occurredOn', '日期不能晚于今天');
}

const present = (r: ResidentRow, today: Date): Resident => {
  const { villageCode, gridCode } = codesFromPath(r.path);
  return presentResident(r, villageCode, gridCode, today);
};

/** Residents in scope; a full ID or phone number is looked up by its keyed digest, never stored or logged in clear. */
export async function searchResidents(deps: Deps, actor: Actor, q: ResidentQuery): Promise<ResidentPage> {
  authorize(actor, 'people.read');
  const idNumberHmac = q.idNumber ? lookupDigest(deps.config, 'id', parseIdNumber(q.idNumber, deps.clock.now()).normalized) : undefined;
  const phoneHmac = q.phone ? lookupDigest(deps.config, 'phone', normalizePhone(q.phone)) : undefined;
  return withContext(deps.db, dbContext(actor), async (tx) => {
    let scopePath = actor.scopePath;
    let groupCode: string | undefined;
    if (q.regionCode) {
      const region = await findRegionForUpdate(tx, q.regionCode);
      if (!region || !inScope(actor, region.path)) throw notFound('区划', q.regionCode);
      // A group's residents keep their village's path (plus grid): filter through their households.
      if (region.level === 'group') {
        groupCode = region.code;
        scopePath = region.path.slice(0, region.path.lastIndexOf('.'));
      } else scopePath = region.path;
    }
    const filtered = groupCode || q.q || q.tag || idNumberHmac || phoneHmac || q.includeInactive;
    const { rows, total } = await listResidents(
      tx,
      {
        scopePath,
        groupCode,
        match: parsePeopleSearch(deps.config, q.q, deps.clock.now()),
        tag: q.tag,
        idNumberHmac,
        phoneHmac,
        includeInactive: q.includeInactive,
      },
      { limit: q.pageSize, offset: (q.page - 1) * q.pageSize },
      filtered ? undefined : (await regionTotals(tx, scopePath))?.residents,
    );
    const today = deps.clock.now();
    return { items: rows.map((r) => present(r, today)), total };
  });
}

export async function getResident(deps: Deps, actor: Actor, id: string): Promise<Resident> {
  authorize(actor, 'people.read');
  return withContext(deps.db, dbContext(actor), async (tx) => {
    const r = await findResident(tx, id);
    if (!r || !inScope(actor, r.path)) throw notFound('居民', id);
    return present(r, deps.clock.now());
  });
}

export async function residentHistory(deps: Deps, actor: Actor, id: string): Promise<ResidentEvent[]> {
  authorize(actor, 'people.read');
  return withContext(deps.db, dbContext(actor), async (tx) => {
    const r = await findResident(tx, id);
    if (!r || !inScope(actor, r.path)) throw notFound('居民', id);
    return (await listEvents(tx, id)).map((e) => ({
      id: e.id,
      kind: e.kind,
      occurredOn: e.occurred_on,
      householdId: e.household_id,
      details: e.details,
      recordedAt: toOffsetIso(e.recorded_at),
    }));
  });
}

/** A birth or someone moving in: a new member of an existing household. */
export async function addMember(deps: Deps, actor: Actor, householdId: string, body: AddMemberBody): Promise<Resident> {
  authorize(actor, 'people.edit');
  checkNotFuture(body.occurredOn, deps.clock.now());
  if (body.member.relation === 'head') throw invalidField('member.relation', '户主已存在；更换户主请先变更原户主');
  const today = deps.clock.now();
  return withContext(deps.db, dbContext(actor), async (tx) => {
    const h = await findHousehold(tx, householdId);
    if (!h || !inScope(actor, h.path)) throw notFound('户', householdId);
    const row = buildResident(deps.config, today, body.member, { field: 'member', householdId, path: h.path, knownTags: await knownTags(tx) });
    if ((await findRegisteredMember(tx, [row])) === 0) throw alreadyRegistered('member.idNumber');
    try {
      await insertResidents(tx, [row]);
    } catch (err) {
      throw duplicateIdError(err, 'member.idNumber');
    }
    await insertEvents(tx, [
      {
        id: uuidv7(),
        resident_id: row.id,
        household_id: householdId,
        path: h.path,
        kind: body.kind,
        occurred_on: body.occurredOn,
        details: null,
        recorded_by: actor.userId,
        recorded_at: today,
      },
    ]);
    const saved = (await findResident(tx, row.id))!;
    const shown = present(saved, today);
    await appendAudit(tx, deps.clock, actor, { action: `resident.${body.kind}`, targetType: 'resident', targetId: row.id, after: shown });
    return shown;
  });
}

/**
 * Moving out, death, or moving to another household in scope: the resident's status or household
 * changes and an event records it; nothing is overwritten without history.
 */
export async function recordResidentEvent(deps: Deps, actor: Actor, id: string, body: ResidentEventBody): Promise<Resident> {
  authorize(actor, 'people.edit');
  const now = deps.clock.now();
  checkNotFuture(body.occurredOn, now);
  return withContext(deps.db, dbContext(actor), async (tx) => {
    const before = await findResident(tx, id);
    if (!before || !inScope(actor, before.path)) throw notFound('居民', id);
    if (before.status !== 'active') throw new AppError('CONFLICT', `该居民状态为 ${before.status}，不能再办理此事项`, { status: before.status });
    const events = [];
    let householdId = before.household_id;
    let path = before.path;
    if (body.kind === 'moved') {
      if (!body.toHouseholdId) throw invalidField('toHouseholdId', '迁往的户必填');
      const target = await findHousehold(tx, body.toHouseholdId);
      if (!target || !inScope(actor, target.path)) throw outOfScope('toHouseholdId', '迁往的户不存在或不在管理范围内');
      if (target.id === before.household_id) throw invalidField('toHouseholdId', '已在该户');
      householdId = target.id;
      path = target.path;
      await updateResident(tx, id, { household_id: target.id, path, relation: body.relation ?? 'other', updated_at: now });
      events.push({ kind: 'moved_out', household_id: before.household_id, path: before.path });
      events.push({ kind: 'moved_in', household_id: target.id, path });
    } else {
      await updateResident(tx, id, { status: body.kind === 'died' ? 'deceased' : 'moved_out', updated_at: now });
      events.push({ kind: body.kind, household_id: householdId, path });
    }
    if (before.relation === 'head') {
      // The household keeps its record; it has no head until one is designated.
      await updateHousehold(tx, before.household_id, { head_resident_id: null, updated_at: now });
    }
    await insertEvents(
      tx,
      events.map((e) => ({
        id: uuidv7(),
        resident_id: id,
        ...e,
        occurred_on: body.occurredOn,
        details: body.note ? JSON.stringify({ note: body.note }) : null,
        recorded_by: actor.userId,
        recorded_at: now,
      })),
    );
    const after = (await findResident(tx, id))!;
    await appendAudit(tx, deps.clock, actor, {
      action: `resident.${body.kind}`,
      targetType: 'resident',
      targetId: id,
      before: present(before, now),
      after: present(after, now),
    });
    return present(after, now);
  });
}

/**
 * The full number, for a stated reason (real text: see revealReason), audited, within the
 * per-user reveal limits (429 beyond them). Only roles with people.reveal may ask.
 */
export async function revealResidentField(deps: Deps, actor: Actor, id: string, body: RevealBody): Promise<{ value: string | null }> {
  authorize(actor, 'people.reveal');
  const reason = revealReason(body.reason);
  return revealWithinLimits(deps, actor, { action: 'resident.reveal', targetType: 'resident', targetId: id, field: body.field }, async (tx) => {
    const r = await findResident(tx, id);
    if (!r || !inScope(actor, r.path)) throw notFound('居民', id);
    const enc = body.field === 'idNumber' ? r.id_number_enc : r.phone_enc;
    await appendAudit(tx, deps.clock, actor, {
      action: 'resident.reveal',
      targetType: 'resident',
      targetId: id,
      details: { field: body.field, reason },
    });
    return { value: enc ? reveal(deps.config, enc) : null };
  });
}
