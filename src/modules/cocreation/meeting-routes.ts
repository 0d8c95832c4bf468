import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Deps } from '../../platform/deps.js';
import { requireUser } from '../../platform/http/auth.js';
import { errors, IdParamsSchema } from '../../platform/http/schemas.js';
import { sendPdf } from '../../platform/pdf.js';
import {
  AttendanceBodySchema,
  CreateMeetingBodySchema,
  HoldMeetingBodySchema,
  MeetingQuerySchema,
  MeetingSchema,
  MeetingSummarySchema,
  ResolutionBodySchema,
} from './meeting-schema.js';
import { addResolution, createMeeting, getMeeting, holdMeeting, meetingPdf, recordAttendance, searchMeetings } from './meeting-service.js';

/** Deliberation meetings (议事): schedule, take attendance, hold, record resolutions, print. */
export const meetingRoutes: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (app, { deps }) => {
  const tags = ['cocreation'];
  const base = '/api/v1/cocreation/meetings';
  const detail = { 200: MeetingSchema, ...errors(400, 401, 403, 404) };
  app.get(
    base,
    {
      schema: {
        tags,
        summary: '议事会议列表（本辖区，新近在前）',
        querystring: MeetingQuerySchema,
        response: { 200: Type.Array(MeetingSummarySchema), ...errors(400, 401, 403) },
      },
    },
    async (req) => searchMeetings(deps, requireUser(req), req.query),
  );
  app.post(
    base,
    {
      schema: {
        tags,
        summary: '安排议事会议：类型、时间、地点、议程（本村议题）、邀请（按户或按人）',
        body: CreateMeetingBodySchema,
        response: { 201: MeetingSchema, ...errors(400, 401, 403) },
      },
    },
    async (req, reply) => reply.code(201).send(await createMeeting(deps, requireUser(req), req.body)),
  );
  app.get(
    `${base}/:id`,
    { schema: { tags, summary: '会议详情：议程、参会名单与到会情况、法定人数、纪要、决议', params: IdParamsSchema, response: detail } },
    async (req) => getMeeting(deps, requireUser(req), req.params.id),
  );
  app.post(
    `${base}/:id/attendance`,
    {
      schema: {
        tags,
        summary: '登记到会情况（到会 / 委托代理 / 缺席），会议开始后、标记举行前',
        params: IdParamsSchema,
        body: AttendanceBodySchema,
        response: detail,
      },
    },
    async (req) => recordAttendance(deps, requireUser(req), req.params.id, req.body),
  );
  app.post(
    `${base}/:id/hold`,
    {
      schema: {
        tags,
        summary: '标记会议已举行：保存纪要与是否达到法定人数，可同时形成决议（须达到法定人数）',
        params: IdParamsSchema,
        body: HoldMeetingBodySchema,
        response: detail,
      },
    },
    async (req) => holdMeeting(deps, requireUser(req), req.params.id, req.body),
  );
  app.post(
    `${base}/:id/resolutions`,
    {
      schema: {
        tags,
        summary: '补记决议（仅限已举行且达到法定人数的会议；决议按序编号，不可修改）',
        params: IdParamsSchema,
        body: ResolutionBodySchema,
        response: { 201: MeetingSchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (req, reply) => reply.code(201).send(await addResolution(deps, requireUser(req), req.params.id, req.body)),
  );
  app.get(`${base}/:id/sign-in.pdf`, { schema: { tags, summary: '打印签到表（参会名单，留空签名栏）', params: IdParamsSchema } }, async (req, reply) => {
    const { name, file } = await meetingPdf(deps, requireUser(req), req.params.id, 'sign-in');
    return sendPdf(reply, name, file);
  });
  app.get(
    `${base}/:id/minutes.pdf`,
    { schema: { tags, summary: '会议纪要 PDF（到会统计、法定人数、纪要、决议）', params: IdParamsSchema } },
    async (req, reply) => {
      const { name, file } = await meetingPdf(deps, requireUser(req), req.params.id, 'minutes');
      return sendPdf(reply, name, file);
    },
  );
};
