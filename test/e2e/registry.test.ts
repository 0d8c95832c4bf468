import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/cli/demo-accounts.js';
import { launchBrowser } from './browser.js';

let browser: Browser;
let page: Page;
const baseUrl = inject('baseUrl');

beforeAll(async () => {
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
});
afterAll(() => browser?.close());

async function login(username: string) {
  await page.goto(`${baseUrl}/login`);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(DEMO_PASSWORD);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('app-menu').waitFor();
}

describe('one grid network in the browser', () => {
  it('a township official opens the grid map, clicks a grid and sees its households', async () => {
    await login('township');
    await page.getByTestId('menu-grids').click();
    await page.getByTestId('grid-map').waitFor();
    const first = page.locator('[data-testid^="grid-5226"]').first();
    await first.waitFor();
    const code = (await first.getAttribute('data-testid'))!.slice('grid-'.length);
    expect(code).toMatch(/^522631102\d{6}$/); // a grid of 中潮镇's villages
    // the villages' stored boundaries, outlined under their grids
    await page.locator('[data-testid^="village-outline-522631102"]').first().waitFor({ state: 'attached' });
    expect(await page.locator('[data-testid^="village-outline-522631102"]').count()).toBeGreaterThan(0);
    await first.click();
    await page.getByTestId('grid-panel').waitFor();
    await expect.poll(() => page.getByTestId('grid-panel').textContent()).toContain(code);
    const households = page.getByTestId('grid-households');
    await households.waitFor();
    await expect.poll(async () => households.locator('tbody tr.ant-table-row').count()).toBeGreaterThan(0);
    expect(await households.textContent()).not.toMatch(/[0-9]{17}[0-9X]/);
  });

  it('a village cadre reveals an ID number only after giving a reason', async () => {
    await page.getByTestId('logout').click();
    await login('village');
    await page.getByTestId('menu-people').click();
    const table = page.getByTestId('households-table');
    await table.locator('tbody tr.ant-table-row').first().waitFor();
    await table.locator('tbody tr.ant-table-row a').first().click();
    await page.getByTestId('household-detail').waitFor();
    const detail = page.getByTestId('household-detail');
    expect(await detail.textContent()).not.toMatch(/[0-9]{17}[0-9X]/);
    await detail.getByTestId('member-reveal').first().click();
    await page.getByTestId('reveal-submit').click(); // no reason yet: refused in the form
    expect(await page.getByTestId('revealed-value').count()).toBe(0);
    await page.getByTestId('reveal-reason').fill('核对低保申请人身份');
    await page.getByTestId('reveal-submit').click();
    await expect
      .poll(async () => (await page.getByTestId('revealed-value').count()) > 0 && (await page.getByTestId('revealed-value').textContent()))
      .toMatch(/^([0-9]{17}[0-9X]|1[0-9]{10})$/);
  });
});
