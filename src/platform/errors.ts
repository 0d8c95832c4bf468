/** One error type for the whole server. Messages are Chinese; codes are English and stable. */
export const ERROR_STATUS = {
  VALIDATION_FAILED: 400,
  UNAUTHENTICATED: 401,
  TOTP_REQUIRED: 401,
  ACCOUNT_LOCKED: 423,
  FORBIDDEN: 403,
  CSRF_REJECTED: 403,
  PASSWORD_CHANGE_REQUIRED: 403,
  NOT_FOUND: 404,
  ALREADY_EXISTS: 409,
  CONFLICT: 409,
  /** The points shop has fewer of an item than asked for. */
  OUT_OF_STOCK: 409,
  /** A points or time-bank balance smaller than what is to be spent. */
  INSUFFICIENT_BALANCE: 409,
  /** A volunteer confirming their own hours. */
  SELF_CONFIRM: 403,
  IDEMPOTENCY_KEY_REUSED: 422,
  IDEMPOTENCY_IN_PROGRESS: 409,
  PAYLOAD_TOO_LARGE: 413,
  RATE_LIMITED: 429,
  INTERNAL: 500,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export interface ErrorBody {
  error: { code: ErrorCode; message: string; details: Record<string, unknown> };
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: Record<string, unknown>;
  /** A refusal because the target lies outside the actor's scope: audited, never shown as such. */
  scopeRefusal = false;
  constructor(code: ErrorCode, message: string, details: Record<string, unknown> = {}) {
    super(message);
    this.code = code;
    this.details = details;
  }
  get status(): number {
    return ERROR_STATUS[this.code];
  }
  /** Read by Fastify plugins (rate limit) that throw what their builders return. */
  get statusCode(): number {
    return this.status;
  }
  toBody(): ErrorBody {
    return { error: { code: this.code, message: this.message, details: this.details } };
  }
}

/** A validation error naming one field, e.g. invalidField('password', '至少 8 位'). */
export function invalidField(field: string, reason: string): AppError {
  return new AppError('VALIDATION_FAILED', `${field}: ${reason}`, { field, reason });
}

/** A 409 naming the field that duplicates an existing record. */
export function alreadyExists(field: string, message: string): AppError {
  return new AppError('ALREADY_EXISTS', `${field}: ${message}`, { field, reason: message });
}

/** A unique violation (a concurrent insert, or a row hidden by scope) as a 409 naming the field; other errors unchanged. */
export function duplicateAs(err: unknown, field: string, message: string): unknown {
  return (err as { code?: string })?.code === '23505' ? alreadyExists(field, message) : err;
}

/** A field naming something that does not exist or lies outside the actor's scope (the answer does not say which); audited. */
export function outOfScope(field: string, reason: string): AppError {
  const err = invalidField(field, reason);
  err.scopeRefusal = true;
  return err;
}

/** Not found, or outside the actor's scope (the answer does not say which); audited as a refusal. */
export function notFound(what: string, id: string): AppError {
  const err = new AppError('NOT_FOUND', `${what}不存在或不在您的权限范围内`, { id });
  err.scopeRefusal = true;
  return err;
}

export function forbidden(action: string): AppError {
  return new AppError('FORBIDDEN', '无权执行此操作', { action });
}

interface PgErrorLike {
  code?: string;
  constraint?: string;
  detail?: string;
  column?: string;
}

/** Maps PostgreSQL errors that reach the edge to AppErrors; everything else stays internal. */
export function fromPgError(err: unknown): AppError | undefined {
  if (err instanceof AppError) return err;
  const e = err as PgErrorLike;
  if (typeof e?.code !== 'string' || e.code.length !== 5) return undefined;
  switch (e.code) {
    case '23505':
      return new AppError('ALREADY_EXISTS', '记录已存在', { constraint: e.constraint });
    case '23503':
      return new AppError('VALIDATION_FAILED', '引用的记录不存在', { constraint: e.constraint });
    case '23502':
      return new AppError('VALIDATION_FAILED', `${e.column ?? '字段'}: 必填`, { field: e.column });
    case '23514':
      return new AppError('VALIDATION_FAILED', '数据不符合约束', { constraint: e.constraint });
    case '22P02':
    case '22007':
    case '22008':
      return new AppError('VALIDATION_FAILED', '数据格式不正确', {});
    case '42501':
      return new AppError('FORBIDDEN', '数据库拒绝了此操作（超出权限范围）', {});
    default:
      return undefined;
  }
}
