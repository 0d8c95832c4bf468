import { dbContext, type Actor } from '../../platform/actor.js';
import { appendAudit } from '../../platform/audit/service.js';
import { withContext, type Tx } from '../../platform/db/context.js';
import type { Deps } from '../../platform/deps.js';
import { buildListWorkbook, chinaDateTime, collectPages, pickFilters, queryString } from '../../platform/list-export.js';
import { authorize } from './policy.js';
import { disputeTypeName } from './presenter.js';
import { mediatorFilterOf } from './roster-service.js';
import { MEDIATOR_KIND_NAMES, type MediatorQuery } from './schema.js';
import { mediatorPage, regionRow, type MediatorKey, type MediatorRow } from './store.js';

// The mediators' roster (调解员名册) as .xlsx: the same query as the page (its filters, its scope:
// a place's own subtree and the committees above it), read by keyset a thousand rows at a time up
// to the export cap, in the page's words. No phone number leaves in the file (not even masked);
// the export is audited.

/** The page's tag on a deactivated mediator (web/src/disputes/messages.zh-CN.ts mediators.inactive; the test checks). */
export const INACTIVE_LABEL = '已停用';

async function regionWords(tx: Tx, code: string): Promise<string> {
  const r = await regionRow(tx, code);
  return r ? `${r.name}（${r.code}）` : code;
}

/** The actor's reach in words; the list adds the committees above the place to its subtree. */
async function scopeWords(tx: Tx, actor: Actor, regionCode: string | undefined): Promise<string> {
  const reach = (place: string) => `${place}及下辖的调解员，连同其上级调解委员会的调解员`;
  const own = actor.scopePath && actor.regionCode ? reach(await regionWords(tx, actor.regionCode)) : '全部调解员';
  return regionCode ? `${own}；本次限定：${reach(await regionWords(tx, regionCode))}` : own;
}

async function filterWords(tx: Tx, q: MediatorQuery): Promise<[string, string][]> {
  const out: [string, string][] = [];
  if (q.regionCode) out.push(['区域', await regionWords(tx, q.regionCode)]);
  if (q.type) out.push(['擅长纠纷类型', disputeTypeName(q.type)]);
  if (q.includeInactive) out.push(['含已停用', '是']);
  return out;
}

function row(m: MediatorRow): (string | number)[] {
  return [
    m.name,
    MEDIATOR_KIND_NAMES[m.kind as keyof typeof MEDIATOR_KIND_NAMES] ?? m.kind,
    m.organization,
    m.region_name ?? m.region_code,
    m.specialties.map(disputeTypeName).join('、'),
    Number(m.workload),
    m.active ? '' : INACTIVE_LABEL,
    m.synthetic ? '演示数据' : '',
  ];
}

/** The roster for these filters as .xlsx, within the actor's reach (as the page lists it); audited. */
export async function exportMediators(deps: Deps, actor: Actor, query: MediatorQuery): Promise<{ name: string; file: Buffer }> {
  authorize(actor, 'disputes.read');
  const q = pickFilters(query, ['regionCode', 'type', 'includeInactive']);
  const now = deps.clock.now();
  const { rows, capped, scope, filters } = await withContext(deps.db, dbContext(actor), async (tx) => {
    const f = await mediatorFilterOf(tx, actor, q);
    const got = await collectPages<MediatorRow, MediatorKey>(async (after, limit) => {
      const page = await mediatorPage(tx, f, { after, limit });
      const last = page.at(-1);
      return { rows: page, next: page.length === limit && last ? { path: last.path, name: last.name, id: last.id } : null };
    });
    await appendAudit(tx, deps.clock, actor, {
      action: 'mediator.export',
      targetType: 'region',
      targetId: q.regionCode ?? (actor.regionCode || undefined),
      details: { ...q, rows: got.rows.length, capped: got.capped },
    });
    return { ...got, scope: await scopeWords(tx, actor, q.regionCode), filters: await filterWords(tx, q) };
  });
  const file = await buildListWorkbook({
    title: '调解员名册',
    columns: ['姓名', '类别', '所在调委会', '所在区域', '擅长纠纷类型', '在办案件', '状态', '数据性质'],
    widths: [12, 8, 30, 16, 40, 10, 10, 10],
    rows: rows.map(row),
    capped,
    filters,
    scope,
    selects:
      '所在区域在上述范围内（含其上级乡镇、县的调解委员会）、符合全部筛选条件的调解员（与“调解员名册”同一查询；不勾选“含已停用”时只含在用的调解员），' +
      '按区划树自上而下排列（上级调解委员会在前，下级随后），同一区域按姓名排列，按键集分页逐页读取。“在办案件”为指派给该调解员、尚未结案（调解中、调解未成、已达成协议）的案件数。',
    query: `GET /api/v1/disputes/mediators?${queryString(q)}`,
    now,
    notes: [['个人信息', '调解员只列姓名（与页面相同），不导出电话（部分号码也不导出）。本次导出已记入审计日志。']],
  });
  return { name: `调解员名册_${chinaDateTime(now).slice(0, 10)}.xlsx`, file };
}
