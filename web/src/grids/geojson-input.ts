import type { PolygonValue } from '../../../src/modules/regions/grid-schema.ts';

export type PolygonProblem = 'invalidJson' | 'notPolygon' | 'badCoordinates';
export type PolygonParse = { ok: true; polygon: PolygonValue } | { ok: false; problem: PolygonProblem };

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The geometry inside what a GIS tool exports: a bare geometry, a Feature, or a FeatureCollection of one. */
function geometryOf(value: unknown): unknown {
  if (!isObject(value)) return value;
  if (value.type === 'Feature') return value.geometry;
  if (value.type === 'FeatureCollection' && Array.isArray(value.features) && value.features.length === 1) return geometryOf(value.features[0]);
  return value;
}

function isPosition(p: unknown): p is number[] {
  return Array.isArray(p) && p.length >= 2 && p.every((n) => typeof n === 'number' && Number.isFinite(n));
}

function isRing(r: unknown): r is number[][] {
  return Array.isArray(r) && r.length >= 4 && r.every(isPosition);
}

/**
 * Reads pasted or uploaded GeoJSON into the Polygon the API takes. Only the shape is checked here;
 * closure, coordinate ranges, self-crossing and overlaps are the server's to judge, and its answer
 * lands on the boundary field. Members the API does not take (bbox, crs, altitudes) are dropped.
 */
export function parsePolygon(text: string): PolygonParse {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, problem: 'invalidJson' };
  }
  const geometry = geometryOf(value);
  if (!isObject(geometry) || geometry.type !== 'Polygon') return { ok: false, problem: 'notPolygon' };
  const rings = geometry.coordinates;
  if (!Array.isArray(rings) || rings.length === 0 || !rings.every(isRing)) return { ok: false, problem: 'badCoordinates' };
  return { ok: true, polygon: { type: 'Polygon', coordinates: rings.map((ring) => ring.map(([lng, lat]) => [lng!, lat!])) } };
}

/** Vertices of a polygon, not counting each ring's closing repeat. */
export function vertexCount(polygon: PolygonValue): number {
  return polygon.coordinates.reduce((n, ring) => n + Math.max(0, ring.length - 1), 0);
}
