import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Deps } from '../../platform/deps.js';
import { requireUser } from '../../platform/http/auth.js';
import { errors, IdParamsSchema } from '../../platform/http/schemas.js';
import { BuildingListSchema, BuildingQuerySchema, BuildingSchema, CreateBuildingBodySchema, UpdateBuildingBodySchema } from './building-schema.js';
import { createBuilding, deleteBuilding, getBuilding, listBuildings, updateBuilding } from './building-service.js';

export const buildingRoutes: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (app, { deps }) => {
  const tags = ['people'];
  app.get(
    '/api/v1/buildings',
    {
      schema: {
        tags,
        summary: '村（社区）的楼栋、院落',
        querystring: BuildingQuerySchema,
        response: { 200: BuildingListSchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (req) => listBuildings(deps, requireUser(req), req.query),
  );
  app.get(
    '/api/v1/buildings/:id',
    { schema: { tags, summary: '楼栋（院落）详情', params: IdParamsSchema, response: { 200: BuildingSchema, ...errors(401, 403, 404) } } },
    async (req) => getBuilding(deps, requireUser(req), req.params.id),
  );
  app.post(
    '/api/v1/buildings',
    { schema: { tags, summary: '新增楼栋或院落', body: CreateBuildingBodySchema, response: { 201: BuildingSchema, ...errors(400, 401, 403, 409) } } },
    async (req, reply) => reply.code(201).send(await createBuilding(deps, requireUser(req), req.body)),
  );
  app.put(
    '/api/v1/buildings/:id',
    {
      schema: {
        tags,
        summary: '修改楼栋（院落）；改网格时其中各户随之移入',
        params: IdParamsSchema,
        body: UpdateBuildingBodySchema,
        response: { 200: BuildingSchema, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (req) => updateBuilding(deps, requireUser(req), req.params.id, req.body),
  );
  app.delete(
    '/api/v1/buildings/:id',
    { schema: { tags, summary: '删除无户的楼栋（院落）', params: IdParamsSchema, response: { 204: Type.Null(), ...errors(401, 403, 404, 409) } } },
    async (req, reply) => {
      await deleteBuilding(deps, requireUser(req), req.params.id);
      return reply.code(204).send(null);
    },
  );
};
