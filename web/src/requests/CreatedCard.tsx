import { CheckCircleFilled } from '@ant-design/icons';
import { Alert, Card, Descriptions, Flex, List, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { CreatedRequest } from '../../../src/modules/requests/schema.ts';
import { requestTypeLabel } from './request-labels';
import { StatusTag } from './StatusTag';

/** Link to the public tracking page for an order. */
export function trackLink(number: string, code: string): string {
  return `/track?${new URLSearchParams({ number, code }).toString()}`;
}

interface CreatedCardProps {
  created: CreatedRequest;
  /** The operator's console: smaller, with the routing and the duplicate candidates. */
  compact?: boolean;
}

/**
 * What a new order got: its number and query code (shown once; together they open the tracking
 * page), where it was routed, and — for staff — orders it may duplicate.
 */
export function CreatedCard({ created, compact }: CreatedCardProps) {
  const { t } = useTranslation();
  const big = compact ? 22 : 30;
  return (
    <Card
      data-testid="created-card"
      style={{ borderTop: '3px solid #52c41a' }}
      title={
        <Flex gap={8} align="center">
          <CheckCircleFilled style={{ color: '#52c41a' }} />
          {compact ? t('requests.created.titleStaff') : t('requests.created.title')}
        </Flex>
      }
    >
      {!compact && <Alert type="info" showIcon title={t('requests.created.remember')} style={{ marginBottom: 16 }} />}
      <Flex gap={24} wrap style={{ marginBottom: 12 }}>
        <div>
          <Typography.Text type="secondary">{t('requests.field.number')}</Typography.Text>
          <Typography.Paragraph copyable strong style={{ fontSize: big, margin: 0, fontFamily: 'monospace' }} data-testid="created-number">
            {created.number}
          </Typography.Paragraph>
        </div>
        <div>
          <Typography.Text type="secondary">{t('requests.field.queryCode')}</Typography.Text>
          <Typography.Paragraph copyable strong style={{ fontSize: big, margin: 0, fontFamily: 'monospace', letterSpacing: 2 }} data-testid="created-code">
            {created.queryCode}
          </Typography.Paragraph>
        </div>
      </Flex>
      <Descriptions
        size="small"
        column={1}
        items={[
          { key: 'status', label: t('requests.field.status'), children: <StatusTag status={created.status} /> },
          { key: 'type', label: t('requests.field.requestType'), children: requestTypeLabel(t, created.requestType) },
          { key: 'category', label: t('requests.field.category'), children: created.categoryName ?? t('requests.created.classifying') },
          ...(compact
            ? [
                {
                  key: 'unit',
                  label: t('requests.field.unit'),
                  children: <span data-testid="created-unit">{created.unitName ?? t('requests.created.triage')}</span>,
                },
              ]
            : []),
        ]}
      />
      {compact ? (
        <Flex gap={12} style={{ marginTop: 8 }}>
          <Link to={`/work-orders/${created.id}`}>{t('requests.created.open')}</Link>
          <Link to={trackLink(created.number, created.queryCode)} target="_blank">
            {t('requests.created.track')}
          </Link>
        </Flex>
      ) : (
        <Link to={trackLink(created.number, created.queryCode)} data-testid="created-track">
          {t('requests.created.track')}
        </Link>
      )}
      {compact && created.duplicateCandidates.length > 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginTop: 12 }}
          data-testid="created-duplicates"
          title={t('requests.created.duplicates', { count: created.duplicateCandidates.length })}
          description={
            <List
              size="small"
              dataSource={created.duplicateCandidates}
              renderItem={(d) => (
                <List.Item key={d.id}>
                  <Link to={`/work-orders/${d.id}`}>{d.number}</Link> <Typography.Text type="secondary">{d.reason}</Typography.Text>
                </List.Item>
              )}
            />
          }
        />
      )}
    </Card>
  );
}
