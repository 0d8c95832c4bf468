import { SUBCATEGORIES, subcategory } from '../requests/taxonomy/index.js';
import type { DisputeLevel, RiskLevel } from './tables.js';

/** Levels from the lowest up; a case moves up only by an explicit escalation or a time-limit breach. */
export const DISPUTE_LEVELS: readonly DisputeLevel[] = ['grid', 'village', 'township', 'county'];

/** Mediation time limit at each level, in working days (ISO-style durations for WorkCalendar.deadline). */
export const LEVEL_TIME_LIMITS: Record<DisputeLevel, { workingDays: number; duration: string }> = {
  grid: { workingDays: 3, duration: 'P3WD' },
  village: { workingDays: 10, duration: 'P10WD' },
  township: { workingDays: 15, duration: 'P15WD' },
  county: { workingDays: 30, duration: 'P30WD' },
};

export const LEVEL_NAMES: Record<DisputeLevel, string> = { grid: '网格', village: '村（社区）', township: '乡镇（街道）', county: '县' };
export const RISK_ORDER: readonly RiskLevel[] = ['low', 'medium', 'high'];
export const RISK_NAMES: Record<RiskLevel, string> = { low: '低', medium: '中', high: '高' };

/** The reason the sweep writes when a level's time limit has passed. */
export const BREACH_REASON = '超过调解时限';

/** Dispute types: the subcategories of the request taxonomy marked `dispute: true` (12xx). */
export const DISPUTE_TYPES = SUBCATEGORIES.filter((s) => s.dispute).map((s) => ({ code: s.code, name: s.name, level: s.level as DisputeLevel }));

export function isDisputeType(code: string | null | undefined): boolean {
  return !!code && subcategory(code)?.dispute === true;
}

export function levelIndex(level: DisputeLevel): number {
  return DISPUTE_LEVELS.indexOf(level);
}

export function maxLevel(a: DisputeLevel, b: DisputeLevel): DisputeLevel {
  return levelIndex(a) >= levelIndex(b) ? a : b;
}

export function riskIndex(r: RiskLevel): number {
  return RISK_ORDER.indexOf(r);
}

export function maxRisk(a: RiskLevel, b: RiskLevel): RiskLevel {
  return riskIndex(a) >= riskIndex(b) ? a : b;
}

/** The level above, or undefined at the county. */
export function nextLevel(level: DisputeLevel): DisputeLevel | undefined {
  return DISPUTE_LEVELS[levelIndex(level) + 1];
}

/**
 * Where a case starts: a grid worker's own case at the grid; otherwise the taxonomy's level for
 * its type, never below the level of the place it is known at (a township window with no village
 * starts at the township), and at least the township when the risk is high.
 */
export function startingLevel(p: { source: 'work_order' | 'window' | 'grid'; disputeType: string; placeLevel: DisputeLevel; risk: RiskLevel }): DisputeLevel {
  let level: DisputeLevel;
  if (p.source === 'grid') level = 'grid';
  else level = maxLevel((subcategory(p.disputeType)?.level as DisputeLevel | undefined) ?? 'village', p.placeLevel);
  if (p.risk === 'high') level = maxLevel(level, 'township');
  return level;
}
