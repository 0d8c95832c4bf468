import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Deps } from '../../platform/deps.js';
import { requireUser } from '../../platform/http/auth.js';
import { errors, IdParamsSchema } from '../../platform/http/schemas.js';
import { createStewardship, endStewardship, searchStewardships } from './stewardship-service.js';
import {
  CoverageQuerySchema,
  CoverageReportSchema,
  CreateStewardshipBodySchema,
  CreateVisitBodySchema,
  EndStewardshipBodySchema,
  FollowUpBodySchema,
  StewardshipPageSchema,
  StewardshipQuerySchema,
  StewardshipSchema,
  VisitPageSchema,
  VisitQuerySchema,
  VisitSchema,
} from './stewardship-schema.js';
import { coverageReport, createVisit, searchVisits, setFollowUp } from './visit-service.js';

export const stewardshipRoutes: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (app, { deps }) => {
  const tags = ['stewardship'];
  app.get(
    '/api/v1/stewardships',
    {
      schema: {
        tags,
        summary: '包保关系（按层级）',
        querystring: StewardshipQuerySchema,
        response: { 200: StewardshipPageSchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (req) => searchStewardships(deps, requireUser(req), req.query),
  );
  app.post(
    '/api/v1/stewardships',
    {
      schema: {
        tags,
        summary: '建立包保关系（领导包乡镇、包村，干部包户）',
        body: CreateStewardshipBodySchema,
        response: { 201: StewardshipSchema, ...errors(400, 401, 403, 409) },
      },
    },
    async (req, reply) => reply.code(201).send(await createStewardship(deps, requireUser(req), req.body)),
  );
  app.post(
    '/api/v1/stewardships/:id/end',
    {
      schema: {
        tags,
        summary: '结束包保关系（保留记录）',
        params: IdParamsSchema,
        body: EndStewardshipBodySchema,
        response: { 200: StewardshipSchema, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (req) => endStewardship(deps, requireUser(req), req.params.id, req.body?.endedOn),
  );
  app.get(
    '/api/v1/visits',
    { schema: { tags, summary: '走访记录（五包五访）', querystring: VisitQuerySchema, response: { 200: VisitPageSchema, ...errors(400, 401, 403, 404) } } },
    async (req) => searchVisits(deps, requireUser(req), req.query),
  );
  app.get(
    '/api/v1/visits/coverage',
    {
      schema: {
        tags,
        summary: '走访覆盖：N 天内无人走访的户',
        querystring: CoverageQuerySchema,
        response: { 200: CoverageReportSchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (req) => coverageReport(deps, requireUser(req), req.query),
  );
  app.post(
    '/api/v1/visits',
    { schema: { tags, summary: '记录走访', body: CreateVisitBodySchema, response: { 201: VisitSchema, ...errors(400, 401, 403) } } },
    async (req, reply) => reply.code(201).send(await createVisit(deps, requireUser(req), req.body)),
  );
  app.post(
    '/api/v1/visits/:id/follow-up',
    {
      schema: {
        tags,
        summary: '标记走访后续事项已办/未办',
        params: IdParamsSchema,
        body: FollowUpBodySchema,
        response: { 200: VisitSchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (req) => setFollowUp(deps, requireUser(req), req.params.id, req.body),
  );
};
