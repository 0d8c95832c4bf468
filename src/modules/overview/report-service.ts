import { can } from '../../platform/accounts/policy.js';
import { dbContext, type Actor } from '../../platform/actor.js';
import { withContext, type Tx } from '../../platform/db/context.js';
import type { Deps } from '../../platform/deps.js';
import { forbidden, invalidField, outOfScope } from '../../platform/errors.js';
import type { MeasureArea, MeasureFigure, MeasureUnit } from '../../platform/measures.js';
import { chinaDate } from '../../platform/time.js';
import { isWithin, listAreasUnder, regionWithChildren } from '../regions/index.js';
import { allMeasures, findMeasure, type RegisteredMeasure } from './registry.js';
import { computeMeasures, freshenMeasures, periodBounds } from './service.js';

// The monthly social-governance report (月度社会治理报告, docs/OVERVIEW.md "The monthly report"):
// for a county or a township and a month, every figure read through the measures interface — the
// same figures as the command map and the 统计 page — and, for the key ones, last month's beside
// them. This file gathers the figures; report-files.ts lays them out as PDF and .xlsx.

export const REPORT_LEVELS = ['county', 'township'] as const;

const RATES = [
  'requests.response_rate',
  'requests.resolution_rate',
  'requests.satisfaction_rate',
  'requests.on_time_sign_rate',
  'requests.on_time_resolution_rate',
];
const ORDERS = ['requests.received', 'requests.closed', 'requests.closed_below_township_share', 'requests.whistles', 'requests.patrol_reports'];
const DISPUTES = [
  'disputes.received',
  'disputes.closed',
  'disputes.closed_in_village_share',
  'disputes.closed_in_township_share',
  'disputes.received.risk.high',
  'disputes.received.risk.medium',
  'disputes.received.risk.low',
];
const VISITS = ['party.visits', 'party.visit_coverage'];
const BY_AREA = ['requests.received', 'requests.closed', 'requests.satisfaction_rate', 'disputes.received'];
const CATEGORY_PREFIX = 'requests.received.category.';
const TOP = 10;
/** What the stored list shows of each report. */
export const HEADLINE_IDS = ['requests.received', 'requests.response_rate', 'requests.resolution_rate', 'requests.satisfaction_rate', 'disputes.received'];

/** One figure of the report: a measure's value for one area, with last month's where the report compares. */
export interface ReportLine {
  label: string;
  measureId: string;
  measureName: string;
  unit: MeasureUnit;
  formula: string;
  area: { code: string; name: string };
  figure: MeasureFigure;
  previous?: MeasureFigure;
}

export interface ReportSection {
  title: string;
  /** `measures`: one row per line; `areas`: one row per area, one column per measure (BY_AREA). */
  layout: 'measures' | 'areas';
  lines: ReportLine[];
}

export interface MonthlyReport {
  region: { code: string; name: string; level: string };
  month: string;
  previousMonth: string;
  /** The month's first and last day (China dates), and the previous month's. */
  from: string;
  to: string;
  previousFrom: string;
  previousTo: string;
  generatedAt: string;
  sections: ReportSection[];
}

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** The month's first and last day, refusing a malformed or not yet begun month on `month`. */
export function monthDays(month: string, today: string): { from: string; to: string } {
  const m = MONTH.exec(month);
  if (!m || Number(m[1]) < 2000) throw invalidField('month', '月份格式应为 YYYY-MM，例如 2026-10');
  if (month > today.slice(0, 7)) throw invalidField('month', '该月尚未开始，不能生成报告');
  const last = new Date(Date.UTC(Number(m[1]), Number(m[2]), 0)).getUTCDate();
  return { from: `${month}-01`, to: `${month}-${String(last).padStart(2, '0')}` };
}

/** The month before `month` (YYYY-MM). */
export function previousMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

const measure = (id: string): RegisteredMeasure => {
  const m = findMeasure(id);
  if (!m) throw new Error(`measure ${id} is not declared`);
  return m;
};

type Figures = Map<string, Map<string, MeasureFigure>>;

interface Place {
  code: string;
  name: string;
  level: string;
  path: string;
}

/**
 * The report's figures for a region already checked to be in scope, inside the caller's
 * transaction (its context scopes the rows, as for every measure).
 */
export async function gatherReport(tx: Tx, region: Place, children: readonly Place[], month: string, now: Date): Promise<MonthlyReport> {
  const today = chinaDate(now);
  const cur = monthDays(month, today);
  const prevMonth = previousMonth(month);
  const prev = monthDays(prevMonth, today);
  const period = periodBounds(cur.from, cur.to);
  const prevPeriod = periodBounds(prev.from, prev.to);
  const categories = allMeasures().filter((m) => m.id.startsWith(CATEGORY_PREFIX));
  const compared = [...RATES, ...ORDERS, ...DISPUTES, ...VISITS].map(measure);
  const areaOf = (p: Place): MeasureArea => ({ code: p.code, path: p.path });
  const here = [areaOf(region)];

  const now1: Figures = await computeMeasures(tx, [...compared, ...categories], here, period, now);
  const before: Figures = await computeMeasures(tx, [...compared, ...categories], here, prevPeriod, now);
  const childPlaces = children.filter((c) => ['township', 'village'].includes(c.level));
  const byArea: Figures = childPlaces.length ? await computeMeasures(tx, BY_AREA.map(measure), childPlaces.map(areaOf), period, now) : new Map();
  // Hot spots: the county's villages, or the township's grids, with most orders received.
  const spots = await listAreasUnder(tx, region.path, region.level === 'county' ? 'village' : 'grid');
  const spotFigures: Figures = spots.length ? await computeMeasures(tx, [measure('requests.received')], spots, period, now) : new Map();

  const here1 = { code: region.code, name: region.name };
  const line = (m: RegisteredMeasure, label = m.name): ReportLine => ({
    label,
    measureId: m.id,
    measureName: m.name,
    unit: m.unit,
    formula: m.formula,
    area: here1,
    figure: now1.get(m.id)!.get(region.code)!,
    previous: before.get(m.id)!.get(region.code)!,
  });
  const topCategories = categories
    .map((m) => line(m, m.name.replace(/^受理工单数·/, '')))
    .filter((l) => (l.figure.value ?? 0) > 0)
    .sort((a, b) => (b.figure.value ?? 0) - (a.figure.value ?? 0) || a.measureId.localeCompare(b.measureId))
    .slice(0, TOP);
  const areaLines = [...childPlaces]
    .sort(
      (a, b) =>
        (byArea.get('requests.received')!.get(b.code)!.value ?? 0) - (byArea.get('requests.received')!.get(a.code)!.value ?? 0) || a.code.localeCompare(b.code),
    )
    .flatMap((c) =>
      BY_AREA.map((id) => {
        const m = measure(id);
        return {
          label: c.name,
          measureId: id,
          measureName: m.name,
          unit: m.unit,
          formula: m.formula,
          area: { code: c.code, name: c.name },
          figure: byArea.get(id)!.get(c.code)!,
        };
      }),
    );
  const received = measure('requests.received');
  const hot = spots
    .map((s) => ({ s, f: spotFigures.get(received.id)!.get(s.code)! }))
    .filter((x) => (x.f.value ?? 0) > 0)
    .sort((a, b) => (b.f.value ?? 0) - (a.f.value ?? 0) || a.s.code.localeCompare(b.s.code))
    .slice(0, TOP)
    .map(({ s, f }) => {
      const name = s.villageName ? `${s.villageName}·${s.name}` : s.name;
      return {
        label: name,
        measureId: received.id,
        measureName: received.name,
        unit: received.unit,
        formula: received.formula,
        area: { code: s.code, name },
        figure: f,
      };
    });
  const childWord = region.level === 'county' ? '乡镇（街道）' : '村（社区）';
  return {
    region: { code: region.code, name: region.name, level: region.level },
    month,
    previousMonth: prevMonth,
    from: cur.from,
    to: cur.to,
    previousFrom: prev.from,
    previousTo: prev.to,
    generatedAt: now.toISOString(),
    sections: [
      { title: '一、三率与按时率', layout: 'measures', lines: RATES.map((id) => line(measure(id))) },
      { title: '二、工单办理', layout: 'measures', lines: ORDERS.map((id) => line(measure(id))) },
      { title: `三、工单按类别（前 ${TOP} 类）`, layout: 'measures', lines: topCategories },
      { title: `四、工单按${childWord}`, layout: 'areas', lines: areaLines },
      { title: `五、热点${region.level === 'county' ? '村（社区）' : '网格'}（受理工单最多的前 ${TOP} 个）`, layout: 'measures', lines: hot },
      { title: '六、矛盾纠纷', layout: 'measures', lines: DISPUTES.map((id) => line(measure(id))) },
      { title: '七、走访', layout: 'measures', lines: VISITS.map((id) => line(measure(id))) },
    ],
  };
}

/** The measures the "by area" table shows, in column order. */
export const AREA_COLUMNS = BY_AREA;

/** A region the actor may have a report for: in scope, a county or a township. Refusals name `region`. */
export async function reportRegion(tx: Tx, actor: Actor, code: string | undefined): Promise<{ region: Place; children: Place[] }> {
  const wanted = code ?? actor.regionCode;
  const found = /^[0-9]{6,15}$/.test(wanted) ? await regionWithChildren(tx, wanted) : undefined;
  if (!found || (actor.role !== 'system' && !isWithin(found.region.path, actor.scopePath))) throw outOfScope('region', '区划不存在或不在您的管理范围内');
  if (!(REPORT_LEVELS as readonly string[]).includes(found.region.level)) throw invalidField('region', '月度报告按县或乡镇（街道）生成');
  return found;
}

/** The report for a region in scope and a month, generated now from the measures (nothing is stored). */
export async function monthlyReport(deps: Deps, actor: Actor, q: { region?: string; month: string }): Promise<MonthlyReport> {
  if (!can(actor, 'overview.read')) throw forbidden('overview.read');
  monthDays(q.month, chinaDate(deps.clock.now()));
  await freshenMeasures(deps);
  return withContext(deps.db, dbContext(actor), async (tx) => {
    const { region, children } = await reportRegion(tx, actor, q.region);
    return gatherReport(tx, region, children, q.month, deps.clock.now());
  });
}
