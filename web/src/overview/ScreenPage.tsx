import { FullscreenExitOutlined } from '@ant-design/icons';
import { ConfigProvider, theme } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { CommandMap } from './CommandMap';
import { formatFigure, MAP_LAYERS, type PeriodKey } from './figures';
import { KeyFigures } from './KeyFigures';
import { useMapData } from './use-map-data';
import { usePageTitle } from '../layout/page-title';

/** Figures reload every minute; the map's layer changes every 15 seconds. */
const REFRESH_MS = 60_000;
const ROTATE_MS = 15_000;
/** The layers the screen rotates through. */
const ROTATION = [
  'requests.received',
  'requests.satisfaction_rate',
  'requests.overdue',
  'requests.resolution_rate',
  'disputes.high_risk_open',
  'party.visit_coverage',
];
const PERIOD: PeriodKey = 'year';
const INK = '#e6f4ff';
const DIM = '#8fb3d9';

function Clock() {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const id = window.setInterval(() => setNow(new Date()), 1000);
    return () => window.clearInterval(id);
  }, []);
  return <span style={{ fontVariantNumeric: 'tabular-nums' }}>{now.toLocaleString('zh-CN', { hour12: false, timeZone: 'Asia/Shanghai' })}</span>;
}

/**
 * 指挥大屏 (/overview/screen): the county command centre's wall, 1920×1080, dark, no app frame.
 * Key figures on the left, the map in the middle with its layer rotating, the ranking of the
 * child areas by the shown layer on the right; figures refresh every minute. Type is large
 * enough to read from across a room (figures 52 px, labels 20 px and up).
 */
export default function ScreenPage() {
  const { t, i18n } = useTranslation();
  const [params] = useSearchParams();
  const region = params.get('region') ?? undefined;
  const [tick, setTick] = useState(0);
  const [turn, setTurn] = useState(0);
  const [updated, setUpdated] = useState(() => new Date());
  const layer = params.get('layer') && MAP_LAYERS.some((l) => l.id === params.get('layer')) ? params.get('layer')! : ROTATION[turn % ROTATION.length]!;
  const data = useMapData(region, layer, PERIOD, tick);
  usePageTitle(t('overview.title.screen'));
  const en = i18n.language.startsWith('en');

  useEffect(() => {
    const refresh = window.setInterval(() => {
      setTick((n) => n + 1);
      setUpdated(new Date());
    }, REFRESH_MS);
    const rotate = window.setInterval(() => setTurn((n) => n + 1), ROTATE_MS);
    return () => {
      window.clearInterval(refresh);
      window.clearInterval(rotate);
    };
  }, []);

  const m = data.measure;
  const ranking = (data.outlines?.children.features ?? [])
    .map((f) => ({ code: f.properties.code, name: f.properties.name, value: m?.figures[f.properties.code]?.value ?? null }))
    .sort((a, b) => (b.value ?? -Infinity) - (a.value ?? -Infinity));
  const top = Math.max(0, ...ranking.map((r) => r.value ?? 0));
  const measureName = m ? (en ? m.nameEn : m.name) : '';

  return (
    <ConfigProvider theme={{ algorithm: theme.darkAlgorithm }}>
      <div
        data-testid="big-screen"
        style={{
          position: 'fixed',
          inset: 0,
          background: 'radial-gradient(ellipse at center, #06203d 0%, #000c17 70%)',
          color: INK,
          display: 'grid',
          gridTemplateRows: '96px 1fr',
          gridTemplateColumns: '560px 1fr 480px',
          gap: 20,
          padding: 24,
          fontSize: 20,
          overflow: 'hidden',
        }}
      >
        <header style={{ gridColumn: '1 / 4', display: 'flex', alignItems: 'center', justifyContent: 'space-between', borderBottom: '2px solid #15395b' }}>
          <div style={{ fontSize: 44, fontWeight: 700, letterSpacing: 4 }}>
            {data.outlines?.region.name ?? ''} · {t('overview.title.screen')}
          </div>
          <div style={{ display: 'flex', gap: 28, alignItems: 'center', fontSize: 24, color: DIM }}>
            <Clock />
            <span data-testid="screen-updated">
              {t('overview.screen.updated', { time: updated.toLocaleTimeString('zh-CN', { hour12: false, timeZone: 'Asia/Shanghai' }) })}
            </span>
            <Link to={`/overview/map${region ? `?region=${region}` : ''}`} style={{ color: DIM }} aria-label={t('overview.screen.exit')}>
              <FullscreenExitOutlined />
            </Link>
          </div>
        </header>
        <section style={{ overflow: 'hidden' }}>
          <KeyFigures regionCode={region} big dark refreshKey={tick} />
        </section>
        <section style={{ display: 'flex', flexDirection: 'column', gap: 12, minHeight: 0 }}>
          <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'baseline' }}>
            <span data-testid="screen-layer" data-measure={layer} style={{ fontSize: 32, fontWeight: 600 }}>
              {measureName}
            </span>
            <span style={{ color: DIM }}>
              {t(`overview.map.periods.${PERIOD}`)} · {t('overview.screen.rotating', { seconds: ROTATE_MS / 1000 })}
            </span>
          </div>
          <div style={{ flex: 1, minHeight: 0 }}>
            <CommandMap
              outlines={data.outlines}
              colours={data.colours}
              values={data.labels}
              points={data.points}
              height="100%"
              dark
              fontSize={18}
              testId="screen-map"
            />
          </div>
          {data.scale && (
            <div style={{ display: 'flex', gap: 8, alignItems: 'center', color: DIM }}>
              <span>{formatFigure(data.scale.min, m?.unit ?? 'count')}</span>
              {data.scale.colours.map((c) => (
                <span key={c} style={{ width: 56, height: 16, background: c, display: 'inline-block', borderRadius: 2 }} />
              ))}
              <span>{formatFigure(data.scale.max, m?.unit ?? 'count')}</span>
            </div>
          )}
        </section>
        <section style={{ overflow: 'hidden' }} data-testid="screen-ranking">
          <div style={{ fontSize: 28, fontWeight: 600, marginBottom: 12 }}>{t('overview.screen.ranking', { measure: measureName })}</div>
          {ranking.slice(0, 16).map((r, i) => (
            <div key={r.code} style={{ display: 'grid', gridTemplateColumns: '40px 1fr 120px', alignItems: 'center', gap: 8, height: 50 }}>
              <span style={{ color: i < 3 ? '#faad14' : DIM, fontWeight: 700, fontSize: 24 }}>{i + 1}</span>
              <div>
                <div style={{ fontSize: 22, whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' }}>{r.name}</div>
                <div style={{ height: 6, background: '#15395b', borderRadius: 3 }}>
                  <div
                    style={{ height: 6, width: `${top ? ((r.value ?? 0) / top) * 100 : 0}%`, background: data.colours[r.code] ?? '#1677ff', borderRadius: 3 }}
                  />
                </div>
              </div>
              <span style={{ textAlign: 'right', fontSize: 24, fontVariantNumeric: 'tabular-nums' }}>{formatFigure(r.value, m?.unit ?? 'count')}</span>
            </div>
          ))}
        </section>
      </div>
    </ConfigProvider>
  );
}
