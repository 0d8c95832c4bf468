import { Typography } from 'antd';
import { useMemo, useRef, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Grid } from '../../../src/modules/regions/grid-schema.ts';
import { fitProjection, polygonPath, unionBox, type Box } from '../grids/map-geometry';

export interface LatLng {
  lat: number;
  lng: number;
}

interface PinMapProps {
  /** The grids drawn under the point (a village's grids); may be empty. */
  grids: Grid[];
  point: LatLng | null;
  /** The grid to outline (the order's grid). */
  highlight?: string | null;
  /** When given, a click on the map moves the pin there. */
  onPick?(point: LatLng): void;
  height?: number;
  /**
   * Frame the grids only, not the point: for moving a point that fell outside the worker's area
   * back into it (the pin may then lie off the map until the user taps).
   */
  fitGrids?: boolean;
}

/** Half a side of the box drawn around a lone point, in degrees (about 1 km). */
const LONE_POINT_SPAN = 0.01;

/**
 * A point over a village's grid polygons, drawn as SVG with no map tiles (works on an intranet and
 * offline). With `onPick` it doubles as a pin picker: a click sets the point.
 */
export function PinMap({ grids, point, highlight, onPick, height = 260, fitGrids = false }: PinMapProps) {
  const { t } = useTranslation();
  const svg = useRef<SVGSVGElement>(null);

  const projection = useMemo(() => {
    const boxes: (readonly number[])[] = grids.map((g) => g.bbox);
    if (point && !(fitGrids && grids.length)) {
      // Over grids the point just has to fit in; alone it gets about a kilometre around it.
      const pad = grids.length ? 0 : LONE_POINT_SPAN;
      boxes.push([point.lng - pad, point.lat - pad, point.lng + pad, point.lat + pad]);
    }
    const box: Box | null = unionBox(boxes);
    return box ? fitProjection(box, 600, 16) : null;
  }, [grids, point, fitGrids]);

  if (!projection) {
    return (
      <Typography.Text type="secondary" data-testid="pin-map-empty">
        {t('requests.map.none')}
      </Typography.Text>
    );
  }

  // The projection is linear in lng and lat: two points give its inverse.
  const [x0, y0] = projection.project(0, 0);
  const [x1, y1] = projection.project(1, 1);
  const toLngLat = (x: number, y: number): LatLng => ({ lng: (x - x0) / (x1 - x0), lat: (y0 - y) / (y0 - y1) });

  const onClick = (e: MouseEvent<SVGSVGElement>) => {
    if (!onPick || !svg.current) return;
    const ctm = svg.current.getScreenCTM();
    if (!ctm) return;
    const p = new DOMPoint(e.clientX, e.clientY).matrixTransform(ctm.inverse());
    const picked = toLngLat(p.x, p.y);
    onPick({ lat: Number(picked.lat.toFixed(6)), lng: Number(picked.lng.toFixed(6)) });
  };

  const pin = point ? projection.project(point.lng, point.lat) : null;
  const r = Math.max(projection.width, projection.height) / 45;
  return (
    <svg
      ref={svg}
      data-testid="pin-map"
      viewBox={`0 0 ${projection.width} ${projection.height}`}
      style={{ width: '100%', maxHeight: height, display: 'block', background: '#f5f7fa', borderRadius: 6, cursor: onPick ? 'crosshair' : 'default' }}
      role="img"
      aria-label={t('requests.map.label')}
      onClick={onClick}
    >
      {grids.map((g) => (
        <path
          key={g.code}
          d={polygonPath(g.boundary, projection)}
          fill={g.code === highlight ? '#ffccc7' : '#e6f4ff'}
          fillRule="evenodd"
          stroke={g.code === highlight ? '#c8102e' : '#91caff'}
          strokeWidth={g.code === highlight ? 2 : 1}
          vectorEffect="non-scaling-stroke"
        >
          <title>{g.name}</title>
        </path>
      ))}
      {pin && (
        <g transform={`translate(${pin[0]} ${pin[1]})`} pointerEvents="none" data-testid="pin">
          <circle r={r * 1.8} fill="#c8102e" fillOpacity={0.18} />
          <circle r={r * 0.6} fill="#c8102e" stroke="#fff" strokeWidth={2} vectorEffect="non-scaling-stroke" />
        </g>
      )}
    </svg>
  );
}
