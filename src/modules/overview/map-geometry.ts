import type { Polygon } from '../regions/index.js';

// Outline arithmetic for the command map: a region's outline from its parts (a convex hull), and
// thinning (Douglas–Peucker) so a county's children cross the wire in a few kilobytes. Planar on
// [lng, lat] degrees, as the regions module's geometry is: exact enough at a county's size.

type Position = [number, number];

const cross = (o: Position, a: Position, b: Position) => (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);

/**
 * The convex hull of every outer-ring vertex of `parts` (Andrew's monotone chain), closed and
 * counter-clockwise, or null for fewer than three distinct points. A township's outline when the
 * database stores only its villages: exact for the demo, whose townships are rectangles tiled by
 * village rectangles; for a concave township it is the hull, which docs/OVERVIEW.md says.
 */
export function hullOf(parts: readonly Polygon[]): Polygon | null {
  const seen = new Set<string>();
  const pts: Position[] = [];
  for (const p of parts) {
    for (const [x, y] of p.coordinates[0] ?? []) {
      const key = `${x},${y}`;
      if (seen.has(key)) continue;
      seen.add(key);
      pts.push([x, y]);
    }
  }
  if (pts.length < 3) return null;
  pts.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const lower: Position[] = [];
  for (const p of pts) {
    while (lower.length >= 2 && cross(lower[lower.length - 2]!, lower[lower.length - 1]!, p) <= 0) lower.pop();
    lower.push(p);
  }
  const upper: Position[] = [];
  for (const p of [...pts].reverse()) {
    while (upper.length >= 2 && cross(upper[upper.length - 2]!, upper[upper.length - 1]!, p) <= 0) upper.pop();
    upper.push(p);
  }
  const ring = [...lower.slice(0, -1), ...upper.slice(0, -1)];
  if (ring.length < 3) return null;
  return { type: 'Polygon', coordinates: [[...ring, ring[0]!]] };
}

/** Distance from p to the line through a and b (to a itself when a = b). */
function offLine(p: Position, a: Position, b: Position): number {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const len = Math.hypot(dx, dy);
  if (len === 0) return Math.hypot(p[0] - a[0], p[1] - a[1]);
  return Math.abs(dy * p[0] - dx * p[1] + b[0] * a[1] - b[1] * a[0]) / len;
}

/** Douglas–Peucker on an open polyline: keeps both ends and every point further than `tolerance` from the kept line. */
function thinLine(pts: readonly Position[], tolerance: number): Position[] {
  if (pts.length < 3) return [...pts];
  const keep = new Uint8Array(pts.length);
  keep[0] = 1;
  keep[pts.length - 1] = 1;
  const stack: [number, number][] = [[0, pts.length - 1]];
  while (stack.length) {
    const [from, to] = stack.pop()!;
    let worst = -1;
    let at = -1;
    for (let i = from + 1; i < to; i++) {
      const d = offLine(pts[i]!, pts[from]!, pts[to]!);
      if (d > worst) {
        worst = d;
        at = i;
      }
    }
    if (at >= 0 && worst > tolerance) {
      keep[at] = 1;
      stack.push([from, at], [at, to]);
    }
  }
  return pts.filter((_, i) => keep[i]);
}

/**
 * A closed ring thinned to within `tolerance` degrees, cut at the vertex furthest from its first
 * so both halves are open lines. A ring that would fall below a triangle is returned unchanged.
 */
export function thinRing(ring: readonly Position[], tolerance: number): Position[] {
  if (ring.length <= 5) return ring.map(([x, y]) => [x, y]);
  const [x0, y0] = ring[0]!;
  let far = 0;
  let best = -1;
  ring.forEach(([x, y], i) => {
    const d = Math.hypot(x - x0, y - y0);
    if (d > best) {
      best = d;
      far = i;
    }
  });
  const out = [...thinLine(ring.slice(0, far + 1), tolerance).slice(0, -1), ...thinLine(ring.slice(far), tolerance)];
  return out.length >= 4 ? out : ring.map(([x, y]) => [x, y]);
}

/** Every ring of a polygon thinned, with coordinates rounded to 6 decimals (about 10 cm). */
export function thinPolygon(p: Polygon, tolerance: number): Polygon {
  const round = (v: number) => Math.round(v * 1e6) / 1e6;
  return {
    type: 'Polygon',
    coordinates: p.coordinates.map((ring) => thinRing(ring as Position[], tolerance).map(([x, y]) => [round(x), round(y)] as Position)),
  };
}

/** [minLng, minLat, maxLng, maxLat] over polygons, or null when there are none. */
export function bboxOf(parts: readonly Polygon[]): [number, number, number, number] | null {
  let box: [number, number, number, number] | null = null;
  for (const p of parts) {
    for (const [x, y] of p.coordinates[0] ?? []) {
      box = box ? [Math.min(box[0], x), Math.min(box[1], y), Math.max(box[2], x), Math.max(box[3], y)] : [x, y, x, y];
    }
  }
  return box;
}
