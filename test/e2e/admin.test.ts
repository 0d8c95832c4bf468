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
