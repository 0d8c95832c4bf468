import { can } from '../../platform/accounts/policy.js';
import { dbContext, type Actor } from '../../platform/actor.js';
import { withContext, type Tx } from '../../platform/db/context.js';
import type { Deps } from '../../platform/deps.js';
import { forbidden, invalidField, outOfScope } from '../../platform/errors.js';
import type { MeasureArea } from '../../platform/measures.js';
import { isWithin, regionWithChildren } from '../regions/index.js';
import { catchUpRollups } from '../requests/index.js';
import { allMeasures, findMeasure, type RegisteredMeasure } from './registry.js';
import type { MeasureDef, MeasureValues, MeasureValuesQuery } from './schema.js';

const MAX_DAYS = 366;
const AREA_LEVELS = ['county', 'township', 'village'];

function describe(m: RegisteredMeasure): MeasureDef {
  return { id: m.id, module: m.module, name: m.name, nameEn: m.nameEn, formula: m.formula, unit: m.unit, kind: m.kind };
}

/** What each measure is and how it is computed. */
export function listMeasures(actor: Actor): MeasureDef[] {
  if (!can(actor, 'overview.read')) throw forbidden('overview.read');
  return allMeasures().map(describe);
}

/** The measures named by `ids` (all when empty), refusing an unknown one on the field. */
export function pickMeasures(ids: string | readonly string[] | undefined, field = 'ids'): RegisteredMeasure[] {
  const list =
    typeof ids === 'string'
      ? ids
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean)
      : [...(ids ?? [])];
  if (!list.length) return allMeasures();
  return list.map((id) => {
    const m = findMeasure(id);
    if (!m) throw invalidField(field, `没有这个指标：${id}`);
    return m;
  });
}

/** A period's bounds as instants: from China-time midnight of `from` to the midnight after `to`. */
export function periodBounds(from: string, to: string): { from: Date; to: Date } {
  if (to < from) throw invalidField('to', '结束日期不能早于开始日期');
  const start = new Date(`${from}T00:00:00+08:00`);
  const end = new Date(new Date(`${to}T00:00:00+08:00`).getTime() + 86_400_000);
  if ((end.getTime() - start.getTime()) / 86_400_000 > MAX_DAYS) throw invalidField('to', `统计期间最长 ${MAX_DAYS} 天`);
  return { from: start, to: end };
}

/**
 * Figures for areas inside an open transaction (the caller's context scopes the rows). Other
 * modules (duties reports, assessment) call this through the overview's index.
 */
export async function computeMeasures(
  tx: Tx,
  measures: readonly RegisteredMeasure[],
  areas: readonly MeasureArea[],
  period: { from: Date; to: Date },
  now: Date,
): Promise<Map<string, Map<string, { value: number | null; numerator: number; denominator: number | null }>>> {
  const out = new Map<string, Map<string, { value: number | null; numerator: number; denominator: number | null }>>();
  for (const m of measures) out.set(m.id, await m.compute(tx, { areas, from: period.from, to: period.to, now }));
  return out;
}

/**
 * Brings figures kept in rollups up to date with what was just written (the intake's queue).
 * Call it before the transaction that computes measures: it runs its own, as the system.
 */
export async function freshenMeasures(deps: Deps): Promise<void> {
  await catchUpRollups(deps, { maxBatches: 5 });
}

/** Figures for a region in scope (the actor's own by default), alone or with each child region. */
export async function measureValues(deps: Deps, actor: Actor, q: MeasureValuesQuery): Promise<MeasureValues> {
  if (!can(actor, 'overview.read')) throw forbidden('overview.read');
  const measures = pickMeasures(q.ids);
  const period = periodBounds(q.from, q.to);
  await freshenMeasures(deps);
  return withContext(deps.db, dbContext(actor), async (tx) => {
    const found = await regionWithChildren(tx, q.regionCode ?? actor.regionCode);
    if (!found || (actor.role !== 'system' && !isWithin(found.region.path, actor.scopePath))) throw outOfScope('regionCode', '区划不存在或不在您的管理范围内');
    if (!AREA_LEVELS.includes(found.region.level)) throw invalidField('regionCode', '统计区域应为县、乡镇（街道）或村（社区）');
    const children = q.breakdown === 'children' ? found.children.filter((c) => AREA_LEVELS.includes(c.level)) : [];
    const areas = [found.region, ...children];
    const figures = await computeMeasures(tx, measures, areas, period, deps.clock.now());
    return {
      from: q.from,
      to: q.to,
      areas: areas.map((a) => ({ code: a.code, name: a.name, level: a.level })),
      measures: measures.map((m) => ({ ...describe(m), figures: Object.fromEntries(figures.get(m.id)!) })),
    };
  });
}
