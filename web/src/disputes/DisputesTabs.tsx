import { Menu } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';
import { hasAnyPermission, useMe } from '../auth';

const TABS = [
  { key: 'board', path: '/disputes' },
  { key: 'new', path: '/disputes/new', edit: true },
  { key: 'stats', path: '/disputes/stats' },
  { key: 'warnings', path: '/disputes/warnings' },
  { key: 'mediators', path: '/disputes/mediators' },
  { key: 'receptions', path: '/disputes/receptions' },
] as const;

/**
 * The module's own menu (cases, register, statistics, warnings, roster, receptions), above each page.
 * A department's staff, who see only the cases they take part in, get the case list alone.
 */
export function DisputesTabs() {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const canEdit = hasAnyPermission(me, ['disputes.edit']);
  const canRead = hasAnyPermission(me, ['disputes.read']);
  const current = TABS.find((tab) => tab.path !== '/disputes' && pathname.startsWith(tab.path))?.key ?? 'board';
  return (
    <Menu
      mode="horizontal"
      selectedKeys={[current]}
      style={{ marginBottom: 16, background: 'transparent' }}
      data-testid="disputes-tabs"
      items={TABS.filter((tab) => (!('edit' in tab) || canEdit) && (canRead || tab.key === 'board')).map((tab) => ({
        key: tab.key,
        label: t(`disputes.tabs.${tab.key}`),
        onClick: () => navigate(tab.path),
      }))}
    />
  );
}
