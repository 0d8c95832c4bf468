import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Deps } from '../deps.js';
import { AppError, fromPgError } from '../errors.js';
import { refusalAuditor } from './refusal-audit.js';
import { validationError } from './validation.js';

function toAppError(err: FastifyError): AppError | undefined {
  if (err instanceof AppError) return err;
  if (err.validation) return validationError(err.validation, err.validationContext ?? 'body');
  const pg = fromPgError(err);
  if (pg) return pg;
  switch (err.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new AppError('PAYLOAD_TOO_LARGE', '请求内容过大', {});
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new AppError('VALIDATION_FAILED', 'Content-Type: 不支持的内容类型，请使用 application/json', { field: 'Content-Type' });
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return new AppError('VALIDATION_FAILED', '(body): JSON 格式不正确', { field: '(body)' });
  }
  if (err.statusCode === 429) return new AppError('RATE_LIMITED', '请求过于频繁，请稍后再试');
  if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
    return new AppError('VALIDATION_FAILED', '请求不正确', {});
  }
  return undefined;
}

/**
 * One error shape for every failure: { error: { code, message, details } }. Unknown errors
 * are logged and answered with a generic message; no stack trace leaves the server.
 * Refused access is audited (see refusal-audit.ts).
 */
export function registerErrorHandler(app: FastifyInstance, deps: Deps): void {
  const auditRefusal = refusalAuditor(deps);
  app.setErrorHandler(async (err: FastifyError, req: FastifyRequest, reply: FastifyReply) => {
    const appErr = toAppError(err) ?? new AppError('INTERNAL', '服务器内部错误，请稍后重试或联系管理员', { requestId: req.id });
    if (appErr.code === 'INTERNAL') req.log.error({ err }, 'unhandled error');
    await auditRefusal(req, appErr);
    return reply.code(appErr.status).type('application/json; charset=utf-8').send(appErr.toBody());
  });
}
