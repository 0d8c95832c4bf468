import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { DEMO_PASSWORD } from '../../src/cli/demo-accounts.js';
import { launchBrowser } from './browser.js';

let browser: Browser;
let page: Page;
const baseUrl = inject('baseUrl');
/** Everything the browser blocked or broke on: CSP reports in the console, and page errors. */
const problems: string[] = [];

beforeAll(async () => {
  browser = await launchBrowser();
  page = await browser.newPage();
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(String(e)));
});
afterAll(() => browser?.close());

describe('the web app and the API docs under the Content-Security-Policy', () => {
  it('the resident report page, the signed-in app and the Swagger UI render with nothing blocked', async () => {
    const home = await page.goto(`${baseUrl}/report`);
    expect(home!.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
    await page.getByTestId('report-submit').waitFor();

    await page.goto(`${baseUrl}/`);
    await page.getByTestId('login-username').fill('township');
    await page.getByTestId('login-password').fill(DEMO_PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('app-menu').waitFor();
    await page.goto(`${baseUrl}/regions`);
    await page.getByTestId('app-menu').waitFor();

    await page.goto(`${baseUrl}/api/docs/`);
    await page.locator('.swagger-ui .info').waitFor();
    expect(problems).toEqual([]);
  });
});
