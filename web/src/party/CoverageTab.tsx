import { Button, InputNumber, Progress, Space, Statistic, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CoverageReport, UnvisitedHousehold } from '../../../src/modules/party/stewardship-schema.ts';
import { getCoverage } from './party-api';
import { usePaged } from './use-paged';

const EMPTY: CoverageReport = {
  regionCode: '',
  regionName: '',
  days: 90,
  since: '',
  asOf: '',
  totalHouseholds: 0,
  visitedHouseholds: 0,
  unvisitedHouseholds: 0,
  coveredShare: 0,
  items: [],
  total: 0,
};

/** Which households of the user's scope nobody has visited in N days, and the share covered. */
export function CoverageTab() {
  const { t } = useTranslation();
  const [draft, setDraft] = useState(90);
  const [days, setDays] = useState(90);
  const { data, loading, pagination } = usePaged((p) => getCoverage(days, p), String(days), EMPTY);
  const columns: ColumnsType<UnvisitedHousehold> = [
    {
      key: 'address',
      title: t('stewardship.coverage.address'),
      render: (_, h) => (
        <Space size={4}>
          {h.address}
          {h.synthetic && <Tag color="orange">{t('app.demoData')}</Tag>}
        </Space>
      ),
    },
    { key: 'village', title: t('stewardship.coverage.village'), dataIndex: 'villageName' },
    { key: 'head', title: t('stewardship.coverage.head'), render: (_, h) => h.headName ?? t('common.empty') },
    {
      key: 'last',
      title: t('stewardship.coverage.lastVisitedOn'),
      render: (_, h) => h.lastVisitedOn ?? <Typography.Text type="danger">{t('stewardship.coverage.never')}</Typography.Text>,
    },
  ];
  return (
    <div data-testid="coverage-report">
      <Space wrap align="center" style={{ marginBottom: 16 }}>
        {t('stewardship.coverage.days')}
        <InputNumber min={1} max={3650} precision={0} value={draft} onChange={(v) => setDraft(v ?? 90)} data-testid="coverage-days" />
        <Button type="primary" onClick={() => setDays(draft)}>
          {t('stewardship.coverage.refresh')}
        </Button>
        {data.since && <Typography.Text type="secondary">{t('stewardship.coverage.window', { since: data.since, asOf: data.asOf })}</Typography.Text>}
      </Space>
      <Space size="large" align="center" wrap style={{ marginBottom: 16 }}>
        <Progress type="circle" percent={Math.round(data.coveredShare * 1000) / 10} size={96} data-testid="coverage-share" />
        <Statistic title={t('stewardship.coverage.total')} value={data.totalHouseholds} />
        <Statistic title={t('stewardship.coverage.visited')} value={data.visitedHouseholds} />
        <Statistic title={t('stewardship.coverage.unvisited')} value={data.unvisitedHouseholds} />
      </Space>
      <Table<UnvisitedHousehold> rowKey="householdId" size="small" loading={loading} columns={columns} dataSource={data.items} pagination={pagination} />
    </div>
  );
}
