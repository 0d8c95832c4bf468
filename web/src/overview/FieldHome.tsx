import { CameraOutlined, RightOutlined } from '@ant-design/icons';
import { Badge, Button, Card, List, Skeleton, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { WorkOrder } from '../../../src/modules/requests/schema.ts';
import { hasAnyPermission, useMe } from '../auth';
import { KeyFigures } from './KeyFigures';
import { useTodo } from './todo';

interface Task {
  key: string;
  label: string;
  count: number;
  to: string;
  danger?: boolean;
}

/** Orders to act on first: overdue, then due soon, then new to sign for (each once). */
function firstOrders(lists: readonly (readonly WorkOrder[] | undefined)[], max: number): WorkOrder[] {
  const seen = new Set<string>();
  const out: WorkOrder[] = [];
  for (const list of lists) {
    for (const o of list ?? []) {
      if (seen.has(o.id)) continue;
      seen.add(o.id);
      out.push(o);
    }
  }
  return out.slice(0, max);
}

/**
 * A village cadre's or grid worker's home, phone first: their own to-do (sign for, handle,
 * follow up, visits) as large rows at the top, the orders to act on next, then the village's
 * figures (for those who may read them).
 */
export default function FieldHome() {
  const { t } = useTranslation();
  const me = useMe();
  const { todo, loaded } = useTodo(me, false);
  const c = todo.inbox?.counts;
  const tasks: Task[] = [
    { key: 'new', label: t('overview.home.inbox.new'), count: c?.new ?? 0, to: '/inbox?tab=new' },
    { key: 'overdue', label: t('overview.home.inbox.overdue'), count: c?.overdue ?? 0, to: '/inbox?tab=overdue', danger: true },
    { key: 'dueSoon', label: t('overview.home.inbox.dueSoon'), count: c?.dueSoon ?? 0, to: '/inbox?tab=dueSoon' },
    { key: 'followUps', label: t('overview.home.inbox.followUps'), count: c?.followUps ?? 0, to: '/inbox?tab=followUps' },
    { key: 'visits', label: t('overview.home.visits'), count: todo.visits ?? 0, to: '/stewardship' },
  ].filter((task) => task.key === 'new' || task.key === 'overdue' || task.count > 0);
  const orders = firstOrders([todo.inbox?.overdue, todo.inbox?.dueSoon, todo.inbox?.new], 5);

  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }} data-testid="field-home">
      <Card title={t('overview.home.todoFirst')} size="small" data-testid="field-todo" styles={{ body: { padding: 0 } }}>
        {!loaded ? (
          <Skeleton active style={{ padding: 12 }} />
        ) : (
          <List
            dataSource={tasks}
            renderItem={(task) => (
              <Link to={task.to} data-testid={`todo-${task.key}`} style={{ display: 'block', color: 'inherit' }}>
                <List.Item style={{ padding: '14px 16px', minHeight: 52 }} extra={<RightOutlined style={{ color: '#bfbfbf' }} />}>
                  <Space>
                    <Badge count={task.count} showZero overflowCount={999} color={task.danger && task.count ? '#cf1322' : task.count ? '#1677ff' : '#d9d9d9'} />
                    <span style={{ fontSize: 16 }}>{task.label}</span>
                  </Space>
                </List.Item>
              </Link>
            )}
          />
        )}
        {me.role === 'grid_worker' && (
          <div style={{ padding: 12 }}>
            <Link to="/patrol">
              <Button type="primary" block size="large" icon={<CameraOutlined />}>
                {t('overview.home.patrol')}
              </Button>
            </Link>
          </div>
        )}
      </Card>
      {orders.length > 0 && (
        <Card size="small" data-testid="field-orders" styles={{ body: { padding: 0 } }}>
          <List
            dataSource={orders}
            renderItem={(o) => (
              <Link to={`/work-orders/${o.id}`} style={{ display: 'block', color: 'inherit' }}>
                <List.Item style={{ padding: '10px 16px' }}>
                  <List.Item.Meta
                    title={<span style={{ fontSize: 15 }}>{o.title}</span>}
                    description={
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {o.number}
                        {o.villageName ? ` · ${o.villageName}` : ''}
                      </Typography.Text>
                    }
                  />
                </List.Item>
              </Link>
            )}
          />
        </Card>
      )}
      {!loaded || tasks.some((task) => task.count > 0) ? null : <Typography.Text type="secondary">{t('overview.home.nothingToDo')}</Typography.Text>}
      {hasAnyPermission(me, ['overview.read']) && (
        <Card size="small" title={t('overview.home.figures')}>
          <KeyFigures />
        </Card>
      )}
    </Space>
  );
}
