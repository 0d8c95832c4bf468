import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Deps } from '../../platform/deps.js';
import { requireUser } from '../../platform/http/auth.js';
import { errors, IdParamsSchema } from '../../platform/http/schemas.js';
import { sendPdf } from '../../platform/pdf.js';
import { decideFiling, invitationLetters, poster, publish, reopenRevision, setNotice, startVote } from './adoption-service.js';
import {
  AnswerBodySchema,
  CadreObjectionBodySchema,
  CadreOpinionBodySchema,
  ChildParamsSchema,
  CommitteeBodySchema,
  CompactOpinionSchema,
  CompactQuerySchema,
  CompactSchema,
  CompactSummarySchema,
  CompleteStepBodySchema,
  ConsultationBodySchema,
  CreateCompactBodySchema,
  DeliberationBodySchema,
  DiffQuerySchema,
  DiffSchema,
  FilingDecisionBodySchema,
  InvitationBodySchema,
  NoticeBodySchema,
  ObjectionAnswerBodySchema,
  ObjectionSchema,
  PublishBodySchema,
  ReopenBodySchema,
  StepParamsSchema,
  VersionBodySchema,
  VersionParamsSchema,
  VersionSchema,
  VettingBodySchema,
  VoteBodySchema,
} from './compact-schema.js';
import { completeStep, createCompact, getCompact, invite, listCompacts, recordDeliberation, setCommittee, vet } from './compact-service.js';
import { diffVersions, getVersion, saveVersion } from './text-service.js';
import { addCadreObjection, addCadreOpinion, answerObjection, answerOpinion, listObjections, listOpinions, setConsultation } from './voice-service.js';

/** The nine-step workflow of village compacts for cadres and township staff. See docs/COMPACTS.md. */
export const compactWorkflowRoutes: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (app, { deps }) => {
  const tags = ['compacts'];
  const base = '/api/v1/compacts';
  const one = { 200: CompactSchema, ...errors(400, 401, 403, 404, 409) };

  app.get(
    base,
    {
      schema: {
        tags,
        summary: '村规民约（居民公约）列表',
        querystring: CompactQuerySchema,
        response: { 200: Type.Array(CompactSummarySchema), ...errors(400, 401, 403) },
      },
    },
    async (req) => listCompacts(deps, requireUser(req), req.query),
  );
  app.post(
    base,
    { schema: { tags, summary: '开始制定（修订）村规民约', body: CreateCompactBodySchema, response: { 201: CompactSchema, ...errors(400, 401, 403) } } },
    async (req, reply) => reply.code(201).send(await createCompact(deps, requireUser(req), req.body)),
  );
  app.get(`${base}/:id`, { schema: { tags, summary: '村规民约详情：各步记录与本步还缺什么', params: IdParamsSchema, response: one } }, async (req) =>
    getCompact(deps, requireUser(req), req.params.id),
  );
  app.post(
    `${base}/:id/steps/:step/complete`,
    { schema: { tags, summary: '结束本步（记录齐全时），进入下一步', params: StepParamsSchema, body: CompleteStepBodySchema, response: one } },
    async (req) => completeStep(deps, requireUser(req), req.params.id, req.params.step, req.body),
  );
  app.post(
    `${base}/:id/reopen`,
    { schema: { tags, summary: '公示期间或表决未通过时退回“修改完善”', params: IdParamsSchema, body: ReopenBodySchema, response: one } },
    async (req) => reopenRevision(deps, requireUser(req), req.params.id, req.body),
  );
  app.put(
    `${base}/:id/deliberation`,
    { schema: { tags, summary: '第一步：两委商议记录', params: IdParamsSchema, body: DeliberationBodySchema, response: one } },
    async (req) => recordDeliberation(deps, requireUser(req), req.params.id, req.body),
  );
  app.post(
    `${base}/:id/invitations`,
    { schema: { tags, summary: '第二步：向户籍人口中的人发出邀请函', params: IdParamsSchema, body: InvitationBodySchema, response: one } },
    async (req) => invite(deps, requireUser(req), req.params.id, req.body),
  );
  app.get(`${base}/:id/invitations.pdf`, { schema: { tags, summary: '邀请函（PDF，每人一页）', params: IdParamsSchema } }, async (req, reply) => {
    const { name, file } = await invitationLetters(deps, requireUser(req), req.params.id);
    return sendPdf(reply, name, file);
  });
  app.put(
    `${base}/:id/invitations/:childId/committee`,
    { schema: { tags, summary: '第三步：受邀人加入（或退出）执委会', params: ChildParamsSchema, body: CommitteeBodySchema, response: one } },
    async (req) => setCommittee(deps, requireUser(req), req.params.id, req.params.childId, req.body),
  );
  app.post(
    `${base}/:id/vettings`,
    { schema: { tags, summary: '第三步：司法所、综治中心、派出所联审执委会人选（乡镇登记）', params: IdParamsSchema, body: VettingBodySchema, response: one } },
    async (req) => vet(deps, requireUser(req), req.params.id, req.body),
  );
  app.post(
    `${base}/:id/versions`,
    { schema: { tags, summary: '第四、六步：保存条款为新版本（保存时做合法性审查）', params: IdParamsSchema, body: VersionBodySchema, response: one } },
    async (req) => saveVersion(deps, requireUser(req), req.params.id, req.body),
  );
  app.get(
    `${base}/:id/versions/:seq`,
    { schema: { tags, summary: '某一版本的条款与合法性提示', params: VersionParamsSchema, response: { 200: VersionSchema, ...errors(401, 403, 404) } } },
    async (req) => getVersion(deps, requireUser(req), req.params.id, req.params.seq),
  );
  app.get(
    `${base}/:id/diff`,
    {
      schema: {
        tags,
        summary: '两个版本逐条对比',
        params: IdParamsSchema,
        querystring: DiffQuerySchema,
        response: { 200: DiffSchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (req) => diffVersions(deps, requireUser(req), req.params.id, req.query),
  );
  app.put(
    `${base}/:id/consultation`,
    { schema: { tags, summary: '第五步：征求意见截止日期', params: IdParamsSchema, body: ConsultationBodySchema, response: one } },
    async (req) => setConsultation(deps, requireUser(req), req.params.id, req.body),
  );
  app.get(
    `${base}/:id/opinions`,
    {
      schema: {
        tags,
        summary: '意见（逐条，随条款跨版本保留）',
        params: IdParamsSchema,
        response: { 200: Type.Array(CompactOpinionSchema), ...errors(401, 403, 404) },
      },
    },
    async (req) => listOpinions(deps, requireUser(req), req.params.id),
  );
  app.post(
    `${base}/:id/opinions`,
    { schema: { tags, summary: '登记意见（干部本人，或入户听取后代为登记）', params: IdParamsSchema, body: CadreOpinionBodySchema, response: one } },
    async (req) => addCadreOpinion(deps, requireUser(req), req.params.id, req.body),
  );
  app.post(
    `${base}/:id/opinions/:childId/answer`,
    { schema: { tags, summary: '答复意见：采纳、部分采纳或不采纳，并说明理由', params: ChildParamsSchema, body: AnswerBodySchema, response: one } },
    async (req) => answerOpinion(deps, requireUser(req), req.params.id, req.params.childId, req.body),
  );
  app.put(
    `${base}/:id/notice`,
    { schema: { tags, summary: '第七步：二次公示（起始日期与工作日天数）', params: IdParamsSchema, body: NoticeBodySchema, response: one } },
    async (req) => setNotice(deps, requireUser(req), req.params.id, req.body),
  );
  app.get(
    `${base}/:id/objections`,
    { schema: { tags, summary: '公示期异议', params: IdParamsSchema, response: { 200: Type.Array(ObjectionSchema), ...errors(401, 403, 404) } } },
    async (req) => listObjections(deps, requireUser(req), req.params.id),
  );
  app.post(
    `${base}/:id/objections`,
    { schema: { tags, summary: '登记公示期异议', params: IdParamsSchema, body: CadreObjectionBodySchema, response: one } },
    async (req) => addCadreObjection(deps, requireUser(req), req.params.id, req.body),
  );
  app.post(
    `${base}/:id/objections/:childId/answer`,
    { schema: { tags, summary: '答复异议', params: ChildParamsSchema, body: ObjectionAnswerBodySchema, response: one } },
    async (req) => answerObjection(deps, requireUser(req), req.params.id, req.params.childId, req.body),
  );
  app.post(
    `${base}/:id/vote`,
    { schema: { tags, summary: '第八步：发起全体表决（共同缔造表决，赞成/反对/弃权）', params: IdParamsSchema, body: VoteBodySchema, response: one } },
    async (req) => startVote(deps, requireUser(req), req.params.id, req.body),
  );
  app.put(
    `${base}/:id/publication`,
    { schema: { tags, summary: '第九步：张榜公布（公布日期）', params: IdParamsSchema, body: PublishBodySchema, response: one } },
    async (req) => publish(deps, requireUser(req), req.params.id, req.body),
  );
  app.get(`${base}/:id/poster.pdf`, { schema: { tags, summary: '张榜文本（PDF）', params: IdParamsSchema } }, async (req, reply) => {
    const { name, file } = await poster(deps, requireUser(req), req.params.id);
    return sendPdf(reply, name, file);
  });
  app.post(
    `${base}/:id/filing`,
    {
      schema: {
        tags,
        summary: '乡镇备案审查：同意备案（文本不得有合法性问题）或退回修改',
        params: IdParamsSchema,
        body: FilingDecisionBodySchema,
        response: one,
      },
    },
    async (req) => decideFiling(deps, requireUser(req), req.params.id, req.body),
  );
};
