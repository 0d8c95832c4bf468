import { uuidv7 } from 'uuidv7';
import { dbContext, type Actor } from '../../platform/actor.js';
import { appendAudit } from '../../platform/audit/service.js';
import { withContext, type Tx } from '../../platform/db/context.js';
import type { Deps } from '../../platform/deps.js';
import { invalidField, notFound, outOfScope } from '../../platform/errors.js';
import type { MeasureFigure } from '../../platform/measures.js';
import { toOffsetIso } from '../../platform/time.js';
import { computeMeasures, findMeasure, freshenMeasures, periodBounds } from '../overview/index.js';
import { findRegionForUpdate } from '../regions/index.js';
import type {
  AssessmentRound,
  AssessmentRoundList,
  AssessmentSet,
  CreateAssessmentSetBody,
  Indicator,
  RunAssessmentBody,
  UnitScore,
} from './assessment-schema.js';
import {
  findAssessmentRound,
  findAssessmentSet,
  insertAssessmentRound,
  insertAssessmentSet,
  listAssessmentRounds,
  listAssessmentSets,
  unitsUnder,
} from './assessment-store.js';
import { authorize, inScope } from './policy.js';

// 分类+专项考核: every indicator is a measure the platform already computes, so a score needs no
// photo, ledger or typed figure from the unit assessed, and its evidence is the measure's counts.
// Refused work items count against nobody: no indicator reads them.

/**
 * Points for one indicator, of its weight: `higher` earns value ÷ target (capped at 1), `lower`
 * earns full marks at or below the target and target ÷ value above it (0 when the target is 0).
 * Nothing to count (value null) leaves the indicator out.
 */
export function indicatorScore(ind: Indicator, fig: MeasureFigure): number | null {
  if (fig.value === null) return null;
  let share: number;
  if (ind.direction === 'higher') share = ind.target === 0 ? 1 : Math.min(1, fig.value / ind.target);
  else share = fig.value <= ind.target ? 1 : ind.target === 0 ? 0 : ind.target / fig.value;
  return Math.round(ind.weight * share * 100) / 100;
}

/** A unit's total out of 100 over the indicators that had something to count. */
export function unitTotal(indicators: readonly Indicator[], scores: readonly (number | null)[]): number | null {
  let earned = 0;
  let weights = 0;
  indicators.forEach((ind, i) => {
    if (scores[i] === null || scores[i] === undefined) return;
    earned += scores[i]!;
    weights += ind.weight;
  });
  return weights === 0 ? null : Math.round((earned / weights) * 10000) / 100;
}

function presentSet(s: {
  id: string;
  name: string;
  unit_level: 'township' | 'village';
  unit_kind: string | null;
  indicators: unknown;
  created_at: Date;
}): AssessmentSet {
  return {
    id: s.id,
    name: s.name,
    unitLevel: s.unit_level,
    unitKind: s.unit_kind,
    indicators: (s.indicators as Indicator[]).map((i) => ({ ...i, formula: findMeasure(i.measureId)?.formula ?? '' })),
    createdAt: toOffsetIso(s.created_at),
  };
}

export async function searchAssessmentSets(deps: Deps, actor: Actor): Promise<AssessmentSet[]> {
  authorize(actor, 'duties.read');
  return withContext(deps.db, dbContext(actor), async (tx) => (await listAssessmentSets(tx)).map(presentSet));
}

/** A set of indicators for one class of unit; every indicator must name a measure. */
export async function createAssessmentSet(deps: Deps, actor: Actor, body: CreateAssessmentSetBody): Promise<AssessmentSet> {
  authorize(actor, 'duties.manage');
  const cap = deps.config.assessmentMaxIndicators;
  if (body.indicators.length > cap) throw invalidField('indicators', `指标不超过 ${cap} 项：考核要少而精`);
  if (body.unitKind && body.unitLevel !== 'village') throw invalidField('unitKind', '只有村（社区）分城市社区和农村两类');
  const keys = new Set<string>();
  for (const [i, ind] of body.indicators.entries()) {
    if (keys.has(ind.key)) throw invalidField(`indicators.${i}.key`, `指标 ${ind.key} 重复`);
    keys.add(ind.key);
    if (!findMeasure(ind.measureId)) throw invalidField(`indicators.${i}.measureId`, `没有这个指标：${ind.measureId}`);
  }
  const now = deps.clock.now();
  return withContext(deps.db, dbContext(actor), async (tx) => {
    const row = {
      id: uuidv7(),
      name: body.name.trim(),
      unit_level: body.unitLevel,
      unit_kind: body.unitKind ?? null,
      indicators: JSON.stringify(body.indicators),
      created_by: actor.userId,
      created_at: now,
    };
    await insertAssessmentSet(tx, row);
    const saved = presentSet({ ...row, indicators: body.indicators });
    await appendAudit(tx, deps.clock, actor, { action: 'duties.assessment_set.create', targetType: 'assessment_set', targetId: row.id, after: saved });
    return saved;
  });
}

/** Scores of every unit of the set's class under an area, for a period, kept as a round. */
export async function runAssessment(deps: Deps, actor: Actor, body: RunAssessmentBody): Promise<AssessmentRound> {
  authorize(actor, 'duties.manage');
  const period = periodBounds(body.from, body.to);
  const now = deps.clock.now();
  await freshenMeasures(deps);
  return withContext(deps.db, dbContext(actor), async (tx) => {
    const set = await findAssessmentSet(tx, body.setId);
    if (!set) throw invalidField('setId', '考核指标体系不存在');
    const region = await findRegionForUpdate(tx, body.regionCode ?? actor.regionCode);
    if (!region || !inScope(actor, region.path)) throw outOfScope('regionCode', '区划不存在或不在您的管理范围内');
    const indicators = set.indicators as Indicator[];
    const units = await unitsUnder(tx, region.path, set.unit_level, set.unit_kind);
    const figures = await computeMeasures(
      tx,
      indicators.map((i) => findMeasure(i.measureId)!),
      units,
      period,
      now,
    );
    const scores: UnitScore[] = units.map((u) => {
      const items = indicators.map((ind) => {
        const fig = figures.get(ind.measureId)!.get(u.code)!;
        return { key: ind.key, value: fig.value, numerator: fig.numerator, denominator: fig.denominator, score: indicatorScore(ind, fig) };
      });
      return {
        unitCode: u.code,
        unitName: u.name,
        total: unitTotal(
          indicators,
          items.map((i) => i.score),
        ),
        items,
      };
    });
    scores.sort((a, b) => (b.total ?? -1) - (a.total ?? -1) || a.unitCode.localeCompare(b.unitCode));
    const id = uuidv7();
    await insertAssessmentRound(tx, {
      id,
      set_id: set.id,
      region_code: region.code,
      path: region.path,
      period_from: body.from,
      period_to: body.to,
      scores: JSON.stringify(scores),
      created_by: actor.userId,
      created_at: now,
    });
    await appendAudit(tx, deps.clock, actor, {
      action: 'duties.assessment.run',
      targetType: 'assessment_round',
      targetId: id,
      details: { setId: set.id, regionCode: region.code, from: body.from, to: body.to, units: units.length },
    });
    return presentRound(tx, id);
  });
}

/** Below the county, a township sees its own villages' lines (codes share its first 9 digits), a village its own. */
function ownsScore(actor: Actor, unitCode: string): boolean {
  if (actor.role === 'township_staff') return unitCode.slice(0, 9) === actor.regionCode.slice(0, 9);
  if (actor.role === 'village_cadre' || actor.role === 'grid_worker') return unitCode === actor.regionCode;
  return false;
}

async function presentRound(tx: Tx, id: string): Promise<AssessmentRound> {
  const r = await findAssessmentRound(tx, id);
  if (!r) throw notFound('考核', id);
  return {
    id: r.id,
    setId: r.set_id,
    setName: r.set_name,
    regionCode: r.region_code,
    regionName: r.region_name,
    from: r.period_from,
    to: r.period_to,
    indicators: (r.indicators as Indicator[]).map((i) => ({ ...i, formula: findMeasure(i.measureId)?.formula ?? '' })),
    scores: r.scores as UnitScore[],
    createdAt: toOffsetIso(r.created_at),
  };
}

/** A round; a township or village sees the round of its area, and its own line in the county's. */
export async function getAssessmentRound(deps: Deps, actor: Actor, id: string): Promise<AssessmentRound> {
  authorize(actor, 'duties.read');
  return withContext(deps.db, dbContext(actor), async (tx) => {
    const round = await presentRound(tx, id);
    if (actor.role === 'county_staff' || actor.role === 'system') return round;
    return { ...round, scores: round.scores.filter((s) => ownsScore(actor, s.unitCode)) };
  });
}

export async function searchAssessmentRounds(deps: Deps, actor: Actor): Promise<AssessmentRoundList> {
  authorize(actor, 'duties.read');
  return withContext(deps.db, dbContext(actor), async (tx) =>
    (await listAssessmentRounds(tx, 50)).map((r) => ({
      id: r.id,
      setName: r.set_name,
      regionName: r.region_name,
      from: r.period_from,
      to: r.period_to,
      units: (r.scores as unknown[]).length,
      createdAt: toOffsetIso(r.created_at),
    })),
  );
}
