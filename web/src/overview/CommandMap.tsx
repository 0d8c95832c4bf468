import Feature from 'ol/Feature';
import OlMap from 'ol/Map';
import View from 'ol/View';
import { defaults as defaultControls } from 'ol/control/defaults';
import GeoJSON from 'ol/format/GeoJSON';
import Point from 'ol/geom/Point';
import TileLayer from 'ol/layer/Tile';
import VectorLayer from 'ol/layer/Vector';
import 'ol/ol.css';
import { fromLonLat, transformExtent } from 'ol/proj';
import VectorSource from 'ol/source/Vector';
import XYZ from 'ol/source/XYZ';
import { Circle as CircleStyle, Fill, Stroke, Style, Text } from 'ol/style';
import type { FeatureLike } from 'ol/Feature';
import { useEffect, useRef, type CSSProperties } from 'react';
import type { MapOutlines } from './overview-api';
import { NO_DATA_COLOUR } from './figures';

/** An open work order drawn as a point: red when its time limit has passed. */
export interface MapPoint {
  id: string;
  lng: number;
  lat: number;
  overdue: boolean;
  title: string;
}

export interface CommandMapProps {
  outlines: MapOutlines | null;
  /** Fill colour per child code (the choropleth); children without one are grey. */
  colours: Record<string, string>;
  /** Second label line per child code (the figure shown), if any. */
  values?: Record<string, string>;
  points?: readonly MapPoint[];
  onDrill?: (code: string) => void;
  height: CSSProperties['height'];
  dark?: boolean;
  /** Larger labels (the big screen). */
  fontSize?: number;
  testId?: string;
}

const WGS84 = 'EPSG:4326';
const MERCATOR = 'EPSG:3857';

/**
 * The command map, drawn with OpenLayers on a 2D canvas: the region's frame (for the county its
 * real outline), its children filled by the chosen measure with their names, and open work
 * orders as points. Clicking a child drills into it. Tiles only when the server is configured
 * with GONGZHI_MAP_TILES; otherwise nothing is fetched from anywhere.
 */
export function CommandMap({ outlines, colours, values, points, onDrill, height, dark, fontSize = 12, testId = 'command-map' }: CommandMapProps) {
  const target = useRef<HTMLDivElement>(null);
  const map = useRef<OlMap | null>(null);
  const frameSource = useRef(new VectorSource());
  const childSource = useRef(new VectorSource());
  const pointSource = useRef(new VectorSource());
  const childLayer = useRef<VectorLayer<VectorSource> | null>(null);
  const tileLayers = useRef<TileLayer<XYZ>[]>([]);
  const style = useRef({ colours, values, dark, fontSize });
  style.current = { colours, values, dark, fontSize };
  const drill = useRef(onDrill);
  drill.current = onDrill;

  // The map itself, once.
  useEffect(() => {
    const ink = () => (style.current.dark ? '#e6f4ff' : '#1f1f1f');
    const halo = () => (style.current.dark ? '#001529' : '#ffffff');
    const frameLayer = new VectorLayer({
      source: frameSource.current,
      style: () =>
        new Style({
          fill: new Fill({ color: style.current.dark ? 'rgba(22, 119, 255, 0.08)' : 'rgba(200, 16, 46, 0.03)' }),
          stroke: new Stroke({ color: style.current.dark ? '#69b1ff' : '#c8102e', width: 2.5 }),
        }),
    });
    const children = new VectorLayer({
      source: childSource.current,
      style: (f: FeatureLike) => {
        const code = String(f.get('code'));
        const value = style.current.values?.[code];
        return new Style({
          fill: new Fill({ color: hexAlpha(style.current.colours[code] ?? NO_DATA_COLOUR, 0.72) }),
          stroke: new Stroke({ color: style.current.dark ? '#0b2340' : '#ffffff', width: 1.2 }),
          text: new Text({
            text: value ? `${String(f.get('name'))}\n${value}` : String(f.get('name')),
            font: `${style.current.fontSize}px "Noto Sans SC", sans-serif`,
            fill: new Fill({ color: ink() }),
            stroke: new Stroke({ color: halo(), width: 3 }),
            overflow: false,
          }),
        });
      },
    });
    childLayer.current = children;
    const pointLayer = new VectorLayer({
      source: pointSource.current,
      style: (f: FeatureLike) =>
        new Style({
          image: new CircleStyle({
            radius: 4,
            fill: new Fill({ color: f.get('overdue') ? '#cf1322' : '#fa8c16' }),
            stroke: new Stroke({ color: '#ffffff', width: 1 }),
          }),
        }),
    });
    const m = new OlMap({
      target: target.current!,
      layers: [frameLayer, children, pointLayer],
      view: new View({ center: fromLonLat([109.14, 26.23]), zoom: 8 }),
      controls: defaultControls({ rotate: false, attributionOptions: { collapsible: true } }),
    });
    m.on('singleclick', (e) => {
      const hit = m.forEachFeatureAtPixel(e.pixel, (f) => f, { layerFilter: (l) => l === children });
      if (hit && hit.get('drillable')) drill.current?.(String(hit.get('code')));
    });
    m.on('pointermove', (e) => {
      const hit = m.forEachFeatureAtPixel(e.pixel, (f) => f, { layerFilter: (l) => l === children });
      m.getTargetElement().style.cursor = hit?.get('drillable') ? 'pointer' : '';
    });
    map.current = m;
    const resize = new ResizeObserver(() => m.updateSize());
    resize.observe(target.current!);
    return () => {
      resize.disconnect();
      m.setTarget(undefined);
      map.current = null;
    };
  }, []);

  // Outlines and tiles: replaced on each drill, and the view fitted to them.
  useEffect(() => {
    const m = map.current;
    if (!m || !outlines) return;
    const format = new GeoJSON({ dataProjection: WGS84, featureProjection: MERCATOR });
    frameSource.current.clear();
    if (outlines.frame) frameSource.current.addFeature(format.readFeature(outlines.frame) as Feature);
    childSource.current.clear();
    childSource.current.addFeatures(format.readFeatures(outlines.children) as Feature[]);
    childSource.current.setAttributions(outlines.attribution);
    for (const l of tileLayers.current) m.removeLayer(l);
    tileLayers.current = outlines.tiles.map(
      (url, i) => new TileLayer({ source: new XYZ({ url, attributions: i === 0 ? outlines.attribution : undefined }), zIndex: -1 }),
    );
    tileLayers.current.forEach((l, i) => m.getLayers().insertAt(i, l));
    if (outlines.bbox) {
      m.getView().fit(transformExtent(outlines.bbox, WGS84, MERCATOR), { padding: [16, 16, 16, 16], duration: 0 });
    }
  }, [outlines]);

  // Colours, labels and dark mode: a restyle, no reload.
  useEffect(() => {
    childLayer.current?.changed();
  }, [colours, values, dark, fontSize]);

  useEffect(() => {
    pointSource.current.clear();
    pointSource.current.addFeatures(
      (points ?? []).map((p) => new Feature({ geometry: new Point(fromLonLat([p.lng, p.lat])), id: p.id, overdue: p.overdue, title: p.title })),
    );
  }, [points]);

  return (
    <div
      ref={target}
      data-testid={testId}
      data-region={outlines?.region.code ?? ''}
      data-features={outlines?.children.features.length ?? 0}
      data-points={points?.length ?? 0}
      role="img"
      aria-label={outlines ? outlines.region.name : undefined}
      style={{ width: '100%', height, background: dark ? '#000c17' : '#f5f7fa', borderRadius: 6, overflow: 'hidden', position: 'relative' }}
    />
  );
}

/** #rrggbb with an alpha, as OpenLayers takes rgba(). */
function hexAlpha(hex: string, alpha: number): string {
  const n = parseInt(hex.slice(1), 16);
  return `rgba(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}, ${alpha})`;
}
