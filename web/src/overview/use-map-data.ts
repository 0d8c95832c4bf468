import { useEffect, useMemo, useState } from 'react';
import { errorMessage } from '../api';
import { hasAnyPermission, useMe } from '../auth';
import { listWorkOrders } from '../requests/requests-api';
import type { MapPoint } from './CommandMap';
import { formatFigure, periodOf, scaleFor, toneOf, type PeriodKey, type Scale } from './figures';
import { getMeasureValues, getOutlines, type MapOutlines, type MeasureValues } from './overview-api';

export interface MapData {
  outlines: MapOutlines | null;
  values: MeasureValues | null;
  measure: MeasureValues['measures'][number] | null;
  scale: Scale | null;
  colours: Record<string, string>;
  labels: Record<string, string>;
  points: MapPoint[];
  pointsTotal: number;
  loading: boolean;
  error: string | null;
}

/** Open work orders drawn on the map: the first page (200) of the region's, newest first. */
const POINT_PAGE = 200;

/**
 * What the command map shows for a region, a layer (measure) and a period: the outlines, the
 * figures for each child (breakdown=children), the choropleth colours and the open orders.
 * A grid has no figures (measures stop at the village); its outline is drawn plain.
 * `refreshKey` reloads the figures and points (the big screen's timer) without redrawing outlines.
 */
export function useMapData(regionCode: string | undefined, layer: string, period: PeriodKey, refreshKey = 0): MapData {
  const me = useMe();
  const [outlines, setOutlines] = useState<MapOutlines | null>(null);
  const [values, setValues] = useState<MeasureValues | null>(null);
  const [orders, setOrders] = useState<{ points: MapPoint[]; total: number }>({ points: [], total: 0 });
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const canFigures = hasAnyPermission(me, ['overview.read']);
  const canOrders = hasAnyPermission(me, ['requests.read']);

  useEffect(() => {
    let live = true;
    setLoading(true);
    getOutlines(regionCode)
      .then((o) => {
        if (!live) return;
        setOutlines(o);
        setError(null);
      })
      .catch((err) => live && setError(errorMessage(err)))
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
  }, [regionCode]);

  const region = outlines?.region;
  useEffect(() => {
    if (!region) return;
    let live = true;
    const area = region.level === 'grid' ? region.code.slice(0, 12) : region.code;
    if (canFigures && region.level !== 'grid') {
      const { from, to } = periodOf(period);
      getMeasureValues({ ids: [layer], regionCode: area, from, to, breakdown: 'children' })
        .then((v) => live && setValues(v))
        .catch((err) => live && setError(errorMessage(err)));
    } else setValues(null);
    if (canOrders) {
      listWorkOrders({ status: 'open', regionCode: area, pageSize: POINT_PAGE })
        .then((page) => {
          if (!live) return;
          const now = Date.now();
          const points = page.items
            .filter((o) => o.lat !== null && o.lng !== null && (region.level !== 'grid' || o.gridCode === region.code))
            .map((o) => ({ id: o.id, lat: o.lat!, lng: o.lng!, title: o.title, overdue: !!o.resolveDue && new Date(o.resolveDue).getTime() < now }));
          setOrders({ points, total: page.total });
        })
        .catch(() => live && setOrders({ points: [], total: 0 }));
    }
    return () => {
      live = false;
    };
  }, [region, layer, period, canFigures, canOrders, refreshKey]);

  return useMemo(() => {
    const measure = values?.measures.find((m) => m.id === layer) ?? null;
    const codes = outlines?.children.features.map((f) => f.properties.code) ?? [];
    const scale = measure
      ? scaleFor(
          toneOf(layer),
          codes.map((c) => measure.figures[c]?.value),
        )
      : null;
    const colours: Record<string, string> = {};
    const labels: Record<string, string> = {};
    if (measure && scale) {
      for (const c of codes) {
        colours[c] = scale.colourOf(measure.figures[c]?.value);
        labels[c] = formatFigure(measure.figures[c]?.value, measure.unit);
      }
    }
    return { outlines, values, measure, scale, colours, labels, points: orders.points, pointsTotal: orders.total, loading, error };
  }, [outlines, values, layer, orders, loading, error]);
}
