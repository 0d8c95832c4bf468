import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { sendXlsx } from '../../platform/spreadsheet.js';
import type { FastifyRequest } from 'fastify';
import { Type, type Static, type TSchema } from 'typebox';
import type { Actor } from '../../platform/actor.js';
import { recordAudit } from '../../platform/audit/service.js';
import { DrillClock } from '../../platform/clock.js';
import type { Deps } from '../../platform/deps.js';
import { toOffsetIso } from '../../platform/time.js';
import { authorize } from './policy.js';
import { sweepOverdue } from './sweep-service.js';
import { requireUser } from '../../platform/http/auth.js';
import { markReplayed } from '../../platform/http/idempotency.js';
import { timingsOf } from '../../platform/http/server-timing.js';
import { errors, IdParamsSchema } from '../../platform/http/schemas.js';
import { classifyText } from './classify/service.js';
import { submitRequest } from './intake-service.js';
import {
  closeOrder,
  dispatchOrder,
  escalateOrder,
  followUpOrder,
  mergeOrder,
  progressOrder,
  reopenOrder,
  requestExtension,
  resolveOrder,
  returnOrder,
  reviewExtension,
  reviewReturn,
  signOrder,
  superviseOrder,
} from './lifecycle-service.js';
import { deliverPending } from './notify.js';
import {
  callerHistory,
  duplicatesOf,
  getInbox,
  getPhoto,
  getWorkOrder,
  readNotification,
  revealContact,
  searchWorkOrders,
  whistleBoard,
} from './query-service.js';
import { exportWhistles, exportWorkOrders } from './list-export.js';
import { ratesWorkbook } from './rates-export.js';
import { ratesReport } from './rates-service.js';
import { deleteRoutingRule, departments, routingRules, saveRoutingRule, updateRoutingRule } from './routing-service.js';
import {
  CallerHistorySchema,
  ClassificationSchema,
  ClassifyBodySchema,
  CreatedRequestSchema,
  CreateRequestBodySchema,
  DepartmentSchema,
  DispatchBodySchema,
  ExtensionBodySchema,
  FollowUpBodySchema,
  InboxSchema,
  MergeBodySchema,
  NoteBodySchema,
  OptionalNoteBodySchema,
  ProgressBodySchema,
  RatesQuerySchema,
  RatesReportSchema,
  ResolveBodySchema,
  RevealBodySchema,
  ReviewBodySchema,
  RoutingRuleBodySchema,
  RoutingRuleUpdateBodySchema,
  RoutingRuleSchema,
  SuperviseBodySchema,
  TaxonomySchema,
  WhistleBoardSchema,
  WhistleBodySchema,
  WhistleCallParamsSchema,
  WorkOrderDetailSchema,
  type WorkOrderDetail,
  WorkOrderPageSchema,
  WorkOrderQuerySchema,
} from './schema.js';
import { importBatch } from './import-service.js';
import { fileHeaders } from '../../platform/files/index.js';
import { photoFilename } from './photos.js';
import { ImportBatchBodySchema, ImportResultSchema } from './schema.js';
import { CATEGORIES, REQUEST_TYPES, SUBCATEGORIES, TIERS, UNIT_KINDS } from './taxonomy/index.js';
import { reportIn, finishPart, whistleOrder } from './whistle-service.js';

/** Photos make intake bodies large: six photos of 5 MB in base64. */
export const INTAKE_BODY_LIMIT = 42 * 1024 * 1024;

/** Who submitted + their Idempotency-Key: the order remembers it, so a retry after a crash finds it. */
export function submitKeyOf(req: FastifyRequest): string | undefined {
  return req.idempotency ? `${req.idempotency.actorKey}:${req.idempotency.key}` : undefined;
}

/** Intake keeps the key in its own transaction (config idempotencyInService): the key, and the request's hash. */
export function submitOptionsOf(req: FastifyRequest): { submitKey?: string; submitHash?: string } {
  return req.idempotency ? { submitKey: submitKeyOf(req), submitHash: req.idempotency.requestHash } : {};
}

/** Notices go out after the transaction that wrote them has committed; failures wait for the next run. */
export function deliverLater(deps: Deps): void {
  if (deps.config.webhookUrl) void deliverPending(deps).catch(() => {});
}

const Detail = { 200: WorkOrderDetailSchema, ...errors(400, 401, 403, 404, 409) };

export const requestRoutes: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (app, { deps }) => {
  const tags = ['requests'];
  const taxonomy = {
    requestTypes: REQUEST_TYPES,
    categories: CATEGORIES.map((c) => ({
      ...c,
      children: SUBCATEGORIES.filter((s) => s.parentCode === c.code).map(({ parentCode: _p, parentName: _n, ...s }) => s),
    })),
    tiers: TIERS,
    unitKinds: UNIT_KINDS,
  };
  app.get(
    '/api/v1/requests/taxonomy',
    { schema: { tags, summary: '诉求分类、时限档次和单位类别', security: [], response: { 200: TaxonomySchema } } },
    async () => taxonomy,
  );

  app.post(
    '/api/v1/requests/classify',
    {
      // Anonymous callers share a per-address limit; operators (a whole call centre may sit behind one address) are counted per account.
      config: {
        rateLimit: {
          hook: 'preHandler',
          keyGenerator: (req: FastifyRequest) => req.actor?.userId ?? req.ip,
          max: (req: FastifyRequest) => (req.actor?.userId ? 600 : deps.config.anonymousRateLimitPerMinute),
          timeWindow: 60_000,
        },
      },
      schema: {
        tags,
        summary: '按文本推荐诉求类型和分类（无需登录，限流）',
        security: [],
        body: ClassifyBodySchema,
        response: { 200: ClassificationSchema, ...errors(400, 429) },
      },
    },
    async (req) => classifyText(deps, req.body.text),
  );

  app.post(
    '/api/v1/requests',
    {
      bodyLimit: INTAKE_BODY_LIMIT,
      config: { idempotencyInService: true },
      schema: {
        tags,
        summary: '受理诉求（热线、APP、网格员巡查上报）',
        body: CreateRequestBodySchema,
        response: { 201: CreatedRequestSchema, 200: CreatedRequestSchema, ...errors(400, 401, 403, 409) },
      },
    },
    async (req, reply) => {
      const actor = requireUser(req);
      const channel = req.body.channel ?? (actor.role === 'grid_worker' ? 'patrol' : 'hotline');
      const timings = timingsOf(req);
      const { replayed, ...created } = await submitRequest(deps, actor, req.body, { channel, ...submitOptionsOf(req), timings });
      if (replayed) markReplayed(reply);
      timings.timeSync('after', () => deliverLater(deps));
      return reply.code(201).send(created);
    },
  );

  app.post(
    '/api/v1/work-orders/import',
    {
      bodyLimit: 20 * 1024 * 1024,
      schema: {
        tags,
        summary: '从 12345 平台批量导入工单（按外部编号去重）',
        body: ImportBatchBodySchema,
        response: { 200: ImportResultSchema, ...errors(400, 401, 403) },
      },
    },
    async (req) => {
      const result = await importBatch(deps, requireUser(req), req.body);
      deliverLater(deps);
      return result;
    },
  );

  app.get(
    '/api/v1/work-orders',
    { schema: { tags, summary: '工单列表', querystring: WorkOrderQuerySchema, response: { 200: WorkOrderPageSchema, ...errors(400, 401, 403) } } },
    async (req) => searchWorkOrders(deps, requireUser(req), req.query),
  );
  app.get(
    '/api/v1/work-orders.xlsx',
    {
      schema: {
        tags,
        summary: '导出工单列表为 Excel（与列表同样的筛选和范围；第二张表为说明；最多 50,000 行）',
        querystring: Type.Omit(WorkOrderQuerySchema, ['page', 'pageSize', 'after']),
        response: errors(400, 401, 403),
      },
    },
    async (req, reply) => {
      const { name, file } = await exportWorkOrders(deps, requireUser(req), req.query);
      return sendXlsx(reply, name, file);
    },
  );
  app.get('/api/v1/work-orders/:id', { schema: { tags, summary: '工单详情（含时间线）', params: IdParamsSchema, response: Detail } }, async (req) =>
    getWorkOrder(deps, requireUser(req), req.params.id),
  );
  app.get(
    '/api/v1/work-orders/:id/duplicates',
    { schema: { tags, summary: '疑似重复工单', params: IdParamsSchema, response: { 200: WorkOrderPageSchema, ...errors(401, 403, 404) } } },
    async (req) => duplicatesOf(deps, requireUser(req), req.params.id),
  );
  app.get(
    '/api/v1/work-orders/:id/photos/:photoId',
    {
      schema: {
        tags,
        summary: '工单照片（已去除 EXIF）',
        params: Type.Object({ id: Type.String({ format: 'uuid' }), photoId: Type.String({ format: 'uuid' }) }),
      },
    },
    async (req, reply) => {
      const p = await getPhoto(deps, requireUser(req), req.params.id, req.params.photoId);
      // The file store's headers: the exact image type found by content, nosniff, shown inline under a plain name.
      return reply.headers(fileHeaders({ ...p.meta, filename: photoFilename(req.params.photoId, p.meta.contentType) })).send(p.data);
    },
  );

  // Actions: each one is a timeline entry; the detail's allowedActions says which apply.
  const action = <S extends TSchema>(
    name: string,
    summary: string,
    body: S,
    run: (actor: Actor, id: string, body: Static<S>) => Promise<WorkOrderDetail>,
    bodyLimit?: number,
  ) =>
    app.post(`/api/v1/work-orders/:id/${name}`, { bodyLimit, schema: { tags, summary, params: IdParamsSchema, body, response: Detail } }, async (req) => {
      const out = await run(requireUser(req), req.params.id, (req.body ?? {}) as Static<S>);
      deliverLater(deps);
      return out;
    });
  action('dispatch', '派单（分类纠正、指定单位或按路由表）', DispatchBodySchema, (a, id, b) => dispatchOrder(deps, a, id, b));
  action('sign', '签收', OptionalNoteBodySchema, (a, id, b) => signOrder(deps, a, id, b.note));
  // Progress notes and resolutions may carry photos of the work (办理照片): bodies as large as an intake's.
  action('progress', '办理进展（可附办理照片）', ProgressBodySchema, (a, id, b) => progressOrder(deps, a, id, b.note, b.photos), INTAKE_BODY_LIMIT);
  action('return', '退单（说明理由）', NoteBodySchema, (a, id, b) => returnOrder(deps, a, id, b.note));
  action('review-return', '派单异议审核', ReviewBodySchema, (a, id, b) => reviewReturn(deps, a, id, b));
  action('extension', '申请延期', ExtensionBodySchema, (a, id, b) => requestExtension(deps, a, id, b));
  action('review-extension', '延期审批', ReviewBodySchema, (a, id, b) => reviewExtension(deps, a, id, b));
  action('supervise', '督办', SuperviseBodySchema, (a, id, b) => superviseOrder(deps, a, id, b));
  action('escalate', '上报上一级', NoteBodySchema, (a, id, b) => escalateOrder(deps, a, id, b.note));
  action('whistle', '吹哨（召集部门报到；镇呼县应）', WhistleBodySchema, (a, id, b) => whistleOrder(deps, a, id, b));
  action('resolve', '办结（可附办理照片）', ResolveBodySchema, (a, id, b) => resolveOrder(deps, a, id, b), INTAKE_BODY_LIMIT);
  action('follow-up', '回访', FollowUpBodySchema, (a, id, b) => followUpOrder(deps, a, id, b));
  action('close', '督办审核后结案', OptionalNoteBodySchema, (a, id, b) => closeOrder(deps, a, id, b.note));
  action('reopen', '重办', NoteBodySchema, (a, id, b) => reopenOrder(deps, a, id, b.note));
  action('merge', '合并到主工单', MergeBodySchema, (a, id, b) => mergeOrder(deps, a, id, b));
  app.post(
    '/api/v1/work-orders/:id/whistle-calls/:callId/report-in',
    { schema: { tags, summary: '报到（被召集单位）', params: WhistleCallParamsSchema, body: NoteBodySchema, response: Detail } },
    async (req) => reportIn(deps, requireUser(req), req.params.id, req.params.callId, req.body.note),
  );
  app.post(
    '/api/v1/work-orders/:id/whistle-calls/:callId/part-done',
    { schema: { tags, summary: '被召集单位完成所承担的任务', params: WhistleCallParamsSchema, body: NoteBodySchema, response: Detail } },
    async (req) => finishPart(deps, requireUser(req), req.params.id, req.params.callId, req.body.note),
  );
  app.post(
    '/api/v1/work-orders/:id/reveal-contact',
    {
      schema: {
        tags,
        summary: '查看诉求人完整电话（需说明理由，记入审计；每人每 10 分钟、每天限次数，超出 429）',
        params: IdParamsSchema,
        body: RevealBodySchema,
        response: { 200: Type.Object({ phone: Type.Union([Type.String(), Type.Null()]) }), ...errors(400, 401, 403, 404, 429) },
      },
    },
    async (req) => revealContact(deps, requireUser(req), req.params.id, req.body.reason),
  );

  app.get(
    '/api/v1/callers',
    {
      schema: {
        tags,
        summary: '来电人历史诉求（按电话）',
        querystring: Type.Object({ phone: Type.String({ minLength: 7, maxLength: 20 }) }),
        response: { 200: CallerHistorySchema, ...errors(400, 401, 403) },
      },
    },
    async (req) => callerHistory(deps, requireUser(req), req.query.phone),
  );
  app.get('/api/v1/inbox', { schema: { tags, summary: '本单位待办', response: { 200: InboxSchema, ...errors(401, 403) } } }, async (req) =>
    getInbox(deps, requireUser(req)),
  );
  app.post(
    '/api/v1/notifications/:id/read',
    { schema: { tags, summary: '标记通知已读', params: IdParamsSchema, response: { 204: Type.Null(), ...errors(401, 403, 404) } } },
    async (req, reply) => {
      await readNotification(deps, requireUser(req), req.params.id);
      return reply.code(204).send(null);
    },
  );
  app.get(
    '/api/v1/whistles',
    {
      schema: {
        tags,
        summary: '吹哨报到看板',
        querystring: Type.Object({ open: Type.Optional(Type.Boolean()) }),
        response: { 200: WhistleBoardSchema, ...errors(401, 403) },
      },
    },
    async (req) => whistleBoard(deps, requireUser(req), req.query.open ?? false),
  );
  app.get(
    '/api/v1/whistles.xlsx',
    {
      schema: {
        tags,
        summary: '导出吹哨报到看板为 Excel（第二张表为说明；最多 50,000 行）',
        querystring: Type.Object({ open: Type.Optional(Type.Boolean()) }),
        response: errors(400, 401, 403),
      },
    },
    async (req, reply) => {
      const { name, file } = await exportWhistles(deps, requireUser(req), req.query.open ?? false);
      return sendXlsx(reply, name, file);
    },
  );
  app.get(
    '/api/v1/requests/rates',
    {
      schema: {
        tags,
        summary: '三率统计（响应率、解决率、满意率）及按时率、各层级办结占比',
        querystring: RatesQuerySchema,
        response: { 200: RatesReportSchema, ...errors(400, 401, 403) },
      },
    },
    async (req) => ratesReport(deps, requireUser(req), req.query),
  );
  app.get(
    '/api/v1/requests/rates.xlsx',
    {
      schema: {
        tags,
        summary: '导出三率统计为 Excel（第二张表为口径与查询）',
        querystring: RatesQuerySchema,
        response: errors(400, 401, 403),
      },
    },
    async (req, reply) => {
      const { name, file } = await ratesWorkbook(deps, requireUser(req), req.query);
      return sendXlsx(reply, name, file);
    },
  );
  if (deps.config.drill && deps.clock instanceof DrillClock) {
    const clock = deps.clock;
    app.post(
      '/api/v1/requests/drill/advance',
      {
        schema: {
          tags,
          summary: '演练模式：把时钟拨快若干分钟并立即执行超时检查（仅 GONGZHI_DRILL=true 时存在）',
          body: Type.Object({ minutes: Type.Integer({ minimum: 1, maximum: 60 * 24 * 60 }) }, { additionalProperties: false }),
          response: { 200: Type.Object({ now: Type.String(), escalated: Type.Integer(), supervised: Type.Integer() }), ...errors(400, 401, 403) },
        },
      },
      async (req) => {
        const actor = requireUser(req);
        authorize(actor, 'requests.configure');
        clock.advanceMinutes(req.body.minutes);
        await recordAudit(deps.db, deps.clock, actor, { action: 'drill.advance_clock', details: { minutes: req.body.minutes } });
        const r = await sweepOverdue(deps);
        deliverLater(deps);
        return { now: toOffsetIso(deps.clock.now()), escalated: r.escalated, supervised: r.supervised };
      },
    );
    app.post(
      '/api/v1/requests/drill/reset',
      { schema: { tags, summary: '演练模式：时钟回到真实时间（演练结束时）', response: { 200: Type.Object({ now: Type.String() }), ...errors(401, 403) } } },
      async (req) => {
        const actor = requireUser(req);
        authorize(actor, 'requests.configure');
        clock.reset();
        await recordAudit(deps.db, deps.clock, actor, { action: 'drill.reset_clock' });
        return { now: toOffsetIso(deps.clock.now()) };
      },
    );
  }
  app.get('/api/v1/departments', { schema: { tags, summary: '职能部门', response: { 200: Type.Array(DepartmentSchema), ...errors(401, 403) } } }, async (req) =>
    departments(deps, requireUser(req)),
  );
  app.get(
    '/api/v1/routing-rules',
    { schema: { tags, summary: '派单路由表', response: { 200: Type.Array(RoutingRuleSchema), ...errors(401, 403) } } },
    async (req) => routingRules(deps, requireUser(req)),
  );
  app.put(
    '/api/v1/routing-rules',
    {
      schema: {
        tags,
        summary: '设置路由规则（区划 + 单位类别 → 部门）',
        body: RoutingRuleBodySchema,
        response: { 200: RoutingRuleSchema, ...errors(400, 401, 403) },
      },
    },
    async (req) => saveRoutingRule(deps, requireUser(req), req.body),
  );
  app.put(
    '/api/v1/routing-rules/:id',
    {
      schema: {
        tags,
        summary: '修改路由规则的负责部门',
        params: IdParamsSchema,
        body: RoutingRuleUpdateBodySchema,
        response: { 200: RoutingRuleSchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (req) => updateRoutingRule(deps, requireUser(req), req.params.id, req.body),
  );
  app.delete(
    '/api/v1/routing-rules/:id',
    { schema: { tags, summary: '删除路由规则', params: IdParamsSchema, response: { 204: Type.Null(), ...errors(401, 403, 404) } } },
    async (req, reply) => {
      await deleteRoutingRule(deps, requireUser(req), req.params.id);
      return reply.code(204).send(null);
    },
  );
};
