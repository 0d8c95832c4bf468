import { dbContext, type Actor } from '../../platform/actor.js';
import { appendAudit } from '../../platform/audit/service.js';
import { withContext, type Tx } from '../../platform/db/context.js';
import type { Deps } from '../../platform/deps.js';
import { buildListWorkbook, chinaDateTime, collectPages, pickFilters, queryString } from '../../platform/list-export.js';
import { findRegionForUpdate } from '../regions/index.js';
import { listWhistleCalls, type CallFilter } from './detail-store.js';
import { authorize } from './policy.js';
import { presentOrder, presentWhistleCall } from './presenter.js';
import { orderFilterOf } from './query-service.js';
import type { WorkOrder, WorkOrderQuery } from './schema.js';
import { departmentRow, listOrders } from './store.js';
import { CATEGORIES, subcategory } from './taxonomy/index.js';

// The work-order list and the whistle board as .xlsx: the same query as the page (same filters,
// same scope, read by keyset a thousand rows at a time up to the export cap), in the page's words.
// No requester's name or phone leaves in a file; numbers in free text are masked as on the page.

/** As the page shows them (web/src/requests/messages.zh-CN.ts; list-export.test.ts checks they agree). */
export const ORDER_STATUS_LABELS: Record<WorkOrder['status'], string> = {
  triage: '待分拨',
  accepted: '已受理',
  dispatched: '已派单',
  signed: '已签收',
  in_progress: '办理中',
  resolved: '已办结',
  followed_up: '已回访',
  closed: '已结案',
  merged: '已合并',
};
export const CHANNEL_LABELS: Record<WorkOrder['channel'], string> = {
  hotline: '12345热线',
  web: '网站',
  app: '移动端',
  wechat: '微信',
  patrol: '网格巡查',
  open311: 'Open311',
  import: '批量导入',
  supervision: '督查交办',
};
export const REQUEST_TYPE_LABELS: Record<WorkOrder['requestType'], string> = {
  consult: '咨询',
  help: '求助',
  complaint: '投诉',
  report: '举报',
  suggestion: '建议',
  praise: '表扬',
};
export const LEVEL_LABELS: Record<NonNullable<WorkOrder['level']>, string> = { grid: '网格', village: '村（社区）', township: '乡镇（街道）', county: '县级' };
const closedLevelLabel = (l: string | null) => (l === null ? '' : l === 'intake' ? '受理即办结' : (LEVEL_LABELS[l as keyof typeof LEVEL_LABELS] ?? l));

const yes = (b: boolean) => (b ? '是' : '');
const time = (v: string | null) => (v ? chinaDateTime(v) : '');

/** "上黄村（522631102200）及下辖"; a department's staff see their department's orders wherever they are. */
async function scopeWords(tx: Tx, actor: Actor, regionCode: string | undefined, what: string): Promise<string> {
  const own =
    actor.role === 'department_staff'
      ? `本部门（${(actor.departmentId && (await departmentRow(tx, actor.departmentId))?.name) || '—'}）${what}`
      : await regionWords(tx, actor.regionCode);
  if (!regionCode) return own;
  return `${own}；本次限定：${await regionWords(tx, regionCode)}`;
}

async function regionWords(tx: Tx, code: string): Promise<string> {
  const r = await findRegionForUpdate(tx, code);
  return r ? `${r.name}（${r.code}）及下辖` : code;
}

function categoryWords(code: string): string {
  return subcategory(code)?.name ?? CATEGORIES.find((c) => c.code === code)?.name ?? code;
}

type OrderExportQuery = Omit<WorkOrderQuery, 'page' | 'pageSize' | 'after'>;

async function orderFilterWords(tx: Tx, q: OrderExportQuery): Promise<[string, string][]> {
  const out: [string, string][] = [];
  out.push(['状态', q.status === undefined ? '全部' : q.status === 'open' ? '未结案' : ORDER_STATUS_LABELS[q.status]]);
  if (q.regionCode) out.push(['区划', await regionWords(tx, q.regionCode)]);
  if (q.categoryCode) out.push(['诉求分类', categoryWords(q.categoryCode)]);
  if (q.channel) out.push(['渠道', CHANNEL_LABELS[q.channel]]);
  if (q.from || q.to) out.push(['受理日期', `${q.from ?? '不限'} 至 ${q.to ?? '不限'}（含首尾两日）`]);
  if (q.q?.trim()) out.push(['搜索', q.q.trim()]);
  if (q.mine) out.push(['本单位承办', '是']);
  if (q.overdue) out.push(['已超时', '是']);
  if (q.supervised !== undefined) out.push(['督办件', q.supervised ? '是' : '否']);
  return out;
}

const ORDER_COLUMNS = [
  '工单号',
  '标题',
  '诉求内容',
  '诉求类型',
  '诉求分类',
  '渠道',
  '乡镇（街道）',
  '村（社区）',
  '网格',
  '地址',
  '状态',
  '承办层级',
  '承办单位',
  '签收时限',
  '办结时限',
  '超时',
  '督办',
  '退单待审',
  '重办次数',
  '受理时间',
  '办结时间',
  '结案时间',
  '办结层级',
  '办理结果',
  '数据性质',
];

function orderRow(o: WorkOrder): (string | number | null)[] {
  return [
    o.number,
    o.title,
    o.description,
    REQUEST_TYPE_LABELS[o.requestType] ?? o.requestType,
    o.categoryName ?? '',
    CHANNEL_LABELS[o.channel] ?? o.channel,
    o.townshipName ?? '',
    o.villageName ?? '',
    o.gridCode ?? '',
    o.address ?? '',
    ORDER_STATUS_LABELS[o.status] ?? o.status,
    o.level ? (LEVEL_LABELS[o.level] ?? o.level) : '',
    o.unitName ?? '',
    time(o.signForDue),
    time(o.resolveDue),
    yes(o.overdue),
    yes(o.supervised),
    yes(o.returnPending),
    o.reopenCount,
    time(o.createdAt),
    time(o.resolvedAt),
    time(o.closedAt),
    closedLevelLabel(o.closedLevel),
    o.resolution ?? '',
    o.synthetic ? '演示数据' : '',
  ];
}

/** The work-order list for these filters as .xlsx, within the actor's scope; the export is audited. */
export async function exportWorkOrders(deps: Deps, actor: Actor, query: OrderExportQuery): Promise<{ name: string; file: Buffer }> {
  authorize(actor, 'requests.read');
  const q = pickFilters(query, ['status', 'regionCode', 'categoryCode', 'channel', 'mine', 'overdue', 'supervised', 'q', 'from', 'to']);
  const now = deps.clock.now();
  const { rows, capped, scope, filters } = await withContext(deps.db, dbContext(actor), async (tx) => {
    const f = await orderFilterOf(tx, deps, actor, q);
    const got = await collectPages<WorkOrder, string>(async (after, limit) => {
      const page = await listOrders(tx, f, { limit, offset: 0, after: after ?? undefined });
      return { rows: page.rows.map((r) => presentOrder(r, deps.config, now)), next: page.next };
    });
    await appendAudit(tx, deps.clock, actor, {
      action: 'work_order.export',
      targetType: 'region',
      targetId: q.regionCode ?? (actor.regionCode || undefined),
      details: { ...q, rows: got.rows.length, capped: got.capped },
    });
    return { ...got, scope: await scopeWords(tx, actor, q.regionCode, '承办的工单'), filters: await orderFilterWords(tx, q) };
  });
  const file = await buildListWorkbook({
    title: '工单列表',
    columns: ORDER_COLUMNS,
    widths: [24, 30, 50, 10, 18, 12, 14, 14, 18, 28, 10, 12, 20, 18, 18, 6, 6, 8, 8, 18, 18, 18, 12, 40, 10],
    rows: rows.map(orderRow),
    capped,
    filters,
    scope,
    selects:
      '工单表中在上述范围内、符合全部筛选条件的工单（与“工单”列表页同一查询），按受理时间从新到旧排列，按键集分页逐页读取。' +
      '“未结案”指状态不是已回访、已结案、已合并；“已超时”指在办（已派单、已签收、办理中）且已过办结时限；搜索按工单号、内容、地址中的词匹配；受理日期按北京时间。',
    query: `GET /api/v1/work-orders?${queryString(q)}`,
    now,
    notes: [['个人信息', '不导出诉求人姓名和电话；标题、内容、地址、办理结果中的身份证号、手机号已遮蔽（与页面相同）。本次导出已记入审计日志。']],
  });
  return { name: `工单列表_${chinaDateTime(now).slice(0, 10)}.xlsx`, file };
}

const CALL_COLUMNS = ['工单号', '工单标题', '被召部门', '事由', '吹哨时间', '报到时限', '报到时间', '报到说明', '迟到', '本部门完成时间', '完成情况', '状态'];

/** The whistle board (all calls, or those not yet done) as .xlsx, within the actor's scope; audited. */
export async function exportWhistles(deps: Deps, actor: Actor, openOnly: boolean): Promise<{ name: string; file: Buffer }> {
  authorize(actor, 'requests.read');
  const now = deps.clock.now();
  const { rows, capped, scope } = await withContext(deps.db, dbContext(actor), async (tx) => {
    const filter: CallFilter =
      actor.role === 'department_staff' ? { departmentId: actor.departmentId!, open: openOnly } : { scopePath: actor.scopePath, open: openOnly };
    const got = await collectPages<ReturnType<typeof presentWhistleCall>, string>(async (after, limit) => {
      const page = await listWhistleCalls(tx, filter, limit, after ?? undefined);
      return { rows: page.map((r) => presentWhistleCall(r, now)), next: page.length === limit ? page.at(-1)!.id : null };
    });
    await appendAudit(tx, deps.clock, actor, {
      action: 'whistle.export',
      targetType: 'region',
      targetId: actor.regionCode || undefined,
      details: { open: openOnly, rows: got.rows.length, capped: got.capped },
    });
    return { ...got, scope: await scopeWords(tx, actor, undefined, '被召集的吹哨') };
  });
  const file = await buildListWorkbook({
    title: '吹哨报到',
    columns: CALL_COLUMNS,
    widths: [24, 30, 18, 40, 18, 18, 18, 40, 6, 18, 40, 10],
    rows: rows.map((c) => [
      c.orderNumber,
      c.orderTitle,
      c.unitName,
      c.reason,
      time(c.calledAt),
      time(c.reportDue),
      time(c.reportedAt),
      c.reportNote ?? '',
      yes(c.late),
      time(c.partDoneAt),
      c.partNote ?? '',
      c.partDoneAt ? '已完成' : c.reportedAt ? '已报到' : '未报到',
    ]),
    capped,
    filters: [['显示', openOnly ? '未完成' : '全部']],
    scope,
    selects:
      '吹哨召集记录（每个被召部门一行）中在上述范围内的记录（与“吹哨报到”看板同一查询），按报到时限从早到晚排列，按键集分页逐页读取。' +
      '“未完成”指被召部门尚未记录完成本部门部分；“迟到”指报到晚于报到时限，或未报到且已过时限。看板只显示最早到期的 200 条，导出包含全部（至导出上限）。',
    query: `GET /api/v1/whistles?${queryString({ open: openOnly })}`,
    now,
    notes: [['个人信息', '事由、说明中的身份证号、手机号已遮蔽（与页面相同）。本次导出已记入审计日志。']],
  });
  return { name: `吹哨报到_${chinaDateTime(now).slice(0, 10)}.xlsx`, file };
}
