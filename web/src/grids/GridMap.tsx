import { Flex, Typography } from 'antd';
import { useMemo, useRef, useState, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Grid, PolygonValue } from '../../../src/modules/regions/grid-schema.ts';
import { fitProjection, polygonBox, polygonPath, scaleBarKm, unionBox } from './map-geometry';

export interface LegendEntry {
  color: string;
  label: string;
}

/** A village's stored boundary, drawn as a dashed outline under its grids. */
export interface VillageOutline {
  code: string;
  boundary: PolygonValue;
}

const OUTLINE_COLOR = '#434343';
const OUTLINE_DASH = '6 4';

interface GridMapProps {
  grids: Grid[];
  /** Boundaries of the villages shown (those without one are simply left out). */
  outlines?: VillageOutline[];
  colorOf(grid: Grid): string;
  legend: LegendEntry[];
  selectedCode: string | null;
  onSelect(code: string): void;
}

/** Village names, each at the area-weighted centre of its grids; only when several villages share the map. */
function villageLabels(grids: Grid[]): { code: string; name: string; lng: number; lat: number }[] {
  const byVillage = new Map<string, { name: string; w: number; lng: number; lat: number }>();
  for (const g of grids) {
    const v = byVillage.get(g.villageCode) ?? { name: g.villageName.replace(/(村民委员会|居民委员会)$/, ''), w: 0, lng: 0, lat: 0 };
    const w = Math.max(g.areaKm2, 1e-6);
    byVillage.set(g.villageCode, { ...v, w: v.w + w, lng: v.lng + g.centroid[0]! * w, lat: v.lat + g.centroid[1]! * w });
  }
  if (byVillage.size < 2 || byVillage.size > 60) return [];
  return [...byVillage].map(([code, v]) => ({ code, name: v.name, lng: v.lng / v.w, lat: v.lat / v.w }));
}

/**
 * The grids as SVG polygons on a plain background: no map tiles, so it works offline and on an
 * intranet. Hover shows the grid's name; a click selects it.
 */
export function GridMap({ grids, outlines = [], colorOf, legend, selectedCode, onSelect }: GridMapProps) {
  const { t } = useTranslation();
  const box = useRef<HTMLDivElement>(null);
  const [hover, setHover] = useState<{ code: string; x: number; y: number } | null>(null);

  const projection = useMemo(() => {
    const bbox = unionBox([...grids.map((g) => g.bbox), ...outlines.map((o) => polygonBox(o.boundary))]);
    return bbox ? fitProjection(bbox) : null;
  }, [grids, outlines]);
  const paths = useMemo(
    () => (projection ? new Map(grids.map((g) => [g.code, polygonPath(g.boundary, projection)])) : new Map<string, string>()),
    [grids, projection],
  );
  const outlinePaths = useMemo(
    () => (projection ? outlines.map((o) => ({ code: o.code, d: polygonPath(o.boundary, projection) })) : []),
    [outlines, projection],
  );
  const labels = useMemo(() => (projection ? villageLabels(grids).map((l) => ({ ...l, xy: projection.project(l.lng, l.lat) })) : []), [grids, projection]);

  if (!projection) return null;
  const hovered = hover ? grids.find((g) => g.code === hover.code) : undefined;
  const selected = selectedCode ? grids.find((g) => g.code === selectedCode) : undefined;
  const km = scaleBarKm(projection);
  const barUnits = km / projection.kmPerUnit;
  // The SVG is scaled to fit; size text to the map's larger side so it stays legible either way.
  const labelSize = Math.max(projection.width, projection.height) / 48;

  const track = (code: string) => (e: MouseEvent) => {
    const rect = box.current?.getBoundingClientRect();
    if (rect) setHover({ code, x: e.clientX - rect.left, y: e.clientY - rect.top });
  };

  return (
    <div>
      <div ref={box} style={{ position: 'relative' }}>
        <svg
          data-testid="grid-map"
          viewBox={`0 0 ${projection.width} ${projection.height}`}
          style={{ width: '100%', maxHeight: '68vh', display: 'block', background: '#f5f7fa', borderRadius: 6 }}
          role="img"
          aria-label={t('grid.mapLabel', { count: grids.length })}
        >
          {outlinePaths.map((o) => (
            <path
              key={o.code}
              data-testid={`village-outline-${o.code}`}
              d={o.d}
              fill="none"
              stroke={OUTLINE_COLOR}
              strokeWidth={2}
              strokeDasharray={OUTLINE_DASH}
              vectorEffect="non-scaling-stroke"
              pointerEvents="none"
            />
          ))}
          {grids.map((g) => (
            <path
              key={g.code}
              data-testid={`grid-${g.code}`}
              d={paths.get(g.code)}
              fill={colorOf(g)}
              fillOpacity={hover?.code === g.code ? 0.95 : 0.75}
              fillRule="evenodd"
              stroke="#fff"
              strokeWidth={1}
              vectorEffect="non-scaling-stroke"
              style={{ cursor: 'pointer' }}
              onClick={() => onSelect(g.code)}
              onMouseMove={track(g.code)}
              onMouseLeave={() => setHover(null)}
            >
              <title>{`${g.name}（${g.villageName}）`}</title>
            </path>
          ))}
          {labels.map((l) => (
            <text
              key={l.code}
              x={l.xy[0]}
              y={l.xy[1]}
              textAnchor="middle"
              dominantBaseline="middle"
              fontSize={labelSize}
              fill="#262626"
              stroke="#fff"
              strokeWidth={labelSize / 5}
              paintOrder="stroke"
              pointerEvents="none"
            >
              {l.name}
            </text>
          ))}
          {selected && (
            <path d={paths.get(selected.code)} fill="none" stroke="#141414" strokeWidth={3} vectorEffect="non-scaling-stroke" pointerEvents="none" />
          )}
          <g transform={`translate(${projection.width - barUnits - 24} ${projection.height - 20})`} pointerEvents="none">
            <rect x={-6} y={-labelSize - 6} width={barUnits + 12} height={labelSize + 14} fill="#fff" fillOpacity={0.8} rx={3} />
            <path d={`M0 0H${barUnits}M0 -5V0M${barUnits} -5V0`} stroke="#141414" strokeWidth={1.5} vectorEffect="non-scaling-stroke" fill="none" />
            <text x={barUnits / 2} y={-6} textAnchor="middle" fontSize={labelSize * 0.8} fill="#141414">
              {t('grid.scale', { km })}
            </text>
          </g>
        </svg>
        {hover && hovered && (
          <div
            data-testid="grid-hover"
            style={{
              position: 'absolute',
              left: hover.x + 12,
              top: hover.y + 12,
              pointerEvents: 'none',
              background: 'rgba(0, 0, 0, 0.78)',
              color: '#fff',
              padding: '4px 8px',
              borderRadius: 4,
              fontSize: 12,
              whiteSpace: 'nowrap',
            }}
          >
            {hovered.name}
            <div style={{ opacity: 0.75 }}>{hovered.villageName}</div>
          </div>
        )}
      </div>
      <Flex data-testid="grid-legend" gap={16} wrap style={{ marginTop: 8 }}>
        {legend.map((e) => (
          <Flex key={e.label} gap={6} align="center">
            <span style={{ width: 14, height: 14, background: e.color, opacity: 0.85, borderRadius: 3, display: 'inline-block' }} />
            <Typography.Text type="secondary">{e.label}</Typography.Text>
          </Flex>
        ))}
        {outlinePaths.length > 0 && (
          <Flex data-testid="grid-legend-village-boundary" gap={6} align="center">
            <svg width={22} height={14} aria-hidden style={{ display: 'inline-block' }}>
              <rect x={1} y={1} width={20} height={12} fill="none" stroke={OUTLINE_COLOR} strokeWidth={1.5} strokeDasharray="4 2" rx={2} />
            </svg>
            <Typography.Text type="secondary">{t('grid.legend.villageBoundary')}</Typography.Text>
          </Flex>
        )}
      </Flex>
    </div>
  );
}
