import { ArrowLeftOutlined, CloudSyncOutlined, DisconnectOutlined, FormOutlined, HomeOutlined, UnorderedListOutlined, WifiOutlined } from '@ant-design/icons';
import { Alert, Button, Empty, Flex, Layout, Spin, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Route, Routes, useNavigate, useParams } from 'react-router';
import { useMe } from '../auth';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { usePhone } from '../components/use-phone';
import { PhoneNav, TAB_BAR_ROOM } from '../layout/PhoneNav';
import { PatrolOrders } from './PatrolOrders';
import { PatrolQueueList } from './PatrolQueueList';
import { getReport, type QueuedReport } from './offline-queue';
import { PatrolReport } from './PatrolReport';
import { registerServiceWorker } from './register-sw';
import { useOfflineQueue, useOnline } from './use-offline-queue';

const BIG = { height: 72, fontSize: 20 } as const;

/**
 * 巡查上报: the grid worker's phone screens, outside the desktop frame. Big buttons; a report is
 * queued on the phone first and sent when there is a network, so nothing is lost in the hills.
 */
export default function PatrolPage() {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const online = useOnline();
  const queue = useOfflineQueue(me.id);
  const phone = usePhone();

  useEffect(() => registerServiceWorker(), []);

  return (
    <Layout style={{ minHeight: '100vh', background: '#f5f5f5', paddingBottom: phone ? TAB_BAR_ROOM : undefined }} data-testid="patrol-page">
      <Flex
        align="center"
        justify="space-between"
        style={{ background: '#c8102e', color: '#fff', padding: '10px 12px', position: 'sticky', top: 0, zIndex: 10 }}
      >
        <Flex align="center" gap={8}>
          <Link to="/" style={{ color: '#fff' }} aria-label={t('requests.patrol.desk')}>
            <HomeOutlined style={{ fontSize: 20 }} />
          </Link>
          <Typography.Text strong style={{ color: '#fff', fontSize: 18 }}>
            {t('requests.patrol.title')}
          </Typography.Text>
        </Flex>
        <Flex align="center" gap={4}>
          <Tag color={online ? 'green' : 'default'} icon={online ? <WifiOutlined /> : <DisconnectOutlined />} data-testid="patrol-online">
            {online ? t('requests.patrol.online') : t('requests.patrol.offline')}
          </Tag>
          <LanguageSwitch />
        </Flex>
      </Flex>
      <div style={{ padding: 12, maxWidth: 640, width: '100%', margin: '0 auto' }}>
        {queue.storeError && <Alert type="error" showIcon title={t('requests.patrol.storeError', { error: queue.storeError })} style={{ marginBottom: 12 }} />}
        {queue.last?.needsLogin && <Alert type="warning" showIcon title={t('requests.patrol.needsLogin')} style={{ marginBottom: 12 }} />}
        <Routes>
          <Route
            index
            element={
              <Flex vertical gap={12}>
                <Button type="primary" block icon={<FormOutlined />} style={BIG} onClick={() => navigate('report')} data-testid="patrol-new">
                  {t('requests.patrol.report')}
                </Button>
                <Button block icon={<UnorderedListOutlined />} style={BIG} onClick={() => navigate('orders')} data-testid="patrol-orders">
                  {t('requests.patrol.myOrders')}
                </Button>
                <Button
                  block
                  icon={<CloudSyncOutlined />}
                  style={BIG}
                  type={queue.waiting > 0 ? 'primary' : 'default'}
                  ghost={queue.waiting > 0}
                  loading={queue.syncing}
                  disabled={!online}
                  onClick={() => void queue.sync()}
                  data-testid="patrol-sync"
                >
                  {queue.waiting > 0 ? t('requests.patrol.syncCount', { count: queue.waiting }) : t('requests.patrol.sync')}
                </Button>
                <PatrolQueueList reports={queue.reports} userId={me.id} onRetry={() => void queue.sync()} />
              </Flex>
            }
          />
          <Route
            path="report"
            element={
              <>
                <BackLink />
                <PatrolReport
                  userId={me.id}
                  online={online}
                  onQueued={() => {
                    navigate('/patrol');
                    if (online) void queue.sync();
                  }}
                />
              </>
            }
          />
          <Route
            path="edit/:key"
            element={
              <>
                <BackLink />
                <PatrolEdit
                  userId={me.id}
                  online={online}
                  onQueued={() => {
                    navigate('/patrol');
                    if (online) void queue.sync();
                  }}
                />
              </>
            }
          />
          <Route
            path="orders"
            element={
              <>
                <BackLink />
                <PatrolOrders />
              </>
            }
          />
        </Routes>
      </div>
      {/* On a phone the app's tab bar and full menu are here too: the patrol screen is where a grid worker starts. */}
      {phone && <PhoneNav />}
    </Layout>
  );
}

/** A refused report opened from the queue to be corrected (the key is the report's in the queue). */
function PatrolEdit({ userId, online, onQueued }: { userId: string; online: boolean; onQueued(): void }) {
  const { t } = useTranslation();
  const { key } = useParams();
  const [report, setReport] = useState<QueuedReport | null | undefined>(undefined);
  useEffect(() => {
    let cancelled = false;
    getReport(userId, key ?? '')
      .then((r) => !cancelled && setReport(r ?? null))
      .catch(() => !cancelled && setReport(null));
    return () => {
      cancelled = true;
    };
  }, [userId, key]);
  if (report === undefined) return <Spin />;
  if (report === null) return <Empty description={t('requests.patrol.editGone')} />;
  return <PatrolReport key={report.key} userId={userId} online={online} onQueued={onQueued} editing={report} />;
}

function BackLink() {
  const { t } = useTranslation();
  return (
    <Link to="/patrol" style={{ display: 'inline-block', marginBottom: 12, fontSize: 16 }}>
      <ArrowLeftOutlined /> {t('requests.patrol.back')}
    </Link>
  );
}
