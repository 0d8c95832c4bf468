import { Type, type Static } from 'typebox';

const RegionCode = Type.String({ pattern: '^[0-9]{6,15}$' });
const DateStr = Type.String({ format: 'date' });
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

export const DUTY_LISTS = [
  'township_basic',
  'township_assist',
  'township_returned',
  'township_power',
  'township_service',
  'township_territorial',
  'village_main',
  'village_assist',
  'village_forbidden',
  'small_power',
] as const;
export const DutyListSchema = Type.Unsafe<(typeof DUTY_LISTS)[number]>({ type: 'string', enum: [...DUTY_LISTS] });

/** The lists' names, as the web and the spreadsheet show them. */
export const DUTY_LIST_NAMES: Record<(typeof DUTY_LISTS)[number], string> = {
  township_basic: '乡镇基本履职事项',
  township_assist: '乡镇配合履职事项',
  township_returned: '上级部门收回事项',
  township_power: '乡镇权力事项',
  township_service: '乡镇政务服务事项',
  township_territorial: '乡镇属地管理事项',
  village_main: '村级主责事项',
  village_assist: '村级协助事项',
  village_forbidden: '村级负面事项',
  small_power: '村级小微权力',
};

export const DutyItemSchema = Type.Object({
  id: Type.String(),
  list: DutyListSchema,
  listName: Type.String(),
  regionCode: Type.String(),
  regionName: Type.String(),
  /** Inherited from the county's template, or the region's own adjustment. */
  inherited: Type.Boolean(),
  code: Type.String(),
  name: Type.String(),
  basis: Nullable(Type.String()),
  departmentId: Nullable(Type.String()),
  departmentName: Nullable(Type.String()),
  procedure: Type.Array(Type.String()),
  status: Type.Union([Type.Literal('proposed'), Type.Literal('active'), Type.Literal('rejected'), Type.Literal('retired')]),
  effectiveFrom: Type.String(),
  effectiveTo: Nullable(Type.String()),
  decisionNote: Nullable(Type.String()),
});
export type DutyItem = Static<typeof DutyItemSchema>;

export const DutyItemQuerySchema = Type.Object({
  list: Type.Optional(DutyListSchema),
  /** The lists that apply to this region (the county's template and its own); the actor's region by default. */
  regionCode: Type.Optional(RegionCode),
  /** Proposed adjustments waiting for the county, instead of the items in force. */
  pending: Type.Optional(Type.Boolean()),
});
export type DutyItemQuery = Static<typeof DutyItemQuerySchema>;

export const CreateDutyItemBodySchema = Type.Object({
  list: DutyListSchema,
  /** Whose list: the county (a template item) or a township or village (an adjustment, approved by the county). */
  regionCode: RegionCode,
  code: Type.String({ minLength: 1, maxLength: 20 }),
  name: Type.String({ minLength: 1, maxLength: 200 }),
  basis: Type.Optional(Type.String({ maxLength: 500 })),
  departmentId: Type.Optional(Type.String({ format: 'uuid' })),
  procedure: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 200 }), { maxItems: 20 })),
  effectiveFrom: Type.Optional(DateStr),
});
export type CreateDutyItemBody = Static<typeof CreateDutyItemBodySchema>;

export const DecideBodySchema = Type.Object({
  approve: Type.Boolean(),
  note: Type.String({ minLength: 1, maxLength: 500 }),
  /** For a held work item approved as an exception: when the exception ends. */
  expiresOn: Type.Optional(DateStr),
});
export type DecideBody = Static<typeof DecideBodySchema>;

export const RetireBodySchema = Type.Object({ effectiveTo: DateStr, note: Type.String({ minLength: 1, maxLength: 500 }) });
export type RetireBody = Static<typeof RetireBodySchema>;

export const WORK_ITEM_KINDS = ['task', 'form', 'inspection', 'meeting', 'data_request'] as const;
export const WorkItemKindSchema = Type.Unsafe<(typeof WORK_ITEM_KINDS)[number]>({ type: 'string', enum: [...WORK_ITEM_KINDS] });
export const WORK_ITEM_KIND_NAMES: Record<(typeof WORK_ITEM_KINDS)[number], string> = {
  task: '工作任务',
  form: '表格填报',
  inspection: '督查检查',
  meeting: '会议',
  data_request: '数据报送',
};

export const WorkItemStatusSchema = Type.Union([Type.Literal('delivered'), Type.Literal('refused'), Type.Literal('held'), Type.Literal('rejected')]);

export const DatumFieldSchema = Type.Object({
  key: Type.String({ pattern: '^[a-z][a-z0-9_.]{1,59}$' }),
  label: Type.String({ minLength: 1, maxLength: 100 }),
  unit: Type.Optional(Type.String({ maxLength: 20 })),
});

export const WorkItemSchema = Type.Object({
  id: Type.String(),
  batchId: Type.String(),
  kind: WorkItemKindSchema,
  title: Type.String(),
  content: Type.String(),
  dueOn: Nullable(Type.String()),
  dutyItem: Nullable(Type.Object({ id: Type.String(), code: Type.String(), name: Type.String(), list: DutyListSchema, listName: Type.String() })),
  exceptionReason: Nullable(Type.String()),
  senderName: Type.String(),
  targetRegionCode: Type.String(),
  targetRegionName: Type.String(),
  status: WorkItemStatusSchema,
  /** Why it was delivered, refused, held or rejected, in words. */
  reason: Type.String(),
  approvalNote: Nullable(Type.String()),
  exceptionExpiresOn: Nullable(Type.String()),
  decidedAt: Type.String(),
  /** A data request's fields, and whether the village has answered. */
  fields: Nullable(Type.Array(DatumFieldSchema)),
  periodFrom: Nullable(Type.String()),
  periodTo: Nullable(Type.String()),
  answeredAt: Nullable(Type.String()),
  createdAt: Type.String(),
});
export type WorkItem = Static<typeof WorkItemSchema>;

export const SendWorkItemBodySchema = Type.Object({
  kind: WorkItemKindSchema,
  title: Type.String({ minLength: 1, maxLength: 100 }),
  content: Type.String({ minLength: 1, maxLength: 4000 }),
  /** Villages (村、社区) in the sender's area. */
  targetRegionCodes: Type.Array(RegionCode, { minItems: 1, maxItems: 500 }),
  /** The list item it falls under; none when it is on no list. */
  dutyItemId: Type.Optional(Type.String({ format: 'uuid' })),
  dueOn: Type.Optional(DateStr),
  /** Asks the county for an exception when the item is on no list: it is then held, not refused. */
  exceptionReason: Type.Optional(Type.String({ minLength: 1, maxLength: 500 })),
});
export type SendWorkItemBody = Static<typeof SendWorkItemBodySchema>;

export const SendResultSchema = Type.Object({
  batchId: Type.String(),
  delivered: Type.Integer(),
  refused: Type.Integer(),
  held: Type.Integer(),
  items: Type.Array(WorkItemSchema),
});
export type SendResult = Static<typeof SendResultSchema>;

export const WorkItemQuerySchema = Type.Object({
  /** sent: what the actor's unit sent; incoming: delivered to the actor's villages; refused: refused on their behalf; held: waiting for the county. */
  box: Type.Union([Type.Literal('sent'), Type.Literal('incoming'), Type.Literal('refused'), Type.Literal('held')]),
  /** Keyset cursor: the last item's `createdAt|id` from the previous page. */
  after: Type.Optional(Type.String({ maxLength: 80 })),
  pageSize: Type.Integer({ minimum: 1, maximum: 100, default: 20 }),
});
export type WorkItemQuery = Static<typeof WorkItemQuerySchema>;

export const WorkItemPageSchema = Type.Object({ items: Type.Array(WorkItemSchema), next: Nullable(Type.String()) });
export type WorkItemPage = Static<typeof WorkItemPageSchema>;

export const AnswerBodySchema = Type.Object({ values: Type.Record(Type.String(), Type.Number({ minimum: 0, maximum: 1e12 })) });
export type AnswerBody = Static<typeof AnswerBodySchema>;

export const AccessStatsQuerySchema = Type.Object({ from: DateStr, to: DateStr });
export type AccessStatsQuery = Static<typeof AccessStatsQuerySchema>;
export const AccessStatsSchema = Type.Object({
  rows: Type.Array(
    Type.Object({
      senderName: Type.String(),
      month: Type.String(),
      delivered: Type.Integer(),
      refused: Type.Integer(),
      held: Type.Integer(),
      rejected: Type.Integer(),
    }),
  ),
});
export type AccessStats = Static<typeof AccessStatsSchema>;

export const CertificateRuleSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  keywords: Type.Array(Type.String()),
  allowed: Type.Boolean(),
  alternative: Nullable(Type.String()),
  basis: Nullable(Type.String()),
});
export type CertificateRule = Static<typeof CertificateRuleSchema>;

export const CreateCertificateRuleBodySchema = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 100 }),
  keywords: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 20 }), { maxItems: 20 })),
  allowed: Type.Boolean(),
  alternative: Type.Optional(Type.String({ minLength: 1, maxLength: 500 })),
  basis: Type.Optional(Type.String({ maxLength: 500 })),
});
export type CreateCertificateRuleBody = Static<typeof CreateCertificateRuleBodySchema>;

export const CertificateCheckSchema = Type.Object({
  /** The rule that matched, if any. */
  rule: Nullable(CertificateRuleSchema),
  /** May the village issue it? null when no rule matched (not listed: ask the county). */
  allowed: Nullable(Type.Boolean()),
  /** What to tell the person asking. */
  answer: Type.String(),
});
export type CertificateCheck = Static<typeof CertificateCheckSchema>;

export const CertificateAnswerBodySchema = Type.Object({ ruleId: Type.String({ format: 'uuid' }), regionCode: Type.Optional(RegionCode) });
export type CertificateAnswerBody = Static<typeof CertificateAnswerBodySchema>;

export const ReportFieldSchema = Type.Object({
  key: Type.String({ pattern: '^[a-z][a-z0-9_.]{1,59}$' }),
  label: Type.String({ minLength: 1, maxLength: 100 }),
  unit: Type.Optional(Type.String({ maxLength: 20 })),
  /** The measure that fills it; absent: not in the system, asked of villages once per period. */
  measureId: Type.Optional(Type.String({ maxLength: 80 })),
});
export type ReportField = Static<typeof ReportFieldSchema>;

export const ReportTemplateSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  requester: Type.String(),
  fields: Type.Array(ReportFieldSchema),
  dutyItemId: Nullable(Type.String()),
  createdAt: Type.String(),
});
export type ReportTemplate = Static<typeof ReportTemplateSchema>;

export const CreateReportTemplateBodySchema = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 100 }),
  requester: Type.String({ minLength: 1, maxLength: 100 }),
  fields: Type.Array(ReportFieldSchema, { minItems: 1, maxItems: 100 }),
  /** Needed when a field is not in the system: the list item its data requests go down under. */
  dutyItemId: Type.Optional(Type.String({ format: 'uuid' })),
});
export type CreateReportTemplateBody = Static<typeof CreateReportTemplateBodySchema>;

export const GenerateReportBodySchema = Type.Object({
  templateId: Type.String({ format: 'uuid' }),
  regionCode: Type.Optional(RegionCode),
  from: DateStr,
  to: DateStr,
});
export type GenerateReportBody = Static<typeof GenerateReportBodySchema>;

export const ReportFieldValueSchema = Type.Object({
  key: Type.String(),
  label: Type.String(),
  unit: Nullable(Type.String()),
  value: Nullable(Type.Number()),
  /** system: computed from a measure; villages: entered by villages (all of them, or some still missing). */
  source: Type.Union([Type.Literal('system'), Type.Literal('villages')]),
  measureId: Nullable(Type.String()),
  formula: Nullable(Type.String()),
  numerator: Nullable(Type.Number()),
  denominator: Nullable(Type.Number()),
  villagesAnswered: Nullable(Type.Integer()),
  villagesAsked: Nullable(Type.Integer()),
  /** Villages whose figure was already on record for this period, so they were not asked again. */
  villagesReused: Nullable(Type.Integer()),
});

export const ReportSchema = Type.Object({
  id: Type.String(),
  templateId: Type.String(),
  templateName: Type.String(),
  requester: Type.String(),
  regionCode: Type.String(),
  regionName: Type.String(),
  from: Type.String(),
  to: Type.String(),
  fields: Type.Array(ReportFieldValueSchema),
  /** Fields filled by the system vs. fields asked of villages. */
  filledBySystem: Type.Integer(),
  askedOfVillages: Type.Integer(),
  /** Data requests sent down when this report was generated (0 when every village had answered before). */
  requestsSent: Type.Integer(),
  createdAt: Type.String(),
});
export type Report = Static<typeof ReportSchema>;

export const ReportListSchema = Type.Array(
  Type.Object({ id: Type.String(), templateName: Type.String(), regionName: Type.String(), from: Type.String(), to: Type.String(), createdAt: Type.String() }),
);
export type ReportList = Static<typeof ReportListSchema>;
