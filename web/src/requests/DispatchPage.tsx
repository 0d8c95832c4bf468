import { CheckOutlined, ReloadOutlined } from '@ant-design/icons';
import { App, Badge, Button, Card, Progress, Space, Table, Tabs, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import type { Inbox, WorkOrder, WorkOrderDetail } from '../../../src/modules/requests/schema.ts';
import { ApiError, errorMessage } from '../api';
import { formatDateTime } from '../labels';
import { ActionModal, type FormAction } from './ActionModal';
import { CategoryCascader } from './CategoryCascader';
import { DuplicatesPanel } from './DuplicatesPanel';
import { TriageSuggestion } from './TriageSuggestion';
import { actionLabel, channelLabel, requestTypeLabel } from './request-labels';
import { getInbox, getWorkOrder, postAction } from './requests-api';
import { useTaxonomy } from './use-taxonomy';
import { OrderFlags, WorkOrderTable } from './WorkOrderTable';

const TABS = ['triage', 'returns', 'extensions'] as const;
/** Rows whose classifier suggestion is asked for at once (the classifier is rate limited). */
const AUTO_SUGGEST = 10;
type Tab = (typeof TABS)[number];

/**
 * 派单台: the dispatcher's board. Orders the classifier was unsure of wait in triage: confirm the
 * suggested category in one click (the routing table picks the unit), pick another one (kept as a
 * correction for retraining), send it to a unit by hand, or merge it into an order it repeats.
 * Units' returns and extension requests wait here for a decision.
 */
export default function DispatchPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const tx = useTaxonomy();
  const [params, setParams] = useSearchParams();
  const tab: Tab = TABS.find((k) => k === params.get('tab')) ?? 'triage';
  const [inbox, setInbox] = useState<Inbox | null>(null);
  const [loading, setLoading] = useState(true);
  const [chosen, setChosen] = useState<Record<string, string | undefined>>({});
  const [busy, setBusy] = useState<string | null>(null);
  const [target, setTarget] = useState<{ order: WorkOrder | WorkOrderDetail; action: FormAction; manual?: string } | null>(null);

  const load = useCallback(async () => {
    setLoading(true);
    try {
      setInbox(await getInbox());
    } catch (err) {
      void message.error(errorMessage(err));
    } finally {
      setLoading(false);
    }
  }, [message]);

  useEffect(() => {
    void load();
  }, [load]);

  /** One click: dispatch with the chosen (or suggested) category; the routing table picks the unit. */
  const confirm = async (o: WorkOrder) => {
    const categoryCode = chosen[o.id] ?? o.categoryCode ?? undefined;
    setBusy(o.id);
    try {
      await postAction(o.id, 'dispatch', { categoryCode });
      void message.success(t('requests.dispatch.dispatched', { number: o.number }));
      await load();
    } catch (err) {
      const fe = err instanceof ApiError ? err.fieldError() : undefined;
      // No unit in the routing table for it: open the by-hand form on the unit picker, with the reason.
      if (fe?.field === 'unitRegionCode') setTarget({ order: { ...o, categoryCode: categoryCode ?? null }, action: 'dispatch', manual: fe.reason });
      else void message.error(errorMessage(err));
    } finally {
      setBusy(null);
    }
  };

  /** Reviews need the order's detail: the pending extension, the unit's reason for returning. */
  const review = async (o: WorkOrder, action: 'review-return' | 'review-extension') => {
    setBusy(o.id);
    try {
      setTarget({ order: await getWorkOrder(o.id), action });
    } catch (err) {
      void message.error(errorMessage(err));
    } finally {
      setBusy(null);
    }
  };

  const triageColumns: ColumnsType<WorkOrder> = [
    {
      key: 'order',
      title: t('requests.field.number'),
      width: 190,
      render: (_, o) => (
        <Space orientation="vertical" size={0}>
          <Link to={`/work-orders/${o.id}`}>{o.number}</Link>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {formatDateTime(o.createdAt)} · {channelLabel(t, o.channel)}
          </Typography.Text>
          <OrderFlags order={o} />
        </Space>
      ),
    },
    {
      key: 'text',
      title: t('requests.field.description'),
      render: (_, o) => (
        <Space orientation="vertical" size={0} style={{ maxWidth: 460 }}>
          {!o.description.startsWith(o.title) && <Typography.Text strong>{o.title}</Typography.Text>}
          <Typography.Paragraph ellipsis={{ rows: 3, tooltip: o.description }} style={{ margin: 0 }} data-testid="triage-text">
            {o.description}
          </Typography.Paragraph>
          {(o.address || o.villageName) && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {[o.townshipName, o.villageName, o.address].filter(Boolean).join(' · ')}
            </Typography.Text>
          )}
        </Space>
      ),
    },
    {
      key: 'suggested',
      title: t('requests.dispatch.suggested'),
      width: 260,
      render: (_, o) => (
        <Space orientation="vertical" size={0}>
          {o.categoryCode ? (
            <span>{o.categoryName}</span>
          ) : (
            <TriageSuggestion
              text={o.description}
              auto={(inbox?.triage.findIndex((x) => x.id === o.id) ?? 99) < AUTO_SUGGEST}
              tx={tx}
              selected={chosen[o.id]}
              onPick={(code) => setChosen((c) => ({ ...c, [o.id]: code }))}
            />
          )}
          {o.confidence !== null && (
            <Tooltip title={t('requests.field.confidence')}>
              <Progress
                percent={Math.round(o.confidence * 100)}
                size="small"
                status={o.confidence < 0.5 ? 'exception' : 'normal'}
                style={{ width: 140, margin: 0 }}
              />
            </Tooltip>
          )}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {requestTypeLabel(t, o.requestType)}
          </Typography.Text>
        </Space>
      ),
    },
    {
      key: 'category',
      title: t('requests.dispatch.category'),
      width: 220,
      render: (_, o) => (
        <CategoryCascader
          tx={tx}
          size="small"
          style={{ width: 200 }}
          value={chosen[o.id] ?? o.categoryCode}
          onChange={(code) => setChosen((c) => ({ ...c, [o.id]: code }))}
          data-testid="triage-category"
        />
      ),
    },
    {
      key: 'actions',
      title: t('requests.field.actions'),
      width: 200,
      render: (_, o) => (
        <Space wrap size={4}>
          <Button
            size="small"
            type="primary"
            icon={<CheckOutlined />}
            loading={busy === o.id}
            disabled={!(chosen[o.id] ?? o.categoryCode)}
            onClick={() => void confirm(o)}
            data-testid="triage-confirm"
          >
            {t('requests.dispatch.confirm')}
          </Button>
          <Button size="small" onClick={() => setTarget({ order: { ...o, categoryCode: chosen[o.id] ?? o.categoryCode }, action: 'dispatch' })}>
            {t('requests.dispatch.byHand')}
          </Button>
        </Space>
      ),
    },
  ];

  const reviewButton = (action: 'review-return' | 'review-extension') => (o: WorkOrder) => (
    <Space size={4}>
      <Button size="small" type="primary" loading={busy === o.id} onClick={() => void review(o, action)} data-testid={`dispatch-${action}`}>
        {actionLabel(t, action)}
      </Button>
      <Link to={`/work-orders/${o.id}`}>{t('requests.inbox.open')}</Link>
    </Space>
  );

  const counts: Record<Tab, number> = { triage: inbox?.counts.triage ?? 0, returns: inbox?.counts.returns ?? 0, extensions: inbox?.counts.extensions ?? 0 };
  const children: Record<Tab, ReactNode> = {
    triage: (
      <Table<WorkOrder>
        data-testid="triage-table"
        rowKey="id"
        size="small"
        columns={triageColumns}
        dataSource={inbox?.triage ?? []}
        loading={loading}
        scroll={{ x: 1000 }}
        expandable={{
          expandedRowRender: (o) => <DuplicatesPanel order={o} onMerged={() => void load()} />,
          expandRowByClick: false,
          columnTitle: t('requests.dispatch.duplicates'),
        }}
        pagination={false}
        footer={() =>
          counts.triage > (inbox?.triage.length ?? 0) ? t('requests.dispatch.more', { shown: inbox?.triage.length ?? 0, total: counts.triage }) : null
        }
      />
    ),
    returns: (
      <WorkOrderTable
        data-testid="returns-table"
        orders={inbox?.returns ?? []}
        loading={loading}
        actions={reviewButton('review-return')}
        hide={['created', 'confidence']}
      />
    ),
    extensions: (
      <WorkOrderTable
        data-testid="extensions-table"
        orders={inbox?.extensions ?? []}
        loading={loading}
        actions={reviewButton('review-extension')}
        hide={['created', 'confidence']}
      />
    ),
  };

  return (
    <Card
      title={t('nav.dispatch')}
      extra={<Button icon={<ReloadOutlined />} loading={loading} onClick={() => void load()} aria-label={t('requests.list.refresh')} />}
    >
      <Tabs
        activeKey={tab}
        onChange={(k) => setParams({ tab: k }, { replace: true })}
        items={TABS.map((k) => ({
          key: k,
          label: (
            <Space size={6}>
              {t(`requests.dispatch.tab.${k}`)}
              <Badge count={counts[k]} overflowCount={999} />
            </Space>
          ),
          children: children[k],
        }))}
      />
      <ActionModal
        target={target}
        onClose={() => setTarget(null)}
        onDone={(a) => {
          setTarget(null);
          void message.success(t('requests.detail.done', { action: actionLabel(t, a) }));
          void load();
        }}
      />
    </Card>
  );
}
