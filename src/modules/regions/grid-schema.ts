import { Type, type Static } from 'typebox';
import { MAX_RING_POSITIONS } from './geometry.js';

export const GRID_KINDS = ['comprehensive', 'dedicated'] as const;
export type GridKind = (typeof GRID_KINDS)[number];

/** Tags of the one grid network (多网合一): what else a grid serves. Free text is allowed; these are the usual ones. */
export const GRID_TAGS = ['party', 'comprehensive_governance', 'emergency'] as const;

export const EMPLOYMENTS = ['full_time', 'part_time'] as const;
export type Employment = (typeof EMPLOYMENTS)[number];

const GridCode = Type.String({ pattern: '^[0-9]{15}$' });
const RegionCode = Type.String({ pattern: '^[0-9]{12}$' });

/** A GeoJSON Polygon, [lng, lat] WGS-84; the service checks closure, ranges and simplicity. */
export const PolygonSchema = Type.Object(
  {
    type: Type.Literal('Polygon'),
    coordinates: Type.Array(Type.Array(Type.Array(Type.Number(), { minItems: 2, maxItems: 2 }), { minItems: 4, maxItems: MAX_RING_POSITIONS }), {
      minItems: 1,
      maxItems: 20,
    }),
  },
  { additionalProperties: false },
);
export type PolygonValue = Static<typeof PolygonSchema>;

export const GridWorkerSchema = Type.Object({
  id: Type.String(),
  /** The worker's account, when they have one. */
  userId: Type.Union([Type.String(), Type.Null()]),
  name: Type.String(),
  employment: Type.Unsafe<Employment>({ type: 'string', enum: [...EMPLOYMENTS] }),
  /** Always masked, e.g. 139****5678. */
  phoneMasked: Type.Union([Type.String(), Type.Null()]),
  synthetic: Type.Boolean(),
});
export type GridWorker = Static<typeof GridWorkerSchema>;

export const GridSchema = Type.Object({
  code: Type.String(),
  name: Type.String(),
  kind: Type.Unsafe<GridKind>({ type: 'string', enum: [...GRID_KINDS] }),
  tags: Type.Array(Type.String()),
  villageCode: Type.String(),
  villageName: Type.String(),
  /** 'urban' or 'rural': which household range applies. */
  villageKind: Type.Union([Type.String(), Type.Null()]),
  townshipCode: Type.String(),
  townshipName: Type.String(),
  boundary: PolygonSchema,
  /** [minLng, minLat, maxLng, maxLat] */
  bbox: Type.Array(Type.Number(), { minItems: 4, maxItems: 4 }),
  /** [lng, lat] */
  centroid: Type.Array(Type.Number(), { minItems: 2, maxItems: 2 }),
  areaKm2: Type.Number(),
  workers: Type.Array(GridWorkerSchema),
  synthetic: Type.Boolean(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});
export type Grid = Static<typeof GridSchema>;

export const GridListSchema = Type.Object({ items: Type.Array(GridSchema), total: Type.Integer() });
export type GridList = Static<typeof GridListSchema>;

export const GridListQuerySchema = Type.Object(
  {
    villageCode: Type.Optional(RegionCode),
    townshipCode: Type.Optional(RegionCode),
  },
  { additionalProperties: false },
);
export type GridListQuery = Static<typeof GridListQuerySchema>;

export const GridCodeParamsSchema = Type.Object({ code: GridCode });

export const GridWorkerInputSchema = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 50 }),
    employment: Type.Unsafe<Employment>({ type: 'string', enum: [...EMPLOYMENTS] }),
    userId: Type.Optional(Type.Union([Type.String({ format: 'uuid' }), Type.Null()])),
    phoneMasked: Type.Optional(Type.Union([Type.String({ pattern: '^[0-9]{3}\\*{4}[0-9]{4}$' }), Type.Null()])),
  },
  { additionalProperties: false },
);
export type GridWorkerInput = Static<typeof GridWorkerInputSchema>;

const Name = Type.String({ minLength: 1, maxLength: 100 });
const Kind = Type.Unsafe<GridKind>({ type: 'string', enum: [...GRID_KINDS] });
const Tags = Type.Array(Type.String({ pattern: '^[a-z][a-z0-9_]{0,39}$' }), { maxItems: 20, uniqueItems: true });
const Workers = Type.Array(GridWorkerInputSchema, { maxItems: 20 });
/** Households in the grid, when known; only used to warn about grid size (until the people module counts them). */
const HouseholdCount = Type.Integer({ minimum: 0, maximum: 100000 });

export const CreateGridBodySchema = Type.Object(
  {
    /** Assigned as the village's next sequence when omitted. */
    code: Type.Optional(GridCode),
    villageCode: RegionCode,
    name: Name,
    kind: Type.Optional(Kind),
    tags: Type.Optional(Tags),
    boundary: PolygonSchema,
    workers: Type.Optional(Workers),
    householdCount: Type.Optional(HouseholdCount),
  },
  { additionalProperties: false },
);
export type CreateGridBody = Static<typeof CreateGridBodySchema>;

/** Fields left out are kept as they are. */
export const UpdateGridBodySchema = Type.Object(
  {
    name: Type.Optional(Name),
    kind: Type.Optional(Kind),
    tags: Type.Optional(Tags),
    boundary: Type.Optional(PolygonSchema),
    workers: Type.Optional(Workers),
    householdCount: Type.Optional(HouseholdCount),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateGridBody = Static<typeof UpdateGridBodySchema>;

/** Something worth a second look that does not stop the save (e.g. a grid outside the usual size). */
export const GridWarningSchema = Type.Object({
  code: Type.String(),
  message: Type.String(),
  details: Type.Record(Type.String(), Type.Unknown()),
});
export type GridWarning = Static<typeof GridWarningSchema>;

export const GridSaveResultSchema = Type.Object({ grid: GridSchema, warnings: Type.Array(GridWarningSchema) });
export type GridSaveResult = Static<typeof GridSaveResultSchema>;

export const LocateQuerySchema = Type.Object(
  {
    lat: Type.Optional(Type.Number({ minimum: -90, maximum: 90 })),
    lng: Type.Optional(Type.Number({ minimum: -180, maximum: 180 })),
    address: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  },
  { additionalProperties: false },
);
export type LocateQuery = Static<typeof LocateQuerySchema>;

const CodeName = Type.Union([Type.Object({ code: Type.String(), name: Type.String() }), Type.Null()]);

/** Where a point or an address falls; null at each level that is unknown or outside the caller's scope. */
export const LocateResultSchema = Type.Object({ grid: CodeName, village: CodeName, township: CodeName });
export type LocateResult = Static<typeof LocateResultSchema>;
