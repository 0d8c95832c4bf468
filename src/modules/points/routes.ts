import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Deps } from '../../platform/deps.js';
import { pointsStaffRoutes } from './points-routes.js';
import { pointsPublicRoutes } from './public-routes.js';
import { timebankStaffRoutes } from './timebank-routes.js';

/** Points, the points shop and the time bank: staff routes and the resident's phone routes. */
export const pointsRoutes: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (app, { deps }) => {
  await app.register(pointsStaffRoutes, { deps });
  await app.register(timebankStaffRoutes, { deps });
  await app.register(pointsPublicRoutes, { deps });
};
