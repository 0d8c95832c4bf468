import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Deps } from '../../platform/deps.js';
import { compactWorkflowRoutes } from './compact-routes.js';
import { legalityRoutes } from './legality-routes.js';
import { compactPublicRoutes } from './public-routes.js';

/** Village compacts (村规民约): the nine-step workflow, the legality check, the notice board and the residents' page. */
export const compactsRoutes: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (app, { deps }) => {
  await app.register(legalityRoutes, { deps });
  await app.register(compactWorkflowRoutes, { deps });
  await app.register(compactPublicRoutes, { deps });
};
