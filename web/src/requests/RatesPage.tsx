import { DownloadOutlined, InfoCircleOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, DatePicker, Flex, Progress, Row, Segmented, Statistic, Table, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RateCounts, RatesQuery, RatesReport } from '../../../src/modules/requests/schema.ts';
import { errorMessage } from '../api';
import { CATEGORY_EN, FORMULA_EN } from '../locales/names.en';
import { RegionPicker } from '../people/RegionPicker';
import { levelLabel, percent } from './request-labels';
import { getRates, ratesXlsxUrl } from './requests-api';

const GROUPS = ['township', 'village', 'unit', 'category', 'month'] as const;
type Group = (typeof GROUPS)[number];

/** The five rates of 接诉即办, each with the counts it divides. */
const RATES = [
  { key: 'responseRate', num: 'contacted', den: 'followedUp' },
  { key: 'resolutionRate', num: 'resolvedPerResident', den: 'followedUp' },
  { key: 'satisfactionRate', num: 'satisfiedAll', den: 'followedUp' },
  { key: 'onTimeSignForRate', num: 'signedOnTime', den: 'stagesDue' },
  { key: 'onTimeResolutionRate', num: 'resolvedOnTime', den: 'resolveDue' },
] as const;
type RateKey = (typeof RATES)[number]['key'];

const CLOSED_LEVELS = ['intake', 'grid', 'village', 'township', 'county'] as const;
const LEVEL_COLORS: Record<(typeof CLOSED_LEVELS)[number], string> = {
  intake: '#13c2c2',
  grid: '#52c41a',
  village: '#1677ff',
  township: '#fa8c16',
  county: '#c8102e',
};

function countOf(row: RateCounts, field: (typeof RATES)[number]['num'] | (typeof RATES)[number]['den']): number {
  return field === 'satisfiedAll' ? row.satisfied + row.basicallySatisfied : row[field];
}

/** The server's formula for a rate (keys as the report names them; "responseRate" or "response"). */
function formulaOf(formulas: Record<string, string>, key: string): string | undefined {
  return formulas[key] ?? formulas[key.replace(/Rate$/, '')];
}

/** A rate as 0–1 (a server that sends percentages is read as such). */
function fraction(rate: number | null): number | null {
  if (rate === null) return null;
  return rate > 1.000001 ? rate / 100 : rate;
}

/** One rate in a cell: a thin bar, the percentage, and the counts behind it in the tooltip. */
function RateCell({ row, rate, formula }: { row: RateCounts; rate: (typeof RATES)[number]; formula?: string }) {
  const value = fraction(row[rate.key]);
  const num = countOf(row, rate.num);
  const den = countOf(row, rate.den);
  const { t } = useTranslation();
  return (
    <Tooltip title={formula ? `${formula}${t('common.colon')}${num} / ${den}` : `${num} / ${den}`}>
      <div style={{ minWidth: 96 }}>
        <Typography.Text strong={value !== null}>{percent(value)}</Typography.Text>
        <Typography.Text type="secondary" style={{ fontSize: 12, marginInlineStart: 6 }}>
          {num}/{den}
        </Typography.Text>
        {value !== null && (
          <Progress percent={value * 100} showInfo={false} size="small" strokeColor={value < 0.8 ? '#fa8c16' : '#52c41a'} style={{ margin: 0 }} />
        )}
      </div>
    </Tooltip>
  );
}

/** Where orders were closed: a stacked bar of the levels (受理即办结, 网格, 村, 乡镇, 县). */
function ClosedBar({ row }: { row: RateCounts }) {
  const { t } = useTranslation();
  const total = CLOSED_LEVELS.reduce((s, l) => s + row.closedAt[l], 0);
  if (total === 0) return <Typography.Text type="secondary">{t('common.empty')}</Typography.Text>;
  return (
    <Tooltip title={CLOSED_LEVELS.map((l) => `${levelLabel(t, l)} ${row.closedAt[l]}（${percent(row.closedAt[l] / total, 0)}）`).join('；')}>
      <div style={{ display: 'flex', height: 12, width: 160, borderRadius: 3, overflow: 'hidden', background: '#f0f0f0' }}>
        {CLOSED_LEVELS.filter((l) => row.closedAt[l] > 0).map((l) => (
          <div key={l} style={{ width: `${(row.closedAt[l] / total) * 100}%`, background: LEVEL_COLORS[l] }} />
        ))}
      </div>
    </Tooltip>
  );
}

/**
 * 三率统计: the response, resolution and satisfaction rates of 接诉即办 plus on-time sign-for and
 * resolution and where orders were closed, for a period, by township, village, unit, category or
 * month. Every figure carries the formula it is computed by.
 */
export default function RatesPage() {
  const { t, i18n } = useTranslation();
  const [range, setRange] = useState<[Dayjs, Dayjs]>(() => [dayjs().startOf('month'), dayjs().endOf('month')]);
  const [groupBy, setGroupBy] = useState<Group>('township');
  const [regionCode, setRegionCode] = useState<string | undefined>();
  const [report, setReport] = useState<RatesReport | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);

  const from = range[0].format('YYYY-MM-DD');
  const to = range[1].format('YYYY-MM-DD');
  useEffect(() => {
    let cancelled = false;
    setLoading(true);
    const query: RatesQuery = { from, to, groupBy, regionCode };
    getRates(query)
      .then((r) => {
        if (cancelled) return;
        setReport(r);
        setError(null);
      })
      .catch((err: unknown) => !cancelled && setError(errorMessage(err)))
      .finally(() => !cancelled && setLoading(false));
    return () => {
      cancelled = true;
    };
  }, [from, to, groupBy, regionCode]);

  // The server states its formulas in Chinese; English readers get the same formulas from locales/names.en.ts.
  const formulas = i18n.language === 'en' ? { ...(report?.formulas ?? {}), ...FORMULA_EN } : (report?.formulas ?? {});
  const rateTitle = (key: RateKey) => t(`requests.rates.rate.${key}`);
  const formulaLabel = (key: string) =>
    key === 'closedShare'
      ? t('requests.rates.closedAt')
      : key === 'basis'
        ? t('requests.rates.basis')
        : Object.hasOwn(RATE_NAMES, key)
          ? rateTitle(RATE_NAMES[key]!)
          : key;

  const columns: ColumnsType<RateCounts> = [
    {
      key: 'name',
      title: t(`requests.rates.group.${groupBy}`),
      fixed: 'left',
      width: 180,
      render: (_, r) => (i18n.language === 'en' && groupBy === 'category' ? (CATEGORY_EN[r.key] ?? r.name) : r.name),
    },
    { key: 'orders', title: t('requests.rates.orders'), width: 80, align: 'right', render: (_, r) => r.orders },
    { key: 'followedUp', title: t('requests.rates.followedUp'), width: 80, align: 'right', render: (_, r) => r.followedUp },
    ...RATES.map((rate) => ({
      key: rate.key,
      width: 140,
      title: (
        <Tooltip title={formulaOf(formulas, rate.key)}>
          {rateTitle(rate.key)} <InfoCircleOutlined style={{ color: '#8c8c8c' }} />
        </Tooltip>
      ),
      render: (_: unknown, r: RateCounts) => <RateCell row={r} rate={rate} formula={formulaOf(formulas, rate.key)} />,
    })),
    {
      key: 'closedAt',
      width: 190,
      title: (
        <Tooltip title={formulas.closedShare}>
          {t('requests.rates.closedAt')} <InfoCircleOutlined style={{ color: '#8c8c8c' }} />
        </Tooltip>
      ),
      render: (_, r) => <ClosedBar row={r} />,
    },
  ];

  return (
    <Flex vertical gap={16}>
      <Card
        title={t('nav.rates')}
        extra={
          <Flex gap={8} wrap>
            <DatePicker.RangePicker
              value={range}
              allowClear={false}
              onChange={(v) => v?.[0] && v[1] && setRange([v[0], v[1]])}
              presets={[
                { label: t('requests.rates.thisMonth'), value: [dayjs().startOf('month'), dayjs().endOf('month')] },
                { label: t('requests.rates.lastMonth'), value: [dayjs().subtract(1, 'month').startOf('month'), dayjs().subtract(1, 'month').endOf('month')] },
                { label: t('requests.rates.thisYear'), value: [dayjs().startOf('year'), dayjs()] },
              ]}
              data-testid="rates-range"
            />
            <RegionPicker value={regionCode} onChange={setRegionCode} allowClear style={{ width: 200 }} />
            <Button icon={<DownloadOutlined />} href={ratesXlsxUrl({ from, to, groupBy, regionCode })} data-testid="rates-xlsx">
              {t('common.exportXlsx')}
            </Button>
          </Flex>
        }
      >
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
        <Row gutter={[16, 16]} data-testid="rates-summary">
          {RATES.map((rate) => {
            const value = report ? fraction(report.total[rate.key]) : null;
            return (
              <Col key={rate.key} xs={12} md={8} xl={4}>
                <Statistic title={rateTitle(rate.key)} value={percent(value)} loading={loading && !report} />
                {report && (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {countOf(report.total, rate.num)} / {countOf(report.total, rate.den)}
                  </Typography.Text>
                )}
                <Typography.Paragraph type="secondary" style={{ fontSize: 12, margin: 0 }} data-testid={`formula-${rate.key}`}>
                  {formulaOf(formulas, rate.key)}
                </Typography.Paragraph>
              </Col>
            );
          })}
          <Col xs={12} md={8} xl={4}>
            <Statistic title={t('requests.rates.orders')} value={report?.total.orders ?? 0} loading={loading && !report} />
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('requests.rates.closedOf', { closed: report?.total.closed ?? 0 })}
            </Typography.Text>
          </Col>
        </Row>
      </Card>
      <Card
        title={
          <Segmented<Group>
            value={groupBy}
            onChange={setGroupBy}
            options={GROUPS.map((g) => ({ value: g, label: t(`requests.rates.by.${g}`) }))}
            data-testid="rates-group"
          />
        }
      >
        <Table<RateCounts>
          data-testid="rates-table"
          rowKey="key"
          size="small"
          columns={columns}
          dataSource={report?.rows ?? []}
          loading={loading}
          pagination={false}
          scroll={{ x: 'max-content' }}
          summary={() =>
            report && (
              <Table.Summary fixed>
                <Table.Summary.Row style={{ background: '#fafafa', fontWeight: 600 }}>
                  <Table.Summary.Cell index={0}>{t('requests.rates.total')}</Table.Summary.Cell>
                  <Table.Summary.Cell index={1} align="right">
                    {report.total.orders}
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={2} align="right">
                    {report.total.followedUp}
                  </Table.Summary.Cell>
                  {RATES.map((rate, i) => (
                    <Table.Summary.Cell key={rate.key} index={3 + i}>
                      <RateCell row={report.total} rate={rate} formula={formulaOf(formulas, rate.key)} />
                    </Table.Summary.Cell>
                  ))}
                  <Table.Summary.Cell index={3 + RATES.length}>
                    <ClosedBar row={report.total} />
                  </Table.Summary.Cell>
                </Table.Summary.Row>
              </Table.Summary>
            )
          }
        />
        <Flex gap={16} wrap style={{ marginTop: 12 }}>
          {CLOSED_LEVELS.map((l) => (
            <Flex key={l} gap={6} align="center">
              <span style={{ width: 12, height: 12, background: LEVEL_COLORS[l], borderRadius: 2, display: 'inline-block' }} />
              <Typography.Text type="secondary">{levelLabel(t, l)}</Typography.Text>
            </Flex>
          ))}
        </Flex>
        <div data-testid="rates-formulas" style={{ marginTop: 16 }}>
          <Typography.Title level={5}>{t('requests.rates.formulas')}</Typography.Title>
          <ul style={{ margin: 0, paddingInlineStart: 20, lineHeight: 1.9 }}>
            {Object.entries(formulas).map(([key, text]) => (
              <li key={key} title={formulaLabel(key)}>
                <Typography.Text type="secondary">{text}</Typography.Text>
              </li>
            ))}
          </ul>
        </div>
      </Card>
    </Flex>
  );
}

/** Formula keys as the report may name them → our rate names. */
const RATE_NAMES: Record<string, RateKey> = Object.fromEntries(
  RATES.flatMap((r) => [
    [r.key, r.key],
    [r.key.replace(/Rate$/, ''), r.key],
  ]),
);
