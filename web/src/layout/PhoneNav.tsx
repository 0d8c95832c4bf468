import { MenuOutlined } from '@ant-design/icons';
import { Drawer } from 'antd';
import { useState, type CSSProperties, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { useMe } from '../auth';
import { dailyNav, navKeyFor } from './nav';
import { NavMenu } from './NavMenu';

/** The bar's height; pages above it leave this much room at their bottom (plus the phone's safe area). */
export const TAB_BAR_HEIGHT = 56;
/** Bottom padding for a phone page, so its last lines are not under the tab bar. */
export const TAB_BAR_ROOM = `calc(${TAB_BAR_HEIGHT + 12}px + env(safe-area-inset-bottom))`;
const ACTIVE = '#c8102e';

const tabStyle = (active: boolean): CSSProperties => ({
  flex: '1 1 0',
  minWidth: 0,
  display: 'flex',
  flexDirection: 'column',
  alignItems: 'center',
  justifyContent: 'center',
  gap: 2,
  color: active ? ACTIVE : 'rgba(0, 0, 0, 0.65)',
  fontSize: 11,
  lineHeight: 1.2,
  background: 'none',
  border: 'none',
  padding: '0 2px',
  cursor: 'pointer',
});

function TabLabel({ icon, label }: { icon: ReactNode; label: string }) {
  return (
    <>
      <span style={{ fontSize: 20, lineHeight: 1 }}>{icon}</span>
      <span style={{ maxWidth: '100%', overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>{label}</span>
    </>
  );
}

/**
 * A phone's navigation: a tab bar fixed at the bottom with the role's daily destinations, and
 * "more", which opens the full menu in a drawer. The drawer is rendered while closed too, so the
 * menu is always in the page (tests wait for data-testid="app-menu"). The bar sits below popups,
 * dialogs and drawers (z-index 100 against antd's 1000+).
 */
export function PhoneNav() {
  const me = useMe();
  const { t } = useTranslation();
  const location = useLocation();
  const [open, setOpen] = useState(false);
  const current = navKeyFor(location.pathname);
  const tabs = dailyNav(me);
  const inTabs = tabs.some((e) => e.key === current);

  return (
    <>
      <nav
        data-testid="phone-tabbar"
        aria-label={t('nav.tabs')}
        style={{
          position: 'fixed',
          left: 0,
          right: 0,
          bottom: 0,
          zIndex: 100,
          display: 'flex',
          height: `calc(${TAB_BAR_HEIGHT}px + env(safe-area-inset-bottom))`,
          paddingBottom: 'env(safe-area-inset-bottom)',
          background: '#fff',
          borderTop: '1px solid #f0f0f0',
          boxShadow: '0 -2px 8px rgba(0, 0, 0, 0.06)',
        }}
      >
        {tabs.map((e) => (
          <Link key={e.key} to={e.path} data-testid={`tab-${e.key}`} aria-current={e.key === current ? 'page' : undefined} style={tabStyle(e.key === current)}>
            <TabLabel icon={e.icon} label={t(`nav.${e.key}`)} />
          </Link>
        ))}
        <button type="button" data-testid="nav-more" aria-expanded={open} style={tabStyle(!inTabs || open)} onClick={() => setOpen(true)}>
          <TabLabel icon={<MenuOutlined />} label={t('nav.more')} />
        </button>
      </nav>
      <Drawer
        open={open}
        onClose={() => setOpen(false)}
        placement="left"
        size={280}
        forceRender
        title={t('app.brand')}
        styles={{ body: { padding: 0 } }}
        data-testid="nav-drawer"
      >
        <NavMenu theme="light" onNavigate={() => setOpen(false)} />
      </Drawer>
    </>
  );
}
