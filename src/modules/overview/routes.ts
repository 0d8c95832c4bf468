import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Deps } from '../../platform/deps.js';
import { requireUser } from '../../platform/http/auth.js';
import { errors } from '../../platform/http/schemas.js';
import { sendXlsx } from '../../platform/spreadsheet.js';
import { measuresWorkbook } from './export-service.js';
import { MeasureDefSchema, MeasureValuesQuerySchema, MeasureValuesSchema } from './schema.js';
import { listMeasures, measureValues } from './service.js';

export const overviewRoutes: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (app, { deps }) => {
  const tags = ['overview'];
  app.get(
    '/api/v1/measures',
    { schema: { tags, summary: '指标目录（名称、口径、单位）', response: { 200: Type.Array(MeasureDefSchema), ...errors(401, 403) } } },
    async (req) => listMeasures(requireUser(req)),
  );
  app.get(
    '/api/v1/measures/values',
    {
      schema: {
        tags,
        summary: '指标数值（本区划，或按下级区划分列）',
        querystring: MeasureValuesQuerySchema,
        response: { 200: MeasureValuesSchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (req) => measureValues(deps, requireUser(req), req.query),
  );
  app.get(
    '/api/v1/measures/values.xlsx',
    {
      schema: {
        tags,
        summary: '导出指标数值为 Excel（第二张表为分子分母，第三张为口径与查询）',
        querystring: MeasureValuesQuerySchema,
        response: errors(400, 401, 403, 404),
      },
    },
    async (req, reply) => {
      const { name, file } = await measuresWorkbook(deps, requireUser(req), req.query);
      return sendXlsx(reply, name, file);
    },
  );
};
