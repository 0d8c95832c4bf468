import { Type, type Static } from 'typebox';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

export const WatchPointKindSchema = Type.Union([Type.Literal('observation'), Type.Literal('monitoring')]);
export const WATCH_POINT_KIND_NAMES = { observation: '观测点', monitoring: '监测点' } as const;

export const WatchPointSchema = Type.Object({
  id: Type.String(),
  regionCode: Type.String(),
  regionName: Type.String(),
  /** township or village */
  regionLevel: Type.String(),
  /** The township a village point lies in, for display; null for a township point. */
  townshipName: Nullable(Type.String()),
  kind: WatchPointKindSchema,
  designatedOn: Type.String(),
  note: Nullable(Type.String()),
  /**
   * Formalism reports filed about the point (their region within the point's area), open and
   * answered. Null for a caller who may not read formalism reports (only county staff may).
   */
  reports: Nullable(Type.Object({ open: Type.Integer(), answered: Type.Integer() })),
});
export type WatchPoint = Static<typeof WatchPointSchema>;

export const WatchPointQuerySchema = Type.Object({ kind: Type.Optional(WatchPointKindSchema) });
export type WatchPointQuery = Static<typeof WatchPointQuerySchema>;

export const DesignateWatchPointBodySchema = Type.Object({
  regionCode: Type.String({ pattern: '^[0-9]{6,15}$' }),
  kind: WatchPointKindSchema,
  /** Defaults to today. */
  designatedOn: Type.Optional(Type.String({ format: 'date' })),
  note: Type.Optional(Type.String({ maxLength: 500 })),
});
export type DesignateWatchPointBody = Static<typeof DesignateWatchPointBodySchema>;
