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
  /** Figures (measures) for the actor's area: the overview, reports. */
  'overview.read',
  /** Burden reduction (减负): read the lists and the work items that concern one's unit. */
  'duties.read',
  /** Send a work item (task, form, inspection, meeting, data request) down to villages. */
  'duties.send',
  /** The county keeps the lists: approves adjustments and exceptions, certificates, report templates. */
  'duties.manage',
  /** Propose an item for one's own township's or village's list. */
  'duties.propose',
  /** Generate an upper-level report from the system. */
  'duties.report',
  /** Co-creation (共同缔造): read proposals, meetings, votes and projects in one's area. */
  'cocreation.read',
  /** Record residents' opinions (cadres, and grid workers after a visit). */
  'cocreation.opinion',
  /** Run co-creation: answer opinions, hold meetings, open and close votes, keep projects and contributions. */
  'cocreation.edit',
  /** Points (积分), the points shop (爱心超市) and the time bank (时间银行): read ledgers, statements, stock and hours in one's area. */
  'points.read',
  /** Keep them: rules, awards and adjustments, the shop and redemptions at the counter, volunteers and their hours. */
  'points.edit',
  /** Village compacts (村规民约): read them and the county's legality rules, and run the legality check on a draft. */
  'compacts.read',
  /** Record residents' opinions on a compact's articles (cadres, and grid workers after a household visit). */
  'compacts.opinion',
  /** Run a compact's nine steps: records, invitations, committee, text, answers, notice, vote, publication. */
  'compacts.edit',
  /** The township's part: the joint vetting of the committee (司法所、综治中心、派出所) and the filing review (备案). */
  'compacts.review',
  /** Keep the county's legality rule list (合法性审查规则): add, change, retire rules. County staff only. */
  'compacts.legality.edit',
  /** 一约四会 and teams: read the councils (道德评议会、红白理事会…), teams, members and duty schedules in one's area. */
  'councils.read',
  /** Keep them: set up councils and teams, appoint members and leaders, plan duty shifts. */
  'councils.edit',
  /** Honour and warning boards (红榜/黑榜/黄榜): read entries and their history, and who is ineligible for 评优评先. */
  'boards.read',
  /** Run a board entry: propose with evidence, notify the household, answer objections, decide and publish. */
  'boards.edit',
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
  /** A department account's department, by name (null for other accounts). */
  departmentName: Type.Union([Type.String(), Type.Null()]),
  /** pending: waiting for the user to redeem a credential grant (new account or password reset). */
  status: Type.Union([Type.Literal('active'), Type.Literal('disabled'), Type.Literal('pending')]),
  /** The open credential grant, shown to the two admins who take part in it; null for everyone else. */
  credential: Type.Union([
    Type.Object({
      kind: Type.Union([Type.Literal('activate'), Type.Literal('reset')]),
      requestedRole: Type.Union([Type.Literal('system_admin'), Type.Literal('security_admin')]),
      requestedAt: Type.String(),
      approved: Type.Boolean(),
      expiresAt: Type.String(),
      expired: Type.Boolean(),
    }),
    Type.Null(),
  ]),
  lockedUntil: Type.Union([Type.String(), Type.Null()]),
  totpEnrolled: Type.Boolean(),
  synthetic: Type.Boolean(),
  createdAt: Type.String(),
});
export type User = Static<typeof UserSchema>;

/** The user list's filters: text matches the username or the name; region includes its subtree. */
export const UserListQuerySchema = Type.Object({
  page: Type.Integer({ minimum: 1, default: 1 }),
  pageSize: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
  q: Type.Optional(Type.String({ maxLength: 50 })),
  role: Type.Optional(RoleSchema),
  regionCode: Type.Optional(Type.String({ pattern: '^[0-9]{6,15}$' })),
  departmentId: Type.Optional(Type.String({ format: 'uuid' })),
});
export type UserListQuery = Static<typeof UserListQuerySchema>;

export const UserListSchema = Type.Object({ items: Type.Array(UserSchema), total: Type.Integer() });
export type UserList = Static<typeof UserListSchema>;

export const CreateUserBodySchema = Type.Object(
  {
    username: Type.String({ pattern: '^[a-zA-Z0-9_.-]{3,32}$' }),
    displayName: Type.String({ minLength: 1, maxLength: 50 }),
    role: RoleSchema,
    regionCode: Type.String({ pattern: '^[0-9]{6,15}$' }),
    departmentId: Type.Optional(Type.String({ format: 'uuid' })),
  },
  { additionalProperties: false },
);
export type CreateUserBody = Static<typeof CreateUserBodySchema>;

/** One half of a credential grant's code, shown once to the admin who requested (A) or approved (B) it. */
export const IssuedCodeSchema = Type.Object({
  part: Type.Union([Type.Literal('A'), Type.Literal('B')]),
  code: Type.String(),
  expiresAt: Type.String(),
});
export type IssuedCode = Static<typeof IssuedCodeSchema>;

export const UserWithCodeSchema = Type.Object({ ...UserSchema.properties, issuedCode: IssuedCodeSchema });
export type UserWithCode = Static<typeof UserWithCodeSchema>;

const CodeHalf = Type.String({ minLength: 8, maxLength: 16 });
export const ActivateBodySchema = Type.Object(
  {
    username: Type.String({ minLength: 1, maxLength: 64 }),
    codeA: CodeHalf,
    codeB: CodeHalf,
    newPassword: Type.String({ minLength: 8, maxLength: 128 }),
  },
  { additionalProperties: false },
);
export type ActivateBody = Static<typeof ActivateBodySchema>;
