import type { Actor } from '../actor.js';
import { ADMIN_ROLES, type Permission, type Role } from './schema.js';

const BUSINESS_READ: Permission[] = ['regions.read'];
/** Those who keep the registry: read and edit within scope (grids and groups too); cadres may also reveal a number, with a reason. */
const REGISTRY_KEEPER: Permission[] = ['regions.read', 'regions.edit', 'people.read', 'people.edit', 'people.reveal'];
/** Party building and stewardship (包保): staff and cadres read and edit within scope; grid workers read party data and record visits. */
const PARTY_KEEPER: Permission[] = ['party.read', 'party.edit', 'stewardship.read', 'stewardship.edit'];
const PARTY_VISITOR: Permission[] = ['party.read', 'stewardship.read', 'stewardship.edit'];

/** Work orders (工单): intake, handling and follow-up by level; see docs/REQUESTS.md for who does what. */
const REQUEST_HANDLER: Permission[] = ['requests.read', 'requests.intake', 'requests.handle', 'requests.reveal'];
const REQUEST_CENTRE: Permission[] = [...REQUEST_HANDLER, 'requests.dispatch', 'requests.whistle', 'requests.follow_up'];
/** Dispute mediation (矛盾纠纷多元化解): cases in scope; the county keeps the mediator roster. See docs/DISPUTES.md. */
const MEDIATION: Permission[] = ['disputes.read', 'disputes.edit'];
/** Burden reduction (减负): the county keeps the lists and decides exceptions; see docs/DUTIES.md. */
const DUTIES_COUNTY: Permission[] = ['duties.read', 'duties.send', 'duties.manage', 'duties.report'];
/** Co-creation (共同缔造): cadres and staff run it within scope; grid workers read and record opinions. See docs/COCREATION.md. */
const COCREATION_KEEPER: Permission[] = ['cocreation.read', 'cocreation.opinion', 'cocreation.edit'];
/** Points, the points shop and the time bank: cadres and staff keep them within scope; grid workers read. See docs/POINTS.md. */
const POINTS_KEEPER: Permission[] = ['points.read', 'points.edit'];
/** Village compacts (村规民约): staff, cadres and grid workers read them and run the legality check; the county keeps its rule list. See docs/COMPACTS.md. */
const COMPACTS_READER: Permission[] = ['compacts.read'];
/** Cadres and staff run a compact's nine steps; the township (and county) vets the committee and reviews the filing. */
const COMPACTS_KEEPER: Permission[] = ['compacts.read', 'compacts.opinion', 'compacts.edit'];
/** 一约四会, teams and the honour/warning boards: cadres and staff keep them within scope; grid workers read. See docs/COMPACTS.md. */
const COUNCILS_KEEPER: Permission[] = ['councils.read', 'councils.edit', 'boards.read', 'boards.edit'];

/** What each role may do. The three admin roles share nothing (三权分立). */
export const ROLE_PERMISSIONS: Record<Role, Permission[]> = {
  system_admin: ['regions.read', 'users.manage', 'calendar.edit'],
  security_admin: ['users.security'],
  audit_admin: ['audit.read'],
  county_staff: [
    ...REGISTRY_KEEPER,
    ...PARTY_KEEPER,
    ...REQUEST_CENTRE,
    'requests.configure',
    'calendar.edit',
    ...MEDIATION,
    'disputes.configure',
    'overview.read',
    ...DUTIES_COUNTY,
    ...COCREATION_KEEPER,
    ...POINTS_KEEPER,
    ...COMPACTS_KEEPER,
    'compacts.review',
    'compacts.legality.edit',
    ...COUNCILS_KEEPER,
  ],
  township_staff: [
    ...REGISTRY_KEEPER,
    ...PARTY_KEEPER,
    ...REQUEST_CENTRE,
    ...MEDIATION,
    'overview.read',
    'duties.read',
    'duties.send',
    'duties.propose',
    'duties.report',
    ...COCREATION_KEEPER,
    ...POINTS_KEEPER,
    ...COMPACTS_KEEPER,
    'compacts.review',
    ...COUNCILS_KEEPER,
  ],
  village_cadre: [
    ...REGISTRY_KEEPER,
    ...PARTY_KEEPER,
    ...REQUEST_HANDLER,
    ...MEDIATION,
    'overview.read',
    'duties.read',
    'duties.propose',
    ...COCREATION_KEEPER,
    ...POINTS_KEEPER,
    ...COMPACTS_KEEPER,
    ...COUNCILS_KEEPER,
  ],
  grid_worker: [
    'regions.read',
    'people.read',
    'people.edit',
    ...PARTY_VISITOR,
    'requests.read',
    'requests.intake',
    'requests.handle',
    ...MEDIATION,
    'duties.read',
    'cocreation.read',
    'cocreation.opinion',
    'points.read',
    ...COMPACTS_READER,
    'compacts.opinion',
    'councils.read',
    'boards.read',
  ],
  department_staff: [...BUSINESS_READ, 'requests.read', 'requests.handle', 'requests.reveal', 'duties.read', 'duties.send'],
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
