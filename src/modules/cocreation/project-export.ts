import { dbContext, type Actor } from '../../platform/actor.js';
import { appendAudit } from '../../platform/audit/service.js';
import { withContext } from '../../platform/db/context.js';
import type { Deps } from '../../platform/deps.js';
import { buildListWorkbook, chinaDateTime, collectPages, pickFilters, queryString } from '../../platform/list-export.js';
import { authorize } from './policy.js';
import type { ProjectListItem, ProjectQuery } from './project-schema.js';
import { listItem, projectRegion } from './project-service.js';
import { projectPage, projectTotals, type ProjectRow } from './project-store.js';

// The projects list (发展共建) as .xlsx: the same query as the page (its status filter, its scope),
// read by keyset a thousand at a time up to the export cap, in the page's words, with the ledger
// summed per project as on the page. No household or person appears in it; the export is audited.

/** As the page shows them (web/src/cocreation/projects/messages.zh-CN.ts; project-export.test.ts checks). */
export const PROJECT_STATUS_LABELS: Record<ProjectListItem['status'], string> = {
  planned: '计划中',
  building: '在建',
  completed: '已竣工',
  cancelled: '已取消',
};

type Row = ProjectListItem & { createdAt: Date; synthetic: boolean };

const words = (r: { code: string; name: string }) => `${r.name}（${r.code}）及下辖`;

/** The projects list for these filters as .xlsx, within the actor's scope; the export is audited. */
export async function exportProjects(deps: Deps, actor: Actor, query: ProjectQuery): Promise<{ name: string; file: Buffer }> {
  authorize(actor, 'cocreation.read');
  const q = pickFilters(query, ['regionCode', 'status']);
  const now = deps.clock.now();
  const { rows, capped, scope, filters } = await withContext(deps.db, dbContext(actor), async (tx) => {
    const region = await projectRegion(tx, actor, q.regionCode);
    const got = await collectPages<Row, ProjectRow>(async (after, limit) => {
      const page = await projectPage(tx, { path: region.path, status: q.status }, { after: after && { createdAt: after.created_at, id: after.id }, limit });
      const totals = await projectTotals(
        tx,
        page.map((p) => p.id),
      );
      return {
        rows: page.map((p) => ({ ...listItem(p, totals), createdAt: p.created_at, synthetic: p.synthetic })),
        next: page.length === limit ? page.at(-1)! : null,
      };
    });
    await appendAudit(tx, deps.clock, actor, {
      action: 'cocreation.project.export',
      targetType: 'region',
      targetId: region.code,
      details: { ...q, rows: got.rows.length, capped: got.capped },
    });
    const own = words(await projectRegion(tx, actor, undefined));
    const filters: [string, string][] = [];
    if (q.regionCode) filters.push(['区划', words(region)]);
    filters.push(['状态', q.status ? PROJECT_STATUS_LABELS[q.status] : '全部']);
    return { ...got, scope: q.regionCode ? `${own}；本次限定：${words(region)}` : own, filters };
  });
  const file = await buildListWorkbook({
    title: '共建项目',
    columns: [
      '项目',
      '村（社区）',
      '状态',
      '进度（%）',
      '开工日期',
      '竣工日期',
      '预算（元）',
      '群众筹资（元）',
      '投工（工日）',
      '投工折价（元）',
      '让地（平方米）',
      '让地折价（元）',
      '捐料折价（元）',
      '折价节省（元）',
      '参与户数',
      '立项时间',
      '数据性质',
    ],
    widths: [30, 16, 10, 10, 12, 12, 14, 14, 12, 14, 14, 14, 14, 14, 10, 18, 10],
    rows: rows.map((p) => [
      p.title,
      p.villageName,
      PROJECT_STATUS_LABELS[p.status] ?? p.status,
      p.progress,
      p.startedOn ?? '',
      p.completedOn ?? '',
      p.totals.budget,
      p.totals.money,
      p.totals.labourDays,
      p.totals.labourValue,
      p.totals.landArea,
      p.totals.landValue,
      p.totals.materialsValue,
      p.totals.valueSaved,
      p.totals.households,
      chinaDateTime(p.createdAt),
      p.synthetic ? '演示数据' : '',
    ]),
    capped,
    filters,
    scope,
    selects:
      '共同缔造共建项目中在上述范围内、符合筛选条件的项目（与“发展共建”项目列表同一查询），按立项时间从新到旧排列，按键集分页逐页读取。' +
      '金额和工日为各项目投入台账的合计（已作废的登记不计）；折价节省 = 投工折价 + 让地折价 + 捐料折价；预算为各资金来源预算之和。',
    query: `GET /api/v1/cocreation/projects?${queryString(q)}`,
    now,
    notes: [['个人信息', '本表只含项目合计，不列出户名、金额到户或任何身份证号、电话。本次导出已记入审计日志。']],
  });
  return { name: `共建项目_${chinaDateTime(now).slice(0, 10)}.xlsx`, file };
}
