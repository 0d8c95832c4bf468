import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/cli/demo-accounts.js';
import { extractPdfText } from '../../src/modules/disputes/pdf-text.js';
import { launchBrowser } from './browser.js';

// A dispute from intake to a signed agreement, in the browser, on the real server with the demo
// county: a resident reports a neighbour's drainage ditch on /report (category 1201 邻里纠纷, located
// in a grid of 上黄村) → the order opens a mediation case at the village → the village cadre finds it
// on the case board, records a session, writes the agreement (调解协议书), marks it signed and
// stamped, downloads the PDF from the page's link, and closes the case. The PDF's text is read back
// with the same helper as the unit test (src/modules/disputes/pdf-text.ts).

let browser: Browser;
const baseUrl = inject('baseUrl');
const SHANGHUANG = '522631102200';
const APPLICANT = '杨桂芬';
const RESPONDENT = '王德福';
const TERMS = `${RESPONDENT}于2026年12月10日前将排水沟恢复到原来的位置，并赔偿${APPLICANT}菜地损失600元。`;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

async function apiSession(username: string): Promise<string> {
  const res = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  expect(res.status).toBe(200);
  return res.headers.get('set-cookie')!.split(';')[0]!;
}

async function apiGet(path: string, cookie: string) {
  const res = await fetch(`${baseUrl}${path}`, { headers: { cookie } });
  expect(res.status, path).toBe(200);
  return res.json();
}

/** Opens an action's dialog on the case page, lets `fill` fill it, submits, and waits for it to close. */
async function doAction(page: Page, action: string, fill: (dialog: ReturnType<Page['getByRole']>) => Promise<void> = async () => {}) {
  await page.getByTestId(`action-${action}`).click();
  const dialog = page.getByRole('dialog');
  await dialog.waitFor();
  await fill(dialog);
  await page.getByTestId('action-submit').click();
  await dialog.waitFor({ state: 'hidden' });
}

describe('a dispute from intake to a signed agreement, in the browser', () => {
  it('resident report → case at the village → session → written agreement → signed, stamped → PDF with parties and terms → closed', async () => {
    // Where: the middle of one of 上黄村's grids, as the resident's phone reports it.
    const county = await apiSession('county');
    const grid = (await apiGet(`/api/v1/grids?villageCode=${SHANGHUANG}`, county)).items[0];
    const ring: number[][] = grid.boundary.coordinates[0].slice(0, -1);
    const point = { latitude: ring.reduce((s, p) => s + p[1]!, 0) / ring.length, longitude: ring.reduce((s, p) => s + p[0]!, 0) / ring.length };

    // 1. The resident reports the dispute from the phone and picks 邻里纠纷 among the suggestions.
    const resident = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, geolocation: point, permissions: ['geolocation'] });
    const rp = await resident.newPage();
    await rp.goto(`${baseUrl}/report`);
    const story = `邻居${RESPONDENT}把排水沟改到我家院坝边上，一下雨水就往我家菜地里灌，找他说了几次都不听，邻里纠纷想请村里调解`;
    await rp.getByTestId('report-description').fill(story);
    await rp.getByTestId('classifier-candidate-0').waitFor();
    const neighbour = rp.locator('[data-testid^="classifier-candidate-"][data-code="1201"]');
    await expect.poll(() => neighbour.count(), { message: 'the classifier offers 1201 邻里纠纷' }).toBeGreaterThan(0);
    if ((await neighbour.getAttribute('aria-checked')) !== 'true') await neighbour.click();
    await rp.getByTestId('report-locate').click();
    await rp
      .getByText(/\d+\.\d{5}/)
      .first()
      .waitFor();
    await rp.locator('#requesterName').fill(APPLICANT);
    await rp.getByTestId('report-phone').fill('13700003344');
    await rp.getByTestId('report-submit').click();
    await rp.getByTestId('report-done').waitFor();
    const orderNumber = (await rp.getByTestId('created-number').textContent())!.trim();
    await resident.close();

    // The order is a 1201 dispute in 上黄村: it opened a case at the village, the requester as applicant.
    const village = await apiSession('village');
    const order = (await apiGet(`/api/v1/work-orders?q=${orderNumber}`, county)).items[0];
    expect(order).toMatchObject({ categoryCode: '1201', villageCode: SHANGHUANG });
    const found = (await apiGet(`/api/v1/disputes/cases?q=${encodeURIComponent('往我家菜地里灌')}`, village)).items;
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ source: 'work_order', workOrderId: order.id, level: 'village', villageCode: SHANGHUANG, status: 'open' });
    const caseNumber: string = found[0].number;

    // 2. The village cadre finds it on the board and opens it.
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, acceptDownloads: true });
    const page = await context.newPage();
    await page.goto(`${baseUrl}/login`);
    await page.getByTestId('login-username').fill('village');
    await page.getByTestId('login-password').fill(DEMO_PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('app-menu').waitFor();
    await page.goto(`${baseUrl}/disputes`);
    await page.getByTestId('case-search').locator('input').fill(caseNumber);
    await page.getByTestId('case-search').locator('input').press('Enter');
    await page.locator(`[data-testid="case-row"][data-number="${caseNumber}"]`).getByTestId('case-link').click();
    await page.getByTestId('case-detail').waitFor();
    await expect.poll(() => page.getByTestId('case-number').textContent()).toContain(caseNumber);
    expect(await page.getByTestId('case-work-order').textContent()).toContain(orderNumber);
    expect(await page.getByTestId('parties').textContent()).toContain(APPLICANT);

    // An escalation needs a reason of 4 characters: the server's reason shows on the field, nothing moves.
    await page.getByTestId('action-escalate').click();
    const escalate = page.getByRole('dialog');
    await escalate.waitFor();
    await escalate.locator('textarea').fill('不行');
    await page.getByTestId('action-submit').click();
    await escalate.locator('.ant-form-item-explain-error').first().waitFor();
    expect(await escalate.locator('.ant-form-item-explain-error').first().textContent()).toMatch(/4/);
    await escalate.getByRole('button', { name: /取\s*消|Cancel/ }).click();
    await escalate.waitFor({ state: 'hidden' });

    // 3. A session with both neighbours.
    await doAction(page, 'session', async (d) => {
      await page.getByTestId('f-place').fill('上黄村综治中心调解室');
      const attendees = page.getByTestId('f-attendees').locator('input');
      await attendees.fill(RESPONDENT);
      await attendees.press('Enter');
      await page.getByTestId('f-methods').click();
      await page.getByTitle('院户亲情调').click();
      await page.keyboard.press('Escape');
      await page.getByTestId('f-record').fill(`双方到场陈述。${RESPONDENT}承认改沟未与邻居商量，同意恢复原位并赔偿损失。`);
      await d.getByText(RESPONDENT).first().waitFor();
    });
    await expect.poll(() => page.getByTestId('sessions').textContent()).toContain('上黄村综治中心调解室');

    // 4. The written agreement. Without a committee (no mediator assigned) the server names the field.
    await page.getByTestId('action-agree').click();
    const agree = page.getByRole('dialog');
    await agree.waitFor();
    await page.getByTestId('f-facts').fill(`${RESPONDENT}将排水沟改至${APPLICANT}院坝边，雨水流入${APPLICANT}菜地。`);
    await page.getByTestId('f-matters').fill('排水沟的位置及菜地损失。');
    await page.getByTestId('f-responsibilities').fill(`${RESPONDENT}负主要责任。`);
    await page.getByTestId('f-terms').fill(TERMS);
    await page.getByTestId('f-performanceMethod').fill(`${RESPONDENT}自行施工，赔偿款当面现金支付`);
    await page.getByTestId('f-performanceDeadline').click();
    await page.keyboard.type('2026-12-10');
    await page.keyboard.press('Enter');
    await page.getByTestId('action-submit').click();
    await agree.getByText('书面调解协议须写明人民调解委员会名称').waitFor();
    await page.getByTestId('f-committeeName').fill('上黄村人民调解委员会');
    await page.getByTestId('action-submit').click();
    await agree.waitFor({ state: 'hidden' });
    await expect.poll(() => page.getByTestId('agreement').textContent()).toContain(TERMS);

    // 5. Signed by the parties, stamped by the village committee.
    await doAction(page, 'sign');
    await doAction(page, 'stamp');
    await expect.poll(() => page.getByTestId('case-status').getAttribute('data-status')).toBe('agreed');
    const detail = await apiGet(`/api/v1/disputes/cases/${found[0].id}`, village);
    expect(detail.agreement).toMatchObject({ partiesSigned: true, stamped: true, committeeName: '上黄村人民调解委员会' });
    expect(detail.agreement.effectiveAt).not.toBeNull();

    // 6. The PDF from the page's link: its text names the parties and the terms.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('agreement-pdf').click()]);
    expect(download.suggestedFilename()).toBe(`人民调解协议书-${caseNumber}.pdf`);
    const pdf = await readFile((await download.path())!);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const text = extractPdfText(pdf).replace(/\n/g, '');
    expect(text).toContain('人民调解协议书');
    expect(text).toContain(caseNumber);
    expect(text).toContain(`申请人：${APPLICANT}`);
    expect(text).toContain('联系电话：137****3344');
    expect(text).not.toContain('13700003344');
    expect(text).toContain(TERMS);
    expect(text).toContain(`${RESPONDENT}负主要责任。`);
    expect(text).toContain('履行期限：2026年12月10日前履行完毕');
    expect(text).toContain('上黄村人民调解委员会（盖章）');
    expect(text).not.toContain('（未盖章）');

    // 7. Closed at the village; the work order hears of it.
    await doAction(page, 'close');
    await expect.poll(() => page.getByTestId('case-status').getAttribute('data-status')).toBe('closed');
    const closed = await apiGet(`/api/v1/disputes/cases/${found[0].id}`, village);
    expect(closed).toMatchObject({ status: 'closed', outcome: 'written', closedLevel: 'village' });
    expect(closed.timeline.map((e: { action: string }) => e.action)).toEqual(['create', 'session', 'agree', 'sign', 'stamp', 'close']);
    const wo = await apiGet(`/api/v1/work-orders/${order.id}`, county);
    expect(wo.timeline.map((e: { action: string }) => e.action)).toEqual(expect.arrayContaining(['dispute_case', 'dispute_closed']));
    await context.close();
  }, 300_000);
});
