import { uuidv7 } from 'uuidv7';
import { dbContext, type Actor } from '../../platform/actor.js';
import { appendAudit } from '../../platform/audit/service.js';
import { withContext, type Tx } from '../../platform/db/context.js';
import type { Deps } from '../../platform/deps.js';
import { alreadyExists, AppError, invalidField, notFound, outOfScope } from '../../platform/errors.js';
import { chinaDate } from '../../platform/time.js';
import { regionField, regionOrOwn } from './common.js';
import { authorize, authorizeAssign, inScope } from './policy.js';
import { presentStewardship } from './stewardship-presenter.js';
import type { CreateStewardshipBody, Stewardship, StewardshipLevel, StewardshipPage, StewardshipQuery } from './stewardship-schema.js';
import { findHousehold, findLeaderAccount, findStewardship, insertStewardships, listStewardships, updateStewardship } from './stewardship-store.js';

const STEWARDED_LEVELS: readonly string[] = ['township', 'village', 'group'];

/** Assignments in a region (or the actor's scope), by level; ended ones only when asked. */
export async function searchStewardships(deps: Deps, actor: Actor, q: StewardshipQuery): Promise<StewardshipPage> {
  authorize(actor, 'stewardship.read');
  const today = chinaDate(deps.clock.now());
  return withContext(deps.db, dbContext(actor), async (tx) => {
    const region = await regionOrOwn(tx, actor, q.regionCode);
    const { rows, total } = await listStewardships(
      tx,
      { scopePath: region.path, level: q.level, householdId: q.householdId, leaderUserId: q.leaderUserId, activeOn: q.includeEnded ? undefined : today },
      { limit: q.pageSize, offset: (q.page - 1) * q.pageSize },
    );
    return { items: rows.map((r) => presentStewardship(r, today)), total };
  });
}

async function present(tx: Tx, id: string, today: string): Promise<Stewardship> {
  const { rows } = await listStewardships(tx, { ids: [id] }, { limit: 1, offset: 0 });
  return presentStewardship(rows[0]!, today);
}

interface Target {
  level: StewardshipLevel;
  path: string;
  /** The region itself, or the household's village. */
  areaCode: string;
  regionCode: string | null;
  householdId: string | null;
}

/** The unit stewarded: a township, village or group region in scope, or a household in scope. */
async function resolveTarget(tx: Tx, actor: Actor, body: CreateStewardshipBody): Promise<Target> {
  if (!!body.targetRegionCode === !!body.targetHouseholdId) {
    throw invalidField('targetRegionCode', '须指定包保的区划（targetRegionCode）或户（targetHouseholdId），二者取一');
  }
  if (body.targetHouseholdId) {
    const h = await findHousehold(tx, body.targetHouseholdId);
    if (!h || !inScope(actor, h.path)) throw outOfScope('targetHouseholdId', '户不存在或不在您的管理范围内');
    if (h.status !== 'active') throw invalidField('targetHouseholdId', '该户已注销');
    return { level: 'household', path: h.path, areaCode: h.village_code, regionCode: null, householdId: h.id };
  }
  const region = await regionField(tx, actor, body.targetRegionCode!, 'targetRegionCode');
  if (!STEWARDED_LEVELS.includes(region.level)) throw invalidField('targetRegionCode', '包保对象应为乡镇（街道）、村（社区）或村民小组');
  return { level: region.level as StewardshipLevel, path: region.path, areaCode: region.code, regionCode: region.code, householdId: null };
}

/** The leader: an account visible in scope (its name unless another is given), or a named person. */
async function resolveLeader(tx: Tx, body: CreateStewardshipBody): Promise<{ userId: string | null; name: string }> {
  if (body.leaderUserId) {
    const user = await findLeaderAccount(tx, body.leaderUserId);
    if (!user) throw outOfScope('leaderUserId', '账号不存在或不在您的管理范围内');
    if (user.status !== 'active') throw invalidField('leaderUserId', '该账号已停用');
    return { userId: user.id, name: body.leaderName?.trim() || user.display_name };
  }
  const name = body.leaderName?.trim();
  if (!name) throw invalidField('leaderName', '未指定账号时须填写包保责任人姓名');
  return { userId: null, name };
}

/** Assigns a leader to a unit (包保). The same leader twice on the same unit at once is refused. */
export async function createStewardship(deps: Deps, actor: Actor, body: CreateStewardshipBody): Promise<Stewardship> {
  authorizeAssign(actor);
  const now = deps.clock.now();
  const today = chinaDate(now);
  if (body.endedOn && body.endedOn < body.startedOn) throw invalidField('endedOn', '不能早于开始日期');
  return withContext(deps.db, dbContext(actor), async (tx) => {
    const target = await resolveTarget(tx, actor, body);
    const leader = await resolveLeader(tx, body);
    const same = await listStewardships(
      tx,
      {
        activeOn: today,
        sameAs: { leaderUserId: leader.userId, leaderName: leader.name, regionCode: target.regionCode, householdId: target.householdId },
      },
      { limit: 1, offset: 0 },
    );
    if (same.total > 0) throw alreadyExists('leaderName', `${leader.name} 已包保该对象`);
    const id = uuidv7();
    await insertStewardships(tx, [
      {
        id,
        level: target.level,
        leader_user_id: leader.userId,
        leader_name: leader.name,
        leader_title: body.leaderTitle?.trim() || null,
        target_region_code: target.regionCode,
        target_household_id: target.householdId,
        region_code: target.areaCode,
        path: target.path,
        started_on: body.startedOn,
        ended_on: body.endedOn ?? null,
        note: body.note?.trim() || null,
        created_by: actor.userId,
        created_at: now,
      },
    ]);
    const saved = await present(tx, id, today);
    await appendAudit(tx, deps.clock, actor, { action: 'stewardship.create', targetType: 'stewardship', targetId: id, after: saved });
    return saved;
  });
}

/** Ends an assignment on a date (today by default); the row stays as history. */
export async function endStewardship(deps: Deps, actor: Actor, id: string, endedOn: string | undefined): Promise<Stewardship> {
  authorizeAssign(actor);
  const today = chinaDate(deps.clock.now());
  const on = endedOn ?? today;
  return withContext(deps.db, dbContext(actor), async (tx) => {
    const before = await findStewardship(tx, id);
    if (!before || !inScope(actor, before.path)) throw notFound('包保关系', id);
    if (before.ended_on && before.ended_on < today) throw new AppError('CONFLICT', '该包保关系已结束', { id });
    if (on < before.started_on) throw invalidField('endedOn', '不能早于开始日期');
    await updateStewardship(tx, id, { ended_on: on });
    const after = await present(tx, id, today);
    await appendAudit(tx, deps.clock, actor, {
      action: 'stewardship.end',
      targetType: 'stewardship',
      targetId: id,
      before: { endedOn: before.ended_on },
      after: { endedOn: on },
    });
    return after;
  });
}
