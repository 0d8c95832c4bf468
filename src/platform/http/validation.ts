import type { FastifySchemaValidationError } from 'fastify/types/schema.js';
import { AppError } from '../errors.js';

/** The field an ajv error is about: 'username', 'items/0/name', or the missing property. */
function fieldOf(e: FastifySchemaValidationError): string {
  const params = e.params as Record<string, unknown>;
  const base = e.instancePath.replace(/^\//, '').replace(/\//g, '.');
  const extra = (params.missingProperty ?? params.additionalProperty) as string | undefined;
  if (extra) return base ? `${base}.${extra}` : extra;
  return base || '(body)';
}

function reasonOf(e: FastifySchemaValidationError): string {
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'required':
      return '必填';
    case 'minLength':
      return `长度不能少于 ${String(p.limit)}`;
    case 'maxLength':
      return `长度不能超过 ${String(p.limit)}`;
    case 'minimum':
      return `不能小于 ${String(p.limit)}`;
    case 'maximum':
      return `不能大于 ${String(p.limit)}`;
    case 'pattern':
    case 'format':
      return '格式不正确';
    case 'type':
      return `类型应为 ${String(p.type)}`;
    case 'enum':
    case 'const':
    case 'anyOf':
      return '取值无效';
    case 'additionalProperties':
      return '不允许的字段';
    case 'minItems':
      return `至少 ${String(p.limit)} 项`;
    case 'maxItems':
      return `最多 ${String(p.limit)} 项`;
    default:
      return '不符合要求';
  }
}

/** Turns Fastify's schema errors into one 400 naming every offending field. */
export function validationError(errors: FastifySchemaValidationError[], context: string): AppError {
  const fields = errors.map((e) => ({ field: fieldOf(e), reason: reasonOf(e), in: context }));
  const first = fields[0]!;
  return new AppError('VALIDATION_FAILED', `${first.field}: ${first.reason}`, { field: first.field, fields });
}
