import { toOffsetIso } from '../time.js';
import { permissionsOf } from './policy.js';
import type { Me, Role, User } from './schema.js';
import type { UserWithNames } from './store.js';

export function presentMe(u: UserWithNames): Me {
  return {
    id: u.id,
    username: u.username,
    displayName: u.display_name,
    role: u.role as Role,
    regionCode: u.region_code,
    regionName: u.region_name,
    departmentId: u.department_id,
    departmentName: u.department_name,
    permissions: permissionsOf(u.role as Role),
    mustChangePassword: u.must_change_password,
    synthetic: u.synthetic,
  };
}

/** What leaves the server about a user: never the password hash or the TOTP secret. */
export function presentUser(u: UserWithNames, now: Date): User {
  return {
    id: u.id,
    username: u.username,
    displayName: u.display_name,
    role: u.role as Role,
    regionCode: u.region_code,
    regionName: u.region_name,
    departmentId: u.department_id,
    departmentName: u.department_name,
    status: u.status,
    credential:
      u.grant_kind && u.grant_requested_role && u.grant_requested_at && u.grant_expires_at
        ? {
            kind: u.grant_kind,
            requestedRole: u.grant_requested_role,
            requestedAt: toOffsetIso(u.grant_requested_at),
            approved: u.grant_approved_at !== null,
            expiresAt: toOffsetIso(u.grant_expires_at),
            expired: new Date(u.grant_expires_at) <= now,
          }
        : null,
    lockedUntil: u.locked_until && new Date(u.locked_until) > now ? toOffsetIso(u.locked_until) : null,
    totpEnrolled: u.totp_secret !== null,
    synthetic: u.synthetic,
    createdAt: toOffsetIso(u.created_at),
  };
}

/** The audit view of a user row: the fields an auditor needs, no secrets. */
export function auditUser(u: UserWithNames | undefined): Record<string, unknown> | null {
  if (!u) return null;
  return {
    username: u.username,
    displayName: u.display_name,
    role: u.role,
    regionCode: u.region_code,
    departmentId: u.department_id,
    status: u.status,
    lockedUntil: u.locked_until ? new Date(u.locked_until).toISOString() : null,
    totpEnrolled: u.totp_secret !== null,
  };
}
