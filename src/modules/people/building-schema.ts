import { Type, type Static } from 'typebox';
import { enumOf, Nullable } from '../../platform/http/schemas.js';

/** 楼栋 (a building, urban) or 院落 (a courtyard, rural). */
export const BUILDING_KINDS = ['building', 'courtyard'] as const;
export type BuildingKind = (typeof BUILDING_KINDS)[number];

export const BuildingSchema = Type.Object({
  id: Type.String(),
  villageCode: Type.String(),
  villageName: Type.String(),
  groupCode: Nullable(Type.String()),
  groupName: Nullable(Type.String()),
  gridCode: Nullable(Type.String()),
  gridName: Nullable(Type.String()),
  name: Type.String(),
  kind: enumOf(BUILDING_KINDS),
  address: Nullable(Type.String()),
  floors: Nullable(Type.Integer()),
  units: Nullable(Type.Integer()),
  /** Active households in it. */
  householdCount: Type.Integer(),
  synthetic: Type.Boolean(),
});
export type Building = Static<typeof BuildingSchema>;

export const BuildingListSchema = Type.Object({ items: Type.Array(BuildingSchema), total: Type.Integer() });
export type BuildingList = Static<typeof BuildingListSchema>;

export const BuildingQuerySchema = Type.Object({
  villageCode: Type.String({ pattern: '^[0-9]{12}$' }),
  groupCode: Type.Optional(Type.String({ pattern: '^[0-9]{15}$' })),
  gridCode: Type.Optional(Type.String({ pattern: '^[0-9]{15}$' })),
});
export type BuildingQuery = Static<typeof BuildingQuerySchema>;

const Code15 = Type.String({ pattern: '^[0-9]{15}$' });

export const CreateBuildingBodySchema = Type.Object(
  {
    villageCode: Type.String({ pattern: '^[0-9]{12}$' }),
    name: Type.String({ minLength: 1, maxLength: 50 }),
    kind: enumOf(BUILDING_KINDS),
    groupCode: Type.Optional(Code15),
    gridCode: Type.Optional(Code15),
    address: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    floors: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
    units: Type.Optional(Type.Integer({ minimum: 1, maximum: 50 })),
  },
  { additionalProperties: false },
);
export type CreateBuildingBody = Static<typeof CreateBuildingBodySchema>;

/** Fields left out stay as they are; null clears an optional one. */
export const UpdateBuildingBodySchema = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 50 })),
    kind: Type.Optional(enumOf(BUILDING_KINDS)),
    groupCode: Type.Optional(Nullable(Code15)),
    gridCode: Type.Optional(Nullable(Code15)),
    address: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 200 }))),
    floors: Type.Optional(Nullable(Type.Integer({ minimum: 1, maximum: 200 }))),
    units: Type.Optional(Nullable(Type.Integer({ minimum: 1, maximum: 50 }))),
  },
  { additionalProperties: false },
);
export type UpdateBuildingBody = Static<typeof UpdateBuildingBodySchema>;
