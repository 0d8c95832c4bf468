import { Transform, type TransformCallback } from 'node:stream';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Config } from '../config.js';
import { AppError } from '../errors.js';
import { SESSION_COOKIE } from './auth.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The largest body this route takes from a caller without a session (default: ANONYMOUS_BODY_LIMIT_BYTES). */
    anonymousBodyLimit?: number;
  }
}

/** How long the rest of a refused body is read and dropped before the connection is cut. */
const DRAIN_MS = 10_000;

/** "64 KB", "11.3 MB": a limit as people read it. */
export function formatBytes(n: number): string {
  if (n < 1024 * 1024) return `${Math.round(n / 1024)} KB`;
  const mb = n / (1024 * 1024);
  return `${Number.isInteger(mb) ? mb : mb.toFixed(1)} MB`;
}

/** The body a resident's report without an account may have: the form, and its photos as base64 (4 bytes per 3). */
export function anonymousReportLimit(config: Pick<Config, 'anonymousBodyLimitBytes' | 'anonymousPhotoBytes'>): number {
  return config.anonymousBodyLimitBytes + Math.ceil(config.anonymousPhotoBytes / 3) * 4;
}

function tooLarge(limit: number, routeLimit: number | undefined): AppError {
  const photos = routeLimit !== undefined ? '（含照片）' : '';
  return new AppError('PAYLOAD_TOO_LARGE', `请求内容过大：未登录时${photos}最多 ${formatBytes(limit)}`, { limitBytes: limit });
}

/** Counts the bytes of a body as they arrive and fails the stream once they pass the limit. */
class ByteLimit extends Transform {
  private seen = 0;
  constructor(
    private readonly limit: number,
    private readonly error: () => AppError,
  ) {
    super();
  }
  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    this.seen += chunk.length;
    if (this.seen > this.limit) done(this.error());
    else done(null, chunk);
  }
}

/**
 * A caller without a session gets a small body limit (ANONYMOUS_BODY_LIMIT_BYTES, 64 KB), or the
 * route's own `config.anonymousBodyLimit` (the resident's report with photos). Checked before a
 * byte is read when Content-Length says so, else while the body streams in: a 41 MB anonymous
 * upload is refused at once, never buffered. Signed-in callers keep each route's bodyLimit.
 * The rest of a refused body is read and dropped as it arrives (never held).
 * A stale session cookie on a route meant for signed-in users answers 401, not 413, so a phone's
 * queued patrol report (large, with photos) is kept for after the next login.
 */
export function registerAnonymousBodyLimit(app: FastifyInstance, config: Config): void {
  app.addHook('preParsing', async (req: FastifyRequest, _reply, payload) => {
    if (req.actor?.userId) return payload;
    if (req.headers['content-length'] === undefined && req.headers['transfer-encoding'] === undefined) return payload; // no body
    const routeLimit = req.routeOptions.config.anonymousBodyLimit;
    const limit = routeLimit ?? config.anonymousBodyLimitBytes;
    const refuse = (): AppError =>
      routeLimit === undefined && req.cookies[SESSION_COOKIE] && req.url.startsWith('/api/')
        ? new AppError('UNAUTHENTICATED', '登录已过期，请重新登录')
        : tooLarge(limit, routeLimit);
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > limit) throw refuse();
    const counted = new ByteLimit(limit, refuse);
    payload.on('error', (err) => counted.destroy(err));
    return payload.pipe(counted);
  });
  // A refused body still arriving is read and dropped for a while, not kept: closing the socket
  // under a client still sending makes it lose the 413 (a reset), and browsers then show a
  // network error. Fastify asks to close after any parse error; for a refused size, not yet.
  app.addHook('onSend', async (req, reply, payload) => {
    if (reply.statusCode === 413 && req.raw.complete === false) reply.removeHeader('connection');
    return payload;
  });
  app.addHook('onResponse', async (req) => {
    const socket = req.raw.socket as { destroy?: () => void } | null;
    if (req.raw.complete !== false || req.raw.destroyed || typeof socket?.destroy !== 'function') return; // done, or an injected request
    const cut = setTimeout(() => socket.destroy!(), DRAIN_MS).unref();
    req.raw.once('close', () => clearTimeout(cut));
    req.raw.resume();
  });
}
