import { Flex, Space, Tag, theme, Tooltip, Typography } from 'antd';
import type { TablePaginationConfig } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { categoryNameIn } from '../locales/names.en';
import { Link } from 'react-router';
import type { WorkOrder } from '../../../src/modules/requests/schema.ts';
import { ResponsiveList } from '../components/ResponsiveList';
import { formatDateTime } from '../labels';
import { DueTag } from './DueTag';
import { currentDue, percent, requestTypeLabel } from './request-labels';
import { StatusTag } from './StatusTag';

/** The small flags an order may carry: 督办, 超时, 退单待审, 重办 n. */
export function OrderFlags({ order }: { order: WorkOrder }) {
  const { t } = useTranslation();
  return (
    <Space size={2} wrap>
      {order.supervised && <Tag color="volcano">{t('requests.flag.supervised')}</Tag>}
      {order.overdue && <Tag color="red">{t('requests.flag.overdue')}</Tag>}
      {order.returnPending && <Tag color="orange">{t('requests.flag.returnPending')}</Tag>}
      {order.reopenCount > 0 && <Tag color="magenta">{t('requests.flag.reopened', { count: order.reopenCount })}</Tag>}
      {order.synthetic && <Tag color="orange">{t('app.demoData')}</Tag>}
    </Space>
  );
}

interface WorkOrderTableProps {
  orders: WorkOrder[];
  loading?: boolean;
  pagination?: TablePaginationConfig | false;
  /** Row buttons (sign for, open…). */
  actions?(order: WorkOrder): ReactNode;
  /** Leave out columns a narrow list does not need. */
  hide?: readonly ('unit' | 'place' | 'created' | 'confidence' | 'type')[];
  /** The row the keyboard selected (useListShortcuts): highlighted and kept in view. */
  selectedId?: string;
  'data-testid'?: string;
}

/** Work orders as a table: number, what, where, who holds it, the time limit that matters now. */
export function WorkOrderTable({ orders, loading, pagination = false, actions, hide = [], selectedId, ...rest }: WorkOrderTableProps) {
  const { t, i18n } = useTranslation();
  const { token } = theme.useToken();
  useEffect(() => {
    if (selectedId) document.querySelector(`[data-order-id="${selectedId}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [selectedId]);
  const show = (c: (typeof hide)[number]) => !hide.includes(c);
  const columns: ColumnsType<WorkOrder> = [
    {
      key: 'number',
      title: t('requests.field.number'),
      width: 200,
      render: (_, o) => (
        <Space orientation="vertical" size={0}>
          <Link to={`/work-orders/${o.id}`} data-testid="order-link">
            {o.number}
          </Link>
          <OrderFlags order={o} />
        </Space>
      ),
    },
    {
      key: 'what',
      title: t('requests.field.title'),
      render: (_, o) => (
        <Space orientation="vertical" size={0} style={{ maxWidth: 420 }}>
          <Typography.Text strong ellipsis>
            {o.title}
          </Typography.Text>
          {o.description !== o.title && (
            <Typography.Text type="secondary" ellipsis style={{ fontSize: 12 }}>
              {o.description}
            </Typography.Text>
          )}
        </Space>
      ),
    },
    {
      key: 'category',
      title: t('requests.field.category'),
      width: 180,
      render: (_, o) => (
        <Space orientation="vertical" size={0}>
          <span>
            {categoryNameIn(i18n.language, o.categoryCode, o.categoryName) ?? t('common.empty')}
            {show('confidence') && o.confidence !== null && !o.categoryConfirmed && (
              <Tooltip title={t('requests.field.confidence')}>
                <Typography.Text type="secondary" style={{ marginInlineStart: 4, fontSize: 12 }}>
                  {percent(o.confidence, 0)}
                </Typography.Text>
              </Tooltip>
            )}
          </span>
          {show('type') && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {requestTypeLabel(t, o.requestType)}
            </Typography.Text>
          )}
        </Space>
      ),
    },
    ...(show('place')
      ? [
          {
            key: 'place',
            title: t('requests.field.place'),
            width: 170,
            render: (_: unknown, o: WorkOrder) => [o.townshipName, o.villageName].filter(Boolean).join(' · ') || o.address || t('common.empty'),
          },
        ]
      : []),
    { key: 'status', title: t('requests.field.status'), width: 90, render: (_, o) => <StatusTag status={o.status} /> },
    ...(show('unit')
      ? [{ key: 'unit', title: t('requests.field.unit'), width: 150, render: (_: unknown, o: WorkOrder) => o.unitName ?? t('common.empty') }]
      : []),
    {
      key: 'due',
      title: t('requests.field.due'),
      width: 150,
      render: (_, o) => {
        const due = currentDue(o);
        return due ? <DueTag at={due.at} label={t(`requests.dueKind.${due.kind}`)} /> : t('common.empty');
      },
    },
    ...(show('created')
      ? [{ key: 'created', title: t('requests.field.createdAt'), width: 140, render: (_: unknown, o: WorkOrder) => formatDateTime(o.createdAt) }]
      : []),
    ...(actions ? [{ key: 'actions', title: t('requests.field.actions'), width: 170, render: (_: unknown, o: WorkOrder) => actions(o) }] : []),
  ];
  return (
    <ResponsiveList<WorkOrder>
      data-testid={rest['data-testid']}
      rowKey="id"
      size="small"
      columns={columns}
      dataSource={orders}
      loading={loading}
      pagination={pagination}
      scroll={{ x: 900 }}
      onRow={(o) => ({
        'data-order-id': o.id,
        'data-selected': o.id === selectedId ? 'true' : undefined,
        style: o.id === selectedId ? { background: token.controlItemBgActive, outline: `2px solid ${token.colorPrimary}`, outlineOffset: -2 } : undefined,
      })}
      renderCard={(o) => <WorkOrderCard order={o} actions={actions} showUnit={show('unit')} />}
    />
  );
}

/** One order on a phone: number and status, what, where and who, the limit that matters now, the row's buttons. */
function WorkOrderCard({ order: o, actions, showUnit }: { order: WorkOrder; actions?(order: WorkOrder): ReactNode; showUnit: boolean }) {
  const { t, i18n } = useTranslation();
  const due = currentDue(o);
  const place = [o.townshipName, o.villageName].filter(Boolean).join(' · ') || o.address;
  return (
    <Flex vertical gap={4} data-testid="order-card">
      <Flex justify="space-between" align="center" gap={8}>
        <Link to={`/work-orders/${o.id}`} data-testid="order-link" style={{ fontFamily: 'monospace', overflowWrap: 'anywhere' }}>
          {o.number}
        </Link>
        <StatusTag status={o.status} />
      </Flex>
      <Typography.Text strong style={{ overflowWrap: 'anywhere' }}>
        {o.title}
      </Typography.Text>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {[categoryNameIn(i18n.language, o.categoryCode, o.categoryName), place, showUnit ? o.unitName : null].filter(Boolean).join(' · ')}
      </Typography.Text>
      <Flex gap={4} wrap align="center">
        {due && <DueTag at={due.at} label={t(`requests.dueKind.${due.kind}`)} />}
        <OrderFlags order={o} />
      </Flex>
      {actions && <div style={{ marginTop: 4 }}>{actions(o)}</div>}
    </Flex>
  );
}
