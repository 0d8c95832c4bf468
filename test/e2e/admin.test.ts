import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/cli/demo-accounts.js';
import { totpCode } from '../../src/platform/accounts/totp.js';
import { launchBrowser } from './browser.js';

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

describe('a password set by an admin', () => {
  it('must be changed in the browser before anything else', async () => {
    // The security admin resets the grid worker's password through the API the web uses.
    const api = await browser.newContext();
    const login = await api.request.post(`${baseUrl}/api/v1/auth/login`, {
      data: { username: 'secadmin', password: DEMO_PASSWORD, totpCode: totpCode(secretOf('secadmin'), new Date()) },
    });
    expect(login.status()).toBe(200);
    const users = await (await api.request.get(`${baseUrl}/api/v1/users?pageSize=200`)).json();
    const grid = users.items.find((u: { username: string }) => u.username === 'grid');
    const reset = await api.request.post(`${baseUrl}/api/v1/users/${grid.id}/reset-password`, { data: { password: 'Temp-Pass-2026' } });
    expect(reset.status()).toBe(200);
    await api.close();

    const page2 = await browser.newPage();
    await page2.goto(`${baseUrl}/login`);
    await page2.getByTestId('login-username').fill('grid');
    await page2.getByTestId('login-password').fill('Temp-Pass-2026');
    await page2.getByTestId('login-submit').click();
    const form = page2.getByTestId('change-password');
    await form.waitFor();
    await form.locator('input').nth(0).fill('Temp-Pass-2026');
    await form.locator('input').nth(1).fill('Grid-Worker-2027');
    await form.locator('input').nth(2).fill('Grid-Worker-2027');
    await form.locator('button[type="submit"]').click();
    await page2.getByTestId('app-menu').waitFor();
    expect(await page2.getByTestId('change-password').count()).toBe(0);
    await page2.close();
  });
});
