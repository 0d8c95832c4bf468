import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Deps } from '../../platform/deps.js';
import { requireUser } from '../../platform/http/auth.js';
import { errors, IdParamsSchema } from '../../platform/http/schemas.js';
import {
  CreateServiceBodySchema,
  HoursRecordSchema,
  HoursStatementQuerySchema,
  HoursStatementSchema,
  LogHoursBodySchema,
  MemberHoursSchema,
  PoolSchema,
  RegisterVolunteerBodySchema,
  ServiceQuerySchema,
  ServiceSchema,
  TransferBodySchema,
  TransferSchema,
  VolunteerDetailSchema,
  VolunteerQuerySchema,
  VolunteerSchema,
} from './timebank-schema.js';
import {
  closeService,
  confirmHoursAsCadre,
  createService,
  getVolunteer,
  listServices,
  listVolunteers,
  logHours,
  partyMemberHours,
  registerVolunteer,
  transferHours,
  villagePool,
} from './timebank-service.js';
import { volunteerStatement } from './volunteer-statement-service.js';

/** The volunteer time bank (时间银行) for cadres and staff. */
export const timebankStaffRoutes: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (app, { deps }) => {
  const tags = ['timebank'];
  const base = '/api/v1/timebank';
  app.get(
    `${base}/volunteers`,
    {
      schema: {
        tags,
        summary: '本村志愿者及时长余额',
        querystring: VolunteerQuerySchema,
        response: { 200: Type.Array(VolunteerSchema), ...errors(400, 401, 403) },
      },
    },
    async (req) => listVolunteers(deps, requireUser(req), req.query.villageCode),
  );
  app.post(
    `${base}/volunteers`,
    {
      schema: {
        tags,
        summary: '登记志愿者（须为登记人口）',
        body: RegisterVolunteerBodySchema,
        response: { 201: VolunteerSchema, ...errors(400, 401, 403, 409) },
      },
    },
    async (req, reply) => reply.code(201).send(await registerVolunteer(deps, requireUser(req), req.body)),
  );
  app.get(
    `${base}/volunteers/:id`,
    {
      schema: {
        tags,
        summary: '志愿者详情：时长余额、服务记录；是党员时注明所在党组织',
        params: IdParamsSchema,
        response: { 200: VolunteerDetailSchema, ...errors(401, 403, 404) },
      },
    },
    async (req) => getVolunteer(deps, requireUser(req), req.params.id),
  );
  app.get(
    `${base}/volunteers/:id/statement`,
    {
      schema: {
        tags,
        summary: '志愿者时长月结单：月初、服务、使用、捐赠、受赠、月末',
        params: IdParamsSchema,
        querystring: HoursStatementQuerySchema,
        response: { 200: HoursStatementSchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (req) => volunteerStatement(deps, requireUser(req), req.params.id, req.query.month),
  );
  app.get(
    `${base}/services`,
    {
      schema: {
        tags,
        summary: '服务供给与需求（陪护、助老、接送、代购…）',
        querystring: ServiceQuerySchema,
        response: { 200: Type.Array(ServiceSchema), ...errors(400, 401, 403) },
      },
    },
    async (req) => listServices(deps, requireUser(req), req.query),
  );
  app.post(
    `${base}/services`,
    {
      schema: {
        tags,
        summary: '发布服务供给（志愿者）或需求（居民）',
        body: CreateServiceBodySchema,
        response: { 201: ServiceSchema, ...errors(400, 401, 403) },
      },
    },
    async (req, reply) => reply.code(201).send(await createService(deps, requireUser(req), req.body)),
  );
  app.post(
    `${base}/services/:id/close`,
    { schema: { tags, summary: '关闭服务供给或需求', params: IdParamsSchema, response: { 200: ServiceSchema, ...errors(401, 403, 404) } } },
    async (req) => closeService(deps, requireUser(req), req.params.id),
  );
  app.post(
    `${base}/hours`,
    {
      schema: {
        tags,
        summary: '登记志愿服务时长（待接受服务的居民确认）',
        body: LogHoursBodySchema,
        response: { 201: HoursRecordSchema, ...errors(400, 401, 403) },
      },
    },
    async (req, reply) => reply.code(201).send(await logHours(deps, requireUser(req), req.body)),
  );
  app.post(
    `${base}/hours/:id/confirm`,
    {
      schema: { tags, summary: '村干部代接受服务的居民确认时长', params: IdParamsSchema, response: { 200: HoursRecordSchema, ...errors(401, 403, 404, 409) } },
    },
    async (req) => confirmHoursAsCadre(deps, requireUser(req), req.params.id),
  );
  app.post(
    `${base}/spend`,
    {
      schema: {
        tags,
        summary: '使用时长（志愿者本人或村公共时长池）',
        body: TransferBodySchema,
        response: { 201: TransferSchema, ...errors(400, 401, 403, 409) },
      },
    },
    async (req, reply) => reply.code(201).send(await transferHours(deps, requireUser(req), 'spend', req.body)),
  );
  app.post(
    `${base}/donate`,
    {
      schema: {
        tags,
        summary: '捐赠时长给其他志愿者或村公共时长池',
        body: TransferBodySchema,
        response: { 201: TransferSchema, ...errors(400, 401, 403, 409) },
      },
    },
    async (req, reply) => reply.code(201).send(await transferHours(deps, requireUser(req), 'donate', req.body)),
  );
  app.get(
    `${base}/pool`,
    { schema: { tags, summary: '村（社区）公共时长池', querystring: VolunteerQuerySchema, response: { 200: PoolSchema, ...errors(400, 401, 403) } } },
    async (req) => villagePool(deps, requireUser(req), req.query.villageCode),
  );
  app.get(
    `${base}/party-members/:id`,
    { schema: { tags, summary: '党员在时间银行确认的服务时长', params: IdParamsSchema, response: { 200: MemberHoursSchema, ...errors(401, 403, 404) } } },
    async (req) => partyMemberHours(deps, requireUser(req), req.params.id),
  );
};
