import type { HouseholdRange } from '../../platform/config.js';
import { invalidField } from '../../platform/errors.js';
import { bboxesOverlap, polygonBBox, polygonsOverlap, polygonWithin, type Polygon } from './geometry.js';
import type { GridWarning } from './grid-schema.js';

/**
 * Households per grid. The usual guidance for urban communities is 300–500 households to a grid;
 * rural grids follow villager groups and terrain and are kept to about 300 at most, with no
 * lower bound (a hamlet in the hills may be a grid of its own). A county sets its own ranges
 * (GONGZHI_GRID_HOUSEHOLDS_URBAN / _RURAL). Outside the range is a warning, never an error: the
 * cadre who drew the grid knows the ground.
 */
export const GRID_HOUSEHOLD_RANGE: Record<'urban' | 'rural', HouseholdRange> = {
  urban: { min: 300, max: 500 },
  rural: { min: 0, max: 300 },
};

/** Size warnings for a grid of `householdCount` households in a village of `villageKind`. */
export function householdWarnings(
  villageKind: string | null,
  householdCount: number | undefined,
  ranges: Record<'urban' | 'rural', HouseholdRange> = GRID_HOUSEHOLD_RANGE,
): GridWarning[] {
  if (householdCount === undefined) return [];
  const kind = villageKind === 'urban' ? 'urban' : 'rural';
  const { min, max } = ranges[kind];
  const label = kind === 'urban' ? '城市社区' : '农村';
  const details = { householdCount, min, max, villageKind: kind };
  if (householdCount > max) {
    return [{ code: 'HOUSEHOLDS_ABOVE_RANGE', message: `网格有 ${householdCount} 户，超过${label}网格建议的 ${max} 户上限`, details }];
  }
  if (householdCount < min) {
    return [{ code: 'HOUSEHOLDS_BELOW_RANGE', message: `网格有 ${householdCount} 户，少于${label}网格建议的 ${min} 户下限`, details }];
  }
  return [];
}

export interface Shape {
  code: string;
  name?: string;
  boundary: Polygon;
}

/** The first of `others` whose interior meets `boundary` (touching edges are fine), skipping `selfCode`. */
export function findOverlap(boundary: Polygon, others: readonly Shape[], selfCode?: string): Shape | undefined {
  const box = polygonBBox(boundary);
  return others.find((o) => o.code !== selfCode && bboxesOverlap(box, polygonBBox(o.boundary)) && polygonsOverlap(boundary, o.boundary));
}

/** Grid code = 12-digit village code + 3-digit sequence (001–999). */
export function gridCodeOf(villageCode: string, seq: number): string {
  return `${villageCode}${String(seq).padStart(3, '0')}`;
}

export function isGridCodeOf(code: string, villageCode: string): boolean {
  return /^[0-9]{15}$/.test(code) && code.startsWith(villageCode) && code.slice(12) !== '000';
}

/** Refuses a grid that leaves its village's boundary, when the village has one drawn. */
export function checkInsideVillage(boundary: Polygon, village: { name: string; boundary: Polygon | null }, field = 'boundary'): void {
  if (village.boundary && !polygonWithin(boundary, village.boundary)) throw invalidField(field, `网格超出了${village.name}的边界`);
}
