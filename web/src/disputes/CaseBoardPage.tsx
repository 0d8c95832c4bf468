import { DownloadOutlined, PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { Alert, Badge, Button, Card, Flex, Input, Select, Space, Switch, Tabs, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { categoryNameIn } from '../locales/names.en';
import { Link, useSearchParams } from 'react-router';
import { CASE_STATUSES, DISPUTE_LEVELS, RISK_LEVELS, type DisputeCase } from '../../../src/modules/disputes/schema.ts';
import { errorMessage } from '../api';
import { hasAnyPermission, useMe } from '../auth';
import { ResponsiveList } from '../components/ResponsiveList';
import { formatDateTime } from '../labels';
import { RegionPicker } from '../people/RegionPicker';
import { DueTag } from '../requests/DueTag';
import { casesXlsxUrl, getDisputeMeta, listCases, type CaseFilter } from './disputes-api';
import { DisputesTabs } from './DisputesTabs';
import { CaseStatusTag, LevelTag, RiskTag } from './DisputeTags';

type Level = (typeof DISPUTE_LEVELS)[number];
type StatusFilter = (typeof CASE_STATUSES)[number] | 'active';
const PAGE_SIZE = 20;

/**
 * 案件看板: the cases of the user's area by level (grid, village, township, county) with a count on
 * each tab, filtered by status, risk, type, region and overdue. A row opens the case.
 */
export default function CaseBoardPage() {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const level = (params.get('level') as Level | null) ?? undefined;
  const [status, setStatus] = useState<StatusFilter | undefined>('active');
  const [risk, setRisk] = useState<(typeof RISK_LEVELS)[number] | undefined>();
  const [type, setType] = useState<string | undefined>();
  const [regionCode, setRegionCode] = useState<string | undefined>();
  const [overdue, setOverdue] = useState(false);
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const [types, setTypes] = useState<{ code: string; name: string }[]>([]);
  const [rows, setRows] = useState<DisputeCase[]>([]);
  const [total, setTotal] = useState(0);
  const [counts, setCounts] = useState<Partial<Record<Level | 'all', number>>>({});
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    getDisputeMeta()
      .then((m) => setTypes(m.types))
      .catch(() => undefined);
  }, []);

  const load = useCallback(async () => {
    const filter: CaseFilter = { status, risk, type, regionCode, overdue, q: q.trim() || undefined };
    setLoading(true);
    try {
      const [list, ...perLevel] = await Promise.all([
        listCases({ ...filter, level, page, pageSize: PAGE_SIZE }),
        ...DISPUTE_LEVELS.map((l) => listCases({ ...filter, level: l, pageSize: 1 })),
      ]);
      setRows(list.items);
      setTotal(list.total);
      setCounts({
        all: perLevel.reduce((s, p) => s + p.total, 0),
        ...Object.fromEntries(DISPUTE_LEVELS.map((l, i) => [l, perLevel[i]!.total])),
      });
      setError(null);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setLoading(false);
    }
  }, [status, risk, type, regionCode, overdue, q, level, page]);

  useEffect(() => {
    void load();
  }, [load]);

  const columns: ColumnsType<DisputeCase> = [
    {
      key: 'number',
      title: t('disputes.field.number'),
      width: 210,
      render: (_, c) => (
        <Space direction="vertical" size={0}>
          <Link to={`/disputes/${c.id}`} style={{ fontFamily: 'monospace' }} data-testid="case-link">
            {c.number}
          </Link>
          {c.synthetic && <Tag color="orange">{t('app.demoData')}</Tag>}
        </Space>
      ),
    },
    {
      key: 'title',
      title: t('disputes.field.title'),
      width: 280,
      render: (_, c) => (
        <Space direction="vertical" size={0} style={{ maxWidth: 280 }}>
          <Typography.Text ellipsis={{ tooltip: c.title }}>{c.title}</Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {categoryNameIn(i18n.language, c.disputeType, c.disputeTypeName)} · {c.partyNames.join('、')}
          </Typography.Text>
        </Space>
      ),
    },
    { key: 'level', title: t('disputes.field.level'), width: 110, render: (_, c) => <LevelTag level={c.level} /> },
    { key: 'risk', title: t('disputes.field.risk'), width: 90, render: (_, c) => <RiskTag level={c.riskLevel} reasons={c.riskReasons} /> },
    { key: 'status', title: t('disputes.field.status'), width: 110, render: (_, c) => <CaseStatusTag status={c.status} /> },
    {
      key: 'due',
      title: t('disputes.field.due'),
      width: 170,
      render: (_, c) => (c.status === 'closed' ? formatDateTime(c.closedAt) : <DueTag at={c.levelDue} />),
    },
    { key: 'mediator', title: t('disputes.field.mediator'), width: 100, render: (_, c) => c.mediatorName ?? t('common.empty') },
    {
      key: 'place',
      title: t('disputes.field.place'),
      width: 140,
      render: (_, c) => [c.townshipName, c.villageName].filter(Boolean).join(' · ') || t('common.empty'),
    },
    {
      key: 'source',
      title: t('disputes.field.source'),
      width: 110,
      render: (_, c) =>
        c.workOrderId ? <Link to={`/work-orders/${c.workOrderId}`}>{t('disputes.source.work_order')}</Link> : t(`disputes.source.${c.source}`),
    },
  ];

  const tabLabel = (key: Level | 'all') => (
    <Space size={6}>
      {key === 'all' ? t('disputes.board.all') : t(`disputes.level.${key}`)}
      <Badge count={counts[key] ?? 0} showZero overflowCount={9999} color={key === 'all' ? '#8c8c8c' : '#1677ff'} />
    </Space>
  );

  return (
    <>
      <DisputesTabs />
      <Card
        title={t('disputes.title')}
        extra={
          <Space>
            <Button
              icon={<DownloadOutlined />}
              href={casesXlsxUrl({ status, risk, type, regionCode, overdue, q: q.trim() || undefined, level })}
              data-testid="cases-xlsx"
            >
              {t('common.exportXlsx')}
            </Button>
            <Button icon={<ReloadOutlined />} onClick={() => void load()} aria-label={t('disputes.board.refresh')} />
            {hasAnyPermission(me, ['disputes.edit']) && (
              <Link to="/disputes/new">
                <Button type="primary" icon={<PlusOutlined />}>
                  {t('disputes.board.newCase')}
                </Button>
              </Link>
            )}
          </Space>
        }
      >
        <Tabs
          activeKey={level ?? 'all'}
          onChange={(k) => {
            setPage(1);
            setParams(k === 'all' ? {} : { level: k });
          }}
          items={(['all', ...DISPUTE_LEVELS] as const).map((k) => ({ key: k, label: <span data-testid={`level-tab-${k}`}>{tabLabel(k)}</span> }))}
        />
        <Flex gap={8} wrap style={{ marginBottom: 12 }}>
          <Input.Search
            allowClear
            placeholder={t('disputes.board.search')}
            style={{ width: 220 }}
            onSearch={(v) => {
              setPage(1);
              setQ(v);
            }}
            data-testid="case-search"
          />
          <Select<StatusFilter>
            allowClear
            style={{ width: 130 }}
            placeholder={t('disputes.board.allStatus')}
            value={status}
            onChange={(v) => {
              setPage(1);
              setStatus(v);
            }}
            options={(['active', ...CASE_STATUSES] as const).map((s) => ({ value: s, label: t(`disputes.status.${s}`) }))}
          />
          <Select
            allowClear
            style={{ width: 120 }}
            placeholder={t('disputes.board.allRisk')}
            value={risk}
            onChange={(v) => {
              setPage(1);
              setRisk(v);
            }}
            options={RISK_LEVELS.map((r) => ({ value: r, label: t(`disputes.risk.${r}`) }))}
          />
          <Select
            allowClear
            style={{ width: 160 }}
            placeholder={t('disputes.board.allTypes')}
            value={type}
            onChange={(v) => {
              setPage(1);
              setType(v);
            }}
            options={types.map((x) => ({ value: x.code, label: x.name }))}
          />
          <RegionPicker
            allowClear
            style={{ width: 200 }}
            placeholder={t('disputes.board.region')}
            value={regionCode}
            onChange={(v) => {
              setPage(1);
              setRegionCode(v);
            }}
          />
          <Space>
            <Switch
              checked={overdue}
              onChange={(v) => {
                setPage(1);
                setOverdue(v);
              }}
            />
            {t('disputes.board.overdue')}
          </Space>
        </Flex>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
        <ResponsiveList<DisputeCase>
          rowKey="id"
          size="small"
          loading={loading}
          columns={columns}
          dataSource={rows}
          scroll={{ x: 1100 }}
          locale={{ emptyText: t('disputes.board.empty') }}
          onRow={(c) => ({ 'data-testid': 'case-row', 'data-number': c.number }) as React.HTMLAttributes<HTMLElement>}
          pagination={{
            current: page,
            pageSize: PAGE_SIZE,
            total,
            showSizeChanger: false,
            onChange: setPage,
            showTotal: (n) => t('common.total', { total: n }),
          }}
        />
      </Card>
    </>
  );
}
