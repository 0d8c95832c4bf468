import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Deps } from '../../platform/deps.js';
import { requireUser } from '../../platform/http/auth.js';
import { errors, IdParamsSchema } from '../../platform/http/schemas.js';
import { exportRegistry } from './export-service.js';
import { ImportJobSchema, ImportQuerySchema } from './import-schema.js';
import { createImport, getImport, getImportErrorReport } from './import-service.js';
import { buildTemplate, XLSX_TYPE } from './spreadsheet.js';

const IMPORT_BODY_LIMIT = 20 * 1024 * 1024;

/** RFC 5987 filename for downloads with Chinese names. */
function attachment(filename: string): string {
  return `attachment; filename="${encodeURIComponent(filename)}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

export const importRoutes: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (app, { deps }) => {
  app.addContentTypeParser([XLSX_TYPE, 'text/csv'], { parseAs: 'buffer', bodyLimit: IMPORT_BODY_LIMIT }, (_req, body, done) => done(null, body));
  const tags = ['people'];

  app.get(
    '/api/v1/people/import/template',
    {
      schema: {
        tags,
        summary: '下载户籍导入模板',
        querystring: Type.Object({ format: Type.Union([Type.Literal('xlsx'), Type.Literal('csv')], { default: 'xlsx' }) }),
      },
    },
    async (req, reply) => {
      const format = req.query.format;
      requireUser(req);
      return reply
        .type(format === 'csv' ? 'text/csv; charset=utf-8' : XLSX_TYPE)
        .header('content-disposition', attachment(`户籍导入模板.${format}`))
        .send(await buildTemplate(format));
    },
  );

  app.post(
    '/api/v1/people/imports',
    {
      bodyLimit: IMPORT_BODY_LIMIT,
      schema: {
        tags,
        summary: '上传户籍文件（请求体为 .xlsx 或 .csv 文件本身），后台导入',
        querystring: ImportQuerySchema,
        response: { 202: ImportJobSchema, ...errors(400, 401, 403, 413) },
      },
    },
    async (req, reply) => {
      const file = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      const job = await createImport(deps, requireUser(req), {
        villageCode: req.query.villageCode,
        filename: req.query.filename,
        contentType: req.headers['content-type'] ?? '',
        file,
      });
      return reply.code(202).send(job);
    },
  );

  app.get(
    '/api/v1/people/imports/:id',
    { schema: { tags, summary: '导入进度', params: IdParamsSchema, response: { 200: ImportJobSchema, ...errors(401, 403, 404) } } },
    async (req) => getImport(deps, requireUser(req), req.params.id),
  );

  app.get('/api/v1/people/imports/:id/errors.xlsx', { schema: { tags, summary: '下载导入错误报告', params: IdParamsSchema } }, async (req, reply) => {
    const report = await getImportErrorReport(deps, requireUser(req), req.params.id);
    return reply.type(XLSX_TYPE).header('content-disposition', attachment('导入错误报告.xlsx')).send(report);
  });

  app.get(
    '/api/v1/people/export',
    { schema: { tags, summary: '导出区划内户籍（证件号、电话脱敏）', querystring: Type.Object({ regionCode: Type.String({ pattern: '^[0-9]{6,15}$' }) }) } },
    async (req, reply) => {
      const { filename, file } = await exportRegistry(deps, requireUser(req), req.query.regionCode);
      return reply.type(XLSX_TYPE).header('content-disposition', attachment(filename)).send(file);
    },
  );
};
