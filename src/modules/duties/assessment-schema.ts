import { Type, type Static } from 'typebox';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

export const IndicatorSchema = Type.Object({
  key: Type.String({ pattern: '^[a-z][a-z0-9_]{1,39}$' }),
  name: Type.String({ minLength: 1, maxLength: 60 }),
  /** The measure the indicator reads; never a typed ledger or an uploaded photo. */
  measureId: Type.String({ maxLength: 80 }),
  weight: Type.Number({ exclusiveMinimum: 0, maximum: 100 }),
  /** higher: full marks at or above the target; lower: full marks at or below it. */
  direction: Type.Union([Type.Literal('higher'), Type.Literal('lower')]),
  target: Type.Number({ minimum: 0 }),
});
export type Indicator = Static<typeof IndicatorSchema>;

export const AssessmentSetSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  unitLevel: Type.Union([Type.Literal('township'), Type.Literal('village')]),
  /** Villages: urban (城市社区) or rural (农村); null: every unit of the level. */
  unitKind: Nullable(Type.String()),
  indicators: Type.Array(Type.Intersect([IndicatorSchema, Type.Object({ formula: Type.String() })])),
  createdAt: Type.String(),
});
export type AssessmentSet = Static<typeof AssessmentSetSchema>;

export const CreateAssessmentSetBodySchema = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 100 }),
  unitLevel: Type.Union([Type.Literal('township'), Type.Literal('village')]),
  unitKind: Type.Optional(Type.Union([Type.Literal('urban'), Type.Literal('rural')])),
  indicators: Type.Array(IndicatorSchema, { minItems: 1, maxItems: 50 }),
});
export type CreateAssessmentSetBody = Static<typeof CreateAssessmentSetBodySchema>;

export const RunAssessmentBodySchema = Type.Object({
  setId: Type.String({ format: 'uuid' }),
  regionCode: Type.Optional(Type.String({ pattern: '^[0-9]{6,15}$' })),
  from: Type.String({ format: 'date' }),
  to: Type.String({ format: 'date' }),
});
export type RunAssessmentBody = Static<typeof RunAssessmentBodySchema>;

export const ScoreItemSchema = Type.Object({
  key: Type.String(),
  value: Nullable(Type.Number()),
  numerator: Type.Number(),
  denominator: Nullable(Type.Number()),
  /** Points earned of the indicator's weight; null when there was nothing to count (left out, weights rescaled). */
  score: Nullable(Type.Number()),
});

export const UnitScoreSchema = Type.Object({
  unitCode: Type.String(),
  unitName: Type.String(),
  /** Out of 100: points earned ÷ weights of the indicators that had something to count. */
  total: Nullable(Type.Number()),
  items: Type.Array(ScoreItemSchema),
});
export type UnitScore = Static<typeof UnitScoreSchema>;

export const AssessmentRoundSchema = Type.Object({
  id: Type.String(),
  setId: Type.String(),
  setName: Type.String(),
  regionCode: Type.String(),
  regionName: Type.String(),
  from: Type.String(),
  to: Type.String(),
  indicators: AssessmentSetSchema.properties.indicators,
  scores: Type.Array(UnitScoreSchema),
  createdAt: Type.String(),
});
export type AssessmentRound = Static<typeof AssessmentRoundSchema>;

export const AssessmentRoundListSchema = Type.Array(
  Type.Object({
    id: Type.String(),
    setName: Type.String(),
    regionName: Type.String(),
    from: Type.String(),
    to: Type.String(),
    units: Type.Integer(),
    createdAt: Type.String(),
  }),
);
export type AssessmentRoundList = Static<typeof AssessmentRoundListSchema>;
