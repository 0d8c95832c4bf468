import { sql, type RawBuilder } from 'kysely';
import type { Tx } from './db/context.js';

/**
 * The measures interface (DESIGN.md "Reads and writes"): each module declares its figures here,
 * once, with the formula in words, and the overview, the burden-reduction reports and assessment
 * all read them through it. A module's measures are exported from its index.ts.
 */

/**
 * A count of rows; a share between 0 and 1 with the counts it comes from; a sum of amounts (yuan,
 * labour days, m² — the name says which); or an average (numerator ÷ denominator, e.g. a score).
 */
export type MeasureUnit = 'count' | 'ratio' | 'sum' | 'average';

/**
 * `period`: what happened in the period (orders received, visits made); `stock`: the state now
 * (households registered, orders open today) — the period does not change it.
 */
export type MeasureKind = 'period' | 'stock';

/** An area a figure is asked for: a county, township or village, by its region path. */
export interface MeasureArea {
  code: string;
  path: string;
}

export interface MeasureQuery {
  areas: readonly MeasureArea[];
  /** Start of the period, inclusive (China time midnight). */
  from: Date;
  /** End of the period, exclusive. */
  to: Date;
  /** The clock's now: stocks such as "overdue" are read against it. */
  now: Date;
}

/** One figure: for a ratio, numerator ÷ denominator (null when nothing was counted). */
export interface MeasureFigure {
  value: number | null;
  numerator: number;
  denominator: number | null;
}

export interface Measure {
  /** Stable id, `<module>.<name>`: report templates and indicators refer to it. */
  id: string;
  name: string;
  nameEn: string;
  /** The formula in words, exactly as computed. */
  formula: string;
  unit: MeasureUnit;
  kind: MeasureKind;
  /**
   * Figures for every area asked, keyed by area code, computed in the caller's transaction (so
   * row-level security scopes them too). An area with nothing to count gets a zero figure.
   */
  compute(tx: Tx, q: MeasureQuery): Promise<Map<string, MeasureFigure>>;
}

/** The areas as a row source `a(code, path)`, to join rows to by `row.path <@ a.path`. */
export function areaRows(areas: readonly MeasureArea[]): RawBuilder<unknown> {
  return sql`(VALUES ${sql.join(areas.map((a) => sql`(${a.code}::text, ${a.path}::ltree)`))}) AS a(code, path)`;
}

const rounded = (n: number, d: number) => Math.round((n / d) * 10000) / 10000;

/** Count figures for every area, zero where the query returned no row. */
export function countFigures(areas: readonly MeasureArea[], rows: readonly { code: string; n: number | string }[]): Map<string, MeasureFigure> {
  const by = new Map(rows.map((r) => [r.code, Number(r.n)]));
  return new Map(areas.map((a) => [a.code, { value: by.get(a.code) ?? 0, numerator: by.get(a.code) ?? 0, denominator: null }]));
}

/** Ratio figures for every area: null value where the denominator is zero. */
export function ratioFigures(
  areas: readonly MeasureArea[],
  rows: readonly { code: string; num: number | string; den: number | string }[],
): Map<string, MeasureFigure> {
  const by = new Map(rows.map((r) => [r.code, { num: Number(r.num), den: Number(r.den) }]));
  return new Map(
    areas.map((a) => {
      const { num, den } = by.get(a.code) ?? { num: 0, den: 0 };
      return [a.code, { value: den === 0 ? null : rounded(num, den), numerator: num, denominator: den }];
    }),
  );
}

/** Average figures for every area: numerator ÷ denominator to two decimals, null where nothing was counted. */
export function averageFigures(
  areas: readonly MeasureArea[],
  rows: readonly { code: string; num: number | string; den: number | string }[],
): Map<string, MeasureFigure> {
  const by = new Map(rows.map((r) => [r.code, { num: Number(r.num), den: Number(r.den) }]));
  return new Map(
    areas.map((a) => {
      const { num, den } = by.get(a.code) ?? { num: 0, den: 0 };
      return [a.code, { value: den === 0 ? null : Math.round((num / den) * 100) / 100, numerator: num, denominator: den }];
    }),
  );
}

/** A sum measure (an amount, not a count of rows) from one SQL query returning `code, n` per area. */
export function sumMeasure(def: Omit<Measure, 'compute' | 'unit'>, query: (q: MeasureQuery) => RawBuilder<{ code: string; n: number }>): Measure {
  return {
    ...def,
    unit: 'sum',
    compute: async (tx, q) => countFigures(q.areas, q.areas.length ? (await query(q).execute(tx)).rows : []),
  };
}

/** A count measure from one SQL query returning `code, n` per area. */
export function countMeasure(def: Omit<Measure, 'compute' | 'unit'>, query: (q: MeasureQuery) => RawBuilder<{ code: string; n: number }>): Measure {
  return {
    ...def,
    unit: 'count',
    compute: async (tx, q) => countFigures(q.areas, q.areas.length ? (await query(q).execute(tx)).rows : []),
  };
}

/** A ratio measure from one SQL query returning `code, num, den` per area. */
export function ratioMeasure(
  def: Omit<Measure, 'compute' | 'unit'>,
  query: (q: MeasureQuery) => RawBuilder<{ code: string; num: number; den: number }>,
): Measure {
  return {
    ...def,
    unit: 'ratio',
    compute: async (tx, q) => ratioFigures(q.areas, q.areas.length ? (await query(q).execute(tx)).rows : []),
  };
}
