import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, DEMO_PASSWORD, type Harness } from '../../../test/helpers/harness.js';
import { DrillClock } from '../clock.js';
import { SYSTEM_ACTOR } from '../actor.js';
import { countStatements } from '../db/statements.js';
import { login } from './auth-service.js';
import { CACHE_MS } from './session-cache.js';
import { createUserAsSystem, setPasswordAsSystem } from './user-service.js';
import { totpCode } from './totp.js';

let h: Harness;
beforeAll(async () => {
  h = await createHarness({ loginRateLimitPerMinute: 1000 });
});
afterAll(() => h?.close());

const loginAs = (username: string, password: string, totpCode?: string) =>
  h.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password, ...(totpCode ? { totpCode } : {}) } });
const me = (cookie: string) => h.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie } });

/** A login from a given client address. */
const loginFrom = (ip: string, username: string, password: string) =>
  h.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password }, remoteAddress: ip });

/** What a refusal looks like with the numbers taken out. */
const shape = (res: { statusCode: number; json(): { error: { code: string; message: string; details: Record<string, unknown> } } }) => {
  const e = res.json().error;
  return { status: res.statusCode, code: e.code, message: e.message.replace(/\d+/g, 'N'), details: Object.keys(e.details).sort() };
};

describe('login throttling', () => {
  it('five failures from one address make that address wait (longer each time); the owner still signs in from another', async () => {
    for (let i = 1; i <= 4; i++) {
      const res = await loginFrom('10.1.0.1', 'village2', 'Wrong-pass-1');
      expect(res.statusCode).toBe(401);
      expect(res.json().error.code).toBe('UNAUTHENTICATED');
    }
    const fifth = await loginFrom('10.1.0.1', 'village2', 'Wrong-pass-1');
    expect(fifth.statusCode).toBe(429);
    expect(fifth.json().error).toMatchObject({ code: 'RATE_LIMITED', message: '登录失败次数过多，请 5 分钟后再试', details: { retryAfterSeconds: 300 } });
    // The right password from the throttled address waits too...
    expect((await loginFrom('10.1.0.1', 'village2', DEMO_PASSWORD)).statusCode).toBe(429);
    // ...but not from anywhere else: nobody can lock the owner out from one address.
    const elsewhere = await loginFrom('10.1.0.2', 'village2', DEMO_PASSWORD);
    expect(elsewhere.statusCode).toBe(200);
    expect(elsewhere.json().user.username).toBe('village2');

    h.clock.advanceMinutes(5.1);
    for (let i = 1; i <= 5; i++) await loginFrom('10.1.0.1', 'village2', 'Wrong-pass-1');
    // The second lock in a row lasts twice as long.
    expect((await loginFrom('10.1.0.1', 'village2', DEMO_PASSWORD)).json().error.details.retryAfterSeconds).toBe(600);
    h.clock.advanceMinutes(10.1);
    expect((await loginFrom('10.1.0.1', 'village2', DEMO_PASSWORD)).statusCode).toBe(200);
  });

  it('a throttled real account and a throttled unknown name get the same status, code and message', async () => {
    const real: Awaited<ReturnType<typeof loginFrom>>[] = [];
    const unknown: Awaited<ReturnType<typeof loginFrom>>[] = [];
    for (let i = 1; i <= 6; i++) {
      real.push(await loginFrom('10.2.0.1', 'township', 'Wrong-pass-1'));
      unknown.push(await loginFrom('10.2.0.1', 'no-such-user', 'Wrong-pass-1'));
    }
    for (let i = 0; i < 6; i++) expect(shape(real[i]!)).toEqual(shape(unknown[i]!));
    expect(real.map((r) => r.statusCode)).toEqual([401, 401, 401, 401, 429, 429]);
    // The right password of the real account, while throttled, answers exactly like the unknown name.
    expect(shape(await loginFrom('10.2.0.1', 'township', DEMO_PASSWORD))).toEqual(shape(await loginFrom('10.2.0.1', 'no-such-user', DEMO_PASSWORD)));
  });

  it('failures from many addresses lock the account, except from an address it has signed in from', async () => {
    expect((await loginFrom('10.3.9.9', 'village', DEMO_PASSWORD)).statusCode).toBe(200);
    for (let i = 1; i <= 10; i++) await loginFrom(`10.3.0.${i}`, 'village', 'Wrong-pass-1');
    const unknownPlace = await loginFrom('10.3.1.1', 'village', DEMO_PASSWORD);
    expect(unknownPlace.statusCode).toBe(429);
    expect(unknownPlace.json().error.code).toBe('RATE_LIMITED');
    // The same many-address pattern on a name that does not exist answers the same.
    for (let i = 1; i <= 10; i++) await loginFrom(`10.3.0.${i}`, 'ghost-account', 'Wrong-pass-1');
    expect(shape(await loginFrom('10.3.1.1', 'ghost-account', DEMO_PASSWORD))).toEqual(shape(unknownPlace));
    // The owner's usual place still gets in.
    expect((await loginFrom('10.3.9.9', 'village', DEMO_PASSWORD)).statusCode).toBe(200);

    // The security admin sees the lock and lifts it, with every address's count.
    const admin = await h.login('secadmin');
    const list = await h.app.inject({ method: 'GET', url: '/api/v1/users?pageSize=200', headers: { cookie: admin } });
    const village = list.json().items.find((u: { username: string }) => u.username === 'village');
    expect(village.lockedUntil).not.toBeNull();
    const unlock = await h.app.inject({ method: 'POST', url: `/api/v1/users/${village.id}/unlock`, headers: { cookie: admin }, payload: {} });
    expect(unlock.statusCode).toBe(200);
    expect((await loginFrom('10.3.1.1', 'village', DEMO_PASSWORD)).statusCode).toBe(200);
  });
});

describe('login', () => {
  it('answers an unknown user exactly like a wrong password', async () => {
    const unknown = await loginAs('nobody-here', 'Wrong-pass-1');
    const wrong = await loginAs('county', 'Wrong-pass-1');
    expect(unknown.statusCode).toBe(401);
    expect(unknown.json()).toEqual(wrong.json());
  });

  it('requires a TOTP code from the three admin roles and accepts each code once', async () => {
    const first = await loginAs('auditor', DEMO_PASSWORD);
    expect(first.statusCode).toBe(401);
    expect(first.json().error.code).toBe('TOTP_REQUIRED');
    expect((await loginAs('auditor', DEMO_PASSWORD, '000000')).json().error.details.field).toBe('totpCode');
    const code = h.totpFor('auditor');
    expect((await loginAs('auditor', DEMO_PASSWORD, code)).statusCode).toBe(200);
    const replay = await loginAs('auditor', DEMO_PASSWORD, code);
    expect(replay.statusCode).toBe(401);
  });

  it('in a drill the service clock runs days ahead, but TOTP codes are checked against the wall clock (the phone)', async () => {
    const drill = new DrillClock();
    drill.advanceMinutes(12 * 24 * 60);
    const deps = { ...h.deps, clock: drill };
    const secret = h.fixture.accounts.find((a) => a.username === 'secadmin')!.totpSecret!;
    const p = { username: 'secadmin', password: DEMO_PASSWORD, clientIp: null, userAgent: null };
    await expect(login(deps, { ...p, totpCode: totpCode(secret, drill.now()) })).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    const ok = await login(deps, { ...p, totpCode: totpCode(secret, new Date()) });
    expect(ok.me.username).toBe('secadmin');
  });
});

describe('sessions', () => {
  it('expires a session idle for more than 30 minutes', async () => {
    const cookie = await h.login('county');
    h.clock.advanceMinutes(29);
    expect((await me(cookie)).statusCode).toBe(200);
    h.clock.advanceMinutes(29); // active 29 minutes ago: still alive
    expect((await me(cookie)).statusCode).toBe(200);
    h.clock.advanceMinutes(31);
    const res = await me(cookie);
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('UNAUTHENTICATED');
  });

  it('ends every session at the 12-hour absolute limit however active', async () => {
    const cookie = await h.login('county');
    for (let i = 0; i < 24; i++) {
      h.clock.advanceMinutes(29);
      expect((await me(cookie)).statusCode).toBe(200);
    }
    h.clock.advanceMinutes(29); // 12h05m after login
    expect((await me(cookie)).statusCode).toBe(401);
  });

  it('logout kills the session on the server, not only the cookie', async () => {
    const cookie = await h.login('township');
    const out = await h.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { cookie } });
    expect(out.statusCode).toBe(204);
    expect((await me(cookie)).statusCode).toBe(401);
  });

  it('sets an HttpOnly SameSite=Strict cookie', async () => {
    const res = await loginAs('county', DEMO_PASSWORD);
    const cookie = res.cookies.find((c) => c.name === 'gz_session')!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Strict');
  });

  it('disabling a user kills their live sessions', async () => {
    const victim = await h.login('grid');
    expect((await me(victim)).statusCode).toBe(200);
    const admin = await h.login('sysadmin');
    const list = await h.app.inject({ method: 'GET', url: '/api/v1/users?pageSize=200', headers: { cookie: admin } });
    const grid = list.json().items.find((u: { username: string }) => u.username === 'grid');
    const res = await h.app.inject({ method: 'POST', url: `/api/v1/users/${grid.id}/disable`, headers: { cookie: admin }, payload: {} });
    expect(res.statusCode).toBe(200);
    expect(res.json().status).toBe('disabled');
    expect((await me(victim)).statusCode).toBe(401);
    expect((await loginAs('grid', DEMO_PASSWORD)).statusCode).toBe(401);
  });

  it('a session check read a moment ago is reused; a change this server makes applies at once, one made elsewhere within the cache time', async () => {
    const cookie = await h.login('village2');
    const first = await countStatements(() => me(cookie));
    expect(first.result.statusCode).toBe(200);
    expect(first.count.statements).toBeGreaterThan(0);
    const again = await countStatements(() => me(cookie));
    expect(again.result.json().user.displayName).toBe(first.result.json().user.displayName);
    expect(again.count).toMatchObject({ statements: 0, transactions: 0 });
    // Another process (or a database administrator) renames the user: seen once the reading is older than CACHE_MS.
    await h.database.admin.query(`UPDATE users SET display_name = '改名后' WHERE username = 'village2'`);
    expect((await me(cookie)).json().user.displayName).not.toBe('改名后');
    h.clock.advanceMinutes(CACHE_MS / 60_000 + 0.01);
    expect((await me(cookie)).json().user.displayName).toBe('改名后');
    // Logging out ends the cached session at once.
    expect((await h.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { cookie }, payload: {} })).statusCode).toBe(204);
    expect((await me(cookie)).statusCode).toBe(401);
  });
});

describe('password policy and 三权分立', () => {
  it('no admin sets a business password: the create form refuses one, naming the field', async () => {
    const admin = await h.login('sysadmin');
    const res = await h.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: { cookie: admin },
      payload: { username: 'preset', displayName: '预设密码', role: 'county_staff', regionCode: '522631000000', password: 'Strong-Pass-9' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.field).toBe('password');
  });

  it('the system admin cannot read the audit log, and the refusal is itself audited', async () => {
    const admin = await h.login('sysadmin');
    const res = await h.app.inject({ method: 'GET', url: '/api/v1/audit', headers: { cookie: admin } });
    expect(res.statusCode).toBe(403);
    const auditor = await h.login('auditor');
    const log = await h.app.inject({ method: 'GET', url: '/api/v1/audit?action=access.denied', headers: { cookie: auditor } });
    expect(log.statusCode).toBe(200);
    expect(log.json().items.some((r: { actorName: string; details: { url: string } }) => r.actorName === 'sysadmin' && r.details.url === '/api/v1/audit')).toBe(
      true,
    );
  });

  it('no web account can create an admin account', async () => {
    const admin = await h.login('sysadmin');
    const res = await h.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: { cookie: admin },
      payload: { username: 'auditor2', displayName: '第二审计员', role: 'audit_admin', regionCode: '522631000000' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.field).toBe('role');
  });

  it('failed logins are audited with the attempted name', async () => {
    await loginAs('resident', 'Wrong-pass-1');
    const auditor = await h.login('auditor');
    const log = await h.app.inject({ method: 'GET', url: '/api/v1/audit?action=auth.login&outcome=failed&actor=resident', headers: { cookie: auditor } });
    expect(log.json().total).toBeGreaterThanOrEqual(1);
    expect(log.json().items[0].details.reason).toBe('bad_password');
    expect(log.json().items[0].occurredAt).toMatch(/\+08:00$/);
  });
});

describe('a password set by someone else', () => {
  it('must be changed before anything else, and the new one must differ and meet the policy', async () => {
    // The server's operator resets it (`gongzhi user reset-password`): they know it, so it must change.
    const p = { username: 'newcomer', displayName: '新同事', role: 'county_staff' as const, regionCode: '522631000000', password: 'Own-Pass-0' };
    const { user } = await createUserAsSystem(h.deps, SYSTEM_ACTOR, p);
    await setPasswordAsSystem(h.deps, SYSTEM_ACTOR, user.id, 'Initial-Pass-1');
    const login = await loginAs('newcomer', 'Initial-Pass-1');
    expect(login.json().user.mustChangePassword).toBe(true);
    const cookie = `gz_session=${login.cookies.find((c) => c.name === 'gz_session')!.value}`;
    const blocked = await h.app.inject({ method: 'GET', url: '/api/v1/regions/522631', headers: { cookie } });
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().error.code).toBe('PASSWORD_CHANGE_REQUIRED');
    const change = (currentPassword: string, newPassword: string) =>
      h.app.inject({ method: 'POST', url: '/api/v1/auth/change-password', headers: { cookie }, payload: { currentPassword, newPassword } });
    expect((await change('Wrong-Pass-1', 'Brand-New-Pass-2')).json().error.details.field).toBe('currentPassword');
    expect((await change('Initial-Pass-1', 'Initial-Pass-1')).json().error.details.field).toBe('newPassword');
    expect((await change('Initial-Pass-1', 'weakweakweak')).json().error.details.field).toBe('newPassword');
    expect((await change('Initial-Pass-1', 'Brand-New-Pass-2')).statusCode).toBe(204);
    expect((await h.app.inject({ method: 'GET', url: '/api/v1/regions/522631', headers: { cookie } })).statusCode).toBe(200);
  });
});
