import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Deps } from '../deps.js';
import { clearSessionCookie, requireSessionUser, requireUser, setSessionCookie } from '../http/auth.js';
import { errors, IdParamsSchema } from '../http/schemas.js';
import { changePassword, getMe, login, logout } from './auth-service.js';
import { redeemGrant } from './credential-service.js';
import { listUserDepartments } from './department-service.js';
import {
  ActivateBodySchema,
  CreateUserBodySchema,
  LoginBodySchema,
  MeSchema,
  UserListQuerySchema,
  UserListSchema,
  UserSchema,
  UserWithCodeSchema,
} from './schema.js';
import { approveCredential, cancelCredential, createUser, disableUser, enableUser, listUsers, requestPasswordReset, unlockUser } from './user-service.js';

const MeResponse = Type.Object({ user: MeSchema });

export const authRoutes: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (app, { deps }) => {
  app.post(
    '/api/v1/auth/login',
    {
      schema: { tags: ['auth'], summary: '登录', body: LoginBodySchema, response: { 200: MeResponse, ...errors(400, 401, 423, 429) } },
      config: { rateLimit: { max: deps.config.loginRateLimitPerMinute, timeWindow: 60_000 } },
    },
    async (req, reply) => {
      const result = await login(deps, { ...req.body, clientIp: req.ip, userAgent: req.headers['user-agent'] ?? null });
      setSessionCookie(reply, deps, result.token);
      return { user: result.me };
    },
  );

  app.post(
    '/api/v1/auth/activate',
    {
      schema: {
        tags: ['auth'],
        summary: '激活账号或重置后设置密码：输入两位管理员分别给出的激活码前后两段',
        body: ActivateBodySchema,
        response: { 204: Type.Null(), ...errors(400, 401, 429) },
      },
      config: { rateLimit: { max: deps.config.loginRateLimitPerMinute, timeWindow: 60_000 } },
    },
    async (req, reply) => {
      await redeemGrant(deps, { ...req.body, clientIp: req.ip });
      return reply.code(204).send(null);
    },
  );

  app.post('/api/v1/auth/logout', { schema: { tags: ['auth'], summary: '退出登录', response: { 204: Type.Null(), ...errors(401) } } }, async (req, reply) => {
    const actor = requireUser(req);
    await logout(deps, actor, req.sessionToken!);
    clearSessionCookie(reply, deps);
    return reply.code(204).send(null);
  });

  app.get('/api/v1/auth/me', { schema: { tags: ['auth'], summary: '当前用户', response: { 200: MeResponse, ...errors(401) } } }, async (req) => {
    return { user: getMe(requireSessionUser(req)) };
  });

  app.post(
    '/api/v1/auth/change-password',
    {
      schema: {
        tags: ['auth'],
        summary: '修改本人密码',
        body: Type.Object(
          { currentPassword: Type.String({ minLength: 1, maxLength: 128 }), newPassword: Type.String({ minLength: 8, maxLength: 128 }) },
          { additionalProperties: false },
        ),
        response: { 204: Type.Null(), ...errors(400, 401) },
      },
    },
    async (req, reply) => {
      await changePassword(deps, requireUser(req), req.body.currentPassword, req.body.newPassword, req.sessionToken!);
      return reply.code(204).send(null);
    },
  );
};

export const userRoutes: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (app, { deps }) => {
  app.get(
    '/api/v1/users',
    {
      schema: {
        tags: ['users'],
        summary: '用户列表（本人管理范围；可按姓名/账号、角色、区域、部门筛选）',
        querystring: UserListQuerySchema,
        response: { 200: UserListSchema, ...errors(401, 403) },
      },
    },
    async (req) => {
      return listUsers(deps, requireUser(req), req.query);
    },
  );

  app.get(
    '/api/v1/users/departments',
    {
      schema: {
        tags: ['users'],
        summary: '职能部门名称（用户列表按部门筛选用）',
        response: { 200: Type.Array(Type.Object({ id: Type.String(), name: Type.String() })), ...errors(401, 403) },
      },
    },
    async (req) => listUserDepartments(deps, requireUser(req)),
  );

  app.post(
    '/api/v1/users',
    {
      schema: {
        tags: ['users'],
        summary: '新建业务用户（系统管理员）：账号待激活，返回激活码前半段',
        body: CreateUserBodySchema,
        response: { 201: UserWithCodeSchema, ...errors(400, 401, 403, 409) },
      },
    },
    async (req, reply) => {
      const user = await createUser(deps, requireUser(req), req.body);
      return reply.code(201).send(user);
    },
  );

  const action = (path: string, summary: string, run: typeof disableUser) =>
    app.post(
      path,
      { schema: { tags: ['users'], summary, params: IdParamsSchema, response: { 200: UserSchema, ...errors(401, 403, 404, 409) } } },
      async (req) => run(deps, requireUser(req), req.params.id),
    );
  action('/api/v1/users/:id/disable', '停用用户（立即终止其全部会话）', disableUser);
  action('/api/v1/users/:id/enable', '启用用户（安全管理员）', enableUser);
  action('/api/v1/users/:id/unlock', '解除锁定（安全管理员）', unlockUser);

  const codeAction = (path: string, summary: string, run: typeof requestPasswordReset) =>
    app.post(
      path,
      { schema: { tags: ['users'], summary, params: IdParamsSchema, response: { 200: UserWithCodeSchema, ...errors(401, 403, 404, 409) } } },
      async (req) => run(deps, requireUser(req), req.params.id),
    );
  codeAction('/api/v1/users/:id/reset-password', '申请重置密码（任一管理员）：旧密码立即失效，返回激活码前半段', requestPasswordReset);
  codeAction('/api/v1/users/:id/credential/approve', '审批激活或重置（须另一角色的管理员）：返回激活码后半段', approveCredential);
  action('/api/v1/users/:id/credential/cancel', '撤回激活或重置申请', cancelCredential);
};
