import { Alert, Card, Empty, Flex, Segmented, Spin, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { WorkOrderPage } from '../../../src/modules/requests/schema.ts';
import { errorMessage } from '../api';
import { formatDateTime } from '../labels';
import { DueTag } from './DueTag';
import { currentDue } from './request-labels';
import { listWorkOrders } from './requests-api';
import { StatusTag } from './StatusTag';
import { OrderFlags } from './WorkOrderTable';

/** 我的网格工单: the orders held by the worker's own unit, as cards for a phone. */
export function PatrolOrders() {
  const { t } = useTranslation();
  const [status, setStatus] = useState<'open' | 'all'>('open');
  const [page, setPage] = useState<WorkOrderPage | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let cancelled = false;
    setPage(null);
    listWorkOrders({ mine: true, status: status === 'open' ? 'open' : undefined, pageSize: 50 })
      .then((p) => !cancelled && setPage(p))
      .catch((err: unknown) => !cancelled && setError(errorMessage(err)));
    return () => {
      cancelled = true;
    };
  }, [status]);

  return (
    <Flex vertical gap={8} data-testid="patrol-my-orders">
      <Segmented<'open' | 'all'>
        block
        size="large"
        value={status}
        onChange={setStatus}
        options={[
          { value: 'open', label: t('requests.list.open') },
          { value: 'all', label: t('requests.list.all') },
        ]}
      />
      {error && <Alert type="error" showIcon title={error} />}
      {!page && !error && <Spin />}
      {page && page.items.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('requests.patrol.noOrders')} />}
      {page?.items.map((o) => {
        const due = currentDue(o);
        return (
          <Link key={o.id} to={`/work-orders/${o.id}`}>
            <Card size="small" hoverable>
              <Flex justify="space-between" align="center" gap={8}>
                <Typography.Text strong>{o.title}</Typography.Text>
                <StatusTag status={o.status} />
              </Flex>
              <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }}>
                {o.number} · {formatDateTime(o.createdAt)} · {o.categoryName ?? ''}
              </Typography.Text>
              <Flex gap={4} wrap style={{ marginTop: 4 }}>
                {due && <DueTag at={due.at} label={t(`requests.dueKind.${due.kind}`)} />}
                <OrderFlags order={o} />
              </Flex>
            </Card>
          </Link>
        );
      })}
    </Flex>
  );
}
