import { Alert, App, Button, Card, Col, Collapse, Row, Select, Space, Spin, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Dashboard, DashboardFigure, DashboardMonth, Notice } from '../../../src/modules/duties/notice-schema.ts';
import { errorMessage } from '../api';
import { useMe } from '../auth';
import { ResponsiveList } from '../components/ResponsiveList';
import { getDashboard, listNotices } from './burden-api';
import { DutiesTabs } from './DutiesTabs';
import { NoticeModal } from './NoticeModal';
import { TrendBars } from './TrendBars';
import { useMeasureNames } from './use-measure-names';

const FIGURES: readonly DashboardFigure[] = [
  'workItemsSent',
  'workItemsRefused',
  'documents',
  'meetings',
  'certificatesAvoided',
  'signboardsRemoved',
  'groupsAppsRemoved',
  'reportFieldsSystem',
  'reportFieldsAsked',
];
const RECORDERS = ['county_staff', 'township_staff'];

/** Last full month against the first of the twelve, as a signed percentage (null when the first is zero). */
function change(months: readonly DashboardMonth[], f: DashboardFigure): number | null {
  const first = months[0]?.[f] ?? 0;
  const last = months[months.length - 2]?.[f] ?? 0;
  return first ? Math.round(((last - first) / first) * 1000) / 10 : null;
}

/** 减负看板: for the county or a township, what was sent down and kept away from villages, month by month. */
export default function DashboardPage() {
  const { t } = useTranslation();
  const me = useMe();
  const { message } = App.useApp();
  const measureName = useMeasureNames();
  const [regionCode, setRegionCode] = useState<string | undefined>(undefined);
  const [board, setBoard] = useState<Dashboard | null>(null);
  const [townships, setTownships] = useState<Dashboard['townships']>([]);
  const [notices, setNotices] = useState<Notice[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);

  const load = useCallback(() => {
    getDashboard(regionCode).then(
      (b) => {
        setBoard(b);
        if (b.townships.length) setTownships(b.townships);
      },
      (err: unknown) => setError(errorMessage(err)),
    );
    listNotices({ regionCode }).then(
      (n) => setNotices(n.slice(0, 20)),
      () => setNotices([]),
    );
  }, [regionCode]);
  useEffect(load, [load]);

  const months = board?.months ?? [];
  const monthColumns: ColumnsType<DashboardMonth> = [
    { key: 'month', title: t('dutiesBurden.month'), width: 90, render: (_, m) => m.month },
    ...FIGURES.map((f) => ({ key: f, title: t(`dutiesBurden.figures.${f}`), render: (_: unknown, m: DashboardMonth) => m[f] })),
  ];
  const noticeColumns: ColumnsType<Notice> = [
    {
      key: 'title',
      title: t('dutiesBurden.notices.docTitle'),
      render: (_, n) => (
        <Space size={4} wrap>
          <Tag color={n.kind === 'document' ? 'blue' : 'purple'}>{t(`dutiesBurden.notices.kind.${n.kind}`)}</Tag>
          {n.title}
          {n.docNumber && <Typography.Text type="secondary">{n.docNumber}</Typography.Text>}
        </Space>
      ),
    },
    { key: 'issuer', title: t('dutiesBurden.notices.issuer'), width: 160, render: (_, n) => n.issuer },
    { key: 'date', title: t('dutiesBurden.notices.issuedOn'), width: 110, render: (_, n) => n.issuedOn },
    {
      key: 'villages',
      title: t('dutiesBurden.notices.targets'),
      width: 150,
      render: (_, n) => t('dutiesBurden.notices.villages', { count: n.villageCount }),
    },
  ];

  return (
    <>
      <DutiesTabs />
      <div data-testid="dashboard-page">
        <Space wrap style={{ marginBottom: 8, justifyContent: 'space-between', width: '100%' }}>
          <Typography.Title level={4} style={{ margin: 0 }}>
            {board ? t('dutiesBurden.title', { region: board.regionName }) : t('dutiesBurden.tab')}
          </Typography.Title>
          {townships.length > 0 && (
            <Select
              data-testid="dashboard-region"
              value={regionCode ?? ''}
              onChange={(v) => setRegionCode(v || undefined)}
              style={{ minWidth: 180 }}
              showSearch
              optionFilterProp="label"
              options={[{ value: '', label: t('dutiesBurden.wholeCounty') }, ...townships.map((tw) => ({ value: tw.code, label: tw.name }))]}
            />
          )}
        </Space>
        <Typography.Paragraph type="secondary">{t('dutiesBurden.intro')}</Typography.Paragraph>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
        {!board ? (
          <Spin />
        ) : (
          <Row gutter={[12, 12]} style={{ marginBottom: 16 }}>
            {FIGURES.map((f) => {
              const values = months.map((m) => m[f]);
              const c = change(months, f);
              return (
                <Col xs={24} md={12} xl={8} key={f}>
                  <Card
                    size="small"
                    data-testid={`dashboard-figure-${f}`}
                    data-this-month={values[values.length - 1]}
                    data-total={values.reduce((a, b) => a + b, 0)}
                  >
                    <Typography.Text strong title={measureName(board.measures[f] ?? '')}>
                      {t(`dutiesBurden.figures.${f}`)}
                    </Typography.Text>
                    <div style={{ display: 'flex', gap: 16, flexWrap: 'wrap', margin: '4px 0 8px', fontSize: 13 }}>
                      <span>
                        {t('dutiesBurden.thisMonth')} <b>{values[values.length - 1]}</b>
                      </span>
                      <span>
                        {t('dutiesBurden.total')} <b>{values.reduce((a, b) => a + b, 0)}</b>
                      </span>
                      {c !== null && (
                        <span title={t('dutiesBurden.changeHint')} data-testid={`dashboard-change-${f}`}>
                          {t('dutiesBurden.change')} <b style={{ color: c < 0 ? '#389e0d' : c > 0 ? '#cf1322' : undefined }}>{`${c > 0 ? '+' : ''}${c}%`}</b>
                        </span>
                      )}
                    </div>
                    <TrendBars months={months.map((m) => m.month)} values={values} testId={`dashboard-bars-${f}`} />
                  </Card>
                </Col>
              );
            })}
          </Row>
        )}
        <Card
          title={t('dutiesBurden.notices.title')}
          style={{ marginBottom: 16 }}
          extra={
            RECORDERS.includes(me.role) && (
              <Button type="primary" onClick={() => setAdding(true)} data-testid="notice-add-open">
                {t('dutiesBurden.notices.add')}
              </Button>
            )
          }
        >
          <ResponsiveList<Notice>
            columns={noticeColumns}
            dataSource={notices ?? undefined}
            loading={notices === null}
            rowKey="id"
            size="small"
            pagination={false}
            locale={{ emptyText: t('dutiesBurden.notices.empty') }}
            onRow={(n) => ({ 'data-testid': 'notice-row', 'data-title': n.title })}
          />
        </Card>
        {board && (
          <Collapse
            items={[
              {
                key: 'details',
                label: t('dutiesBurden.details'),
                children: (
                  <ResponsiveList<DashboardMonth>
                    columns={monthColumns}
                    dataSource={[...months].reverse()}
                    rowKey="month"
                    size="small"
                    pagination={false}
                    scroll={{ x: 1100 }}
                  />
                ),
              },
            ]}
          />
        )}
      </div>
      {adding && (
        <NoticeModal
          onDone={() => {
            void message.success(t('dutiesBurden.notices.saved'));
            load();
          }}
          onClose={() => setAdding(false)}
        />
      )}
    </>
  );
}
