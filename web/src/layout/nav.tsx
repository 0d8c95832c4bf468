import {
  ApartmentOutlined,
  AlertOutlined,
  BulbOutlined,
  AuditOutlined,
  BarChartOutlined,
  BranchesOutlined,
  CalendarOutlined,
  ClusterOutlined,
  CustomerServiceOutlined,
  InboxOutlined,
  InteractionOutlined,
  NodeIndexOutlined,
  SafetyCertificateOutlined,
  BorderOuterOutlined,
  CameraOutlined,
  FileTextOutlined,
  FlagOutlined,
  FileDoneOutlined,
  GiftOutlined,
  GlobalOutlined,
  HomeOutlined,
  ProfileOutlined,
  ReconciliationOutlined,
  IdcardOutlined,
  SolutionOutlined,
  TeamOutlined,
  TrophyOutlined,
} from '@ant-design/icons';
import type { ReactNode } from 'react';
import type { Me, Permission, Role } from '../../../src/platform/accounts/schema.ts';
import { hasAnyPermission } from '../auth';

export interface NavEntry {
  key:
    | 'home'
    | 'overview'
    | 'overview-reports'
    | 'regions'
    | 'grids'
    | 'people'
    | 'party'
    | 'stewardship'
    | 'users'
    | 'audit'
    | 'intake'
    | 'dispatch'
    | 'inbox'
    | 'work-orders'
    | 'rates'
    | 'routing-rules'
    | 'whistles'
    | 'patrol'
    | 'calendar'
    | 'disputes'
    | 'duties'
    | 'cocreation'
    | 'points'
    | 'compacts'
    | 'councils'
    | 'boards'
    | 'security-alerts';
  path: string;
  icon: ReactNode;
  /** Shown when the user holds any of these; empty = always. */
  anyOf: readonly Permission[];
  /** Also shown to these roles (department staff answer whistles and see the joint mediations they take part in; grid workers patrol). */
  roles?: readonly Role[];
  /** Never shown to these roles, whatever they hold. */
  exceptRoles?: readonly Role[];
}

export const NAV_ENTRIES: readonly NavEntry[] = [
  { key: 'home', path: '/', icon: <HomeOutlined />, anyOf: [] },
  { key: 'overview', path: '/overview/map', icon: <GlobalOutlined />, anyOf: ['overview.read'] },
  // 月度报告: beside the command map; the same figures, by month, as PDF and Excel (docs/OVERVIEW.md).
  // Reports are drawn for the county and each township: a village cadre has none to open.
  { key: 'overview-reports', path: '/overview/reports', icon: <ReconciliationOutlined />, anyOf: ['overview.read'], exceptRoles: ['village_cadre'] },
  { key: 'regions', path: '/regions', icon: <ApartmentOutlined />, anyOf: ['regions.read'] },
  { key: 'grids', path: '/grids', icon: <BorderOuterOutlined />, anyOf: ['regions.read'] },
  { key: 'people', path: '/people', icon: <IdcardOutlined />, anyOf: ['people.read'] },
  { key: 'party', path: '/party', icon: <FlagOutlined />, anyOf: ['party.read'] },
  { key: 'stewardship', path: '/stewardship', icon: <SolutionOutlined />, anyOf: ['stewardship.read'] },
  { key: 'intake', path: '/intake', icon: <CustomerServiceOutlined />, anyOf: ['requests.intake'] },
  { key: 'patrol', path: '/patrol', icon: <CameraOutlined />, anyOf: [], roles: ['grid_worker'] },
  { key: 'dispatch', path: '/dispatch', icon: <NodeIndexOutlined />, anyOf: ['requests.dispatch'] },
  { key: 'inbox', path: '/inbox', icon: <InboxOutlined />, anyOf: ['requests.handle'] },
  { key: 'work-orders', path: '/work-orders', icon: <FileTextOutlined />, anyOf: ['requests.read'] },
  { key: 'whistles', path: '/whistles', icon: <AlertOutlined />, anyOf: ['requests.whistle'], roles: ['department_staff'] },
  { key: 'disputes', path: '/disputes', icon: <InteractionOutlined />, anyOf: ['disputes.read'], roles: ['department_staff'] },
  { key: 'cocreation', path: '/cocreation', icon: <BulbOutlined />, anyOf: ['cocreation.read'] },
  { key: 'points', path: '/points', icon: <GiftOutlined />, anyOf: ['points.read'] },
  { key: 'compacts', path: '/compacts', icon: <ProfileOutlined />, anyOf: ['compacts.read'] },
  { key: 'councils', path: '/councils', icon: <ClusterOutlined />, anyOf: ['councils.read'] },
  { key: 'boards', path: '/boards', icon: <TrophyOutlined />, anyOf: ['boards.read'] },
  { key: 'duties', path: '/duties', icon: <FileDoneOutlined />, anyOf: ['duties.read'] },
  { key: 'rates', path: '/rates', icon: <BarChartOutlined />, anyOf: ['requests.read'] },
  { key: 'routing-rules', path: '/routing-rules', icon: <BranchesOutlined />, anyOf: ['requests.configure'] },
  { key: 'calendar', path: '/calendar', icon: <CalendarOutlined />, anyOf: ['calendar.edit', 'requests.read'] },
  { key: 'users', path: '/users', icon: <TeamOutlined />, anyOf: ['users.manage', 'users.security'] },
  { key: 'audit', path: '/audit', icon: <AuditOutlined />, anyOf: ['audit.read'] },
  // Only the security admin holds users.security; the alerts are theirs (GET /api/v1/security/alerts).
  { key: 'security-alerts', path: '/security-alerts', icon: <SafetyCertificateOutlined />, anyOf: ['users.security'] },
];

/**
 * Each role's daily destinations, the tabs at the bottom of a phone's screen (at most four; the
 * fifth tab, "more", opens the full menu). Roles not listed get their first four menu entries.
 */
const DAILY: Partial<Record<Role, readonly NavEntry['key'][]>> = {
  grid_worker: ['patrol', 'inbox', 'people', 'stewardship'],
  village_cadre: ['inbox', 'people', 'disputes', 'stewardship'],
  township_staff: ['inbox', 'dispatch', 'work-orders', 'disputes'],
  county_staff: ['dispatch', 'work-orders', 'rates', 'disputes'],
  department_staff: ['inbox', 'whistles', 'work-orders', 'disputes'],
  system_admin: ['users', 'regions', 'calendar'],
  security_admin: ['users', 'security-alerts'],
  audit_admin: ['audit'],
};

/** The tabs of the phone's bottom bar: the role's daily destinations this user may see. */
export function dailyNav(me: Me): NavEntry[] {
  const visible = visibleNav(me);
  const keys = DAILY[me.role] ?? visible.filter((e) => e.key !== 'home').map((e) => e.key);
  return keys
    .map((k) => visible.find((e) => e.key === k))
    .filter((e): e is NavEntry => e !== undefined)
    .slice(0, 4);
}

/**
 * Where a user starts after signing in. A grid worker on a phone starts on the patrol screen,
 * at a desk on their to-do list (待办); everyone else on the home page.
 */
export function landingFor(role: Role, phone: boolean): string {
  if (role === 'grid_worker') return phone ? '/patrol' : '/inbox';
  return '/';
}

/** The menu entries this user may see. */
export function visibleNav(me: Me): NavEntry[] {
  return NAV_ENTRIES.filter(
    (e) => !e.exceptRoles?.includes(me.role) && (e.roles?.includes(me.role) || (e.anyOf.length === 0 ? !e.roles : hasAnyPermission(me, e.anyOf))),
  );
}

/** The menu key for a pathname: "/regions/5226" → "regions". */
export function navKeyFor(pathname: string): string {
  const first = pathname.split('/')[1] ?? '';
  return first === '' ? 'home' : first;
}
