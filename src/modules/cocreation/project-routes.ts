import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Deps } from '../../platform/deps.js';

/** Placeholder: filled in by the projects part of co-creation. */
export const projectRoutes: FastifyPluginAsyncTypebox<{ deps: Deps }> = async () => {};
