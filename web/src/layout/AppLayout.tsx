import { LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { Button, Layout, Space, Typography } from 'antd';
import { Suspense, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { useAuth, useMe } from '../auth';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { PageSpinner } from '../components/PageSpinner';
import { usePhone } from '../components/use-phone';
import { crumbsFor } from './breadcrumbs';
import { NavMenu } from './NavMenu';
import { PageBreadcrumb } from './PageBreadcrumb';
import { PageTitle } from './page-title';
import { PhoneNav, TAB_BAR_ROOM } from './PhoneNav';
import { ScopeIndicator } from './ScopeIndicator';

const { Header, Sider, Content } = Layout;

/**
 * The frame around every logged-in page. At a desk: the permission-filtered side menu, scope and
 * user in the header. On a phone (below 768 px) the menu takes no room: a slim header, and a tab
 * bar at the bottom with the role's daily destinations and "more" for the full menu. Above every
 * page but the home page, the breadcrumb; the browser tab is named after the same trail's last step.
 */
export default function AppLayout() {
  const me = useMe();
  const { logout } = useAuth();
  const { t } = useTranslation();
  const navigate = useNavigate();
  const phone = usePhone();
  const { pathname } = useLocation();
  const [leaving, setLeaving] = useState(false);
  const trail = useMemo(() => crumbsFor(pathname), [pathname]);
  const here = trail.at(-1);
  const page = (
    <PageTitle page={here && t(here.label)}>
      <PageBreadcrumb trail={trail} phone={phone} />
      <Suspense fallback={<PageSpinner />}>
        <Outlet />
      </Suspense>
    </PageTitle>
  );

  const onLogout = async () => {
    setLeaving(true);
    try {
      await logout();
    } finally {
      navigate('/login', { replace: true });
    }
  };

  const logoutButton = (
    <Button
      icon={<LogoutOutlined />}
      data-testid="logout"
      loading={leaving}
      aria-label={t('header.logout')}
      title={phone ? `${me.displayName} · ${t('header.logout')}` : undefined}
      onClick={() => void onLogout()}
    >
      {!phone && t('header.logout')}
    </Button>
  );

  if (phone) {
    return (
      <Layout style={{ minHeight: '100vh' }}>
        <Header
          style={{
            background: '#fff',
            height: 48,
            lineHeight: '48px',
            padding: '0 8px 0 12px',
            borderBottom: '3px solid #c8102e',
            display: 'flex',
            alignItems: 'center',
            gap: 4,
            position: 'sticky',
            top: 0,
            zIndex: 100,
          }}
        >
          <div style={{ flex: 1, minWidth: 0, lineHeight: 'normal' }}>
            <ScopeIndicator compact />
          </div>
          <LanguageSwitch />
          {logoutButton}
        </Header>
        <Content style={{ padding: `8px 8px ${TAB_BAR_ROOM}`, minWidth: 0 }}>{page}</Content>
        <PhoneNav />
      </Layout>
    );
  }

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Sider width={208} theme="dark">
        <Link to="/" style={{ display: 'block', padding: '16px 24px' }}>
          <Typography.Title level={4} style={{ color: '#fff', margin: 0 }}>
            {t('app.brand')}
          </Typography.Title>
        </Link>
        <NavMenu theme="dark" />
      </Sider>
      <Layout style={{ minWidth: 0 }}>
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
            {logoutButton}
          </Space>
        </Header>
        <Content style={{ margin: 24 }}>{page}</Content>
      </Layout>
    </Layout>
  );
}
