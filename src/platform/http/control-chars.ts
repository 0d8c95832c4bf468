import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../errors.js';

/** C0 controls except tab, line feed and carriage return, and DEL. PostgreSQL refuses U+0000 in text outright. */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

/** Deeper than any form we take; a body nested further is refused rather than walked. */
const MAX_DEPTH = 32;

/** The first string (or key) holding a control character, as a field path like validation errors give ('items.0.name'). */
export function findControlChar(value: unknown, path = '', depth = 0): string | undefined {
  if (typeof value === 'string') return CONTROL.test(value) ? path || '(body)' : undefined;
  if (value === null || typeof value !== 'object' || Buffer.isBuffer(value)) return undefined;
  if (depth > MAX_DEPTH) return path || '(body)';
  const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value as Record<string, unknown>);
  for (const [key, v] of entries) {
    const field = path ? `${path}.${key}` : key;
    if (CONTROL.test(key)) return field;
    const found = findControlChar(v, field, depth + 1);
    if (found) return found;
  }
  return undefined;
}

const PARTS = [
  ['params', (req: FastifyRequest) => req.params],
  ['querystring', (req: FastifyRequest) => req.query],
  ['body', (req: FastifyRequest) => req.body],
] as const;

/**
 * Refuses NUL and other control characters in any path parameter, query parameter or JSON/form
 * field, once for every route, before schema validation: 400 VALIDATION_FAILED naming the field,
 * instead of a 500 from the database. Text that may span lines keeps \t, \n and \r.
 */
export function registerControlCharCheck(app: FastifyInstance): void {
  app.addHook('preValidation', async (req) => {
    for (const [where, read] of PARTS) {
      const field = findControlChar(read(req));
      if (field) {
        throw new AppError('VALIDATION_FAILED', `${field}: 不能包含控制字符（如 NUL）`, {
          field,
          fields: [{ field, reason: '不能包含控制字符', in: where }],
        });
      }
    }
  });
}
