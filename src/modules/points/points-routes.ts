import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Deps } from '../../platform/deps.js';
import { requireUser } from '../../platform/http/auth.js';
import { errors, IdParamsSchema } from '../../platform/http/schemas.js';
import { sendXlsx } from '../../platform/spreadsheet.js';
import { exportLeaderboard } from './leaderboard-export.js';
import { accountStatement, adjustPoints, awardByRule, createRule, leaderboard, listRules, updateRule } from './ledger-service.js';
import {
  AdjustBodySchema,
  AwardBodySchema,
  AwardResultSchema,
  CancelRedemptionBodySchema,
  CreateItemBodySchema,
  CreateRuleBodySchema,
  ItemQuerySchema,
  LeaderboardQuerySchema,
  LeaderboardSchema,
  RedeemBodySchema,
  RedemptionQuerySchema,
  RedemptionRecordSchema,
  RedemptionSchema,
  RestockBodySchema,
  RuleQuerySchema,
  RuleSchema,
  ShopItemSchema,
  StatementQuerySchema,
  StatementSchema,
  UpdateItemBodySchema,
  UpdateRuleBodySchema,
} from './points-schema.js';
import { cancelRedemption, handOverRedemption, listRedemptions } from './redemption-service.js';
import { createShopItem, listShopItems, redeemAtCounter, restockShopItem, updateShopItem } from './shop-service.js';

/** Points (积分) and the points shop (爱心超市) for cadres and staff. */
export const pointsStaffRoutes: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (app, { deps }) => {
  const tags = ['points'];
  const base = '/api/v1/points';
  app.get(
    `${base}/rules`,
    {
      schema: {
        tags,
        summary: '积分规则：本村适用的（含乡镇、县统一规则），或本辖区定的',
        querystring: RuleQuerySchema,
        response: { 200: Type.Array(RuleSchema), ...errors(400, 401, 403) },
      },
    },
    async (req) => listRules(deps, requireUser(req), req.query),
  );
  app.post(
    `${base}/rules`,
    {
      schema: {
        tags,
        summary: '新增积分规则（村、乡镇或县一级；扣分规则分值为负）',
        body: CreateRuleBodySchema,
        response: { 201: RuleSchema, ...errors(400, 401, 403, 409) },
      },
    },
    async (req, reply) => reply.code(201).send(await createRule(deps, requireUser(req), req.body)),
  );
  app.patch(
    `${base}/rules/:id`,
    {
      schema: {
        tags,
        summary: '修改或停用积分规则（已计的积分不变）',
        params: IdParamsSchema,
        body: UpdateRuleBodySchema,
        response: { 200: RuleSchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (req) => updateRule(deps, requireUser(req), req.params.id, req.body),
  );
  app.post(
    `${base}/awards`,
    {
      schema: {
        tags,
        summary: '按规则为一户（或志愿者本人）计分；按月规则每户每月至多一次',
        body: AwardBodySchema,
        response: { 201: AwardResultSchema, ...errors(400, 401, 403, 409) },
      },
    },
    async (req, reply) => reply.code(201).send(await awardByRule(deps, requireUser(req), req.body)),
  );
  app.post(
    `${base}/adjustments`,
    { schema: { tags, summary: '调整积分（规则之外，必须写明理由）', body: AdjustBodySchema, response: { 201: AwardResultSchema, ...errors(400, 401, 403) } } },
    async (req, reply) => reply.code(201).send(await adjustPoints(deps, requireUser(req), req.body)),
  );
  app.get(
    `${base}/statement`,
    {
      schema: {
        tags,
        summary: '一户（或一人）的积分月结单：期初、明细、获得、使用、期末',
        querystring: StatementQuerySchema,
        response: { 200: StatementSchema, ...errors(400, 401, 403) },
      },
    },
    async (req) => accountStatement(deps, requireUser(req), { householdId: req.query.householdId, residentId: req.query.residentId }, req.query.month),
  );
  app.get(
    `${base}/leaderboard`,
    {
      schema: {
        tags,
        summary: '本村积分排行（按期间内获得的积分）',
        querystring: LeaderboardQuerySchema,
        response: { 200: LeaderboardSchema, ...errors(400, 401, 403) },
      },
    },
    async (req) => leaderboard(deps, requireUser(req), req.query),
  );
  app.get(
    `${base}/leaderboard.xlsx`,
    {
      schema: {
        tags,
        summary: '导出本村积分排行为 Excel（统计期间内得到积分的全部户；第二张表为说明；最多 50,000 行）',
        querystring: Type.Omit(LeaderboardQuerySchema, ['limit']),
        response: errors(400, 401, 403),
      },
    },
    async (req, reply) => {
      const { name, file } = await exportLeaderboard(deps, requireUser(req), req.query);
      return sendXlsx(reply, name, file);
    },
  );
  app.get(
    `${base}/shop/items`,
    {
      schema: {
        tags,
        summary: '爱心超市商品、价格（积分）与库存',
        querystring: ItemQuerySchema,
        response: { 200: Type.Array(ShopItemSchema), ...errors(400, 401, 403) },
      },
    },
    async (req) => listShopItems(deps, requireUser(req), req.query.villageCode),
  );
  app.post(
    `${base}/shop/items`,
    { schema: { tags, summary: '爱心超市上架商品', body: CreateItemBodySchema, response: { 201: ShopItemSchema, ...errors(400, 401, 403, 409) } } },
    async (req, reply) => reply.code(201).send(await createShopItem(deps, requireUser(req), req.body)),
  );
  app.patch(
    `${base}/shop/items/:id`,
    {
      schema: {
        tags,
        summary: '修改商品名称、价格或下架',
        params: IdParamsSchema,
        body: UpdateItemBodySchema,
        response: { 200: ShopItemSchema, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (req) => updateShopItem(deps, requireUser(req), req.params.id, req.body),
  );
  app.post(
    `${base}/shop/items/:id/restock`,
    {
      schema: {
        tags,
        summary: '补货（正数）或报损（负数），写明原因',
        params: IdParamsSchema,
        body: RestockBodySchema,
        response: { 200: ShopItemSchema, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (req) => restockShopItem(deps, requireUser(req), req.params.id, req.body),
  );
  app.post(
    `${base}/shop/redemptions`,
    {
      schema: {
        tags,
        summary: '柜台兑换：村干部为一户兑换商品（不能超出积分余额或库存）',
        body: RedeemBodySchema,
        response: { 201: RedemptionSchema, ...errors(400, 401, 403, 409) },
      },
    },
    async (req, reply) => reply.code(201).send(await redeemAtCounter(deps, requireUser(req), req.body)),
  );
  app.get(
    `${base}/shop/redemptions`,
    {
      schema: {
        tags,
        summary: '本村兑换记录：待领取、已交付、已撤销',
        querystring: RedemptionQuerySchema,
        response: { 200: Type.Array(RedemptionRecordSchema), ...errors(400, 401, 403) },
      },
    },
    async (req) => listRedemptions(deps, requireUser(req), req.query),
  );
  app.post(
    `${base}/shop/redemptions/:id/handover`,
    {
      schema: {
        tags,
        summary: '交付兑换的商品（交付后不能撤销）',
        params: IdParamsSchema,
        response: { 200: RedemptionRecordSchema, ...errors(401, 403, 404, 409) },
      },
    },
    async (req) => handOverRedemption(deps, requireUser(req), req.params.id),
  );
  app.post(
    `${base}/shop/redemptions/:id/cancel`,
    {
      schema: {
        tags,
        summary: '撤销未交付的兑换（写明理由）：退回积分，商品回到货架',
        params: IdParamsSchema,
        body: CancelRedemptionBodySchema,
        response: { 200: RedemptionRecordSchema, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (req) => cancelRedemption(deps, requireUser(req), req.params.id, req.body),
  );
};
