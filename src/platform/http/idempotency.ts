import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { Clock } from '../clock.js';
import { SYSTEM_CONTEXT, withContext } from '../db/context.js';
import type { DB } from '../db/tables.js';
import { AppError } from '../errors.js';
import { claimKey, completeKey, releaseKey } from './idempotency-store.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The request's Idempotency-Key; `inService` when the route's own transaction keeps it. */
    idempotency?: { actorKey: string; key: string; requestHash: string; inService: boolean };
  }
  interface FastifyContextConfig {
    /**
     * The service records the key with what it creates, in its one transaction, and replays a
     * retry itself (intake: the order's submit key and request hash). The hook only checks it.
     */
    idempotencyInService?: boolean;
  }
}

const HEADER = 'idempotency-key';

function actorKeyOf(req: FastifyRequest): string {
  return req.actor?.userId ?? `anon:${req.ip}`;
}

function bodyHash(req: FastifyRequest): string {
  const body = Buffer.isBuffer(req.body) ? req.body : JSON.stringify(req.body ?? null);
  return createHash('sha256')
    .update(`${req.method} ${req.routeOptions.url ?? req.url} ${JSON.stringify(req.query ?? null)}\n`)
    .update(body)
    .digest('hex');
}

/** A retry of a request whose key the service keeps: the first answer's status, marked as a replay. */
export function markReplayed(reply: FastifyReply): void {
  reply.header('idempotent-replayed', 'true');
}

/**
 * Every POST may carry an Idempotency-Key. The first request claims the key; a retry with the same
 * body gets the first response replayed, a retry with another body gets 422, and a retry while the
 * first is still running gets 409. A failed (5xx) first attempt releases the key.
 */
export function registerIdempotency(app: FastifyInstance, db: Kysely<DB>, clock: Clock): void {
  app.addHook('preHandler', async (req: FastifyRequest, reply: FastifyReply) => {
    if (req.method !== 'POST') return;
    const key = req.headers[HEADER];
    if (typeof key !== 'string' || key === '') return;
    if (key.length > 128) throw new AppError('VALIDATION_FAILED', 'Idempotency-Key: 长度不能超过 128', { field: 'Idempotency-Key' });
    const actorKey = actorKeyOf(req);
    const hash = bodyHash(req);
    if (req.routeOptions.config.idempotencyInService) {
      req.idempotency = { actorKey, key, requestHash: hash, inService: true };
      return;
    }
    const existing = await withContext(db, SYSTEM_CONTEXT, (tx) =>
      claimKey(tx, { actorKey, key, method: req.method, path: req.url, requestHash: hash, at: clock.now() }),
    );
    if (!existing) {
      req.idempotency = { actorKey, key, requestHash: hash, inService: false };
      return;
    }
    if (existing.request_hash !== hash) {
      throw new AppError('IDEMPOTENCY_KEY_REUSED', 'Idempotency-Key 已用于另一个不同的请求', { field: 'Idempotency-Key' });
    }
    if (existing.status_code === null) {
      throw new AppError('IDEMPOTENCY_IN_PROGRESS', '相同的请求正在处理中，请稍后重试', { field: 'Idempotency-Key' });
    }
    reply.header('idempotent-replayed', 'true');
    reply.code(existing.status_code).type('application/json; charset=utf-8');
    return reply.send(existing.response_body);
  });

  app.addHook('onSend', async (req, reply, payload) => {
    const claim = req.idempotency;
    if (!claim || claim.inService) return payload;
    req.idempotency = undefined;
    const body = typeof payload === 'string' ? payload : payload == null ? '' : String(payload);
    await withContext(db, SYSTEM_CONTEXT, (tx) => (reply.statusCode >= 500 ? releaseKey(tx, claim) : completeKey(tx, claim, reply.statusCode, body)));
    return payload;
  });
}
