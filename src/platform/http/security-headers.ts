import helmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';
import type { Config } from '../config.js';

/**
 * The Content-Security-Policy every answer carries. The built web app (Vite) loads only its own
 * hashed scripts and styles, with no inline script; antd and ECharts write styles at run time
 * (CSS-in-JS), hence 'unsafe-inline' for styles only. Photos previewed before upload are data:
 * or blob: URLs. The Swagger UI at /api/docs fits the same policy (own scripts, inline styles).
 */
export function contentSecurityPolicy(config: Pick<Config, 'cookieSecure' | 'mapTiles'>): Record<string, string[] | null> {
  // The command map's tiles (GONGZHI_MAP_TILES), when configured, are the only outside images allowed.
  const tileOrigins = [...new Set((config.mapTiles ?? []).map((t) => new URL(t.replace(/[{}]/g, '')).origin))];
  return {
    'default-src': ["'self'"],
    'base-uri': ["'self'"],
    'connect-src': ["'self'"],
    'font-src': ["'self'", 'data:'],
    'form-action': ["'self'"],
    'frame-ancestors': ["'none'"],
    'img-src': ["'self'", 'data:', 'blob:', ...tileOrigins],
    'manifest-src': ["'self'"],
    'object-src': ["'none'"],
    'script-src': ["'self'"],
    'script-src-attr': ["'none'"],
    'style-src': ["'self'", "'unsafe-inline'"],
    'worker-src': ["'self'"],
    // Over plain HTTP (a trial on 127.0.0.1) upgrading would break every request.
    'upgrade-insecure-requests': config.cookieSecure ? [] : null,
  };
}

/**
 * Security headers on every response (API, web app, docs, errors): CSP, no framing, nosniff,
 * same-origin referrers, and HSTS only when the cookies are HTTPS-only (a deployment over plain
 * HTTP must not tell browsers to refuse it for a year).
 */
export async function registerSecurityHeaders(app: FastifyInstance, config: Config): Promise<void> {
  await app.register(helmet, {
    global: true,
    contentSecurityPolicy: { useDefaults: false, directives: contentSecurityPolicy(config) },
    crossOriginEmbedderPolicy: false,
    xFrameOptions: { action: 'deny' },
    referrerPolicy: { policy: 'same-origin' },
    strictTransportSecurity: config.cookieSecure ? { maxAge: 31_536_000, includeSubDomains: false } : false,
    xContentTypeOptions: true,
  });
}
