import {
  ApartmentOutlined,
  AlertOutlined,
  AuditOutlined,
  BarChartOutlined,
  BranchesOutlined,
  CalendarOutlined,
  CustomerServiceOutlined,
  InboxOutlined,
  InteractionOutlined,
  NodeIndexOutlined,
  SafetyCertificateOutlined,
  BorderOuterOutlined,
  CameraOutlined,
  FileTextOutlined,
  FlagOutlined,
  HomeOutlined,
  IdcardOutlined,
  SolutionOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import type { ReactNode } from 'react';
import type { Me, Permission, Role } from '../../../src/platform/accounts/schema.ts';
import { hasAnyPermission } from '../auth';

export interface NavEntry {
  key:
    | 'home'
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
    | 'security-alerts';
  path: string;
  icon: ReactNode;
  /** Shown when the user holds any of these; empty = always. */
  anyOf: readonly Permission[];
  /** Also shown to these roles (department staff answer whistles and see the joint mediations they take part in; grid workers patrol). */
  roles?: readonly Role[];
}

export const NAV_ENTRIES: readonly NavEntry[] = [
  { key: 'home', path: '/', icon: <HomeOutlined />, anyOf: [] },
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
  { key: 'rates', path: '/rates', icon: <BarChartOutlined />, anyOf: ['requests.read'] },
  { key: 'routing-rules', path: '/routing-rules', icon: <BranchesOutlined />, anyOf: ['requests.configure'] },
  { key: 'calendar', path: '/calendar', icon: <CalendarOutlined />, anyOf: ['calendar.edit', 'requests.read'] },
  { key: 'users', path: '/users', icon: <TeamOutlined />, anyOf: ['users.manage', 'users.security'] },
  { key: 'audit', path: '/audit', icon: <AuditOutlined />, anyOf: ['audit.read'] },
  // Only the security admin holds users.security; the alerts are theirs (GET /api/v1/security/alerts).
  { key: 'security-alerts', path: '/security-alerts', icon: <SafetyCertificateOutlined />, anyOf: ['users.security'] },
];

/** The menu entries this user may see. */
export function visibleNav(me: Me): NavEntry[] {
  return NAV_ENTRIES.filter((e) => e.roles?.includes(me.role) || (e.anyOf.length === 0 ? !e.roles : hasAnyPermission(me, e.anyOf)));
}

/** The menu key for a pathname: "/regions/5226" → "regions". */
export function navKeyFor(pathname: string): string {
  const first = pathname.split('/')[1] ?? '';
  return first === '' ? 'home' : first;
}
