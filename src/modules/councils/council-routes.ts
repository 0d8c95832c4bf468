import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Deps } from '../../platform/deps.js';
import { requireUser } from '../../platform/http/auth.js';
import { errors, IdParamsSchema } from '../../platform/http/schemas.js';
import { sendPdf } from '../../platform/pdf.js';
import {
  AddMemberSchema,
  BodyMemberParamsSchema,
  BodyQuerySchema,
  BodySchema,
  CreateBodySchema,
  CreateShiftSchema,
  LeaveSchema,
  PublicRosterSchema,
  ShiftQuerySchema,
  ShiftSchema,
  UpdateBodySchema,
  VillageParamsSchema,
} from './council-schema.js';
import { addMember, createBody, endMembership, getBody, listBodies, publicRoster, updateBody } from './council-service.js';
import { createShift, listShifts } from './shift-service.js';
import { workCardsPdf } from './work-card-pdf.js';

/** The public roster page's address, as the QR code on a work card carries it. */
export const rosterPath = (villageCode: string) => `/v/${villageCode}/roster`;

/** 一约四会 and teams for cadres and staff, and the public roster (no login). */
export const councilRoutes: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (app, { deps }) => {
  const tags = ['councils'];
  const base = '/api/v1/councils';
  app.get(
    base,
    {
      schema: {
        tags,
        summary: '本村的四会和队伍（含现任成员）',
        querystring: BodyQuerySchema,
        response: { 200: Type.Array(BodySchema), ...errors(400, 401, 403) },
      },
    },
    async (req) => listBodies(deps, requireUser(req), req.query),
  );
  app.post(
    base,
    {
      schema: {
        tags,
        summary: '设立议事组织（道德评议会、红白理事会、村民议事会、村组理事会，每村各一）或队伍',
        body: CreateBodySchema,
        response: { 201: BodySchema, ...errors(400, 401, 403, 409) },
      },
    },
    async (req, reply) => reply.code(201).send(await createBody(deps, requireUser(req), req.body)),
  );
  app.get(
    `${base}/:id`,
    { schema: { tags, summary: '议事组织或队伍详情', params: IdParamsSchema, response: { 200: BodySchema, ...errors(401, 403, 404) } } },
    async (req) => getBody(deps, requireUser(req), req.params.id),
  );
  app.patch(
    `${base}/:id`,
    {
      schema: {
        tags,
        summary: '修改名称、职责或停用',
        params: IdParamsSchema,
        body: UpdateBodySchema,
        response: { 200: BodySchema, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (req) => updateBody(deps, requireUser(req), req.params.id, req.body),
  );
  app.post(
    `${base}/:id/members`,
    {
      schema: {
        tags,
        summary: '从户籍中选人加入（负责人须为村“两委”成员，写明职务）',
        params: IdParamsSchema,
        body: AddMemberSchema,
        response: { 201: BodySchema, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (req, reply) => reply.code(201).send(await addMember(deps, requireUser(req), req.params.id, req.body)),
  );
  app.post(
    `${base}/:id/members/:memberId/leave`,
    {
      schema: {
        tags,
        summary: '成员退出（保留历史）',
        params: BodyMemberParamsSchema,
        body: LeaveSchema,
        response: { 200: BodySchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (req) => endMembership(deps, requireUser(req), req.params.id, req.params.memberId, req.body),
  );
  app.post(
    `${base}/:id/shifts`,
    {
      schema: {
        tags,
        summary: '排班：某天某时段由哪些成员值班',
        params: IdParamsSchema,
        body: CreateShiftSchema,
        response: { 201: ShiftSchema, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (req, reply) => reply.code(201).send(await createShift(deps, requireUser(req), req.params.id, req.body)),
  );
  app.get(
    `${base}/shifts`,
    {
      schema: {
        tags,
        summary: '本村值班表（默认今天起 30 天）',
        querystring: ShiftQuerySchema,
        response: { 200: Type.Array(ShiftSchema), ...errors(400, 401, 403) },
      },
    },
    async (req) => listShifts(deps, requireUser(req), req.query),
  );
  app.get(
    `${base}/:id/work-cards.pdf`,
    { schema: { tags, summary: '成员工作证（PDF，含照片位和核验二维码）', params: IdParamsSchema } },
    async (req, reply) => {
      const body = await getBody(deps, requireUser(req), req.params.id);
      const url = `${req.protocol}://${req.host}${rosterPath(body.villageCode)}`;
      return sendPdf(reply, `${body.villageName}${body.name}工作证.pdf`, await workCardsPdf(body, url));
    },
  );
  app.get(
    '/api/v1/public/councils/villages/:code',
    {
      config: { rateLimit: { max: deps.config.anonymousRateLimitPerMinute, timeWindow: 60_000 } },
      schema: {
        tags: ['public'],
        security: [],
        summary: '本村一约四会和队伍名单（公开，姓名只显示姓氏）',
        params: VillageParamsSchema,
        response: { 200: PublicRosterSchema, ...errors(400, 404, 429) },
      },
    },
    async (req) => publicRoster(deps, req.params.code),
  );
};
