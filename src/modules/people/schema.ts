import { Type, type Static } from 'typebox';

/** Relation to the household head (与户主关系). */
export const RELATIONS = ['head', 'spouse', 'child', 'child_in_law', 'parent', 'grandchild', 'grandparent', 'sibling', 'other'] as const;
export type Relation = (typeof RELATIONS)[number];

export const RESIDENT_STATUSES = ['active', 'moved_out', 'deceased'] as const;
export type ResidentStatus = (typeof RESIDENT_STATUSES)[number];

/** A resident as the API shows it: ID and phone numbers masked unless revealed on purpose. */
export const ResidentSchema = Type.Object({
  id: Type.String(),
  householdId: Type.String(),
  name: Type.String(),
  relation: Type.Unsafe<Relation>({ type: 'string', enum: [...RELATIONS] }),
  sex: Type.Union([Type.Literal('male'), Type.Literal('female')]),
  birthDate: Type.String(),
  age: Type.Integer(),
  /** Masked: first 6 + last 4, e.g. 522631********1234. */
  idNumber: Type.Union([Type.String(), Type.Null()]),
  /** Masked: first 3 + last 4, e.g. 139****5678. */
  phone: Type.Union([Type.String(), Type.Null()]),
  tags: Type.Array(Type.String()),
  status: Type.Unsafe<ResidentStatus>({ type: 'string', enum: [...RESIDENT_STATUSES] }),
  villageCode: Type.String(),
  gridCode: Type.Union([Type.String(), Type.Null()]),
  synthetic: Type.Boolean(),
});
export type Resident = Static<typeof ResidentSchema>;

export const HouseholdSchema = Type.Object({
  id: Type.String(),
  address: Type.String(),
  villageCode: Type.String(),
  villageName: Type.String(),
  gridCode: Type.Union([Type.String(), Type.Null()]),
  /** The 村民小组 / 小区 / 自治单元 it belongs to. */
  groupCode: Type.Union([Type.String(), Type.Null()]),
  groupName: Type.Union([Type.String(), Type.Null()]),
  buildingId: Type.Union([Type.String(), Type.Null()]),
  buildingName: Type.Union([Type.String(), Type.Null()]),
  /** Head's name (names are not masked; ID and phone numbers are). */
  headName: Type.Union([Type.String(), Type.Null()]),
  memberCount: Type.Integer(),
  tags: Type.Array(Type.String()),
  synthetic: Type.Boolean(),
});
export type Household = Static<typeof HouseholdSchema>;

export const HouseholdDetailSchema = Type.Intersect([HouseholdSchema, Type.Object({ members: Type.Array(ResidentSchema) })]);
export type HouseholdDetail = Static<typeof HouseholdDetailSchema>;

/** What about a member a search box's text matched: the name, or a phone or ID number (its last four digits or the whole). */
export const MEMBER_MATCH_FIELDS = ['name', 'phone', 'idNumber'] as const;
export type MemberMatchField = (typeof MEMBER_MATCH_FIELDS)[number];

/** A member through whom a search found the household (names only; numbers stay masked and are not repeated). */
export const MatchedMemberSchema = Type.Object({
  name: Type.String(),
  relation: Type.Unsafe<Relation>({ type: 'string', enum: [...RELATIONS] }),
  by: Type.Unsafe<MemberMatchField>({ type: 'string', enum: [...MEMBER_MATCH_FIELDS] }),
});
export type MatchedMember = Static<typeof MatchedMemberSchema>;

/**
 * A household in a list. With a search text, matchedMembers names the active members the text
 * matched (empty when only the door address did); without one it is absent.
 */
export const HouseholdListItemSchema = Type.Intersect([HouseholdSchema, Type.Object({ matchedMembers: Type.Optional(Type.Array(MatchedMemberSchema)) })]);
export type HouseholdListItem = Static<typeof HouseholdListItemSchema>;

export const HouseholdPageSchema = Type.Object({ items: Type.Array(HouseholdListItemSchema), total: Type.Integer() });
export type HouseholdPage = Static<typeof HouseholdPageSchema>;

export const ResidentPageSchema = Type.Object({ items: Type.Array(ResidentSchema), total: Type.Integer() });
export type ResidentPage = Static<typeof ResidentPageSchema>;

const RelationSchema = Type.Unsafe<Relation>({ type: 'string', enum: [...RELATIONS] });
const DateSchema = Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' });

/** One person being registered. The ID number gives birth date and sex; without one, both are required. */
export const MemberInputSchema = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 30 }),
    relation: RelationSchema,
    idNumber: Type.Optional(Type.String({ minLength: 1, maxLength: 20 })),
    birthDate: Type.Optional(DateSchema),
    sex: Type.Optional(Type.Union([Type.Literal('male'), Type.Literal('female')])),
    phone: Type.Optional(Type.String({ minLength: 1, maxLength: 20 })),
    tags: Type.Optional(Type.Array(Type.String({ maxLength: 40 }), { maxItems: 20 })),
  },
  { additionalProperties: false },
);
export type MemberInput = Static<typeof MemberInputSchema>;

export const CreateHouseholdBodySchema = Type.Object(
  {
    villageCode: Type.String({ pattern: '^[0-9]{12}$' }),
    gridCode: Type.Optional(Type.String({ pattern: '^[0-9]{15}$' })),
    address: Type.String({ minLength: 2, maxLength: 200 }),
    groupCode: Type.Optional(Type.String({ pattern: '^[0-9]{15}$' })),
    /** A building or courtyard of the village (GET /api/v1/buildings); its group and grid are taken when not given. */
    buildingId: Type.Optional(Type.String({ format: 'uuid' })),
    /** A free-text building label, for records without a building row. */
    building: Type.Optional(Type.String({ maxLength: 50 })),
    members: Type.Array(MemberInputSchema, { minItems: 1, maxItems: 30 }),
  },
  { additionalProperties: false },
);
export type CreateHouseholdBody = Static<typeof CreateHouseholdBodySchema>;

/** Fields left out stay as they are; null takes the household out of its grid, group or building. */
export const UpdateHouseholdBodySchema = Type.Object(
  {
    address: Type.Optional(Type.String({ minLength: 2, maxLength: 200 })),
    gridCode: Type.Optional(Type.Union([Type.String({ pattern: '^[0-9]{15}$' }), Type.Null()])),
    groupCode: Type.Optional(Type.Union([Type.String({ pattern: '^[0-9]{15}$' }), Type.Null()])),
    buildingId: Type.Optional(Type.Union([Type.String({ format: 'uuid' }), Type.Null()])),
  },
  { additionalProperties: false },
);
export type UpdateHouseholdBody = Static<typeof UpdateHouseholdBodySchema>;

export const AddMemberBodySchema = Type.Object(
  {
    member: MemberInputSchema,
    kind: Type.Union([Type.Literal('born'), Type.Literal('moved_in')]),
    occurredOn: DateSchema,
  },
  { additionalProperties: false },
);
export type AddMemberBody = Static<typeof AddMemberBodySchema>;

/** Life events that change a resident's status or household. */
export const ResidentEventBodySchema = Type.Object(
  {
    kind: Type.Union([Type.Literal('moved_out'), Type.Literal('died'), Type.Literal('moved')]),
    occurredOn: DateSchema,
    /** For 'moved': the household moved into (in scope). */
    toHouseholdId: Type.Optional(Type.String({ format: 'uuid' })),
    relation: Type.Optional(RelationSchema),
    note: Type.Optional(Type.String({ maxLength: 500 })),
  },
  { additionalProperties: false },
);
export type ResidentEventBody = Static<typeof ResidentEventBodySchema>;

export const RevealBodySchema = Type.Object(
  {
    field: Type.Union([Type.Literal('idNumber'), Type.Literal('phone')]),
    reason: Type.String({ minLength: 4, maxLength: 200 }),
  },
  { additionalProperties: false },
);
export type RevealBody = Static<typeof RevealBodySchema>;

export const ResidentEventSchema = Type.Object({
  id: Type.String(),
  kind: Type.String(),
  occurredOn: Type.String(),
  householdId: Type.String(),
  details: Type.Unknown(),
  recordedAt: Type.String(),
});
export type ResidentEvent = Static<typeof ResidentEventSchema>;

export const HouseholdQuerySchema = Type.Object({
  /** A county, township, village or group (村民小组 / 小区) code. */
  regionCode: Type.Optional(Type.String({ pattern: '^[0-9]{6,15}$' })),
  gridCode: Type.Optional(Type.String({ pattern: '^[0-9]{15}$' })),
  buildingId: Type.Optional(Type.String({ format: 'uuid' })),
  q: Type.Optional(Type.String({ maxLength: 50 })),
  page: Type.Integer({ minimum: 1, default: 1 }),
  pageSize: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
});
export type HouseholdQuery = Static<typeof HouseholdQuerySchema>;

export const ResidentQuerySchema = Type.Object({
  regionCode: Type.Optional(Type.String({ pattern: '^[0-9]{6,15}$' })),
  q: Type.Optional(Type.String({ maxLength: 30 })),
  tag: Type.Optional(Type.String({ maxLength: 40 })),
  /** Exact lookup by full ID or phone number, through the keyed digest; the number is never logged. */
  idNumber: Type.Optional(Type.String({ maxLength: 20 })),
  phone: Type.Optional(Type.String({ maxLength: 20 })),
  includeInactive: Type.Optional(Type.Boolean()),
  page: Type.Integer({ minimum: 1, default: 1 }),
  pageSize: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
});
export type ResidentQuery = Static<typeof ResidentQuerySchema>;
