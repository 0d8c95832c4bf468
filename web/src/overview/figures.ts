import type { Figure, MeasureValues } from './overview-api';

/** How a measure reads on the map: a rate where higher is better, a count, or a count of trouble (more is worse). */
export type Tone = 'rate' | 'count' | 'trouble';

/** The measures the command map colours by (the layer selector), in the selector's order. */
export const MAP_LAYERS: readonly { id: string; tone: Tone }[] = [
  { id: 'requests.received', tone: 'count' },
  { id: 'requests.open', tone: 'trouble' },
  { id: 'requests.overdue', tone: 'trouble' },
  { id: 'requests.response_rate', tone: 'rate' },
  { id: 'requests.resolution_rate', tone: 'rate' },
  { id: 'requests.satisfaction_rate', tone: 'rate' },
  { id: 'requests.on_time_resolution_rate', tone: 'rate' },
  { id: 'disputes.received', tone: 'count' },
  { id: 'disputes.high_risk_open', tone: 'trouble' },
  { id: 'disputes.closed_in_village_share', tone: 'rate' },
  { id: 'people.households', tone: 'count' },
  { id: 'party.visit_coverage', tone: 'rate' },
];
export const DEFAULT_LAYER = 'requests.received';
export const SATISFACTION = 'requests.satisfaction_rate';

/** The key figures on a leader's home page, with whether a rise is good news. */
export const KEY_FIGURES: readonly { id: string; up: 'good' | 'bad' | 'neutral' }[] = [
  { id: 'requests.received', up: 'neutral' },
  { id: 'requests.open', up: 'bad' },
  { id: 'requests.overdue', up: 'bad' },
  { id: 'requests.response_rate', up: 'good' },
  { id: 'requests.resolution_rate', up: 'good' },
  { id: 'requests.satisfaction_rate', up: 'good' },
  { id: 'disputes.received', up: 'neutral' },
  { id: 'disputes.high_risk_open', up: 'bad' },
];

const PALETTES: Record<Tone, readonly string[]> = {
  // Red (low) to green (high): a rate below the rest stands out.
  rate: ['#d73027', '#fc8d59', '#fee08b', '#91cf60', '#1a9850'],
  count: ['#deebf7', '#9ecae1', '#6baed6', '#3182bd', '#08519c'],
  trouble: ['#fee5d9', '#fcae91', '#fb6a4a', '#de2d26', '#a50f15'],
};
export const NO_DATA_COLOUR = '#d9d9d9';

export interface Scale {
  tone: Tone;
  min: number;
  max: number;
  colours: readonly string[];
  colourOf(value: number | null | undefined): string;
}

/** Five equal steps from the smallest to the largest value shown; no value is grey. */
export function scaleFor(tone: Tone, values: readonly (number | null | undefined)[]): Scale {
  const known = values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
  const min = known.length ? Math.min(...known) : 0;
  const max = known.length ? Math.max(...known) : 0;
  const colours = PALETTES[tone];
  return {
    tone,
    min,
    max,
    colours,
    colourOf(value) {
      if (typeof value !== 'number' || !Number.isFinite(value)) return NO_DATA_COLOUR;
      if (max === min) return colours[tone === 'rate' ? colours.length - 1 : Math.floor(colours.length / 2)]!;
      const i = Math.min(colours.length - 1, Math.floor(((value - min) / (max - min)) * colours.length));
      return colours[i]!;
    },
  };
}

export function toneOf(id: string): Tone {
  return MAP_LAYERS.find((l) => l.id === id)?.tone ?? 'count';
}

/** 0.853 → "85.3%", 12 → "12", null → "—". */
export function formatFigure(value: number | null | undefined, unit: string): string {
  if (typeof value !== 'number' || !Number.isFinite(value)) return '—';
  if (unit === 'ratio') return `${(Math.round(value * 1000) / 10).toFixed(1)}%`;
  return value.toLocaleString('zh-CN');
}

/** A measure's figure for an area, or undefined. */
export function figureOf(values: MeasureValues | null | undefined, id: string, code: string): Figure | undefined {
  return values?.measures.find((m) => m.id === id)?.figures[code];
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Today in China (UTC+8), as YYYY-MM-DD. */
export function chinaToday(now = new Date()): string {
  const d = new Date(now.getTime() + 8 * 3_600_000);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

export type PeriodKey = 'month' | 'quarter' | 'year';

/**
 * This month so far, and the same days of the previous month (1st to the same day, or its last
 * day): a fair comparison for counts, which a whole previous month would not be.
 */
export function monthPeriods(today = chinaToday()): { current: { from: string; to: string }; previous: { from: string; to: string } } {
  const [y, m, d] = today.split('-').map(Number) as [number, number, number];
  const py = m === 1 ? y - 1 : y;
  const pm = m === 1 ? 12 : m - 1;
  const lastDay = new Date(Date.UTC(py, pm, 0)).getUTCDate();
  return {
    current: { from: `${y}-${pad(m)}-01`, to: today },
    previous: { from: `${py}-${pad(pm)}-01`, to: `${py}-${pad(pm)}-${pad(Math.min(d, lastDay))}` },
  };
}

/** The map's periods: this month, this quarter or this year, each up to today. */
export function periodOf(key: PeriodKey, today = chinaToday()): { from: string; to: string } {
  const [y, m] = today.split('-').map(Number) as [number, number];
  const first = key === 'month' ? m : key === 'quarter' ? Math.floor((m - 1) / 3) * 3 + 1 : 1;
  return { from: `${y}-${pad(first)}-01`, to: today };
}
