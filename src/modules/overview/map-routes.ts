import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Deps } from '../../platform/deps.js';
import { requireUser } from '../../platform/http/auth.js';
import { errors } from '../../platform/http/schemas.js';
import { MapOutlinesQuerySchema, MapOutlinesSchema } from './map-schema.js';
import { regionOutlines } from './map-service.js';

/** The command map's outlines: a region's children as GeoJSON, thinned, within the actor's scope. */
export const mapRoutes: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (app, { deps }) => {
  app.get(
    '/api/v1/overview/outlines',
    {
      schema: {
        tags: ['overview'],
        summary: '一图全览：下级区划（或网格）轮廓 GeoJSON',
        querystring: MapOutlinesQuerySchema,
        response: { 200: MapOutlinesSchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (req) => regionOutlines(deps, requireUser(req), req.query),
  );
};
