import { App, Button, Empty, List, Popconfirm, Space, Spin, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { WorkOrder } from '../../../src/modules/requests/schema.ts';
import { errorMessage } from '../api';
import { formatDateTime } from '../labels';
import { getDuplicates, postAction } from './requests-api';
import { StatusTag } from './StatusTag';

/** Orders that may be the same matter as `order`, each with 合并 (this order goes into that one). */
export function DuplicatesPanel({ order, onMerged }: { order: WorkOrder; onMerged(): void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [items, setItems] = useState<WorkOrder[] | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  useEffect(() => {
    let cancelled = false;
    getDuplicates(order.id)
      .then((d) => !cancelled && setItems(d.items.filter((o) => o.id !== order.id)))
      .catch((err: unknown) => {
        if (cancelled) return;
        setItems([]);
        void message.error(errorMessage(err));
      });
    return () => {
      cancelled = true;
    };
  }, [order.id, message]);

  const merge = async (parent: WorkOrder) => {
    setBusy(parent.id);
    try {
      await postAction(order.id, 'merge', { parentId: parent.id });
      void message.success(t('requests.dispatch.merged', { number: order.number, parent: parent.number }));
      onMerged();
    } catch (err) {
      void message.error(errorMessage(err));
    } finally {
      setBusy(null);
    }
  };

  if (!items) return <Spin size="small" />;
  if (items.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('requests.dispatch.noDuplicates')} />;
  return (
    <List
      size="small"
      data-testid="duplicates"
      dataSource={items}
      renderItem={(d) => (
        <List.Item
          key={d.id}
          actions={[
            <Popconfirm key="merge" title={t('requests.dispatch.mergeConfirm', { number: order.number, parent: d.number })} onConfirm={() => void merge(d)}>
              <Button size="small" loading={busy === d.id}>
                {t('requests.dispatch.mergeInto')}
              </Button>
            </Popconfirm>,
          ]}
        >
          <Space orientation="vertical" size={0}>
            <Space size={6}>
              <Link to={`/work-orders/${d.id}`}>{d.number}</Link>
              <StatusTag status={d.status} />
              <Typography.Text type="secondary">{formatDateTime(d.createdAt)}</Typography.Text>
            </Space>
            <Typography.Text ellipsis style={{ maxWidth: 640 }}>
              {d.title} — {d.description}
            </Typography.Text>
          </Space>
        </List.Item>
      )}
    />
  );
}
