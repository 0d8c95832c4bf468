import { Type, type Static } from 'typebox';
import { enumOf, Nullable } from '../../platform/http/schemas.js';
import { DateSchema } from './schema.js';

/** The level of the unit a leader stewards (包保): county leader → township, … cadre → household. */
export const STEWARDSHIP_LEVELS = ['township', 'village', 'group', 'household'] as const;
export type StewardshipLevel = (typeof STEWARDSHIP_LEVELS)[number];

/** 五包五访: 接访 receive, 约访 appointment, 走访 home visit, 回访 return visit, 巡访 patrol. */
export const VISIT_KINDS = ['receive', 'appointment', 'home', 'return', 'patrol'] as const;
export type VisitKind = (typeof VISIT_KINDS)[number];

const Uuid = Type.String({ format: 'uuid' });
const RegionCode = Type.String({ pattern: '^[0-9]{6,15}$' });
const PageFields = {
  page: Type.Integer({ minimum: 1, default: 1 }),
  pageSize: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
};

export const StewardshipSchema = Type.Object({
  id: Type.String(),
  level: enumOf(STEWARDSHIP_LEVELS),
  leaderUserId: Nullable(Type.String()),
  leaderName: Type.String(),
  leaderTitle: Nullable(Type.String()),
  targetRegionCode: Nullable(Type.String()),
  targetHouseholdId: Nullable(Type.String()),
  /** The region's name, or the household's address. */
  targetName: Type.String(),
  /** The village the target lies in (for a household), or the target region itself. */
  regionCode: Type.String(),
  startedOn: Type.String(),
  endedOn: Nullable(Type.String()),
  note: Nullable(Type.String()),
  active: Type.Boolean(),
  synthetic: Type.Boolean(),
});
export type Stewardship = Static<typeof StewardshipSchema>;

export const StewardshipPageSchema = Type.Object({ items: Type.Array(StewardshipSchema), total: Type.Integer() });
export type StewardshipPage = Static<typeof StewardshipPageSchema>;

export const StewardshipQuerySchema = Type.Object({
  regionCode: Type.Optional(RegionCode),
  level: Type.Optional(enumOf(STEWARDSHIP_LEVELS)),
  householdId: Type.Optional(Uuid),
  leaderUserId: Type.Optional(Uuid),
  includeEnded: Type.Optional(Type.Boolean()),
  ...PageFields,
});
export type StewardshipQuery = Static<typeof StewardshipQuerySchema>;

export const CreateStewardshipBodySchema = Type.Object(
  {
    /** The leader: an account in scope… */
    leaderUserId: Type.Optional(Uuid),
    /** …or a named person (required without an account; overrides the account's display name). */
    leaderName: Type.Optional(Type.String({ minLength: 1, maxLength: 50 })),
    leaderTitle: Type.Optional(Type.String({ maxLength: 50 })),
    /** The unit: a township, village or group region… */
    targetRegionCode: Type.Optional(RegionCode),
    /** …or a household. */
    targetHouseholdId: Type.Optional(Uuid),
    startedOn: DateSchema,
    endedOn: Type.Optional(DateSchema),
    note: Type.Optional(Type.String({ maxLength: 500 })),
  },
  { additionalProperties: false },
);
export type CreateStewardshipBody = Static<typeof CreateStewardshipBodySchema>;

export const EndStewardshipBodySchema = Type.Object({ endedOn: Type.Optional(DateSchema) }, { additionalProperties: false });
export type EndStewardshipBody = Static<typeof EndStewardshipBodySchema>;

export const VisitSchema = Type.Object({
  id: Type.String(),
  kind: enumOf(VISIT_KINDS),
  visitedOn: Type.String(),
  visitorUserId: Nullable(Type.String()),
  visitorName: Type.String(),
  stewardshipId: Nullable(Type.String()),
  householdId: Nullable(Type.String()),
  householdAddress: Nullable(Type.String()),
  regionCode: Type.String(),
  regionName: Type.String(),
  notes: Nullable(Type.String()),
  followUp: Nullable(Type.String()),
  followUpDone: Type.Boolean(),
  synthetic: Type.Boolean(),
  createdAt: Type.String(),
});
export type Visit = Static<typeof VisitSchema>;

export const VisitPageSchema = Type.Object({ items: Type.Array(VisitSchema), total: Type.Integer() });
export type VisitPage = Static<typeof VisitPageSchema>;

export const VisitQuerySchema = Type.Object({
  regionCode: Type.Optional(RegionCode),
  householdId: Type.Optional(Uuid),
  kind: Type.Optional(enumOf(VISIT_KINDS)),
  from: Type.Optional(DateSchema),
  to: Type.Optional(DateSchema),
  /** Only visits whose follow-up item is still open. */
  followUpOpen: Type.Optional(Type.Boolean()),
  ...PageFields,
});
export type VisitQuery = Static<typeof VisitQuerySchema>;

export const CreateVisitBodySchema = Type.Object(
  {
    kind: enumOf(VISIT_KINDS),
    visitedOn: DateSchema,
    /** The household visited; either this or regionCode (or both). */
    householdId: Type.Optional(Uuid),
    /** The region visited; with a household, it must contain it. */
    regionCode: Type.Optional(RegionCode),
    /** Defaults to the person recording; name someone else to record on their behalf. */
    visitorName: Type.Optional(Type.String({ minLength: 1, maxLength: 50 })),
    stewardshipId: Type.Optional(Uuid),
    notes: Type.Optional(Type.String({ maxLength: 2000 })),
    followUp: Type.Optional(Type.String({ minLength: 1, maxLength: 500 })),
  },
  { additionalProperties: false },
);
export type CreateVisitBody = Static<typeof CreateVisitBodySchema>;

export const FollowUpBodySchema = Type.Object({ done: Type.Boolean() }, { additionalProperties: false });
export type FollowUpBody = Static<typeof FollowUpBodySchema>;

export const CoverageQuerySchema = Type.Object({
  regionCode: Type.Optional(RegionCode),
  days: Type.Integer({ minimum: 1, maximum: 3650, default: 90 }),
  ...PageFields,
});
export type CoverageQuery = Static<typeof CoverageQuerySchema>;

export const UnvisitedHouseholdSchema = Type.Object({
  householdId: Type.String(),
  address: Type.String(),
  villageCode: Type.String(),
  villageName: Type.String(),
  headName: Nullable(Type.String()),
  /** The last visit ever recorded, or null when the household was never visited. */
  lastVisitedOn: Nullable(Type.String()),
  synthetic: Type.Boolean(),
});
export type UnvisitedHousehold = Static<typeof UnvisitedHouseholdSchema>;

export const CoverageReportSchema = Type.Object({
  regionCode: Type.String(),
  regionName: Type.String(),
  days: Type.Integer(),
  /** Visits on or after this date (China time) count; the window ends today. */
  since: Type.String(),
  asOf: Type.String(),
  totalHouseholds: Type.Integer(),
  visitedHouseholds: Type.Integer(),
  unvisitedHouseholds: Type.Integer(),
  /** visitedHouseholds / totalHouseholds, 0 when there are none. */
  coveredShare: Type.Number(),
  items: Type.Array(UnvisitedHouseholdSchema),
  /** = unvisitedHouseholds; the list is paged. */
  total: Type.Integer(),
});
export type CoverageReport = Static<typeof CoverageReportSchema>;
