import { uuidv7 } from 'uuidv7';
import { dbContext, type Actor } from '../../platform/actor.js';
import { appendAudit } from '../../platform/audit/service.js';
import { withContext, type Tx } from '../../platform/db/context.js';
import type { Deps } from '../../platform/deps.js';
import { AppError, duplicateAs, invalidField, notFound, outOfScope } from '../../platform/errors.js';
import { chinaDate } from '../../platform/time.js';
import { findRegionForUpdate } from '../regions/index.js';
import { authorize, inScope } from './policy.js';
import { presentDutyItem } from './presenter.js';
import type { CreateDutyItemBody, DecideBody, DutyItem, DutyItemQuery, RetireBody } from './schema.js';
import { DUTY_LIST_NAMES } from './schema.js';
import { buildWorkbook } from './spreadsheet.js';
import { findDepartment, findDutyItem, insertDutyItems, listDutyItems, updateDutyItem } from './store.js';

// 权责清单: the county's lists are the template every township and village inherits; a township or
// village proposes its own items, which the county approves. Items are retired, never deleted.

const TOWNSHIP_LISTS = ['township_basic', 'township_assist', 'township_returned', 'township_power', 'township_service', 'township_territorial'];
const VILLAGE_LISTS = ['village_main', 'village_assist', 'village_forbidden', 'small_power'];

/** A region in scope for a list, by its code; the actor's own by default. */
async function regionFor(tx: Tx, actor: Actor, code: string | undefined, field = 'regionCode') {
  const region = await findRegionForUpdate(tx, code ?? actor.regionCode);
  if (!region || (!inScope(actor, region.path) && !(actor.scopePath && actor.scopePath.startsWith(`${region.path}.`)))) {
    throw outOfScope(field, '区划不存在或不在您的管理范围内');
  }
  return region;
}

/** The lists in force for a region (the county's template with its adjustments), or the proposals waiting for the county. */
export async function searchDutyItems(deps: Deps, actor: Actor, q: DutyItemQuery): Promise<DutyItem[]> {
  authorize(actor, 'duties.read');
  return withContext(deps.db, dbContext(actor), async (tx) => {
    const region = await regionFor(tx, actor, q.regionCode);
    const rows = await listDutyItems(tx, { path: region.path, list: q.list, pending: q.pending });
    return rows.map((r) => presentDutyItem(r, region.path));
  });
}

/** Adds an item: in force at once on the county's template; a township's or village's own is a proposal. */
export async function createDutyItem(deps: Deps, actor: Actor, body: CreateDutyItemBody): Promise<DutyItem> {
  const county = actor.role === 'county_staff' || actor.role === 'system';
  authorize(actor, county ? 'duties.manage' : 'duties.propose');
  return withContext(deps.db, dbContext(actor), async (tx) => {
    const region = await findRegionForUpdate(tx, body.regionCode);
    if (!region || !inScope(actor, region.path)) throw outOfScope('regionCode', '区划不存在或不在您的管理范围内');
    if (!['county', 'township', 'village'].includes(region.level)) throw invalidField('regionCode', '清单属于县、乡镇（街道）或村（社区）');
    const wrongList = listRefusal(region.level, body.list, county);
    if (wrongList) throw invalidField('list', wrongList);
    if (body.departmentId && !(await findDepartment(tx, body.departmentId))) {
      throw invalidField('departmentId', '部门不存在');
    }
    return addDutyItemInTx(tx, deps, actor, region, body);
  });
}

/** Why a unit at `level` may not add to `list` (null when it may). */
export function listRefusal(level: string, list: string, county: boolean): string | null {
  if (level === 'village' && TOWNSHIP_LISTS.includes(list)) return '村（社区）不能调整乡镇清单';
  if (level === 'township' && VILLAGE_LISTS.includes(list) && !county) return '村级清单由县级统一制定，或由村（社区）申请调整';
  return null;
}

/**
 * Adds a checked item inside an open transaction: in force when the county adds it, a proposal
 * otherwise; audited.
 */
export async function addDutyItemInTx(tx: Tx, deps: Deps, actor: Actor, region: { code: string; path: string }, body: CreateDutyItemBody): Promise<DutyItem> {
  const county = actor.role === 'county_staff' || actor.role === 'system';
  const now = deps.clock.now();
  const status = county ? 'active' : 'proposed';
  const id = uuidv7();
  await insertDutyItems(tx, [
    {
      id,
      list: body.list,
      region_code: region.code,
      path: region.path,
      code: body.code.trim(),
      name: body.name.trim(),
      basis: body.basis?.trim() || null,
      department_id: body.departmentId ?? null,
      procedure: body.procedure ?? [],
      status,
      effective_from: body.effectiveFrom ?? chinaDate(now),
      proposed_by: actor.userId,
      approved_by: county ? actor.userId : null,
      created_at: now,
      updated_at: now,
    },
  ]).catch((err: unknown) => {
    throw duplicateAs(err, 'code', `${DUTY_LIST_NAMES[body.list]}中已有编号 ${body.code}`);
  });
  const saved = presentDutyItem((await findDutyItem(tx, id))!, region.path);
  await appendAudit(tx, deps.clock, actor, {
    action: county ? 'duties.item.create' : 'duties.item.propose',
    targetType: 'duty_item',
    targetId: id,
    after: saved,
  });
  return saved;
}

/** The county approves or rejects a proposed adjustment. */
export async function decideDutyItem(deps: Deps, actor: Actor, id: string, body: DecideBody): Promise<DutyItem> {
  authorize(actor, 'duties.manage');
  const now = deps.clock.now();
  return withContext(deps.db, dbContext(actor), async (tx) => {
    const item = await findDutyItem(tx, id);
    if (!item || !inScope(actor, item.path)) throw notFound('清单事项', id);
    if (item.status !== 'proposed') throw new AppError('CONFLICT', '该事项不是待审批的调整申请', { field: 'status' });
    await updateDutyItem(tx, id, { status: body.approve ? 'active' : 'rejected', approved_by: actor.userId, decision_note: body.note, updated_at: now });
    const saved = presentDutyItem((await findDutyItem(tx, id))!, item.path);
    await appendAudit(tx, deps.clock, actor, {
      action: 'duties.item.decide',
      targetType: 'duty_item',
      targetId: id,
      before: { status: item.status },
      after: saved,
    });
    return saved;
  });
}

/** Retires an item in force from a date on; it stays on record. */
export async function retireDutyItem(deps: Deps, actor: Actor, id: string, body: RetireBody): Promise<DutyItem> {
  authorize(actor, 'duties.manage');
  const now = deps.clock.now();
  return withContext(deps.db, dbContext(actor), async (tx) => {
    const item = await findDutyItem(tx, id);
    if (!item || !inScope(actor, item.path)) throw notFound('清单事项', id);
    if (item.status !== 'active') throw new AppError('CONFLICT', '只能停用在用的事项', { field: 'status' });
    if (body.effectiveTo < item.effective_from) throw invalidField('effectiveTo', '不能早于生效日期');
    await updateDutyItem(tx, id, { status: 'retired', effective_to: body.effectiveTo, decision_note: body.note, updated_at: now });
    const saved = presentDutyItem((await findDutyItem(tx, id))!, item.path);
    await appendAudit(tx, deps.clock, actor, {
      action: 'duties.item.retire',
      targetType: 'duty_item',
      targetId: id,
      before: { status: item.status },
      after: saved,
    });
    return saved;
  });
}

/** The lists in force for a region as a spreadsheet: one sheet per list. The export is audited. */
export async function exportDutyItems(deps: Deps, actor: Actor, q: DutyItemQuery): Promise<Buffer> {
  const items = await searchDutyItems(deps, actor, q);
  await withContext(deps.db, dbContext(actor), (tx) =>
    appendAudit(tx, deps.clock, actor, {
      action: 'duties.items.export',
      details: { regionCode: q.regionCode ?? actor.regionCode, list: q.list ?? null, rows: items.length },
    }),
  );
  const lists = [...new Set(items.map((i) => i.list))];
  return buildWorkbook(
    lists.map((list) => ({
      name: DUTY_LIST_NAMES[list],
      columns: ['编号', '事项名称', '依据', '牵头或提请部门', '办理流程', '制定单位', '状态', '生效日期', '停止日期'],
      rows: items
        .filter((i) => i.list === list)
        .map((i) => [
          i.code,
          i.name,
          i.basis ?? '',
          i.departmentName ?? '',
          i.procedure.join(' → '),
          i.regionName,
          i.status === 'active' ? '在用' : '已停用',
          i.effectiveFrom,
          i.effectiveTo ?? '',
        ]),
    })),
  );
}
