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
  /** Head's name (names are not masked; ID and phone numbers are). */
  headName: Type.Union([Type.String(), Type.Null()]),
  memberCount: Type.Integer(),
  tags: Type.Array(Type.String()),
  synthetic: Type.Boolean(),
});
export type Household = Static<typeof HouseholdSchema>;

export const HouseholdDetailSchema = Type.Intersect([HouseholdSchema, Type.Object({ members: Type.Array(ResidentSchema) })]);
export type HouseholdDetail = Static<typeof HouseholdDetailSchema>;

export const HouseholdPageSchema = Type.Object({ items: Type.Array(HouseholdSchema), total: Type.Integer() });
export type HouseholdPage = Static<typeof HouseholdPageSchema>;

export const ResidentPageSchema = Type.Object({ items: Type.Array(ResidentSchema), total: Type.Integer() });
export type ResidentPage = Static<typeof ResidentPageSchema>;
