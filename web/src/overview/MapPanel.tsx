import { Alert, Breadcrumb, Flex, Segmented, Select, Spin, Typography } from 'antd';
import { useEffect, useState, type CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import { CommandMap } from './CommandMap';
import { MAP_LAYERS, type PeriodKey } from './figures';
import { getMeasureCatalog, type MeasureDef } from './overview-api';
import type { MapData } from './use-map-data';

export interface MapPanelProps {
  data: MapData;
  layer: string;
  period: PeriodKey;
  onRegion: (code: string) => void;
  onLayer: (id: string) => void;
  onPeriod: (p: PeriodKey) => void;
  height: CSSProperties['height'];
  /** The small map on a leader's home page: no area table beside the legend. */
  compact?: boolean;
}

/**
 * The command map with its breadcrumbs (the drill path; a crumb goes back up), the layer and
 * period selectors, and the legend: the colour steps and each child area's figure.
 */
export function MapPanel({ data, layer, period, onRegion, onLayer, onPeriod, height, compact }: MapPanelProps) {
  const { t, i18n } = useTranslation();
  const { outlines, measure, scale, colours, labels } = data;
  const en = i18n.language.startsWith('en');
  const nameOf = (m: { name: string; nameEn: string } | null | undefined) => (m ? (en ? m.nameEn : m.name) : '');
  const trail = outlines?.trail ?? [];
  const children = outlines?.children.features ?? [];
  const [catalog, setCatalog] = useState<MeasureDef[]>([]);
  useEffect(() => {
    getMeasureCatalog()
      .then(setCatalog)
      .catch(() => undefined);
  }, []);

  return (
    <Flex vertical gap={8}>
      <Breadcrumb
        data-testid="map-breadcrumbs"
        items={trail.map((a, i) => ({
          key: a.code,
          title:
            i < trail.length - 1 ? (
              <a data-testid={`crumb-${a.code}`} onClick={() => onRegion(a.code)}>
                {a.name}
              </a>
            ) : (
              <span data-testid={`crumb-${a.code}`}>{a.name}</span>
            ),
        }))}
      />
      <Flex wrap gap={8} align="center">
        <Select
          data-testid="map-layer"
          aria-label={t('overview.map.layer')}
          value={layer}
          onChange={onLayer}
          style={{ minWidth: 200 }}
          options={MAP_LAYERS.map((l) => ({ value: l.id, label: nameOf(catalog.find((m) => m.id === l.id)) || l.id }))}
          optionRender={(o) => <span data-testid={`layer-option-${String(o.value)}`}>{o.label}</span>}
        />
        <Segmented
          data-testid="map-period"
          value={period}
          onChange={(v) => onPeriod(v as PeriodKey)}
          options={(['month', 'quarter', 'year'] as const).map((p) => ({ value: p, label: t(`overview.map.periods.${p}`) }))}
        />
        {data.loading && <Spin size="small" />}
      </Flex>
      {data.error && <Alert type="error" showIcon message={data.error} />}
      <CommandMap outlines={outlines} colours={colours} values={compact ? undefined : labels} points={data.points} onDrill={onRegion} height={height} />
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('overview.map.drillHint')}
        {data.pointsTotal > 0 && ` · ${t('overview.map.orders', { shown: data.points.length, total: data.pointsTotal })}`}
      </Typography.Text>
      {outlines?.region.level === 'grid' && <Typography.Text type="secondary">{t('overview.map.noFigures')}</Typography.Text>}
      {measure && scale && (
        <div data-testid="map-legend" data-measure={measure.id}>
          <Typography.Text strong data-testid="map-legend-title">
            {t('overview.map.legend', { measure: nameOf(measure), period: t(`overview.map.periods.${period}`) })}
          </Typography.Text>
          <Flex wrap gap={compact ? 4 : 6} style={{ marginTop: 6 }}>
            {children.map((f) => {
              const code = f.properties.code;
              return (
                <a
                  key={code}
                  data-testid={`legend-row-${code}`}
                  data-colour={colours[code]}
                  data-value={measure.figures[code]?.value ?? ''}
                  onClick={() => f.properties.drillable && onRegion(code)}
                  style={{
                    display: 'inline-flex',
                    alignItems: 'center',
                    gap: 4,
                    padding: '0 6px',
                    border: '1px solid #f0f0f0',
                    borderRadius: 4,
                    color: 'inherit',
                  }}
                >
                  <span style={{ width: 12, height: 12, borderRadius: 2, background: colours[code], display: 'inline-block' }} />
                  <span>{f.properties.name}</span>
                  <span style={{ fontVariantNumeric: 'tabular-nums' }}>{labels[code]}</span>
                </a>
              );
            })}
          </Flex>
        </div>
      )}
    </Flex>
  );
}
