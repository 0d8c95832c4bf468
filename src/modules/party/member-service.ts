import { uuidv7 } from 'uuidv7';
import { dbContext, type Actor } from '../../platform/actor.js';
import { appendAudit } from '../../platform/audit/service.js';
import { withContext } from '../../platform/db/context.js';
import type { Deps } from '../../platform/deps.js';
import { alreadyExists, duplicateAs, invalidField, notFound } from '../../platform/errors.js';
import { isWithin } from '../regions/policy.js';
import { checkNotFuture, yearsBetween } from './common.js';
import { visibleOrg } from './org-service.js';
import { authorize, inScope } from './policy.js';
import { presentMember } from './presenter.js';
import type { AddPartyMemberBody, MemberQuery, PartyMember, PartyMemberPage } from './schema.js';
import { findMember, findResidentForEnrolment, insertMembers, listMembers } from './store.js';

/** Members of an organization (and, when asked, of every organization below it). */
export async function listOrgMembers(deps: Deps, actor: Actor, orgId: string, q: MemberQuery): Promise<PartyMemberPage> {
  authorize(actor, 'party.read');
  return withContext(deps.db, dbContext(actor), async (tx) => {
    await visibleOrg(tx, actor, orgId);
    const { rows, total } = await listMembers(
      tx,
      { orgId, includeSubOrgs: q.includeSubOrgs, status: q.status, centralHousehold: q.centralHousehold, q: q.q },
      { limit: q.pageSize, offset: (q.page - 1) * q.pageSize },
    );
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
    const resident = await findResidentForEnrolment(tx, body.residentId);
    if (!resident || !inScope(actor, resident.path)) throw invalidField('residentId', '居民不存在或不在您的管理范围内');
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
