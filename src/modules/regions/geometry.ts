/**
 * Planar geometry on GeoJSON polygons, in-process (no PostGIS: PGlite has none). Coordinates are
 * [lng, lat] degrees, treated as a plane: at a county's size (tens of km) and for the questions
 * asked here — which grid holds a point, do two grids overlap — that is exact enough, since both
 * answers depend only on the order of points along edges, which the plate carrée keeps.
 *
 * Predicates use plain float arithmetic. Shared edges of neighbouring grids must therefore share
 * their vertices (or lie on one axis-parallel line, as the synthetic demo tiles do); a T-junction on
 * a slanted edge can be judged a hair inside its neighbour.
 */

/** [lng, lat] */
export type Position = [number, number];
export type Ring = Position[];
export interface Polygon {
  type: 'Polygon';
  /** Outer ring first, then holes. Each ring is closed: its last position equals its first. */
  coordinates: Ring[];
}
/** [minLng, minLat, maxLng, maxLat], as GeoJSON writes a bbox. */
export type BBox = [number, number, number, number];
export type PointLocation = 'inside' | 'outside' | 'boundary';

/** Stored precision: 7 decimals of a degree is about 1 cm, GeoJSON's usual precision. */
const PRECISION = 1e7;
/** Big enough for any hand-drawn or imported grid; keeps the O(n²) simplicity check cheap. */
export const MAX_RING_POSITIONS = 2000;

/** > 0 when c is left of a→b, < 0 right, 0 on the line. */
export function orient(ax: number, ay: number, bx: number, by: number, cx: number, cy: number): number {
  return (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);
}

function within(v: number, a: number, b: number): boolean {
  return a <= b ? v >= a && v <= b : v >= b && v <= a;
}

/** Shoelace area; positive for a counter-clockwise ring. Relative to the first vertex to keep precision. */
export function ringSignedArea(ring: Ring): number {
  const [x0, y0] = ring[0]!;
  let sum = 0;
  for (let i = 1; i < ring.length - 2; i++) {
    const [x1, y1] = ring[i]!;
    const [x2, y2] = ring[i + 1]!;
    sum += (x1 - x0) * (y2 - y0) - (x2 - x0) * (y1 - y0);
  }
  return sum / 2;
}

/** Area in square degrees: outer ring minus holes. */
export function polygonArea(p: Polygon): number {
  const [outer, ...holes] = p.coordinates;
  return Math.abs(ringSignedArea(outer!)) - holes.reduce((s, h) => s + Math.abs(ringSignedArea(h)), 0);
}

/** Approximate area in km² (equirectangular scale at the centroid's latitude). */
export function polygonAreaKm2(p: Polygon): number {
  const [, lat] = polygonCentroid(p);
  return polygonArea(p) * 110.574 * 111.32 * Math.cos((lat * Math.PI) / 180);
}

export function polygonBBox(p: Polygon): BBox {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const [x, y] of p.coordinates[0]!) {
    if (x < minX) minX = x;
    if (x > maxX) maxX = x;
    if (y < minY) minY = y;
    if (y > maxY) maxY = y;
  }
  return [minX, minY, maxX, maxY];
}

/** Area-weighted centroid (holes subtract). May lie outside a non-convex polygon. */
export function polygonCentroid(p: Polygon): Position {
  const [x0, y0] = p.coordinates[0]![0]!;
  let area = 0;
  let cx = 0;
  let cy = 0;
  for (const ring of p.coordinates) {
    // Outer and holes alike: |signed area| of the outer counts, holes count negatively.
    const sign = ring === p.coordinates[0] ? Math.sign(ringSignedArea(ring)) : -Math.sign(ringSignedArea(ring));
    for (let i = 0; i < ring.length - 1; i++) {
      const xa = ring[i]![0] - x0;
      const ya = ring[i]![1] - y0;
      const xb = ring[i + 1]![0] - x0;
      const yb = ring[i + 1]![1] - y0;
      const cross = (xa * yb - xb * ya) * sign;
      area += cross;
      cx += (xa + xb) * cross;
      cy += (ya + yb) * cross;
    }
  }
  if (area === 0) return [x0, y0];
  return [x0 + cx / (3 * area), y0 + cy / (3 * area)];
}

/** Ray casting (a ray to +x), with points on an edge or vertex reported as 'boundary'. */
export function pointInRing(x: number, y: number, ring: Ring): PointLocation {
  let inside = false;
  for (let i = 0, n = ring.length - 1; i < n; i++) {
    const a = ring[i]!;
    const b = ring[i + 1]!;
    const ay = a[1];
    const by = b[1];
    if ((y < ay && y < by) || (y > ay && y > by)) continue;
    const ax = a[0];
    const bx = b[0];
    const o = orient(ax, ay, bx, by, x, y);
    if (o === 0 && within(x, ax, bx)) return 'boundary';
    // Half-open rule on y so a ray through a vertex counts it once; o's sign says which side x is.
    if (ay > y !== by > y && o > 0 === by > ay) inside = !inside;
  }
  return inside ? 'inside' : 'outside';
}

/** Where a point lies relative to a polygon with holes; a hole's edge is boundary, its inside is outside. */
export function pointInPolygon(x: number, y: number, p: Polygon): PointLocation {
  const rings = p.coordinates;
  const outer = pointInRing(x, y, rings[0]!);
  if (outer !== 'inside') return outer;
  for (let i = 1; i < rings.length; i++) {
    const hole = pointInRing(x, y, rings[i]!);
    if (hole === 'boundary') return 'boundary';
    if (hole === 'inside') return 'outside';
  }
  return 'inside';
}

/** Whether two closed segments share any point (crossing, touching or overlapping). */
export function segmentsTouch(a: Position, b: Position, c: Position, d: Position): boolean {
  const d1 = orient(c[0], c[1], d[0], d[1], a[0], a[1]);
  const d2 = orient(c[0], c[1], d[0], d[1], b[0], b[1]);
  const d3 = orient(a[0], a[1], b[0], b[1], c[0], c[1]);
  const d4 = orient(a[0], a[1], b[0], b[1], d[0], d[1]);
  if (((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0))) return true;
  const on = (o: number, p: Position, s: Position, e: Position) => o === 0 && within(p[0], s[0], e[0]) && within(p[1], s[1], e[1]);
  return on(d1, a, c, d) || on(d2, b, c, d) || on(d3, c, a, b) || on(d4, d, a, b);
}

function segmentBoxesMeet(a: Position, b: Position, c: Position, d: Position): boolean {
  return (
    Math.max(a[0], b[0]) >= Math.min(c[0], d[0]) &&
    Math.max(c[0], d[0]) >= Math.min(a[0], b[0]) &&
    Math.max(a[1], b[1]) >= Math.min(c[1], d[1]) &&
    Math.max(c[1], d[1]) >= Math.min(a[1], b[1])
  );
}

/** A ring is simple when only consecutive edges meet, at their shared vertex, without folding back. */
function ringIsSimple(ring: Ring): boolean {
  const n = ring.length - 1; // edges
  for (let i = 0; i < n; i++) {
    const a = ring[i]!;
    const b = ring[i + 1]!;
    // The next edge must not fold back over this one (a spike).
    const c = ring[(i + 2) % n]!;
    if (orient(a[0], a[1], b[0], b[1], c[0], c[1]) === 0 && (b[0] - a[0]) * (c[0] - b[0]) + (b[1] - a[1]) * (c[1] - b[1]) < 0) return false;
    for (let j = i + 2; j < n; j++) {
      if (i === 0 && j === n - 1) continue; // first and last edges share the closing vertex
      const c2 = ring[j]!;
      const d2 = ring[j + 1]!;
      if (segmentBoxesMeet(a, b, c2, d2) && segmentsTouch(a, b, c2, d2)) return false;
    }
  }
  return true;
}

function ringsTouch(r: Ring, s: Ring): boolean {
  for (let i = 0; i < r.length - 1; i++) {
    for (let j = 0; j < s.length - 1; j++) {
      if (segmentBoxesMeet(r[i]!, r[i + 1]!, s[j]!, s[j + 1]!) && segmentsTouch(r[i]!, r[i + 1]!, s[j]!, s[j + 1]!)) return true;
    }
  }
  return false;
}

export type PolygonCheck = { ok: true; polygon: Polygon } | { ok: false; reason: string };

function ringName(i: number): string {
  return i === 0 ? '外环' : `第 ${i} 个内环`;
}

/**
 * Validates a GeoJSON Polygon and returns it normalized: coordinates rounded to 7 decimals,
 * repeated consecutive positions dropped, outer ring counter-clockwise and holes clockwise
 * (RFC 7946). Refuses unclosed rings, rings under 4 positions, non-finite or out-of-range
 * coordinates, self-intersecting or zero-area rings, and holes that touch each other or the
 * outer ring or lie outside it (stricter than OGC, which lets rings touch at one point).
 */
export function normalizePolygon(input: unknown): PolygonCheck {
  const g = input as { type?: unknown; coordinates?: unknown } | null;
  if (!g || typeof g !== 'object' || g.type !== 'Polygon' || !Array.isArray(g.coordinates)) return { ok: false, reason: '应为 GeoJSON Polygon' };
  if (g.coordinates.length === 0) return { ok: false, reason: '至少需要一个外环' };
  const rings: Ring[] = [];
  for (const [ri, raw] of (g.coordinates as unknown[]).entries()) {
    if (!Array.isArray(raw) || raw.length < 4) return { ok: false, reason: `${ringName(ri)}至少需要 4 个坐标（首尾相同）` };
    if (raw.length > MAX_RING_POSITIONS) return { ok: false, reason: `${ringName(ri)}坐标过多（最多 ${MAX_RING_POSITIONS} 个）` };
    const ring: Ring = [];
    for (const pos of raw as unknown[]) {
      if (!Array.isArray(pos) || pos.length !== 2) return { ok: false, reason: '坐标应为 [经度, 纬度]' };
      const [x, y] = pos as unknown[];
      if (typeof x !== 'number' || typeof y !== 'number' || !Number.isFinite(x) || !Number.isFinite(y)) return { ok: false, reason: '坐标必须是有限数字' };
      if (x < -180 || x > 180) return { ok: false, reason: `经度 ${x} 超出 [-180, 180]` };
      if (y < -90 || y > 90) return { ok: false, reason: `纬度 ${y} 超出 [-90, 90]` };
      ring.push([Math.round(x * PRECISION) / PRECISION, Math.round(y * PRECISION) / PRECISION]);
    }
    const first = raw[0] as number[];
    const last = raw[raw.length - 1] as number[];
    if (first[0] !== last[0] || first[1] !== last[1]) return { ok: false, reason: `${ringName(ri)}未闭合（首尾坐标应相同）` };
    const deduped = ring.filter((p, i) => i === 0 || p[0] !== ring[i - 1]![0] || p[1] !== ring[i - 1]![1]);
    if (deduped.length < 4) return { ok: false, reason: `${ringName(ri)}至少需要 3 个不同的顶点` };
    if (!ringIsSimple(deduped)) return { ok: false, reason: `${ringName(ri)}自相交` };
    const area = ringSignedArea(deduped);
    if (area === 0) return { ok: false, reason: `${ringName(ri)}面积为零` };
    // RFC 7946: exterior counter-clockwise, holes clockwise.
    if ((ri === 0) !== area > 0) deduped.reverse();
    rings.push(deduped);
  }
  for (let i = 1; i < rings.length; i++) {
    if (ringsTouch(rings[0]!, rings[i]!)) return { ok: false, reason: `${ringName(i)}与外环相交或相接` };
    if (pointInRing(rings[i]![0]![0], rings[i]![0]![1], rings[0]!) !== 'inside') return { ok: false, reason: `${ringName(i)}不在外环之内` };
    for (let j = 1; j < i; j++) {
      if (ringsTouch(rings[i]!, rings[j]!)) return { ok: false, reason: `${ringName(i)}与${ringName(j)}相交或相接` };
      const [xi, yi] = rings[i]![0]!;
      const [xj, yj] = rings[j]![0]!;
      if (pointInRing(xi, yi, rings[j]!) !== 'outside' || pointInRing(xj, yj, rings[i]!) !== 'outside') {
        return { ok: false, reason: `${ringName(i)}与${ringName(j)}互相包含` };
      }
    }
  }
  return { ok: true, polygon: { type: 'Polygon', coordinates: rings } };
}

export function bboxesOverlap(a: BBox, b: BBox): boolean {
  // Strict: boxes that only touch cannot hold polygons whose interiors meet.
  return a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3];
}

interface Shared {
  lo: number;
  hi: number;
  /** The two edges run the same way, so (both rings being oriented) the interiors are on the same side. */
  same: boolean;
}

/**
 * Where polygon `other`'s edges meet edge p→q, as parameters t in [0, 1] along it (0 and 1
 * included), with the stretches the two boundaries share; or `crosses` when an edge of `other`
 * properly crosses p→q (then p→q has parts on both sides, and the cuts are not needed).
 */
function cutEdge(p: Position, q: Position, other: Polygon): { crosses: boolean; cuts: number[]; shared: Shared[] } {
  const cuts: number[] = [0, 1];
  const shared: Shared[] = [];
  const dx = q[0] - p[0];
  const dy = q[1] - p[1];
  const len2 = dx * dx + dy * dy;
  const param = (r: Position) => ((r[0] - p[0]) * dx + (r[1] - p[1]) * dy) / len2;
  for (const ring of other.coordinates) {
    for (let j = 0; j < ring.length - 1; j++) {
      const r = ring[j]!;
      const s = ring[j + 1]!;
      if (!segmentBoxesMeet(p, q, r, s)) continue;
      const d1 = orient(r[0], r[1], s[0], s[1], p[0], p[1]);
      const d2 = orient(r[0], r[1], s[0], s[1], q[0], q[1]);
      const d3 = orient(p[0], p[1], q[0], q[1], r[0], r[1]);
      const d4 = orient(p[0], p[1], q[0], q[1], s[0], s[1]);
      if (d3 === 0 && d4 === 0) {
        const tr = param(r);
        const ts = param(s);
        const lo = Math.max(0, Math.min(tr, ts));
        const hi = Math.min(1, Math.max(tr, ts));
        if (lo < hi) {
          cuts.push(lo, hi);
          shared.push({ lo, hi, same: dx * (s[0] - r[0]) + dy * (s[1] - r[1]) > 0 });
        } else if (lo === hi) cuts.push(lo);
        continue;
      }
      if (((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0))) return { crosses: true, cuts, shared };
      if (d3 === 0 && within(r[0], p[0], q[0]) && within(r[1], p[1], q[1])) cuts.push(param(r));
      if (d4 === 0 && within(s[0], p[0], q[0]) && within(s[1], p[1], q[1])) cuts.push(param(s));
    }
  }
  return { crosses: false, cuts: cuts.sort((x, y) => x - y), shared };
}

/** The pieces of p→q between consecutive cuts, each as its midpoint and its stretch [t0, t1]. */
function* pieces(p: Position, q: Position, cuts: number[]): Generator<{ mid: Position; t0: number; t1: number }> {
  for (let k = 0; k < cuts.length - 1; k++) {
    const t0 = cuts[k]!;
    const t1 = cuts[k + 1]!;
    if (!(t1 > t0)) continue;
    const t = (t0 + t1) / 2;
    yield { mid: [p[0] + (q[0] - p[0]) * t, p[1] + (q[1] - p[1]) * t], t0, t1 };
  }
}

/**
 * Whether any part of edge p→q lies in the interior of polygon `other`. The edge is cut where
 * `other`'s edges meet it; each piece is then wholly inside, outside or along `other`'s boundary.
 * A piece along the boundary counts when both edges run the same way (interiors on one side).
 */
function edgeEntersInterior(p: Position, q: Position, other: Polygon): boolean {
  const { crosses, cuts, shared } = cutEdge(p, q, other);
  if (crosses) return true; // just past a proper crossing the edge is inside `other`
  for (const { mid, t0, t1 } of pieces(p, q, cuts)) {
    const along = shared.find((s) => s.lo <= t0 && t1 <= s.hi);
    if (along) {
      if (along.same) return true;
      continue;
    }
    if (pointInPolygon(mid[0], mid[1], other) === 'inside') return true;
  }
  return false;
}

function anyEdgeEnters(a: Polygon, b: Polygon): boolean {
  for (const ring of a.coordinates) {
    for (let i = 0; i < ring.length - 1; i++) {
      if (edgeEntersInterior(ring[i]!, ring[i + 1]!, b)) return true;
    }
  }
  return false;
}

/**
 * Exact polygon–polygon overlap test: true when the interiors share any area. Touching edges or
 * vertices do not overlap; containment, identical polygons and crossing edges do. Both polygons
 * must be valid and oriented as normalizePolygon leaves them.
 *
 * Why it is complete: if the interiors meet, the boundary of their intersection is made of parts
 * of one polygon's boundary lying in the other's closure; such a part is either inside the other's
 * interior (found by the midpoint test) or along its boundary with both interiors on one side
 * (found by comparing edge directions).
 */
export function polygonsOverlap(a: Polygon, b: Polygon): boolean {
  if (!bboxesOverlap(polygonBBox(a), polygonBBox(b))) return false;
  return anyEdgeEnters(a, b) || anyEdgeEnters(b, a);
}

/** Whether any part of edge p→q lies outside polygon `outer` (pieces along its boundary stay in). */
function edgeLeaves(p: Position, q: Position, outer: Polygon): boolean {
  const { crosses, cuts } = cutEdge(p, q, outer);
  if (crosses) return true; // on one side of a proper crossing the edge is outside
  for (const { mid } of pieces(p, q, cuts)) if (pointInPolygon(mid[0], mid[1], outer) === 'outside') return true;
  return false;
}

/**
 * Whether `inner` lies wholly within `outer` (sharing boundary allowed): no edge of `inner` leaves
 * `outer`, and no hole of `outer` sits inside `inner`. Used for "a grid lies inside its village".
 */
export function polygonWithin(inner: Polygon, outer: Polygon): boolean {
  const a = polygonBBox(inner);
  const b = polygonBBox(outer);
  if (a[0] < b[0] || a[1] < b[1] || a[2] > b[2] || a[3] > b[3]) return false;
  for (const ring of inner.coordinates) {
    for (let i = 0; i < ring.length - 1; i++) if (edgeLeaves(ring[i]!, ring[i + 1]!, outer)) return false;
  }
  for (const hole of outer.coordinates.slice(1)) {
    if (hole.some(([x, y]) => pointInPolygon(x, y, inner) === 'inside')) return false;
  }
  return true;
}
