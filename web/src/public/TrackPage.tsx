import { SearchOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Flex, Form, Input, Steps, Timeline, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type { PublicOrder } from '../../../src/modules/requests/schema.ts';
import { ApiError, errorMessage } from '../api';
import { formatDateTime } from '../labels';
import { eventLabel } from '../requests/request-labels';
import { StatusTag } from '../requests/StatusTag';
import { trackOrder } from './public-api';

interface TrackForm {
  number: string;
  code: string;
}

/** Where an order stands, as four steps a resident understands: 受理 → 办理 → 办结 → 回访. */
function stepOf(status: PublicOrder['status']): number {
  switch (status) {
    case 'triage':
    case 'accepted':
      return 0;
    case 'dispatched':
    case 'signed':
    case 'in_progress':
      return 1;
    case 'resolved':
      return 2;
    default:
      return 3;
  }
}

/**
 * 查询进度: an order by its number and query code — status, what was done, and when each step
 * happened. No personal data is shown (the server sends none).
 */
export default function TrackPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const [form] = Form.useForm<TrackForm>();
  const [order, setOrder] = useState<PublicOrder | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const lookup = useCallback(
    async (number: string, code: string) => {
      setLoading(true);
      setError(null);
      try {
        setOrder(await trackOrder(number, code));
      } catch (err) {
        setOrder(null);
        setError(err instanceof ApiError && (err.status === 404 || err.status === 403) ? t('publicSite.track.notFound') : errorMessage(err));
      } finally {
        setLoading(false);
      }
    },
    [t],
  );

  // A link from the report page (or a bookmark) carries both: look it up straight away.
  const qNumber = params.get('number') ?? '';
  const qCode = params.get('code') ?? '';
  useEffect(() => {
    form.setFieldsValue({ number: qNumber, code: qCode });
    if (qNumber && qCode) void lookup(qNumber, qCode);
  }, [qNumber, qCode, form, lookup]);

  const onFinish = (v: TrackForm) => {
    const number = v.number.trim();
    const code = v.code.trim();
    if (number === qNumber && code === qCode) void lookup(number, code);
    else setParams({ number, code }, { replace: true });
  };

  return (
    <Flex vertical gap={16}>
      <Card data-testid="track-page">
        <Typography.Title level={4} style={{ marginTop: 0 }}>
          {t('publicSite.track.title')}
        </Typography.Title>
        <Form<TrackForm> form={form} layout="vertical" size="large" requiredMark={false} onFinish={onFinish}>
          <Form.Item
            name="number"
            label={t('requests.field.number')}
            rules={[{ required: true, whitespace: true, message: t('publicSite.track.numberRequired') }]}
          >
            <Input placeholder="522631-20261123-00042" autoComplete="off" inputMode="numeric" data-testid="track-number" />
          </Form.Item>
          <Form.Item
            name="code"
            label={t('requests.field.queryCode')}
            rules={[{ required: true, whitespace: true, message: t('publicSite.track.codeRequired') }]}
          >
            <Input autoComplete="off" data-testid="track-code" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block icon={<SearchOutlined />} loading={loading} data-testid="track-submit">
            {t('publicSite.track.submit')}
          </Button>
        </Form>
      </Card>
      {error && <Alert type="warning" showIcon title={error} data-testid="track-error" />}
      {order && (
        <Card data-testid="track-result">
          <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 16 }}>
            <Typography.Text strong style={{ fontFamily: 'monospace', fontSize: 18 }} data-testid="track-result-number">
              {order.number}
            </Typography.Text>
            <StatusTag status={order.status} />
          </Flex>
          <Steps
            size="small"
            current={stepOf(order.status)}
            style={{ marginBottom: 16 }}
            items={[
              { title: t('publicSite.track.step.accepted') },
              { title: t('publicSite.track.step.handling') },
              { title: t('publicSite.track.step.resolved') },
              { title: t('publicSite.track.step.followedUp') },
            ]}
          />
          <Descriptions
            size="small"
            column={1}
            items={[
              { key: 'category', label: t('requests.field.category'), children: order.categoryName ?? t('common.empty') },
              { key: 'createdAt', label: t('requests.field.createdAt'), children: formatDateTime(order.createdAt) },
              ...(order.resolvedAt ? [{ key: 'resolvedAt', label: t('requests.field.resolvedAt'), children: formatDateTime(order.resolvedAt) }] : []),
              ...(order.resolution
                ? [{ key: 'resolution', label: t('requests.field.resolution'), children: <span style={{ whiteSpace: 'pre-wrap' }}>{order.resolution}</span> }]
                : []),
            ]}
          />
          <Typography.Title level={5}>{t('publicSite.track.timeline')}</Typography.Title>
          <Timeline
            data-testid="track-timeline"
            items={order.timeline.map((e, i) => ({
              key: `${e.at}-${i}`,
              content: (
                <>
                  <Typography.Text type="secondary" style={{ marginInlineEnd: 8 }}>
                    {formatDateTime(e.at)}
                  </Typography.Text>
                  {eventLabel(t, e.action)}
                  {e.unitName && <Typography.Text type="secondary"> · {e.unitName}</Typography.Text>}
                </>
              ),
            }))}
          />
        </Card>
      )}
    </Flex>
  );
}
