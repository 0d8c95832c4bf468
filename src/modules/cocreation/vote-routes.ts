import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Deps } from '../../platform/deps.js';

/** Placeholder: filled in by the votes part of co-creation. */
export const voteRoutes: FastifyPluginAsyncTypebox<{ deps: Deps }> = async () => {};
