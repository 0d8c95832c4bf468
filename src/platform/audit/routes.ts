import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Deps } from '../deps.js';
import { requireUser } from '../http/auth.js';
import { errors } from '../http/schemas.js';
import { AuditPageSchema, AuditQuerySchema, SecurityAlertQuerySchema } from './schema.js';
import { listSecurityAlerts, searchAudit } from './service.js';

export const auditRoutes: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (app, { deps }) => {
  app.get(
    '/api/v1/audit',
    {
      schema: {
        tags: ['audit'],
        summary: '审计日志查询（仅审计管理员）',
        querystring: AuditQuerySchema,
        response: { 200: AuditPageSchema, ...errors(400, 401, 403) },
      },
    },
    async (req) => searchAudit(deps.db, deps.clock, requireUser(req), req.query),
  );
  app.get(
    '/api/v1/security/alerts',
    {
      schema: {
        tags: ['audit'],
        summary: '安全提醒（如查看完整号码超限；仅安全管理员）',
        querystring: SecurityAlertQuerySchema,
        response: { 200: AuditPageSchema, ...errors(400, 401, 403) },
      },
    },
    async (req) => listSecurityAlerts(deps.db, requireUser(req), req.query),
  );
};
