import { InfoCircleOutlined } from '@ant-design/icons';
import { Alert, Card, Col, DatePicker, Empty, Flex, Grid, List, Row, Segmented, Statistic, Table, Tabs, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { STATS_GROUPS, type StatsReport, type StatsRow, type Warnings } from '../../../src/modules/disputes/schema.ts';
import { errorMessage } from '../api';
import { formatDateTime } from '../labels';
import { RegionPicker } from '../people/RegionPicker';
import { getDisputeStats, getWarnings } from './disputes-api';
import { DisputesTabs } from './DisputesTabs';
import { CaseStatusTag, LevelTag, RiskTag } from './DisputeTags';

type Group = (typeof STATS_GROUPS)[number];
const RATES = ['successRate', 'villageOrBelowShare'] as const;

const pct = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);
const closedVillageOrBelow = (r: StatsRow) => r.closedAt.grid + r.closedAt.village;

/** Numerator and denominator of each figure, so the reader can check it against the formula. */
function countsOf(r: StatsRow, key: (typeof RATES)[number] | 'avgDaysToClose'): string {
  if (key === 'successRate') return `${r.written + r.oral} / ${r.closed}`;
  if (key === 'villageOrBelowShare') return `${closedVillageOrBelow(r)} / ${r.closed}`;
  return `${r.daysToCloseTotal.toFixed(1)} / ${r.closed}`;
}

function StatsTab() {
  const { t } = useTranslation();
  const narrow = !Grid.useBreakpoint().md;
  const [range, setRange] = useState<[Dayjs, Dayjs]>(() => [dayjs().startOf('year'), dayjs()]);
  const [groupBy, setGroupBy] = useState<Group>('type');
  const [regionCode, setRegionCode] = useState<string | undefined>();
  const [report, setReport] = useState<StatsReport | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const from = range[0].format('YYYY-MM-DD');
  const to = range[1].format('YYYY-MM-DD');

  useEffect(() => {
    let cancelled = false;
    setLoading(true);
    getDisputeStats({ from, to, groupBy, regionCode })
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

  const formulas = report?.formulas ?? {};
  const title = (key: (typeof RATES)[number] | 'avgDaysToClose' | 'judicial') => (
    <Tooltip title={formulas[key]}>
      {t(`disputes.stats.${key === 'judicial' ? 'judicialConfirmed' : key}`)} <InfoCircleOutlined style={{ color: '#8c8c8c' }} />
    </Tooltip>
  );
  const judicialCell = (r: StatsRow) => (
    <Tooltip title={t('disputes.stats.judicialCounts', { applied: r.judicialApplied, confirmed: r.judicialConfirmed, rejected: r.judicialRejected })}>
      <Typography.Text strong>{r.judicialConfirmed}</Typography.Text>
      <Typography.Text type="secondary" style={{ fontSize: 12, marginInlineStart: 6 }}>
        / {r.judicialApplied}
      </Typography.Text>
    </Tooltip>
  );
  const columns: ColumnsType<StatsRow> = [
    { key: 'name', title: t(`disputes.stats.group.${groupBy}`), fixed: 'left', width: 160, render: (_, r) => r.name },
    { key: 'cases', title: t('disputes.stats.cases'), align: 'right', width: 80, render: (_, r) => r.cases },
    { key: 'open', title: t('disputes.stats.open'), align: 'right', width: 70, render: (_, r) => r.open },
    { key: 'closed', title: t('disputes.stats.closed'), align: 'right', width: 70, render: (_, r) => r.closed },
    ...RATES.map((key) => ({
      key,
      title: title(key),
      width: 150,
      render: (_: unknown, r: StatsRow) => (
        <>
          <Typography.Text strong>{pct(r[key])}</Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12, marginInlineStart: 6 }}>
            {countsOf(r, key)}
          </Typography.Text>
        </>
      ),
    })),
    {
      key: 'avg',
      title: title('avgDaysToClose'),
      width: 150,
      render: (_, r) => (r.avgDaysToClose === null ? '—' : t('disputes.stats.days', { days: r.avgDaysToClose.toFixed(1) })),
    },
    { key: 'judicial', title: title('judicial'), align: 'right', width: 110, render: (_, r) => judicialCell(r) },
    { key: 'escalated', title: t('disputes.stats.escalated'), align: 'right', width: 80, render: (_, r) => r.escalated },
    { key: 'highRisk', title: t('disputes.stats.highRisk'), align: 'right', width: 80, render: (_, r) => r.highRisk },
  ];

  const total = report?.total;
  return (
    <Flex vertical gap={16}>
      <Flex gap={8} wrap align="center">
        <DatePicker.RangePicker value={range} allowClear={false} onChange={(v) => v?.[0] && v[1] && setRange([v[0], v[1]])} />
        <RegionPicker allowClear style={{ width: 200 }} placeholder={t('disputes.stats.region')} value={regionCode} onChange={setRegionCode} />
        <div style={{ maxWidth: '100%', overflowX: 'auto' }}>
          <Segmented<Group>
            value={groupBy}
            onChange={setGroupBy}
            options={STATS_GROUPS.map((g) => ({ value: g, label: t(`disputes.stats.group.${g}`) }))}
            data-testid="stats-group"
          />
        </div>
      </Flex>
      {error && <Alert type="error" showIcon title={error} />}
      {total && (
        <Row gutter={[16, 16]} data-testid="stats-summary">
          <Col xs={12} md={6}>
            <Statistic title={t('disputes.stats.cases')} value={total.cases} />
          </Col>
          {RATES.map((key) => (
            <Col xs={12} md={6} key={key}>
              <Statistic title={title(key)} value={pct(total[key])} />
              <Typography.Text type="secondary" data-testid={`formula-${key}`}>
                {countsOf(total, key)}
              </Typography.Text>
            </Col>
          ))}
          <Col xs={12} md={6}>
            <Statistic title={title('avgDaysToClose')} value={total.avgDaysToClose === null ? '—' : total.avgDaysToClose.toFixed(1)} />
            <Typography.Text type="secondary">{countsOf(total, 'avgDaysToClose')}</Typography.Text>
          </Col>
          <Col xs={12} md={6}>
            <div data-testid="stats-judicial-confirmed" data-value={total.judicialConfirmed}>
              <Statistic title={title('judicial')} value={total.judicialConfirmed} />
            </div>
            <Typography.Text type="secondary" data-testid="stats-judicial-counts">
              {t('disputes.stats.judicialCounts', { applied: total.judicialApplied, confirmed: total.judicialConfirmed, rejected: total.judicialRejected })}
            </Typography.Text>
          </Col>
        </Row>
      )}
      {groupBy === 'method' && <Alert type="info" showIcon title={t('disputes.stats.methodNote')} />}
      {narrow ? (
        // On a phone: one card per group with its counts, nothing wider than the screen.
        <List<StatsRow>
          loading={loading}
          dataSource={report?.rows ?? []}
          data-testid="stats-rows"
          renderItem={(r) => (
            <List.Item data-testid="stats-row">
              <Flex vertical gap={2} style={{ width: '100%', minWidth: 0 }}>
                <Flex justify="space-between" gap={8}>
                  <Typography.Text strong style={{ overflowWrap: 'anywhere' }}>
                    {r.name}
                  </Typography.Text>
                  <span>
                    {t('disputes.stats.cases')} {r.cases}
                  </span>
                </Flex>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('disputes.stats.open')} {r.open} · {t('disputes.stats.closed')} {r.closed} · {t('disputes.stats.successRate')} {pct(r.successRate)} ·{' '}
                  {t('disputes.stats.villageOrBelowShare')} {pct(r.villageOrBelowShare)} · {t('disputes.stats.judicialConfirmed')} {r.judicialConfirmed}
                </Typography.Text>
              </Flex>
            </List.Item>
          )}
        />
      ) : (
        <Table<StatsRow>
          rowKey="key"
          size="small"
          loading={loading}
          columns={columns}
          dataSource={report?.rows ?? []}
          pagination={false}
          scroll={{ x: 1000 }}
          summary={() =>
            total ? (
              <Table.Summary.Row>
                <Table.Summary.Cell index={0}>{t('disputes.stats.total')}</Table.Summary.Cell>
                <Table.Summary.Cell index={1} align="right">
                  {total.cases}
                </Table.Summary.Cell>
                <Table.Summary.Cell index={2} align="right">
                  {total.open}
                </Table.Summary.Cell>
                <Table.Summary.Cell index={3} align="right">
                  {total.closed}
                </Table.Summary.Cell>
                <Table.Summary.Cell index={4}>{pct(total.successRate)}</Table.Summary.Cell>
                <Table.Summary.Cell index={5}>{pct(total.villageOrBelowShare)}</Table.Summary.Cell>
                <Table.Summary.Cell index={6}>{total.avgDaysToClose === null ? '—' : total.avgDaysToClose.toFixed(1)}</Table.Summary.Cell>
                <Table.Summary.Cell index={7} align="right">
                  {judicialCell(total)}
                </Table.Summary.Cell>
                <Table.Summary.Cell index={8} align="right">
                  {total.escalated}
                </Table.Summary.Cell>
                <Table.Summary.Cell index={9} align="right">
                  {total.highRisk}
                </Table.Summary.Cell>
              </Table.Summary.Row>
            ) : null
          }
        />
      )}
      {Object.keys(formulas).length > 0 && (
        <Card size="small" title={t('disputes.stats.formulas')} data-testid="stats-formulas">
          <ul style={{ margin: 0, paddingInlineStart: 18 }}>
            {Object.entries(formulas).map(([k, f]) => (
              <li key={k} data-testid={`formula-text-${k}`}>
                {f}
              </li>
            ))}
          </ul>
        </Card>
      )}
    </Flex>
  );
}

function WarningsTab() {
  const { t } = useTranslation();
  const [data, setData] = useState<Warnings | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    getWarnings()
      .then(setData)
      .catch((err: unknown) => setError(errorMessage(err)));
  }, []);
  if (error) return <Alert type="warning" showIcon title={error} description={t('disputes.warnings.townshipOnly')} />;
  if (!data) return <Card loading />;
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={12}>
        <Card size="small" title={t('disputes.warnings.repeat')} data-testid="warnings-repeat">
          {data.repeatParties.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('disputes.warnings.none')} />
          ) : (
            <List
              size="small"
              dataSource={data.repeatParties}
              renderItem={(p) => (
                <List.Item>
                  <Flex vertical gap={4}>
                    <span>
                      <Typography.Text strong>{p.name}</Typography.Text> <Tag color="orange">{t('disputes.warnings.caseCount', { count: p.caseCount })}</Tag>
                    </span>
                    <Flex gap={8} wrap>
                      {p.cases.map((c) => (
                        <Link key={c.id} to={`/disputes/${c.id}`}>
                          {c.number} <CaseStatusTag status={c.status} />
                        </Link>
                      ))}
                    </Flex>
                  </Flex>
                </List.Item>
              )}
            />
          )}
        </Card>
      </Col>
      <Col xs={24} lg={12}>
        <Card size="small" title={t('disputes.warnings.highRisk')} data-testid="warnings-high">
          {data.highRiskOpen.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('disputes.warnings.none')} />
          ) : (
            <List
              size="small"
              dataSource={data.highRiskOpen}
              renderItem={(c) => (
                <List.Item>
                  <Flex vertical gap={2}>
                    <Link to={`/disputes/${c.id}`}>{c.number}</Link>
                    <span>
                      <RiskTag level={c.riskLevel} /> <LevelTag level={c.level} /> {c.title}
                    </span>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {c.riskReasons.join('；')} · {formatDateTime(c.createdAt)}
                    </Typography.Text>
                  </Flex>
                </List.Item>
              )}
            />
          )}
        </Card>
      </Col>
    </Row>
  );
}

/** 统计 and 预警: figures with the formulas they are computed by, and the early-warning lists. */
export default function StatsPage({ tab = 'stats' }: { tab?: 'stats' | 'warnings' }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <>
      <DisputesTabs />
      <Card title={t('disputes.stats.title')}>
        <Tabs
          activeKey={tab}
          onChange={(k) => navigate(k === 'warnings' ? '/disputes/warnings' : '/disputes/stats')}
          items={[
            { key: 'stats', label: t('disputes.tabs.stats'), children: tab === 'stats' && <StatsTab /> },
            { key: 'warnings', label: t('disputes.tabs.warnings'), children: tab === 'warnings' && <WarningsTab /> },
          ]}
        />
      </Card>
    </>
  );
}
