import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Deps } from '../../platform/deps.js';
import { requireUser } from '../../platform/http/auth.js';
import { errors } from '../../platform/http/schemas.js';
import { RegionCodeParamsSchema, RegionSchema } from './schema.js';
import { getRegion, listChildren } from './service.js';

export const regionRoutes: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (app, { deps }) => {
  const schema = { tags: ['regions'], params: RegionCodeParamsSchema };
  app.get('/api/v1/regions/:code', { schema: { ...schema, summary: '区划详情', response: { 200: RegionSchema, ...errors(400, 401, 404) } } }, async (req) =>
    getRegion(deps.db, requireUser(req), req.params.code),
  );
  app.get(
    '/api/v1/regions/:code/children',
    { schema: { ...schema, summary: '下级区划', response: { 200: Type.Array(RegionSchema), ...errors(400, 401, 404) } } },
    async (req) => listChildren(deps.db, requireUser(req), req.params.code),
  );
};
