import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Deps } from '../../platform/deps.js';
import { requireUser } from '../../platform/http/auth.js';
import { sendXlsx } from '../../platform/spreadsheet.js';
import { errors, IdParamsSchema } from '../../platform/http/schemas.js';
import {
  AnswerOpinionBodySchema,
  CreateOpinionBodySchema,
  CreateProposalBodySchema,
  LinkChoicesSchema,
  OpinionPageSchema,
  OpinionQuerySchema,
  OpinionRatesQuerySchema,
  OpinionRatesSchema,
  OpinionSchema,
  OrderOpinionBodySchema,
  ProposalDetailSchema,
  ProposalQuerySchema,
  ProposalSchema,
  ProposalStatusBodySchema,
  ResidentOpinionBodySchema,
  ResidentOpinionSchema,
  ResidentOpinionsViewSchema,
} from './opinion-schema.js';
import {
  answerOpinion,
  getOpinion,
  opinionFromOrder,
  recordOpinion,
  residentOpinions,
  searchOpinions,
  searchLinkChoices,
  submitResidentOpinion,
} from './opinion-service.js';
import { exportOpinions } from './opinion-export.js';
import { changeProposalStatus, createProposal, getProposal, opinionRates, searchProposals } from './proposal-service.js';
import { PASS_HEADER, readResidentPass } from './resident-pass.js';

const VillageParamsSchema = Type.Object({ villageCode: Type.String({ pattern: '^[0-9]{12}$' }) });

/** Opinions (意见建议), proposals (议题) and their rates; the resident's opinion card on the phone page. */
export const opinionRoutes: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (app, { deps }) => {
  const tags = ['cocreation'];
  const base = '/api/v1/cocreation';

  app.get(
    `${base}/opinions`,
    {
      schema: {
        tags,
        summary: '意见建议列表（本辖区，可按村、状态、来源、逾期筛选；按时间倒序翻页）',
        querystring: OpinionQuerySchema,
        response: { 200: OpinionPageSchema, ...errors(400, 401, 403) },
      },
    },
    async (req) => searchOpinions(deps, requireUser(req), req.query),
  );
  app.get(
    `${base}/opinions.xlsx`,
    {
      schema: {
        tags,
        summary: '导出意见建议列表为 Excel（与列表同样的筛选和范围；第二张表为说明；最多 50,000 行）',
        querystring: Type.Omit(OpinionQuerySchema, ['after', 'pageSize']),
        response: errors(400, 401, 403),
      },
    },
    async (req, reply) => {
      const { name, file } = await exportOpinions(deps, requireUser(req), req.query);
      return sendXlsx(reply, name, file);
    },
  );
  app.post(
    `${base}/opinions`,
    {
      schema: {
        tags,
        summary: '记录意见建议（走访中听到、议事会上提出、干部当面收到）',
        body: CreateOpinionBodySchema,
        response: { 201: OpinionSchema, ...errors(400, 401, 403) },
      },
    },
    async (req, reply) => reply.code(201).send(await recordOpinion(deps, requireUser(req), req.body)),
  );
  app.post(
    `${base}/opinions/from-order`,
    {
      schema: {
        tags,
        summary: '“建议”类工单一键转为意见建议（每张工单一次，工单时间线留痕）',
        body: OrderOpinionBodySchema,
        response: { 201: OpinionSchema, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (req, reply) => reply.code(201).send(await opinionFromOrder(deps, requireUser(req), req.body)),
  );
  app.get(
    `${base}/opinions/link-choices`,
    {
      schema: {
        tags,
        summary: '本村可关联的走访记录、议事会、议题和项目（记录、答复意见建议时选择）',
        querystring: Type.Object({ regionCode: Type.String({ pattern: '^[0-9]{12}$' }) }),
        response: { 200: LinkChoicesSchema, ...errors(400, 401, 403) },
      },
    },
    async (req) => searchLinkChoices(deps, requireUser(req), req.query.regionCode),
  );
  app.get(
    `${base}/opinions/:id`,
    { schema: { tags, summary: '意见建议详情', params: IdParamsSchema, response: { 200: OpinionSchema, ...errors(401, 403, 404) } } },
    async (req) => getOpinion(deps, requireUser(req), req.params.id),
  );
  app.post(
    `${base}/opinions/:id/answer`,
    {
      schema: {
        tags,
        summary: '答复意见建议：采纳（关联议题或项目）、合并、答复、不予采纳（须写理由）',
        params: IdParamsSchema,
        body: AnswerOpinionBodySchema,
        response: { 200: OpinionSchema, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (req) => answerOpinion(deps, requireUser(req), req.params.id, req.body),
  );
  app.get(
    `${base}/opinion-rates`,
    {
      schema: {
        tags,
        summary: '意见建议采纳率、按时反馈率（各村及合计，含分子分母与公式）',
        querystring: OpinionRatesQuerySchema,
        response: { 200: OpinionRatesSchema, ...errors(400, 401, 403) },
      },
    },
    async (req) => opinionRates(deps, requireUser(req), req.query.regionCode),
  );

  app.get(
    `${base}/proposals`,
    {
      schema: {
        tags,
        summary: '议题列表（本辖区）',
        querystring: ProposalQuerySchema,
        response: { 200: Type.Array(ProposalSchema), ...errors(400, 401, 403) },
      },
    },
    async (req) => searchProposals(deps, requireUser(req), req.query),
  );
  app.post(
    `${base}/proposals`,
    {
      schema: {
        tags,
        summary: '新建议题（村或村民小组），可同时纳入本村待答复的意见建议',
        body: CreateProposalBodySchema,
        response: { 201: ProposalDetailSchema, ...errors(400, 401, 403, 409) },
      },
    },
    async (req, reply) => reply.code(201).send(await createProposal(deps, requireUser(req), req.body)),
  );
  app.get(
    `${base}/proposals/:id`,
    { schema: { tags, summary: '议题详情及其意见建议', params: IdParamsSchema, response: { 200: ProposalDetailSchema, ...errors(401, 403, 404) } } },
    async (req) => getProposal(deps, requireUser(req), req.params.id),
  );
  app.post(
    `${base}/proposals/:id/status`,
    {
      schema: {
        tags,
        summary: '变更议题状态：征集中 → 协商中 → 已决定 → 已关闭（不可回退）',
        params: IdParamsSchema,
        body: ProposalStatusBodySchema,
        response: { 200: ProposalDetailSchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (req) => changeProposalStatus(deps, requireUser(req), req.params.id, req.body.status),
  );

  // The resident's phone page: the pass (x-resident-pass) names a registry person of the village.
  const rateLimit = { max: deps.config.anonymousRateLimitPerMinute, timeWindow: 60_000 };
  const passOf = (headers: Record<string, unknown>) => readResidentPass(deps, headers[PASS_HEADER] as string | undefined);
  app.get(
    '/api/v1/public/cocreation/villages/:villageCode/opinions',
    {
      config: { rateLimit },
      schema: {
        tags: ['public'],
        summary: '居民：本村征集中的议题（仅标题）和我提出的意见建议及答复（须核验凭证）',
        security: [],
        params: VillageParamsSchema,
        response: { 200: ResidentOpinionsViewSchema, ...errors(400, 401, 429) },
      },
    },
    async (req) => residentOpinions(deps, passOf(req.headers), req.params.villageCode),
  );
  app.post(
    '/api/v1/public/cocreation/villages/:villageCode/opinions',
    {
      config: { rateLimit },
      schema: {
        tags: ['public'],
        summary: '居民提出意见建议（须为本村登记人口，凭证只能用于本村）',
        security: [],
        params: VillageParamsSchema,
        body: ResidentOpinionBodySchema,
        response: { 201: ResidentOpinionSchema, ...errors(400, 401, 429) },
      },
    },
    async (req, reply) => reply.code(201).send(await submitResidentOpinion(deps, passOf(req.headers), req.ip, req.params.villageCode, req.body)),
  );
};
