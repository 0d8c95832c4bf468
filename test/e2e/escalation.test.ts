import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/cli/demo-accounts.js';
import { launchBrowser } from './browser.js';
import { apiGet, apiSession } from './api.js';
import { polygonCentroid } from '../../src/modules/regions/geometry.js';

// One order end to end, in the browser, on the real server (drill mode lets time pass):
// a resident reports → classified and located in a grid → the grid does not close it in time →
// the village, then the township → the township whistles two departments → both report in and
// do their part → resolved → followed up as satisfied → the rates move.

let browser: Browser;
const baseUrl = inject('baseUrl');
const SHANGHUANG = '522631102200';

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  // Back to real time for the other browser tests (TOTP codes follow the real clock).
  const cookie = await apiSession('county');
  await fetch(`${baseUrl}/api/v1/requests/drill/reset`, { method: 'POST', headers: { cookie } });
  await browser?.close();
});

/** Moves the server's drill clock forward; the overdue sweep runs right after. */
async function letTimePass(days: number): Promise<{ escalated: number }> {
  const cookie = await apiSession('county');
  const res = await fetch(`${baseUrl}/api/v1/requests/drill/advance`, {
    method: 'POST',
    headers: { cookie, 'content-type': 'application/json' },
    body: JSON.stringify({ minutes: days * 24 * 60 }),
  });
  expect(res.status, await res.clone().text()).toBe(200);
  return res.json();
}

async function as(username: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  await page.goto(`${baseUrl}/login`);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(DEMO_PASSWORD);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('app-menu').waitFor();
  return { context, page };
}

async function openOrder(page: Page, id: string) {
  await page.goto(`${baseUrl}/work-orders/${id}`);
  await page.getByTestId('order-detail').waitFor();
}

/** Clicks an action button of the order page and submits its form with a note typed in the first text area. */
async function doAction(page: Page, action: string, note?: string) {
  await page.getByTestId(`action-${action}`).click();
  const dialog = page.getByRole('dialog');
  await dialog.waitFor();
  if (note) await dialog.locator('textarea').first().fill(note);
  await page.getByTestId('action-submit').click();
  await dialog.waitFor({ state: 'hidden' });
}

/** The satisfaction rate's counts as the rates page shows them under the figure: satisfied / followed up. */
async function satisfiedCount(page: Page): Promise<[number, number]> {
  await page.goto(`${baseUrl}/rates`);
  const cell = page.getByTestId('rates-summary').locator('.ant-col', { has: page.getByTestId('formula-satisfactionRate') });
  await expect
    .poll(async () => (await cell.textContent()) ?? '', { timeout: 30_000 })
    .toMatch(/\d+ \/ \d+/)
    .catch(async (e) => {
      await page.screenshot({ path: '/tmp/rates-fail.png' });
      throw e;
    });
  const m = /(\d+) \/ (\d+)/.exec((await cell.textContent())!)!;
  return [Number(m[1]), Number(m[2])];
}

describe('one order through the whole chain, in the browser', () => {
  it('resident → grid → (late) village → (late) township → whistle → two report-ins → resolved → satisfied → rates', async () => {
    // Where: a point inside one of 上黄村's grids.
    const county = await apiSession('county');
    const grids = await apiGet(`/api/v1/grids?villageCode=${SHANGHUANG}`, county);
    const grid = grids.items[0];
    const [longitude, latitude] = polygonCentroid(grid.boundary);
    const point = { latitude, longitude };

    const staff = await as('county');
    const ratesBefore = await satisfiedCount(staff.page);

    // 1. The resident reports from the phone, located by the phone's position.
    const resident = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, geolocation: point, permissions: ['geolocation'] });
    const rp = await resident.newPage();
    await rp.goto(`${baseUrl}/report`);
    await rp.getByTestId('report-description').fill('我们组上的垃圾池满了一个多星期没人清运，臭得很，苍蝇蚊子到处飞');
    await rp.getByTestId('classifier-candidate-0').waitFor();
    await rp.getByTestId('report-locate').click();
    await rp
      .getByText(/\d+\.\d{5}/)
      .first()
      .waitFor();
    // The place is named and drawn: the grid's outline with the point inside, no map tiles loaded.
    await rp.getByTestId('report-place-map').waitFor();
    expect(await rp.getByTestId('report-place-map').locator('path').count()).toBe(1);
    await rp.getByTestId('report-phone').fill('13800005678');
    await rp.getByTestId('report-privacy-ack').check();
    await rp.getByTestId('report-submit').click();
    await rp.getByTestId('report-done').waitFor();
    const number = (await rp.getByTestId('created-number').textContent())!.trim();
    await resident.close();

    // Classified and located: it is with the grid's worker.
    const found = await apiGet(`/api/v1/work-orders?q=${number}`, county);
    expect(found.items).toHaveLength(1);
    const order = found.items[0];
    expect(order).toMatchObject({ categoryCode: '0204', level: 'grid', unitRegionCode: grid.code, villageCode: SHANGHUANG });
    const id: string = order.id;

    // 2. The grid worker signs for it but does not close it in time.
    const gw = await as('grid');
    await openOrder(gw.page, id);
    await doAction(gw.page, 'sign');
    await expect.poll(() => gw.page.getByTestId('order-timeline').textContent()).toContain(grid.name);
    await gw.context.close();

    // 3. Time passes: the sweep moves it to the village (社区响应), and then, still open, to the township.
    expect((await letTimePass(6)).escalated).toBeGreaterThanOrEqual(1);
    expect((await apiGet(`/api/v1/work-orders/${id}`, await apiSession('county'))).level).toBe('village');
    expect((await letTimePass(6)).escalated).toBeGreaterThanOrEqual(1);
    expect((await apiGet(`/api/v1/work-orders/${id}`, await apiSession('county'))).level).toBe('township');

    // 4. The township signs and whistles two departments (街乡吹哨).
    const town = await as('township');
    await openOrder(town.page, id);
    await expect.poll(() => town.page.getByTestId('order-stages').textContent()).toMatch(/上黄/);
    await doAction(town.page, 'sign');
    await town.page.getByTestId('action-whistle').click();
    const dialog = town.page.getByRole('dialog');
    await dialog.waitFor();
    const select = town.page.getByTestId('whistle-departments');
    await select.click();
    // Search and pick, as a clerk would among twenty-odd departments.
    for (const [typed, name] of [
      ['住房', '县住房和城乡建设局'],
      ['综合行政执法', '县综合行政执法局'],
    ] as const) {
      await town.page.keyboard.type(typed);
      await town.page.getByTitle(name).click();
    }
    await dialog.locator('textarea').first().fill('垃圾池破损外溢，请住建、执法到场联合处置');
    await town.page.getByTestId('action-submit').click();
    await dialog.waitFor({ state: 'hidden' });
    await expect.poll(() => town.page.getByTestId('order-detail').textContent()).toContain('县综合行政执法局');

    // 5. Both departments report in (部门报到) and record their part, from the whistle board.
    for (const [user, note] of [
      ['dept', '住建局已派人到场，负责垃圾池修缮'],
      ['dept2', '执法大队已到场，负责清理外溢垃圾'],
    ] as const) {
      const d = await as(user);
      await d.page.goto(`${baseUrl}/whistles`);
      // The demo's own whistles wait on the same board: answer this order's call, on its row.
      const board = d.page.getByTestId('whistle-board').locator('tr', { hasText: number });
      await board.first().waitFor();
      await board.getByTestId('call-report-in').first().click();
      await d.page.getByTestId('call-note').fill(note);
      await d.page
        .getByRole('dialog')
        .getByRole('button', { name: /确\s*定|OK|提\s*交/ })
        .click();
      await board.getByTestId('call-part-done').first().waitFor();
      await board.getByTestId('call-part-done').first().click();
      await d.page.getByTestId('call-note').fill('已完成');
      await d.page
        .getByRole('dialog')
        .getByRole('button', { name: /确\s*定|OK|提\s*交/ })
        .click();
      await expect.poll(() => board.getByTestId('call-part-done').count()).toBe(0);
      await d.context.close();
    }
    const afterCalls = await apiGet(`/api/v1/work-orders/${id}`, await apiSession('county'));
    expect(afterCalls.whistleCalls.map((c: { reportedAt: string | null; partDoneAt: string | null }) => !!c.reportedAt && !!c.partDoneAt)).toEqual([
      true,
      true,
    ]);

    // 6. The township resolves it.
    await openOrder(town.page, id);
    await doAction(town.page, 'resolve', '垃圾池已修缮，外溢垃圾已清运，设置了清运时间表');
    await expect.poll(async () => (await apiGet(`/api/v1/work-orders/${id}`, await apiSession('county'))).status).toBe('resolved');
    await town.context.close();

    // 7. The county centre follows up: satisfied → closed; the timeline tells the whole story.
    const centre = await as('county');
    await openOrder(centre.page, id);
    await centre.page.getByTestId('action-follow-up').click();
    const fu = centre.page.getByRole('dialog');
    await fu.waitFor();
    await fu.getByText('满意', { exact: true }).click();
    await centre.page.getByTestId('action-submit').click();
    await fu.waitFor({ state: 'hidden' });
    const closed = await apiGet(`/api/v1/work-orders/${id}`, await apiSession('county'));
    expect(closed).toMatchObject({ status: 'closed', closedLevel: 'township' });
    expect(closed.timeline.map((e: { action: string }) => e.action)).toEqual(
      expect.arrayContaining(['accept', 'dispatch', 'sign', 'auto_escalate', 'whistle', 'report_in', 'part_done', 'resolve', 'follow_up', 'close']),
    );
    await expect.poll(() => centre.page.getByTestId('order-timeline').textContent()).toContain('县综合行政执法局');

    // 8. The rates count it: one more satisfied follow-up.
    const ratesAfter = await satisfiedCount(centre.page);
    expect(ratesAfter).toEqual([ratesBefore[0] + 1, ratesBefore[1] + 1]);
    await centre.context.close();
    await staff.context.close();
  }, 300_000);
});
