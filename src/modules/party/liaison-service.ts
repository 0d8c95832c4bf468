import { uuidv7 } from 'uuidv7';
import { dbContext, type Actor } from '../../platform/actor.js';
import { appendAudit } from '../../platform/audit/service.js';
import { withContext, type Tx } from '../../platform/db/context.js';
import type { Deps } from '../../platform/deps.js';
import { AppError, invalidField, notFound, outOfScope } from '../../platform/errors.js';
import { chinaDate } from '../../platform/time.js';
import { checkNotFuture, regionOrOwn } from './common.js';
import { visibleOrg } from './org-service.js';
import { authorize, inScope } from './policy.js';
import { presentLiaison } from './presenter.js';
import type { CreateLiaisonsBody, EndLiaisonBody, Liaison, LiaisonKind, LiaisonPage, LiaisonQuery } from './schema.js';
import { endLiaison, findHouseholds, findLiaison, findMember, findResidentForEnrolment, insertLiaisons, linkedHouseholds, listLiaisons } from './store.js';

const ALREADY_LINKED: Record<LiaisonKind, string> = {
  party_liaison: '该户已有党员联户联系人',
  ten_household: '该户已有十联户联户长',
};

/** Current (or, when asked, also ended) liaison links in a region, of an organization's members, a member, or a household. */
export async function searchLiaisons(deps: Deps, actor: Actor, q: LiaisonQuery): Promise<LiaisonPage> {
  authorize(actor, 'party.read');
  return withContext(deps.db, dbContext(actor), async (tx) => {
    const region = await regionOrOwn(tx, actor, q.regionCode);
    if (q.orgId) await visibleOrg(tx, actor, q.orgId);
    const { rows, total } = await listLiaisons(
      tx,
      {
        scopePath: region.path,
        orgId: q.orgId,
        memberId: q.memberId,
        headResidentId: q.headResidentId,
        householdId: q.householdId,
        kind: q.kind,
        includeEnded: q.includeEnded,
      },
      { limit: q.pageSize, offset: (q.page - 1) * q.pageSize },
    );
    return { items: rows.map(presentLiaison), total };
  });
}

/** The person who links: a member in scope, or a liaison head (a resident in scope). Returns their village. */
async function liaisonVillage(tx: Tx, actor: Actor, body: CreateLiaisonsBody): Promise<string> {
  if (!!body.memberId === !!body.headResidentId) throw invalidField('memberId', '须指定一名党员（memberId）或一名联户长（headResidentId），二者取一');
  if (body.memberId) {
    const member = await findMember(tx, body.memberId);
    if (!member || !inScope(actor, member.path)) throw outOfScope('memberId', '党员不存在或不在您的管理范围内');
    return member.village_code;
  }
  const head = await findResidentForEnrolment(tx, body.headResidentId!);
  if (!head || !inScope(actor, head.path)) throw outOfScope('headResidentId', '居民不存在或不在您的管理范围内');
  if (head.status !== 'active') throw invalidField('headResidentId', '该居民已迁出或死亡');
  return head.village_code;
}

/**
 * Links a member (党员联户) or a liaison head (十联户) to households of their own village. A
 * household has at most one current link of each kind; the first household that already has one
 * is named in the error, and nothing is written.
 */
export async function createLiaisons(deps: Deps, actor: Actor, body: CreateLiaisonsBody): Promise<Liaison[]> {
  authorize(actor, 'party.edit');
  const now = deps.clock.now();
  const startedOn = body.startedOn ?? chinaDate(now);
  checkNotFuture('startedOn', startedOn, now);
  const dup = body.householdIds.findIndex((id, i) => body.householdIds.indexOf(id) !== i);
  if (dup >= 0) throw invalidField(`householdIds.${dup}`, '同一户重复出现');
  return withContext(deps.db, dbContext(actor), async (tx) => {
    const village = await liaisonVillage(tx, actor, body);
    const households = new Map((await findHouseholds(tx, body.householdIds)).map((h) => [h.id, h]));
    const linked = await linkedHouseholds(tx, body.householdIds, body.kind);
    const rows = body.householdIds.map((id, i) => {
      const h = households.get(id);
      const field = `householdIds.${i}`;
      if (!h || !inScope(actor, h.path)) throw outOfScope(field, '户不存在或不在您的管理范围内');
      if (h.status !== 'active') throw invalidField(field, '该户已注销');
      if (h.village_code !== village) throw invalidField(field, '只能联系本村（社区）的户');
      if (linked.has(id)) throw invalidField(field, ALREADY_LINKED[body.kind]);
      return {
        id: uuidv7(),
        kind: body.kind,
        member_id: body.memberId ?? null,
        head_resident_id: body.headResidentId ?? null,
        household_id: id,
        path: h.path,
        started_on: startedOn,
        created_at: now,
      };
    });
    try {
      await insertLiaisons(tx, rows);
    } catch (err) {
      // Two cadres linking the same household at once: the partial unique index decides.
      if ((err as { code?: string }).code === '23505') throw invalidField('householdIds', ALREADY_LINKED[body.kind]);
      throw err;
    }
    const ids = rows.map((r) => r.id);
    const { rows: saved } = await listLiaisons(tx, { scopePath: actor.scopePath, ids }, { limit: ids.length, offset: 0 });
    await appendAudit(tx, deps.clock, actor, {
      action: 'party_liaison.create',
      targetType: body.memberId ? 'party_member' : 'resident',
      targetId: body.memberId ?? body.headResidentId,
      after: { kind: body.kind, startedOn, links: rows.map((r) => ({ id: r.id, householdId: r.household_id })) },
    });
    return saved.map(presentLiaison);
  });
}

/** Ends a link (the household may then be linked again); the row stays as history. */
export async function removeLiaison(deps: Deps, actor: Actor, id: string, body: EndLiaisonBody): Promise<Liaison> {
  authorize(actor, 'party.edit');
  const now = deps.clock.now();
  const endedOn = body.endedOn ?? chinaDate(now);
  checkNotFuture('endedOn', endedOn, now);
  return withContext(deps.db, dbContext(actor), async (tx) => {
    const link = await findLiaison(tx, id);
    if (!link || !inScope(actor, link.path)) throw notFound('联户关系', id);
    if (link.ended_on) throw new AppError('CONFLICT', '该联户关系已解除', { id });
    if (endedOn < link.started_on) throw invalidField('endedOn', '不能早于建立日期');
    await endLiaison(tx, id, endedOn);
    const { rows } = await listLiaisons(tx, { scopePath: actor.scopePath, ids: [id], includeEnded: true }, { limit: 1, offset: 0 });
    const after = presentLiaison(rows[0]!);
    await appendAudit(tx, deps.clock, actor, {
      action: 'party_liaison.end',
      targetType: 'party_liaison',
      targetId: id,
      before: { endedOn: null },
      after: { endedOn },
    });
    return after;
  });
}
