import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { recordAudit } from '../../../platform/audit/service.js';
import type { Deps } from '../../../platform/deps.js';
import { AppError, fromPgError } from '../../../platform/errors.js';
import { redactUrl } from '../../../platform/http/redact.js';
import { validationError } from '../../../platform/http/validation.js';
import { markReplayed } from '../../../platform/http/idempotency.js';
import { timingsOf } from '../../../platform/http/server-timing.js';
import { deliverLater } from '../routes.js';
import { verifyApiKey, type Open311Client } from './keys-service.js';
import { CONTENT_TYPES, presentError, renderDocument, type Open311Document } from './presenter.js';
import {
  FormatParamsSchema,
  JurisdictionQuerySchema,
  PostRequestBodySchema,
  RequestParamsSchema,
  RequestQuerySchema,
  RequestsQuerySchema,
  ServiceParamsSchema,
  TokenParamsSchema,
  UpdatesQuerySchema,
  type Format,
} from './schema.js';
import { discovery, getRequest, getServiceDefinition, getToken, listServices, listUpdates, searchRequests, submitOpen311Request } from './service.js';

declare module 'fastify' {
  interface FastifyRequest {
    open311Client?: Open311Client;
  }
}

export const OPEN311_PREFIX = '/open311/v2';

/** The format the URL asks for; errors before the route matched (or a bad extension) get XML, the spec's required format. */
function formatOf(req: FastifyRequest): Format {
  return req.url.split('?')[0]!.endsWith('.json') ? 'json' : 'xml';
}

function send(reply: FastifyReply, format: Format, doc: Open311Document, status = 200): FastifyReply {
  return reply.code(status).type(CONTENT_TYPES[format]).send(renderDocument(format, doc));
}

/** Every failure as the spec's error list, with the platform's statuses (400, 403, 404, 409, 413, 422, 429). */
function toAppError(err: FastifyError): AppError {
  if (err instanceof AppError) return err;
  if (err.validation) return validationError(err.validation, err.validationContext ?? 'body');
  const pg = fromPgError(err);
  if (pg) return pg;
  if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return new AppError('PAYLOAD_TOO_LARGE', '请求内容过大');
  if (err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
    return new AppError('VALIDATION_FAILED', 'Content-Type: 请使用 application/x-www-form-urlencoded 或 application/json', { field: 'Content-Type' });
  }
  if (err.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || err.code === 'FST_ERR_CTP_EMPTY_JSON_BODY') {
    return new AppError('VALIDATION_FAILED', '(body): JSON 格式不正确', { field: '(body)' });
  }
  if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) return new AppError('VALIDATION_FAILED', '请求不正确');
  return new AppError('INTERNAL', '服务器内部错误，请稍后重试');
}

/** Form fields arrive as text; an empty one is treated as not sent (lat= would otherwise read as 0). */
function formBody(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of new URLSearchParams(text)) if (v !== '') out[k] = v;
  return out;
}

/** The API under its prefix (a prefix of its own gives it its own not-found handler). */
const open311Api: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (app, { deps }) => {
  const tags = ['open311'];
  const rateLimit = { max: deps.config.anonymousRateLimitPerMinute, timeWindow: 60_000 };

  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, text, done) => done(null, formBody(text as string)));

  app.setErrorHandler(async (err: FastifyError, req, reply) => {
    const appErr = toAppError(err);
    if (appErr.code === 'INTERNAL') req.log.error({ err }, 'unhandled error');
    if (appErr.code === 'FORBIDDEN') {
      await recordAudit(deps.db, deps.clock, req.actor, {
        action: 'access.denied',
        outcome: 'denied',
        details: { method: req.method, url: redactUrl(req.url).slice(0, 300), code: appErr.code, ...appErr.details },
      }).catch((e: unknown) => req.log.error({ err: e }, 'audit of refused access failed'));
    }
    return send(reply, formatOf(req), { kind: 'errors', items: presentError(appErr) }, appErr.status);
  });
  app.setNotFoundHandler(async (req) => {
    throw new AppError('NOT_FOUND', `没有这个 Open311 资源: ${req.method} ${req.url.split('?')[0]}`);
  });
  // The Idempotency-Key hook replays a stored answer as JSON; an XML route's answer is XML.
  app.addHook('onSend', async (req, reply, payload) => {
    if (reply.getHeader('idempotent-replayed')) reply.type(CONTENT_TYPES[formatOf(req)]);
    return payload;
  });

  app.get(
    '/discovery.:format',
    { config: { rateLimit }, schema: { tags, summary: 'Open311 服务发现', security: [], params: FormatParamsSchema } },
    async (req, reply) => send(reply, req.params.format, { kind: 'discovery', item: discovery(`${req.protocol}://${req.host}${OPEN311_PREFIX}`) }),
  );
  app.get(
    '/services.:format',
    {
      config: { rateLimit },
      schema: { tags, summary: 'Open311 服务列表（诉求小类）', security: [], params: FormatParamsSchema, querystring: JurisdictionQuerySchema },
    },
    async (req, reply) => send(reply, req.params.format, { kind: 'services', items: listServices() }),
  );
  app.get(
    '/services/:service_code.:format',
    { config: { rateLimit }, schema: { tags, summary: 'Open311 服务定义', security: [], params: ServiceParamsSchema, querystring: JurisdictionQuerySchema } },
    async (req, reply) => send(reply, req.params.format, { kind: 'service_definition', item: getServiceDefinition(req.params.service_code) }),
  );

  app.post(
    '/requests.:format',
    {
      // Limited per address too: every refused key is audited, and the audit log is not a sink for floods.
      config: { rateLimit, idempotencyInService: true },
      // The key is checked before the body is validated: without one, a caller learns nothing else.
      preValidation: async (req) => {
        req.open311Client = await verifyApiKey(deps, (req.body as Record<string, unknown> | undefined)?.api_key);
      },
      schema: {
        tags,
        summary: 'Open311 提交诉求（需要 api_key，可带 Idempotency-Key）',
        security: [],
        params: FormatParamsSchema,
        body: PostRequestBodySchema,
      },
    },
    async (req, reply) => {
      const timings = timingsOf(req);
      const { replayed, ...created } = await submitOpen311Request(deps, req.open311Client!, req.ip, req.body, req.idempotency, timings);
      if (replayed) markReplayed(reply);
      timings.timeSync('after', () => deliverLater(deps));
      return send(reply, req.params.format, { kind: 'requests', items: [created] });
    },
  );
  app.get(
    '/requests.:format',
    {
      config: { rateLimit },
      schema: {
        tags,
        summary: 'Open311 查询诉求（默认近 90 天；无 api_key 时位置、文字从简，每页最多 100 条，有则最多 1000 条）',
        security: [],
        params: FormatParamsSchema,
        querystring: RequestsQuerySchema,
      },
    },
    async (req, reply) => send(reply, req.params.format, { kind: 'requests', items: await searchRequests(deps, req.query) }),
  );
  app.get(
    '/requests/:service_request_id.:format',
    {
      config: { rateLimit },
      schema: {
        tags,
        summary: 'Open311 查询单个诉求（无 api_key 时位置、文字从简）',
        security: [],
        params: RequestParamsSchema,
        querystring: RequestQuerySchema,
      },
    },
    async (req, reply) =>
      send(reply, req.params.format, { kind: 'requests', items: [await getRequest(deps, req.params.service_request_id, req.query.api_key)] }),
  );
  app.get(
    '/tokens/:token.:format',
    {
      config: { rateLimit },
      schema: { tags, summary: 'Open311 按 token 查询工单号', security: [], params: TokenParamsSchema, querystring: JurisdictionQuerySchema },
    },
    async (req, reply) => send(reply, req.params.format, { kind: 'requests', items: [await getToken(deps, req.params.token)] }),
  );
  app.get(
    '/servicerequestupdates.:format',
    {
      config: { rateLimit },
      schema: { tags, summary: 'Open311 办理进展（servicerequestupdates 扩展）', security: [], params: FormatParamsSchema, querystring: UpdatesQuerySchema },
    },
    async (req, reply) => send(reply, req.params.format, { kind: 'updates', items: await listUpdates(deps, req.query) }),
  );
};

/**
 * Open311 GeoReport v2 at /open311/v2: discovery, services, requests (POST needs an api_key;
 * reads are public), tokens and the servicerequestupdates extension, each in .json or .xml.
 * Errors, a 404 for unknown paths included, come in the spec's shape and the requested format.
 */
export const open311Routes: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (app, { deps }) => {
  await app.register(open311Api, { deps, prefix: OPEN311_PREFIX });
};
