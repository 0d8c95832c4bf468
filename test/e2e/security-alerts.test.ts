import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/cli/demo-accounts.js';
import { adminLogin, launchBrowser } from './browser.js';

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

describe('security alerts (安全提醒)', () => {
  // The township official: no other browser test reveals numbers as them (registry.test.ts reveals as 'village').
  let officialName: string;

  it('a township official who reveals too many full numbers is refused, through the API the web uses', async () => {
    const api = await browser.newContext();
    expect((await api.request.post(`${baseUrl}/api/v1/auth/login`, { data: { username: 'township', password: DEMO_PASSWORD } })).status()).toBe(200);
    officialName = (await (await api.request.get(`${baseUrl}/api/v1/auth/me`)).json()).user.displayName;
    const residents = await (await api.request.get(`${baseUrl}/api/v1/residents?page=1&pageSize=1`)).json();
    const id = residents.items[0].id as string;
    const reveal = () => api.request.post(`${baseUrl}/api/v1/residents/${id}/reveal`, { data: { field: 'idNumber', reason: '核实低保申请材料' } });
    for (let i = 0; i < 20; i++) expect((await reveal()).status(), `reveal ${i + 1}`).toBe(200);
    expect((await reveal()).status()).toBe(429);
    await api.close();
  });

  it('the security admin finds the alert in the menu, with the user and what happened in words', async () => {
    await adminLogin(page, baseUrl, 'secadmin', DEMO_PASSWORD, secretOf('secadmin'));
    await page.getByTestId('menu-security-alerts').click();
    const table = page.getByTestId('security-alerts-table');
    await expect.poll(() => table.getByTestId('security-alert-summary').count()).toBe(1);
    expect(await table.getByTestId('security-alert-summary').textContent()).toBe('10 分钟内查看完整号码超过上限 20 次');
    const text = (await table.textContent()) ?? '';
    expect(text).toContain(officialName);
    expect(text).toContain('township · 乡镇（街道）工作人员');
    expect(text).toContain('居民身份证号');
    expect(text).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/); // no raw ids
  });

  it('is not offered to anyone else', async () => {
    const other = await browser.newPage();
    await other.goto(`${baseUrl}/login`);
    await other.getByTestId('login-username').fill('county');
    await other.getByTestId('login-password').fill(DEMO_PASSWORD);
    await other.getByTestId('login-submit').click();
    await other.getByTestId('app-menu').waitFor();
    expect(await other.getByTestId('menu-security-alerts').count()).toBe(0);
    await other.goto(`${baseUrl}/security-alerts`);
    await other.locator('.ant-result-403').waitFor();
    await other.close();
  });
});
