import { BellOutlined, CheckOutlined, ReloadOutlined } from '@ant-design/icons';
import { Alert, App, Badge, Button, Card, Empty, Input, List, Space, Tabs, Typography, type InputRef } from 'antd';
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import type { Inbox, WorkOrder } from '../../../src/modules/requests/schema.ts';
import { errorMessage } from '../api';
import { hasAnyPermission, useMe } from '../auth';
import { usePhone } from '../components/use-phone';
import { formatDateTime } from '../labels';
import { ActionModal, type FormAction } from './ActionModal';
import { actionLabel } from './request-labels';
import { getInbox, markNotificationRead, postAction } from './requests-api';
import { ShortcutsHelp } from './ShortcutsHelp';
import { useListShortcuts } from './use-list-shortcuts';
import { WhistleCallTable } from './WhistleCallTable';
import { WorkOrderTable } from './WorkOrderTable';

const TABS = ['new', 'dueSoon', 'overdue', 'whistles', 'followUps', 'notifications'] as const;
type Tab = (typeof TABS)[number];
type OrderTab = 'new' | 'dueSoon' | 'overdue' | 'followUps';
const isOrderTab = (tab: Tab): tab is OrderTab => tab !== 'whistles' && tab !== 'notifications';

/** Orders whose number, text or address contain the filter's words (the tab's list is at most a page, filtered here). */
function filterOrders(orders: WorkOrder[], filter: string): WorkOrder[] {
  const q = filter.trim().toLowerCase();
  if (!q) return orders;
  return orders.filter((o) => [o.number, o.title, o.description, o.address ?? '', o.villageName ?? ''].some((s) => s.toLowerCase().includes(q)));
}
const REFRESH_MS = 60_000;

/**
 * 待办: what the user's unit must do now — new orders to sign for, limits running out or passed,
 * whistles to answer, follow-ups due, notifications — each tab with its count. Refreshes itself
 * every minute. At a desk a box filters the tab's orders, and the keys work as on the work-order
 * list: `/` filter, `j`/`k` select, Enter opens, `?` lists the keys.
 */
export default function InboxPage() {
  const { t } = useTranslation();
  const me = useMe();
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const tab: Tab = TABS.find((k) => k === params.get('tab')) ?? 'new';
  const [inbox, setInbox] = useState<Inbox | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [target, setTarget] = useState<{ order: WorkOrder; action: FormAction } | null>(null);
  const phone = usePhone();
  const navigate = useNavigate();
  const [filter, setFilter] = useState('');
  const filterRef = useRef<InputRef>(null);
  const shown = (key: OrderTab) => filterOrders(inbox?.[key] ?? [], filter);
  const current = isOrderTab(tab) ? shown(tab) : [];
  const keys = useListShortcuts({
    enabled: !phone,
    count: current.length,
    onOpen: (i) => navigate(`/work-orders/${current[i]!.id}`),
    onSearch: () => filterRef.current?.focus(),
    resetKey: `${tab}:${filter}`,
  });

  const load = useCallback(async () => {
    setLoading(true);
    try {
      setInbox(await getInbox());
      setError(null);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setLoading(false);
    }
  }, []);

  useEffect(() => {
    void load();
    const id = setInterval(() => void load(), REFRESH_MS);
    return () => clearInterval(id);
  }, [load]);

  const sign = async (order: WorkOrder) => {
    setBusy(order.id);
    try {
      await postAction(order.id, 'sign', {});
      void message.success(t('requests.inbox.signed', { number: order.number }));
      await load();
    } catch (err) {
      void message.error(errorMessage(err));
    } finally {
      setBusy(null);
    }
  };

  const readNotification = async (id: string) => {
    try {
      await markNotificationRead(id);
      await load();
    } catch (err) {
      void message.error(errorMessage(err));
    }
  };

  const open = (o: WorkOrder) => <Link to={`/work-orders/${o.id}`}>{t('requests.inbox.open')}</Link>;
  const orders = (key: OrderTab, actions: (o: WorkOrder) => ReactNode) => (
    <WorkOrderTable
      data-testid={`inbox-${key}`}
      orders={shown(key)}
      loading={loading && !inbox}
      actions={actions}
      hide={['created']}
      selectedId={key === tab ? current[keys.selected]?.id : undefined}
    />
  );

  const counts = inbox?.counts;
  const countOf: Record<Tab, number> = {
    new: counts?.new ?? 0,
    dueSoon: counts?.dueSoon ?? 0,
    overdue: counts?.overdue ?? 0,
    whistles: counts?.whistles ?? 0,
    followUps: counts?.followUps ?? 0,
    notifications: counts?.unreadNotifications ?? 0,
  };
  const dispatchWaiting = (counts?.triage ?? 0) + (counts?.returns ?? 0) + (counts?.extensions ?? 0);

  const children: Record<Tab, ReactNode> = {
    new: orders('new', (o) => (
      <Space>
        <Button
          size={phone ? 'middle' : 'small'}
          type="primary"
          icon={<CheckOutlined />}
          loading={busy === o.id}
          onClick={() => void sign(o)}
          data-testid="inbox-sign"
        >
          {actionLabel(t, 'sign')}
        </Button>
        {open(o)}
      </Space>
    )),
    dueSoon: orders('dueSoon', open),
    overdue: orders('overdue', open),
    whistles: (
      <WhistleCallTable
        data-testid="inbox-whistles"
        withOrder
        canAnswer
        calls={inbox?.whistles ?? []}
        loading={loading && !inbox}
        onChanged={() => void load()}
      />
    ),
    followUps: orders('followUps', (o) => (
      <Space>
        {me.permissions.includes('requests.follow_up') && (
          <Button size="small" type="primary" onClick={() => setTarget({ order: o, action: 'follow-up' })}>
            {actionLabel(t, 'follow-up')}
          </Button>
        )}
        {open(o)}
      </Space>
    )),
    notifications:
      (inbox?.notifications.length ?? 0) === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
      ) : (
        <List
          data-testid="inbox-notifications"
          dataSource={inbox?.notifications ?? []}
          renderItem={(n) => (
            <List.Item
              key={n.id}
              actions={[
                ...(n.orderId
                  ? [
                      <Link key="open" to={`/work-orders/${n.orderId}`}>
                        {t('requests.inbox.open')}
                      </Link>,
                    ]
                  : []),
                ...(!n.read
                  ? [
                      <Button key="read" size="small" type="link" onClick={() => void readNotification(n.id)}>
                        {t('requests.inbox.markRead')}
                      </Button>,
                    ]
                  : []),
              ]}
            >
              <List.Item.Meta
                avatar={
                  <Badge dot={!n.read}>
                    <BellOutlined />
                  </Badge>
                }
                title={<Typography.Text strong={!n.read}>{n.message}</Typography.Text>}
                description={formatDateTime(n.createdAt)}
              />
            </List.Item>
          )}
        />
      ),
  };

  return (
    <Card
      title={inbox ? t('requests.inbox.title', { unit: inbox.unitName }) : t('nav.inbox')}
      extra={
        <Space>
          {!phone && (
            <Input.Search
              ref={filterRef}
              allowClear
              value={filter}
              onChange={(e) => setFilter(e.target.value)}
              placeholder={t('requests.shortcuts.filter')}
              style={{ width: 300 }}
              data-testid="inbox-filter"
            />
          )}
          {!phone && <ShortcutsHelp open={keys.help} onOpenChange={keys.setHelp} />}
          <Button icon={<ReloadOutlined />} loading={loading} onClick={() => void load()} aria-label={t('requests.list.refresh')} />
        </Space>
      }
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      {dispatchWaiting > 0 && hasAnyPermission(me, ['requests.dispatch']) && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('requests.inbox.dispatchWaiting', { triage: counts?.triage ?? 0, returns: counts?.returns ?? 0, extensions: counts?.extensions ?? 0 })}
          action={<Link to="/dispatch">{t('nav.dispatch')}</Link>}
        />
      )}
      <Tabs
        activeKey={tab}
        onChange={(k) => setParams({ tab: k }, { replace: true })}
        items={TABS.map((k) => ({
          key: k,
          label: (
            <Space size={6} data-testid={`inbox-tab-${k}`}>
              {t(`requests.inbox.tab.${k}`)}
              <Badge count={countOf[k]} overflowCount={999} color={k === 'overdue' ? 'red' : k === 'dueSoon' ? 'orange' : undefined} showZero={false} />
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
