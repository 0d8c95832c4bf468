import { uuidv7 } from 'uuidv7';
import { dbContext, type Actor } from '../../platform/actor.js';
import { appendAudit } from '../../platform/audit/service.js';
import { withContext, type Tx } from '../../platform/db/context.js';
import type { Deps } from '../../platform/deps.js';
import { AppError, alreadyExists, duplicateAs, invalidField, notFound, outOfScope } from '../../platform/errors.js';
import { chinaDate } from '../../platform/time.js';
import { findRegionForUpdate } from '../regions/index.js';
import { authorize, inScope } from './policy.js';
import { WATCH_POINT_KIND_NAMES, type DesignateWatchPointBody, type WatchPoint, type WatchPointQuery } from './watch-schema.js';
import { countReportsByPoint, findWatchPoint, insertWatchPoints, listWatchPoints, removeWatchPoint, type WatchPointRow } from './watch-store.js';

// 观测点 / 监测点: townships and villages the county tags to watch how burden reduction lands.
// County staff designate and remove them; anyone with duties read access lists those in scope.
// A formalism report names a monitoring point as where it happened (its region code), so each
// point carries the number of reports filed within its area.

/**
 * Formalism reports are readable by county staff only (policy formalism_reports_read, migration
 * 0031): anyone else would see only the reports they signed themselves, so a count shown to them
 * would be wrong. They get no count rather than a misleading one.
 */
function readsReports(actor: Actor): boolean {
  return actor.role === 'county_staff' || actor.role === 'system';
}

async function presentPoints(tx: Tx, actor: Actor, rows: WatchPointRow[]): Promise<WatchPoint[]> {
  const counts = readsReports(actor)
    ? await countReportsByPoint(
        tx,
        rows.map((r) => r.id),
      )
    : undefined;
  return rows.map((r) => ({
    id: r.id,
    regionCode: r.region_code,
    regionName: r.region_name,
    regionLevel: r.region_level,
    townshipName: r.township_name,
    kind: r.kind,
    designatedOn: r.designated_on,
    note: r.note,
    reports: counts ? (counts.get(r.id) ?? { open: 0, answered: 0 }) : null,
  }));
}

/** The observation and monitoring points in force in the caller's scope, each with its report counts. */
export async function searchWatchPoints(deps: Deps, actor: Actor, query: WatchPointQuery): Promise<WatchPoint[]> {
  authorize(actor, 'duties.read');
  return withContext(deps.db, dbContext(actor), async (tx) => presentPoints(tx, actor, await listWatchPoints(tx, actor.scopePath, query.kind)));
}

/** County staff tag a township or village in scope as an observation or monitoring point (one in force per region and kind). */
export async function designateWatchPoint(deps: Deps, actor: Actor, body: DesignateWatchPointBody): Promise<WatchPoint> {
  authorize(actor, 'duties.manage');
  const now = deps.clock.now();
  const today = chinaDate(now);
  const designatedOn = body.designatedOn ?? today;
  if (designatedOn > today) throw invalidField('designatedOn', '设立日期不能晚于今天');
  const note = body.note?.trim() || null;
  const taken = `该区划已是${WATCH_POINT_KIND_NAMES[body.kind]}`;
  try {
    return await withContext(deps.db, dbContext(actor), async (tx) => {
      const region = await findRegionForUpdate(tx, body.regionCode);
      if (!region || !inScope(actor, region.path)) throw outOfScope('regionCode', '区划不存在或不在您的管理范围内');
      if (region.level !== 'township' && region.level !== 'village') throw invalidField('regionCode', '观测点、监测点须为乡镇或村（社区）');
      if ((await listWatchPoints(tx, region.path, body.kind)).some((p) => p.region_code === region.code)) throw alreadyExists('regionCode', taken);
      const id = uuidv7();
      await insertWatchPoints(tx, [
        {
          id,
          region_code: region.code,
          path: region.path,
          kind: body.kind,
          designated_on: designatedOn,
          note,
          designated_by: actor.userId,
          created_at: now,
        },
      ]);
      await appendAudit(tx, deps.clock, actor, {
        action: 'duties.watch_point.designate',
        targetType: 'watch_point',
        targetId: id,
        after: { regionCode: region.code, kind: body.kind, designatedOn, note },
      });
      const [point] = await presentPoints(
        tx,
        actor,
        (await listWatchPoints(tx, region.path, body.kind)).filter((p) => p.id === id),
      );
      return point!;
    });
  } catch (err) {
    // Two designations of the same region at once: the partial unique index refuses the second.
    throw duplicateAs(err, 'regionCode', taken);
  }
}

/** County staff remove a point in force (kept with the day it was removed). */
export async function removeWatchPointById(deps: Deps, actor: Actor, id: string): Promise<void> {
  authorize(actor, 'duties.manage');
  const now = deps.clock.now();
  const today = chinaDate(now);
  await withContext(deps.db, dbContext(actor), async (tx) => {
    const point = await findWatchPoint(tx, id);
    if (!point || !inScope(actor, point.path)) throw notFound('观测点/监测点', id);
    const removedOn = today < point.designated_on ? point.designated_on : today;
    if ((await removeWatchPoint(tx, id, { removed_on: removedOn, removed_by: actor.userId })) === 0) {
      throw new AppError('CONFLICT', '该点已撤销', { field: 'id' });
    }
    await appendAudit(tx, deps.clock, actor, {
      action: 'duties.watch_point.remove',
      targetType: 'watch_point',
      targetId: id,
      before: { regionCode: point.region_code, kind: point.kind, designatedOn: point.designated_on },
      after: { removedOn },
    });
  });
}
