import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Deps } from '../deps.js';
import { requireUser } from '../http/auth.js';
import { errors, IdParamsSchema } from '../http/schemas.js';
import { fileHeaders } from './present.js';
import { FileListQuerySchema, FileListSchema, FileMetaSchema } from './schema.js';
import { downloadFile, getFile, listFiles } from './service.js';

/** Reading stored files: whoever may read a file's owner object may read the file (the owner kind's rule, and RLS). */
export const fileRoutes: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (app, { deps }) => {
  const tags = ['files'];
  app.get(
    '/api/v1/files',
    {
      schema: {
        tags,
        summary: '某对象（工单等）的文件列表',
        querystring: FileListQuerySchema,
        response: { 200: FileListSchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (req) => listFiles(deps, requireUser(req), req.query),
  );
  app.get(
    '/api/v1/files/:id',
    {
      schema: {
        tags,
        summary: '文件信息（类型、大小、SHA-256、保存期限）',
        params: IdParamsSchema,
        response: { 200: FileMetaSchema, ...errors(401, 403, 404) },
      },
    },
    async (req) => getFile(deps, requireUser(req), req.params.id),
  );
  app.get(
    '/api/v1/files/:id/content',
    {
      schema: {
        tags,
        summary: '下载文件（按内容识别的类型；图片在页面中显示，其他文件作为附件下载）',
        description:
          'Content-Type 为按内容识别的类型，带 X-Content-Type-Options: nosniff；Content-Disposition 对图片为 inline，其他为 attachment，非 ASCII 文件名用 filename*（RFC 5987）。',
        params: IdParamsSchema,
        response: { 200: Type.Unsafe<Buffer>({ type: 'string', format: 'binary', description: '文件内容' }), ...errors(401, 403, 404) },
      },
    },
    async (req, reply) => {
      const file = await downloadFile(deps, requireUser(req), req.params.id);
      return reply.headers(fileHeaders(file.meta)).send(file.data);
    },
  );
};
