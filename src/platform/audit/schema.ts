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
  outcome: Type.Union([Type.Literal('ok'), Type.Literal('denied'), Type.Literal('failed')]),
  before: Type.Unknown(),
  after: Type.Unknown(),
  details: Type.Unknown(),
  clientIp: Type.Union([Type.String(), Type.Null()]),
  hash: Type.String(),
});
export type AuditRecord = Static<typeof AuditRecordSchema>;

export const AuditQuerySchema = Type.Object({
  actor: Type.Optional(Type.String({ maxLength: 64 })),
  action: Type.Optional(Type.String({ maxLength: 64 })),
  outcome: Type.Optional(Type.Union([Type.Literal('ok'), Type.Literal('denied'), Type.Literal('failed')])),
  from: Type.Optional(Type.String({ format: 'date-time' })),
  to: Type.Optional(Type.String({ format: 'date-time' })),
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
