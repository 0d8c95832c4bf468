import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Deps } from '../../platform/deps.js';
import { requireUser } from '../../platform/http/auth.js';
import { errors, IdParamsSchema } from '../../platform/http/schemas.js';
import {
  CreateLegalityRuleBodySchema,
  LegalityCheckBodySchema,
  LegalityCheckResultSchema,
  LegalityRuleQuerySchema,
  LegalityRuleSchema,
  UpdateLegalityRuleBodySchema,
} from './legality-schema.js';
import { checkLegality, createLegalityRule, listLegalityRules, updateLegalityRule } from './legality-service.js';

/** The legality check of village compacts (合法性审查): the county's rule list and the check. */
export const legalityRoutes: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (app, { deps }) => {
  const tags = ['compacts'];
  const base = '/api/v1/compacts';
  app.get(
    `${base}/legality-rules`,
    {
      schema: {
        tags,
        summary: '村规民约合法性审查规则（全县统一，县级维护）',
        querystring: LegalityRuleQuerySchema,
        response: { 200: Type.Array(LegalityRuleSchema), ...errors(400, 401, 403) },
      },
    },
    async (req) => listLegalityRules(deps, requireUser(req), req.query),
  );
  app.post(
    `${base}/legality-rules`,
    {
      schema: {
        tags,
        summary: '新增合法性审查规则（县级）',
        body: CreateLegalityRuleBodySchema,
        response: { 201: LegalityRuleSchema, ...errors(400, 401, 403, 409) },
      },
    },
    async (req, reply) => reply.code(201).send(await createLegalityRule(deps, requireUser(req), req.body)),
  );
  app.patch(
    `${base}/legality-rules/:id`,
    {
      schema: {
        tags,
        summary: '修改或停用合法性审查规则（县级）',
        params: IdParamsSchema,
        body: UpdateLegalityRuleBodySchema,
        response: { 200: LegalityRuleSchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (req) => updateLegalityRule(deps, requireUser(req), req.params.id, req.body),
  );
  app.post(
    `${base}/legality-check`,
    {
      schema: {
        tags,
        summary: '合法性审查：逐条检查村规民约条款，提示罚款、没收、拘留、剥夺法定权利等内容',
        body: LegalityCheckBodySchema,
        response: { 200: LegalityCheckResultSchema, ...errors(400, 401, 403) },
      },
    },
    async (req) => checkLegality(deps, requireUser(req), req.body),
  );
};
