import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/cli/demo-accounts.js';
import { launchBrowser, openMenuEntry, waitForApp } from './browser.js';

let browser: Browser;
const baseUrl = inject('baseUrl');
const NUMBER = /^\d{6}-\d{8}-\d{5}$/;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

async function login(page: Page, username: string) {
  await page.goto(`${baseUrl}/login`);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(DEMO_PASSWORD);
  await page.getByTestId('login-submit').click();
  await waitForApp(page);
}

describe('one intake in the browser', () => {
  let created: { number: string; code: string };

  it('a resident reports on /report without logging in and gets a number and a query code', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    await page.goto(`${baseUrl}/report`);
    await page.getByTestId('report-page').waitFor();
    expect(page.url()).toBe(`${baseUrl}/report`); // not sent to the login page
    await page.getByTestId('report-description').fill('我家楼下的路灯坏了一个多星期，晚上出门很不安全，请尽快修理');
    // The classifier's suggestion follows the text.
    await page.getByTestId('classifier-candidate-0').waitFor();
    await page.getByTestId('report-address').fill('中潮镇中潮村3组');
    await page.getByTestId('report-phone').fill('13800001234');
    // The personal-information notice is ticked before the report goes.
    await page.getByTestId('report-privacy-ack').check();
    await page.getByTestId('report-submit').click();
    await page.getByTestId('report-done').waitFor();
    const number = (await page.getByTestId('created-number').textContent())!.trim();
    const code = (await page.getByTestId('created-code').textContent())!.trim();
    expect(number).toMatch(NUMBER);
    expect(code.length).toBeGreaterThanOrEqual(4);
    created = { number, code };

    // The tracking page shows it, from the link on the card.
    await page.getByTestId('created-track').click();
    await page.getByTestId('track-result').waitFor();
    expect((await page.getByTestId('track-result-number').textContent())!.trim()).toBe(number);
    await expect.poll(() => page.getByTestId('track-timeline').locator('.ant-timeline-item').count()).toBeGreaterThan(0);
    expect(await page.getByTestId('track-result').textContent()).not.toContain('13800001234');
    await context.close();
  });

  it('the tracking page finds the order by number and code typed in, and refuses a wrong code', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${baseUrl}/track`);
    await page.getByTestId('track-number').fill(created.number);
    await page.getByTestId('track-code').fill('WRONG0');
    await page.getByTestId('track-submit').click();
    await page.getByTestId('track-error').waitFor();
    expect(await page.getByTestId('track-result').count()).toBe(0);
    await page.getByTestId('track-code').fill(created.code);
    await page.getByTestId('track-submit').click();
    await page.getByTestId('track-result').waitFor();
    expect((await page.getByTestId('track-result-number').textContent())!.trim()).toBe(created.number);
    await context.close();
  });

  it('a hotline operator files an order from the keyboard alone', async () => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    await login(page, 'county');
    await page.getByTestId('menu-intake').click();
    await page.getByTestId('intake-page').waitFor();
    // The phone field has the focus; Enter moves on to the name, then to the description.
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('intake-phone');
    await page.keyboard.type('13800001234');
    await page.getByTestId('caller-history').getByText('13800001234'.slice(0, 3)).first().waitFor();
    await page.keyboard.press('Enter');
    await page.keyboard.type('李女士');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('intake-description');
    await page.keyboard.type('中潮镇街上有商贩长期占道经营，车辆通行困难');
    await page.getByTestId('classifier-candidate-0').waitFor();
    await page.keyboard.press('Alt+3'); // 投诉
    await expect.poll(() => page.getByTestId('intake-type-complaint').isChecked()).toBe(true);
    await page.keyboard.press('Control+Enter');
    const card = page.getByTestId('created-card');
    await card.waitFor();
    expect((await card.getByTestId('created-number').textContent())!.trim()).toMatch(NUMBER);
    // Ready for the next call: the form is empty and the phone field has the focus again.
    expect(await page.getByTestId('intake-description').inputValue()).toBe('');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('intake-phone');

    // The same number again: its history lists both orders (the resident's and this one).
    await page.keyboard.type('13800001234');
    await expect.poll(async () => page.getByTestId('caller-history').locator('.ant-list-item').count()).toBeGreaterThanOrEqual(2);
    await context.close();
  });

  it('a grid worker reports offline; the queued report syncs once, even when the first answer is lost', async () => {
    // No service worker here: it would hide the page's requests from page.route.
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, serviceWorkers: 'block' });
    const page = await context.newPage();
    await login(page, 'grid');
    await openMenuEntry(page, 'patrol');
    await page.getByTestId('patrol-page').waitFor();

    const text = `巡查发现五组桥头护栏断了一截，有人掉下去的危险 ${Date.now()}`;
    await context.setOffline(true);
    await page.getByTestId('patrol-new').click();
    await page.getByTestId('patrol-description').fill(text);
    await page.getByTestId('patrol-submit').click();
    const report = page.getByTestId('queued-report').first();
    await report.waitFor();
    expect(await report.getAttribute('data-state')).toBe('queued');

    // Back online, the first send reaches the server but its answer never comes back.
    const keys: string[] = [];
    let dropped = false;
    await page.route('**/api/v1/requests', async (route) => {
      keys.push(route.request().headers()['idempotency-key'] ?? '');
      if (dropped) return route.continue();
      dropped = true;
      await route.fetch(); // the server creates the order…
      await route.abort('failed'); // …and the phone hears nothing
    });
    await context.setOffline(false);
    await expect.poll(() => keys.length).toBeGreaterThanOrEqual(1);
    await expect.poll(() => report.getAttribute('data-state')).toBe('queued');

    // The 同步 button sends it again with the same key; the server answers with the first order.
    await page.getByTestId('patrol-sync').click();
    await expect.poll(() => report.getAttribute('data-state')).toBe('synced');
    expect(keys).toHaveLength(2);
    expect(keys[1]).toBe(keys[0]);
    const number = (await report.getByTestId('queued-number').textContent())!.trim();
    expect(number).toMatch(NUMBER);
    const found = await (await page.request.get(`${baseUrl}/api/v1/work-orders`, { params: { q: text.slice(-13) } })).json();
    expect(found.total).toBe(1);
    expect(found.items[0].number).toBe(number);
    await context.close();
  });
});
