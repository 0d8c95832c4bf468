import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, DEMO_PASSWORD, type Harness } from '../../../test/helpers/harness.js';

/**
 * 三权分立 that holds (issue #10): no single admin can obtain a working business account or a
 * business user's password. Each test plays one admin trying alone, then the two together.
 */

let h: Harness;
beforeAll(async () => {
  h = await createHarness({ loginRateLimitPerMinute: 1000 });
});
afterAll(() => h?.close());

const COUNTY = '522631000000';
const post = async (url: string, cookie: string, payload: object = {}) => h.app.inject({ method: 'POST', url, headers: { cookie }, payload });
const loginAs = (username: string, password: string) => h.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password } });
const redeem = (username: string, codeA: string, codeB: string, newPassword = 'My-Own-Pass-1') =>
  h.app.inject({ method: 'POST', url: '/api/v1/auth/activate', payload: { username, codeA, codeB, newPassword } });
const grantOf = async (userId: string) =>
  (
    await h.database.admin.query(
      `SELECT closed_reason, failed_attempts, approved_at FROM credential_grants WHERE user_id = $1 ORDER BY requested_at DESC LIMIT 1`,
      [userId],
    )
  ).rows[0] as { closed_reason: string | null; failed_attempts: number; approved_at: Date | null } | undefined;

async function createAccount(username: string) {
  const res = await post('/api/v1/users', await h.login('sysadmin'), { username, displayName: '新同事', role: 'county_staff', regionCode: COUNTY });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; status: string; credential: { approved: boolean; requestedRole: string }; issuedCode: { part: string; code: string } };
}

describe('a new business account', () => {
  it('the system admin alone gets only half a code: no password, cannot approve it, cannot redeem it', async () => {
    const created = await createAccount('solo.sys');
    expect(created.status).toBe('pending');
    expect(created.issuedCode.part).toBe('A');
    expect(created.issuedCode.code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    expect(created.credential).toMatchObject({ approved: false, requestedRole: 'system_admin' });
    // No password was ever set: nothing signs in.
    expect((await loginAs('solo.sys', DEMO_PASSWORD)).statusCode).toBe(401);
    // Approving its own request is refused, naming the role that must approve.
    const self = await post(`/api/v1/users/${created.id}/credential/approve`, await h.login('sysadmin'));
    expect(self.statusCode).toBe(403);
    expect(self.json().error.message).toContain('安全管理员');
    // Half A twice, or half A and a guess, redeems nothing.
    expect((await redeem('solo.sys', created.issuedCode.code, created.issuedCode.code)).statusCode).toBe(401);
    expect((await redeem('solo.sys', created.issuedCode.code, 'AAAA-AAAA')).statusCode).toBe(401);
    expect((await loginAs('solo.sys', 'My-Own-Pass-1')).statusCode).toBe(401);
    expect((await grantOf(created.id))!.approved_at).toBeNull();
  });

  it('the security admin alone cannot create one', async () => {
    const res = await post('/api/v1/users', await h.login('secadmin'), { username: 'solo.sec', displayName: '某人', role: 'county_staff', regionCode: COUNTY });
    expect(res.statusCode).toBe(403);
    expect((await loginAs('solo.sec', DEMO_PASSWORD)).statusCode).toBe(401);
  });

  it('the database itself refuses an approval by the requesting role or person', async () => {
    const created = await createAccount('db.check');
    const sysadminId = (await h.database.admin.query(`SELECT id FROM users WHERE username = 'sysadmin'`)).rows[0]!.id;
    const sameRole = h.database.admin.query(
      `UPDATE credential_grants SET approved_by = $1, approved_role = 'system_admin', approved_at = now(), code_b_hash = 'x' WHERE user_id = $2`,
      [sysadminId, created.id],
    );
    await expect(sameRole).rejects.toMatchObject({ code: '23514' });
  });

  it('with both admins the user redeems both halves, chooses the password and signs in; the codes work once', async () => {
    const created = await createAccount('pair.ok');
    const approved = await post(`/api/v1/users/${created.id}/credential/approve`, await h.login('secadmin'));
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json().issuedCode.part).toBe('B');
    expect(approved.json().credential.approved).toBe(true);
    // Approving twice is refused: half B is shown once.
    expect((await post(`/api/v1/users/${created.id}/credential/approve`, await h.login('secadmin'))).statusCode).toBe(409);
    // A weak password is refused naming the field, and costs no attempt.
    const weak = await redeem('pair.ok', created.issuedCode.code, approved.json().issuedCode.code, 'weakweakweak');
    expect(weak.statusCode).toBe(400);
    expect(weak.json().error.details.field).toBe('newPassword');
    expect((await grantOf(created.id))!.failed_attempts).toBe(0);
    // Typed back in lower case without the dash.
    const a = created.issuedCode.code.toLowerCase().replace('-', '');
    expect((await redeem('pair.ok', a, approved.json().issuedCode.code)).statusCode).toBe(204);
    const signedIn = await loginAs('pair.ok', 'My-Own-Pass-1');
    expect(signedIn.statusCode).toBe(200);
    expect(signedIn.json().user.mustChangePassword).toBe(false);
    expect((await redeem('pair.ok', created.issuedCode.code, approved.json().issuedCode.code, 'Other-Pass-22')).statusCode).toBe(401);
    expect((await grantOf(created.id))!.closed_reason).toBe('redeemed');
    // Each step is in the audit log.
    const auditor = await h.login('auditor');
    for (const action of ['credential.request', 'credential.approve', 'credential.redeem']) {
      const log = await h.app.inject({ method: 'GET', url: `/api/v1/audit?action=${action}`, headers: { cookie: auditor } });
      expect(
        log.json().items.some((r: { targetId: string; outcome: string }) => r.targetId === created.id && r.outcome === 'ok'),
        action,
      ).toBe(true);
    }
  });

  it('five wrong codes close the grant; an expired one cannot be approved', async () => {
    const created = await createAccount('guess.me');
    const approved = await post(`/api/v1/users/${created.id}/credential/approve`, await h.login('secadmin'));
    for (let i = 0; i < 5; i++) expect((await redeem('guess.me', created.issuedCode.code, 'WXYZ-2345')).statusCode).toBe(401);
    expect((await redeem('guess.me', created.issuedCode.code, approved.json().issuedCode.code)).statusCode).toBe(401);
    expect((await grantOf(created.id))!.closed_reason).toBe('too_many_attempts');

    const late = await createAccount('too.late');
    h.clock.advanceMinutes(3 * 24 * 60 + 1);
    const res = await post(`/api/v1/users/${late.id}/credential/approve`, await h.login('secadmin'));
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toContain('过期');
    expect((await grantOf(late.id))!.closed_reason).toBe('expired');
  });
});

describe('a password reset', () => {
  it('ends the user’s sessions and old password; neither admin alone can use it; both together and the user can', async () => {
    const gridSession = await h.login('grid');
    const sec = await h.login('secadmin');
    const list = await h.app.inject({ method: 'GET', url: '/api/v1/users?pageSize=200', headers: { cookie: sec } });
    const grid = list.json().items.find((u: { username: string }) => u.username === 'grid');

    const requested = await post(`/api/v1/users/${grid.id}/reset-password`, sec);
    expect(requested.statusCode, requested.body).toBe(200);
    expect(requested.json()).toMatchObject({ status: 'pending', issuedCode: { part: 'A' }, credential: { kind: 'reset', requestedRole: 'security_admin' } });
    expect((await h.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: gridSession } })).statusCode).toBe(401);
    expect((await loginAs('grid', DEMO_PASSWORD)).statusCode).toBe(401);
    // The security admin cannot approve its own request, nor redeem half A alone.
    expect((await post(`/api/v1/users/${grid.id}/credential/approve`, await h.login('secadmin'))).statusCode).toBe(403);
    expect((await redeem('grid', requested.json().issuedCode.code, 'ABCD-EFGH')).statusCode).toBe(401);
    expect((await loginAs('grid', 'My-Own-Pass-1')).statusCode).toBe(401);

    const approved = await post(`/api/v1/users/${grid.id}/credential/approve`, await h.login('sysadmin'));
    expect(approved.statusCode, approved.body).toBe(200);
    expect((await redeem('grid', requested.json().issuedCode.code, approved.json().issuedCode.code, 'Grid-New-Pass-3')).statusCode).toBe(204);
    expect((await loginAs('grid', 'Grid-New-Pass-3')).statusCode).toBe(200);
  });

  it('a reset the system admin requests needs the security admin, and withdrawing it leaves the account waiting', async () => {
    const id = await h.addUser({ username: 'reset.sys', displayName: '某干部', role: 'county_staff', regionCode: COUNTY }, 'First-Pass-11');
    const requested = await post(`/api/v1/users/${id}/reset-password`, await h.login('sysadmin'));
    expect(requested.statusCode).toBe(200);
    expect((await post(`/api/v1/users/${id}/credential/approve`, await h.login('sysadmin'))).statusCode).toBe(403);
    const cancelled = await post(`/api/v1/users/${id}/credential/cancel`, await h.login('secadmin'));
    expect(cancelled.statusCode).toBe(200);
    expect(cancelled.json()).toMatchObject({ status: 'pending', credential: null });
    expect((await loginAs('reset.sys', 'First-Pass-11')).statusCode).toBe(401);
  });

  it('a business user cannot request or approve anything', async () => {
    const county = await h.login('county');
    const list = await h.app.inject({ method: 'GET', url: '/api/v1/users?pageSize=200', headers: { cookie: await h.login('sysadmin') } });
    const village = list.json().items.find((u: { username: string }) => u.username === 'village');
    expect((await post(`/api/v1/users/${village.id}/reset-password`, county)).statusCode).toBe(403);
    expect((await post(`/api/v1/users/${village.id}/credential/approve`, county)).statusCode).toBe(403);
  });
});
