import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Deps } from '../../platform/deps.js';
import { requireUser } from '../../platform/http/auth.js';
import { errors } from '../../platform/http/schemas.js';
import { sendPdf } from '../../platform/pdf.js';
import { sendXlsx } from '../../platform/spreadsheet.js';
import { measuresWorkbook } from './export-service.js';
import { listStoredReports, monthlyReportFile } from './report-archive.js';
import { MonthlyReportQuerySchema, StoredReportPageSchema, StoredReportQuerySchema } from './report-schema.js';
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
  app.get(
    '/api/v1/overview/reports/monthly',
    {
      schema: {
        tags,
        summary: '月度社会治理报告（县或乡镇，按月，PDF 或 Excel；现场生成，不保存）',
        querystring: MonthlyReportQuerySchema,
        response: errors(400, 401, 403),
      },
    },
    async (req, reply) => {
      const { name, file } = await monthlyReportFile(deps, requireUser(req), req.query);
      return req.query.format === 'xlsx' ? sendXlsx(reply, name, file) : sendPdf(reply, name, file);
    },
  );
  app.get(
    '/api/v1/overview/reports',
    {
      schema: {
        tags,
        summary: '已存档的月度报告（每月第一个工作日自动生成），按月份倒序，附下载链接',
        querystring: StoredReportQuerySchema,
        response: { 200: StoredReportPageSchema, ...errors(400, 401, 403) },
      },
    },
    async (req) => listStoredReports(deps, requireUser(req), req.query),
  );
};
