import { Type, type Static } from 'typebox';

/** Roles. 三权分立: the three admin roles are separate and no account holds two (one role per user). */
export const ROLES = [
  'system_admin',
  'security_admin',
  'audit_admin',
  'county_staff',
  'township_staff',
  'village_cadre',
  'grid_worker',
  'department_staff',
  'resident',
] as const;
export type Role = (typeof ROLES)[number];
export const ADMIN_ROLES: readonly Role[] = ['system_admin', 'security_admin', 'audit_admin'];

export const ROLE_LABELS: Record<Role, string> = {
  system_admin: '系统管理员',
  security_admin: '安全管理员',
  audit_admin: '审计管理员',
  county_staff: '县级工作人员',
  township_staff: '乡镇（街道）工作人员',
  village_cadre: '村（社区）干部',
  grid_worker: '网格员',
  department_staff: '职能部门工作人员',
  resident: '居民',
};

/** What a role may do; the web menu shows only entries whose permission the user holds. */
export const PERMISSIONS = [
  'regions.read',
  /** Draw grids and village boundaries; add, rename and remove groups below villages. */
  'regions.edit',
  'people.read',
  'people.edit',
  'people.reveal',
  'users.manage',
  'users.security',
  'audit.read',
  'party.read',
  'party.edit',
  'stewardship.read',
  'stewardship.edit',
  'calendar.edit',
  'requests.read',
  'requests.intake',
  'requests.handle',
  'requests.dispatch',
  'requests.whistle',
  'requests.follow_up',
  'requests.reveal',
  'requests.configure',
  'disputes.read',
  'disputes.edit',
  'disputes.configure',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

export const RoleSchema = Type.Unsafe<Role>({ type: 'string', enum: [...ROLES] });

export const MeSchema = Type.Object({
  id: Type.String(),
  username: Type.String(),
  displayName: Type.String(),
  role: RoleSchema,
  regionCode: Type.String(),
  regionName: Type.String(),
  departmentId: Type.Union([Type.String(), Type.Null()]),
  departmentName: Type.Union([Type.String(), Type.Null()]),
  permissions: Type.Array(Type.String()),
  mustChangePassword: Type.Boolean(),
  synthetic: Type.Boolean(),
});
export type Me = Static<typeof MeSchema>;

export const LoginBodySchema = Type.Object(
  {
    username: Type.String({ minLength: 1, maxLength: 64 }),
    password: Type.String({ minLength: 1, maxLength: 128 }),
    totpCode: Type.Optional(Type.String({ pattern: '^[0-9]{6}$' })),
  },
  { additionalProperties: false },
);
export type LoginBody = Static<typeof LoginBodySchema>;

export const UserSchema = Type.Object({
  id: Type.String(),
  username: Type.String(),
  displayName: Type.String(),
  role: RoleSchema,
  regionCode: Type.String(),
  regionName: Type.String(),
  departmentId: Type.Union([Type.String(), Type.Null()]),
  status: Type.Union([Type.Literal('active'), Type.Literal('disabled')]),
  lockedUntil: Type.Union([Type.String(), Type.Null()]),
  totpEnrolled: Type.Boolean(),
  synthetic: Type.Boolean(),
  createdAt: Type.String(),
});
export type User = Static<typeof UserSchema>;

export const UserListSchema = Type.Object({ items: Type.Array(UserSchema), total: Type.Integer() });
export type UserList = Static<typeof UserListSchema>;

export const CreateUserBodySchema = Type.Object(
  {
    username: Type.String({ pattern: '^[a-zA-Z0-9_.-]{3,32}$' }),
    displayName: Type.String({ minLength: 1, maxLength: 50 }),
    role: RoleSchema,
    regionCode: Type.String({ pattern: '^[0-9]{6,15}$' }),
    departmentId: Type.Optional(Type.String({ format: 'uuid' })),
    password: Type.String({ minLength: 8, maxLength: 128 }),
  },
  { additionalProperties: false },
);
export type CreateUserBody = Static<typeof CreateUserBodySchema>;

export const ResetPasswordBodySchema = Type.Object({ password: Type.String({ minLength: 8, maxLength: 128 }) }, { additionalProperties: false });
export type ResetPasswordBody = Static<typeof ResetPasswordBodySchema>;
