import type { ColumnType, Generated } from 'kysely';

/** A GeoJSON value in a jsonb column: read as an object, written as its JSON text. */
type JsonObject<T> = ColumnType<T, string, string>;

export interface GridBoundaryJson {
  type: 'Polygon';
  coordinates: [number, number][][];
}

export interface GridsTable {
  code: string;
  village_code: string;
  path: string;
  name: string;
  kind: 'comprehensive' | 'dedicated';
  tags: ColumnType<string[], string[] | undefined, string[]>;
  boundary: JsonObject<GridBoundaryJson>;
  min_lng: number;
  min_lat: number;
  max_lng: number;
  max_lat: number;
  centroid_lng: number;
  centroid_lat: number;
  synthetic: ColumnType<boolean, boolean | undefined, boolean>;
  created_at: ColumnType<Date, Date | string | undefined, Date | string>;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface GridWorkersTable {
  id: string;
  grid_code: string;
  user_id: string | null;
  name: string;
  employment: 'full_time' | 'part_time';
  phone_masked: string | null;
  synthetic: ColumnType<boolean, boolean | undefined, boolean>;
  created_at: Generated<Date>;
}

/** Per-village counts kept by triggers (0012_registry_units.sql); read only. */
export interface RegionTalliesTable {
  village_code: string;
  households: number;
  residents: number;
  party_members: number;
}

/** Tables owned by the regions module beyond `regions` itself (grids and their workers, tallies, the network's version). */
export interface GridTables {
  grids: GridsTable;
  grid_workers: GridWorkersTable;
  region_tallies: RegionTalliesTable;
  grid_network_version: { id: boolean; version: ColumnType<number, never, never> };
}
