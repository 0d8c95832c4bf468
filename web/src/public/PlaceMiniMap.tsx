import { useTranslation } from 'react-i18next';

interface PlaceMiniMapProps {
  /** The grid's outer ring, [lng, lat] pairs. */
  outline: readonly (readonly [number, number])[];
  point: { lat: number; lng: number };
  /** Shown under the map: the grid and village by name. */
  caption: string;
}

const W = 320;
const H = 150;
const PAD = 10;

/**
 * A thumbnail of where the report will go: the grid's outline and the resident's point, drawn
 * as SVG with no map tiles (works offline, loads nothing). North is up; degrees of longitude are
 * narrowed by the cosine of the latitude so shapes keep their proportions.
 */
export function PlaceMiniMap({ outline, point, caption }: PlaceMiniMapProps) {
  const { t } = useTranslation();
  const k = Math.cos((point.lat * Math.PI) / 180);
  const xs = [...outline.map(([x]) => x * k), point.lng * k];
  const ys = [...outline.map(([, y]) => y), point.lat];
  const [minX, maxX, minY, maxY] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const scale = Math.min((W - 2 * PAD) / (maxX - minX || 1e-6), (H - 2 * PAD) / (maxY - minY || 1e-6));
  const ox = (W - (maxX - minX) * scale) / 2;
  const oy = (H - (maxY - minY) * scale) / 2;
  const px = (lng: number) => ox + (lng * k - minX) * scale;
  const py = (lat: number) => H - (oy + (lat - minY) * scale);
  const path = outline.map(([x, y], i) => `${i ? 'L' : 'M'}${px(x).toFixed(1)},${py(y).toFixed(1)}`).join(' ') + ' Z';
  return (
    <figure style={{ margin: 0, maxWidth: W }} data-testid="report-place-map">
      <svg viewBox={`0 0 ${W} ${H}`} width="100%" role="img" aria-label={caption} style={{ background: '#f6f8fa', borderRadius: 6, display: 'block' }}>
        <path d={path} fill="rgba(22,119,255,0.12)" stroke="#1677ff" strokeWidth={1.5} />
        <circle cx={px(point.lng)} cy={py(point.lat)} r={5} fill="#f5222d" stroke="#fff" strokeWidth={1.5} />
      </svg>
      <figcaption style={{ fontSize: 12, color: 'rgba(0,0,0,0.55)' }}>{t('publicSite.place.mapCaption', { place: caption })}</figcaption>
    </figure>
  );
}
