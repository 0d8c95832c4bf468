import { uuidv7 } from 'uuidv7';
import { dbContext, type Actor } from '../../platform/actor.js';
import { appendAudit } from '../../platform/audit/service.js';
import { SYSTEM_CONTEXT, withContext, type Tx } from '../../platform/db/context.js';
import type { Deps } from '../../platform/deps.js';
import { duplicateAs, invalidField, notFound, outOfScope } from '../../platform/errors.js';
import { chinaDate } from '../../platform/time.js';
import { surnameOnly } from '../cocreation/index.js';
import * as store from './council-store.js';
import type { AddMember, Body, BodyQuery, CreateBody, Leave, Member, PublicRoster, UpdateBody } from './council-schema.js';
import { BODY_KIND_NAMES, COUNCIL_KINDS, type BodyKind } from './kinds.js';
import { authorize, inScope } from './policy.js';

// 一约四会 and teams: a village's four councils (one of each kind) and its teams, their members
// (registry persons of the village; the leader a 两委 member, named by post), and the public
// roster a notice board shows. Duty shifts are in shift-service.ts.

const isCouncil = (kind: BodyKind) => (COUNCIL_KINDS as readonly string[]).includes(kind);

export const presentMember = (m: store.MemberRow): Member => ({
  id: m.id,
  residentId: m.resident_id,
  name: m.name,
  role: m.role,
  committeePost: m.committee_post,
  joinedOn: m.joined_on,
  leftOn: m.left_on,
  tags: m.tags ?? [],
});

function presentBody(b: store.BodyRow, members: store.MemberRow[]): Body {
  return {
    id: b.id,
    villageCode: b.village_code,
    villageName: b.village_name,
    category: b.category,
    kind: b.kind,
    name: b.name,
    duties: b.duties,
    active: b.active,
    members: members.filter((m) => m.body_id === b.id).map(presentMember),
  };
}

/** A village in the actor's scope. */
export async function villageIn(tx: Tx, actor: Actor, code: string, field = 'villageCode'): Promise<store.RegionRow> {
  const village = await store.findRegion(tx, code);
  if (!village || !inScope(actor, village.path)) throw outOfScope(field, '村（社区）不存在或不在您的管理范围内');
  if (village.level !== 'village') throw invalidField(field, '应为村（社区）');
  return village;
}

/** A body in the actor's scope, or 404. */
export async function bodyIn(tx: Tx, actor: Actor, id: string): Promise<store.BodyRow> {
  const body = await store.findBody(tx, id);
  if (!body || !inScope(actor, body.path)) throw notFound('议事组织或队伍', id);
  return body;
}

async function loadBody(tx: Tx, id: string): Promise<Body> {
  const b = (await store.findBody(tx, id))!;
  return presentBody(b, await store.listMembers(tx, [id]));
}

export async function listBodies(deps: Deps, actor: Actor, q: BodyQuery): Promise<Body[]> {
  authorize(actor, 'councils.read');
  return withContext(deps.db, dbContext(actor), async (tx) => {
    await villageIn(tx, actor, q.villageCode);
    const bodies = await store.listBodies(tx, q.villageCode);
    const members = await store.listMembers(
      tx,
      bodies.map((b) => b.id),
    );
    return bodies.map((b) => presentBody(b, members));
  });
}

export async function getBody(deps: Deps, actor: Actor, id: string): Promise<Body> {
  authorize(actor, 'councils.read');
  return withContext(deps.db, dbContext(actor), async (tx) => {
    await bodyIn(tx, actor, id);
    return loadBody(tx, id);
  });
}

/** Sets up a council (at most one of each of the four kinds per village) or a team. */
export async function createBody(deps: Deps, actor: Actor, input: CreateBody): Promise<Body> {
  authorize(actor, 'councils.edit');
  const now = deps.clock.now();
  const name = (input.name ?? BODY_KIND_NAMES[input.kind]).trim();
  if (name.length < 2) throw invalidField('name', '名称至少 2 个字');
  try {
    return await withContext(deps.db, dbContext(actor), async (tx) => {
      const village = await villageIn(tx, actor, input.villageCode);
      const id = uuidv7();
      await store.insertBody(tx, {
        id,
        village_code: village.code,
        path: village.path,
        category: isCouncil(input.kind) ? 'council' : 'team',
        kind: input.kind,
        name,
        duties: input.duties?.trim() || null,
        created_by: actor.userId,
        created_at: now,
        updated_at: now,
      });
      const saved = await loadBody(tx, id);
      await appendAudit(tx, deps.clock, actor, { action: 'council.create', targetType: 'council_body', targetId: id, after: saved });
      return saved;
    });
  } catch (err) {
    throw duplicateAs(err, isCouncil(input.kind) ? 'kind' : 'name', isCouncil(input.kind) ? '本村已设立该议事组织' : '本村已有同名的队伍');
  }
}

export async function updateBody(deps: Deps, actor: Actor, id: string, input: UpdateBody): Promise<Body> {
  authorize(actor, 'councils.edit');
  try {
    return await withContext(deps.db, dbContext(actor), async (tx) => {
      const before = await bodyIn(tx, actor, id);
      await store.updateBody(tx, id, { name: input.name?.trim(), duties: input.duties?.trim(), active: input.active, updated_at: deps.clock.now() });
      const after = await loadBody(tx, id);
      await appendAudit(tx, deps.clock, actor, { action: 'council.update', targetType: 'council_body', targetId: id, before, after });
      return after;
    });
  } catch (err) {
    throw duplicateAs(err, 'name', '本村已有同名的组织或队伍');
  }
}

/**
 * Appoints a registry person of the body's village. The leader (会长、队长) is a 两委 member:
 * their post is required, and a body has one leader at a time.
 */
export async function addMember(deps: Deps, actor: Actor, bodyId: string, input: AddMember): Promise<Body> {
  authorize(actor, 'councils.edit');
  const now = deps.clock.now();
  const today = chinaDate(now);
  const joinedOn = input.joinedOn ?? today;
  if (joinedOn > today) throw invalidField('joinedOn', '日期不能晚于今天');
  if (input.role === 'leader' && !input.committeePost?.trim()) throw invalidField('committeePost', '负责人应由村“两委”成员担任，请填写其两委职务');
  try {
    return await withContext(deps.db, dbContext(actor), async (tx) => {
      const body = await bodyIn(tx, actor, bodyId);
      if (!body.active) throw invalidField('bodyId', '该组织已停用');
      const person = await store.findResident(tx, input.residentId);
      if (!person || !inScope(actor, person.path)) throw outOfScope('residentId', '居民不存在或不在您的管理范围内');
      if (person.village_code !== body.village_code) throw invalidField('residentId', '成员应为本村（社区）登记的居民');
      if (person.status !== 'active') throw invalidField('residentId', '该居民已迁出或死亡，不能担任成员');
      const id = uuidv7();
      await store.insertMember(tx, {
        id,
        body_id: bodyId,
        resident_id: person.id,
        path: body.path,
        role: input.role,
        committee_post: input.committeePost?.trim() || null,
        joined_on: joinedOn,
        created_by: actor.userId,
        created_at: now,
      });
      const after = await loadBody(tx, bodyId);
      await appendAudit(tx, deps.clock, actor, {
        action: 'council.member.add',
        targetType: 'council_body',
        targetId: bodyId,
        after: { memberId: id, residentId: person.id, name: person.name, role: input.role, committeePost: input.committeePost ?? null },
      });
      return after;
    });
  } catch (err) {
    const e = err as { code?: string; constraint?: string };
    if (e?.code === '23505' && String(e.constraint ?? '').includes('leader')) throw duplicateAs(err, 'role', '该组织已有负责人，请先让原负责人退出');
    throw duplicateAs(err, 'residentId', '此人已是该组织成员');
  }
}

/** A member leaves; the row stays as history. */
export async function endMembership(deps: Deps, actor: Actor, bodyId: string, memberId: string, input: Leave): Promise<Body> {
  authorize(actor, 'councils.edit');
  const today = chinaDate(deps.clock.now());
  const leftOn = input.leftOn ?? today;
  return withContext(deps.db, dbContext(actor), async (tx) => {
    await bodyIn(tx, actor, bodyId);
    const m = await store.findMember(tx, memberId);
    if (!m || m.body_id !== bodyId || m.left_on) throw notFound('成员', memberId);
    if (leftOn < m.joined_on) throw invalidField('leftOn', '退出日期不能早于加入日期');
    await store.endMember(tx, memberId, leftOn);
    await appendAudit(tx, deps.clock, actor, {
      action: 'council.member.leave',
      targetType: 'council_body',
      targetId: bodyId,
      before: { memberId, name: m.name, role: m.role },
      after: { leftOn },
    });
    return loadBody(tx, bodyId);
  });
}

/** The village's councils and teams as a notice board shows them: surname + 某, no numbers. No login. */
export async function publicRoster(deps: Deps, villageCode: string): Promise<PublicRoster> {
  return withContext(deps.db, SYSTEM_CONTEXT, async (tx) => {
    const village = await store.findRegion(tx, villageCode);
    if (!village || village.level !== 'village') throw notFound('村（社区）', villageCode);
    const bodies = await store.listBodies(tx, villageCode, true);
    const members = await store.listMembers(
      tx,
      bodies.map((b) => b.id),
    );
    return {
      villageCode,
      villageName: village.name,
      bodies: bodies.map((b) => ({
        id: b.id,
        category: b.category,
        kind: b.kind,
        name: b.name,
        duties: b.duties,
        members: members
          .filter((m) => m.body_id === b.id)
          .map((m) => ({ name: surnameOnly(m.name), role: m.role, committeePost: m.role === 'member' ? null : m.committee_post })),
      })),
    };
  });
}

/** For other modules (boards): a council in the actor's scope, active. */
export async function councilForBoard(tx: Tx, actor: Actor, id: string, villageCode: string): Promise<{ id: string; name: string }> {
  const body = await store.findBody(tx, id);
  if (!body || !inScope(actor, body.path)) throw outOfScope('councilId', '议事组织不存在或不在您的管理范围内');
  if (body.category !== 'council') throw invalidField('councilId', '榜单事项应由议事组织（如道德评议会）提出，队伍不能提出');
  if (body.village_code !== villageCode) throw invalidField('councilId', '应由本户所在村（社区）的议事组织提出');
  if (!body.active) throw invalidField('councilId', '该议事组织已停用');
  return { id: body.id, name: body.name };
}

/** Names of councils by id (for boards' presenters). */
export async function councilNames(tx: Tx, ids: string[]): Promise<Map<string, string>> {
  return store.bodyNames(tx, [...new Set(ids)]);
}
