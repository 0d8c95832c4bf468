import {
  ApartmentOutlined,
  AuditOutlined,
  BorderOuterOutlined,
  FlagOutlined,
  HomeOutlined,
  IdcardOutlined,
  SolutionOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import type { ReactNode } from 'react';
import type { Me, Permission } from '../../../src/platform/accounts/schema.ts';
import { hasAnyPermission } from '../auth';

export interface NavEntry {
  key: 'home' | 'regions' | 'grids' | 'people' | 'party' | 'stewardship' | 'users' | 'audit';
  path: string;
  icon: ReactNode;
  /** Shown when the user holds any of these; empty = always. */
  anyOf: readonly Permission[];
}

export const NAV_ENTRIES: readonly NavEntry[] = [
  { key: 'home', path: '/', icon: <HomeOutlined />, anyOf: [] },
  { key: 'regions', path: '/regions', icon: <ApartmentOutlined />, anyOf: ['regions.read'] },
  { key: 'grids', path: '/grids', icon: <BorderOuterOutlined />, anyOf: ['regions.read'] },
  { key: 'people', path: '/people', icon: <IdcardOutlined />, anyOf: ['people.read'] },
  { key: 'party', path: '/party', icon: <FlagOutlined />, anyOf: ['party.read'] },
  { key: 'stewardship', path: '/stewardship', icon: <SolutionOutlined />, anyOf: ['stewardship.read'] },
  { key: 'users', path: '/users', icon: <TeamOutlined />, anyOf: ['users.manage', 'users.security'] },
  { key: 'audit', path: '/audit', icon: <AuditOutlined />, anyOf: ['audit.read'] },
];

/** The menu entries this user may see. */
export function visibleNav(me: Me): NavEntry[] {
  return NAV_ENTRIES.filter((e) => e.anyOf.length === 0 || hasAnyPermission(me, e.anyOf));
}

/** The menu key for a pathname: "/regions/5226" → "regions". */
export function navKeyFor(pathname: string): string {
  const first = pathname.split('/')[1] ?? '';
  return first === '' ? 'home' : first;
}
