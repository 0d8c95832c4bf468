import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/cli/demo-accounts.js';
import { polygonCentroid, type Polygon } from '../../src/modules/regions/geometry.js';
import { launchBrowser, waitForApp } from './browser.js';
import { apiGet, apiSession } from './api.js';

// Every refusal is recoverable (#13): a patrol report the server refuses is corrected and sent
// again, a dispatch the routing table cannot place is sent by hand to a unit found by typing,
// and the demo's whistles wait on a department's board for it to report in.

let browser: Browser;
const baseUrl = inject('baseUrl');
const NUMBER = /^\d{6}-\d{8}-\d{5}$/;
const ARTIFACTS = path.join(os.tmpdir(), 'gongzhi-e2e-artifacts');

beforeAll(async () => {
  browser = await launchBrowser();
  fs.mkdirSync(ARTIFACTS, { recursive: true });
});
afterAll(() => browser?.close());

async function login(page: Page, username: string) {
  await page.goto(`${baseUrl}/login`);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(DEMO_PASSWORD);
  await page.getByTestId('login-submit').click();
  await waitForApp(page);
}

async function desk(username: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  await login(page, username);
  return { context, page };
}

describe('every refusal is recoverable', () => {
  it('a patrol report refused after reconnecting (point outside the area) is moved on the map and accepted', async () => {
    // A point in the neighbouring village: inside the county, outside the grid worker's area.
    const town = await apiSession('township');
    const worker = await apiSession('grid');
    const townCode = (await apiGet('/api/v1/auth/me', town)).user.regionCode as string;
    const ownVillage = (await apiGet('/api/v1/auth/me', worker)).user.regionCode as string;
    const villages = (await apiGet(`/api/v1/regions/${townCode}/children`, town)) as { code: string; counts: { grids: number | null } }[];
    const other = villages.find((v) => v.code !== ownVillage && (v.counts.grids ?? 0) > 0)!;
    const grids = (await apiGet(`/api/v1/grids?villageCode=${other.code}`, town)).items as { boundary: Polygon }[];
    const [lng, lat] = polygonCentroid(grids[0]!.boundary);

    const context = await browser.newContext({
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
      serviceWorkers: 'block',
      geolocation: { latitude: lat, longitude: lng, accuracy: 10 },
      permissions: ['geolocation'],
    });
    const page = await context.newPage();
    await login(page, 'grid');
    await page.goto(`${baseUrl}/patrol`);
    await page.getByTestId('patrol-page').waitFor();

    const text = `巡查发现路边电线杆倾斜，随时可能倒下 ${Date.now()}`;
    await context.setOffline(true);
    await page.getByTestId('patrol-new').click();
    await page.getByTestId('patrol-description').fill(text);
    await page.getByTestId('patrol-located').waitFor();
    await page.getByTestId('patrol-submit').click();
    const report = page.getByTestId('queued-report').filter({ hasText: text });
    await report.waitFor();
    expect(await report.getAttribute('data-state')).toBe('queued');

    // Back online it is sent and refused: the reason in words, never the raw field code; kept in the queue.
    await context.setOffline(false);
    await expect.poll(() => report.getAttribute('data-state'), { timeout: 30_000 }).toBe('failed');
    const refusal = (await report.getByTestId('queued-error').textContent()) ?? '';
    expect(refusal).toContain('不在您的管理范围内');
    expect(refusal).not.toMatch(/\blat\b|\blng\b/);
    await page.reload();
    await report.waitFor(); // still on the phone after a reload

    // Open it: the reason is on the location, the map shows the worker's own grids; a tap moves the point.
    await report.getByTestId('queued-edit').click();
    await page.getByTestId('patrol-report').waitFor();
    expect(await page.getByTestId('patrol-description').inputValue()).toBe(text);
    expect(await page.getByTestId('patrol-location').textContent()).toContain('不在您的管理范围内');
    const map = page.getByTestId('pin-map');
    await expect.poll(() => map.locator('path').count()).toBeGreaterThan(0);
    await page.screenshot({ path: path.join(ARTIFACTS, 'recover-patrol-edit-390.png'), fullPage: true });
    // A tap inside the first grid (the demo grids are convex cells: the middle of the box is inside).
    await map.locator('path').first().click({ force: true });
    await expect.poll(() => page.getByTestId('patrol-location').textContent()).not.toContain('不在您的管理范围内');
    await page.getByTestId('patrol-submit').click();

    // Sent again under a new key and accepted: one order, in the worker's village.
    const resent = page.getByTestId('queued-report').filter({ hasText: text });
    await expect.poll(() => resent.getAttribute('data-state'), { timeout: 30_000 }).toBe('synced');
    expect(await resent.count()).toBe(1);
    const number = (await resent.getByTestId('queued-number').textContent())!.trim();
    expect(number).toMatch(NUMBER);
    const found = await (await page.request.get(`${baseUrl}/api/v1/work-orders`, { params: { q: text.slice(-13) } })).json();
    expect(found.total).toBe(1);
    expect(found.items[0]).toMatchObject({ number, villageCode: ownVillage });
    await context.close();
  });

  it('a dispatch the routing table cannot place opens the unit picker; a village is found by name and by pinyin initials', async () => {
    // A village matter with no place given: the routing table has no unit for it.
    const county = await apiSession('county');
    const text = `有群众反映村里的垃圾池满了没人清运，没说是哪个村 ${Date.now()}`;
    const res = await fetch(`${baseUrl}/api/v1/requests`, {
      method: 'POST',
      headers: { cookie: county, 'content-type': 'application/json' },
      body: JSON.stringify({ channel: 'hotline', description: text, categoryCode: '0204' }),
    });
    expect(res.status, await res.clone().text()).toBe(201);
    const created = await res.json();
    expect(created.status).toBe('triage');

    const { context, page } = await desk('county');
    await page.goto(`${baseUrl}/dispatch`);
    const row = page.getByTestId('triage-table').locator('tr', { hasText: text.slice(-13) });
    await row.getByTestId('triage-confirm').click();

    // No raw "unitRegionCode: …": the by-hand form opens on the unit, the reason beside it, the picker open.
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    await expect.poll(() => dialog.textContent()).toContain('路由表找不到责任单位');
    expect(await page.locator('body').textContent()).not.toContain('unitRegionCode');
    const search = dialog.getByTestId('dispatch-unit').locator('input');
    // Visible ones only: the tree keeps hidden copies of nodes (motion, the list of an earlier search).
    const option = (name: string) =>
      page.locator('.ant-select-tree-treenode').filter({ hasText: name }).locator('.ant-select-tree-title').filter({ visible: true });
    await search.fill('上黄');
    await option('上黄村').first().waitFor();
    await search.fill('shc');
    await option('上黄村').first().waitFor();
    await page.screenshot({ path: path.join(ARTIFACTS, 'recover-unit-picker-1440.png') });
    await option('上黄村').first().click();
    await page.getByTestId('action-submit').click();
    await dialog.waitFor({ state: 'hidden' });

    const order = await apiGet(`/api/v1/work-orders/${created.id}`, county);
    expect(order).toMatchObject({ status: 'dispatched', level: 'village' });
    expect(order.unitName).toContain('上黄村');
    await context.close();
  });

  it("the demo's whistles wait on the department's board; the department reports in; the county may whistle", async () => {
    const { context, page } = await desk('dept');
    await page.goto(`${baseUrl}/whistles`);
    const board = page.getByTestId('whistle-board');
    // The demo whistled the housing bureau on a crumbling house nobody has answered yet.
    const row = board.locator('tr', { hasText: '危房' }).filter({ has: page.getByTestId('call-report-in') });
    await row.first().waitFor();
    await page.screenshot({ path: path.join(ARTIFACTS, 'recover-whistle-board-1440.png') });
    await row.first().getByTestId('call-report-in').click();
    await page.getByTestId('call-note').fill('住建局已派人到场鉴定');
    await page
      .getByRole('dialog')
      .getByRole('button', { name: /确\s*定|OK|提\s*交/ })
      .click();
    await board.locator('tr', { hasText: '危房' }).getByTestId('call-part-done').first().waitFor();

    // All calls: the demo also has calls answered and done.
    await page
      .locator('.ant-segmented-item')
      .filter({ hasText: /^(全部|All)$/ })
      .click();
    await board.locator('tr', { hasText: '挡土墙' }).first().waitFor();
    await context.close();

    // The county centre has a whistle action on the village's order.
    const county = await apiSession('county');
    const calls = (await apiGet('/api/v1/whistles?open=true', county)).items as { orderId: string; orderTitle: string }[];
    const order = calls.find((c) => c.orderTitle.includes('违规搭建'));
    expect(order).toBeDefined();
    const c = await desk('county');
    await c.page.goto(`${baseUrl}/work-orders/${order!.orderId}`);
    await c.page.getByTestId('order-detail').waitFor();
    await c.page.getByTestId('action-whistle').waitFor();
    await c.context.close();
  });
});
