import { uuidv7 } from 'uuidv7';
import { dbContext, type Actor } from '../../platform/actor.js';
import { appendAudit } from '../../platform/audit/service.js';
import { withContext, type Tx } from '../../platform/db/context.js';
import type { Deps } from '../../platform/deps.js';
import { invalidField, notFound } from '../../platform/errors.js';
import { checkNotFuture, regionField, regionOrOwn } from './common.js';
import { authorize, inScope } from './policy.js';
import { presentEmbedded, presentEmbeddedDetail, roundHours } from './presenter.js';
import type { AddServiceHoursBody, CreateEmbeddedMemberBody, EmbeddedMemberDetail, EmbeddedMemberPage, EmbeddedQuery } from './schema.js';
import { findEmbedded, insertEmbedded, insertServiceHours, listEmbedded, listServiceHours, type EmbeddedRow } from './store.js';

/** Embedded members (下沉党员) reporting to communities in a region, with their hours and the region's total. */
export async function searchEmbedded(deps: Deps, actor: Actor, q: EmbeddedQuery): Promise<EmbeddedMemberPage> {
  authorize(actor, 'party.read');
  return withContext(deps.db, dbContext(actor), async (tx) => {
    const region = await regionOrOwn(tx, actor, q.regionCode);
    const { rows, total, totalHours } = await listEmbedded(tx, region.path, q.q, { limit: q.pageSize, offset: (q.page - 1) * q.pageSize });
    return { items: rows.map(presentEmbedded), total, totalHours: roundHours(totalHours) };
  });
}

async function visibleEmbedded(tx: Tx, actor: Actor, id: string): Promise<EmbeddedRow> {
  const row = await findEmbedded(tx, id);
  if (!row || !inScope(actor, row.path)) throw notFound('下沉党员', id);
  return row;
}

export async function getEmbedded(deps: Deps, actor: Actor, id: string): Promise<EmbeddedMemberDetail> {
  authorize(actor, 'party.read');
  return withContext(deps.db, dbContext(actor), async (tx) => {
    const row = await visibleEmbedded(tx, actor, id);
    return presentEmbeddedDetail(row, await listServiceHours(tx, id));
  });
}

/** Registers an in-service member of a county unit with the community they report to (双报到). */
export async function createEmbedded(deps: Deps, actor: Actor, body: CreateEmbeddedMemberBody): Promise<EmbeddedMemberDetail> {
  authorize(actor, 'party.edit');
  const now = deps.clock.now();
  checkNotFuture('reportedOn', body.reportedOn, now);
  return withContext(deps.db, dbContext(actor), async (tx) => {
    const village = await regionField(tx, actor, body.villageCode, 'villageCode');
    if (village.level !== 'village') throw invalidField('villageCode', '应为报到的社区（村）');
    const id = uuidv7();
    await insertEmbedded(tx, [
      {
        id,
        name: body.name.trim(),
        work_unit: body.workUnit.trim(),
        position: body.position?.trim() || null,
        village_code: village.code,
        path: village.path,
        reported_on: body.reportedOn,
        created_at: now,
      },
    ]);
    const saved = presentEmbeddedDetail((await findEmbedded(tx, id))!, []);
    await appendAudit(tx, deps.clock, actor, { action: 'embedded_member.create', targetType: 'embedded_member', targetId: id, after: saved });
    return saved;
  });
}

/** Records hours of service in the community; the total is the sum of the records. */
export async function addServiceHours(deps: Deps, actor: Actor, id: string, body: AddServiceHoursBody): Promise<EmbeddedMemberDetail> {
  authorize(actor, 'party.edit');
  const now = deps.clock.now();
  checkNotFuture('servedOn', body.servedOn, now);
  return withContext(deps.db, dbContext(actor), async (tx) => {
    const before = await visibleEmbedded(tx, actor, id);
    if (body.servedOn < before.reported_on) throw invalidField('servedOn', '不能早于报到日期');
    const recordId = uuidv7();
    await insertServiceHours(tx, [
      {
        id: recordId,
        embedded_member_id: id,
        path: before.path,
        served_on: body.servedOn,
        hours: body.hours,
        activity: body.activity.trim(),
        created_by: actor.userId,
        created_at: now,
      },
    ]);
    const after = presentEmbeddedDetail((await findEmbedded(tx, id))!, await listServiceHours(tx, id));
    await appendAudit(tx, deps.clock, actor, {
      action: 'embedded_member.add_hours',
      targetType: 'embedded_member',
      targetId: id,
      before: { totalHours: roundHours(before.total_hours) },
      after: { totalHours: after.totalHours, record: { id: recordId, servedOn: body.servedOn, hours: body.hours, activity: body.activity.trim() } },
    });
    return after;
  });
}
