import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Deps } from '../../platform/deps.js';
import { requireUser } from '../../platform/http/auth.js';
import { errors } from '../../platform/http/schemas.js';
import { setVillageBoundary } from './boundary-service.js';
import { createGroup, deleteGroup, updateGroup } from './group-service.js';
import { CreateGroupBodySchema, RegionCodeParamsSchema, RegionPlaceSchema, RegionSchema, UpdateGroupBodySchema, VillageBoundaryBodySchema } from './schema.js';
import { getRegion, listChildren, listPlaces } from './service.js';

export const regionRoutes: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (app, { deps }) => {
  const schema = { tags: ['regions'], params: RegionCodeParamsSchema };
  app.get(
    '/api/v1/regions/:code',
    { schema: { ...schema, summary: '区划详情（含户数、人数、党员数、网格数）', response: { 200: RegionSchema, ...errors(400, 401, 404) } } },
    async (req) => getRegion(deps.db, requireUser(req), req.params.code),
  );
  app.get(
    '/api/v1/regions/:code/children',
    { schema: { ...schema, summary: '下级区划（含各自的户数、人数、党员数、网格数）', response: { 200: Type.Array(RegionSchema), ...errors(400, 401, 404) } } },
    async (req) => listChildren(deps.db, requireUser(req), req.params.code),
  );
  app.get(
    '/api/v1/regions/:code/places',
    {
      schema: {
        ...schema,
        summary: '下辖的全部乡镇、村（社区）（不含户数等统计，供选择器按名称或拼音首字母查找）',
        response: { 200: Type.Array(RegionPlaceSchema), ...errors(400, 401, 404) },
      },
    },
    async (req) => listPlaces(deps.db, requireUser(req), req.params.code),
  );
  app.post(
    '/api/v1/regions/:code/groups',
    {
      schema: {
        ...schema,
        summary: '在村（社区）下新增村民小组、小区或自治单元（编码缺省时取本村下一个序号）',
        body: CreateGroupBodySchema,
        response: { 201: RegionSchema, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (req, reply) => reply.code(201).send(await createGroup(deps, requireUser(req), req.params.code, req.body)),
  );
  app.put(
    '/api/v1/regions/:code',
    {
      schema: {
        ...schema,
        summary: '修改村民小组、小区或自治单元的名称、类型',
        body: UpdateGroupBodySchema,
        response: { 200: RegionSchema, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (req) => updateGroup(deps, requireUser(req), req.params.code, req.body),
  );
  app.put(
    '/api/v1/regions/:code/boundary',
    {
      schema: {
        ...schema,
        summary: '划定（或取消）村（社区）边界；本村网格须都在边界之内（由乡镇或县划定）',
        body: VillageBoundaryBodySchema,
        response: { 200: RegionSchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (req) => setVillageBoundary(deps, requireUser(req), req.params.code, req.body.boundary),
  );
  app.delete(
    '/api/v1/regions/:code',
    { schema: { ...schema, summary: '删除无关联的村民小组、小区或自治单元', response: { 204: Type.Null(), ...errors(400, 401, 403, 404, 409) } } },
    async (req, reply) => {
      await deleteGroup(deps, requireUser(req), req.params.code);
      return reply.code(204).send(null);
    },
  );
};
