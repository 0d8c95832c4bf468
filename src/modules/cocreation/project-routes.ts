import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Deps } from '../../platform/deps.js';
import { requireUser } from '../../platform/http/auth.js';
import { errors, IdParamsSchema } from '../../platform/http/schemas.js';
import { sendXlsx } from '../../platform/spreadsheet.js';
import { addCareMember, removeCareMember } from './care-service.js';
import { addContribution, voidContribution } from './contribution-service.js';
import { exportProjects } from './project-export.js';
import { MILESTONE_BODY_LIMIT } from './project-files.js';
import {
  BudgetBodySchema,
  CareMemberBodySchema,
  CareMemberParamsSchema,
  ContributionBodySchema,
  ContributionParamsSchema,
  CreateProjectBodySchema,
  MilestoneBodySchema,
  ProjectDetailSchema,
  ProjectListItemSchema,
  ProjectQuerySchema,
  ProjectStatusBodySchema,
  UpdateProjectBodySchema,
  VoidContributionBodySchema,
} from './project-schema.js';
import { addMilestone, changeProjectStatus, createProject, getProject, searchProjects, setProjectBudget, updateProjectPlan } from './project-service.js';

/** Co-creation projects (发展共建 / 建设共管): plan, budget, contributions ledger, milestones, care team. */
export const projectRoutes: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (app, { deps }) => {
  const tags = ['cocreation'];
  const base = '/api/v1/cocreation/projects';
  const detail = { 200: ProjectDetailSchema, ...errors(400, 401, 403, 404, 409) };
  const created = { 201: ProjectDetailSchema, ...errors(400, 401, 403, 404, 409) };

  app.get(
    base,
    {
      schema: {
        tags,
        summary: '共建项目列表（含筹资、投工合计）',
        querystring: ProjectQuerySchema,
        response: { 200: Type.Array(ProjectListItemSchema), ...errors(400, 401, 403) },
      },
    },
    async (req) => searchProjects(deps, requireUser(req), req.query),
  );
  app.get(
    `${base}.xlsx`,
    {
      schema: {
        tags,
        summary: '导出共建项目列表为 Excel（与列表同样的筛选和范围，含各项目投入合计；第二张表为说明；最多 50,000 行）',
        querystring: ProjectQuerySchema,
        response: errors(400, 401, 403),
      },
    },
    async (req, reply) => {
      const { name, file } = await exportProjects(deps, requireUser(req), req.query);
      return sendXlsx(reply, name, file);
    },
  );
  app.post(base, { schema: { tags, summary: '由议事决议或表决胜出的选项立项', body: CreateProjectBodySchema, response: created } }, async (req, reply) =>
    reply.code(201).send(await createProject(deps, requireUser(req), req.body)),
  );
  app.get(
    `${base}/:id`,
    {
      schema: {
        tags,
        summary: '项目详情：方案、预算、投入台账（仅村干部可见到户金额）、进度、管护小组',
        params: IdParamsSchema,
        response: { 200: ProjectDetailSchema, ...errors(401, 403, 404) },
      },
    },
    async (req) => getProject(deps, requireUser(req), req.params.id),
  );
  app.put(
    `${base}/:id`,
    { schema: { tags, summary: '修改项目名称、方案、每工日折价、评议时间', params: IdParamsSchema, body: UpdateProjectBodySchema, response: detail } },
    async (req) => updateProjectPlan(deps, requireUser(req), req.params.id, req.body),
  );
  app.post(
    `${base}/:id/status`,
    { schema: { tags, summary: '开工、竣工（设定评议时间）或取消', params: IdParamsSchema, body: ProjectStatusBodySchema, response: detail } },
    async (req) => changeProjectStatus(deps, requireUser(req), req.params.id, req.body),
  );
  app.post(
    `${base}/:id/budget`,
    { schema: { tags, summary: '按资金来源设定预算（元）', params: IdParamsSchema, body: BudgetBodySchema, response: detail } },
    async (req) => setProjectBudget(deps, requireUser(req), req.params.id, req.body),
  );
  app.post(
    `${base}/:id/contributions`,
    { schema: { tags, summary: '登记群众投入：筹资、投工投劳、让地、捐料', params: IdParamsSchema, body: ContributionBodySchema, response: created } },
    async (req, reply) => reply.code(201).send(await addContribution(deps, requireUser(req), req.params.id, req.body)),
  );
  app.post(
    `${base}/:id/contributions/:cid/void`,
    {
      schema: { tags, summary: '作废一条登记（写明原因，不再计入合计）', params: ContributionParamsSchema, body: VoidContributionBodySchema, response: detail },
    },
    async (req) => voidContribution(deps, requireUser(req), req.params.id, req.params.cid, req.body),
  );
  app.post(
    `${base}/:id/milestones`,
    {
      bodyLimit: MILESTONE_BODY_LIMIT,
      schema: { tags, summary: '记录进度节点（进度百分比，可带照片）', params: IdParamsSchema, body: MilestoneBodySchema, response: created },
    },
    async (req, reply) => reply.code(201).send(await addMilestone(deps, requireUser(req), req.params.id, req.body)),
  );
  app.post(
    `${base}/:id/care-members`,
    { schema: { tags, summary: '管护小组添加成员（本村居民，职责与轮值）', params: IdParamsSchema, body: CareMemberBodySchema, response: created } },
    async (req, reply) => reply.code(201).send(await addCareMember(deps, requireUser(req), req.params.id, req.body)),
  );
  app.delete(
    `${base}/:id/care-members/:mid`,
    { schema: { tags, summary: '管护小组移除成员', params: CareMemberParamsSchema, response: detail } },
    async (req) => removeCareMember(deps, requireUser(req), req.params.id, req.params.mid),
  );
};
