import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { DEMO_PASSWORD } from '../../src/cli/demo-accounts.js';
import { launchBrowser } from './browser.js';

let browser: Browser;
let page: Page;
const baseUrl = inject('baseUrl');

beforeAll(async () => {
  browser = await launchBrowser();
  page = await browser.newPage();
});
afterAll(() => browser?.close());

describe('web shell', () => {
  it('serves the login page', async () => {
    await page.goto(`${baseUrl}/`);
    await page.getByTestId('login-username').waitFor();
    expect(await page.title()).toContain('共治');
  });

  it('a wrong password shows the server message', async () => {
    await page.getByTestId('login-username').fill('county');
    await page.getByTestId('login-password').fill('Wrong-pass-1');
    await page.getByTestId('login-submit').click();
    await expect.poll(() => page.getByTestId('login-error').textContent()).toContain('用户名或密码错误');
  });

  it('a township official logs in and sees the role menu and scope', async () => {
    await page.getByTestId('login-username').fill('township');
    await page.getByTestId('login-password').fill(DEMO_PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('app-menu').waitFor();
    await expect.poll(() => page.getByTestId('menu-regions').count()).toBe(1);
    expect(await page.getByTestId('menu-audit').count()).toBe(0);
    expect(await page.getByTestId('menu-users').count()).toBe(0);
    expect(await page.getByTestId('scope-indicator').textContent()).toContain('中潮镇');
  });

  it('browses the region tree within scope', async () => {
    await page.getByTestId('menu-regions').click();
    await page.getByTestId('region-tree').waitFor();
    await expect.poll(() => page.getByTestId('region-tree').textContent()).toContain('中潮镇');
  });

  it('switches language to English and back', async () => {
    const toggle = page.getByTestId('lang-switch');
    expect(await toggle.textContent()).toContain('English');
    await toggle.click();
    await expect.poll(() => page.getByTestId('lang-switch').textContent()).toContain('中文');
    await expect.poll(() => page.getByTestId('menu-regions').textContent()).toMatch(/[A-Za-z]/);
    await page.getByTestId('lang-switch').click();
    await expect.poll(() => page.getByTestId('lang-switch').textContent()).toContain('English');
  });

  it('shows a 404 page for an unknown address', async () => {
    await page.goto(`${baseUrl}/no/such/page`);
    await page.getByTestId('not-found').waitFor();
  });

  it('logs out, and the session is gone', async () => {
    await page.goto(`${baseUrl}/`);
    await page.getByTestId('logout').click();
    await page.getByTestId('login-username').waitFor();
    const me = await page.evaluate(async () => (await fetch('/api/v1/auth/me')).status);
    expect(me).toBe(401);
  });
});
