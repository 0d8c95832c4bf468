import { dbContext, type Actor } from '../../platform/actor.js';
import { appendAudit } from '../../platform/audit/service.js';
import { withContext, type Tx } from '../../platform/db/context.js';
import type { Deps } from '../../platform/deps.js';
import { buildListWorkbook, chinaDateTime, collectPages, pickFilters, queryString } from '../../platform/list-export.js';
import { maskPersonalNumbers } from '../../platform/mask.js';
import { chinaDate } from '../../platform/time.js';
import { findRegionForUpdate } from '../regions/index.js';
import { authorize } from './policy.js';
import type { Opinion, OpinionQuery } from './opinion-schema.js';
import { presentOpinion, regionInScope } from './opinion-service.js';
import { listOpinions, type OpinionRow } from './opinion-store.js';

// The opinions list (意见建议) as .xlsx: the same query as the page (its filters, its scope), read
// by keyset a thousand at a time up to the export cap, in the page's words. ID and phone numbers a
// resident wrote into an opinion or an answer are masked in the file; the export is audited.

/** As the page shows them (web/src/cocreation/opinions/messages.zh-CN.ts; opinion-export.test.ts checks). */
export const OPINION_STATUS_LABELS: Record<Opinion['status'], string> = {
  open: '待答复',
  adopted: '已采纳',
  merged: '已合并',
  answered: '已答复',
  declined: '不予采纳',
};
export const OPINION_SOURCE_LABELS: Record<Opinion['source'], string> = {
  resident: '居民提出',
  visit: '走访听到',
  meeting: '议事会提出',
  order: '建议类工单',
  cadre: '干部收到',
};

type OpinionExportQuery = Omit<OpinionQuery, 'after' | 'pageSize'>;

const time = (v: string | null) => (v ? chinaDateTime(v) : '');

async function regionWords(tx: Tx, code: string): Promise<string> {
  const r = await findRegionForUpdate(tx, code);
  return r ? `${r.name}（${r.code}）及下辖` : code;
}

/** The opinions list for these filters as .xlsx, within the actor's scope; the export is audited. */
export async function exportOpinions(deps: Deps, actor: Actor, query: OpinionExportQuery): Promise<{ name: string; file: Buffer }> {
  authorize(actor, 'cocreation.read');
  const q = pickFilters(query, ['regionCode', 'status', 'source', 'proposalId', 'overdue']);
  const now = deps.clock.now();
  const today = chinaDate(now);
  const { rows, capped, scope, filters } = await withContext(deps.db, dbContext(actor), async (tx) => {
    const scopePath = q.regionCode ? (await regionInScope(tx, actor, q.regionCode)).path : actor.scopePath;
    const got = await collectPages<Opinion, OpinionRow>(async (after, limit) => {
      const page = await listOpinions(tx, {
        ...q,
        scopePath,
        today,
        after: after ? { createdAt: after.created_at, id: after.id } : undefined,
        limit,
      });
      return { rows: page.map((r) => presentOpinion(r, today)), next: page.length === limit ? page.at(-1)! : null };
    });
    await appendAudit(tx, deps.clock, actor, {
      action: 'cocreation.opinion.export',
      targetType: 'region',
      targetId: q.regionCode ?? (actor.regionCode || undefined),
      details: { ...q, rows: got.rows.length, capped: got.capped },
    });
    const own = await regionWords(tx, actor.regionCode);
    const filters: [string, string][] = [];
    if (q.regionCode) filters.push(['村（社区）', await regionWords(tx, q.regionCode)]);
    filters.push(['状态', q.status ? OPINION_STATUS_LABELS[q.status] : '全部']);
    if (q.source) filters.push(['来源', OPINION_SOURCE_LABELS[q.source]]);
    if (q.proposalId) filters.push(['议题', got.rows[0]?.proposalTitle ?? q.proposalId]);
    if (q.overdue) filters.push(['只看逾期', '是']);
    return { ...got, scope: q.regionCode ? `${own}；本次限定：${await regionWords(tx, q.regionCode)}` : own, filters };
  });
  const file = await buildListWorkbook({
    title: '意见建议',
    columns: ['村（社区）', '内容', '提出人', '来源', '状态', '逾期', '答复期限', '答复', '答复时间', '纳入议题', '纳入项目', '议事会议', '工单号', '提出时间'],
    widths: [16, 50, 12, 12, 10, 6, 12, 40, 18, 24, 24, 24, 24, 18],
    rows: rows.map((o) => [
      o.regionName,
      maskPersonalNumbers(o.content) ?? '',
      o.authorName,
      OPINION_SOURCE_LABELS[o.source] ?? o.source,
      OPINION_STATUS_LABELS[o.status] ?? o.status,
      o.overdue ? '是' : '',
      o.dueOn,
      maskPersonalNumbers(o.answer) ?? '',
      time(o.answeredAt),
      o.proposalTitle ?? '',
      o.projectTitle ?? '',
      o.meetingTitle ?? '',
      o.orderNumber ?? '',
      time(o.createdAt),
    ]),
    capped,
    filters,
    scope,
    selects:
      '共同缔造意见建议中在上述范围内、符合全部筛选条件的意见建议（与“意见建议”列表页同一查询），按提出时间从新到旧排列，按键集分页逐页读取。' +
      '“逾期”指待答复且已过答复期限（提出后 5 个工作日）；期限和逾期按导出当天（北京时间）计。',
    query: `GET /api/v1/cocreation/opinions?${queryString(q)}`,
    now,
    notes: [['个人信息', '提出人只列姓名（与页面相同）；内容和答复中的身份证号、手机号已遮蔽。本次导出已记入审计日志。']],
  });
  return { name: `意见建议_${today}.xlsx`, file };
}
