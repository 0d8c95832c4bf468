import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { sendXlsx, XLSX_TYPE } from '../../platform/spreadsheet.js';
import { sendPdf } from '../../platform/pdf.js';
import { Type } from 'typebox';
import type { Deps } from '../../platform/deps.js';
import { requireUser } from '../../platform/http/auth.js';
import { errors, IdParamsSchema } from '../../platform/http/schemas.js';
import { exportWorkItems } from './work-item-export.js';
import {
  AssessmentRoundListSchema,
  AssessmentRoundSchema,
  AssessmentSetSchema,
  CreateAssessmentSetBodySchema,
  RunAssessmentBodySchema,
} from './assessment-schema.js';
import { createAssessmentSet, getAssessmentRound, runAssessment, searchAssessmentRounds, searchAssessmentSets } from './assessment-service.js';
import {
  AnswerFormalismBodySchema,
  CreateTaskListBodySchema,
  FormalismReportBodySchema,
  FormalismReportSchema,
  TaskListSchema,
  TaskReportBodySchema,
  TaskReportSchema,
} from './task-schema.js';
import { TASK_REPORT_BODY_LIMIT } from './task-files.js';
import {
  answerFormalism,
  createTaskList,
  exportLedger,
  exportLedgerPdf,
  reportTask,
  searchFormalismReports,
  searchTaskLists,
  submitFormalismReport,
} from './task-service.js';
import { DesignateWatchPointBodySchema, WatchPointQuerySchema, WatchPointSchema } from './watch-schema.js';
import { designateWatchPoint, removeWatchPointById, searchWatchPoints } from './watch-service.js';
import { CreateNoticeBodySchema, DashboardQuerySchema, DashboardSchema, NoticeQuerySchema, NoticeSchema, NoticeStatsSchema } from './notice-schema.js';
import { recordNotice, searchNotices, searchNoticeStats } from './notice-service.js';
import { burdenDashboard } from './dashboard-service.js';
import { BurdenCountsSchema, BurdenEntrySchema, BurdenQuerySchema, CreateBurdenBodySchema, UpdateBurdenBodySchema } from './register-schema.js';
import { burdenCounts, registerBurden, searchBurdens, updateBurdenEntry } from './register-service.js';
import { accessStats, answerDataRequest, decideWorkItem, getWorkItem, searchWorkItems, sendWorkItems } from './access-service.js';
import { checkCertificateFor, createCertificateRule, recordCertificateAnswer, searchCertificateRules } from './certificate-service.js';
import { createDutyItem, decideDutyItem, exportDutyItems, retireDutyItem, searchDutyItems } from './list-service.js';
import { DutyImportResultSchema, IMPORT_BODY_LIMIT, importDutyItems } from './list-import.js';
import { createReportTemplate, exportReport, generateReport, getReport, searchReports, searchReportTemplates } from './report-service.js';
import {
  AccessStatsQuerySchema,
  AccessStatsSchema,
  AnswerBodySchema,
  CertificateAnswerBodySchema,
  CertificateCheckSchema,
  CertificateRuleSchema,
  CreateCertificateRuleBodySchema,
  CreateDutyItemBodySchema,
  CreateReportTemplateBodySchema,
  DecideBodySchema,
  DutyItemQuerySchema,
  DutyItemSchema,
  GenerateReportBodySchema,
  ReportListSchema,
  ReportSchema,
  ReportTemplateSchema,
  RetireBodySchema,
  SendResultSchema,
  SendWorkItemBodySchema,
  WorkItemPageSchema,
  WorkItemQuerySchema,
  WorkItemSchema,
} from './schema.js';

export const dutyRoutes: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (app, { deps }) => {
  const tags = ['duties'];
  app.get(
    '/api/v1/duties/items',
    {
      schema: {
        tags,
        summary: '权责清单（县级模板及本级调整）',
        querystring: DutyItemQuerySchema,
        response: { 200: Type.Array(DutyItemSchema), ...errors(400, 401, 403) },
      },
    },
    async (req) => searchDutyItems(deps, requireUser(req), req.query),
  );
  app.get(
    '/api/v1/duties/items.xlsx',
    { schema: { tags, summary: '导出权责清单为 Excel（每个清单一张表）', querystring: DutyItemQuerySchema } },
    async (req, reply) => sendXlsx(reply, '权责清单.xlsx', await exportDutyItems(deps, requireUser(req), req.query)),
  );
  app.post(
    '/api/v1/duties/items',
    {
      schema: {
        tags,
        summary: '新增清单事项（县级直接生效；乡镇、村为调整申请）',
        body: CreateDutyItemBodySchema,
        response: { 201: DutyItemSchema, ...errors(400, 401, 403, 409) },
      },
    },
    async (req, reply) => reply.code(201).send(await createDutyItem(deps, requireUser(req), req.body)),
  );
  // 导入权责清单: the body is the .xlsx file itself, laid out as items.xlsx exports it (list-import.ts).
  app.addContentTypeParser(XLSX_TYPE, { parseAs: 'buffer', bodyLimit: IMPORT_BODY_LIMIT }, (_req, body, done) => done(null, body));
  app.post(
    '/api/v1/duties/items/import',
    {
      bodyLimit: IMPORT_BODY_LIMIT,
      schema: {
        tags,
        summary: '从 Excel 导入清单事项（请求体为 .xlsx 文件本身；逐行校验，有误则不导入；县级直接生效，乡镇、村为调整申请）',
        response: { 200: DutyImportResultSchema, ...errors(400, 401, 403, 409, 413) },
      },
    },
    async (req) => importDutyItems(deps, requireUser(req), Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0)),
  );
  app.post(
    '/api/v1/duties/items/:id/decide',
    {
      schema: {
        tags,
        summary: '县级审批清单调整',
        params: IdParamsSchema,
        body: DecideBodySchema,
        response: { 200: DutyItemSchema, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (req) => decideDutyItem(deps, requireUser(req), req.params.id, req.body),
  );
  app.post(
    '/api/v1/duties/items/:id/retire',
    {
      schema: {
        tags,
        summary: '停用清单事项（保留记录）',
        params: IdParamsSchema,
        body: RetireBodySchema,
        response: { 200: DutyItemSchema, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (req) => retireDutyItem(deps, requireUser(req), req.params.id, req.body),
  );

  app.post(
    '/api/v1/work-items',
    {
      schema: {
        tags,
        summary: '向村（社区）派发事项：按清单准入审查，逐村下达、拒收或报县级审批',
        body: SendWorkItemBodySchema,
        response: { 201: SendResultSchema, ...errors(400, 401, 403) },
      },
    },
    async (req, reply) => reply.code(201).send(await sendWorkItems(deps, requireUser(req), req.body)),
  );
  app.get(
    '/api/v1/work-items',
    {
      schema: {
        tags,
        summary: '事项：已发送、收到的、替村拒收的、待县级审批的',
        querystring: WorkItemQuerySchema,
        response: { 200: WorkItemPageSchema, ...errors(400, 401, 403) },
      },
    },
    async (req) => searchWorkItems(deps, requireUser(req), req.query),
  );
  app.get(
    '/api/v1/work-items.xlsx',
    {
      schema: {
        tags,
        summary: '导出一类事项为 Excel（与列表同样的分类和范围；第二张表为说明；最多 50,000 行）',
        querystring: Type.Omit(WorkItemQuerySchema, ['after', 'pageSize']),
        response: errors(400, 401, 403),
      },
    },
    async (req, reply) => {
      const { name, file } = await exportWorkItems(deps, requireUser(req), req.query.box);
      return sendXlsx(reply, name, file);
    },
  );
  app.get(
    '/api/v1/work-items/stats',
    {
      schema: {
        tags,
        summary: '事项准入统计（按派发单位和月份）',
        querystring: AccessStatsQuerySchema,
        response: { 200: AccessStatsSchema, ...errors(400, 401, 403) },
      },
    },
    async (req) => accessStats(deps, requireUser(req), req.query),
  );
  app.get(
    '/api/v1/work-items/:id',
    { schema: { tags, summary: '事项详情', params: IdParamsSchema, response: { 200: WorkItemSchema, ...errors(401, 403, 404) } } },
    async (req) => getWorkItem(deps, requireUser(req), req.params.id),
  );
  app.post(
    '/api/v1/work-items/:id/decide',
    {
      schema: {
        tags,
        summary: '县级审批例外事项',
        params: IdParamsSchema,
        body: DecideBodySchema,
        response: { 200: WorkItemSchema, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (req) => decideWorkItem(deps, requireUser(req), req.params.id, req.body),
  );
  app.post(
    '/api/v1/work-items/:id/answer',
    {
      schema: {
        tags,
        summary: '村（社区）填报系统外数据（同一数据同一期间只填一次）',
        params: IdParamsSchema,
        body: AnswerBodySchema,
        response: { 200: WorkItemSchema, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (req) => answerDataRequest(deps, requireUser(req), req.params.id, req.body),
  );

  app.get(
    '/api/v1/certificates/rules',
    { schema: { tags, summary: '证明事项清单（保留的与不再出具的）', response: { 200: Type.Array(CertificateRuleSchema), ...errors(401, 403) } } },
    async (req) => searchCertificateRules(deps, requireUser(req)),
  );
  app.post(
    '/api/v1/certificates/rules',
    {
      schema: { tags, summary: '新增证明事项', body: CreateCertificateRuleBodySchema, response: { 201: CertificateRuleSchema, ...errors(400, 401, 403, 409) } },
    },
    async (req, reply) => reply.code(201).send(await createCertificateRule(deps, requireUser(req), req.body)),
  );
  app.get(
    '/api/v1/certificates/check',
    {
      schema: {
        tags,
        summary: '村（社区）能否出具某证明，以及如何答复',
        querystring: Type.Object({ name: Type.String({ minLength: 1, maxLength: 100 }) }),
        response: { 200: CertificateCheckSchema, ...errors(400, 401, 403) },
      },
    },
    async (req) => checkCertificateFor(deps, requireUser(req), req.query.name),
  );
  app.post(
    '/api/v1/certificates/answers',
    {
      schema: {
        tags,
        summary: '记录一次“不再出具”的答复（减证明）',
        body: CertificateAnswerBodySchema,
        response: { 201: Type.Object({ id: Type.String() }), ...errors(400, 401, 403, 404) },
      },
    },
    async (req, reply) => reply.code(201).send(await recordCertificateAnswer(deps, requireUser(req), req.body)),
  );

  app.get(
    '/api/v1/report-templates',
    { schema: { tags, summary: '上级报表模板（字段及取数来源）', response: { 200: Type.Array(ReportTemplateSchema), ...errors(401, 403) } } },
    async (req) => searchReportTemplates(deps, requireUser(req)),
  );
  app.post(
    '/api/v1/report-templates',
    { schema: { tags, summary: '新增报表模板', body: CreateReportTemplateBodySchema, response: { 201: ReportTemplateSchema, ...errors(400, 401, 403) } } },
    async (req, reply) => reply.code(201).send(await createReportTemplate(deps, requireUser(req), req.body)),
  );
  app.post(
    '/api/v1/reports',
    {
      schema: {
        tags,
        summary: '生成报表：系统取数，系统外字段向未填报的村收集',
        body: GenerateReportBodySchema,
        response: { 201: ReportSchema, ...errors(400, 401, 403) },
      },
    },
    async (req, reply) => reply.code(201).send(await generateReport(deps, requireUser(req), req.body)),
  );
  app.get('/api/v1/reports', { schema: { tags, summary: '已生成的报表', response: { 200: ReportListSchema, ...errors(401, 403) } } }, async (req) =>
    searchReports(deps, requireUser(req)),
  );
  app.get(
    '/api/v1/reports/:id',
    { schema: { tags, summary: '报表（逐项注明来源）', params: IdParamsSchema, response: { 200: ReportSchema, ...errors(401, 403, 404) } } },
    async (req) => getReport(deps, requireUser(req), req.params.id),
  );
  app.get('/api/v1/reports/:id/xlsx', { schema: { tags, summary: '导出报表为 Excel（第二张表为口径与来源）', params: IdParamsSchema } }, async (req, reply) => {
    const { name, file } = await exportReport(deps, requireUser(req), req.params.id);
    return sendXlsx(reply, name, file);
  });

  app.get(
    '/api/v1/assessment/sets',
    { schema: { tags, summary: '考核指标体系（分类+专项，指标均从系统取数）', response: { 200: Type.Array(AssessmentSetSchema), ...errors(401, 403) } } },
    async (req) => searchAssessmentSets(deps, requireUser(req)),
  );
  app.post(
    '/api/v1/assessment/sets',
    {
      schema: {
        tags,
        summary: '新增考核指标体系（指标数有上限）',
        body: CreateAssessmentSetBodySchema,
        response: { 201: AssessmentSetSchema, ...errors(400, 401, 403) },
      },
    },
    async (req, reply) => reply.code(201).send(await createAssessmentSet(deps, requireUser(req), req.body)),
  );
  app.post(
    '/api/v1/assessment/rounds',
    { schema: { tags, summary: '计算一期考核得分', body: RunAssessmentBodySchema, response: { 201: AssessmentRoundSchema, ...errors(400, 401, 403) } } },
    async (req, reply) => reply.code(201).send(await runAssessment(deps, requireUser(req), req.body)),
  );
  app.get(
    '/api/v1/assessment/rounds',
    { schema: { tags, summary: '考核记录', response: { 200: AssessmentRoundListSchema, ...errors(401, 403) } } },
    async (req) => searchAssessmentRounds(deps, requireUser(req)),
  );
  app.get(
    '/api/v1/assessment/rounds/:id',
    {
      schema: { tags, summary: '一期考核：各单位得分及每项的依据', params: IdParamsSchema, response: { 200: AssessmentRoundSchema, ...errors(401, 403, 404) } },
    },
    async (req) => getAssessmentRound(deps, requireUser(req), req.params.id),
  );

  app.get(
    '/api/v1/task-lists',
    { schema: { tags, summary: '任务清单（任务、牵头单位、时限、最新进展）', response: { 200: Type.Array(TaskListSchema), ...errors(401, 403) } } },
    async (req) => searchTaskLists(deps, requireUser(req)),
  );
  app.post(
    '/api/v1/task-lists',
    { schema: { tags, summary: '下达任务清单', body: CreateTaskListBodySchema, response: { 201: TaskListSchema, ...errors(400, 401, 403) } } },
    async (req, reply) => reply.code(201).send(await createTaskList(deps, requireUser(req), req.body)),
  );
  app.post(
    '/api/v1/tasks/:id/reports',
    {
      bodyLimit: TASK_REPORT_BODY_LIMIT,
      schema: {
        tags,
        summary: '牵头单位报告任务进展（系统数据自动带出，可带附件）',
        params: IdParamsSchema,
        body: TaskReportBodySchema,
        response: { 201: TaskReportSchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (req, reply) => reply.code(201).send(await reportTask(deps, requireUser(req), req.params.id, req.body)),
  );
  app.get('/api/v1/task-lists/:id/ledger.xlsx', { schema: { tags, summary: '工作台账（由系统记录生成）', params: IdParamsSchema } }, async (req, reply) => {
    const { name, file } = await exportLedger(deps, requireUser(req), req.params.id);
    return sendXlsx(reply, name, file);
  });
  app.get('/api/v1/task-lists/:id/ledger.pdf', { schema: { tags, summary: '工作台账 PDF（由系统记录生成）', params: IdParamsSchema } }, async (req, reply) => {
    const { name, file } = await exportLedgerPdf(deps, requireUser(req), req.params.id);
    return sendPdf(reply, name, file);
  });
  app.post(
    '/api/v1/formalism-reports',
    {
      schema: {
        tags,
        summary: '反映形式主义问题（可匿名）',
        body: FormalismReportBodySchema,
        response: { 201: Type.Object({ id: Type.String() }), ...errors(400, 401, 403) },
      },
    },
    async (req, reply) => reply.code(201).send(await submitFormalismReport(deps, requireUser(req), req.body)),
  );
  app.get(
    '/api/v1/formalism-reports',
    { schema: { tags, summary: '形式主义问题反映（县级）', response: { 200: Type.Array(FormalismReportSchema), ...errors(401, 403) } } },
    async (req) => searchFormalismReports(deps, requireUser(req)),
  );
  app.post(
    '/api/v1/formalism-reports/:id/answer',
    {
      schema: {
        tags,
        summary: '答复形式主义问题',
        params: IdParamsSchema,
        body: AnswerFormalismBodySchema,
        response: { 204: Type.Null(), ...errors(400, 401, 403, 409) },
      },
    },
    async (req, reply) => {
      await answerFormalism(deps, requireUser(req), req.params.id, req.body.answer);
      return reply.code(204).send(null);
    },
  );

  // 观测点 / 监测点 (watch-service.ts)
  app.get(
    '/api/v1/watch-points',
    {
      schema: {
        tags,
        summary: '观测点、监测点（本辖区，含形式主义问题反映数）',
        querystring: WatchPointQuerySchema,
        response: { 200: Type.Array(WatchPointSchema), ...errors(400, 401, 403) },
      },
    },
    async (req) => searchWatchPoints(deps, requireUser(req), req.query),
  );
  app.post(
    '/api/v1/watch-points',
    {
      schema: {
        tags,
        summary: '设立观测点或监测点（县级）',
        body: DesignateWatchPointBodySchema,
        response: { 201: WatchPointSchema, ...errors(400, 401, 403, 409) },
      },
    },
    async (req, reply) => reply.code(201).send(await designateWatchPoint(deps, requireUser(req), req.body)),
  );
  app.post(
    '/api/v1/watch-points/:id/remove',
    { schema: { tags, summary: '撤销观测点或监测点（县级）', params: IdParamsSchema, response: { 204: Type.Null(), ...errors(401, 403, 404, 409) } } },
    async (req, reply) => {
      await removeWatchPointById(deps, requireUser(req), req.params.id);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/v1/burden-register',
    {
      schema: {
        tags,
        summary: '村级牌子、工作群、政务 App 登记（减牌子、减群）',
        querystring: BurdenQuerySchema,
        response: { 200: Type.Array(BurdenEntrySchema), ...errors(400, 401, 403) },
      },
    },
    async (req) => searchBurdens(deps, requireUser(req), req.query),
  );
  app.get(
    '/api/v1/burden-register/counts',
    {
      schema: {
        tags,
        summary: '牌子、工作群、App：保留、待清理、已清理、逾期未清理',
        querystring: Type.Object({ regionCode: Type.Optional(Type.String({ pattern: '^[0-9]{6,15}$' })) }),
        response: { 200: BurdenCountsSchema, ...errors(400, 401, 403) },
      },
    },
    async (req) => burdenCounts(deps, requireUser(req), req.query.regionCode),
  );
  app.post(
    '/api/v1/burden-register',
    {
      schema: {
        tags,
        summary: '登记牌子、工作群或 App（有依据的保留，没有依据的限期清理）',
        body: CreateBurdenBodySchema,
        response: { 201: BurdenEntrySchema, ...errors(400, 401, 403) },
      },
    },
    async (req, reply) => reply.code(201).send(await registerBurden(deps, requireUser(req), req.body)),
  );
  app.post(
    '/api/v1/burden-register/:id/status',
    {
      schema: {
        tags,
        summary: '标记清理、保留或已清理',
        params: IdParamsSchema,
        body: UpdateBurdenBodySchema,
        response: { 200: BurdenEntrySchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (req) => updateBurdenEntry(deps, requireUser(req), req.params.id, req.body),
  );

  app.get(
    '/api/v1/notices',
    {
      schema: {
        tags,
        summary: '向下发文、开会登记（减文减会）',
        querystring: NoticeQuerySchema,
        response: { 200: Type.Array(NoticeSchema), ...errors(400, 401, 403) },
      },
    },
    async (req) => searchNotices(deps, requireUser(req), req.query),
  );
  app.post(
    '/api/v1/notices',
    {
      schema: {
        tags,
        summary: '登记发往乡镇、村（社区）的文件或要求基层参加的会议',
        body: CreateNoticeBodySchema,
        response: { 201: NoticeSchema, ...errors(400, 401, 403) },
      },
    },
    async (req, reply) => reply.code(201).send(await recordNotice(deps, requireUser(req), req.body)),
  );
  app.get(
    '/api/v1/notices/stats',
    {
      schema: {
        tags,
        summary: '发文、开会数（按发文单位和月份）',
        querystring: Type.Object({
          from: Type.String({ format: 'date' }),
          to: Type.String({ format: 'date' }),
          regionCode: Type.Optional(Type.String({ pattern: '^[0-9]{6,15}$' })),
        }),
        response: { 200: NoticeStatsSchema, ...errors(400, 401, 403) },
      },
    },
    async (req) => searchNoticeStats(deps, requireUser(req), req.query),
  );
  app.get(
    '/api/v1/duties/dashboard',
    {
      schema: {
        tags,
        summary: '减负看板：近 12 个月逐月的派发与拒收、发文开会、减证明、清牌清群、报表取数',
        querystring: DashboardQuerySchema,
        response: { 200: DashboardSchema, ...errors(400, 401, 403) },
      },
    },
    async (req) => burdenDashboard(deps, requireUser(req), req.query.regionCode),
  );
};
