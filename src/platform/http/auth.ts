import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { anonymousActor, type Actor } from '../actor.js';
import { resolveSession } from '../accounts/auth-service.js';
import type { UserWithNames } from '../accounts/store.js';
import type { Deps } from '../deps.js';
import { AppError } from '../errors.js';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor;
    sessionToken: string | null;
    /** The signed-in user's row as the session check read it; null when anonymous. */
    sessionUser: UserWithNames | null;
  }
}

export const SESSION_COOKIE = 'gz_session';

/** Resolves the session cookie to an actor on every request; anonymous when there is none. */
export function registerAuth(app: FastifyInstance, deps: Deps): void {
  app.decorateRequest('actor', null as unknown as Actor);
  app.decorateRequest('sessionToken', null);
  app.decorateRequest('sessionUser', null);
  app.addHook('onRequest', async (req) => {
    req.actor = anonymousActor(req.ip);
    const token = req.cookies[SESSION_COOKIE];
    if (!token || !req.url.startsWith('/api/')) return;
    const session = await resolveSession(deps, token, req.ip);
    if (session) {
      req.actor = session.actor;
      req.sessionToken = token;
      req.sessionUser = session.user;
      // A password set by someone else (new account, reset) is changed before anything else.
      if (session.user.must_change_password && !req.url.startsWith('/api/v1/auth/')) {
        throw new AppError('PASSWORD_CHANGE_REQUIRED', '请先修改初始密码', {});
      }
    }
  });
}

export function setSessionCookie(reply: FastifyReply, deps: Deps, token: string): void {
  reply.setCookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'strict', secure: deps.config.cookieSecure, path: '/' });
}

export function clearSessionCookie(reply: FastifyReply, deps: Deps): void {
  reply.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: 'strict', secure: deps.config.cookieSecure, path: '/' });
}

/** The signed-in user's row, or 401. */
export function requireSessionUser(req: FastifyRequest): UserWithNames {
  requireUser(req);
  return req.sessionUser!;
}

/** The signed-in actor, or 401. Routes call this; services then apply their own policy. */
export function requireUser(req: FastifyRequest): Actor {
  if (!req.actor.userId) throw new AppError('UNAUTHENTICATED', '请先登录');
  return req.actor;
}
