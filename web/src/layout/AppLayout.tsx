import { LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { Button, Grid, Layout, Menu, Space, Typography } from 'antd';
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
  // Below md (phones, 390 px) the menu folds away behind a tab and opens over the page, and the
  // header drops the user's name and the logout label, so no page scrolls sideways.
  const narrow = Grid.useBreakpoint().md === false;
  const [menuClosed, setMenuClosed] = useState(false);

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
      <Sider
        width={208}
        theme="dark"
        breakpoint="md"
        collapsedWidth={0}
        collapsed={menuClosed}
        onCollapse={setMenuClosed}
        zeroWidthTriggerStyle={{ top: 8 }}
        style={narrow ? { position: 'fixed', zIndex: 100, height: '100vh' } : undefined}
      >
        <Link to="/" style={{ display: 'block', padding: '16px 24px' }}>
          <Typography.Title level={4} style={{ color: '#fff', margin: 0 }}>
            {t('app.brand')}
          </Typography.Title>
        </Link>
        <Menu
          data-testid="app-menu"
          theme="dark"
          mode="inline"
          selectedKeys={[navKeyFor(location.pathname)]}
          items={items}
          onClick={() => narrow && setMenuClosed(true)}
        />
      </Sider>
      <Layout>
        <Header
          style={{
            background: '#fff',
            padding: narrow ? '8px 12px 8px 48px' : '0 24px',
            borderBottom: '3px solid #c8102e',
            display: 'flex',
            flexWrap: 'wrap',
            alignItems: 'center',
            justifyContent: 'space-between',
            gap: narrow ? 4 : 16,
            ...(narrow && { height: 'auto', lineHeight: 'normal' }),
          }}
        >
          <ScopeIndicator />
          <Space size={narrow ? 'small' : 'middle'}>
            <LanguageSwitch />
            {!narrow && (
              <Typography.Text>
                <UserOutlined /> <span data-testid="user-name">{me.displayName}</span>
              </Typography.Text>
            )}
            <Button
              icon={<LogoutOutlined />}
              data-testid="logout"
              loading={leaving}
              title={narrow ? `${me.displayName} · ${t('header.logout')}` : undefined}
              onClick={() => void onLogout()}
            >
              {!narrow && t('header.logout')}
            </Button>
          </Space>
        </Header>
        <Content style={{ margin: narrow ? 12 : 24 }}>
          <Suspense fallback={<PageSpinner />}>
            <Outlet />
          </Suspense>
        </Content>
      </Layout>
    </Layout>
  );
}
