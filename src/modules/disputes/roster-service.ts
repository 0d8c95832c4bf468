import { uuidv7 } from 'uuidv7';
import { can } from '../../platform/accounts/policy.js';
import { dbContext, type Actor } from '../../platform/actor.js';
import { appendAudit } from '../../platform/audit/service.js';
import { withContext, type Tx } from '../../platform/db/context.js';
import type { Deps } from '../../platform/deps.js';
import { forbidden, invalidField, notFound, outOfScope } from '../../platform/errors.js';
import { revealReason, revealWithinLimits } from '../../platform/reveal/service.js';
import { normalizePhone, protectPhone, reveal } from '../people/index.js';
import { isDisputeType } from './levels.js';
import { authorize, inScope } from './policy.js';
import { presentMediator, presentReception } from './presenter.js';
import { CHINA_DAY_START, nextDay } from './query-service.js';
import type {
  Mediator,
  MediatorBody,
  MediatorList,
  MediatorPatch,
  MediatorQuery,
  Reception,
  ReceptionBody,
  ReceptionList,
  ReceptionQuery,
  RevealPhoneBody,
} from './schema.js';
import { findMediator, insertMediator, insertReception, listMediators, listReceptions, regionRow, updateMediator, type MediatorFilter } from './store.js';

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

/**
 * A mediator's phone as stored: encrypted, its lookup digest and the masked form (like a resident's).
 * Undefined when not given; all null when given empty (to remove it).
 */
function phoneColumns(deps: Deps, phone: string | undefined) {
  if (phone === undefined) return undefined;
  if (!phone.trim()) return { phone_enc: null, phone_hmac: null, phone_masked: null };
  const p = protectPhone(deps.config, normalizePhone(phone, 'phone'));
  return { phone_enc: p.enc, phone_hmac: p.hmac, phone_masked: p.masked };
}

/** What the audit records of a mediator: the phone masked, never in full. */
const auditView = (m: {
  name: string;
  kind: string;
  specialties: string[];
  region_code: string;
  organization: string;
  active: boolean;
  phone_masked: string | null;
}) => ({
  name: m.name,
  kind: m.kind,
  specialties: m.specialties,
  regionCode: m.region_code,
  organization: m.organization,
  active: m.active,
  phone: m.phone_masked,
});

/**
 * The roster's filter for a query: the actor's place (or a region in scope) with its subtree and
 * the committees above it. Shared by the list and its .xlsx export (mediator-export.ts).
 */
export async function mediatorFilterOf(tx: Tx, actor: Actor, q: MediatorQuery): Promise<MediatorFilter> {
  let reachablePath = actor.scopePath || undefined;
  if (q.regionCode) {
    const r = await regionRow(tx, q.regionCode);
    if (!r || !inScope(actor, r.path)) throw outOfScope('regionCode', '区划不存在或不在您的管理范围内');
    reachablePath = r.path;
  }
  return { reachablePath, type: q.type, includeInactive: q.includeInactive };
}

/** What a place can call on: mediators of its subtree and of the committees above it, with their open caseload. */
export async function listMediatorRoster(deps: Deps, actor: Actor, q: MediatorQuery): Promise<MediatorList> {
  authorize(actor, 'disputes.read');
  return withContext(deps.db, dbContext(actor), async (tx) => {
    const rows = await listMediators(tx, await mediatorFilterOf(tx, actor, q));
    return { items: rows.map(presentMediator) };
  });
}

export async function createMediator(deps: Deps, actor: Actor, body: MediatorBody, options: { synthetic?: boolean } = {}): Promise<Mediator> {
  authorize(actor, 'disputes.configure');
  checkSpecialties(body.specialties);
  const phone = phoneColumns(deps, body.phone);
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
      ...(phone ?? {}),
      path: place.path,
      synthetic: options.synthetic ?? false,
      created_at: now,
      updated_at: now,
    });
    const saved = (await findMediator(tx, id))!;
    await appendAudit(tx, deps.clock, actor, { action: 'mediator.create', targetType: 'mediator', targetId: id, after: auditView(saved) });
    return presentMediator(saved);
  });
}

async function editMediator(deps: Deps, actor: Actor, id: string, action: string, patch: MediatorPatch & { active?: boolean }): Promise<Mediator> {
  authorize(actor, 'disputes.configure');
  checkSpecialties(patch.specialties);
  const phone = phoneColumns(deps, patch.phone);
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
      ...(phone ?? {}),
      updated_at: deps.clock.now(),
    });
    const after = (await findMediator(tx, id))!;
    await appendAudit(tx, deps.clock, actor, {
      action: `mediator.${action}`,
      targetType: 'mediator',
      targetId: id,
      before: auditView(before),
      after: auditView(after),
    });
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

/**
 * A mediator's full phone number, for a stated reason (real text: see revealReason), audited, within
 * the per-user reveal limits (429 beyond them) — the same rules as a resident's number. Those who
 * mediate may ask, for a mediator their place can call on (its subtree and the committees above).
 */
export async function revealMediatorPhone(deps: Deps, actor: Actor, id: string, body: RevealPhoneBody): Promise<{ phone: string | null }> {
  authorize(actor, 'disputes.edit');
  const reason = revealReason(body.reason);
  const target = { action: 'mediator.reveal_phone', targetType: 'mediator', targetId: id, field: 'phone' };
  return revealWithinLimits(deps, actor, target, async (tx) => {
    const m = (await listMediators(tx, { id, reachablePath: actor.scopePath || undefined, includeInactive: true }))[0];
    if (!m) throw notFound('调解员', id);
    await appendAudit(tx, deps.clock, actor, { action: target.action, targetType: 'mediator', targetId: id, details: { field: 'phone', reason } });
    return { phone: m.phone_enc ? reveal(deps.config, m.phone_enc) : null };
  });
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
