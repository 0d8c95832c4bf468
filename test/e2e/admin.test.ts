import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/cli/demo-accounts.js';
import { totpCode } from '../../src/platform/accounts/totp.js';
import { adminLogin, launchBrowser, waitForApp } from './browser.js';

let browser: Browser;
let page: Page;
const baseUrl = inject('baseUrl');

function secretOf(username: string): string {
  const line = fs
    .readFileSync(inject('demoAccountsFile'), 'utf8')
    .split('\n')
    .find((l) => l.startsWith(`${username}\t`));
  return /TOTP 密钥 ([A-Z2-7]+)/.exec(line ?? '')![1]!;
}

beforeAll(async () => {
  browser = await launchBrowser();
  page = await browser.newPage();
});
afterAll(() => browser?.close());

describe('audit admin (三员)', () => {
  it('logs in with a TOTP code, sees only the audit log, and finds the login in it', async () => {
    await page.goto(`${baseUrl}/login`);
    await page.getByTestId('login-username').fill('auditor');
    await page.getByTestId('login-password').fill(DEMO_PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('login-totp').waitFor();
    await page.getByTestId('login-totp').fill(totpCode(secretOf('auditor'), new Date()));
    await page.getByTestId('login-submit').click();
    await page.getByTestId('app-menu').waitFor();
    expect(await page.getByTestId('menu-audit').count()).toBe(1);
    expect(await page.getByTestId('menu-regions').count()).toBe(0);
    expect(await page.getByTestId('menu-users').count()).toBe(0);
    await page.getByTestId('menu-audit').click();
    await page.getByTestId('audit-table').waitFor();
    await expect.poll(() => page.getByTestId('audit-table').textContent()).toContain('auth.login');
  });
});

describe('a password reset takes two admins and the user (三权分立)', () => {
  it('the security admin requests it, the system admin approves it, the village cadre sets a password on the phone', async () => {
    // The security admin asks for the reset on the users page and is shown half A once.
    const sec = await browser.newPage();
    await adminLogin(sec, baseUrl, 'secadmin', DEMO_PASSWORD, secretOf('secadmin'));
    const users = await (await sec.request.get(`${baseUrl}/api/v1/users?pageSize=200`)).json();
    // village2: an account no other browser test signs in with.
    const cadre = users.items.find((u: { username: string }) => u.username === 'village2');
    await sec.goto(`${baseUrl}/users`);
    const secRow = sec.locator(`tr[data-row-key="${cadre.id}"]`);
    await secRow.getByTestId('user-reset-password').click();
    await sec.locator('.ant-popconfirm').getByRole('button', { name: '确 定' }).click();
    const codeA = (await sec.getByTestId('issued-code-value').textContent())!.trim();
    expect(codeA).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    // The old password no longer works, and the security admin has nothing to approve.
    expect((await sec.request.post(`${baseUrl}/api/v1/auth/login`, { data: { username: 'village2', password: DEMO_PASSWORD } })).status()).toBe(401);
    await sec.getByRole('button', { name: '已记下' }).click();
    await expect.poll(() => secRow.textContent()).toContain('待系统管理员审批');
    expect(await secRow.getByTestId('user-approve').count()).toBe(0);
    await sec.close();

    // The system admin approves it and is shown half B once.
    const sys = await browser.newPage();
    await adminLogin(sys, baseUrl, 'sysadmin', DEMO_PASSWORD, secretOf('sysadmin'));
    await sys.goto(`${baseUrl}/users`);
    const sysRow = sys.locator(`tr[data-row-key="${cadre.id}"]`);
    await sysRow.getByTestId('user-approve').click();
    await sys.locator('.ant-popconfirm').getByRole('button', { name: '确 定' }).click();
    const codeB = (await sys.getByTestId('issued-code-value').textContent())!.trim();
    expect(codeB).not.toBe(codeA);
    await sys.close();

    // The village cadre, on a phone, redeems both halves and chooses a password only they know.
    const phone = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await phone.goto(`${baseUrl}/login`);
    await phone.getByTestId('login-activate').click();
    await phone.getByTestId('activate-username').fill('village2');
    await phone.getByTestId('activate-code-a').fill(codeA.toLowerCase());
    await phone.getByTestId('activate-code-b').fill(codeB);
    await phone.getByTestId('activate-password').fill('Village-Cadre-2027');
    await phone.getByTestId('activate-confirm').fill('Village-Cadre-2027');
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await phone.getByTestId('activate-submit').click();
    await phone.getByTestId('activate-to-login').click();
    await phone.getByTestId('login-username').fill('village2');
    await phone.getByTestId('login-password').fill('Village-Cadre-2027');
    await phone.getByTestId('login-submit').click();
    await waitForApp(phone);
    expect(await phone.getByTestId('change-password').count()).toBe(0);
    await phone.close();
  });
});
