import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Deps } from '../../platform/deps.js';
import { requireUser } from '../../platform/http/auth.js';
import { errors, IdParamsSchema } from '../../platform/http/schemas.js';
import { createHousehold, getHousehold, searchHouseholds, updateHousehold } from './household-service.js';
import { addMember, getResident, recordResidentEvent, residentHistory, revealResidentField, searchResidents } from './resident-service.js';
import {
  AddMemberBodySchema,
  CreateHouseholdBodySchema,
  HouseholdDetailSchema,
  HouseholdPageSchema,
  HouseholdQuerySchema,
  ResidentEventBodySchema,
  ResidentEventSchema,
  ResidentPageSchema,
  ResidentQuerySchema,
  ResidentSchema,
  RevealBodySchema,
  UpdateHouseholdBodySchema,
} from './schema.js';

export const peopleRoutes: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (app, { deps }) => {
  const tags = ['people'];
  app.get(
    '/api/v1/households',
    {
      schema: {
        tags,
        summary: '户列表（管理范围内）',
        querystring: HouseholdQuerySchema,
        response: { 200: HouseholdPageSchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (req) => searchHouseholds(deps, requireUser(req), req.query),
  );
  app.post(
    '/api/v1/households',
    { schema: { tags, summary: '登记一户及其成员', body: CreateHouseholdBodySchema, response: { 201: HouseholdDetailSchema, ...errors(400, 401, 403, 409) } } },
    async (req, reply) => reply.code(201).send(await createHousehold(deps, requireUser(req), req.body)),
  );
  app.get(
    '/api/v1/households/:id',
    { schema: { tags, summary: '户详情及成员', params: IdParamsSchema, response: { 200: HouseholdDetailSchema, ...errors(401, 403, 404) } } },
    async (req) => getHousehold(deps, requireUser(req), req.params.id),
  );
  app.put(
    '/api/v1/households/:id',
    {
      schema: {
        tags,
        summary: '修改户的地址、网格、村民小组（小区）、楼栋（院落）',
        params: IdParamsSchema,
        body: UpdateHouseholdBodySchema,
        response: { 200: HouseholdDetailSchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (req) => updateHousehold(deps, requireUser(req), req.params.id, req.body),
  );
  app.post(
    '/api/v1/households/:id/members',
    {
      schema: {
        tags,
        summary: '新增成员（出生、迁入）',
        params: IdParamsSchema,
        body: AddMemberBodySchema,
        response: { 201: ResidentSchema, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (req, reply) => reply.code(201).send(await addMember(deps, requireUser(req), req.params.id, req.body)),
  );
  app.get(
    '/api/v1/residents',
    {
      schema: {
        tags,
        summary: '居民查询（证件号、电话按密文摘要精确查找）',
        querystring: ResidentQuerySchema,
        response: { 200: ResidentPageSchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (req) => searchResidents(deps, requireUser(req), req.query),
  );
  app.get(
    '/api/v1/residents/:id',
    { schema: { tags, summary: '居民详情（证件号、电话已脱敏）', params: IdParamsSchema, response: { 200: ResidentSchema, ...errors(401, 403, 404) } } },
    async (req) => getResident(deps, requireUser(req), req.params.id),
  );
  app.get(
    '/api/v1/residents/:id/events',
    { schema: { tags, summary: '居民变动记录', params: IdParamsSchema, response: { 200: Type.Array(ResidentEventSchema), ...errors(401, 403, 404) } } },
    async (req) => residentHistory(deps, requireUser(req), req.params.id),
  );
  app.post(
    '/api/v1/residents/:id/events',
    {
      schema: {
        tags,
        summary: '办理迁出、死亡、户内迁移',
        params: IdParamsSchema,
        body: ResidentEventBodySchema,
        response: { 200: ResidentSchema, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (req) => recordResidentEvent(deps, requireUser(req), req.params.id, req.body),
  );
  app.post(
    '/api/v1/residents/:id/reveal',
    {
      schema: {
        tags,
        summary: '查看完整证件号或电话（须说明原因，记入审计；每人每 10 分钟、每天限次数，超出 429）',
        params: IdParamsSchema,
        body: RevealBodySchema,
        response: { 200: Type.Object({ value: Type.Union([Type.String(), Type.Null()]) }), ...errors(400, 401, 403, 404, 429) },
      },
    },
    async (req) => revealResidentField(deps, requireUser(req), req.params.id, req.body),
  );
};
