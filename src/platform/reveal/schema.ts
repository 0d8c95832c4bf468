import { Type, type Static } from 'typebox';

/** The kind of security alert the reveal throttle raises (the `kind` in its details). */
export const REVEAL_RATE_EXCEEDED = 'reveal_rate_exceeded';

/** Which limit a reveal ran into: GONGZHI_REVEAL_PER_10_MIN or GONGZHI_REVEAL_PER_DAY. */
export const RevealWindowSchema = Type.Union([Type.Literal('ten_minutes'), Type.Literal('day')]);
export type RevealWindow = Static<typeof RevealWindowSchema>;

/**
 * The details of a `security.alert` audit record raised by the reveal throttle, as
 * GET /api/v1/security/alerts returns them. The user is named as they were at the time (the
 * record is part of the hash chain and never changes).
 */
export const RevealAlertDetailsSchema = Type.Object({
  kind: Type.Literal(REVEAL_RATE_EXCEEDED),
  /** The same in one Chinese sentence, for readers of the raw log. */
  message: Type.String(),
  username: Type.String(),
  /** Absent from alerts raised before it was recorded; the page falls back to the username. */
  displayName: Type.Optional(Type.String()),
  role: Type.String(),
  regionCode: Type.Union([Type.String(), Type.Null()]),
  window: RevealWindowSchema,
  /** Reveals granted within the window when the next one was refused. */
  count: Type.Integer(),
  limits: Type.Object({ per10Min: Type.Integer(), perDay: Type.Integer() }),
  /** The reveal that was refused: `resident` (field idNumber or phone) or `work_order` (requesterPhone). */
  lastTarget: Type.Object({ type: Type.String(), id: Type.String(), field: Type.String() }),
});
export type RevealAlertDetails = Static<typeof RevealAlertDetailsSchema>;
