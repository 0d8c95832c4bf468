import { Type, type Static } from 'typebox';

const RegionCode = Type.String({ pattern: '^[0-9]{6,15}$' });

export const MeasureDefSchema = Type.Object({
  id: Type.String(),
  module: Type.String(),
  name: Type.String(),
  nameEn: Type.String(),
  formula: Type.String(),
  unit: Type.Union([Type.Literal('count'), Type.Literal('ratio'), Type.Literal('sum'), Type.Literal('average')]),
  kind: Type.Union([Type.Literal('period'), Type.Literal('stock')]),
});
export type MeasureDef = Static<typeof MeasureDefSchema>;

export const MeasureValuesQuerySchema = Type.Object({
  /** Comma-separated measure ids; all measures when absent. */
  ids: Type.Optional(Type.String({ maxLength: 2000 })),
  regionCode: Type.Optional(RegionCode),
  from: Type.String({ format: 'date' }),
  to: Type.String({ format: 'date' }),
  /** `children`: the region and each of its child regions (townships of a county, villages of a township). */
  breakdown: Type.Union([Type.Literal('none'), Type.Literal('children')], { default: 'none' }),
});
export type MeasureValuesQuery = Static<typeof MeasureValuesQuerySchema>;

export const FigureSchema = Type.Object({
  value: Type.Union([Type.Number(), Type.Null()]),
  numerator: Type.Number(),
  denominator: Type.Union([Type.Number(), Type.Null()]),
});

export const AreaSchema = Type.Object({ code: Type.String(), name: Type.String(), level: Type.String() });

export const MeasureValuesSchema = Type.Object({
  from: Type.String(),
  to: Type.String(),
  /** The region asked for first, then its children when broken down. */
  areas: Type.Array(AreaSchema),
  measures: Type.Array(Type.Intersect([MeasureDefSchema, Type.Object({ figures: Type.Record(Type.String(), FigureSchema) })])),
});
export type MeasureValues = Static<typeof MeasureValuesSchema>;
