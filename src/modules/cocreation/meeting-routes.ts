import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Deps } from '../../platform/deps.js';

/** Placeholder: filled in by the meetings part of co-creation. */
export const meetingRoutes: FastifyPluginAsyncTypebox<{ deps: Deps }> = async () => {};
