import { Type, type Static } from 'typebox';
import { enumOf, Nullable } from '../../platform/http/schemas.js';

/** Channels into the one queue (一号受理). */
export const CHANNELS = ['hotline', 'web', 'app', 'wechat', 'patrol', 'open311', 'import', 'supervision'] as const;
export const REQUEST_TYPES = ['consult', 'help', 'complaint', 'report', 'suggestion', 'praise'] as const;
export const ORDER_STATUSES = ['triage', 'accepted', 'dispatched', 'signed', 'in_progress', 'resolved', 'followed_up', 'closed', 'merged'] as const;
export const LEVELS = ['grid', 'village', 'township', 'county'] as const;
export const SATISFACTIONS = ['satisfied', 'basically', 'unsatisfied'] as const;

const Uuid = Type.String({ format: 'uuid' });
const CategoryCode = Type.String({ pattern: '^[0-9]{4}$' });
const RegionCode = Type.String({ pattern: '^[0-9]{6,15}$' });
const PageFields = {
  page: Type.Integer({ minimum: 1, default: 1 }),
  pageSize: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
};

// ---- Classification ----------------------------------------------------------------------

export const ClassifyBodySchema = Type.Object({ text: Type.String({ minLength: 1, maxLength: 4000 }) }, { additionalProperties: false });
export type ClassifyBody = Static<typeof ClassifyBodySchema>;

export const ClassificationSchema = Type.Object({
  requestType: enumOf(REQUEST_TYPES),
  categoryCode: Type.String(),
  confidence: Type.Number(),
  candidates: Type.Array(Type.Object({ categoryCode: Type.String(), confidence: Type.Number() })),
});

// ---- Intake ------------------------------------------------------------------------------

export const PhotoInputSchema = Type.Object(
  {
    /** data URL or bare base64 of a JPEG, PNG or WebP image, at most 5 MB. */
    data: Type.String({ minLength: 16, maxLength: 7_000_000 }),
    filename: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
);
export type PhotoInput = Static<typeof PhotoInputSchema>;

export const CreateRequestBodySchema = Type.Object(
  {
    channel: Type.Optional(enumOf(CHANNELS)),
    description: Type.String({ minLength: 5, maxLength: 4000 }),
    title: Type.Optional(Type.String({ maxLength: 60 })),
    /** Chosen by the operator or the resident; otherwise the classifier decides. */
    categoryCode: Type.Optional(CategoryCode),
    requestType: Type.Optional(enumOf(REQUEST_TYPES)),
    lat: Type.Optional(Type.Number({ minimum: -90, maximum: 90 })),
    lng: Type.Optional(Type.Number({ minimum: -180, maximum: 180 })),
    address: Type.Optional(Type.String({ maxLength: 200 })),
    requesterName: Type.Optional(Type.String({ maxLength: 50 })),
    requesterPhone: Type.Optional(Type.String({ maxLength: 20 })),
    anonymous: Type.Optional(Type.Boolean()),
    photos: Type.Optional(Type.Array(PhotoInputSchema, { maxItems: 6 })),
    /** Hotline: the operator answered a consultation on the spot; the order closes at intake. */
    answerNow: Type.Optional(Type.String({ minLength: 2, maxLength: 2000 })),
    /** When the report was made (patrol reports queued offline); defaults to now, never in the future. */
    reportedAt: Type.Optional(Type.String({ format: 'date-time' })),
  },
  { additionalProperties: false },
);
export type CreateRequestBody = Static<typeof CreateRequestBodySchema>;

export const CreatedRequestSchema = Type.Object({
  id: Type.String(),
  number: Type.String(),
  /** Shown once: with the number it opens the public tracking page. */
  queryCode: Type.String(),
  status: enumOf(ORDER_STATUSES),
  categoryCode: Nullable(Type.String()),
  categoryName: Nullable(Type.String()),
  requestType: enumOf(REQUEST_TYPES),
  unitName: Nullable(Type.String()),
  duplicateCandidates: Type.Array(Type.Object({ id: Type.String(), number: Type.String(), reason: Type.String() })),
});
export type CreatedRequest = Static<typeof CreatedRequestSchema>;

export const ImportOrderSchema = Type.Object(
  {
    externalId: Type.String({ minLength: 1, maxLength: 64 }),
    description: Type.String({ minLength: 5, maxLength: 4000 }),
    title: Type.Optional(Type.String({ maxLength: 60 })),
    categoryCode: Type.Optional(CategoryCode),
    address: Type.Optional(Type.String({ maxLength: 200 })),
    lat: Type.Optional(Type.Number({ minimum: -90, maximum: 90 })),
    lng: Type.Optional(Type.Number({ minimum: -180, maximum: 180 })),
    requesterName: Type.Optional(Type.String({ maxLength: 50 })),
    requesterPhone: Type.Optional(Type.String({ maxLength: 20 })),
    receivedAt: Type.Optional(Type.String({ format: 'date-time' })),
  },
  { additionalProperties: false },
);
export type ImportOrder = Static<typeof ImportOrderSchema>;

export const ImportBatchBodySchema = Type.Object(
  {
    source: Type.String({ pattern: '^[a-z0-9-]{2,32}$', default: '12345' }),
    /** Either a JSON list of rows shaped like ImportOrder (each row is checked on its own; bad rows come back as errors)… */
    orders: Type.Optional(Type.Array(Type.Record(Type.String(), Type.Unknown()), { maxItems: 5000 })),
    /** …or CSV text with a header row using the same field names. */
    csv: Type.Optional(Type.String({ maxLength: 5_000_000 })),
  },
  { additionalProperties: false },
);
export type ImportBatchBody = Static<typeof ImportBatchBodySchema>;

export const ImportResultSchema = Type.Object({
  created: Type.Integer(),
  unchanged: Type.Integer(),
  errors: Type.Array(Type.Object({ row: Type.Integer(), externalId: Nullable(Type.String()), field: Type.String(), reason: Type.String() })),
  orders: Type.Array(Type.Object({ externalId: Type.String(), number: Type.String(), created: Type.Boolean() })),
});
export type ImportResult = Static<typeof ImportResultSchema>;

// ---- Work orders -------------------------------------------------------------------------

export const WorkOrderSchema = Type.Object({
  id: Type.String(),
  number: Type.String(),
  channel: enumOf(CHANNELS),
  requestType: enumOf(REQUEST_TYPES),
  categoryCode: Nullable(Type.String()),
  categoryName: Nullable(Type.String()),
  categoryConfirmed: Type.Boolean(),
  confidence: Nullable(Type.Number()),
  tier: Nullable(Type.String()),
  title: Type.String(),
  description: Type.String(),
  address: Nullable(Type.String()),
  lat: Nullable(Type.Number()),
  lng: Nullable(Type.Number()),
  gridCode: Nullable(Type.String()),
  villageCode: Nullable(Type.String()),
  villageName: Nullable(Type.String()),
  townshipCode: Nullable(Type.String()),
  townshipName: Nullable(Type.String()),
  requesterName: Nullable(Type.String()),
  /** Masked (138****5678); the full number only through the audited reveal. */
  requesterPhone: Nullable(Type.String()),
  anonymous: Type.Boolean(),
  status: enumOf(ORDER_STATUSES),
  level: Nullable(enumOf(LEVELS)),
  unitRegionCode: Nullable(Type.String()),
  unitDepartmentId: Nullable(Type.String()),
  unitName: Nullable(Type.String()),
  signForDue: Nullable(Type.String()),
  resolveDue: Nullable(Type.String()),
  followUpDue: Nullable(Type.String()),
  overdue: Type.Boolean(),
  resolvedAt: Nullable(Type.String()),
  closedAt: Nullable(Type.String()),
  closedLevel: Nullable(Type.String()),
  resolution: Nullable(Type.String()),
  supervised: Type.Boolean(),
  returnPending: Type.Boolean(),
  reopenCount: Type.Integer(),
  parentId: Nullable(Type.String()),
  synthetic: Type.Boolean(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});
export type WorkOrder = Static<typeof WorkOrderSchema>;

export const TimelineEntrySchema = Type.Object({
  id: Type.String(),
  at: Type.String(),
  action: Type.String(),
  actorName: Type.String(),
  unitName: Nullable(Type.String()),
  note: Nullable(Type.String()),
  details: Type.Unknown(),
});
export type TimelineEntry = Static<typeof TimelineEntrySchema>;

export const StageSchema = Type.Object({
  id: Type.String(),
  seq: Type.Integer(),
  level: enumOf(LEVELS),
  unitName: Type.String(),
  startedAt: Type.String(),
  signForDue: Type.String(),
  resolveDue: Type.String(),
  signedAt: Nullable(Type.String()),
  endedAt: Nullable(Type.String()),
  endReason: Nullable(Type.String()),
  excused: Type.Boolean(),
});

export const WhistleCallSchema = Type.Object({
  id: Type.String(),
  whistleId: Type.String(),
  orderId: Type.String(),
  orderNumber: Type.String(),
  orderTitle: Type.String(),
  unitName: Type.String(),
  departmentId: Nullable(Type.String()),
  regionCode: Nullable(Type.String()),
  reason: Type.String(),
  calledAt: Type.String(),
  reportDue: Type.String(),
  reportedAt: Nullable(Type.String()),
  reportNote: Nullable(Type.String()),
  partDoneAt: Nullable(Type.String()),
  partNote: Nullable(Type.String()),
  late: Type.Boolean(),
});
export type WhistleCall = Static<typeof WhistleCallSchema>;

export const ExtensionSchema = Type.Object({
  id: Type.String(),
  orderId: Type.String(),
  days: Type.Integer(),
  reason: Type.String(),
  status: Type.String(),
  requestedAt: Type.String(),
  decidedAt: Nullable(Type.String()),
  decisionNote: Nullable(Type.String()),
});

export const FollowUpSchema = Type.Object({
  id: Type.String(),
  contacted: Type.Boolean(),
  resolved: Type.Boolean(),
  satisfaction: enumOf(SATISFACTIONS),
  comment: Nullable(Type.String()),
  createdAt: Type.String(),
});

export const WorkOrderDetailSchema = Type.Intersect([
  WorkOrderSchema,
  Type.Object({
    timeline: Type.Array(TimelineEntrySchema),
    stages: Type.Array(StageSchema),
    whistleCalls: Type.Array(WhistleCallSchema),
    extensions: Type.Array(ExtensionSchema),
    followUps: Type.Array(FollowUpSchema),
    photos: Type.Array(Type.Object({ id: Type.String(), contentType: Type.String(), bytes: Type.Integer() })),
    children: Type.Array(Type.Object({ id: Type.String(), number: Type.String() })),
    /** What the actor may do next on this order (the web shows these buttons). */
    allowedActions: Type.Array(Type.String()),
  }),
]);
export type WorkOrderDetail = Static<typeof WorkOrderDetailSchema>;

export const WorkOrderPageSchema = Type.Object({
  items: Type.Array(WorkOrderSchema),
  /** Rows matching, counted up to 1,000; `totalCapped` says there are more. */
  total: Type.Integer(),
  totalCapped: Type.Optional(Type.Boolean()),
  /** Pass as `after` for the page after this one; null on the last page. */
  next: Type.Optional(Type.Union([Uuid, Type.Null()])),
});
export type WorkOrderPage = Static<typeof WorkOrderPageSchema>;

export const WorkOrderQuerySchema = Type.Object({
  /** A status, or `open` (未结案): not yet followed up, closed or merged. */
  status: Type.Optional(Type.Union([enumOf(ORDER_STATUSES), Type.Literal('open')])),
  regionCode: Type.Optional(RegionCode),
  categoryCode: Type.Optional(Type.String({ pattern: '^[0-9]{2,4}$' })),
  channel: Type.Optional(enumOf(CHANNELS)),
  /** Only orders assigned to the actor's own unit. */
  mine: Type.Optional(Type.Boolean()),
  overdue: Type.Optional(Type.Boolean()),
  supervised: Type.Optional(Type.Boolean()),
  q: Type.Optional(Type.String({ maxLength: 100 })),
  from: Type.Optional(Type.String({ format: 'date' })),
  to: Type.Optional(Type.String({ format: 'date' })),
  /** The last order of the previous page (its `next`): pages by keyset instead of by `page`. */
  after: Type.Optional(Uuid),
  ...PageFields,
});
export type WorkOrderQuery = Static<typeof WorkOrderQuerySchema>;

// ---- Actions -----------------------------------------------------------------------------

const Note = Type.String({ minLength: 2, maxLength: 2000 });

export const DispatchBodySchema = Type.Object(
  {
    categoryCode: Type.Optional(CategoryCode),
    requestType: Type.Optional(enumOf(REQUEST_TYPES)),
    /** A unit chosen by hand; otherwise the routing table picks it from the category and place. */
    level: Type.Optional(enumOf(LEVELS)),
    unitRegionCode: Type.Optional(RegionCode),
    departmentId: Type.Optional(Uuid),
    /** Where the matter is, when intake could not locate it. */
    villageCode: Type.Optional(RegionCode),
    note: Type.Optional(Type.String({ maxLength: 2000 })),
  },
  { additionalProperties: false },
);
export type DispatchBody = Static<typeof DispatchBodySchema>;

export const NoteBodySchema = Type.Object({ note: Note }, { additionalProperties: false });
export type NoteBody = Static<typeof NoteBodySchema>;
export const OptionalNoteBodySchema = Type.Object({ note: Type.Optional(Type.String({ maxLength: 2000 })) }, { additionalProperties: false });
export type OptionalNoteBody = Static<typeof OptionalNoteBodySchema>;

/** Photos of the work on the spot (办理照片), taken with a progress note or the resolution: six at most per action. */
const HandlingPhotos = Type.Optional(Type.Array(PhotoInputSchema, { maxItems: 6 }));

export const ProgressBodySchema = Type.Object({ note: Note, photos: HandlingPhotos }, { additionalProperties: false });
export type ProgressBody = Static<typeof ProgressBodySchema>;

export const ResolveBodySchema = Type.Object({ resolution: Note, photos: HandlingPhotos }, { additionalProperties: false });
export type ResolveBody = Static<typeof ResolveBodySchema>;

export const ReviewBodySchema = Type.Object(
  { approve: Type.Boolean(), note: Type.Optional(Type.String({ maxLength: 2000 })) },
  { additionalProperties: false },
);
export type ReviewBody = Static<typeof ReviewBodySchema>;

export const ExtensionBodySchema = Type.Object({ days: Type.Integer({ minimum: 1, maximum: 30 }), reason: Note }, { additionalProperties: false });
export type ExtensionBody = Static<typeof ExtensionBodySchema>;

export const SuperviseBodySchema = Type.Object({ supervised: Type.Boolean(), note: Note }, { additionalProperties: false });
export type SuperviseBody = Static<typeof SuperviseBodySchema>;

export const WhistleBodySchema = Type.Object(
  {
    departmentIds: Type.Array(Uuid, { maxItems: 10, default: [] }),
    /** 镇呼县应: summon the county centre as well. */
    callCounty: Type.Optional(Type.Boolean()),
    reason: Note,
  },
  { additionalProperties: false },
);
export type WhistleBody = Static<typeof WhistleBodySchema>;

export const FollowUpBodySchema = Type.Object(
  {
    contacted: Type.Boolean(),
    resolved: Type.Boolean(),
    satisfaction: enumOf(SATISFACTIONS),
    comment: Type.Optional(Type.String({ maxLength: 2000 })),
  },
  { additionalProperties: false },
);
export type FollowUpBody = Static<typeof FollowUpBodySchema>;

export const MergeBodySchema = Type.Object({ parentId: Uuid, note: Type.Optional(Type.String({ maxLength: 2000 })) }, { additionalProperties: false });
export type MergeBody = Static<typeof MergeBodySchema>;

export const RevealBodySchema = Type.Object({ reason: Type.String({ minLength: 4, maxLength: 200 }) }, { additionalProperties: false });
export type RevealBody = Static<typeof RevealBodySchema>;

export const WhistleCallParamsSchema = Type.Object({ id: Uuid, callId: Uuid });

// ---- Caller lookup, inbox, board, routing, rates -----------------------------------------

export const CallerHistorySchema = Type.Object({
  phone: Type.String(),
  repeatCaller: Type.Boolean(),
  total: Type.Integer(),
  recent: Type.Array(WorkOrderSchema),
});
export type CallerHistory = Static<typeof CallerHistorySchema>;

export const InboxSchema = Type.Object({
  unitName: Type.String(),
  counts: Type.Object({
    new: Type.Integer(),
    dueSoon: Type.Integer(),
    overdue: Type.Integer(),
    whistles: Type.Integer(),
    returns: Type.Integer(),
    extensions: Type.Integer(),
    followUps: Type.Integer(),
    triage: Type.Integer(),
    unreadNotifications: Type.Integer(),
  }),
  new: Type.Array(WorkOrderSchema),
  dueSoon: Type.Array(WorkOrderSchema),
  overdue: Type.Array(WorkOrderSchema),
  whistles: Type.Array(WhistleCallSchema),
  returns: Type.Array(WorkOrderSchema),
  extensions: Type.Array(WorkOrderSchema),
  followUps: Type.Array(WorkOrderSchema),
  triage: Type.Array(WorkOrderSchema),
  notifications: Type.Array(
    Type.Object({
      id: Type.String(),
      kind: Type.String(),
      message: Type.String(),
      orderId: Nullable(Type.String()),
      createdAt: Type.String(),
      read: Type.Boolean(),
    }),
  ),
});
export type Inbox = Static<typeof InboxSchema>;

export const WhistleBoardSchema = Type.Object({
  /** The 200 due first. */
  items: Type.Array(WhistleCallSchema),
  /** All calls matching, counted up to 1,000; `totalCapped` says there are more. */
  total: Type.Integer(),
  totalCapped: Type.Optional(Type.Boolean()),
});
export type WhistleBoard = Static<typeof WhistleBoardSchema>;

export const RoutingRuleSchema = Type.Object({
  id: Type.String(),
  regionCode: Type.String(),
  regionName: Type.String(),
  unitKind: Type.String(),
  unitKindName: Type.String(),
  departmentId: Type.String(),
  departmentName: Type.String(),
  updatedAt: Type.String(),
});
export type RoutingRule = Static<typeof RoutingRuleSchema>;
export const RoutingRuleBodySchema = Type.Object(
  { regionCode: RegionCode, unitKind: Type.String({ minLength: 2, maxLength: 32 }), departmentId: Uuid },
  { additionalProperties: false },
);
export type RoutingRuleBody = Static<typeof RoutingRuleBodySchema>;
/** Editing a rule: another department for the same region and unit kind. */
export const RoutingRuleUpdateBodySchema = Type.Object({ departmentId: Uuid }, { additionalProperties: false });
export type RoutingRuleUpdateBody = Static<typeof RoutingRuleUpdateBodySchema>;

export const DepartmentSchema = Type.Object({ id: Type.String(), code: Type.String(), name: Type.String(), unitKind: Nullable(Type.String()) });

export const RatesQuerySchema = Type.Object({
  from: Type.String({ format: 'date' }),
  to: Type.String({ format: 'date' }),
  groupBy: Type.Union([Type.Literal('unit'), Type.Literal('township'), Type.Literal('village'), Type.Literal('category'), Type.Literal('month')], {
    default: 'township',
  }),
  regionCode: Type.Optional(RegionCode),
});
export type RatesQuery = Static<typeof RatesQuerySchema>;

export const RateCountsSchema = Type.Object({
  key: Type.String(),
  name: Type.String(),
  orders: Type.Integer(),
  followedUp: Type.Integer(),
  contacted: Type.Integer(),
  resolvedPerResident: Type.Integer(),
  satisfied: Type.Integer(),
  basicallySatisfied: Type.Integer(),
  stagesDue: Type.Integer(),
  signedOnTime: Type.Integer(),
  resolveDue: Type.Integer(),
  resolvedOnTime: Type.Integer(),
  closed: Type.Integer(),
  closedAt: Type.Object({ intake: Type.Integer(), grid: Type.Integer(), village: Type.Integer(), township: Type.Integer(), county: Type.Integer() }),
  responseRate: Nullable(Type.Number()),
  resolutionRate: Nullable(Type.Number()),
  satisfactionRate: Nullable(Type.Number()),
  onTimeSignForRate: Nullable(Type.Number()),
  onTimeResolutionRate: Nullable(Type.Number()),
});
export type RateCounts = Static<typeof RateCountsSchema>;

export const RatesReportSchema = Type.Object({
  from: Type.String(),
  to: Type.String(),
  groupBy: Type.String(),
  total: RateCountsSchema,
  rows: Type.Array(RateCountsSchema),
  formulas: Type.Record(Type.String(), Type.String()),
});
export type RatesReport = Static<typeof RatesReportSchema>;

// ---- Public tracking ---------------------------------------------------------------------

export const PublicTrackQuerySchema = Type.Object({ code: Type.String({ minLength: 4, maxLength: 12 }) });
export const PublicOrderSchema = Type.Object({
  number: Type.String(),
  status: enumOf(ORDER_STATUSES),
  categoryName: Nullable(Type.String()),
  createdAt: Type.String(),
  resolvedAt: Nullable(Type.String()),
  resolution: Nullable(Type.String()),
  timeline: Type.Array(Type.Object({ at: Type.String(), action: Type.String(), unitName: Nullable(Type.String()) })),
});
export type PublicOrder = Static<typeof PublicOrderSchema>;

export const TaxonomySchema = Type.Object({
  requestTypes: Type.Array(Type.Object({ code: Type.String(), name: Type.String() })),
  categories: Type.Array(
    Type.Object({
      code: Type.String(),
      name: Type.String(),
      children: Type.Array(
        Type.Object({ code: Type.String(), name: Type.String(), level: Type.String(), unit: Type.String(), tier: Type.String(), dispute: Type.Boolean() }),
      ),
    }),
  ),
  tiers: Type.Record(Type.String(), Type.Object({ signFor: Type.String(), resolve: Type.String(), calendar: Type.String() })),
  unitKinds: Type.Array(Type.Object({ code: Type.String(), name: Type.String() })),
});
