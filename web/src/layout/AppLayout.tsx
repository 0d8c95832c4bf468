import { LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { Button, Layout, Menu, Space, Typography } from 'antd';
import { Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { useAuth, useMe } from '../auth';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { PageSpinner } from '../components/PageSpinner';
import { navKeyFor, visibleNav } from './nav';
import { ScopeIndicator } from './ScopeIndicator';

const { Header, Sider, Content } = Layout;

/** The frame around every logged-in page: permission-filtered side menu, scope and user in the header. */
export default function AppLayout() {
  const me = useMe();
  const { logout } = useAuth();
  const { t } = useTranslation();
  const location = useLocation();
  const navigate = useNavigate();
  const [leaving, setLeaving] = useState(false);

  const items = visibleNav(me).map((entry) => ({
    key: entry.key,
    icon: entry.icon,
    label: (
      <Link to={entry.path} data-testid={`menu-${entry.key}`}>
        {t(`nav.${entry.key}`)}
      </Link>
    ),
  }));

  const onLogout = async () => {
    setLeaving(true);
    try {
      await logout();
    } finally {
      navigate('/login', { replace: true });
    }
  };

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Sider width={208} theme="dark">
        <Link to="/" style={{ display: 'block', padding: '16px 24px' }}>
          <Typography.Title level={4} style={{ color: '#fff', margin: 0 }}>
            {t('app.brand')}
          </Typography.Title>
        </Link>
        <Menu data-testid="app-menu" theme="dark" mode="inline" selectedKeys={[navKeyFor(location.pathname)]} items={items} />
      </Sider>
      <Layout>
        <Header
          style={{
            background: '#fff',
            padding: '0 24px',
            borderBottom: '3px solid #c8102e',
            display: 'flex',
            alignItems: 'center',
            justifyContent: 'space-between',
            gap: 16,
          }}
        >
          <ScopeIndicator />
          <Space size="middle">
            <LanguageSwitch />
            <Typography.Text>
              <UserOutlined /> <span data-testid="user-name">{me.displayName}</span>
            </Typography.Text>
            <Button icon={<LogoutOutlined />} data-testid="logout" loading={leaving} onClick={() => void onLogout()}>
              {t('header.logout')}
            </Button>
          </Space>
        </Header>
        <Content style={{ margin: 24 }}>
          <Suspense fallback={<PageSpinner />}>
            <Outlet />
          </Suspense>
        </Content>
      </Layout>
    </Layout>
  );
}
