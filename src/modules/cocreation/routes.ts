import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Deps } from '../../platform/deps.js';
import { errors } from '../../platform/http/schemas.js';
import { meetingRoutes } from './meeting-routes.js';
import { opinionRoutes } from './opinion-routes.js';
import { PassBodySchema, PassSchema } from './pass-schema.js';
import { projectRoutes } from './project-routes.js';
import { publicCocreationRoutes } from './public-routes.js';
import { issueResidentPass } from './resident-pass.js';
import { voteRoutes } from './vote-routes.js';

/** Co-creation (共同缔造): each part registers its own routes; the resident's pass lives here. */
export const cocreationRoutes: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (app, { deps }) => {
  const rateLimit = { max: deps.config.anonymousRateLimitPerMinute, timeWindow: 60_000 };
  app.post(
    '/api/v1/public/cocreation/pass',
    {
      config: { rateLimit },
      schema: {
        tags: ['public'],
        summary: '居民核验身份（姓名 + 身份证号，须为本村登记人口），取得两小时有效的参与凭证',
        security: [],
        body: PassBodySchema,
        response: { 200: PassSchema, ...errors(400, 429) },
      },
    },
    async (req) => {
      const { token, pass, villageName } = await issueResidentPass(deps, req.body);
      return { token, name: pass.name, villageCode: pass.villageCode, villageName, adult: pass.adult, isHead: pass.isHead, expiresAt: pass.expiresAt };
    },
  );
  await app.register(opinionRoutes, { deps });
  await app.register(meetingRoutes, { deps });
  await app.register(voteRoutes, { deps });
  await app.register(projectRoutes, { deps });
  await app.register(publicCocreationRoutes, { deps });
};
