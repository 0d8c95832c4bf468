import type { FastifyRequest } from 'fastify';
import { recordAudit } from '../audit/service.js';
import type { Deps } from '../deps.js';
import type { AppError } from '../errors.js';
import { redactUrl } from './redact.js';

/** At most this many refusal records per actor (user, or address when anonymous) per minute. */
const PER_MINUTE = 20;

interface Window {
  start: number;
  written: number;
  suppressed: number;
}

/**
 * Audits refused access — 403 (incl. a cross-site request), 401 on a protected route, and every 404 or 400 that says "not
 * found or outside your scope" — with the actor and the target. A prober would flood the log,
 * so each actor gets PER_MINUTE records a minute; the next record written says how many were
 * left out in between.
 */
export function refusalAuditor(deps: Deps) {
  const windows = new Map<string, Window>();
  return async (req: FastifyRequest, err: AppError): Promise<void> => {
    const refused =
      err.code === 'FORBIDDEN' || err.code === 'CSRF_REJECTED' || err.scopeRefusal || (err.code === 'UNAUTHENTICATED' && !req.url.startsWith('/api/v1/auth/'));
    if (!refused) return;
    const who = req.actor.userId ?? `ip:${req.ip}`;
    const now = deps.clock.now().getTime();
    let w = windows.get(who);
    if (!w || now - w.start >= 60_000) {
      if (windows.size > 10_000) windows.clear(); // a bounded memory, whatever the probing
      w = { start: now, written: 0, suppressed: w?.suppressed ?? 0 };
      windows.set(who, w);
    }
    if (w.written >= PER_MINUTE) {
      w.suppressed += 1;
      return;
    }
    w.written += 1;
    const suppressed = w.suppressed;
    w.suppressed = 0;
    const target = err.details.id ?? err.details.field;
    await recordAudit(deps.db, deps.clock, req.actor, {
      action: 'access.denied',
      outcome: 'denied',
      targetType: err.details.id !== undefined ? 'object' : err.details.field !== undefined ? 'field' : undefined,
      targetId: target === undefined ? undefined : String(target).slice(0, 200),
      details: {
        ...err.details,
        method: req.method,
        url: redactUrl(req.url).slice(0, 300),
        code: err.code,
        refusal: err.scopeRefusal ? 'out_of_scope_or_missing' : err.code.toLowerCase(),
        ...(suppressed ? { suppressedBefore: suppressed } : {}),
      },
    }).catch((e: unknown) => req.log.error({ err: e }, 'audit of refused access failed'));
  };
}
