import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Deps } from '../../platform/deps.js';
import { AppError } from '../../platform/errors.js';
import { errors } from '../../platform/http/schemas.js';
import { PASS_HEADER, readResidentPass, type ResidentPass } from '../cocreation/index.js';
import { publicCompacts } from './adoption-service.js';
import { PublicCompactSchema, ResidentCompactSchema, ResidentObjectionBodySchema, ResidentOpinionBodySchema } from './compact-schema.js';
import { addResidentObjection, addResidentOpinion, confirmRead, residentCompacts } from './voice-service.js';

const VillageParams = Type.Object({ code: Type.String({ pattern: '^[0-9]{6,15}$' }) });
const VillageIdParams = Type.Object({ code: Type.String({ pattern: '^[0-9]{6,15}$' }), id: Type.String({ format: 'uuid' }) });

/**
 * The village notice board (no login: the compacts in force, nobody's name) and the resident's
 * phone page with the co-creation pass (header `x-resident-pass`): read the draft, comment on an
 * article, object during the notice, confirm having read the compact in force.
 */
export const compactPublicRoutes: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (app, { deps }) => {
  const tags = ['public'];
  const rateLimit = { max: deps.config.anonymousRateLimitPerMinute, timeWindow: 60_000 };
  const base = '/api/v1/public/compacts/villages/:code';
  const passFor = (headers: Record<string, string | string[] | undefined>, villageCode: string): ResidentPass => {
    const v = headers[PASS_HEADER];
    const pass = readResidentPass(deps, Array.isArray(v) ? v[0] : v);
    if (pass.villageCode !== villageCode) throw new AppError('UNAUTHENTICATED', '身份凭证不是本村（社区）的，请重新核验', { field: 'pass' });
    return pass;
  };
  const mine = { 200: ResidentCompactSchema, ...errors(400, 401, 404) };

  app.get(
    base,
    {
      config: { rateLimit },
      schema: {
        tags,
        summary: '本村（社区）现行的村规民约（公开栏）',
        params: VillageParams,
        response: { 200: Type.Array(PublicCompactSchema), ...errors(404) },
      },
    },
    async (req) => publicCompacts(deps, req.params.code),
  );
  app.get(
    `${base}/mine`,
    {
      config: { rateLimit },
      schema: {
        tags,
        summary: '居民：正在征求意见、公示、表决和现行的村规民约',
        params: VillageParams,
        response: { 200: Type.Array(ResidentCompactSchema), ...errors(401) },
      },
    },
    async (req) => residentCompacts(deps, passFor(req.headers, req.params.code)),
  );
  app.post(
    `${base}/compacts/:id/opinions`,
    {
      config: { rateLimit },
      schema: { tags, summary: '居民：对某一条（或整体）提意见', params: VillageIdParams, body: ResidentOpinionBodySchema, response: mine },
    },
    async (req) => addResidentOpinion(deps, passFor(req.headers, req.params.code), req.ip, req.params.id, req.body),
  );
  app.post(
    `${base}/compacts/:id/objections`,
    { config: { rateLimit }, schema: { tags, summary: '居民：公示期内提出异议', params: VillageIdParams, body: ResidentObjectionBodySchema, response: mine } },
    async (req) => addResidentObjection(deps, passFor(req.headers, req.params.code), req.ip, req.params.id, req.body),
  );
  app.post(
    `${base}/compacts/:id/read`,
    { config: { rateLimit }, schema: { tags, summary: '居民：确认本户已阅知', params: VillageIdParams, response: mine } },
    async (req) => confirmRead(deps, passFor(req.headers, req.params.code), req.ip, req.params.id),
  );
};
