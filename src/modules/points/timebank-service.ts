import { uuidv7 } from 'uuidv7';
import { SYSTEM_ACTOR, dbContext, type Actor } from '../../platform/actor.js';
import { appendAudit } from '../../platform/audit/service.js';
import { withContext, type Tx } from '../../platform/db/context.js';
import type { Deps } from '../../platform/deps.js';
import { AppError, duplicateAs, invalidField, notFound, outOfScope } from '../../platform/errors.js';
import { chinaDate } from '../../platform/time.js';
import { residentActor, type ResidentPass } from '../cocreation/index.js';
import { partyMembershipById, partyMembershipOfResident } from '../party/index.js';
import * as ledger from './ledger-store.js';
import { insufficient, villageIn } from './ledger-service.js';
import { authorize, inScope } from './policy.js';
import type {
  CreateServiceBody,
  HoursRecord,
  LogHoursBody,
  MemberHours,
  Pool,
  RegisterVolunteerBody,
  Service,
  ServiceQuery,
  Transfer,
  TransferBody,
  Volunteer,
} from './timebank-schema.js';
import * as store from './timebank-store.js';

// The volunteer time bank (时间银行): registry persons register as volunteers; services are offered
// (by a volunteer) and requested (by a resident): 陪护、助老、接送、代购、其他. A volunteer's hours
// are logged for a receiver and count once the receiver confirms them — on their phone with the
// resident's pass, or a cadre on their behalf — never the volunteer. A balance (confirmed hours −
// spent − donated + received) can be spent later or donated to another volunteer or to the
// village pool; spending locks the volunteer's row (or the pool) and sums inside the lock, so it
// never goes below zero. When a volunteer is a party member, their hours show on the member.

const round1 = (n: number) => Math.round(n * 10) / 10;

export const presentHours = (h: store.HoursRow): HoursRecord => ({
  id: h.id,
  volunteerId: h.volunteer_id,
  volunteerName: h.volunteer_name,
  receiverId: h.receiver_id,
  receiverName: h.receiver_name,
  category: h.category,
  servedOn: h.served_on,
  hours: h.hours,
  activity: h.activity,
  status: h.status,
  confirmedVia: h.confirmed_via,
});

async function presentVolunteer(tx: Tx, v: store.VolunteerRow): Promise<Volunteer> {
  const m = await partyMembershipOfResident(tx, v.resident_id);
  return {
    id: v.id,
    residentId: v.resident_id,
    villageCode: v.village_code,
    name: v.name,
    skills: v.skills,
    registeredOn: v.registered_on,
    balance: round1(v.balance),
    earned: round1(v.earned),
    pending: round1(v.pending),
    partyMember: m ? { memberId: m.memberId, orgName: m.orgName } : null,
  };
}

const presentService = (s: store.ServiceRow): Service => ({
  id: s.id,
  villageCode: s.village_code,
  direction: s.direction,
  category: s.category,
  volunteerId: s.volunteer_id,
  residentId: s.resident_id,
  name: s.name,
  description: s.description,
  status: s.status,
  createdAt: new Date(s.created_at).toISOString(),
});

async function volunteerIn(tx: Tx, actor: Actor, id: string, field = 'volunteerId'): Promise<store.VolunteerRow> {
  const v = await store.findVolunteer(tx, id);
  if (!v || !inScope(actor, v.path)) throw outOfScope(field, '志愿者不存在或不在您的管理范围内');
  return v;
}

async function residentIn(tx: Tx, actor: Actor, id: string, field: string): Promise<ledger.HolderRow> {
  const r = await ledger.findResident(tx, id);
  if (!r || !inScope(actor, r.path)) throw outOfScope(field, '居民不存在或不在您的管理范围内');
  if (r.status !== 'active') throw invalidField(field, '该居民已迁出或去世');
  return r;
}

export async function registerVolunteer(deps: Deps, actor: Actor, body: RegisterVolunteerBody): Promise<Volunteer> {
  authorize(actor, 'points.edit');
  const now = deps.clock.now();
  try {
    return await withContext(deps.db, dbContext(actor), async (tx) => {
      const r = await residentIn(tx, actor, body.residentId, 'residentId');
      const id = uuidv7();
      await store.insertVolunteer(tx, {
        id,
        resident_id: r.id,
        village_code: r.village_code,
        path: r.path,
        name: r.name,
        skills: body.skills?.trim() || null,
        registered_on: chinaDate(now),
        created_by: actor.userId,
        created_at: now,
      });
      const saved = await presentVolunteer(tx, (await store.findVolunteer(tx, id))!);
      await appendAudit(tx, deps.clock, actor, { action: 'timebank.volunteer.register', targetType: 'timebank_volunteer', targetId: id, after: saved });
      return saved;
    });
  } catch (err) {
    throw duplicateAs(err, 'residentId', '该居民已登记为志愿者');
  }
}

export async function listVolunteers(deps: Deps, actor: Actor, villageCode: string): Promise<Volunteer[]> {
  authorize(actor, 'points.read');
  return withContext(deps.db, dbContext(actor), async (tx) => {
    const village = await villageIn(tx, actor, villageCode);
    const rows = await store.listVolunteers(tx, village.code);
    const out: Volunteer[] = [];
    for (const v of rows) out.push(await presentVolunteer(tx, v));
    return out;
  });
}

export async function getVolunteer(deps: Deps, actor: Actor, id: string): Promise<Volunteer & { hours: HoursRecord[] }> {
  authorize(actor, 'points.read');
  return withContext(deps.db, dbContext(actor), async (tx) => {
    const v = await store.findVolunteer(tx, id);
    if (!v || !inScope(actor, v.path)) throw notFound('志愿者', id);
    return { ...(await presentVolunteer(tx, v)), hours: (await store.hoursOfVolunteer(tx, id)).map(presentHours) };
  });
}

export async function createService(deps: Deps, actor: Actor, body: CreateServiceBody): Promise<Service> {
  authorize(actor, 'points.edit');
  const now = deps.clock.now();
  return withContext(deps.db, dbContext(actor), async (tx) => {
    let village_code: string;
    let path: string;
    if (body.direction === 'offer') {
      if (!body.volunteerId || body.residentId) throw invalidField('volunteerId', '服务供给须指明提供服务的志愿者（volunteerId）');
      const v = await volunteerIn(tx, actor, body.volunteerId);
      ({ village_code, path } = v);
    } else {
      if (!body.residentId || body.volunteerId) throw invalidField('residentId', '服务需求须指明需要服务的居民（residentId）');
      const r = await residentIn(tx, actor, body.residentId, 'residentId');
      ({ village_code, path } = r);
    }
    const id = uuidv7();
    await store.insertService(tx, {
      id,
      village_code,
      path,
      direction: body.direction,
      category: body.category,
      volunteer_id: body.volunteerId ?? null,
      resident_id: body.residentId ?? null,
      description: body.description.trim(),
      created_by: actor.userId,
      created_at: now,
    });
    const saved = presentService((await store.findService(tx, id))!);
    await appendAudit(tx, deps.clock, actor, { action: 'timebank.service.create', targetType: 'timebank_service', targetId: id, after: saved });
    return saved;
  });
}

export async function closeService(deps: Deps, actor: Actor, id: string): Promise<Service> {
  authorize(actor, 'points.edit');
  return withContext(deps.db, dbContext(actor), async (tx) => {
    const s = await store.findService(tx, id);
    if (!s || !inScope(actor, s.path)) throw notFound('服务', id);
    await store.closeService(tx, id);
    const saved = presentService((await store.findService(tx, id))!);
    await appendAudit(tx, deps.clock, actor, {
      action: 'timebank.service.close',
      targetType: 'timebank_service',
      targetId: id,
      before: { status: s.status },
      after: { status: 'closed' },
    });
    return saved;
  });
}

export async function listServices(deps: Deps, actor: Actor, q: ServiceQuery): Promise<Service[]> {
  authorize(actor, 'points.read');
  return withContext(deps.db, dbContext(actor), async (tx) => {
    const village = await villageIn(tx, actor, q.villageCode);
    return (await store.listServices(tx, village.code, q.direction, q.status)).map(presentService);
  });
}

/** Logs hours a volunteer gave a receiver (by a cadre); they count once the receiver confirms. */
export async function logHours(deps: Deps, actor: Actor, body: LogHoursBody): Promise<HoursRecord> {
  authorize(actor, 'points.edit');
  const now = deps.clock.now();
  if (body.servedOn > chinaDate(now)) throw invalidField('servedOn', '服务日期不能晚于今天');
  return withContext(deps.db, dbContext(actor), async (tx) => {
    const v = await volunteerIn(tx, actor, body.volunteerId);
    if (v.resident_id === body.receiverId) throw invalidField('receiverId', '接受服务的人不能是志愿者本人');
    const receiver = await residentIn(tx, actor, body.receiverId, 'receiverId');
    if (body.serviceId) {
      const s = await store.findService(tx, body.serviceId);
      if (!s || s.village_code !== v.village_code) throw invalidField('serviceId', '服务不存在或不是本村（社区）的');
    }
    const id = uuidv7();
    await store.insertHours(tx, {
      id,
      volunteer_id: v.id,
      receiver_id: receiver.id,
      service_id: body.serviceId ?? null,
      village_code: v.village_code,
      path: v.path,
      category: body.category,
      served_on: body.servedOn,
      hours: body.hours,
      activity: body.activity.trim(),
      created_by: actor.userId,
      actor_name: actor.displayName,
      created_at: now,
    });
    const saved = presentHours((await store.findHours(tx, id))!);
    await appendAudit(tx, deps.clock, actor, { action: 'timebank.hours.log', targetType: 'timebank_hours', targetId: id, after: saved });
    return saved;
  });
}

/** The refusal of a volunteer confirming their own hours. */
const selfConfirm = () => new AppError('SELF_CONFIRM', 'confirmedBy: 志愿者不能确认自己的服务时长，须由接受服务的居民确认', { field: 'confirmedBy' });

async function confirmIn(tx: Tx, deps: Deps, actor: Actor, h: store.HoursRow, via: 'receiver' | 'cadre', by: string | null): Promise<HoursRecord> {
  if (h.status === 'confirmed') throw new AppError('CONFLICT', 'id: 该时长已确认过', { field: 'id' });
  if (!(await store.confirmHours(tx, h.id, via, by, deps.clock.now()))) throw new AppError('CONFLICT', 'id: 该时长已确认过', { field: 'id' });
  const saved = presentHours((await store.findHours(tx, h.id))!);
  await appendAudit(tx, deps.clock, actor, {
    action: 'timebank.hours.confirm',
    targetType: 'timebank_hours',
    targetId: h.id,
    before: { status: 'logged' },
    after: { status: 'confirmed', via, hours: h.hours },
  });
  return saved;
}

/**
 * A cadre confirms on the receiver's behalf (the receiver told them, e.g. an elderly person without
 * a phone). Refused when the cadre's own account is the volunteer's person — nobody confirms
 * their own hours.
 */
export async function confirmHoursAsCadre(deps: Deps, actor: Actor, id: string): Promise<HoursRecord> {
  authorize(actor, 'points.edit');
  return withContext(deps.db, dbContext(actor), async (tx) => {
    const h = await store.findHours(tx, id);
    if (!h || !inScope(actor, h.path)) throw notFound('服务时长', id);
    return confirmIn(tx, deps, actor, h, 'cadre', actor.userId);
  });
}

/** The receiver confirms with their pass; the volunteer's own pass is refused. */
export async function confirmHoursAsResident(deps: Deps, pass: ResidentPass, id: string, clientIp: string | null): Promise<HoursRecord> {
  return withContext(deps.db, dbContext(SYSTEM_ACTOR), async (tx) => {
    const h = await store.findHours(tx, id);
    if (!h || h.village_code !== pass.villageCode) throw new AppError('NOT_FOUND', '服务时长记录不存在', { field: 'id' });
    if (h.volunteer_resident_id === pass.residentId) throw selfConfirm();
    if (h.receiver_id !== pass.residentId) throw new AppError('FORBIDDEN', 'pass: 只有接受服务的居民本人可以确认', { field: 'pass' });
    return confirmIn(tx, deps, residentActor(pass, clientIp), h, 'receiver', pass.residentId);
  });
}

/** Hours logged for the pass's person (to confirm) — the receiver's phone list. */
export async function hoursToConfirm(deps: Deps, pass: ResidentPass): Promise<HoursRecord[]> {
  return withContext(deps.db, dbContext(SYSTEM_ACTOR), async (tx) => (await store.hoursForReceiver(tx, pass.residentId)).map(presentHours));
}

/**
 * Spends hours (from a volunteer, or from the village pool) or donates them (to a volunteer or the
 * pool). The source is locked and its balance summed inside the lock.
 */
export async function transferHours(deps: Deps, actor: Actor, kind: 'spend' | 'donate', body: TransferBody): Promise<Transfer> {
  authorize(actor, 'points.edit');
  const note = body.note.trim();
  if (note.length < 2) throw invalidField('note', '请写明用途或捐赠说明');
  if (kind === 'spend' && body.toVolunteerId) throw invalidField('toVolunteerId', '使用时长不转给他人；转给他人请用捐赠');
  if (kind === 'donate' && !body.fromVolunteerId) throw invalidField('fromVolunteerId', '请指明捐出时长的志愿者');
  if (body.fromVolunteerId && body.fromVolunteerId === body.toVolunteerId) throw invalidField('toVolunteerId', '不能捐给自己');
  const now = deps.clock.now();
  return withContext(deps.db, dbContext(actor), async (tx) => {
    let villageCode: string;
    let path: string;
    let balance: number;
    if (body.fromVolunteerId) {
      const from = await volunteerIn(tx, actor, body.fromVolunteerId, 'fromVolunteerId');
      await store.lockVolunteer(tx, from.id);
      balance = (await store.findVolunteer(tx, from.id))!.balance;
      ({ village_code: villageCode, path } = from);
    } else {
      if (!body.villageCode) throw invalidField('villageCode', '使用村（社区）公共时长池时请指明村（社区）');
      const village = await villageIn(tx, actor, body.villageCode);
      await store.lockPool(tx, village.code);
      const t = await store.poolTotals(tx, village.code);
      balance = t.donated - t.spent;
      ({ code: villageCode, path } = village);
    }
    if (body.hours > balance + 1e-9)
      throw insufficient('hours', `时长不足：要${kind === 'spend' ? '使用' : '捐出'} ${body.hours} 小时，余额 ${round1(balance)} 小时`, {
        balance: round1(balance),
      });
    if (body.toVolunteerId) {
      const to = await volunteerIn(tx, actor, body.toVolunteerId, 'toVolunteerId');
      if (to.village_code !== villageCode) throw invalidField('toVolunteerId', '只能捐给本村（社区）的志愿者');
    }
    const id = uuidv7();
    await store.insertTransfer(tx, {
      id,
      village_code: villageCode,
      path,
      kind,
      from_volunteer_id: body.fromVolunteerId ?? null,
      to_volunteer_id: body.toVolunteerId ?? null,
      hours: body.hours,
      note,
      created_by: actor.userId,
      actor_name: actor.displayName,
      created_at: now,
    });
    const saved: Transfer = {
      id,
      kind,
      fromVolunteerId: body.fromVolunteerId ?? null,
      toVolunteerId: body.toVolunteerId ?? null,
      hours: body.hours,
      note,
      balance: round1(balance - body.hours),
    };
    await appendAudit(tx, deps.clock, actor, {
      action: kind === 'spend' ? 'timebank.hours.spend' : 'timebank.hours.donate',
      targetType: 'timebank_transfer',
      targetId: id,
      after: saved,
    });
    return saved;
  });
}

export async function villagePool(deps: Deps, actor: Actor, villageCode: string): Promise<Pool> {
  authorize(actor, 'points.read');
  return withContext(deps.db, dbContext(actor), async (tx) => {
    const village = await villageIn(tx, actor, villageCode);
    const t = await store.poolTotals(tx, village.code);
    return { villageCode: village.code, balance: round1(t.donated - t.spent), donated: round1(t.donated), spent: round1(t.spent) };
  });
}

/** A party member's confirmed time-bank hours (when the member is a registered volunteer). */
export async function partyMemberHours(deps: Deps, actor: Actor, memberId: string): Promise<MemberHours> {
  authorize(actor, 'points.read');
  return withContext(deps.db, dbContext(actor), async (tx) => {
    const m = await partyMembershipById(tx, memberId);
    if (!m || !inScope(actor, m.path)) throw notFound('党员', memberId);
    const v = await store.findVolunteerByResident(tx, m.residentId);
    const records = v ? (await store.hoursOfVolunteer(tx, v.id, 'confirmed')).map(presentHours) : [];
    return { memberId, residentId: m.residentId, volunteerId: v?.id ?? null, confirmedHours: round1(v?.earned ?? 0), records };
  });
}
