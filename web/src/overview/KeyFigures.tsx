import { ArrowDownOutlined, ArrowUpOutlined, MinusOutlined } from '@ant-design/icons';
import { Alert, Card, Col, Row, Skeleton, Tooltip } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../api';
import { formatFigure, KEY_FIGURES, monthPeriods } from './figures';
import { getMeasureValues, type MeasureValues } from './overview-api';

type Measure = MeasureValues['measures'][number];

/** ↑ / ↓ / – against the previous month, coloured by whether the change is good news. */
function Trend({ m, code, previous, up }: { m: Measure; code: string; previous: Measure | undefined; up: 'good' | 'bad' | 'neutral' }) {
  const { t } = useTranslation();
  if (m.kind === 'stock') return <span style={{ color: '#8c8c8c' }}>{t('overview.home.stock')}</span>;
  const now = m.figures[code]?.value;
  const before = previous?.figures[code]?.value;
  if (typeof now !== 'number' || typeof before !== 'number') return <span style={{ color: '#8c8c8c' }}>—</span>;
  const delta = now - before;
  const good = up === 'neutral' || delta === 0 ? undefined : delta > 0 === (up === 'good');
  const colour = good === undefined ? '#8c8c8c' : good ? '#389e0d' : '#cf1322';
  const text =
    m.unit === 'ratio'
      ? t('overview.home.percentPoints', { n: (Math.round(Math.abs(delta) * 1000) / 10).toFixed(1) })
      : Math.abs(delta).toLocaleString('zh-CN');
  return (
    <Tooltip title={t('overview.home.vsPrevious', { value: formatFigure(before, m.unit) })}>
      <span data-testid={`trend-${m.id}`} data-delta={delta} style={{ color: colour, whiteSpace: 'nowrap' }}>
        {delta > 0 ? <ArrowUpOutlined /> : delta < 0 ? <ArrowDownOutlined /> : <MinusOutlined />} {delta === 0 ? '' : text}
      </span>
    </Tooltip>
  );
}

/**
 * The key figures for a region this month (1st to today) with a trend arrow and the change
 * against the same days of the previous month: two calls to /measures/values.
 */
export function KeyFigures({ regionCode, big, dark, refreshKey = 0 }: { regionCode?: string; big?: boolean; dark?: boolean; refreshKey?: number }) {
  const { i18n } = useTranslation();
  const [values, setValues] = useState<{ current: MeasureValues; previous: MeasureValues } | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    const { current, previous } = monthPeriods();
    const ids = KEY_FIGURES.map((k) => k.id);
    Promise.all([getMeasureValues({ ids, regionCode, ...current }), getMeasureValues({ ids, regionCode, ...previous })])
      .then(([c, p]) => {
        if (!live) return;
        setValues({ current: c, previous: p });
        setError(null);
      })
      .catch((err) => live && setError(errorMessage(err)));
    return () => {
      live = false;
    };
  }, [regionCode, refreshKey]);

  if (error) return <Alert type="error" showIcon message={error} />;
  if (!values) return <Skeleton active paragraph={{ rows: 2 }} />;
  const code = values.current.areas[0]!.code;
  const en = i18n.language.startsWith('en');
  return (
    <Row gutter={[big ? 16 : 12, big ? 16 : 12]} data-testid="key-figures">
      {KEY_FIGURES.map(({ id, up }) => {
        const m = values.current.measures.find((x) => x.id === id);
        if (!m) return null;
        const previous = values.previous.measures.find((x) => x.id === id);
        return (
          <Col key={id} xs={12} sm={12} md={big ? 12 : 6}>
            <Card
              size="small"
              data-testid={`figure-${id}`}
              style={dark ? { background: 'rgba(22, 119, 255, 0.08)', borderColor: '#15395b' } : undefined}
              styles={{ body: { padding: big ? '14px 18px' : 12 } }}
            >
              <div style={{ fontSize: big ? 22 : 13, color: dark ? '#bfbfbf' : 'rgba(0,0,0,0.55)' }}>{en ? m.nameEn : m.name}</div>
              <div
                data-testid={`figure-value-${id}`}
                style={{ fontSize: big ? 52 : 26, fontWeight: 600, lineHeight: 1.2, fontVariantNumeric: 'tabular-nums', color: dark ? '#e6f4ff' : undefined }}
              >
                {formatFigure(m.figures[code]?.value, m.unit)}
              </div>
              <div style={{ fontSize: big ? 20 : 12 }}>
                <Trend m={m} code={code} previous={previous} up={up} />
              </div>
            </Card>
          </Col>
        );
      })}
    </Row>
  );
}
