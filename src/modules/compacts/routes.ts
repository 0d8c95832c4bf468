import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Deps } from '../../platform/deps.js';
import { legalityRoutes } from './legality-routes.js';

/** Village compacts (村规民约). So far the legality check; the 9-step workflow follows. */
export const compactsRoutes: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (app, { deps }) => {
  await app.register(legalityRoutes, { deps });
};
