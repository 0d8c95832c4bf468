import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Deps } from '../../platform/deps.js';
import { requireUser } from '../../platform/http/auth.js';
import { errors, IdParamsSchema } from '../../platform/http/schemas.js';
import { sendXlsx } from '../../platform/spreadsheet.js';
import { addServiceHours, createEmbedded, getEmbedded, searchEmbedded } from './embedded-service.js';
import { createLiaisons, removeLiaison, searchLiaisons } from './liaison-service.js';
import { exportMembers, exportOrgs } from './list-export.js';
import { addMember, endMember, getMember, listOrgMembers, updateMember } from './member-service.js';
import { createOrg, dissolveOrg, getOrg, getOrgTree, updateOrg } from './org-service.js';
import {
  AddPartyMemberBodySchema,
  AddServiceHoursBodySchema,
  CreateEmbeddedMemberBodySchema,
  CreateLiaisonsBodySchema,
  CreatePartyOrgBodySchema,
  DissolvePartyOrgBodySchema,
  EmbeddedMemberDetailSchema,
  EmbeddedMemberPageSchema,
  EmbeddedQuerySchema,
  EndLiaisonBodySchema,
  EndPartyMemberBodySchema,
  LiaisonPageSchema,
  LiaisonQuerySchema,
  LiaisonSchema,
  MemberQuerySchema,
  OrgTreeQuerySchema,
  PartyMemberPageSchema,
  PartyMemberSchema,
  PartyOrgDetailSchema,
  PartyOrgTreeSchema,
  UpdatePartyMemberBodySchema,
  UpdatePartyOrgBodySchema,
} from './schema.js';

export const partyRoutes: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (app, { deps }) => {
  const tags = ['party'];
  app.get(
    '/api/v1/party/orgs',
    {
      schema: {
        tags,
        summary: '党组织树（联系区划在该区划之内的党组织，逐级嵌套）',
        querystring: OrgTreeQuerySchema,
        response: { 200: PartyOrgTreeSchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (req) => getOrgTree(deps, requireUser(req), req.query),
  );
  app.get(
    '/api/v1/party/orgs.xlsx',
    {
      schema: {
        tags,
        summary: '导出党组织列表为 Excel（与组织树同样的范围，自上而下逐级；第二张表为说明；最多 50,000 行）',
        querystring: OrgTreeQuerySchema,
        response: errors(400, 401, 403, 404),
      },
    },
    async (req, reply) => {
      const { name, file } = await exportOrgs(deps, requireUser(req), req.query);
      return sendXlsx(reply, name, file);
    },
  );
  app.post(
    '/api/v1/party/orgs',
    { schema: { tags, summary: '设立党组织', body: CreatePartyOrgBodySchema, response: { 201: PartyOrgDetailSchema, ...errors(400, 401, 403, 409) } } },
    async (req, reply) => reply.code(201).send(await createOrg(deps, requireUser(req), req.body)),
  );
  app.get(
    '/api/v1/party/orgs/:id',
    { schema: { tags, summary: '党组织详情（含党员数）', params: IdParamsSchema, response: { 200: PartyOrgDetailSchema, ...errors(401, 403, 404) } } },
    async (req) => getOrg(deps, requireUser(req), req.params.id),
  );
  app.get(
    '/api/v1/party/orgs/:id/members',
    {
      schema: {
        tags,
        summary: '党员名单',
        params: IdParamsSchema,
        querystring: MemberQuerySchema,
        response: { 200: PartyMemberPageSchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (req) => listOrgMembers(deps, requireUser(req), req.params.id, req.query),
  );
  app.get(
    '/api/v1/party/orgs/:id/members.xlsx',
    {
      schema: {
        tags,
        summary: '导出党员名单为 Excel（与名单同样的筛选；只列姓名，不含身份证号、电话；第二张表为说明；最多 50,000 行）',
        params: IdParamsSchema,
        querystring: Type.Omit(MemberQuerySchema, ['page', 'pageSize']),
        response: errors(400, 401, 403, 404),
      },
    },
    async (req, reply) => {
      const { name, file } = await exportMembers(deps, requireUser(req), req.params.id, req.query);
      return sendXlsx(reply, name, file);
    },
  );
  app.post(
    '/api/v1/party/orgs/:id/members',
    {
      schema: {
        tags,
        summary: '登记党员（关联已登记的居民）',
        params: IdParamsSchema,
        body: AddPartyMemberBodySchema,
        response: { 201: PartyMemberSchema, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (req, reply) => reply.code(201).send(await addMember(deps, requireUser(req), req.params.id, req.body)),
  );
  app.get(
    '/api/v1/party/members/:id',
    { schema: { tags, summary: '党员详情', params: IdParamsSchema, response: { 200: PartyMemberSchema, ...errors(401, 403, 404) } } },
    async (req) => getMember(deps, requireUser(req), req.params.id),
  );
  app.put(
    '/api/v1/party/members/:id',
    {
      schema: {
        tags,
        summary: '修改党员：转正、党员中心户、转接到范围内另一党组织',
        params: IdParamsSchema,
        body: UpdatePartyMemberBodySchema,
        response: { 200: PartyMemberSchema, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (req) => updateMember(deps, requireUser(req), req.params.id, req.body),
  );
  app.post(
    '/api/v1/party/members/:id/end',
    {
      schema: {
        tags,
        summary: '结束组织关系（转出、去世、出党）；其联户关系同日结束',
        params: IdParamsSchema,
        body: EndPartyMemberBodySchema,
        response: { 200: PartyMemberSchema, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (req) => endMember(deps, requireUser(req), req.params.id, req.body),
  );
  app.put(
    '/api/v1/party/orgs/:id',
    {
      schema: {
        tags,
        summary: '修改党组织名称或上级',
        params: IdParamsSchema,
        body: UpdatePartyOrgBodySchema,
        response: { 200: PartyOrgDetailSchema, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (req) => updateOrg(deps, requireUser(req), req.params.id, req.body),
  );
  app.post(
    '/api/v1/party/orgs/:id/dissolve',
    {
      schema: {
        tags,
        summary: '撤销党组织（须已无党员和下级组织）',
        params: IdParamsSchema,
        body: DissolvePartyOrgBodySchema,
        response: { 200: PartyOrgDetailSchema, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (req) => dissolveOrg(deps, requireUser(req), req.params.id, req.body),
  );
  app.get(
    '/api/v1/party/liaisons',
    { schema: { tags, summary: '党员联户、十联户关系', querystring: LiaisonQuerySchema, response: { 200: LiaisonPageSchema, ...errors(400, 401, 403, 404) } } },
    async (req) => searchLiaisons(deps, requireUser(req), req.query),
  );
  app.post(
    '/api/v1/party/liaisons',
    {
      schema: {
        tags,
        summary: '建立联户关系（一名党员或联户长联系多户；每户每类至多一个）',
        body: CreateLiaisonsBodySchema,
        response: { 201: Type.Array(LiaisonSchema), ...errors(400, 401, 403, 404) },
      },
    },
    async (req, reply) => reply.code(201).send(await createLiaisons(deps, requireUser(req), req.body)),
  );
  app.post(
    '/api/v1/party/liaisons/:id/remove',
    {
      schema: {
        tags,
        summary: '解除联户关系（保留记录）',
        params: IdParamsSchema,
        body: EndLiaisonBodySchema,
        response: { 200: LiaisonSchema, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (req) => removeLiaison(deps, requireUser(req), req.params.id, req.body ?? {}),
  );
  app.get(
    '/api/v1/party/embedded-members',
    {
      schema: {
        tags,
        summary: '下沉党员（双报到）及服务时长',
        querystring: EmbeddedQuerySchema,
        response: { 200: EmbeddedMemberPageSchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (req) => searchEmbedded(deps, requireUser(req), req.query),
  );
  app.post(
    '/api/v1/party/embedded-members',
    {
      schema: {
        tags,
        summary: '登记下沉党员（到社区报到）',
        body: CreateEmbeddedMemberBodySchema,
        response: { 201: EmbeddedMemberDetailSchema, ...errors(400, 401, 403) },
      },
    },
    async (req, reply) => reply.code(201).send(await createEmbedded(deps, requireUser(req), req.body)),
  );
  app.get(
    '/api/v1/party/embedded-members/:id',
    { schema: { tags, summary: '下沉党员详情及服务记录', params: IdParamsSchema, response: { 200: EmbeddedMemberDetailSchema, ...errors(401, 403, 404) } } },
    async (req) => getEmbedded(deps, requireUser(req), req.params.id),
  );
  app.post(
    '/api/v1/party/embedded-members/:id/hours',
    {
      schema: {
        tags,
        summary: '记录服务时长',
        params: IdParamsSchema,
        body: AddServiceHoursBodySchema,
        response: { 201: EmbeddedMemberDetailSchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (req, reply) => reply.code(201).send(await addServiceHours(deps, requireUser(req), req.params.id, req.body)),
  );
};
