import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/cli/demo-accounts.js';
import { launchBrowser } from './browser.js';

let browser: Browser;
let page: Page;
const baseUrl = inject('baseUrl');
/** 上黄村: the demo village cadre's village, in 中潮镇 (the township account's). */
const SHANGHUANG = '522631102200';
/** A ring that crosses itself (a bow-tie): valid GeoJSON, but not a polygon the server accepts. */
const BOW_TIE = JSON.stringify({
  type: 'Feature',
  properties: {},
  geometry: {
    type: 'Polygon',
    coordinates: [
      [
        [108.9, 26.0],
        [108.91, 26.01],
        [108.91, 26.0],
        [108.9, 26.01],
        [108.9, 26.0],
      ],
    ],
  },
});

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

/** Opens the grid map and clicks the first grid of 上黄村; returns its code. */
async function openShanghuangGrid(): Promise<string> {
  await page.getByTestId('menu-grids').click();
  await page.getByTestId('grid-map').waitFor();
  const first = page.locator(`[data-testid^="grid-${SHANGHUANG}"]`).first();
  await first.waitFor();
  const code = (await first.getAttribute('data-testid'))!.slice('grid-'.length);
  await first.click();
  await page.getByTestId('grid-panel').waitFor();
  await expect.poll(() => page.getByTestId('grid-panel').textContent()).toContain(code);
  return code;
}

describe('editing grids in the browser', () => {
  it('a village cadre renames a grid and adds a part-time grid worker; a self-crossing boundary is refused on its field', async () => {
    await login('village');
    const code = await openShanghuangGrid();
    expect(code).toMatch(/^522631102200\d{3}$/);
    // Village boundaries are drawn from above: no such action for a village cadre.
    expect(await page.getByTestId('village-boundary-open').count()).toBe(0);

    await page.getByTestId('grid-edit').click();
    const form = page.getByTestId('grid-edit-form');
    await form.waitFor();
    await page.getByTestId('grid-edit-name').fill('上黄村测试网格');
    await page.getByTestId('grid-edit-worker-add').click();
    await page
      .getByTestId(/^grid-edit-worker-name-\d+$/)
      .last()
      .fill('杨晓梅');
    await page
      .getByTestId(/^grid-edit-worker-employment-\d+$/)
      .last()
      .getByText('兼职')
      .click();
    await page
      .getByTestId(/^grid-edit-worker-phone-\d+$/)
      .last()
      .fill('13912345678');
    await page.getByTestId('grid-edit-submit').click();
    await form.waitFor({ state: 'detached' });
    await expect.poll(() => page.getByTestId('grid-panel').textContent()).toContain('上黄村测试网格');

    await page.reload();
    await page.getByTestId('grid-panel').waitFor();
    await expect.poll(() => page.getByTestId('grid-panel').textContent()).toContain('上黄村测试网格');
    const workers = await page.getByTestId('grid-workers').textContent();
    expect(workers).toContain('杨晓梅');
    expect(workers).toContain('兼职');
    expect(workers).toContain('139****5678'); // masked in the browser before it was sent
    expect(workers).not.toContain('13912345678');

    await page.getByTestId('grid-edit').click();
    await page.getByTestId('grid-edit-boundary-text').fill(BOW_TIE);
    await page.getByTestId('grid-edit-submit').click();
    const boundaryError = page.getByTestId('grid-edit-boundary').locator('.ant-form-item-explain-error');
    await boundaryError.waitFor();
    expect(await boundaryError.textContent()).toContain('自相交');
    expect(await page.getByTestId('grid-edit-form').count()).toBe(1); // still open, nothing saved
    await page.getByTestId('grid-edit-cancel').click();
  });

  it('township staff see the village boundary action, and a boundary leaving grids outside is refused on its field', async () => {
    await page.getByTestId('logout').click();
    await login('township');
    await openShanghuangGrid();
    await page.getByTestId('village-boundary-open').click();
    await page.getByTestId('village-boundary-current').waitFor();
    // A small square far from 上黄村's grids: they would all fall outside it.
    const square = {
      type: 'Polygon',
      coordinates: [
        [
          [108.0, 26.0],
          [108.001, 26.0],
          [108.001, 26.001],
          [108.0, 26.001],
          [108.0, 26.0],
        ],
      ],
    };
    await page.getByTestId('village-boundary-text').fill(JSON.stringify(square));
    await page.getByTestId('village-boundary-submit').click();
    const boundaryError = page.getByTestId('village-boundary').locator('.ant-form-item-explain-error');
    await boundaryError.waitFor();
    expect(await boundaryError.textContent()).toContain('边界之外');
    await page.getByTestId('village-boundary-cancel').click();
  });
});
