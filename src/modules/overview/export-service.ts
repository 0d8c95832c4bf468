import type { Actor } from '../../platform/actor.js';
import type { Deps } from '../../platform/deps.js';
import { buildWorkbook } from '../../platform/spreadsheet.js';
import type { MeasureValues, MeasureValuesQuery } from './schema.js';
import { measureValues } from './service.js';

// The figures a leader sees (one region, or it and each child region) as a workbook: the values
// on the first sheet, each measure's numerator and denominator on the second, and on the third
// what each figure means and the query that gives it again, so a figure in a report can be
// checked against the system.

const LEVEL_NAMES: Record<string, string> = { county: '县（市、区）', township: '乡镇（街道）', village: '村（社区）' };

/** A ratio as a percentage with one decimal, a count as it is, no figure as empty. */
/** How the explanation sheet names each unit. */
const UNIT_WORDS: Record<MeasureValues['measures'][number]['unit'], string> = { count: '个', ratio: '%', sum: '合计', average: '平均值' };

function shown(value: number | null, unit: string): number | null {
  if (value === null) return null;
  return unit === 'ratio' ? Math.round(value * 1000) / 10 : value;
}

/** The workbook's file name: 指标_<region>_<from>_<to>.xlsx. */
export function measuresFileName(v: MeasureValues): string {
  return `指标_${v.areas[0]!.name}_${v.from}_${v.to}.xlsx`;
}

export function measuresSheets(v: MeasureValues, query: string, now: Date) {
  const header = (m: MeasureValues['measures'][number]) => (m.unit === 'ratio' ? `${m.name}（%）` : m.name);
  return [
    {
      name: '指标',
      columns: ['区划代码', '区划', '层级', ...v.measures.map(header)],
      widths: [16, 18, 12, ...v.measures.map(() => 16)],
      rows: v.areas.map((a) => [a.code, a.name, LEVEL_NAMES[a.level] ?? a.level, ...v.measures.map((m) => shown(m.figures[a.code]?.value ?? null, m.unit))]),
    },
    {
      name: '分子分母',
      columns: ['区划代码', '区划', '指标', '分子', '分母'],
      widths: [16, 18, 30, 12, 12],
      rows: v.measures.flatMap((m) =>
        v.areas.map((a) => [a.code, a.name, m.name, m.figures[a.code]?.numerator ?? null, m.figures[a.code]?.denominator ?? null]),
      ),
    },
    {
      name: '口径与来源',
      columns: ['指标代码', '指标', '类型', '单位', '口径（计算公式）'],
      widths: [34, 24, 10, 8, 90],
      rows: [
        ...v.measures.map((m) => [m.id, m.name, m.kind === 'period' ? '期间' : '当前', UNIT_WORDS[m.unit], m.formula]),
        [],
        ['统计期间', `${v.from} 至 ${v.to}（含首尾两日；“当前”类指标取导出时的数）`],
        ['导出时间', now.toISOString()],
        ['查询', `GET /api/v1/measures/values?${query}`],
      ],
    },
  ];
}

/** The figures asked for, as .xlsx, within the actor's scope (the same checks as the page's figures). */
export async function measuresWorkbook(deps: Deps, actor: Actor, q: MeasureValuesQuery): Promise<{ name: string; file: Buffer }> {
  const v = await measureValues(deps, actor, q);
  const query = new URLSearchParams(
    Object.entries(q)
      .filter(([, x]) => x !== undefined)
      .map(([k, x]) => [k, String(x)]),
  ).toString();
  return { name: measuresFileName(v), file: await buildWorkbook(measuresSheets(v, query, deps.clock.now())) };
}
