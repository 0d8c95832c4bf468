import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Config } from '../config.js';
import { AppError } from '../errors.js';
import { SESSION_COOKIE } from './auth.js';

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Content types a cross-site HTML form or a "simple" fetch can send without a CORS preflight. */
const SIMPLE_TYPES = ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data'];

/** Logging in from another site would plant the attacker's session in the victim's browser. */
const LOGIN_PATH = '/api/v1/auth/login';

const rejected = (reason: string, source?: string) =>
  new AppError('CSRF_REJECTED', '请求来源与本站不一致，已拒绝（跨站请求）', { reason, ...(source ? { origin: source.slice(0, 200) } : {}) });

/** host[:port] of a URL, or of the request, with the scheme's default port left out. */
function hostOf(url: URL): string {
  return url.port ? `${url.hostname}:${url.port}` : url.hostname;
}

/**
 * Whether an Origin or Referer names this server: the same host as the request's Host (or, with
 * TRUST_PROXY, X-Forwarded-Host), or an origin listed in GONGZHI_ALLOWED_ORIGINS. A Host without
 * a port matches the scheme's default port (nginx in front terminating TLS passes no port).
 */
export function isTrustedSource(source: string, req: Pick<FastifyRequest, 'host'>, allowed: readonly string[]): boolean {
  let url: URL;
  try {
    url = new URL(source);
  } catch {
    return false; // "null" (a sandboxed frame, a file) or garbage
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
  if (allowed.includes(url.origin)) return true;
  let own: URL;
  try {
    own = new URL(`http://${req.host}`);
  } catch {
    return false;
  }
  return own.hostname.toLowerCase() === url.hostname.toLowerCase() && (own.port === '' ? url.port === '' : hostOf(own) === hostOf(url));
}

/**
 * Cross-site request forgery guard for every state-changing request that carries the session
 * cookie (and for logging in). The cookie is SameSite=Strict already; this also stops a sibling
 * subdomain or an old browser. Refused with 403 CSRF_REJECTED when:
 * - Origin (or, lacking it, Referer) names another site not in GONGZHI_ALLOWED_ORIGINS;
 * - neither header is present and the body type is one a cross-site form can send (text/plain,
 *   form, multipart): the web app always sends JSON (or a file type that needs a preflight).
 * Requests without the cookie (Open311 with its api_key, a resident's anonymous report) act
 * with no one's authority and pass unchanged.
 */
export function registerCsrf(app: FastifyInstance, config: Config): void {
  app.addHook('onRequest', async (req) => {
    if (!STATE_CHANGING.has(req.method)) return;
    const path = req.url.split('?')[0]!;
    if (!req.cookies[SESSION_COOKIE] && path !== LOGIN_PATH) return;
    const source = req.headers.origin ?? req.headers.referer;
    if (source === undefined || source === '') {
      const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
      if (SIMPLE_TYPES.includes(type)) throw rejected('simple_content_type_without_origin');
      return;
    }
    if (!isTrustedSource(source, req, config.allowedOrigins)) throw rejected('foreign_origin', source);
  });
}
