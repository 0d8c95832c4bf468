import Flatbush from 'flatbush';
import { pointInPolygon, polygonBBox, type BBox, type Polygon } from './geometry.js';

/** What the locator needs of a grid. */
export interface LocatableGrid {
  code: string;
  villageCode: string;
  boundary: Polygon;
}

interface Entry extends LocatableGrid {
  bbox: BBox;
}

function byCode(a: LocatableGrid, b: LocatableGrid): number {
  return a.code < b.code ? -1 : a.code > b.code ? 1 : 0;
}

/**
 * Point → grid, in process: a Flatbush R-tree over the grids' bounding boxes narrows a point to
 * the few grids whose box holds it, then an exact point-in-polygon test decides. Grids do not
 * overlap, so a point strictly inside one grid is in no other; a point on a shared edge belongs
 * to the grid with the lowest code, so every answer is deterministic.
 */
export class GridIndex {
  private readonly entries: Entry[];
  private readonly tree: Flatbush | null;

  constructor(grids: readonly LocatableGrid[]) {
    this.entries = [...grids].sort(byCode).map((g) => ({ ...g, bbox: polygonBBox(g.boundary) }));
    // Flatbush refuses an empty index; a county without grids yet simply locates nothing.
    if (this.entries.length === 0) {
      this.tree = null;
      return;
    }
    // Node size 8: measured a little faster than the default 16 for 700–5,000 grids (bench/locator.ts).
    const tree = new Flatbush(this.entries.length, 8);
    for (const e of this.entries) tree.add(e.bbox[0], e.bbox[1], e.bbox[2], e.bbox[3]);
    tree.finish();
    this.tree = tree;
  }

  get size(): number {
    return this.entries.length;
  }

  /** The grid holding the point, or null. */
  locate(lng: number, lat: number): LocatableGrid | null {
    if (!this.tree) return null;
    let boundaryHit = -1;
    for (const i of this.tree.search(lng, lat, lng, lat)) {
      const where = pointInPolygon(lng, lat, this.entries[i]!.boundary);
      if (where === 'inside') return this.entries[i]!;
      if (where === 'boundary' && (boundaryHit < 0 || i < boundaryHit)) boundaryHit = i;
    }
    return boundaryHit < 0 ? null : this.entries[boundaryHit]!;
  }

  /** Grids whose bounding box meets `bbox` (candidates for an overlap test). */
  near(bbox: BBox): LocatableGrid[] {
    if (!this.tree) return [];
    return this.tree.search(bbox[0], bbox[1], bbox[2], bbox[3]).map((i) => this.entries[i]!);
  }
}

/**
 * The baseline the index is measured against: every grid in turn, bounding box first, with the
 * same edge rule as GridIndex.locate (`grids` sorted by code).
 */
export function locateLinear(grids: readonly LocatableGrid[], bboxes: readonly BBox[], lng: number, lat: number): LocatableGrid | null {
  let boundaryHit = -1;
  for (let i = 0; i < grids.length; i++) {
    const b = bboxes[i]!;
    if (lng < b[0] || lng > b[2] || lat < b[1] || lat > b[3]) continue;
    const where = pointInPolygon(lng, lat, grids[i]!.boundary);
    if (where === 'inside') return grids[i]!;
    if (where === 'boundary' && boundaryHit < 0) boundaryHit = i;
  }
  return boundaryHit < 0 ? null : grids[boundaryHit]!;
}

/** Sorts grids as the index does and computes their boxes, for locateLinear. */
export function prepareLinear(grids: readonly LocatableGrid[]): { grids: LocatableGrid[]; bboxes: BBox[] } {
  const sorted = [...grids].sort(byCode);
  return { grids: sorted, bboxes: sorted.map((g) => polygonBBox(g.boundary)) };
}

/**
 * One index per database (keyed by its Kysely instance), built from `load` together with the grid
 * network's version (a counter every grid write bumps, 0012_registry_units.sql). A lookup reuses
 * it while the version stands: this process drops it at once after its own writes
 * (invalidateGridIndex), and sees another process's writes when it next reads the version, which
 * it does at most once every VERSION_CHECK_MS.
 */
interface CachedIndex {
  version: number;
  index: Promise<GridIndex>;
  checkedAt: number;
}

const cache = new WeakMap<object, CachedIndex>();
export const VERSION_CHECK_MS = 1000;

export async function cachedGridIndex(
  key: object,
  readVersion: () => Promise<number>,
  load: () => Promise<{ version: number; grids: LocatableGrid[] }>,
): Promise<GridIndex> {
  const hit = cache.get(key);
  if (hit && Date.now() - hit.checkedAt < VERSION_CHECK_MS) return hit.index;
  if (hit) {
    const version = await readVersion();
    if (version === hit.version && cache.get(key) === hit) {
      hit.checkedAt = Date.now();
      return hit.index;
    }
  }
  const building = load();
  const entry: CachedIndex = { version: -1, index: building.then(({ grids }) => new GridIndex(grids)), checkedAt: Date.now() };
  cache.set(key, entry);
  building.then(
    ({ version }) => {
      entry.version = version;
    },
    // A failed build is forgotten so the next lookup tries again.
    () => {
      if (cache.get(key) === entry) cache.delete(key);
    },
  );
  return entry.index;
}

export function invalidateGridIndex(key: object): void {
  cache.delete(key);
}
