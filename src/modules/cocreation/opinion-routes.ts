import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Deps } from '../../platform/deps.js';

/** Placeholder: filled in by the opinions part of co-creation. */
export const opinionRoutes: FastifyPluginAsyncTypebox<{ deps: Deps }> = async () => {};
