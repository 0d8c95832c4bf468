import { Type, type Static } from 'typebox';
import { enumOf, Nullable } from '../../platform/http/schemas.js';

export const REGION_LEVELS = ['province', 'city', 'county', 'township', 'village', 'group'] as const;
export type RegionLevel = (typeof REGION_LEVELS)[number];

export const RegionSchema = Type.Object({
  code: Type.String(),
  name: Type.String(),
  level: Type.Unsafe<RegionLevel>({ type: 'string', enum: [...REGION_LEVELS] }),
  /** village: 'urban' (社区/居委会) or 'rural' (村委会); township: 'subdistrict' | 'town' | 'township'. */
  kind: Type.Union([Type.String(), Type.Null()]),
  parentCode: Type.Union([Type.String(), Type.Null()]),
  childCount: Type.Integer(),
  /** What the region holds: active households, residents and party members, and grids. Null where not counted (a group's party members and grids). */
  counts: Type.Object({
    households: Type.Integer(),
    residents: Type.Integer(),
    partyMembers: Nullable(Type.Integer()),
    grids: Nullable(Type.Integer()),
  }),
  /** A village's boundary (GeoJSON Polygon) when drawn; grids of the village must lie inside it. */
  boundary: Nullable(Type.Unknown()),
  synthetic: Type.Boolean(),
});
export type Region = Static<typeof RegionSchema>;

/** A region as a picker lists it: no counts, so a whole county's villages come in one small answer. */
export const RegionPlaceSchema = Type.Object({
  code: Type.String(),
  name: Type.String(),
  level: Type.Unsafe<RegionLevel>({ type: 'string', enum: [...REGION_LEVELS] }),
  parentCode: Type.Union([Type.String(), Type.Null()]),
});
export type RegionPlace = Static<typeof RegionPlaceSchema>;

export const RegionCodeParamsSchema = Type.Object({
  code: Type.String({ pattern: '^[0-9]{6,15}$' }),
});

/** Below a village: 村民小组 / 湾 / 寨, 小区 (residential compound), 自治单元 (self-governance unit). */
export const GROUP_KINDS = ['villager_group', 'compound', 'self_governance_unit'] as const;
export type GroupKind = (typeof GROUP_KINDS)[number];

export const CreateGroupBodySchema = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 50 }),
    kind: enumOf(GROUP_KINDS),
    /** 15 digits: the village code + a 3-digit sequence not used by its grids or groups; the next free one when left out. */
    code: Type.Optional(Type.String({ pattern: '^[0-9]{15}$' })),
  },
  { additionalProperties: false },
);
export type CreateGroupBody = Static<typeof CreateGroupBodySchema>;

export const UpdateGroupBodySchema = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 50 })),
    kind: Type.Optional(enumOf(GROUP_KINDS)),
  },
  { additionalProperties: false },
);
export type UpdateGroupBody = Static<typeof UpdateGroupBodySchema>;

export const VillageBoundaryBodySchema = Type.Object(
  {
    /** A GeoJSON Polygon ([lng, lat], WGS-84), or null to remove the boundary. */
    boundary: Type.Union([Type.Object({ type: Type.Literal('Polygon'), coordinates: Type.Array(Type.Array(Type.Array(Type.Number()))) }), Type.Null()]),
  },
  { additionalProperties: false },
);
export type VillageBoundaryBody = Static<typeof VillageBoundaryBodySchema>;
