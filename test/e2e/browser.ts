import { chromium, type Browser, type Page } from 'playwright-core';
import { totpCode } from '../../src/platform/accounts/totp.js';

/** Debian's Chromium, headless, with no calls to Google's services (the network is closed). */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/**
 * Signs an admin in through the login page with a TOTP code from `secret`. A code works once per
 * 30-second step, and another test may just have used this step's: then wait for the next one.
 */
export async function adminLogin(page: Page, baseUrl: string, username: string, password: string, secret: string): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('login-totp').waitFor();
  for (let attempt = 0; attempt < 2; attempt++) {
    await page.getByTestId('login-totp').fill(totpCode(secret, new Date()));
    const answer = page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/login'));
    await page.getByTestId('login-submit').click();
    if ((await answer).status() === 200) {
      await page.getByTestId('app-menu').waitFor();
      return;
    }
    await new Promise((r) => setTimeout(r, 30_000 - (Date.now() % 30_000) + 500));
  }
  throw new Error(`${username}: TOTP refused twice`);
}

/** Signed in: the menu exists (on a phone it waits in the closed "more" drawer, so it need not be visible). */
export async function waitForApp(page: Page): Promise<void> {
  await page.getByTestId('app-menu').waitFor({ state: 'attached' });
}

/**
 * Clicks a menu entry. On a phone (below 768 px) the full menu is in the drawer the tab bar's
 * "more" opens: it is opened first (choosing an entry closes it again).
 */
export async function openMenuEntry(page: Page, key: string): Promise<void> {
  const entry = page.getByTestId(`menu-${key}`);
  if (!(await entry.isVisible())) {
    await page.getByTestId('nav-more').click();
    await entry.waitFor();
  }
  await entry.click();
}
