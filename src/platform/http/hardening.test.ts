import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../../test/helpers/harness.js';
import { loadConfig } from '../config.js';
import { buildApp, WEB_DIST } from './app.js';

let h: Harness;
let admin: string;
let county: string;
let gridId: string;

beforeAll(async () => {
  h = await createHarness({ loginRateLimitPerMinute: 1000, anonymousRateLimitPerMinute: 1000 });
  admin = await h.login('sysadmin');
  county = await h.login('county');
  const list = await h.app.inject({ method: 'GET', url: '/api/v1/users?pageSize=200', headers: { cookie: admin } });
  gridId = list.json().items.find((u: { username: string }) => u.username === 'grid').id;
});
afterAll(() => h?.close());

const userStatus = async (id: string) => {
  const list = await h.app.inject({ method: 'GET', url: '/api/v1/users?pageSize=200', headers: { cookie: admin } });
  return list.json().items.find((u: { id: string }) => u.id === id).status as string;
};

describe('security headers', () => {
  it('every answer (API, error, docs) carries the CSP, no framing, nosniff and a same-origin referrer policy; no HSTS over plain HTTP', async () => {
    for (const url of ['/api/v1/health', '/api/v1/nothing-here', '/api/docs']) {
      const res = await h.app.inject({ method: 'GET', url });
      const csp = String(res.headers['content-security-policy']);
      expect(csp, url).toContain("frame-ancestors 'none'");
      expect(csp).toContain("script-src 'self';");
      expect(csp).toContain("style-src 'self' 'unsafe-inline'");
      expect(csp).toContain("img-src 'self' data: blob:");
      expect(csp).toContain("object-src 'none'");
      expect(csp).not.toContain('upgrade-insecure-requests');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['x-frame-options']).toBe('DENY');
      expect(res.headers['referrer-policy']).toBe('same-origin');
      expect(res.headers['strict-transport-security']).toBeUndefined();
    }
  });

  it('with secure cookies HSTS is sent and plain requests are upgraded', async () => {
    const app = await buildApp({ ...h.deps, config: { ...h.config, cookieSecure: true } });
    try {
      const res = await app.inject({ method: 'GET', url: '/api/v1/health' });
      expect(res.headers['strict-transport-security']).toBe('max-age=31536000');
      expect(String(res.headers['content-security-policy'])).toContain('upgrade-insecure-requests');
    } finally {
      await app.close();
    }
  });

  it('the Swagger UI and the web app load only their own scripts (nothing inline for the CSP to block)', async () => {
    const docs = await h.app.inject({ method: 'GET', url: '/api/docs/' });
    expect(docs.statusCode).toBe(200);
    const scripts = [...docs.body.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attrs, inline] of scripts) {
      expect(attrs).toMatch(/\bsrc=/);
      expect(inline!.trim()).toBe('');
    }
    const init = await h.app.inject({ method: 'GET', url: '/api/docs/static/swagger-initializer.js' });
    expect(init.statusCode).toBe(200);
    const spec = await h.app.inject({ method: 'GET', url: '/api/docs/json' });
    expect(spec.statusCode).toBe(200);
    // The built app (present when `npm run build` ran, as in CI).
    const index = path.join(WEB_DIST, 'index.html');
    if (fs.existsSync(index)) {
      const html = fs.readFileSync(index, 'utf8');
      for (const [, attrs, inline] of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)) {
        expect(attrs).toMatch(/\bsrc=/);
        expect(inline!.trim()).toBe('');
      }
      expect(html).not.toMatch(/\son[a-z]+=/i); // no inline event handlers
    }
  });

  it('COOKIE_SECURE defaults to true in production and can be turned off explicitly', () => {
    const prod = { NODE_ENV: 'production', GONGZHI_DATA_KEY: 'a'.repeat(32), GONGZHI_HMAC_KEY: 'h'.repeat(32), GONGZHI_AUDIT_KEY: 'k'.repeat(32) };
    expect(loadConfig(prod).cookieSecure).toBe(true);
    expect(loadConfig({ ...prod, COOKIE_SECURE: 'false' }).cookieSecure).toBe(false);
    expect(loadConfig({}).cookieSecure).toBe(false);
    expect(loadConfig({ COOKIE_SECURE: 'true' }).cookieSecure).toBe(true);
    expect(loadConfig({ GONGZHI_ALLOWED_ORIGINS: 'https://wx.example.cn, http://10.0.0.5:8080/' }).allowedOrigins).toEqual([
      'https://wx.example.cn',
      'http://10.0.0.5:8080',
    ]);
    expect(() => loadConfig({ GONGZHI_ALLOWED_ORIGINS: 'not an origin' })).toThrow(/GONGZHI_ALLOWED_ORIGINS/);
  });
});

describe('cross-site request forgery', () => {
  const disable = (headers: Record<string, string>, payload?: string) =>
    h.app.inject({
      method: 'POST',
      url: `/api/v1/users/${gridId}/disable`,
      headers: { cookie: admin, ...headers },
      ...(payload !== undefined ? { payload } : {}),
    });

  it('refuses a state change with the session cookie from another site (Origin), body-less or text/plain, and changes nothing', async () => {
    for (const res of [
      await disable({ origin: 'https://evil.example' }),
      await disable({ origin: 'https://evil.example', 'content-type': 'text/plain' }, '{}'),
      await disable({ origin: 'null' }),
      await disable({ referer: 'https://evil.example/attack.html' }),
      await disable({ 'content-type': 'text/plain' }, '{}'), // a form-like body with neither header
    ]) {
      expect(res.statusCode, res.body).toBe(403);
      expect(res.json().error.code).toBe('CSRF_REJECTED');
      expect(res.json().error.message).toMatch(/跨站/);
    }
    expect(await userStatus(gridId)).toBe('active');
    // A sibling host with the same name inside it is another site too.
    expect((await disable({ origin: 'http://localhost.evil.example' })).statusCode).toBe(403);
  });

  it('lets the same site through (Origin, or Referer when Origin is missing), and a JSON client that sends neither', async () => {
    const own = await disable({ origin: 'http://localhost', 'content-type': 'application/json' }, '{}');
    expect(own.statusCode, own.body).toBe(200);
    const enable = async (headers: Record<string, string>) =>
      h.app.inject({ method: 'POST', url: `/api/v1/users/${gridId}/enable`, headers: { cookie: await h.login('secadmin'), ...headers }, payload: {} });
    expect((await enable({ referer: 'http://localhost/platform/users' })).statusCode).toBe(200);
    expect((await disable({ 'content-type': 'application/json' }, '{}')).statusCode).toBe(200);
    expect((await enable({})).statusCode).toBe(200);
    expect(await userStatus(gridId)).toBe('active');
  });

  it('logging in from another site is refused; cookieless calls (a resident report) are not affected', async () => {
    const login = await h.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { origin: 'https://evil.example' },
      payload: { username: 'county', password: 'whatever-1A' },
    });
    expect(login.statusCode).toBe(403);
    expect(login.json().error.code).toBe('CSRF_REJECTED');
    const report = await h.app.inject({
      method: 'POST',
      url: '/api/v1/public/requests',
      headers: { origin: 'https://evil.example' },
      payload: { description: '短', privacyAcknowledged: true },
    });
    expect(report.statusCode).toBe(400);
    expect(report.json().error.code).toBe('VALIDATION_FAILED');
  });

  it('behind a trusted proxy the forwarded host counts, and GONGZHI_ALLOWED_ORIGINS adds trusted origins', async () => {
    const behind = (app: FastifyInstance, origin: string) =>
      app.inject({
        method: 'POST',
        url: '/api/v1/users',
        headers: { cookie: admin, host: '127.0.0.1:8080', 'x-forwarded-host': 'gongzhi.example.cn', 'x-forwarded-proto': 'https', origin },
        payload: {}, // past the guard it fails validation: 400, not 403
      });
    // Without TRUST_PROXY the forwarded host is a claim of the client, not the proxy's word.
    expect((await behind(h.app, 'https://gongzhi.example.cn')).statusCode).toBe(403);
    const proxied = await buildApp({ ...h.deps, config: { ...h.config, trustProxy: true, allowedOrigins: ['https://wx.example.cn'] } });
    try {
      const ok = await behind(proxied, 'https://gongzhi.example.cn');
      expect(ok.statusCode, ok.body).toBe(400);
      expect((await behind(proxied, 'https://wx.example.cn')).statusCode).toBe(400);
      expect((await behind(proxied, 'https://other.example.cn')).statusCode).toBe(403);
    } finally {
      await proxied.close();
    }
  });
});

describe('control characters', () => {
  it('a NUL or other control character in a JSON field is refused with 400 naming the field; tabs and newlines pass', async () => {
    const post = (payload: object) => h.app.inject({ method: 'POST', url: '/api/v1/public/requests', payload: { ...payload, privacyAcknowledged: true } });
    const nul = await post({ description: '路灯坏了\u0000好几天' });
    expect(nul.statusCode).toBe(400);
    expect(nul.json().error).toMatchObject({ code: 'VALIDATION_FAILED', details: { field: 'description' } });
    expect(nul.json().error.message).toMatch(/^description: /);
    const nested = await post({ description: '路灯坏了好几天了', photos: [{ data: 'AAAAAAAAAAAAAAAAAAAA', filename: 'a\u0001.jpg' }] });
    expect(nested.json().error.details.field).toBe('photos.0.filename');
    const del = await post({ description: '路灯坏了好几天了', address: '中潮镇\u007f上黄村' });
    expect(del.json().error.details.field).toBe('address');
    const lines = await post({ description: '路灯坏了\n好几天了\t\r\n请修' });
    expect(lines.statusCode, lines.body).toBe(201);
  });

  it('in a query or path parameter, for signed-in lists too', async () => {
    const q = await h.app.inject({ method: 'GET', url: '/api/v1/work-orders?q=%00abc', headers: { cookie: county } });
    expect(q.statusCode).toBe(400);
    expect(q.json().error).toMatchObject({ code: 'VALIDATION_FAILED', details: { field: 'q' } });
    const audit = await h.app.inject({ method: 'GET', url: '/api/v1/disputes/cases?q=a%1Fb', headers: { cookie: county } });
    expect(audit.json().error.details.field).toBe('q');
    const param = await h.app.inject({ method: 'GET', url: '/api/v1/public/requests/x%00y?code=ABCDEFGH' });
    expect(param.statusCode).toBe(400);
    expect(param.json().error.details.field).toBe('number');
  });

  it('in an Open311 form field, answered in the Open311 error shape', async () => {
    const res = await h.app.inject({
      method: 'POST',
      url: '/open311/v2/requests.json',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'api_key=abc&service_code=0101&description=%E8%B7%AF%00%E7%81%AF',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()[0].description).toMatch(/^description: /);
  });
});

/** A POST streamed from one reused 64 KB chunk, so the test itself holds no big body. */
function streamPost(port: number, url: string, total: number, opts: { chunked?: boolean; cookie?: string } = {}) {
  return new Promise<{ status: number; body: string; sent: number }>((resolve, reject) => {
    const chunk = Buffer.alloc(64 * 1024, 0x61);
    const req = http.request({
      host: '127.0.0.1',
      port,
      path: url,
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(opts.chunked ? {} : { 'content-length': String(total) }),
        ...(opts.cookie ? { cookie: opts.cookie } : {}),
      },
    });
    let sent = 0;
    let answered = false;
    req.on('response', (res) => {
      answered = true;
      const parts: Buffer[] = [];
      res.on('data', (d: Buffer) => parts.push(d));
      res.on('end', () => {
        resolve({ status: res.statusCode!, body: Buffer.concat(parts).toString(), sent });
        req.destroy();
      });
    });
    req.on('error', (err) => {
      if (!answered) reject(err);
    });
    const pump = () => {
      while (!answered && sent < total) {
        const part = chunk.subarray(0, Math.min(chunk.length, total - sent));
        sent += part.length;
        if (!req.write(part)) {
          req.once('drain', pump);
          return;
        }
      }
      if (!answered) req.end();
    };
    pump();
  });
}

describe('body limits', () => {
  let port: number;
  beforeAll(async () => {
    await h.app.listen({ host: '127.0.0.1', port: 0 });
    port = (h.app.server.address() as AddressInfo).port;
  });

  it('four parallel 41 MB anonymous reports are refused early with 413 naming the limit, without the memory to hold them', async () => {
    const before = process.memoryUsage().rss;
    const big = 41 * 1024 * 1024;
    const answers = await Promise.all([
      streamPost(port, '/api/v1/public/requests', big),
      streamPost(port, '/api/v1/public/requests', big),
      streamPost(port, '/api/v1/public/requests', big, { chunked: true }),
      streamPost(port, '/api/v1/public/requests', big, { chunked: true }),
    ]);
    const grown = process.memoryUsage().rss - before;
    for (const a of answers) {
      expect(a.status).toBe(413);
      const error = JSON.parse(a.body).error;
      expect(error.code).toBe('PAYLOAD_TOO_LARGE');
      expect(error.message).toMatch(/未登录.*最多 \d+(\.\d)? MB/);
      expect(a.sent).toBeLessThan(big);
    }
    // Four bodies held whole would be 164 MB (and twice that decoded); a loose bound.
    expect(grown).toBeLessThan(64 * 1024 * 1024);
  });

  it('other anonymous posts get 64 KB; a signed-in intake keeps its own limit; a stale cookie gets 401, not 413', async () => {
    const login = await streamPost(port, '/api/v1/auth/login', 100 * 1024);
    expect(login.status).toBe(413);
    expect(JSON.parse(login.body).error.message).toMatch(/最多 64 KB/);
    const open311 = await streamPost(port, '/open311/v2/requests.json', 100 * 1024, { chunked: true });
    expect(open311.status).toBe(413);
    const anonymousIntake = await streamPost(port, '/api/v1/requests', 2 * 1024 * 1024);
    expect(anonymousIntake.status).toBe(413);
    const stale = await streamPost(port, '/api/v1/requests', 2 * 1024 * 1024, { cookie: 'gz_session=expired-or-forged' });
    expect(stale.status).toBe(401);
    // Signed in, 2 MB reaches the JSON parser (and fails as JSON, not as size).
    const signedIn = await streamPost(port, '/api/v1/requests', 2 * 1024 * 1024, { cookie: county });
    expect(signedIn.status).toBe(400);
  });
});
