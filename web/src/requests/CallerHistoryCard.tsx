import { HistoryOutlined } from '@ant-design/icons';
import { Alert, Card, Empty, List, Space, Spin, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { CallerHistory } from '../../../src/modules/requests/schema.ts';
import { errorMessage } from '../api';
import { formatDateTime } from '../labels';
import { getCallerHistory } from './requests-api';
import { StatusTag } from './StatusTag';

type State = { status: 'idle' } | { status: 'loading' } | { status: 'ok'; history: CallerHistory } | { status: 'error'; message: string };

/** A mainland mobile number, the only kind the history is looked up for. */
export function isMobile(phone: string | undefined): phone is string {
  return /^1\d{10}$/.test((phone ?? '').trim());
}

/** 来电历史: the caller's earlier orders, with a 重复来电 flag, as soon as 11 digits are typed. */
export function CallerHistoryCard({ phone }: { phone: string | undefined }) {
  const { t } = useTranslation();
  const [state, setState] = useState<State>({ status: 'idle' });
  const digits = (phone ?? '').trim();

  useEffect(() => {
    if (!isMobile(digits)) {
      setState({ status: 'idle' });
      return;
    }
    let cancelled = false;
    setState({ status: 'loading' });
    getCallerHistory(digits)
      .then((history) => !cancelled && setState({ status: 'ok', history }))
      .catch((err: unknown) => !cancelled && setState({ status: 'error', message: errorMessage(err) }));
    return () => {
      cancelled = true;
    };
  }, [digits]);

  return (
    <Card
      size="small"
      data-testid="caller-history"
      title={
        <Space>
          <HistoryOutlined />
          {t('requests.caller.title')}
          {state.status === 'ok' && state.history.repeatCaller && (
            <Tag color="red" data-testid="repeat-caller">
              {t('requests.caller.repeat')}
            </Tag>
          )}
        </Space>
      }
      extra={
        state.status === 'ok' && (
          <Typography.Text type="secondary">{t('requests.caller.total', { phone: state.history.phone, total: state.history.total })}</Typography.Text>
        )
      }
    >
      {state.status === 'idle' && <Typography.Text type="secondary">{t('requests.caller.hint')}</Typography.Text>}
      {state.status === 'loading' && <Spin size="small" />}
      {state.status === 'error' && <Alert type="warning" showIcon title={state.message} />}
      {state.status === 'ok' &&
        (state.history.recent.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('requests.caller.none')} />
        ) : (
          <List
            size="small"
            dataSource={state.history.recent}
            renderItem={(o) => (
              <List.Item key={o.id} extra={<StatusTag status={o.status} />}>
                <List.Item.Meta
                  title={
                    <Link to={`/work-orders/${o.id}`} target="_blank">
                      {o.number}
                    </Link>
                  }
                  description={
                    <Typography.Text type="secondary" ellipsis style={{ maxWidth: 320 }}>
                      {formatDateTime(o.createdAt)} · {o.categoryName ?? t('common.empty')} · {o.title}
                    </Typography.Text>
                  }
                />
              </List.Item>
            )}
          />
        ))}
    </Card>
  );
}
