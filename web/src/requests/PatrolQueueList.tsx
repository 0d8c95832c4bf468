import { CheckCircleOutlined, ClockCircleOutlined, CloseCircleOutlined, EditOutlined, SyncOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Flex, Popconfirm, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { clearSynced, removeReport, requeueFailed, type QueuedReport, type QueueState } from './offline-queue';

const STATE_TAG: Record<QueueState, { color: string; icon: ReactNode }> = {
  queued: { color: 'gold', icon: <ClockCircleOutlined /> },
  syncing: { color: 'processing', icon: <SyncOutlined spin /> },
  synced: { color: 'success', icon: <CheckCircleOutlined /> },
  failed: { color: 'error', icon: <CloseCircleOutlined /> },
};

/** A refusal stored before refusals were kept in words ("lat: …"): the reason without the field's code. */
function inWords(text: string | null): string | null {
  return text?.replace(/^[A-Za-z_][\w.[\]]*: /, '') ?? null;
}

/** The reports on this phone: waiting, being sent, sent (with the order number) or refused (with why). */
export function PatrolQueueList({ reports, userId, onRetry }: { reports: QueuedReport[]; userId: string; onRetry(): void }) {
  const { t } = useTranslation();
  if (reports.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('requests.patrol.queueEmpty')} />;
  const anySynced = reports.some((r) => r.state === 'synced');
  return (
    <Flex vertical gap={8} data-testid="patrol-queue">
      <Flex justify="space-between" align="center">
        <Typography.Text strong>{t('requests.patrol.queueTitle')}</Typography.Text>
        {anySynced && (
          <Button size="small" type="link" onClick={() => void clearSynced(userId)}>
            {t('requests.patrol.clearSynced')}
          </Button>
        )}
      </Flex>
      {reports.map((r) => (
        <Card key={r.key} size="small" data-testid="queued-report" data-state={r.state}>
          <Flex justify="space-between" align="start" gap={8}>
            <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ margin: 0, flex: 1 }}>
              {r.body.description}
            </Typography.Paragraph>
            <Tag color={STATE_TAG[r.state].color} icon={STATE_TAG[r.state].icon} data-testid="queued-state">
              {t(`requests.patrol.state.${r.state}`)}
            </Tag>
          </Flex>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('requests.patrol.queuedAt', { time: dayjs(r.queuedAt).format('YYYY-MM-DD HH:mm') })}
            {r.body.photos?.length ? ` · ${t('requests.patrol.photoCount', { count: r.body.photos.length })}` : ''}
            {r.body.lat !== undefined ? ` · ${t('requests.patrol.located')}` : ''}
          </Typography.Text>
          {r.result && (
            <div>
              <Link to={`/work-orders/${r.result.id}`} data-testid="queued-number">
                {r.result.number}
              </Link>
              <Typography.Text type="secondary" style={{ marginInlineStart: 8 }}>
                {r.result.unitName ?? ''}
              </Typography.Text>
            </div>
          )}
          {r.state === 'queued' && r.attempts > 0 && r.lastError && (
            <Typography.Text type="warning" style={{ display: 'block', fontSize: 12 }}>
              {r.lastError}
            </Typography.Text>
          )}
          {r.state === 'failed' && (
            <Flex vertical gap={4} style={{ marginTop: 4 }}>
              <Typography.Text type="danger" data-testid="queued-error">
                {inWords(r.lastError)}
              </Typography.Text>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t(r.lastErrorField === 'lat' || r.lastErrorField === 'lng' ? 'requests.patrol.fixPoint' : 'requests.patrol.fixHint')}
              </Typography.Text>
              <Flex gap={8} wrap>
                {/* The fix: open it, move the point or change what was refused, and send it again. */}
                <Link to={`/patrol/edit/${encodeURIComponent(r.key)}`}>
                  <Button size="middle" type="primary" icon={<EditOutlined />} data-testid="queued-edit">
                    {t('requests.patrol.edit')}
                  </Button>
                </Link>
                <Button
                  size="middle"
                  onClick={() => {
                    void requeueFailed(r).then(onRetry);
                  }}
                >
                  {t('requests.patrol.retry')}
                </Button>
                <Popconfirm title={t('requests.patrol.deleteConfirm')} onConfirm={() => void removeReport(r.key)}>
                  <Button size="middle" danger>
                    {t('requests.patrol.delete')}
                  </Button>
                </Popconfirm>
              </Flex>
            </Flex>
          )}
        </Card>
      ))}
    </Flex>
  );
}
