import { Card } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';
import { useMe } from '../auth';
import { usePhone } from '../components/use-phone';

/** The frame of the registry's list pages: 户列表 · 居民查询 · 批量导入 as tabs across the top. */
export function PeopleSection({ extra, children }: { extra?: ReactNode; children: ReactNode }) {
  const me = useMe();
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const navigate = useNavigate();
  const phone = usePhone();
  const tabs = [
    { key: '/people', label: t('people.tabs.households') },
    { key: '/people/residents', label: t('people.tabs.residents') },
    ...(me.permissions.includes('people.edit') ? [{ key: '/people/import', label: t('people.tabs.import') }] : []),
  ];
  return (
    // On a phone the buttons go above the content: beside the tabs they would push the page wider than the screen.
    <Card tabList={tabs} activeTabKey={pathname.replace(/\/$/, '')} onTabChange={(key) => navigate(key)} tabBarExtraContent={phone ? undefined : extra}>
      {phone && extra && <div style={{ marginBottom: 12 }}>{extra}</div>}
      {children}
    </Card>
  );
}
