import { Menu } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { useMe } from '../auth';
import { navKeyFor, visibleNav } from './nav';

/**
 * The full, permission-filtered menu: in the side bar at a desk, in the "more" drawer on a phone.
 * Tests find it by data-testid="app-menu" and its entries by "menu-<key>".
 */
export function NavMenu({ theme, onNavigate }: { theme: 'dark' | 'light'; onNavigate?(): void }) {
  const me = useMe();
  const { t } = useTranslation();
  const location = useLocation();
  const items = visibleNav(me).map((entry) => ({
    key: entry.key,
    icon: entry.icon,
    label: (
      <Link to={entry.path} data-testid={`menu-${entry.key}`}>
        {t(`nav.${entry.key}`)}
      </Link>
    ),
  }));
  return (
    <Menu
      data-testid="app-menu"
      theme={theme}
      mode="inline"
      selectedKeys={[navKeyFor(location.pathname)]}
      items={items}
      onClick={() => onNavigate?.()}
      style={theme === 'light' ? { borderInlineEnd: 'none' } : undefined}
    />
  );
}
