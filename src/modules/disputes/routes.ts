import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { Type, type Static, type TSchema } from 'typebox';
import type { Actor } from '../../platform/actor.js';
import type { Deps } from '../../platform/deps.js';
import { requireUser } from '../../platform/http/auth.js';
import { sendXlsx } from '../../platform/spreadsheet.js';
import { errors, IdParamsSchema } from '../../platform/http/schemas.js';
import { deliverPending } from '../requests/index.js';
import {
  addParty,
  assignMediator,
  closeDispute,
  escalateDispute,
  failMediation,
  linkReception,
  recordAgreement,
  recordSession,
  recordVisit,
  referDispute,
  setRiskLevel,
  signAgreement,
  stampAgreement,
} from './action-service.js';
import { createCase } from './create-service.js';
import { addEvidence, markEvidenceShown } from './evidence-service.js';
import { EVIDENCE_BODY_LIMIT } from './evidence.js';
import { exportCases } from './list-export.js';
import { exportMediators } from './mediator-export.js';
import { recordDepartmentPart, inviteDepartment } from './joint-service.js';
import { applyForJudicialConfirmation, recordJudicialOutcome } from './judicial-service.js';
import { DISPUTE_LEVELS, DISPUTE_TYPES, LEVEL_NAMES, LEVEL_TIME_LIMITS } from './levels.js';
import { agreementPdf, attachmentHeader } from './pdf.js';
import { agreementDocument, getCase, searchCases } from './query-service.js';
import { VIOLENCE_WORDS } from './risk.js';
import {
  createMediator,
  createPetitionReception,
  deactivateMediator,
  listMediatorRoster,
  listPetitionReceptions,
  revealMediatorPhone,
  updateMediatorEntry,
} from './roster-service.js';
import {
  AddPartyBodySchema,
  AgreeBodySchema,
  AgreementDocumentSchema,
  AssignBodySchema,
  CasePageSchema,
  CaseQuerySchema,
  CreateCaseBodySchema,
  DepartmentPartBodySchema,
  DisputeCaseDetailSchema,
  DisputeMetaSchema,
  InviteDepartmentBodySchema,
  JudicialApplyBodySchema,
  JudicialOutcomeBodySchema,
  LinkReceptionBodySchema,
  MEDIATION_METHODS,
  MediatorBodySchema,
  MediatorListSchema,
  MediatorPatchSchema,
  MediatorQuerySchema,
  MediatorSchema,
  NoteBodySchema,
  ReasonBodySchema,
  ReceptionBodySchema,
  ReceptionListSchema,
  ReceptionQuerySchema,
  ReceptionSchema,
  ReferBodySchema,
  RevealedPhoneSchema,
  RevealPhoneBodySchema,
  RiskBodySchema,
  SessionBodySchema,
  SignBodySchema,
  StampBodySchema,
  StatsQuerySchema,
  StatsReportSchema,
  VisitBodySchema,
  WarningsQuerySchema,
  WarningsSchema,
  type DisputeCaseDetail,
  EvidenceBodySchema,
  EvidenceShownBodySchema,
} from './schema.js';
import { disputeStats, disputeWarnings } from './stats-service.js';

/** Who submitted + their Idempotency-Key: the case remembers it, so a retry after a crash finds it. */
function submitKeyOf(req: FastifyRequest): string | undefined {
  return req.idempotency ? `${req.idempotency.actorKey}:${req.idempotency.key}` : undefined;
}

/** Notices go out after the transaction that wrote them has committed. */
function deliverLater(deps: Deps): void {
  if (deps.config.webhookUrl) void deliverPending(deps).catch(() => {});
}

const Detail = { 200: DisputeCaseDetailSchema, ...errors(400, 401, 403, 404, 409) };

export const disputeRoutes: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (app, { deps }) => {
  const tags = ['disputes'];
  const meta = {
    types: DISPUTE_TYPES,
    methods: MEDIATION_METHODS.map((m) => ({ code: m.code, name: m.name })),
    levels: DISPUTE_LEVELS.map((code) => ({ code, name: LEVEL_NAMES[code], timeLimitWorkingDays: LEVEL_TIME_LIMITS[code].workingDays })),
    riskWords: [...VIOLENCE_WORDS],
    amountThresholds: { medium: deps.config.disputeAmountMedium, high: deps.config.disputeAmountHigh },
  };
  app.get(
    '/api/v1/disputes/meta',
    { schema: { tags, summary: '纠纷类别、调解方式、层级时限和风险词', response: { 200: DisputeMetaSchema, ...errors(401) } } },
    async (req) => {
      requireUser(req);
      return meta;
    },
  );

  app.get(
    '/api/v1/disputes/cases',
    { schema: { tags, summary: '调解案件列表', querystring: CaseQuerySchema, response: { 200: CasePageSchema, ...errors(400, 401, 403) } } },
    async (req) => searchCases(deps, requireUser(req), req.query),
  );
  app.get(
    '/api/v1/disputes/cases.xlsx',
    {
      schema: {
        tags,
        summary: '导出调解案件列表为 Excel（与列表同样的筛选和范围；第二张表为说明；最多 50,000 行）',
        querystring: Type.Omit(CaseQuerySchema, ['page', 'pageSize']),
        response: errors(400, 401, 403),
      },
    },
    async (req, reply) => {
      const { name, file } = await exportCases(deps, requireUser(req), req.query);
      return sendXlsx(reply, name, file);
    },
  );
  app.post(
    '/api/v1/disputes/cases',
    {
      schema: {
        tags,
        summary: '登记矛盾纠纷（综治中心窗口、网格员）',
        body: CreateCaseBodySchema,
        response: { 201: DisputeCaseDetailSchema, ...errors(400, 401, 403, 409) },
      },
    },
    async (req, reply) => {
      const out = await createCase(deps, requireUser(req), req.body, { submitKey: submitKeyOf(req) });
      deliverLater(deps);
      return reply.code(201).send(out);
    },
  );
  app.get(
    '/api/v1/disputes/cases/:id',
    { schema: { tags, summary: '调解案件详情（当事人、调解记录、协议、时间线）', params: IdParamsSchema, response: Detail } },
    async (req) => getCase(deps, requireUser(req), req.params.id),
  );
  app.get(
    '/api/v1/disputes/cases/:id/agreement-document',
    { schema: { tags, summary: '调解协议书内容（供生成 PDF）', params: IdParamsSchema, response: { 200: AgreementDocumentSchema, ...errors(401, 403, 404) } } },
    async (req) => agreementDocument(deps, requireUser(req), req.params.id),
  );
  app.get(
    '/api/v1/disputes/cases/:id/agreement.pdf',
    { schema: { tags, summary: '下载调解协议书 PDF（application/pdf；没有书面协议时 404）', params: IdParamsSchema } },
    async (req, reply) => {
      const { filename, file } = await agreementPdf(deps, requireUser(req), req.params.id);
      return reply.type('application/pdf').header('content-disposition', attachmentHeader(filename)).send(file);
    },
  );

  // Actions: each one is a timeline entry; the detail's allowedActions says which apply.
  const action = <S extends TSchema>(
    name: string,
    summary: string,
    body: S,
    run: (actor: Actor, id: string, body: Static<S>) => Promise<DisputeCaseDetail>,
    bodyLimit?: number,
  ) =>
    app.post(`/api/v1/disputes/cases/:id/${name}`, { bodyLimit, schema: { tags, summary, params: IdParamsSchema, body, response: Detail } }, async (req) => {
      const out = await run(requireUser(req), req.params.id, (req.body ?? {}) as Static<S>);
      deliverLater(deps);
      return out;
    });
  action('assign', '指派或改派调解员', AssignBodySchema, (a, id, b) => assignMediator(deps, a, id, b));
  action('escalate', '上报上一级（须说明理由，至少 4 个字）', ReasonBodySchema, (a, id, b) => escalateDispute(deps, a, id, b));
  action('raise-risk', '调整风险等级（提高须说明理由；低于自动评估等级也须说明理由）', RiskBodySchema, (a, id, b) => setRiskLevel(deps, a, id, b));
  action('session', '记录调解（时间、地点、参加人、笔录、调解方式）', SessionBodySchema, (a, id, b) => recordSession(deps, a, id, b));
  action('agree', '达成调解协议（书面或口头）', AgreeBodySchema, (a, id, b) => recordAgreement(deps, a, id, b));
  action('fail', '调解不成', ReasonBodySchema, (a, id, b) => failMediation(deps, a, id, b));
  action('refer', '引导诉讼、仲裁或信访并结案', ReferBodySchema, (a, id, b) => referDispute(deps, a, id, b));
  action('sign', '当事人已签名', SignBodySchema, (a, id, b) => signAgreement(deps, a, id, b));
  action('stamp', '已加盖人民调解委员会印章', StampBodySchema, (a, id, b) => stampAgreement(deps, a, id, b));
  action('close', '结案', NoteBodySchema, (a, id, b) => closeDispute(deps, a, id, b));
  action('visit', '回访协议履行情况', VisitBodySchema, (a, id, b) => recordVisit(deps, a, id, b));
  action('link-reception', '关联领导接访', LinkReceptionBodySchema, (a, id, b) => linkReception(deps, a, id, b));
  action('parties', '增加当事人（如被申请人）', AddPartyBodySchema, (a, id, b) => addParty(deps, a, id, b));
  // The same under its action name, as the detail's allowedActions and the web app call it.
  action('add-party', '增加当事人（如被申请人）', AddPartyBodySchema, (a, id, b) => addParty(deps, a, id, b));
  action('judicial-apply', '登记当事人共同申请司法确认（自协议生效之日起 30 日内）', JudicialApplyBodySchema, (a, id, b) =>
    applyForJudicialConfirmation(deps, a, id, b),
  );
  action('judicial-outcome', '记录法院司法确认结果（确认有效或驳回申请）及裁定书文号', JudicialOutcomeBodySchema, (a, id, b) =>
    recordJudicialOutcome(deps, a, id, b),
  );
  action('invite-department', '邀请部门参与联合调解', InviteDepartmentBodySchema, (a, id, b) => inviteDepartment(deps, a, id, b));
  action(
    'evidence',
    '上传证据材料（照片、PDF、Word、Excel；每次至多 3 份，每份至多 10 MB），附于案件、调解记录或调解协议',
    EvidenceBodySchema,
    (a, id, b) => addEvidence(deps, a, id, b),
    EVIDENCE_BODY_LIMIT,
  );
  action('evidence-shown', '记录已向双方当事人出示某份证据', EvidenceShownBodySchema, (a, id, b) => markEvidenceShown(deps, a, id, b));
  action('department-part', '参与部门记录本部门的调解工作', DepartmentPartBodySchema, (a, id, b) => recordDepartmentPart(deps, a, id, b));

  app.get(
    '/api/v1/disputes/mediators',
    {
      schema: {
        tags,
        summary: '调解员名册（含在办案件数）',
        querystring: MediatorQuerySchema,
        response: { 200: MediatorListSchema, ...errors(400, 401, 403) },
      },
    },
    async (req) => listMediatorRoster(deps, requireUser(req), req.query),
  );
  app.get(
    '/api/v1/disputes/mediators.xlsx',
    {
      schema: {
        tags,
        summary: '导出调解员名册为 Excel（与名册同样的筛选和范围；不含电话；第二张表为说明；最多 50,000 行）',
        querystring: MediatorQuerySchema,
        response: errors(400, 401, 403),
      },
    },
    async (req, reply) => {
      const { name, file } = await exportMediators(deps, requireUser(req), req.query);
      return sendXlsx(reply, name, file);
    },
  );
  app.post(
    '/api/v1/disputes/mediators',
    { schema: { tags, summary: '新增调解员', body: MediatorBodySchema, response: { 201: MediatorSchema, ...errors(400, 401, 403) } } },
    async (req, reply) => reply.code(201).send(await createMediator(deps, requireUser(req), req.body)),
  );
  app.put(
    '/api/v1/disputes/mediators/:id',
    {
      schema: {
        tags,
        summary: '修改调解员',
        params: IdParamsSchema,
        body: MediatorPatchSchema,
        response: { 200: MediatorSchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (req) => updateMediatorEntry(deps, requireUser(req), req.params.id, req.body),
  );
  app.post(
    '/api/v1/disputes/mediators/:id/reveal-phone',
    {
      schema: {
        tags,
        summary: '查看调解员完整电话（须说明原因，留痕审计，有次数限制）',
        params: IdParamsSchema,
        body: RevealPhoneBodySchema,
        response: { 200: RevealedPhoneSchema, ...errors(400, 401, 403, 404, 429) },
      },
    },
    async (req) => revealMediatorPhone(deps, requireUser(req), req.params.id, req.body),
  );
  app.post(
    '/api/v1/disputes/mediators/:id/deactivate',
    { schema: { tags, summary: '停用调解员', params: IdParamsSchema, response: { 200: MediatorSchema, ...errors(401, 403, 404) } } },
    async (req) => deactivateMediator(deps, requireUser(req), req.params.id),
  );

  app.get(
    '/api/v1/disputes/receptions',
    {
      schema: {
        tags,
        summary: '领导接访、约访、下访安排',
        querystring: ReceptionQuerySchema,
        response: { 200: ReceptionListSchema, ...errors(400, 401, 403) },
      },
    },
    async (req) => listPetitionReceptions(deps, requireUser(req), req.query),
  );
  app.post(
    '/api/v1/disputes/receptions',
    { schema: { tags, summary: '安排领导接访', body: ReceptionBodySchema, response: { 201: ReceptionSchema, ...errors(400, 401, 403) } } },
    async (req, reply) => reply.code(201).send(await createPetitionReception(deps, requireUser(req), req.body)),
  );

  app.get(
    '/api/v1/disputes/stats',
    {
      schema: {
        tags,
        summary: '矛盾纠纷统计（成功率、小事不出村率、平均化解天数）',
        querystring: StatsQuerySchema,
        response: { 200: StatsReportSchema, ...errors(400, 401, 403) },
      },
    },
    async (req) => disputeStats(deps, requireUser(req), req.query),
  );
  app.get(
    '/api/v1/disputes/warnings',
    {
      schema: {
        tags,
        summary: '预警：重复纠纷当事人、高风险未结案件',
        querystring: WarningsQuerySchema,
        response: { 200: WarningsSchema, ...errors(400, 401, 403) },
      },
    },
    async (req) => disputeWarnings(deps, requireUser(req), req.query),
  );
};
