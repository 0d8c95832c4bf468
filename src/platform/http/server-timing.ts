import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Timings } from '../timings.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** Phase durations a route asked for with timingsOf(); sent as Server-Timing. */
    timings: Timings | null;
  }
}

/** This request's phase timer, made on first use; only requests that use one get the header. */
export function timingsOf(req: FastifyRequest): Timings {
  req.timings ??= new Timings();
  return req.timings;
}

/** `classify;dur=1.30, tx;dur=6.20, total;dur=8.90` — `total` is the server's whole time since routing began. */
export function formatServerTiming(timings: Timings, totalMs: number): string {
  return [...timings.phases, ['total', totalMs] as const].map(([name, ms]) => `${name};dur=${ms.toFixed(2)}`).join(', ');
}

/**
 * Sends the phases a route measured as the standard Server-Timing header (shown by browsers'
 * developer tools; bench/intake.ts reads it). They show only how long this request's own steps
 * took, which its sender can already time as a whole.
 */
export function registerServerTiming(app: FastifyInstance): void {
  app.decorateRequest('timings', null);
  app.addHook('onSend', async (req, reply, payload) => {
    if (req.timings) reply.header('server-timing', formatServerTiming(req.timings, reply.elapsedTime));
    return payload;
  });
}
