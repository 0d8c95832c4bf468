import { Type, type Static } from 'typebox';
import { enumOf, Nullable } from '../../platform/http/schemas.js';

/**
 * Kinds of party organization, top down: 县委 › 乡镇党委 › 社区大党委 / 村党支部 / 党总支 ›
 * 小区党支部 / 村民小组党小组 › 楼栋党小组.
 */
export const PARTY_ORG_KINDS = [
  'county_committee',
  'township_committee',
  'community_committee',
  'village_branch',
  'general_branch',
  'compound_branch',
  'group_party_group',
  'building_group',
] as const;
export type PartyOrgKind = (typeof PARTY_ORG_KINDS)[number];

export const MEMBER_STATUSES = ['formal', 'probationary'] as const;
export type MemberStatus = (typeof MEMBER_STATUSES)[number];

/** 党员联户 (a member looks after N households) / 十联户 (ten households under a liaison head). */
export const MEMBER_END_REASONS = ['transferred_out', 'deceased', 'left'] as const;
export type MemberEndReason = (typeof MEMBER_END_REASONS)[number];

export const LIAISON_KINDS = ['party_liaison', 'ten_household'] as const;
export type LiaisonKind = (typeof LIAISON_KINDS)[number];

export const DateSchema = Type.String({ format: 'date' });
const Uuid = Type.String({ format: 'uuid' });
const RegionCode = Type.String({ pattern: '^[0-9]{6,15}$' });
const PageFields = {
  page: Type.Integer({ minimum: 1, default: 1 }),
  pageSize: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
};

export const PartyOrgSchema = Type.Object({
  id: Type.String(),
  code: Type.String(),
  name: Type.String(),
  kind: enumOf(PARTY_ORG_KINDS),
  parentId: Nullable(Type.String()),
  regionCode: Type.String(),
  regionName: Type.String(),
  /** Current members of this organization itself (not of the ones below it). */
  memberCount: Type.Integer(),
  /** Set when the organization was dissolved (撤销); dissolved ones leave the tree. */
  dissolvedOn: Nullable(Type.String()),
  dissolveReason: Nullable(Type.String()),
  synthetic: Type.Boolean(),
});
export type PartyOrg = Static<typeof PartyOrgSchema>;

/** A node of the organization tree with its children, nested. */
export type PartyOrgNode = PartyOrg & { children: PartyOrgNode[] };

/**
 * The kinds allow at most five levels (county committee › township committee › community
 * committee › compound branch › building group), so the nested schema is spelled out five deep
 * rather than made cyclic; the serializer and the OpenAPI document both handle it plainly.
 */
function orgNodeSchema(depth: number): ReturnType<typeof Type.Object> {
  const children = depth <= 1 ? Type.Array(Type.Unknown(), { maxItems: 0 }) : Type.Array(orgNodeSchema(depth - 1));
  return Type.Object({ ...PartyOrgSchema.properties, children });
}
export const PartyOrgTreeSchema = Type.Object({ roots: Type.Array(orgNodeSchema(5)), total: Type.Integer() });
export type PartyOrgTree = { roots: PartyOrgNode[]; total: number };

export const PartyOrgDetailSchema = Type.Object({
  ...PartyOrgSchema.properties,
  parentName: Nullable(Type.String()),
  /** Members of this organization and every organization below it. */
  totalMemberCount: Type.Integer(),
  probationaryCount: Type.Integer(),
  centralHouseholdCount: Type.Integer(),
  childCount: Type.Integer(),
});
export type PartyOrgDetail = Static<typeof PartyOrgDetailSchema>;

export const OrgTreeQuerySchema = Type.Object({ regionCode: Type.Optional(RegionCode) });
export type OrgTreeQuery = Static<typeof OrgTreeQuerySchema>;

export const CreatePartyOrgBodySchema = Type.Object(
  {
    code: Type.String({ pattern: '^[0-9A-Za-z-]{2,40}$' }),
    name: Type.String({ minLength: 2, maxLength: 100 }),
    kind: enumOf(PARTY_ORG_KINDS),
    parentId: Type.Optional(Uuid),
    regionCode: RegionCode,
  },
  { additionalProperties: false },
);
export type CreatePartyOrgBody = Static<typeof CreatePartyOrgBodySchema>;

/** Rename an organization or move it under another parent (fields left out stay). */
export const UpdatePartyOrgBodySchema = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 2, maxLength: 100 })),
    parentId: Type.Optional(Uuid),
  },
  { additionalProperties: false },
);
export type UpdatePartyOrgBody = Static<typeof UpdatePartyOrgBodySchema>;

export const DissolvePartyOrgBodySchema = Type.Object(
  {
    reason: Type.String({ minLength: 4, maxLength: 200 }),
    dissolvedOn: Type.Optional(DateSchema),
  },
  { additionalProperties: false },
);
export type DissolvePartyOrgBody = Static<typeof DissolvePartyOrgBodySchema>;

/** 转正, 党员中心户 on or off, or transfer to another organization in scope. */
export const UpdatePartyMemberBodySchema = Type.Object(
  {
    status: Type.Optional(enumOf(MEMBER_STATUSES)),
    centralHousehold: Type.Optional(Type.Boolean()),
    orgId: Type.Optional(Uuid),
  },
  { additionalProperties: false },
);
export type UpdatePartyMemberBody = Static<typeof UpdatePartyMemberBodySchema>;

export const EndPartyMemberBodySchema = Type.Object(
  {
    reason: enumOf(MEMBER_END_REASONS),
    endedOn: Type.Optional(DateSchema),
    note: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
);
export type EndPartyMemberBody = Static<typeof EndPartyMemberBodySchema>;

export const PartyMemberSchema = Type.Object({
  id: Type.String(),
  orgId: Type.String(),
  orgName: Type.String(),
  residentId: Type.String(),
  householdId: Type.String(),
  /** Names are shown; ID and phone numbers never leave through this module. */
  name: Type.String(),
  sex: Type.Union([Type.Literal('male'), Type.Literal('female')]),
  villageCode: Type.String(),
  status: enumOf(MEMBER_STATUSES),
  joinedOn: Type.String(),
  centralHousehold: Type.Boolean(),
  /** Households this member currently links to (either kind). */
  liaisonCount: Type.Integer(),
  /** Set when the membership ended: 组织关系转出 (transferred_out), 去世 (deceased), 出党 (left). */
  endedOn: Nullable(Type.String()),
  endReason: Nullable(enumOf(MEMBER_END_REASONS)),
  endNote: Nullable(Type.String()),
  synthetic: Type.Boolean(),
});
export type PartyMember = Static<typeof PartyMemberSchema>;

export const PartyMemberPageSchema = Type.Object({ items: Type.Array(PartyMemberSchema), total: Type.Integer() });
export type PartyMemberPage = Static<typeof PartyMemberPageSchema>;

export const MemberQuerySchema = Type.Object({
  /** Also list members of the organizations below this one. */
  includeSubOrgs: Type.Optional(Type.Boolean()),
  status: Type.Optional(enumOf(MEMBER_STATUSES)),
  centralHousehold: Type.Optional(Type.Boolean()),
  q: Type.Optional(Type.String({ maxLength: 30 })),
  /** Also list memberships that have ended. */
  includeEnded: Type.Optional(Type.Boolean()),
  ...PageFields,
});
export type MemberQuery = Static<typeof MemberQuerySchema>;

export const AddPartyMemberBodySchema = Type.Object(
  {
    residentId: Uuid,
    status: enumOf(MEMBER_STATUSES),
    joinedOn: DateSchema,
    centralHousehold: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type AddPartyMemberBody = Static<typeof AddPartyMemberBodySchema>;

export const LiaisonSchema = Type.Object({
  id: Type.String(),
  kind: enumOf(LIAISON_KINDS),
  /** The member who links, or null when a liaison head who is not a member does. */
  memberId: Nullable(Type.String()),
  liaisonResidentId: Type.String(),
  liaisonName: Type.String(),
  householdId: Type.String(),
  householdAddress: Type.String(),
  householdHeadName: Nullable(Type.String()),
  villageCode: Type.String(),
  startedOn: Type.String(),
  endedOn: Nullable(Type.String()),
  synthetic: Type.Boolean(),
});
export type Liaison = Static<typeof LiaisonSchema>;

export const LiaisonPageSchema = Type.Object({ items: Type.Array(LiaisonSchema), total: Type.Integer() });
export type LiaisonPage = Static<typeof LiaisonPageSchema>;

export const LiaisonQuerySchema = Type.Object({
  regionCode: Type.Optional(RegionCode),
  /** Links of this organization's members. */
  orgId: Type.Optional(Uuid),
  memberId: Type.Optional(Uuid),
  headResidentId: Type.Optional(Uuid),
  householdId: Type.Optional(Uuid),
  kind: Type.Optional(enumOf(LIAISON_KINDS)),
  includeEnded: Type.Optional(Type.Boolean()),
  ...PageFields,
});
export type LiaisonQuery = Static<typeof LiaisonQuerySchema>;

export const CreateLiaisonsBodySchema = Type.Object(
  {
    kind: enumOf(LIAISON_KINDS),
    /** Either a party member… */
    memberId: Type.Optional(Uuid),
    /** …or a liaison head (联户长), a resident who need not be a member. */
    headResidentId: Type.Optional(Uuid),
    householdIds: Type.Array(Uuid, { minItems: 1, maxItems: 50 }),
    startedOn: Type.Optional(DateSchema),
  },
  { additionalProperties: false },
);
export type CreateLiaisonsBody = Static<typeof CreateLiaisonsBodySchema>;

export const EndLiaisonBodySchema = Type.Object({ endedOn: Type.Optional(DateSchema) }, { additionalProperties: false });
export type EndLiaisonBody = Static<typeof EndLiaisonBodySchema>;

export const ServiceHoursSchema = Type.Object({
  id: Type.String(),
  servedOn: Type.String(),
  hours: Type.Number(),
  activity: Type.String(),
  synthetic: Type.Boolean(),
});
export type ServiceHours = Static<typeof ServiceHoursSchema>;

export const EmbeddedMemberSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  workUnit: Type.String(),
  position: Nullable(Type.String()),
  villageCode: Type.String(),
  villageName: Type.String(),
  reportedOn: Type.String(),
  totalHours: Type.Number(),
  recordCount: Type.Integer(),
  synthetic: Type.Boolean(),
});
export type EmbeddedMember = Static<typeof EmbeddedMemberSchema>;

export const EmbeddedMemberDetailSchema = Type.Object({ ...EmbeddedMemberSchema.properties, hours: Type.Array(ServiceHoursSchema) });
export type EmbeddedMemberDetail = Static<typeof EmbeddedMemberDetailSchema>;

export const EmbeddedMemberPageSchema = Type.Object({ items: Type.Array(EmbeddedMemberSchema), total: Type.Integer(), totalHours: Type.Number() });
export type EmbeddedMemberPage = Static<typeof EmbeddedMemberPageSchema>;

export const EmbeddedQuerySchema = Type.Object({ regionCode: Type.Optional(RegionCode), q: Type.Optional(Type.String({ maxLength: 30 })), ...PageFields });
export type EmbeddedQuery = Static<typeof EmbeddedQuerySchema>;

export const CreateEmbeddedMemberBodySchema = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 30 }),
    workUnit: Type.String({ minLength: 2, maxLength: 100 }),
    position: Type.Optional(Type.String({ maxLength: 50 })),
    /** The community (or village) the member reports to. */
    villageCode: Type.String({ pattern: '^[0-9]{12}$' }),
    reportedOn: DateSchema,
  },
  { additionalProperties: false },
);
export type CreateEmbeddedMemberBody = Static<typeof CreateEmbeddedMemberBodySchema>;

export const AddServiceHoursBodySchema = Type.Object(
  {
    servedOn: DateSchema,
    hours: Type.Number({ exclusiveMinimum: 0, maximum: 24, multipleOf: 0.5 }),
    activity: Type.String({ minLength: 2, maxLength: 200 }),
  },
  { additionalProperties: false },
);
export type AddServiceHoursBody = Static<typeof AddServiceHoursBodySchema>;
