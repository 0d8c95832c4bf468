import { Card, Collapse, Descriptions, Space, Tag, Typography } from 'antd';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Permission, Role } from '../../../src/platform/accounts/schema.ts';
import { useMe } from '../auth';
import { PageSpinner } from '../components/PageSpinner';
import type { Messages } from '../locales/zh-CN';

// The dashboards load on demand: the leader's carries the map library, which a phone never needs.
const LeaderHome = lazy(() => import('../overview/LeaderHome'));
const FieldHome = lazy(() => import('../overview/FieldHome'));

/** Who gets which home: leaders and staff of a county or township the dashboard, field roles their to-do first. */
const LEADER_ROLES: readonly Role[] = ['county_staff', 'township_staff'];
const FIELD_ROLES: readonly Role[] = ['village_cadre', 'grid_worker'];

/** What each permission lets the user do, and where. */
const ABILITIES: readonly { permission: Permission; key: keyof Messages['home']['can']; path: string; roles?: readonly Role[] }[] = [
  { permission: 'regions.read', key: 'regionsRead', path: '/regions' },
  { permission: 'regions.read', key: 'gridsRead', path: '/grids' },
  { permission: 'people.read', key: 'peopleRead', path: '/people' },
  { permission: 'people.edit', key: 'peopleEdit', path: '/people/import' },
  { permission: 'people.reveal', key: 'peopleReveal', path: '/people/residents' },
  { permission: 'party.read', key: 'partyRead', path: '/party' },
  { permission: 'stewardship.read', key: 'stewardshipRead', path: '/stewardship' },
  { permission: 'users.manage', key: 'usersManage', path: '/users' },
  { permission: 'users.security', key: 'usersSecurity', path: '/users' },
  { permission: 'audit.read', key: 'auditRead', path: '/audit' },
  { permission: 'requests.intake', key: 'requestsPatrol', path: '/patrol', roles: ['grid_worker'] },
  { permission: 'requests.intake', key: 'requestsIntake', path: '/intake' },
  { permission: 'requests.dispatch', key: 'requestsDispatch', path: '/dispatch' },
  { permission: 'requests.handle', key: 'requestsHandle', path: '/inbox' },
  { permission: 'requests.read', key: 'requestsRead', path: '/work-orders' },
  { permission: 'requests.whistle', key: 'requestsWhistle', path: '/whistles' },
  { permission: 'requests.follow_up', key: 'requestsFollowUp', path: '/inbox?tab=followUps' },
  { permission: 'requests.reveal', key: 'requestsReveal', path: '/work-orders' },
  { permission: 'requests.read', key: 'requestsRates', path: '/rates' },
  { permission: 'disputes.read', key: 'disputesRead', path: '/disputes' },
  { permission: 'disputes.edit', key: 'disputesEdit', path: '/disputes/new' },
  { permission: 'disputes.configure', key: 'disputesConfigure', path: '/disputes/mediators' },
];

export default function HomePage() {
  const me = useMe();
  const { t } = useTranslation();
  const abilities = ABILITIES.filter((a) => me.permissions.includes(a.permission) && (!a.roles || a.roles.includes(me.role)));
  const leader = LEADER_ROLES.includes(me.role) && me.permissions.includes('overview.read');
  const field = FIELD_ROLES.includes(me.role);
  const canDo =
    abilities.length === 0 ? (
      <Typography.Paragraph type="secondary">{t('home.nothing')}</Typography.Paragraph>
    ) : (
      <ul style={{ margin: 0, paddingInlineStart: 20, lineHeight: 2 }}>
        {abilities.map((a) => (
          <li key={a.key}>
            <Link to={a.path}>{t(`home.can.${a.key}`)}</Link>
          </li>
        ))}
      </ul>
    );
  const greeting = (
    <Space wrap>
      {t('home.welcome', { name: me.displayName })}
      {me.synthetic && <Tag color="orange">{t('app.demoData')}</Tag>}
    </Space>
  );

  if (leader || field) {
    return (
      <Space direction="vertical" size={12} style={{ width: '100%' }}>
        <Typography.Text type="secondary" data-testid="home-greeting">
          {greeting} · {t(`role.${me.role}`)} · {me.regionName}
          {me.departmentName ? ` · ${me.departmentName}` : ''}
        </Typography.Text>
        <Suspense fallback={<PageSpinner />}>{leader ? <LeaderHome /> : <FieldHome />}</Suspense>
        <Collapse size="small" data-testid="home-can-do" items={[{ key: 'can', label: t('overview.home.canDo'), children: canDo }]} />
      </Space>
    );
  }

  return (
    <Card title={greeting}>
      <Descriptions
        column={1}
        items={[
          { key: 'role', label: t('home.role'), children: t(`role.${me.role}`) },
          { key: 'scope', label: t('home.scope'), children: `${me.regionName}（${me.regionCode}）` },
          ...(me.departmentName ? [{ key: 'dept', label: t('home.department'), children: me.departmentName }] : []),
        ]}
      />
      <Typography.Title level={5}>{t('home.canDo')}</Typography.Title>
      {canDo}
    </Card>
  );
}
