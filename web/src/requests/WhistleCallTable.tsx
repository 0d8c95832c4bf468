import { Space, Table, Tag, Typography } from 'antd';
import type { TablePaginationConfig } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { WhistleCall } from '../../../src/modules/requests/schema.ts';
import { useMe } from '../auth';
import { formatDateTime } from '../labels';
import { DueTag } from './DueTag';
import { isMyCall, WhistleCallButtons } from './WhistleCallButtons';

interface WhistleCallTableProps {
  calls: WhistleCall[];
  loading?: boolean;
  /** The board lists calls of many orders; an order's page leaves that column out. */
  withOrder?: boolean;
  /** Let these calls be answered from here even when they are not the user's own (the server decides). */
  canAnswer?: boolean;
  /** The order is finished: calls never answered are shown as such, with no countdown or buttons. */
  closed?: boolean;
  onChanged(): void;
  pagination?: TablePaginationConfig | false;
  'data-testid'?: string;
}

/** 吹哨报到: who was summoned, by when, whether and when they reported in, and what they did. */
export function WhistleCallTable({ calls, loading, withOrder, canAnswer, closed, onChanged, pagination = false, ...rest }: WhistleCallTableProps) {
  const { t } = useTranslation();
  const me = useMe();
  const columns: ColumnsType<WhistleCall> = [
    ...(withOrder
      ? [
          {
            key: 'order',
            title: t('requests.whistles.order'),
            render: (_: unknown, c: WhistleCall) => (
              <Space orientation="vertical" size={0}>
                <Link to={`/work-orders/${c.orderId}`}>{c.orderNumber}</Link>
                <Typography.Text type="secondary" ellipsis style={{ maxWidth: 260, fontSize: 12 }}>
                  {c.orderTitle}
                </Typography.Text>
              </Space>
            ),
          },
        ]
      : []),
    {
      key: 'unit',
      title: t('requests.whistles.unit'),
      render: (_, c) => (
        <Space size={4}>
          {c.unitName}
          {isMyCall(me, c) && <Tag color="blue">{t('requests.whistles.mine')}</Tag>}
        </Space>
      ),
    },
    {
      key: 'reason',
      title: t('requests.whistles.reason'),
      render: (_, c) => (
        <Typography.Paragraph ellipsis={{ rows: 2, tooltip: c.reason }} style={{ margin: 0, maxWidth: 280 }}>
          {c.reason}
        </Typography.Paragraph>
      ),
    },
    { key: 'calledAt', title: t('requests.whistles.calledAt'), width: 140, render: (_, c) => formatDateTime(c.calledAt) },
    {
      key: 'reported',
      title: t('requests.whistles.reported'),
      width: 200,
      render: (_, c) =>
        c.reportedAt ? (
          <Space orientation="vertical" size={0}>
            <Space size={4}>
              {formatDateTime(c.reportedAt)}
              {c.late && <Tag color="red">{t('requests.whistles.late')}</Tag>}
            </Space>
            {c.reportNote && (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {c.reportNote}
              </Typography.Text>
            )}
          </Space>
        ) : closed ? (
          <Typography.Text type="secondary">{t('requests.whistles.notReported')}</Typography.Text>
        ) : (
          <Space size={4}>
            <DueTag at={c.reportDue} label={t('requests.whistles.reportDue')} />
            {c.late && <Tag color="red">{t('requests.whistles.late')}</Tag>}
          </Space>
        ),
    },
    {
      key: 'part',
      title: t('requests.whistles.part'),
      width: 200,
      render: (_, c) =>
        c.partDoneAt ? (
          <Space orientation="vertical" size={0}>
            {formatDateTime(c.partDoneAt)}
            {c.partNote && (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {c.partNote}
              </Typography.Text>
            )}
          </Space>
        ) : (
          t('common.empty')
        ),
    },
    {
      key: 'actions',
      title: t('requests.field.actions'),
      width: 150,
      render: (_, c) => (!closed && (canAnswer || isMyCall(me, c)) ? <WhistleCallButtons call={c} onDone={onChanged} /> : null),
    },
  ];
  return (
    <Table<WhistleCall>
      data-testid={rest['data-testid']}
      rowKey="id"
      size="small"
      columns={columns}
      dataSource={calls}
      loading={loading}
      pagination={pagination}
      scroll={{ x: 800 }}
    />
  );
}
