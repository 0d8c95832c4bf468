import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Deps } from '../../platform/deps.js';
import { errors } from '../../platform/http/schemas.js';
import { DisclosureSchema } from './disclosure-schema.js';
import { villageDisclosure } from './disclosure-service.js';
import {
  MyContributionsSchema,
  MyRatingSchema,
  RateBodySchema,
  RatingResultsSchema,
  ResidentProjectSchema,
  VillageParamsSchema,
  VillageProjectParamsSchema,
} from './rating-schema.js';
import { myContributions, projectRatings, rateProject, residentProjects } from './rating-service.js';
import { PASS_HEADER } from './resident-pass.js';

/**
 * The village's public pages: the disclosure (三公开, no login) and a project's rating results for
 * anyone; the projects, ratings and own contributions for a resident with the pass. All rate
 * limited per address like the other public endpoints.
 */
export const publicCocreationRoutes: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (app, { deps }) => {
  const tags = ['public'];
  const rateLimit = { max: deps.config.anonymousRateLimitPerMinute, timeWindow: 60_000 };
  const passOf = (headers: Record<string, string | string[] | undefined>) => {
    const v = headers[PASS_HEADER];
    return Array.isArray(v) ? v[0] : v;
  };

  app.get(
    '/api/v1/public/cocreation/villages/:code/disclosure',
    {
      config: { rateLimit },
      schema: {
        tags,
        summary: '村务公开（三公开）：议事决定、表决结果、项目资金与投工投劳、群众评价；不含任何个人信息',
        security: [],
        params: VillageParamsSchema,
        response: { 200: DisclosureSchema, ...errors(400, 404, 429) },
      },
    },
    async (req) => villageDisclosure(deps, req.params.code),
  );

  app.get(
    '/api/v1/public/cocreation/villages/:code/projects/:projectId/ratings',
    {
      config: { rateLimit },
      schema: {
        tags,
        summary: '项目的群众评价结果：户数、平均分、各分值户数和评语（不含姓名）',
        security: [],
        params: VillageProjectParamsSchema,
        response: { 200: RatingResultsSchema, ...errors(400, 404, 429) },
      },
    },
    async (req) => projectRatings(deps, req.params.code, req.params.projectId),
  );

  app.get(
    '/api/v1/public/cocreation/villages/:code/projects',
    {
      config: { rateLimit },
      schema: {
        tags,
        summary: '本村项目及进度（凭居民参与凭证），含本户对已完工项目的评价',
        security: [],
        params: VillageParamsSchema,
        response: { 200: Type.Array(ResidentProjectSchema), ...errors(400, 401, 429) },
      },
    },
    async (req) => residentProjects(deps, passOf(req.headers), req.params.code),
  );

  app.post(
    '/api/v1/public/cocreation/villages/:code/projects/:projectId/rating',
    {
      config: { rateLimit },
      schema: {
        tags,
        summary: '居民为本村已完工项目评价（1–5 分，可附评语）：评价期内、每户一次',
        security: [],
        params: VillageProjectParamsSchema,
        body: RateBodySchema,
        response: { 201: MyRatingSchema, ...errors(400, 401, 409, 429) },
      },
    },
    async (req, reply) => {
      const saved = await rateProject(deps, passOf(req.headers), req.params.code, req.params.projectId, req.body, req.ip);
      return reply.code(201).send(saved);
    },
  );

  app.get(
    '/api/v1/public/cocreation/villages/:code/contributions/mine',
    {
      config: { rateLimit },
      schema: {
        tags,
        summary: '本户的筹资、投工投劳、让地记录（凭居民参与凭证，仅本户可见）',
        security: [],
        params: VillageParamsSchema,
        response: { 200: MyContributionsSchema, ...errors(400, 401, 429) },
      },
    },
    async (req) => myContributions(deps, passOf(req.headers), req.params.code),
  );
};
