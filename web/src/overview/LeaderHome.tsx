import { FullscreenOutlined } from '@ant-design/icons';
import { Badge, Button, Card, Col, List, Row, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { hasAnyPermission, useMe } from '../auth';
import { DEFAULT_LAYER, type PeriodKey } from './figures';
import { KeyFigures } from './KeyFigures';
import { MapPanel } from './MapPanel';
import { useTodo } from './todo';
import { useMapData } from './use-map-data';

interface Line {
  key: string;
  label: string;
  count: number | null | undefined;
  to: string;
  danger?: boolean;
}

function CountList({ lines, testId }: { lines: Line[]; testId: string }) {
  return (
    <List
      size="small"
      data-testid={testId}
      dataSource={lines.filter((l) => l.count !== null && l.count !== undefined)}
      renderItem={(l) => (
        <List.Item
          key={l.key}
          data-testid={`${testId}-${l.key}`}
          extra={<Badge count={l.count} showZero overflowCount={9999} color={l.danger && l.count ? '#cf1322' : '#8c8c8c'} />}
        >
          <Link to={l.to}>{l.label}</Link>
        </List.Item>
      )}
    />
  );
}

/**
 * A county or township leader's home: this month's key figures with trends, the command map
 * (small; it drills in place, the full page is a click away), what needs attention today and the
 * to-do counts, each a link into the list that holds them.
 */
export default function LeaderHome() {
  const { t } = useTranslation();
  const me = useMe();
  const [region, setRegion] = useState<string | undefined>();
  const [layer, setLayer] = useState(DEFAULT_LAYER);
  const [period, setPeriod] = useState<PeriodKey>('year');
  const data = useMapData(region, layer, period);
  const { todo } = useTodo(me, true);
  const counts = todo.inbox?.counts;
  const shown = data.outlines?.region.code ?? me.regionCode;

  const risks: Line[] = [
    { key: 'overdue', label: t('overview.home.risk.overdue'), count: todo.overdueOrders, to: '/work-orders?status=open&overdue=true', danger: true },
    {
      key: 'supervised',
      label: t('overview.home.risk.supervised'),
      count: todo.supervisedOrders,
      to: '/work-orders?status=open&supervised=true',
      danger: true,
    },
    { key: 'dueSoon', label: t('overview.home.risk.dueSoon'), count: counts?.dueSoon, to: '/inbox?tab=dueSoon' },
  ];
  const todos: Line[] = [
    { key: 'new', label: t('overview.home.inbox.new'), count: counts?.new, to: '/inbox?tab=new' },
    { key: 'overdue', label: t('overview.home.inbox.overdue'), count: counts?.overdue, to: '/inbox?tab=overdue', danger: true },
    { key: 'whistles', label: t('overview.home.inbox.whistles'), count: counts?.whistles, to: '/inbox?tab=whistles' },
    { key: 'followUps', label: t('overview.home.inbox.followUps'), count: counts?.followUps, to: '/inbox?tab=followUps' },
    { key: 'returns', label: t('overview.home.inbox.returns'), count: counts?.returns, to: '/dispatch' },
    { key: 'extensions', label: t('overview.home.inbox.extensions'), count: counts?.extensions, to: '/dispatch' },
    { key: 'whistleBoard', label: t('overview.home.whistleBoard'), count: todo.whistles, to: '/whistles' },
    { key: 'visits', label: t('overview.home.visits'), count: todo.visits, to: '/stewardship' },
  ];

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }} data-testid="leader-home">
      <Card title={t('overview.home.figures')} extra={<Typography.Text type="secondary">{t('overview.home.figuresHint')}</Typography.Text>}>
        <KeyFigures />
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={16}>
          <Card
            title={t('overview.home.map')}
            extra={
              <Space>
                <Link to={`/overview/map?region=${shown}&layer=${layer}&period=${period}`} data-testid="open-map">
                  {t('overview.map.open')}
                </Link>
                <Link to={`/overview/screen?region=${shown}`}>
                  <Button size="small" icon={<FullscreenOutlined />}>
                    {t('overview.map.screen')}
                  </Button>
                </Link>
              </Space>
            }
          >
            <MapPanel data={data} layer={layer} period={period} onRegion={setRegion} onLayer={setLayer} onPeriod={setPeriod} height={380} compact />
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          <Space direction="vertical" size={16} style={{ width: '100%' }}>
            <Card title={t('overview.home.risks')} size="small">
              <CountList lines={risks} testId="home-risks" />
              {hasAnyPermission(me, ['disputes.read']) && (
                <Link to="/disputes/warnings" data-testid="home-risks-warnings">
                  {t('overview.home.risk.warnings')}
                </Link>
              )}
            </Card>
            <Card title={t('overview.home.todo')} size="small">
              <CountList lines={todos} testId="home-todo" />
            </Card>
          </Space>
        </Col>
      </Row>
    </Space>
  );
}
