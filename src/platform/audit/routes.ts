import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Deps } from '../deps.js';
import { requireUser } from '../http/auth.js';
import { errors } from '../http/schemas.js';
import { Type } from 'typebox';
import {
  AUDIT_EXPORT_LIMIT,
  AuditActorQuerySchema,
  AuditActorSchema,
  AuditExportQuerySchema,
  AuditPageSchema,
  AuditQuerySchema,
  SecurityAlertQuerySchema,
} from './schema.js';
import { exportAudit, listAuditActors, listSecurityAlerts, searchAudit } from './service.js';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

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
    '/api/v1/audit/export',
    {
      schema: {
        tags: ['audit'],
        summary: `导出筛选后的审计日志为 Excel（仅审计管理员；最多 ${AUDIT_EXPORT_LIMIT} 条；导出本身记入审计）`,
        querystring: AuditExportQuerySchema,
      },
    },
    async (req, reply) => {
      const { filename, file } = await exportAudit(deps.db, deps.clock, requireUser(req), req.query);
      return reply
        .type(XLSX_TYPE)
        .header('content-disposition', `attachment; filename="${encodeURIComponent(filename)}"; filename*=UTF-8''${encodeURIComponent(filename)}`)
        .send(file);
    },
  );
  app.get(
    '/api/v1/audit/actors',
    {
      schema: {
        tags: ['audit'],
        summary: '审计日志可按其筛选的账号（按账号或姓名查找；仅审计管理员）',
        querystring: AuditActorQuerySchema,
        response: { 200: Type.Array(AuditActorSchema), ...errors(400, 401, 403) },
      },
    },
    async (req) => listAuditActors(deps.db, requireUser(req), req.query.q),
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
