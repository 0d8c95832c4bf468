import { uuidv7 } from 'uuidv7';
import { dbContext, type Actor } from '../../platform/actor.js';
import { appendAudit } from '../../platform/audit/service.js';
import { withContext, type Tx } from '../../platform/db/context.js';
import type { Deps } from '../../platform/deps.js';
import { invalidField, notFound, outOfScope } from '../../platform/errors.js';
import { chinaDate } from '../../platform/time.js';
import { isWithin } from '../regions/policy.js';
import { addDays, checkNotFuture, regionField, regionOrOwn } from './common.js';
import { authorize, inScope } from './policy.js';
import { presentUnvisited, presentVisit } from './stewardship-presenter.js';
import type { CoverageQuery, CoverageReport, CreateVisitBody, FollowUpBody, Visit, VisitPage, VisitQuery } from './stewardship-schema.js';
import { coverageCounts, findHousehold, findStewardship, findVisit, insertVisits, listUnvisited, listVisits, updateVisit } from './stewardship-store.js';

export async function searchVisits(deps: Deps, actor: Actor, q: VisitQuery): Promise<VisitPage> {
  authorize(actor, 'stewardship.read');
  return withContext(deps.db, dbContext(actor), async (tx) => {
    const region = await regionOrOwn(tx, actor, q.regionCode);
    const { rows, total } = await listVisits(
      tx,
      { scopePath: region.path, householdId: q.householdId, kind: q.kind, from: q.from, to: q.to, followUpOpen: q.followUpOpen },
      { limit: q.pageSize, offset: (q.page - 1) * q.pageSize },
    );
    return { items: rows.map(presentVisit), total };
  });
}

async function present(tx: Tx, id: string): Promise<Visit> {
  const { rows } = await listVisits(tx, { ids: [id] }, { limit: 1, offset: 0 });
  return presentVisit(rows[0]!);
}

/**
 * Where a visit happened: a household (its path and village; a region named with it must contain
 * it), or a region. Household visits always carry the household's village as their region, so a
 * village's list finds them.
 */
async function visitPlace(tx: Tx, actor: Actor, body: CreateVisitBody): Promise<{ householdId: string | null; regionCode: string; path: string }> {
  if (!body.householdId && !body.regionCode) throw invalidField('householdId', '须指定走访的户或区划');
  const region = body.regionCode ? await regionField(tx, actor, body.regionCode, 'regionCode') : undefined;
  if (!body.householdId) return { householdId: null, regionCode: region!.code, path: region!.path };
  const h = await findHousehold(tx, body.householdId);
  if (!h || !inScope(actor, h.path)) throw outOfScope('householdId', '户不存在或不在您的管理范围内');
  if (h.status !== 'active') throw invalidField('householdId', '该户已注销');
  if (region && !isWithin(h.path, region.path)) throw invalidField('regionCode', '该户不在所填区划内');
  return { householdId: h.id, regionCode: h.village_code, path: h.path };
}

/** Records a visit (五包五访); the visitor is the person recording unless another name is given. */
export async function createVisit(deps: Deps, actor: Actor, body: CreateVisitBody): Promise<Visit> {
  authorize(actor, 'stewardship.edit');
  const now = deps.clock.now();
  checkNotFuture('visitedOn', body.visitedOn, now);
  return withContext(deps.db, dbContext(actor), async (tx) => {
    const place = await visitPlace(tx, actor, body);
    if (body.stewardshipId) {
      const s = await findStewardship(tx, body.stewardshipId);
      if (!s || !inScope(actor, s.path)) throw outOfScope('stewardshipId', '包保关系不存在或不在您的管理范围内');
      if (!isWithin(place.path, s.path)) throw invalidField('stewardshipId', '走访对象不在该包保关系的范围内');
    }
    const id = uuidv7();
    const visitorName = body.visitorName?.trim();
    await insertVisits(tx, [
      {
        id,
        kind: body.kind,
        visited_on: body.visitedOn,
        visitor_user_id: visitorName ? null : actor.userId,
        visitor_name: visitorName || actor.displayName,
        stewardship_id: body.stewardshipId ?? null,
        household_id: place.householdId,
        region_code: place.regionCode,
        path: place.path,
        notes: body.notes?.trim() || null,
        follow_up: body.followUp?.trim() || null,
        created_by: actor.userId,
        created_at: now,
      },
    ]);
    const saved = await present(tx, id);
    await appendAudit(tx, deps.clock, actor, { action: 'visit.create', targetType: 'visit', targetId: id, after: saved });
    return saved;
  });
}

/** Marks a visit's follow-up item done or not done. */
export async function setFollowUp(deps: Deps, actor: Actor, id: string, body: FollowUpBody): Promise<Visit> {
  authorize(actor, 'stewardship.edit');
  const now = deps.clock.now();
  return withContext(deps.db, dbContext(actor), async (tx) => {
    const before = await findVisit(tx, id);
    if (!before || !inScope(actor, before.path)) throw notFound('走访记录', id);
    if (!before.follow_up) throw invalidField('done', '该走访没有需要跟进的事项');
    await updateVisit(tx, id, { follow_up_done: body.done, follow_up_done_at: body.done ? now : null });
    const after = await present(tx, id);
    await appendAudit(tx, deps.clock, actor, {
      action: 'visit.follow_up',
      targetType: 'visit',
      targetId: id,
      before: { followUpDone: before.follow_up_done },
      after: { followUpDone: body.done },
    });
    return after;
  });
}

/**
 * Coverage of a region: its active households with no visit in the last `days` days (today and
 * the days before it, China time), longest-unvisited first, with the counts that reconcile:
 * total = visited + unvisited.
 */
export async function coverageReport(deps: Deps, actor: Actor, q: CoverageQuery): Promise<CoverageReport> {
  authorize(actor, 'stewardship.read');
  const asOf = chinaDate(deps.clock.now());
  const since = addDays(asOf, -(q.days - 1));
  return withContext(deps.db, dbContext(actor), async (tx) => {
    const region = await regionOrOwn(tx, actor, q.regionCode);
    const counts = await coverageCounts(tx, region.path, since);
    const rows = await listUnvisited(tx, region.path, since, { limit: q.pageSize, offset: (q.page - 1) * q.pageSize });
    const unvisited = counts.total - counts.visited;
    return {
      regionCode: region.code,
      regionName: region.name,
      days: q.days,
      since,
      asOf,
      totalHouseholds: counts.total,
      visitedHouseholds: counts.visited,
      unvisitedHouseholds: unvisited,
      coveredShare: counts.total === 0 ? 0 : counts.visited / counts.total,
      items: rows.map(presentUnvisited),
      total: unvisited,
    };
  });
}
