import { uuidv7 } from 'uuidv7';
import { dbContext, type Actor } from '../../platform/actor.js';
import { appendAudit } from '../../platform/audit/service.js';
import { withContext } from '../../platform/db/context.js';
import type { Deps } from '../../platform/deps.js';
import { forbidden, invalidField, notFound, outOfScope } from '../../platform/errors.js';
import { chinaDate } from '../../platform/time.js';
import { findRegionForUpdate } from '../regions/index.js';
import { authorize, inScope } from './policy.js';
import type { BurdenCounts, BurdenEntry, BurdenQuery, CreateBurdenBody, UpdateBurdenBody } from './register-schema.js';
import { countBurdens, findBurden, insertBurdens, listBurdens, updateBurden, type BurdenRow } from './register-store.js';

// 减牌子、减群、减 App: a village's outside signboards, required work groups and apps. One with a
// basis is approved; one without is marked for removal with a date; removal is recorded, so the
// county's counts show what was cleared and what is late.

const KEEPERS = ['county_staff', 'township_staff', 'village_cadre', 'system'];

function present(r: BurdenRow, today: string): BurdenEntry {
  return {
    id: r.id,
    kind: r.kind,
    name: r.name,
    regionCode: r.region_code,
    regionName: r.region_name,
    requiredBy: r.required_by,
    basis: r.basis,
    status: r.status,
    removeBy: r.remove_by,
    removedOn: r.removed_on,
    note: r.note,
    late: r.status === 'to_remove' && !!r.remove_by && r.remove_by < today,
  };
}

export async function searchBurdens(deps: Deps, actor: Actor, q: BurdenQuery): Promise<BurdenEntry[]> {
  authorize(actor, 'duties.read');
  const today = chinaDate(deps.clock.now());
  return withContext(deps.db, dbContext(actor), async (tx) => {
    const region = await findRegionForUpdate(tx, q.regionCode ?? actor.regionCode);
    if (!region || !inScope(actor, region.path)) throw outOfScope('regionCode', '区划不存在或不在您的管理范围内');
    return (await listBurdens(tx, { path: region.path, kind: q.kind, status: q.status })).map((r) => present(r, today));
  });
}

export async function burdenCounts(deps: Deps, actor: Actor, regionCode: string | undefined): Promise<BurdenCounts> {
  authorize(actor, 'duties.read');
  const today = chinaDate(deps.clock.now());
  return withContext(deps.db, dbContext(actor), async (tx) => {
    const region = await findRegionForUpdate(tx, regionCode ?? actor.regionCode);
    if (!region || !inScope(actor, region.path)) throw outOfScope('regionCode', '区划不存在或不在您的管理范围内');
    return (await countBurdens(tx, region.path, today)).map((r) => ({
      kind: r.kind,
      approved: r.approved,
      toRemove: r.to_remove,
      removed: r.removed,
      late: r.late,
    }));
  });
}

/** Registers a signboard, group or app of a village: approved with a basis, otherwise to be removed by a date. */
export async function registerBurden(deps: Deps, actor: Actor, body: CreateBurdenBody): Promise<BurdenEntry> {
  if (!KEEPERS.includes(actor.role)) throw forbidden('duties.register');
  const now = deps.clock.now();
  const today = chinaDate(now);
  if (!body.basis && !body.removeBy) throw invalidField('removeBy', '没有依据的牌子、工作群或 App 须写明清理期限');
  if (body.removeBy && body.removeBy < today) throw invalidField('removeBy', '清理期限不能早于今天');
  return withContext(deps.db, dbContext(actor), async (tx) => {
    const village = await findRegionForUpdate(tx, body.regionCode);
    if (!village || !inScope(actor, village.path)) throw outOfScope('regionCode', '村（社区）不存在或不在您的管理范围内');
    if (village.level !== 'village') throw invalidField('regionCode', '请选择村（社区）');
    const id = uuidv7();
    await insertBurdens(tx, [
      {
        id,
        kind: body.kind,
        name: body.name.trim(),
        region_code: village.code,
        path: village.path,
        required_by: body.requiredBy.trim(),
        basis: body.basis?.trim() || null,
        status: body.basis ? 'approved' : 'to_remove',
        remove_by: body.basis ? null : body.removeBy!,
        created_at: now,
        updated_at: now,
      },
    ]);
    const saved = present((await findBurden(tx, id))!, today);
    await appendAudit(tx, deps.clock, actor, { action: 'duties.register.create', targetType: 'burden_register', targetId: id, after: saved });
    return saved;
  });
}

/** Marks an entry for removal (with a date), approves it, or records it removed (on a date, today by default). */
export async function updateBurdenEntry(deps: Deps, actor: Actor, id: string, body: UpdateBurdenBody): Promise<BurdenEntry> {
  if (!KEEPERS.includes(actor.role)) throw forbidden('duties.register');
  const now = deps.clock.now();
  const today = chinaDate(now);
  return withContext(deps.db, dbContext(actor), async (tx) => {
    const before = await findBurden(tx, id);
    if (!before || !inScope(actor, before.path)) throw notFound('登记项', id);
    if (body.status === 'to_remove' && !body.removeBy) throw invalidField('removeBy', '请写明清理期限');
    if (body.status === 'removed' && body.removedOn && body.removedOn > today) throw invalidField('removedOn', '清理日期不能晚于今天');
    await updateBurden(tx, id, {
      status: body.status,
      remove_by: body.status === 'to_remove' ? body.removeBy! : before.remove_by,
      removed_on: body.status === 'removed' ? (body.removedOn ?? today) : null,
      note: body.note?.trim() || before.note,
      updated_at: now,
    });
    const saved = present((await findBurden(tx, id))!, today);
    await appendAudit(tx, deps.clock, actor, {
      action: 'duties.register.update',
      targetType: 'burden_register',
      targetId: id,
      before: present(before, today),
      after: saved,
    });
    return saved;
  });
}
