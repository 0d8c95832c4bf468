import { Type, type Static } from 'typebox';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

export const MapOutlinesQuerySchema = Type.Object(
  {
    /** A county, township or village (12 digits, or the county's 6) or a grid (15 digits); the actor's own region when absent. */
    regionCode: Type.Optional(Type.String({ pattern: '^[0-9]{6,15}$' })),
  },
  { additionalProperties: false },
);
export type MapOutlinesQuery = Static<typeof MapOutlinesQuerySchema>;

const LEVELS = ['county', 'township', 'village', 'grid'] as const;
const Level = Type.Unsafe<(typeof LEVELS)[number]>({ type: 'string', enum: [...LEVELS] });
/** Where an outline comes from: a reference file (the county's real outline), a stored boundary, or the hull of what lies inside. */
const OutlineSource = Type.Unsafe<'reference' | 'boundary' | 'hull'>({ type: 'string', enum: ['reference', 'boundary', 'hull'] });

const PolygonGeometry = Type.Object({
  type: Type.Literal('Polygon'),
  coordinates: Type.Array(Type.Array(Type.Array(Type.Number(), { minItems: 2, maxItems: 2 }))),
});

export const MapAreaSchema = Type.Object({ code: Type.String(), name: Type.String(), level: Level });
export type MapArea = Static<typeof MapAreaSchema>;

export const OutlineFeatureSchema = Type.Object({
  type: Type.Literal('Feature'),
  id: Type.String(),
  properties: Type.Object({
    code: Type.String(),
    name: Type.String(),
    level: Level,
    source: OutlineSource,
    /** Where to put the label: the outline's centroid. */
    labelPoint: Type.Array(Type.Number(), { minItems: 2, maxItems: 2 }),
    /** Whether the map can drill into it (a grid is the last level). */
    drillable: Type.Boolean(),
  }),
  geometry: PolygonGeometry,
});
export type OutlineFeature = Static<typeof OutlineFeatureSchema>;

export const MapOutlinesSchema = Type.Object({
  region: MapAreaSchema,
  /** From the actor's own region down to this one, for breadcrumbs. */
  trail: Type.Array(MapAreaSchema),
  /** The region's own outline: for a county its real outline when the repository carries one. */
  frame: Nullable(OutlineFeatureSchema),
  /** Its child regions (or a village's grids), thinned, as a GeoJSON FeatureCollection. */
  children: Type.Object({ type: Type.Literal('FeatureCollection'), features: Type.Array(OutlineFeatureSchema) }),
  bbox: Nullable(Type.Array(Type.Number(), { minItems: 4, maxItems: 4 })),
  /** Tile layers (XYZ URL templates) from GONGZHI_MAP_TILES; empty: outlines only, no request leaves the server's origin. */
  tiles: Type.Array(Type.String()),
  /** Attribution lines for what is drawn (the reference outline, the tile source). */
  attribution: Type.Array(Type.String()),
});
export type MapOutlines = Static<typeof MapOutlinesSchema>;
