import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Deps } from '../../platform/deps.js';
import { AppError } from '../../platform/errors.js';
import { errors } from '../../platform/http/schemas.js';
import { PASS_HEADER, readResidentPass, type ResidentPass } from '../cocreation/index.js';
import {
  MonthQuerySchema,
  RedemptionRecordSchema,
  RedemptionSchema,
  ResidentRedeemBodySchema,
  ResidentStatementQuerySchema,
  ShopItemSchema,
  StatementSchema,
  VillageIdParamsSchema,
  VillageParamsSchema,
} from './points-schema.js';
import { cancelAsResident, myRedemptions } from './redemption-service.js';
import { myItems, myStatement } from './resident-service.js';
import { redeemAsResident } from './shop-service.js';
import { HoursRecordSchema, MyVolunteeringSchema } from './timebank-schema.js';
import { confirmHoursAsResident, hoursToConfirm } from './timebank-service.js';
import { myVolunteering } from './volunteer-statement-service.js';

/**
 * The resident's phone pages, with the co-creation pass (header `x-resident-pass`): the
 * household's statement and the shop, redeeming for the household, confirming hours a volunteer
 * gave them, and — when they volunteer themselves — their own hours. Rate limited per address like the other public endpoints.
 */
export const pointsPublicRoutes: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (app, { deps }) => {
  const tags = ['public'];
  const rateLimit = { max: deps.config.anonymousRateLimitPerMinute, timeWindow: 60_000 };
  const base = '/api/v1/public/points/villages/:code';
  const passFor = (headers: Record<string, string | string[] | undefined>, villageCode: string): ResidentPass => {
    const v = headers[PASS_HEADER];
    const pass = readResidentPass(deps, Array.isArray(v) ? v[0] : v);
    if (pass.villageCode !== villageCode) throw new AppError('UNAUTHENTICATED', '身份凭证不是本村（社区）的，请重新核验', { field: 'pass' });
    return pass;
  };
  app.get(
    `${base}/statement`,
    {
      config: { rateLimit },
      schema: {
        tags,
        security: [],
        summary: '本户积分月结单（凭居民参与凭证）；whose=me：本人（志愿者）的个人积分',
        params: VillageParamsSchema,
        querystring: ResidentStatementQuerySchema,
        response: { 200: StatementSchema, ...errors(400, 401, 429) },
      },
    },
    async (req) => myStatement(deps, passFor(req.headers, req.params.code), req.query.month, req.query.whose ?? 'household'),
  );
  app.get(
    `${base}/shop`,
    {
      config: { rateLimit },
      schema: {
        tags,
        security: [],
        summary: '本村爱心超市商品（凭居民参与凭证）',
        params: VillageParamsSchema,
        response: { 200: Type.Array(ShopItemSchema), ...errors(400, 401, 429) },
      },
    },
    async (req) => myItems(deps, passFor(req.headers, req.params.code)),
  );
  app.post(
    `${base}/redemptions`,
    {
      config: { rateLimit },
      schema: {
        tags,
        security: [],
        summary: '居民用本户积分兑换商品（不能超出积分余额或库存）',
        params: VillageParamsSchema,
        body: ResidentRedeemBodySchema,
        response: { 201: RedemptionSchema, ...errors(400, 401, 409, 429) },
      },
    },
    async (req, reply) => reply.code(201).send(await redeemAsResident(deps, passFor(req.headers, req.params.code), req.body, req.ip)),
  );
  app.get(
    `${base}/redemptions`,
    {
      config: { rateLimit },
      schema: {
        tags,
        security: [],
        summary: '本户最近的兑换：待领取、已交付、已撤销',
        params: VillageParamsSchema,
        response: { 200: Type.Array(RedemptionRecordSchema), ...errors(400, 401, 429) },
      },
    },
    async (req) => myRedemptions(deps, passFor(req.headers, req.params.code)),
  );
  app.post(
    `${base}/redemptions/:id/cancel`,
    {
      config: { rateLimit },
      schema: {
        tags,
        security: [],
        summary: '居民在领取前取消本户在手机上的兑换：积分退回',
        params: VillageIdParamsSchema,
        response: { 200: RedemptionRecordSchema, ...errors(400, 401, 404, 409, 429) },
      },
    },
    async (req) => cancelAsResident(deps, passFor(req.headers, req.params.code), req.params.id, req.ip),
  );
  app.get(
    `${base}/hours`,
    {
      config: { rateLimit },
      schema: {
        tags,
        security: [],
        summary: '志愿者为我提供的服务时长（待确认和已确认）',
        params: VillageParamsSchema,
        response: { 200: Type.Array(HoursRecordSchema), ...errors(400, 401, 429) },
      },
    },
    async (req) => hoursToConfirm(deps, passFor(req.headers, req.params.code)),
  );
  app.get(
    `${base}/volunteering`,
    {
      config: { rateLimit },
      schema: {
        tags,
        security: [],
        summary: '我作为志愿者的时长：余额、本月明细、我为别人提供的服务（不是志愿者时为空）',
        params: VillageParamsSchema,
        querystring: MonthQuerySchema,
        response: { 200: MyVolunteeringSchema, ...errors(400, 401, 429) },
      },
    },
    async (req) => myVolunteering(deps, passFor(req.headers, req.params.code), req.query.month),
  );
  app.post(
    `${base}/hours/:id/confirm`,
    {
      config: { rateLimit },
      schema: {
        tags,
        security: [],
        summary: '接受服务的居民确认志愿服务时长（志愿者本人不能确认）',
        params: VillageIdParamsSchema,
        response: { 200: HoursRecordSchema, ...errors(400, 401, 403, 404, 409, 429) },
      },
    },
    async (req) => confirmHoursAsResident(deps, passFor(req.headers, req.params.code), req.params.id, req.ip),
  );
};
