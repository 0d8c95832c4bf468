import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyInstance } from 'fastify';
import { authRoutes, userRoutes } from '../accounts/routes.js';
import { auditRoutes } from '../audit/routes.js';
import { calendarRoutes } from '../calendar/routes.js';
import { fileRoutes } from '../files/index.js';
import type { Deps } from '../deps.js';
import { AppError } from '../errors.js';
import { disputeRoutes } from '../../modules/disputes/routes.js';
import { partyRoutes } from '../../modules/party/routes.js';
import { stewardshipRoutes } from '../../modules/party/stewardship-routes.js';
import { buildingRoutes } from '../../modules/people/building-routes.js';
import { importRoutes } from '../../modules/people/import-routes.js';
import { peopleRoutes } from '../../modules/people/routes.js';
import { gridRoutes } from '../../modules/regions/grid-routes.js';
import { regionRoutes } from '../../modules/regions/routes.js';
import { dutyRoutes } from '../../modules/duties/routes.js';
import { cocreationRoutes } from '../../modules/cocreation/index.js';
import { mapRoutes, overviewRoutes } from '../../modules/overview/index.js';
import { pointsRoutes } from '../../modules/points/index.js';
import { councilsRoutes } from '../../modules/councils/index.js';
import { boardsRoutes } from '../../modules/boards/index.js';
import { compactsRoutes } from '../../modules/compacts/index.js';
import { open311Routes } from '../../modules/requests/open311/routes.js';
import { publicRequestRoutes } from '../../modules/requests/public-routes.js';
import { requestRoutes } from '../../modules/requests/routes.js';
import { registerAuth } from './auth.js';
import { registerAnonymousBodyLimit } from './body-limit.js';
import { registerControlCharCheck } from './control-chars.js';
import { registerCsrf } from './csrf.js';
import { registerErrorHandler } from './errors.js';
import { registerIdempotency } from './idempotency.js';
import { redactUrl } from './redact.js';
import { registerSecurityHeaders } from './security-headers.js';
import { lazySerializers, lazyValidators } from './lazy-schemas.js';
import { registerServerTiming } from './server-timing.js';

export const WEB_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../web');
/** The built web app; GONGZHI_WEB_DIST moves it (two checkouts' browser tests side by side). */
export const WEB_DIST = process.env.GONGZHI_WEB_DIST ? path.resolve(process.env.GONGZHI_WEB_DIST) : path.join(WEB_DIR, 'dist');

/** Builds the HTTP server: API under /api, OpenAPI at /api/docs, the web app everywhere else. */
export async function buildApp(deps: Deps, opts: { logger?: boolean } = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: opts.logger
      ? { level: deps.config.logLevel, serializers: { req: (req) => ({ method: req.method, url: redactUrl(req.url), remoteAddress: req.ip }) } }
      : false,
    bodyLimit: deps.config.bodyLimitBytes,
    trustProxy: deps.config.trustProxy,
    ajv: { customOptions: { allErrors: true, removeAdditional: false, coerceTypes: 'array', useDefaults: true } },
    // Each route's schemas compile on its first request, not all at start (lazy-schemas.ts).
    schemaController: { compilersFactory: { buildValidator: lazyValidators(), buildSerializer: lazySerializers() } },
  }).withTypeProvider<TypeBoxTypeProvider>();

  await app.register(cookie);
  await registerSecurityHeaders(app, deps.config);
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_req, ctx) =>
      new AppError('RATE_LIMITED', `请求过于频繁，请 ${Math.ceil(ctx.ttl / 1000)} 秒后再试`, { retryAfterSeconds: Math.ceil(ctx.ttl / 1000) }),
  });
  await app.register(swagger, {
    openapi: {
      info: {
        title: '共治 Gongzhi API',
        version: '1',
        description: '党建引领基层治理平台接口。所有错误为 { error: { code, message, details } }。每个 POST 可带 Idempotency-Key。',
      },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'gz_session' } } },
      security: [{ session: [] }],
    },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  registerErrorHandler(app, deps);
  registerAuth(app, deps);
  registerCsrf(app, deps.config);
  registerAnonymousBodyLimit(app, deps.config);
  registerControlCharCheck(app);
  registerIdempotency(app, deps.db, deps.clock);
  registerServerTiming(app);

  app.get('/api/v1/health', { schema: { tags: ['system'], summary: '健康检查' } }, async () => ({ status: 'ok' }));
  await app.register(authRoutes, { deps });
  await app.register(userRoutes, { deps });
  await app.register(auditRoutes, { deps });
  await app.register(calendarRoutes, { deps });
  await app.register(fileRoutes, { deps });
  await app.register(regionRoutes, { deps });
  await app.register(gridRoutes, { deps });
  await app.register(peopleRoutes, { deps });
  await app.register(importRoutes, { deps });
  await app.register(buildingRoutes, { deps });
  await app.register(partyRoutes, { deps });
  await app.register(stewardshipRoutes, { deps });
  await app.register(requestRoutes, { deps });
  await app.register(publicRequestRoutes, { deps });
  await app.register(open311Routes, { deps });
  await app.register(disputeRoutes, { deps });
  await app.register(overviewRoutes, { deps });
  await app.register(mapRoutes, { deps });
  await app.register(dutyRoutes, { deps });
  await app.register(cocreationRoutes, { deps });
  await app.register(pointsRoutes, { deps });
  await app.register(councilsRoutes, { deps });
  await app.register(boardsRoutes, { deps });
  await app.register(compactsRoutes, { deps });

  const hasWeb = fs.existsSync(path.join(WEB_DIST, 'index.html'));
  if (hasWeb) await app.register(fastifyStatic, { root: WEB_DIST, wildcard: false, index: false });
  app.setNotFoundHandler(async (req, reply) => {
    if (req.url.startsWith('/api/') || req.method !== 'GET' || !hasWeb) {
      throw new AppError('NOT_FOUND', `接口不存在: ${req.method} ${req.url.split('?')[0]}`);
    }
    // Client-side routes: the web app decides what /regions/522631 means (and shows its own 404).
    return reply.type('text/html; charset=utf-8').sendFile('index.html');
  });
  return app;
}
