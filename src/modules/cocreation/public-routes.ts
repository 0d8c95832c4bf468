import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Deps } from '../../platform/deps.js';

/** Placeholder: the village's public disclosure page (三公开). */
export const publicCocreationRoutes: FastifyPluginAsyncTypebox<{ deps: Deps }> = async () => {};
