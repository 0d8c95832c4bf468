import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Deps } from '../../platform/deps.js';
import { requireUser } from '../../platform/http/auth.js';
import { errors, IdParamsSchema } from '../../platform/http/schemas.js';
import { castOnlineBallot, enterPaperBallot, residentVotes } from './ballot-service.js';
import { PASS_HEADER, readResidentPass } from './resident-pass.js';
import {
  BallotBodySchema,
  BallotReceiptSchema,
  CreateVoteBodySchema,
  ElectorQuerySchema,
  ElectorSchema,
  PaperBallotBodySchema,
  PublicVoteSchema,
  ResidentVotesSchema,
  UpdateVoteBodySchema,
  VoteQuerySchema,
  VoteSchema,
} from './vote-schema.js';
import { closeVote, createVote, editVote, getVote, openVote, publicTally, publicVillageVotes, searchElectors, searchVotes } from './vote-service.js';

/** Votes (表决 / 豆选): the cadre's pages, the resident's ballot with the pass, the public tally. */
export const voteRoutes: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (app, { deps }) => {
  const tags = ['cocreation'];
  const base = '/api/v1/cocreation/votes';
  app.get(
    base,
    {
      schema: { tags, summary: '表决列表（本级及下级）', querystring: VoteQuerySchema, response: { 200: Type.Array(VoteSchema), ...errors(400, 401, 403) } },
    },
    async (req) => searchVotes(deps, requireUser(req), req.query),
  );
  app.post(
    base,
    {
      schema: {
        tags,
        summary: '起草表决（豆选 / 多选 / 赞成反对弃权；按户或按成年人；可关联议题或会议）',
        body: CreateVoteBodySchema,
        response: { 201: VoteSchema, ...errors(400, 401, 403) },
      },
    },
    async (req, reply) => reply.code(201).send(await createVote(deps, requireUser(req), req.body)),
  );
  app.get(
    `${base}/:id`,
    { schema: { tags, summary: '表决详情（投票率实时；计票结果在结束后）', params: IdParamsSchema, response: { 200: VoteSchema, ...errors(401, 403, 404) } } },
    async (req) => getVote(deps, requireUser(req), req.params.id),
  );
  app.put(
    `${base}/:id`,
    {
      schema: {
        tags,
        summary: '修改表决（草稿可全改；进行中只能改截止时间；已结束不能改）',
        params: IdParamsSchema,
        body: UpdateVoteBodySchema,
        response: { 200: VoteSchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (req) => editVote(deps, requireUser(req), req.params.id, req.body),
  );
  app.post(
    `${base}/:id/open`,
    {
      schema: { tags, summary: '开始表决（此刻按户籍登记确定选民名单）', params: IdParamsSchema, response: { 200: VoteSchema, ...errors(400, 401, 403, 404) } },
    },
    async (req) => openVote(deps, requireUser(req), req.params.id),
  );
  app.get(
    `${base}/:id/electors`,
    {
      schema: {
        tags,
        summary: '选民名单（是否已投、方式、时间；不含投票内容）',
        params: IdParamsSchema,
        querystring: ElectorQuerySchema,
        response: { 200: Type.Array(ElectorSchema), ...errors(401, 403, 404) },
      },
    },
    async (req) => searchElectors(deps, requireUser(req), req.params.id, req.query),
  );
  app.post(
    `${base}/:id/paper-ballots`,
    {
      schema: {
        tags,
        summary: '录入纸质选票（须有见证人；已投过的选民被拒绝并显示其投票时间和方式）',
        params: IdParamsSchema,
        body: PaperBallotBodySchema,
        response: { 201: BallotReceiptSchema, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (req, reply) => reply.code(201).send(await enterPaperBallot(deps, requireUser(req), req.params.id, req.body)),
  );
  app.post(
    `${base}/:id/close`,
    { schema: { tags, summary: '结束表决并计票', params: IdParamsSchema, response: { 200: VoteSchema, ...errors(400, 401, 403, 404) } } },
    async (req) => closeVote(deps, requireUser(req), req.params.id),
  );

  // The resident's phone page (with the pass) and the public tally (no login).
  const rateLimit = { max: deps.config.anonymousRateLimitPerMinute, timeWindow: 60_000 };
  const pub = ['public'];
  const passOf = (headers: Record<string, unknown>) => readResidentPass(deps, headers[PASS_HEADER] as string | undefined);
  app.get(
    '/api/v1/public/cocreation/votes',
    {
      config: { rateLimit },
      schema: {
        tags: pub,
        summary: '居民可参加的进行中表决及已结束表决的结果（须带参与凭证）',
        security: [],
        response: { 200: ResidentVotesSchema, ...errors(401, 429) },
      },
    },
    async (req) => residentVotes(deps, passOf(req.headers)),
  );
  app.post(
    '/api/v1/public/cocreation/votes/:id/ballots',
    {
      config: { rateLimit },
      schema: {
        tags: pub,
        summary: '居民网上投票（须带参与凭证；每位选民或每户一票）',
        security: [],
        params: IdParamsSchema,
        body: BallotBodySchema,
        response: { 201: BallotReceiptSchema, ...errors(400, 401, 404, 409, 429) },
      },
    },
    async (req, reply) => reply.code(201).send(await castOnlineBallot(deps, passOf(req.headers), req.ip, req.params.id, req.body)),
  );
  app.get(
    '/api/v1/public/cocreation/votes/:id',
    {
      config: { rateLimit },
      schema: {
        tags: pub,
        summary: '表决公开结果（无需登录，不含姓名）',
        security: [],
        params: IdParamsSchema,
        response: { 200: PublicVoteSchema, ...errors(404, 429) },
      },
    },
    async (req) => publicTally(deps, req.params.id),
  );
  app.get(
    '/api/v1/public/cocreation/villages/:villageCode/votes',
    {
      config: { rateLimit },
      schema: {
        tags: pub,
        summary: '村务公开：本村的表决及结果（无需登录，不含姓名）',
        security: [],
        params: Type.Object({ villageCode: Type.String({ pattern: '^[0-9]{6,15}$' }) }),
        response: { 200: Type.Array(PublicVoteSchema), ...errors(400, 429) },
      },
    },
    async (req) => publicVillageVotes(deps, req.params.villageCode),
  );
};
