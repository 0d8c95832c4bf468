import { dbContext, type Actor } from '../../platform/actor.js';
import { appendAudit } from '../../platform/audit/service.js';
import { withContext, type Tx } from '../../platform/db/context.js';
import type { Deps } from '../../platform/deps.js';
import { buildListWorkbook, chinaDateTime, collectPages, pickFilters, queryString } from '../../platform/list-export.js';
import { LEVEL_NAMES } from './levels.js';
import { authorizeCaseRead } from './policy.js';
import { disputeTypeName, presentCase } from './presenter.js';
import { caseFilterOf } from './query-service.js';
import { MEDIATION_METHODS, OUTCOME_NAMES, REFERRAL_NAMES, STATUS_NAMES, type CaseQuery, type DisputeCase } from './schema.js';
import { caseRows, findMediator, regionRow } from './store.js';

// The case board (案件看板) as .xlsx: the same query as the page (its filters, its scope), read by
// keyset a thousand cases at a time up to the export cap, in the page's words. Parties appear by
// name as on the page; no ID or phone number leaves in the file, and the export is audited.

/** As the page shows them (web/src/disputes/messages.zh-CN.ts; list-export.test.ts checks they agree). */
export const RISK_LABELS: Record<DisputeCase['riskLevel'], string> = { low: '低风险', medium: '中风险', high: '高风险' };
export const SOURCE_LABELS: Record<DisputeCase['source'], string> = { work_order: '工单转入', window: '窗口登记', grid: '网格员登记' };
const METHOD_NAMES = new Map<string, string>(MEDIATION_METHODS.map((m) => [m.code, m.name]));

type CaseExportQuery = Omit<CaseQuery, 'page' | 'pageSize'>;

const time = (v: string | null) => (v ? chinaDateTime(v) : '');

async function regionWords(tx: Tx, code: string): Promise<string> {
  const r = await regionRow(tx, code);
  return r ? `${r.name}（${r.code}）及下辖` : code;
}

async function scopeWords(tx: Tx, actor: Actor, regionCode: string | undefined): Promise<string> {
  const own = actor.role === 'department_staff' ? '本部门参与联合调解的案件' : await regionWords(tx, actor.regionCode);
  return regionCode ? `${own}；本次限定：${await regionWords(tx, regionCode)}` : own;
}

async function filterWords(tx: Tx, q: CaseExportQuery): Promise<[string, string][]> {
  const out: [string, string][] = [];
  if (q.level) out.push(['层级', LEVEL_NAMES[q.level]]);
  out.push(['状态', q.status === undefined ? '全部' : q.status === 'active' ? '未结案' : STATUS_NAMES[q.status]]);
  if (q.risk) out.push(['风险', RISK_LABELS[q.risk]]);
  if (q.type) out.push(['纠纷类别', disputeTypeName(q.type)]);
  if (q.regionCode) out.push(['区划', await regionWords(tx, q.regionCode)]);
  if (q.mediatorId) out.push(['调解员', (await findMediator(tx, q.mediatorId))?.name ?? q.mediatorId]);
  if (q.overdue) out.push(['已超期', '是']);
  if (q.q?.trim()) out.push(['搜索', q.q.trim()]);
  if (q.from || q.to) out.push(['登记日期', `${q.from ?? '不限'} 至 ${q.to ?? '不限'}（含首尾两日）`]);
  return out;
}

const COLUMNS = [
  '案件编号',
  '标题',
  '纠纷类别',
  '当事人',
  '来源',
  '层级',
  '承办单位',
  '风险',
  '状态',
  '本级期限',
  '超期',
  '调解员',
  '调解方式',
  '乡镇（街道）',
  '村（社区）',
  '上报次数',
  '结果',
  '引导途径',
  '结案层级',
  '结案时间',
  '登记时间',
  '数据性质',
];

function row(c: DisputeCase): (string | number | null)[] {
  return [
    c.number,
    c.title,
    c.disputeTypeName,
    c.partyNames.join('、'),
    SOURCE_LABELS[c.source] ?? c.source,
    LEVEL_NAMES[c.level] ?? c.level,
    c.unitName ?? '',
    RISK_LABELS[c.riskLevel] ?? c.riskLevel,
    STATUS_NAMES[c.status] ?? c.status,
    c.status === 'closed' ? '' : time(c.levelDue),
    c.overdue ? '是' : '',
    c.mediatorName ?? '',
    c.methods.map((m) => METHOD_NAMES.get(m) ?? m).join('、'),
    c.townshipName ?? '',
    c.villageName ?? '',
    c.escalations,
    c.outcome ? OUTCOME_NAMES[c.outcome] : '',
    c.referral ? REFERRAL_NAMES[c.referral] : '',
    c.closedLevel ? LEVEL_NAMES[c.closedLevel] : '',
    time(c.closedAt),
    time(c.createdAt),
    c.synthetic ? '演示数据' : '',
  ];
}

/** The case list for these filters as .xlsx, within the actor's scope; the export is audited. */
export async function exportCases(deps: Deps, actor: Actor, query: CaseExportQuery): Promise<{ name: string; file: Buffer }> {
  authorizeCaseRead(actor);
  const q = pickFilters(query, ['level', 'status', 'risk', 'type', 'regionCode', 'mediatorId', 'overdue', 'q', 'from', 'to']);
  const now = deps.clock.now();
  const { rows, capped, scope, filters } = await withContext(deps.db, dbContext(actor), async (tx) => {
    const f = await caseFilterOf(tx, deps, actor, q);
    const got = await collectPages<DisputeCase, string>(async (after, limit) => {
      const page = await caseRows(tx, f, { limit, after: after ?? undefined });
      return { rows: page.map((r) => presentCase(r, now)), next: page.length === limit ? page.at(-1)!.id : null };
    });
    await appendAudit(tx, deps.clock, actor, {
      action: 'dispute_case.export',
      targetType: 'region',
      targetId: q.regionCode ?? (actor.regionCode || undefined),
      details: { ...q, rows: got.rows.length, capped: got.capped },
    });
    return { ...got, scope: await scopeWords(tx, actor, q.regionCode), filters: await filterWords(tx, q) };
  });
  const file = await buildListWorkbook({
    title: '调解案件',
    columns: COLUMNS,
    widths: [26, 30, 16, 24, 12, 12, 20, 10, 12, 18, 6, 10, 24, 14, 14, 8, 18, 10, 12, 18, 18, 10],
    rows: rows.map(row),
    capped,
    filters,
    scope,
    selects:
      '矛盾纠纷调解案件中在上述范围内、符合全部筛选条件的案件（与“案件看板”同一查询，部门人员为本部门参与联合调解的案件），按登记时间从新到旧排列，按键集分页逐页读取。' +
      '“未结案”指调解中或调解未成；“已超期”指调解中或调解未成且已过本级期限；搜索按案件编号、标题、案情匹配；登记日期按北京时间。',
    query: `GET /api/v1/disputes/cases?${queryString(q)}`,
    now,
    notes: [['个人信息', '当事人只列姓名（与页面相同），不导出身份证号、电话；调解员电话不导出。本次导出已记入审计日志。']],
  });
  return { name: `调解案件_${chinaDateTime(now).slice(0, 10)}.xlsx`, file };
}
