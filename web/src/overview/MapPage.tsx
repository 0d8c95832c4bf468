import { DownloadOutlined, FullscreenOutlined } from '@ant-design/icons';
import { Button, Card, Flex } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { DEFAULT_LAYER, MAP_LAYERS, periodOf, type PeriodKey } from './figures';
import { measuresXlsxUrl } from './overview-api';
import { MapPanel } from './MapPanel';
import { useMapData } from './use-map-data';
import { usePageTitle } from '../layout/page-title';

const PERIODS: readonly PeriodKey[] = ['month', 'quarter', 'year'];

/**
 * 指挥地图 (/overview/map): the command map on a whole page. The region, layer and period live in
 * the address (?region=&layer=&period=), so a drill can be bookmarked, shared and gone back from.
 */
export default function MapPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const region = params.get('region') ?? undefined;
  const layer = MAP_LAYERS.some((l) => l.id === params.get('layer')) ? params.get('layer')! : DEFAULT_LAYER;
  const period = PERIODS.find((p) => p === params.get('period')) ?? 'year';
  const data = useMapData(region, layer, period);
  usePageTitle(data.outlines ? `${t('overview.title.map')} · ${data.outlines.region.name}` : t('overview.title.map'));
  const shown = data.outlines?.region;
  const update = (patch: Record<string, string>) => setParams((p) => ({ ...Object.fromEntries(p), ...patch }));

  return (
    <Card
      title={t('overview.title.map')}
      extra={
        <Flex gap={8} wrap>
          {shown && shown.level !== 'grid' && (
            // Every layer's figures for the region shown and each area under it, over the period chosen.
            <Button
              icon={<DownloadOutlined />}
              href={measuresXlsxUrl({ ids: MAP_LAYERS.map((l) => l.id), regionCode: shown.code, ...periodOf(period), breakdown: 'children' })}
              data-testid="map-xlsx"
            >
              {t('common.exportXlsx')}
            </Button>
          )}
          <Link to={`/overview/screen${region ? `?region=${region}` : ''}`} data-testid="open-screen">
            <Button icon={<FullscreenOutlined />}>{t('overview.map.screen')}</Button>
          </Link>
        </Flex>
      }
    >
      <MapPanel
        data={data}
        layer={layer}
        period={period}
        onRegion={(code) => update({ region: code })}
        onLayer={(id) => update({ layer: id })}
        onPeriod={(p) => update({ period: p })}
        height="max(360px, calc(100vh - 330px))"
      />
    </Card>
  );
}
