import { Type, type Static } from 'typebox';

export const AuditRecordSchema = Type.Object({
  seq: Type.Integer(),
  id: Type.String(),
  /** ISO 8601 with the +08:00 offset. */
  occurredAt: Type.String(),
  actorId: Type.Union([Type.String(), Type.Null()]),
  actorName: Type.Union([Type.String(), Type.Null()]),
  actorRole: Type.Union([Type.String(), Type.Null()]),
  actorScope: Type.Union([Type.String(), Type.Null()]),
  action: Type.String(),
  targetType: Type.Union([Type.String(), Type.Null()]),
  targetId: Type.Union([Type.String(), Type.Null()]),
  /** What the object is called (a user's name, an order's number), when it is in the reader's scope and not personal data. */
  targetName: Type.Union([Type.String(), Type.Null()]),
  outcome: Type.Union([Type.Literal('ok'), Type.Literal('denied'), Type.Literal('failed')]),
  before: Type.Unknown(),
  after: Type.Unknown(),
  details: Type.Unknown(),
  clientIp: Type.Union([Type.String(), Type.Null()]),
  hash: Type.String(),
});
export type AuditRecord = Static<typeof AuditRecordSchema>;

const AuditFilterFields = {
  /** The actor's username. */
  actor: Type.Optional(Type.String({ maxLength: 64 })),
  /** The actor's account id (the page's user picker). */
  actorId: Type.Optional(Type.String({ format: 'uuid' })),
  /** An event code, or the start of one (`work_order.` for the whole family). */
  action: Type.Optional(Type.String({ maxLength: 64 })),
  outcome: Type.Optional(Type.Union([Type.Literal('ok'), Type.Literal('denied'), Type.Literal('failed')])),
  /** One object's history: its type and id together. */
  targetType: Type.Optional(Type.String({ maxLength: 40 })),
  targetId: Type.Optional(Type.String({ maxLength: 64 })),
  from: Type.Optional(Type.String({ format: 'date-time' })),
  to: Type.Optional(Type.String({ format: 'date-time' })),
};

/** The export takes the page's filters; at most AUDIT_EXPORT_LIMIT rows, newest first. */
export const AuditExportQuerySchema = Type.Object({ ...AuditFilterFields, lang: Type.Optional(Type.Union([Type.Literal('zh-CN'), Type.Literal('en')])) });
export type AuditExportQuery = Static<typeof AuditExportQuerySchema>;
export const AUDIT_EXPORT_LIMIT = 10000;

/** Accounts to filter the log by (the user picker). */
export const AuditActorQuerySchema = Type.Object({ q: Type.Optional(Type.String({ maxLength: 50 })) });
export const AuditActorSchema = Type.Object({ id: Type.String(), username: Type.String(), displayName: Type.String() });
export type AuditActor = Static<typeof AuditActorSchema>;

export const AuditQuerySchema = Type.Object({
  ...AuditFilterFields,
  page: Type.Optional(Type.Integer({ minimum: 1, default: 1 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
});
export type AuditQuery = Static<typeof AuditQuerySchema>;

export const AuditPageSchema = Type.Object({ items: Type.Array(AuditRecordSchema), total: Type.Integer() });
export type AuditPage = Static<typeof AuditPageSchema>;

/** The security admin's alert list: audit records with action `security.alert`, newest first. */
export const SecurityAlertQuerySchema = Type.Object({
  from: Type.Optional(Type.String({ format: 'date-time' })),
  page: Type.Optional(Type.Integer({ minimum: 1, default: 1 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
});
export type SecurityAlertQuery = Static<typeof SecurityAlertQuerySchema>;
