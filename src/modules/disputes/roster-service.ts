import { uuidv7 } from 'uuidv7';
import { can } from '../../platform/accounts/policy.js';
import { dbContext, type Actor } from '../../platform/actor.js';
import { appendAudit } from '../../platform/audit/service.js';
import { withContext, type Tx } from '../../platform/db/context.js';
import type { Deps } from '../../platform/deps.js';
import { forbidden, invalidField, notFound, outOfScope } from '../../platform/errors.js';
import { isDisputeType } from './levels.js';
import { authorize, inScope } from './policy.js';
import { presentMediator, presentReception } from './presenter.js';
import { CHINA_DAY_START, nextDay } from './query-service.js';
import type { Mediator, MediatorBody, MediatorList, MediatorPatch, MediatorQuery, Reception, ReceptionBody, ReceptionList, ReceptionQuery } from './schema.js';
import { findMediator, insertMediator, insertReception, listMediators, listReceptions, regionRow, updateMediator } from './store.js';

/** A committee's place: a village, township or the county in the actor's scope. */
async function committeePlace(tx: Tx, actor: Actor, code: string): Promise<{ code: string; path: string }> {
  const r = await regionRow(tx, code);
  if (!r || !inScope(actor, r.path) || !['village', 'township', 'county'].includes(r.level)) {
    throw invalidField('regionCode', '请选择本辖区内的村（社区）、乡镇或县');
  }
  return r;
}

function checkSpecialties(codes: string[] | undefined): void {
  const bad = (codes ?? []).find((c) => !isDisputeType(c));
  if (bad) throw invalidField('specialties', `${bad} 不是矛盾纠纷类别`);
}

/** What a place can call on: mediators of its subtree and of the committees above it, with their open caseload. */
export async function listMediatorRoster(deps: Deps, actor: Actor, q: MediatorQuery): Promise<MediatorList> {
  authorize(actor, 'disputes.read');
  return withContext(deps.db, dbContext(actor), async (tx) => {
    let reachablePath = actor.scopePath || undefined;
    if (q.regionCode) {
      const r = await regionRow(tx, q.regionCode);
      if (!r || !inScope(actor, r.path)) throw outOfScope('regionCode', '区划不存在或不在您的管理范围内');
      reachablePath = r.path;
    }
    const rows = await listMediators(tx, { reachablePath, type: q.type, includeInactive: q.includeInactive });
    return { items: rows.map(presentMediator) };
  });
}

export async function createMediator(deps: Deps, actor: Actor, body: MediatorBody, options: { synthetic?: boolean } = {}): Promise<Mediator> {
  authorize(actor, 'disputes.configure');
  checkSpecialties(body.specialties);
  const now = deps.clock.now();
  return withContext(deps.db, dbContext(actor), async (tx) => {
    const place = await committeePlace(tx, actor, body.regionCode);
    const id = uuidv7();
    await insertMediator(tx, {
      id,
      name: body.name.trim(),
      kind: body.kind,
      specialties: [...new Set(body.specialties)],
      region_code: place.code,
      organization: body.organization.trim(),
      path: place.path,
      synthetic: options.synthetic ?? false,
      created_at: now,
      updated_at: now,
    });
    await appendAudit(tx, deps.clock, actor, { action: 'mediator.create', targetType: 'mediator', targetId: id, after: body });
    return presentMediator((await findMediator(tx, id))!);
  });
}

async function editMediator(deps: Deps, actor: Actor, id: string, action: string, patch: MediatorPatch & { active?: boolean }): Promise<Mediator> {
  authorize(actor, 'disputes.configure');
  checkSpecialties(patch.specialties);
  return withContext(deps.db, dbContext(actor), async (tx) => {
    const before = await findMediator(tx, id);
    if (!before || !inScope(actor, before.path)) throw notFound('调解员', id);
    const place = patch.regionCode ? await committeePlace(tx, actor, patch.regionCode) : undefined;
    await updateMediator(tx, id, {
      ...(patch.name !== undefined ? { name: patch.name.trim() } : {}),
      ...(patch.kind !== undefined ? { kind: patch.kind } : {}),
      ...(patch.specialties !== undefined ? { specialties: [...new Set(patch.specialties)] } : {}),
      ...(patch.organization !== undefined ? { organization: patch.organization.trim() } : {}),
      ...(place ? { region_code: place.code, path: place.path } : {}),
      ...(patch.active !== undefined ? { active: patch.active } : {}),
      updated_at: deps.clock.now(),
    });
    const after = (await findMediator(tx, id))!;
    const view = (m: typeof before) => ({
      name: m.name,
      kind: m.kind,
      specialties: m.specialties,
      regionCode: m.region_code,
      organization: m.organization,
      active: m.active,
    });
    await appendAudit(tx, deps.clock, actor, { action: `mediator.${action}`, targetType: 'mediator', targetId: id, before: view(before), after: view(after) });
    return presentMediator(after);
  });
}

export function updateMediatorEntry(deps: Deps, actor: Actor, id: string, patch: MediatorPatch): Promise<Mediator> {
  return editMediator(deps, actor, id, 'update', patch);
}

/** Deactivated mediators stay on the cases they handled; they are no longer offered for new ones. */
export function deactivateMediator(deps: Deps, actor: Actor, id: string): Promise<Mediator> {
  return editMediator(deps, actor, id, 'deactivate', { active: false });
}

/** Leaders' reception schedule (接访/约访/下访) for the actor's place and the levels above it. */
export async function listPetitionReceptions(deps: Deps, actor: Actor, q: ReceptionQuery): Promise<ReceptionList> {
  authorize(actor, 'disputes.read');
  return withContext(deps.db, dbContext(actor), async (tx) => {
    let reachablePath = actor.scopePath || undefined;
    if (q.regionCode) {
      const r = await regionRow(tx, q.regionCode);
      if (!r || !inScope(actor, r.path)) throw outOfScope('regionCode', '区划不存在或不在您的管理范围内');
      reachablePath = r.path;
    }
    const rows = await listReceptions(tx, {
      reachablePath,
      from: q.from ? CHINA_DAY_START(q.from) : undefined,
      to: q.to ? nextDay(q.to) : undefined,
    });
    return { items: rows.map(presentReception) };
  });
}

/** Schedules a reception: county and township staff, for a place in their scope. */
export async function createPetitionReception(deps: Deps, actor: Actor, body: ReceptionBody, options: { synthetic?: boolean } = {}): Promise<Reception> {
  authorize(actor, 'disputes.edit');
  if (!(actor.role === 'system' || actor.role === 'county_staff' || actor.role === 'township_staff' || can(actor, 'disputes.configure'))) {
    throw forbidden('disputes.edit');
  }
  const now = deps.clock.now();
  return withContext(deps.db, dbContext(actor), async (tx) => {
    const place = await committeePlace(tx, actor, body.regionCode);
    const id = uuidv7();
    await insertReception(tx, {
      id,
      kind: body.kind,
      leader_name: body.leaderName.trim(),
      leader_title: body.leaderTitle.trim(),
      scheduled_at: new Date(body.scheduledAt),
      place: body.place.trim(),
      region_code: place.code,
      notes: body.notes?.trim() || null,
      path: place.path,
      created_by: actor.userId,
      synthetic: options.synthetic ?? false,
      created_at: now,
    });
    await appendAudit(tx, deps.clock, actor, { action: 'petition_reception.create', targetType: 'petition_reception', targetId: id, after: body });
    return presentReception((await listReceptions(tx, { id }))[0]!);
  });
}
