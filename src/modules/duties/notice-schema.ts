import { Type, type Static } from 'typebox';

// 减文减会: documents and meetings addressed down, and the burden dashboard that counts them with
// the rest of what upper levels ask of villages (docs/DUTIES.md).

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const RegionCode = Type.String({ pattern: '^[0-9]{6,15}$' });

export const NoticeKindSchema = Type.Union([Type.Literal('document'), Type.Literal('meeting')]);

export const NoticeSchema = Type.Object({
  id: Type.String(),
  kind: NoticeKindSchema,
  /** 文号 (documents only). */
  docNumber: Nullable(Type.String()),
  title: Type.String(),
  /** The issuing (document) or convening (meeting) unit. */
  issuer: Type.String(),
  senderRegionCode: Type.String(),
  senderRegionName: Type.String(),
  issuedOn: Type.String(),
  /** The villages or townships it is addressed to. */
  targets: Type.Array(Type.Object({ code: Type.String(), name: Type.String() })),
  /** Villages it reaches (a township addressed counts its villages). */
  villageCount: Type.Integer(),
  /** Meetings: who must attend, and for how long. */
  attendees: Nullable(Type.String()),
  hours: Nullable(Type.Number()),
  createdAt: Type.String(),
});
export type Notice = Static<typeof NoticeSchema>;

export const NoticeQuerySchema = Type.Object({
  kind: Type.Optional(NoticeKindSchema),
  from: Type.Optional(Type.String({ format: 'date' })),
  to: Type.Optional(Type.String({ format: 'date' })),
  regionCode: Type.Optional(RegionCode),
});
export type NoticeQuery = Static<typeof NoticeQuerySchema>;

export const CreateNoticeBodySchema = Type.Object({
  kind: NoticeKindSchema,
  docNumber: Type.Optional(Type.String({ minLength: 1, maxLength: 60 })),
  title: Type.String({ minLength: 1, maxLength: 200 }),
  issuer: Type.String({ minLength: 1, maxLength: 100 }),
  /** The county or township office that sends it; the recorder's own by default. */
  senderRegionCode: Type.Optional(RegionCode),
  issuedOn: Type.String({ format: 'date' }),
  targetRegionCodes: Type.Array(RegionCode, { minItems: 1, maxItems: 1000 }),
  attendees: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
  hours: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 72 })),
});
export type CreateNoticeBody = Static<typeof CreateNoticeBodySchema>;

export const NoticeStatsSchema = Type.Array(
  Type.Object({ senderRegionCode: Type.String(), issuer: Type.String(), month: Type.String(), documents: Type.Integer(), meetings: Type.Integer() }),
);
export type NoticeStats = Static<typeof NoticeStatsSchema>;

/** The figures of one month on the burden dashboard. */
export const DashboardMonthSchema = Type.Object({
  /** yyyy-mm, China time. */
  month: Type.String(),
  workItemsSent: Type.Integer(),
  workItemsRefused: Type.Integer(),
  documents: Type.Integer(),
  meetings: Type.Integer(),
  certificatesAvoided: Type.Integer(),
  signboardsRemoved: Type.Integer(),
  groupsAppsRemoved: Type.Integer(),
  reportFieldsSystem: Type.Integer(),
  reportFieldsAsked: Type.Integer(),
});
export type DashboardMonth = Static<typeof DashboardMonthSchema>;
export type DashboardFigure = Exclude<keyof DashboardMonth, 'month'>;

export const DashboardSchema = Type.Object({
  regionCode: Type.String(),
  regionName: Type.String(),
  regionLevel: Type.String(),
  /** The county's townships (to switch to), or empty below the county. */
  townships: Type.Array(Type.Object({ code: Type.String(), name: Type.String() })),
  /** The last 12 months, oldest first, the current month last (to date). */
  months: Type.Array(DashboardMonthSchema),
  /** The measure behind each figure (GET /api/v1/measures has the formula). */
  measures: Type.Record(Type.String(), Type.String()),
});
export type Dashboard = Static<typeof DashboardSchema>;

export const DashboardQuerySchema = Type.Object({ regionCode: Type.Optional(RegionCode) });
