import { Type, type Static } from 'typebox';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

export const BurdenKindSchema = Type.Union([Type.Literal('signboard'), Type.Literal('work_group'), Type.Literal('app')]);
export const BurdenStatusSchema = Type.Union([Type.Literal('approved'), Type.Literal('to_remove'), Type.Literal('removed')]);

export const BurdenEntrySchema = Type.Object({
  id: Type.String(),
  kind: BurdenKindSchema,
  name: Type.String(),
  regionCode: Type.String(),
  regionName: Type.String(),
  requiredBy: Type.String(),
  basis: Nullable(Type.String()),
  status: BurdenStatusSchema,
  removeBy: Nullable(Type.String()),
  removedOn: Nullable(Type.String()),
  note: Nullable(Type.String()),
  /** Marked for removal and past its date. */
  late: Type.Boolean(),
});
export type BurdenEntry = Static<typeof BurdenEntrySchema>;

export const BurdenQuerySchema = Type.Object({
  kind: Type.Optional(BurdenKindSchema),
  regionCode: Type.Optional(Type.String({ pattern: '^[0-9]{6,15}$' })),
  status: Type.Optional(BurdenStatusSchema),
});
export type BurdenQuery = Static<typeof BurdenQuerySchema>;

export const CreateBurdenBodySchema = Type.Object({
  kind: BurdenKindSchema,
  name: Type.String({ minLength: 1, maxLength: 100 }),
  /** The village it hangs in (signboard) or whose cadres it binds (group, app). */
  regionCode: Type.String({ pattern: '^[0-9]{6,15}$' }),
  requiredBy: Type.String({ minLength: 1, maxLength: 100 }),
  /** The document that requires it; without one, it is marked for removal. */
  basis: Type.Optional(Type.String({ minLength: 1, maxLength: 300 })),
  removeBy: Type.Optional(Type.String({ format: 'date' })),
});
export type CreateBurdenBody = Static<typeof CreateBurdenBodySchema>;

export const UpdateBurdenBodySchema = Type.Object({
  status: BurdenStatusSchema,
  removeBy: Type.Optional(Type.String({ format: 'date' })),
  removedOn: Type.Optional(Type.String({ format: 'date' })),
  note: Type.Optional(Type.String({ maxLength: 300 })),
});
export type UpdateBurdenBody = Static<typeof UpdateBurdenBodySchema>;

export const BurdenCountsSchema = Type.Array(
  Type.Object({ kind: BurdenKindSchema, approved: Type.Integer(), toRemove: Type.Integer(), removed: Type.Integer(), late: Type.Integer() }),
);
export type BurdenCounts = Static<typeof BurdenCountsSchema>;
