import { uuidv7 } from 'uuidv7';
import { dbContext, type Actor } from '../../platform/actor.js';
import { appendAudit } from '../../platform/audit/service.js';
import { withContext, type Tx } from '../../platform/db/context.js';
import { chinaDate } from '../../platform/time.js';
import type { Deps } from '../../platform/deps.js';
import { alreadyExists, AppError, duplicateAs, invalidField, notFound, outOfScope } from '../../platform/errors.js';
import { isWithin } from '../regions/policy.js';
import { checkNotFuture, yearsBetween } from './common.js';
import { visibleOrg } from './org-service.js';
import { authorize, inScope } from './policy.js';
import { presentMember } from './presenter.js';
import type { AddPartyMemberBody, EndPartyMemberBody, MemberQuery, PartyMember, PartyMemberPage, UpdatePartyMemberBody } from './schema.js';
import {
  endMemberLiaisons,
  findMember,
  findOrg,
  findResidentForEnrolment,
  insertMembers,
  listMembers,
  updateMemberRow,
  type MemberFilter,
  type MemberRow,
} from './store.js';

/** The member list's filter from its query (the list and its export share it). */
export function memberFilterOf(orgId: string, q: Omit<MemberQuery, 'page' | 'pageSize'>): MemberFilter {
  return { orgId, includeSubOrgs: q.includeSubOrgs, status: q.status, centralHousehold: q.centralHousehold, q: q.q, includeEnded: q.includeEnded };
}

/** Members of an organization (and, when asked, of every organization below it). */
export async function listOrgMembers(deps: Deps, actor: Actor, orgId: string, q: MemberQuery): Promise<PartyMemberPage> {
  authorize(actor, 'party.read');
  return withContext(deps.db, dbContext(actor), async (tx) => {
    await visibleOrg(tx, actor, orgId);
    const { rows, total } = await listMembers(tx, memberFilterOf(orgId, q), { limit: q.pageSize, offset: (q.page - 1) * q.pageSize });
    return { items: rows.map(presentMember), total };
  });
}

export async function getMember(deps: Deps, actor: Actor, id: string): Promise<PartyMember> {
  authorize(actor, 'party.read');
  return withContext(deps.db, dbContext(actor), async (tx) => {
    const member = await findMember(tx, id);
    if (!member || !inScope(actor, member.path)) throw notFound('党员', id);
    return presentMember(member);
  });
}

/**
 * Enrols a registered resident as a member of an organization. The resident must live inside the
 * region the organization is linked to, be active, not already a member, and have been 18 when
 * joining. The member's path is the resident's, so the same scope rules cover both.
 */
export async function addMember(deps: Deps, actor: Actor, orgId: string, body: AddPartyMemberBody): Promise<PartyMember> {
  authorize(actor, 'party.edit');
  const now = deps.clock.now();
  checkNotFuture('joinedOn', body.joinedOn, now);
  return withContext(deps.db, dbContext(actor), async (tx) => {
    const org = await visibleOrg(tx, actor, orgId);
    if (org.dissolved_on) throw invalidField('orgId', '该党组织已撤销');
    const resident = await findResidentForEnrolment(tx, body.residentId);
    if (!resident || !inScope(actor, resident.path)) throw outOfScope('residentId', '居民不存在或不在您的管理范围内');
    if (resident.status !== 'active') throw invalidField('residentId', '该居民已迁出或死亡');
    if (!isWithin(resident.path, org.path)) throw invalidField('residentId', '该居民不在本党组织所联系的区划内');
    if (resident.member_id) throw alreadyExists('residentId', '该居民已登记为党员');
    if (yearsBetween(resident.birth_date, body.joinedOn) < 18) throw invalidField('joinedOn', '入党时须年满 18 周岁');
    const id = uuidv7();
    try {
      await insertMembers(tx, [
        {
          id,
          org_id: org.id,
          resident_id: resident.id,
          path: resident.path,
          status: body.status,
          joined_on: body.joinedOn,
          central_household: body.centralHousehold ?? false,
          created_at: now,
          updated_at: now,
        },
      ]);
    } catch (err) {
      throw duplicateAs(err, 'residentId', '该居民已登记为党员');
    }
    const saved = presentMember((await findMember(tx, id))!);
    await appendAudit(tx, deps.clock, actor, { action: 'party_member.create', targetType: 'party_member', targetId: id, after: saved });
    return saved;
  });
}

async function visibleMember(tx: Tx, actor: Actor, id: string): Promise<MemberRow> {
  const member = await findMember(tx, id);
  if (!member || !inScope(actor, member.path)) throw notFound('党员', id);
  return member;
}

/**
 * 转正 (probationary → formal), 党员中心户 on or off, or a transfer to another organization in
 * scope whose region holds the member's home. An ended membership is not changed.
 */
export async function updateMember(deps: Deps, actor: Actor, id: string, body: UpdatePartyMemberBody): Promise<PartyMember> {
  authorize(actor, 'party.edit');
  return withContext(deps.db, dbContext(actor), async (tx) => {
    const member = await visibleMember(tx, actor, id);
    if (member.ended_on) throw new AppError('CONFLICT', '该党员的组织关系已结束，不能修改');
    if (body.status === 'probationary' && member.status === 'formal') throw invalidField('status', '正式党员不能改回预备党员');
    if (body.orgId !== undefined && body.orgId !== member.org_id) {
      const org = await findOrg(tx, body.orgId);
      if (!org || !inScope(actor, org.path) || org.dissolved_on) throw outOfScope('orgId', '党组织不存在、已撤销或不在您的管理范围内');
      if (!isWithin(member.path, org.path)) throw invalidField('orgId', '该党员不住在这个党组织所联系的区划内');
    }
    const before = presentMember(member);
    await updateMemberRow(tx, id, {
      ...(body.status !== undefined ? { status: body.status } : {}),
      ...(body.centralHousehold !== undefined ? { central_household: body.centralHousehold } : {}),
      ...(body.orgId !== undefined ? { org_id: body.orgId } : {}),
      updated_at: deps.clock.now(),
    });
    const after = presentMember((await findMember(tx, id))!);
    await appendAudit(tx, deps.clock, actor, { action: 'party_member.update', targetType: 'party_member', targetId: id, before, after });
    return after;
  });
}

/**
 * Ends a membership (组织关系转出, 去世, 出党) with a date and reason; it stays on record and the
 * member's current liaison links end the same day. The person may enrol again later.
 */
export async function endMember(deps: Deps, actor: Actor, id: string, body: EndPartyMemberBody): Promise<PartyMember> {
  authorize(actor, 'party.edit');
  const now = deps.clock.now();
  const on = body.endedOn ?? chinaDate(now);
  checkNotFuture('endedOn', on, now);
  return withContext(deps.db, dbContext(actor), async (tx) => {
    const member = await visibleMember(tx, actor, id);
    if (member.ended_on) throw new AppError('CONFLICT', '该党员的组织关系已结束');
    if (on < member.joined_on) throw invalidField('endedOn', '不能早于入党日期');
    const before = presentMember(member);
    await updateMemberRow(tx, id, { ended_on: on, end_reason: body.reason, end_note: body.note?.trim() || null, central_household: false, updated_at: now });
    const links = await endMemberLiaisons(tx, id, on);
    const after = presentMember((await findMember(tx, id))!);
    await appendAudit(tx, deps.clock, actor, {
      action: 'party_member.end',
      targetType: 'party_member',
      targetId: id,
      before,
      after,
      details: { liaisonsEnded: links },
    });
    return after;
  });
}
