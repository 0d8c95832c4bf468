import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Deps } from '../../platform/deps.js';
import { anonymousReportLimit } from '../../platform/http/body-limit.js';
import { invalidField } from '../../platform/errors.js';
import { errors } from '../../platform/http/schemas.js';
import { markReplayed } from '../../platform/http/idempotency.js';
import { timingsOf } from '../../platform/http/server-timing.js';
import { submitRequest } from './intake-service.js';
import { publicInfo, publicPlace } from './public-info.js';
import { PublicInfoSchema, PublicPlaceQuerySchema, PublicPlaceSchema } from './public-schema.js';
import { trackPublic } from './query-service.js';
import { deliverLater, submitOptionsOf } from './routes.js';
import { CreatedRequestSchema, CreateRequestBodySchema, PublicOrderSchema, PublicTrackQuerySchema } from './schema.js';

/**
 * The resident's report. privacyAcknowledged says the resident ticked the personal-information
 * notice (PIPL art. 17): a report without it is refused (Open311 partners post to /open311, whose
 * key terms carry the notice; see docs/OPEN311.md). Optional in the schema so that a missing tick
 * and a false one get the same words from acknowledgePrivacy.
 */
const PublicRequestBodySchema = Type.Object(
  {
    ...Type.Omit(CreateRequestBodySchema, ['channel', 'answerNow', 'reportedAt']).properties,
    privacyAcknowledged: Type.Optional(Type.Boolean({ description: '已阅读并同意个人信息告知；必须为 true，否则 400' })),
  },
  { additionalProperties: false },
);

/** Refuses a report whose sender has not acknowledged the personal-information notice. */
function acknowledgePrivacy(acknowledged: boolean | undefined): void {
  if (acknowledged !== true) throw invalidField('privacyAcknowledged', '请先阅读并勾选同意个人信息告知');
}

/** The resident's form and tracking page: no account needed, rate limited per address. */
export const publicRequestRoutes: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (app, { deps }) => {
  const tags = ['public'];
  const rateLimit = { max: deps.config.anonymousRateLimitPerMinute, timeWindow: 60_000 };
  app.get(
    '/api/v1/public/info',
    { config: { rateLimit }, schema: { tags, summary: '县名、服务热线和个人信息告知要素（公开页面用）', security: [], response: { 200: PublicInfoSchema } } },
    async () => publicInfo(deps),
  );
  app.get(
    '/api/v1/public/place',
    {
      config: { rateLimit },
      schema: {
        tags,
        summary: '定位点所在的乡镇、村（社区）和网格名称；所填地址指向别处时一并给出',
        security: [],
        querystring: PublicPlaceQuerySchema,
        response: { 200: PublicPlaceSchema, ...errors(400, 429) },
      },
    },
    async (req) => publicPlace(deps, req.query),
  );
  // Without an account the photos are capped (ANONYMOUS_PHOTO_BYTES in all): four parallel 41 MB posts are refused unread.
  const reportLimit = anonymousReportLimit(deps.config);
  app.post(
    '/api/v1/public/requests',
    {
      bodyLimit: reportLimit,
      config: { rateLimit, anonymousBodyLimit: reportLimit, idempotencyInService: true },
      schema: {
        tags,
        summary: '群众提交诉求（无需登录，可匿名）',
        security: [],
        body: PublicRequestBodySchema,
        response: { 201: CreatedRequestSchema, ...errors(400, 409, 413, 429) },
      },
    },
    async (req, reply) => {
      const { privacyAcknowledged, ...body } = req.body;
      acknowledgePrivacy(privacyAcknowledged);
      const timings = timingsOf(req);
      const { replayed, ...created } = await submitRequest(deps, req.actor, body, { channel: 'web', asServer: true, ...submitOptionsOf(req), timings });
      if (replayed) markReplayed(reply);
      timings.timeSync('after', () => deliverLater(deps));
      return reply.code(201).send(created);
    },
  );
  app.get(
    '/api/v1/public/requests/:number',
    {
      config: { rateLimit },
      schema: {
        tags,
        summary: '按工单号和查询码查询办理进度（不含个人信息）',
        security: [],
        params: Type.Object({ number: Type.String({ pattern: '^[0-9]{6}-[0-9]{8}-[0-9]{5}$' }) }),
        querystring: PublicTrackQuerySchema,
        response: { 200: PublicOrderSchema, ...errors(400, 404, 429) },
      },
    },
    async (req) => trackPublic(deps, req.params.number, req.query.code),
  );
};
