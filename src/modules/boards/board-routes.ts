import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Deps } from '../../platform/deps.js';
import { requireUser } from '../../platform/http/auth.js';
import { errors, IdParamsSchema } from '../../platform/http/schemas.js';
import {
  AnswerBodySchema,
  DecideBodySchema,
  EntryObjectionParamsSchema,
  EntryQuerySchema,
  EntrySchema,
  IneligibleQuerySchema,
  IneligibleSchema,
  NotifyBodySchema,
  ObjectionBodySchema,
  ProposeBodySchema,
  PublicBoardSchema,
  VillageParamsSchema,
} from './board-schema.js';
import {
  answerObjection,
  decideEntry,
  getEntry,
  ineligibleHouseholds,
  listEntries,
  notifyHousehold,
  proposeEntry,
  publicBoard,
  recordObjection,
} from './board-service.js';
import { PROPOSAL_BODY_LIMIT } from './evidence-files.js';

/** Honour and warning boards (红榜 / 黑榜 / 黄榜) for cadres and staff, and the village's public board (no login). */
export const boardRoutes: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (app, { deps }) => {
  const tags = ['boards'];
  const base = '/api/v1/boards';
  app.get(
    `${base}/entries`,
    {
      schema: {
        tags,
        summary: '本村榜单事项（各状态，含已到期、已撤回的历史）',
        querystring: EntryQuerySchema,
        response: { 200: Type.Array(EntrySchema), ...errors(400, 401, 403) },
      },
    },
    async (req) => listEntries(deps, requireUser(req), req.query),
  );
  app.post(
    `${base}/entries`,
    {
      bodyLimit: PROPOSAL_BODY_LIMIT,
      schema: {
        tags,
        summary: '议事组织提出红榜/黑榜/黄榜事项：引用村规民约条款，写明事实，附证据材料',
        body: ProposeBodySchema,
        response: { 201: EntrySchema, ...errors(400, 401, 403, 413) },
      },
    },
    async (req, reply) => reply.code(201).send(await proposeEntry(deps, requireUser(req), req.body)),
  );
  app.get(
    `${base}/entries/:id`,
    { schema: { tags, summary: '榜单事项详情（证据、告知、异议、决定）', params: IdParamsSchema, response: { 200: EntrySchema, ...errors(401, 403, 404) } } },
    async (req) => getEntry(deps, requireUser(req), req.params.id),
  );
  app.post(
    `${base}/entries/:id/notify`,
    {
      schema: {
        tags,
        summary: '登记已告知当事户，异议期（工作日）开始',
        params: IdParamsSchema,
        body: NotifyBodySchema,
        response: { 200: EntrySchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (req) => notifyHousehold(deps, requireUser(req), req.params.id, req.body),
  );
  app.post(
    `${base}/entries/:id/objections`,
    {
      schema: {
        tags,
        summary: '登记异议期内提出的异议',
        params: IdParamsSchema,
        body: ObjectionBodySchema,
        response: { 201: EntrySchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (req, reply) => reply.code(201).send(await recordObjection(deps, requireUser(req), req.params.id, req.body)),
  );
  app.post(
    `${base}/entries/:id/objections/:objectionId/answer`,
    {
      schema: {
        tags,
        summary: '答复异议（写明是否成立）',
        params: EntryObjectionParamsSchema,
        body: AnswerBodySchema,
        response: { 200: EntrySchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (req) => answerObjection(deps, requireUser(req), req.params.id, req.params.objectionId, req.body),
  );
  app.post(
    `${base}/entries/:id/decide`,
    {
      schema: {
        tags,
        summary: '决定：公示（异议期满、异议均已答复后）或撤回',
        params: IdParamsSchema,
        body: DecideBodySchema,
        response: { 200: EntrySchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (req) => decideEntry(deps, requireUser(req), req.params.id, req.body),
  );
  app.get(
    `${base}/ineligible`,
    {
      schema: {
        tags,
        summary: '当前不得参加评优评先的户（黑榜、黄榜公示期内），由榜单记录算出',
        querystring: IneligibleQuerySchema,
        response: { 200: Type.Array(IneligibleSchema), ...errors(400, 401, 403) },
      },
    },
    async (req) => ineligibleHouseholds(deps, requireUser(req), req.query),
  );
  app.get(
    '/api/v1/public/boards/villages/:code',
    {
      config: { rateLimit: { max: deps.config.anonymousRateLimitPerMinute, timeWindow: 60_000 } },
      schema: {
        tags: ['public'],
        security: [],
        summary: '本村红黑榜（公开：公示期内的事项，户只显示姓氏）',
        params: VillageParamsSchema,
        response: { 200: PublicBoardSchema, ...errors(400, 404, 429) },
      },
    },
    async (req) => publicBoard(deps, req.params.code),
  );
};
