import type { Actor } from '../actor.js';
import { ADMIN_ROLES, type Permission, type Role } from './schema.js';

const BUSINESS_READ: Permission[] = ['regions.read'];
/** Those who keep the registry: read and edit within scope; cadres may also reveal a number, with a reason. */
const REGISTRY_KEEPER: Permission[] = ['regions.read', 'people.read', 'people.edit', 'people.reveal'];
/** Party building and stewardship (包保): staff and cadres read and edit within scope; grid workers read party data and record visits. */
const PARTY_KEEPER: Permission[] = ['party.read', 'party.edit', 'stewardship.read', 'stewardship.edit'];
const PARTY_VISITOR: Permission[] = ['party.read', 'stewardship.read', 'stewardship.edit'];

/** What each role may do. The three admin roles share nothing (三权分立). */
export const ROLE_PERMISSIONS: Record<Role, Permission[]> = {
  system_admin: ['regions.read', 'users.manage'],
  security_admin: ['users.security'],
  audit_admin: ['audit.read'],
  county_staff: [...REGISTRY_KEEPER, ...PARTY_KEEPER],
  township_staff: [...REGISTRY_KEEPER, ...PARTY_KEEPER],
  village_cadre: [...REGISTRY_KEEPER, ...PARTY_KEEPER],
  grid_worker: ['regions.read', 'people.read', 'people.edit', ...PARTY_VISITOR],
  department_staff: BUSINESS_READ,
  resident: [],
};

export function permissionsOf(role: Actor['role']): Permission[] {
  if (role === 'system' || role === 'anonymous') return [];
  return ROLE_PERMISSIONS[role];
}

/** The server itself (CLI, demo loader, sweeps) may do anything; people only what their role allows. */
export function can(actor: Actor, permission: Permission): boolean {
  if (actor.role === 'system') return true;
  return permissionsOf(actor.role).includes(permission);
}

export function isAdminRole(role: string): boolean {
  return (ADMIN_ROLES as readonly string[]).includes(role);
}
