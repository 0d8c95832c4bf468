import { Menu } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';
import type { Permission } from '../../../src/platform/accounts/schema.ts';
import { hasAnyPermission, useMe } from '../auth';

type TabKey = 'dashboard' | 'workItems' | 'send' | 'lists' | 'certificates' | 'reports' | 'tasks' | 'assessment' | 'formalism' | 'register';

const TABS: readonly { key: TabKey; path: string; anyOf: readonly Permission[] }[] = [
  { key: 'dashboard', path: '/duties/dashboard', anyOf: ['duties.read'] },
  { key: 'workItems', path: '/duties/work-items', anyOf: ['duties.read'] },
  { key: 'send', path: '/duties/send', anyOf: ['duties.send'] },
  { key: 'lists', path: '/duties/lists', anyOf: ['duties.read'] },
  { key: 'certificates', path: '/duties/certificates', anyOf: ['duties.read'] },
  { key: 'reports', path: '/duties/reports', anyOf: ['duties.report'] },
  { key: 'tasks', path: '/duties/tasks', anyOf: ['duties.read'] },
  { key: 'assessment', path: '/duties/assessment', anyOf: ['duties.read'] },
  { key: 'formalism', path: '/duties/formalism', anyOf: ['duties.read'] },
  { key: 'register', path: '/duties/register', anyOf: ['duties.read'] },
];

/** Tabs of task ledgers, assessment and formalism reports keep their strings in ledger-messages. */
const LEDGER_TABS: readonly TabKey[] = ['tasks', 'assessment', 'formalism', 'register'];

/** The module's own menu above each of its pages, by permission; the dashboard first for county staff, last for others. */
export function DutiesTabs() {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const current = TABS.find((tab) => pathname.startsWith(tab.path))?.key ?? 'workItems';
  const tabs = me.role === 'county_staff' ? TABS : [...TABS.slice(1), TABS[0]!];
  return (
    <Menu
      mode="horizontal"
      selectedKeys={[current]}
      style={{ marginBottom: 16, background: 'transparent' }}
      data-testid="duties-tabs"
      items={tabs
        .filter((tab) => hasAnyPermission(me, tab.anyOf))
        .map((tab) => ({
          key: tab.key,
          label: (
            <span data-testid={`duties-tab-${tab.key}`}>
              {tab.key === 'dashboard'
                ? t('dutiesBurden.tab')
                : LEDGER_TABS.includes(tab.key)
                  ? t(`dutiesLedger.tabs.${tab.key as 'tasks' | 'assessment' | 'formalism' | 'register'}`)
                  : t(`duties.tabs.${tab.key as 'workItems' | 'send' | 'lists' | 'certificates' | 'reports'}`)}
            </span>
          ),
          onClick: () => navigate(tab.path),
        }))}
    />
  );
}
