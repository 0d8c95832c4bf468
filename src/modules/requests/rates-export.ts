import type { Actor } from '../../platform/actor.js';
import type { Deps } from '../../platform/deps.js';
import { buildWorkbook } from '../../platform/spreadsheet.js';
import { ratesReport } from './rates-service.js';
import type { RateCounts, RatesQuery, RatesReport } from './schema.js';

// The 统计 page's table as a workbook: each row's rates and the counts they come from, then the
// formulas and the query that gives the same figures again.

const GROUP_NAMES: Record<RatesQuery['groupBy'], string> = {
  township: '乡镇（街道）',
  village: '村（社区）',
  unit: '承办单位',
  category: '问题类别',
  month: '月份',
};

const pct = (r: number | null) => (r === null ? null : Math.round(r * 1000) / 10);

function row(r: RateCounts): (string | number | null)[] {
  return [
    r.name,
    r.orders,
    r.followedUp,
    pct(r.responseRate),
    pct(r.resolutionRate),
    pct(r.satisfactionRate),
    pct(r.onTimeSignForRate),
    pct(r.onTimeResolutionRate),
    r.contacted,
    r.resolvedPerResident,
    r.satisfied,
    r.basicallySatisfied,
    r.stagesDue,
    r.signedOnTime,
    r.resolveDue,
    r.resolvedOnTime,
    r.closed,
    r.closedAt.intake,
    r.closedAt.grid,
    r.closedAt.village,
    r.closedAt.township,
    r.closedAt.county,
  ];
}

export function ratesSheets(report: RatesReport, query: string, now: Date) {
  const groupBy = report.groupBy as RatesQuery['groupBy'];
  return [
    {
      name: '三率统计',
      columns: [
        GROUP_NAMES[groupBy] ?? groupBy,
        '工单数',
        '已回访',
        '响应率（%）',
        '解决率（%）',
        '满意率（%）',
        '按时签收率（%）',
        '按时办结率（%）',
        '联系过',
        '已解决',
        '满意',
        '基本满意',
        '应签收环节',
        '按时签收',
        '应办结环节',
        '按时办结',
        '已结案',
        '受理环节办结',
        '网格办结',
        '村（社区）办结',
        '乡镇（街道）办结',
        '县级办结',
      ],
      widths: [22, 10, 10, 12, 12, 12, 14, 14],
      rows: [...report.rows.map(row), row(report.total)],
    },
    {
      name: '口径与来源',
      columns: ['项目', '说明'],
      widths: [20, 110],
      rows: [
        ...Object.entries(report.formulas).map(([k, v]) => [k, v]),
        [],
        ['统计期间', `${report.from} 至 ${report.to}（含首尾两日）`],
        ['分组', GROUP_NAMES[groupBy] ?? groupBy],
        ['导出时间', now.toISOString()],
        ['查询', `GET /api/v1/requests/rates?${query}`],
      ],
    },
  ];
}

/** The rates asked for, as .xlsx, within the actor's scope (the same checks as the page). */
export async function ratesWorkbook(deps: Deps, actor: Actor, q: RatesQuery): Promise<{ name: string; file: Buffer }> {
  const report = await ratesReport(deps, actor, q);
  const query = new URLSearchParams(
    Object.entries(q)
      .filter(([, x]) => x !== undefined)
      .map(([k, x]) => [k, String(x)]),
  ).toString();
  return { name: `三率统计_${report.from}_${report.to}.xlsx`, file: await buildWorkbook(ratesSheets(report, query, deps.clock.now())) };
}
