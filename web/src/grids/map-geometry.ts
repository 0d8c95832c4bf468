import type { PolygonValue } from '../../../src/modules/regions/grid-schema.ts';

/** [minLng, minLat, maxLng, maxLat] */
export type Box = [number, number, number, number];

export interface Projection {
  width: number;
  height: number;
  /** [lng, lat] → SVG [x, y] */
  project(lng: number, lat: number): [number, number];
  /** Kilometres per SVG unit, for the scale bar. */
  kmPerUnit: number;
}

/** The box around a set of [minLng, minLat, maxLng, maxLat] boxes. */
export function unionBox(boxes: readonly (readonly number[])[]): Box | null {
  if (boxes.length === 0) return null;
  return boxes.reduce<Box>(
    (acc, b) => [Math.min(acc[0], b[0]), Math.min(acc[1], b[1]), Math.max(acc[2], b[2]), Math.max(acc[3], b[3])],
    [Infinity, Infinity, -Infinity, -Infinity],
  );
}

/**
 * Equirectangular projection fitted to `box`: x scaled by cos(mid-latitude) so a county looks its
 * true shape, y flipped (north up), `width` SVG units across plus `pad` on every side.
 */
export function fitProjection(box: Box, width = 1000, pad = 12): Projection {
  const midLat = ((box[1] + box[3]) / 2) * (Math.PI / 180);
  const xScale = Math.cos(midLat);
  const spanX = Math.max((box[2] - box[0]) * xScale, 1e-9);
  const spanY = Math.max(box[3] - box[1], 1e-9);
  const k = (width - 2 * pad) / spanX;
  const height = Math.round(spanY * k + 2 * pad);
  return {
    width,
    height,
    project: (lng, lat) => [pad + (lng - box[0]) * xScale * k, pad + (box[3] - lat) * k],
    kmPerUnit: 110.574 / k,
  };
}

/** Whether a stored value (a region's `boundary`, typed unknown) is a GeoJSON Polygon worth drawing. */
export function isPolygon(value: unknown): value is PolygonValue {
  if (typeof value !== 'object' || value === null) return false;
  const { type, coordinates } = value as { type?: unknown; coordinates?: unknown };
  return (
    type === 'Polygon' &&
    Array.isArray(coordinates) &&
    coordinates.length > 0 &&
    coordinates.every(
      (ring) =>
        Array.isArray(ring) &&
        ring.length >= 4 &&
        ring.every((pos) => Array.isArray(pos) && pos.length >= 2 && Number.isFinite(pos[0]) && Number.isFinite(pos[1])),
    )
  );
}

/** The [minLng, minLat, maxLng, maxLat] box around a polygon's outer ring. */
export function polygonBox(p: PolygonValue): Box {
  const ring = p.coordinates[0] ?? [];
  return unionBox(ring.map(([lng, lat]) => [lng!, lat!, lng!, lat!])) ?? [0, 0, 0, 0];
}

/** An SVG path for a polygon with holes (draw with fill-rule="evenodd"). */
export function polygonPath(p: PolygonValue, proj: Projection): string {
  return p.coordinates
    .map(
      (ring) =>
        ring
          .slice(0, -1)
          .map(([lng, lat], i) => {
            const [x, y] = proj.project(lng, lat);
            return `${i === 0 ? 'M' : 'L'}${x.toFixed(1)} ${y.toFixed(1)}`;
          })
          .join('') + 'Z',
    )
    .join('');
}

/** A round scale-bar length (1, 2 or 5 × 10ⁿ km) near a fifth of the map's width. */
export function scaleBarKm(proj: Projection): number {
  const target = (proj.width / 5) * proj.kmPerUnit;
  const pow = 10 ** Math.floor(Math.log10(target));
  return [5, 2, 1].map((m) => m * pow).find((v) => v <= target) ?? pow;
}

/** Categorical colours (distinct, readable on white). */
export const CATEGORY_COLORS = ['#c8102e', '#1677ff', '#52c41a', '#fa8c16', '#722ed1', '#13c2c2', '#eb2f96', '#a0d911'];
/** Sequential reds for counts, light to dark. */
export const SEQUENTIAL_COLORS = ['#fde0dd', '#fcc5c0', '#fa9fb5', '#f768a1', '#c51b8a'];
export const NO_DATA_COLOR = '#d9d9d9';

/** Equal-width classes from 0 to `max` (at least 1 wide), as [from, to] pairs. */
export function countClasses(max: number, classes = SEQUENTIAL_COLORS.length): [number, number][] {
  const step = Math.max(1, Math.ceil((max + 1) / classes));
  return Array.from({ length: classes }, (_, i) => [i * step, (i + 1) * step - 1]);
}

export function classOf(value: number, bounds: [number, number][]): number {
  const i = bounds.findIndex(([, to]) => value <= to);
  return i < 0 ? bounds.length - 1 : i;
}
