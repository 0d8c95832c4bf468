import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Deps } from '../../platform/deps.js';
import { requireUser } from '../../platform/http/auth.js';
import { errors } from '../../platform/http/schemas.js';
import {
  CreateGridBodySchema,
  GridCodeParamsSchema,
  GridListQuerySchema,
  GridListSchema,
  GridSaveResultSchema,
  GridSchema,
  LocateQuerySchema,
  LocateResultSchema,
  UpdateGridBodySchema,
} from './grid-schema.js';
import { createGrid, getGrid, listGrids, updateGrid } from './grid-service.js';
import { locate } from './locate-service.js';

export const gridRoutes: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (app, { deps }) => {
  const tags = ['grids'];
  app.get(
    '/api/v1/grids',
    {
      schema: {
        tags,
        summary: '网格列表（本人范围，可按村或乡镇筛选）',
        querystring: GridListQuerySchema,
        response: { 200: GridListSchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (req) => listGrids(deps, requireUser(req), req.query),
  );
  app.get(
    '/api/v1/grids/:code',
    { schema: { tags, summary: '网格详情', params: GridCodeParamsSchema, response: { 200: GridSchema, ...errors(400, 401, 403, 404) } } },
    async (req) => getGrid(deps, requireUser(req), req.params.code),
  );
  app.post(
    '/api/v1/grids',
    {
      schema: {
        tags,
        summary: '划定网格（编码缺省时取本村下一个序号）',
        body: CreateGridBodySchema,
        response: { 201: GridSaveResultSchema, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (req, reply) => reply.code(201).send(await createGrid(deps, requireUser(req), req.body)),
  );
  app.put(
    '/api/v1/grids/:code',
    {
      schema: {
        tags,
        summary: '修改网格（边界、名称、类型、标签、网格员）',
        params: GridCodeParamsSchema,
        body: UpdateGridBodySchema,
        response: { 200: GridSaveResultSchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (req) => updateGrid(deps, requireUser(req), req.params.code, req.body),
  );
  app.get(
    '/api/v1/locate',
    {
      schema: {
        tags,
        summary: '定位：坐标（lat/lng，WGS-84）或地址文字 → 网格、村（社区）、乡镇（街道）',
        querystring: LocateQuerySchema,
        response: { 200: LocateResultSchema, ...errors(400, 401, 403) },
      },
    },
    async (req) => locate(deps, requireUser(req), req.query),
  );
};
