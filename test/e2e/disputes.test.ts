import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/cli/demo-accounts.js';
import { extractPdfText } from '../../src/platform/pdf-text.js';
import { pdf, png } from '../../src/platform/files/test-fixtures.js';
import { launchBrowser } from './browser.js';
import { apiGet, apiPost, apiSession } from './api.js';

// Dispute mediation in the browser, on the real server with the demo county:
// - a dispute from intake to a signed agreement: a resident reports a neighbour's drainage ditch on
//   /report (category 1201 邻里纠纷, located in a grid of 上黄村) → the order opens a mediation case at
//   the village → the village cadre finds it on the case board, records a session, writes the
//   agreement (调解协议书) with the parties' particulars, marks it signed and stamped, downloads the
//   PDF from the page's link, and closes the case, which resolves the order;
// - the statistics and warnings pages (county staff, desktop), the roster and the receptions (a
//   village cadre on a 390 px phone), each showing the data the API holds;
// - a mediator on a phone attaches a photo and a PDF as evidence and shows the photo to both
//   parties, writes the agreement for a registered resident, whose particulars come
//   from the registry, downloads it, records the parties' application for 司法确认 and the court's
//   confirmation, and the statistics page counts it.
// The PDF's text is read back with the same helper as the unit test (src/platform/pdf-text.ts).

let browser: Browser;
const baseUrl = inject('baseUrl');
const SHANGHUANG = '522631102200';
const APPLICANT = '杨桂芬';
const RESPONDENT = '王德福';
const TERMS = `${RESPONDENT}于2026年12月10日前将排水沟恢复到原来的位置，并赔偿${APPLICANT}菜地损失600元。`;
/**
 * A phone's screen (390 × 844) and a desk (1440 × 900), both on China time like the server's dates.
 * The phone is not emulated as a mobile browser, which would zoom the whole page out when the app's
 * frame is wider than the screen and put clicks off target: these tests check the disputes pages
 * themselves at 390 px, whatever the frame around them does.
 */
const PHONE = { viewport: { width: 390, height: 844 }, hasTouch: true, timezoneId: 'Asia/Shanghai' };
const DESK = { viewport: { width: 1440, height: 900 }, timezoneId: 'Asia/Shanghai' };

beforeAll(async () => {
  browser = await launchBrowser();
  // Another file may have left the drill clock moved forward: dates here are today's.
  await fetch(`${baseUrl}/api/v1/requests/drill/reset`, { method: 'POST', headers: { cookie: await apiSession('county') } });
});
afterAll(() => browser?.close());

/** A browser signed in as `username`, on a phone or a desk. */
async function signedIn(username: string, device: typeof PHONE | typeof DESK) {
  const context = await browser.newContext({ ...device, acceptDownloads: true });
  const page = await context.newPage();
  await page.goto(`${baseUrl}/login`);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(DEMO_PASSWORD);
  await page.getByTestId('login-submit').click();
  // On a phone the menu is folded away; the header's logout button is there on every screen.
  await page.getByTestId('logout').waitFor();
  return { context, page };
}

/**
 * Whether a disputes page's own content fits a phone: nothing inside the element is wider than the
 * element, and the element is no wider than the screen. The app's frame decides how much of the
 * 390 px the page gets; when it leaves less than 300 px (a side menu that does not fold away on a
 * phone), the answer says so, since no page can fit then.
 */
async function fitsWidth(page: Page, testId: string): Promise<string> {
  return page.getByTestId(testId).evaluate((el) => {
    const box = el.getBoundingClientRect();
    if (box.width < 300) return `the app frame leaves the page ${Math.round(box.width)} px of ${window.innerWidth}: its menu does not fold away on a phone`;
    if (el.scrollWidth > el.clientWidth + 1 || box.width > window.innerWidth) return `content ${el.scrollWidth} px wide in ${el.clientWidth} px`;
    return 'fits';
  });
}

/** A date picker's calendar is not open (or still closing) over the form. */
async function calendarClosed(page: Page) {
  await expect.poll(() => page.locator('.ant-picker-dropdown:visible').count(), { timeout: 15_000 }).toBe(0);
}

/** Picks `value` in an antd Select found by its test id (typing filters the options), and waits until it shows it. */
async function choose(page: Page, testId: string, value: string) {
  await page.getByTestId(testId).click();
  await page.keyboard.type(value);
  // The filtered list's first option is the active one: Enter takes it (no click on a moving list).
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option-active').filter({ hasText: value }).waitFor();
  await page.keyboard.press('Enter');
  await expect.poll(() => page.getByTestId(testId).textContent()).toContain(value);
}

/**
 * Submits the open dialog. A long form on a phone scrolls inside the dialog's wrapper: brought to
 * its end first, so the OK button is on screen and nothing of the dialog lies over it.
 */
async function submitDialog(page: Page) {
  await page.locator('.ant-modal-wrap:visible').evaluate((wrap) => wrap.scrollTo(0, wrap.scrollHeight));
  await page.getByTestId('action-submit').click();
}

/**
 * Types a date into an antd DatePicker and closes its calendar (clicking the dialog's title), so the
 * calendar cannot cover the next field — on a busy machine its closing animation takes a while.
 */
async function typeDate(page: Page, testId: string, date: string) {
  await page.getByTestId(testId).focus();
  await page.keyboard.type(date);
  await page.keyboard.press('Enter');
  await page.getByRole('dialog').locator('.ant-modal-title').click();
  await calendarClosed(page);
}

/** A party's particulars in the written agreement's form (everything for a party not in the registry). */
async function fillParticulars(page: Page, i: number, p: { sex?: '男' | '女'; age?: number; ethnicity: string; occupation: string; address?: string }) {
  const card = page.getByTestId(`particulars-${i}`);
  if (p.sex) await card.getByText(p.sex, { exact: true }).click();
  if (p.age !== undefined) await card.getByRole('spinbutton').fill(String(p.age));
  await choose(page, `f-parties-${i}-ethnicity`, p.ethnicity);
  await page.getByTestId(`f-parties-${i}-occupation`).fill(p.occupation);
  if (p.address) await page.getByTestId(`f-parties-${i}-address`).fill(p.address);
}

/** Opens an action's dialog on the case page, lets `fill` fill it, submits, and waits for it to close. */
async function doAction(page: Page, action: string, fill: (dialog: ReturnType<Page['getByRole']>) => Promise<void> = async () => {}) {
  await page.getByTestId(`action-${action}`).click();
  const dialog = page.getByRole('dialog');
  await dialog.waitFor();
  await fill(dialog);
  await submitDialog(page);
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
    await rp.getByTestId('report-privacy-ack').check();
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
    const context = await browser.newContext({ ...DESK, acceptDownloads: true });
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
    await typeDate(page, 'f-performanceDeadline', '2026-12-10');
    // The requester is not in the registry: all of art. 29's particulars are entered.
    await fillParticulars(page, 0, { sex: '女', age: 46, ethnicity: '侗族', occupation: '务农', address: '上黄村三组' });
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
    expect(text).toContain(['申请人：杨桂芬', '性别：女', '民族：侗族', '年龄：46岁'].join('\u3000'));
    expect(text).toContain(['职业或工作单位：务农', '住址：上黄村三组'].join('\u3000'));
    expect(text).toContain('联系电话：137****3344');
    expect(text).not.toContain('13700003344');
    expect(text).toContain(TERMS);
    expect(text).toContain(`${RESPONDENT}负主要责任。`);
    expect(text).toContain('履行期限：2026年12月10日前履行完毕');
    expect(text).toContain('上黄村人民调解委员会（盖章）');
    expect(text).not.toContain('（未盖章）');

    // 7. Closed at the village; the work order is resolved with the outcome on its timeline.
    await doAction(page, 'close');
    await expect.poll(() => page.getByTestId('case-status').getAttribute('data-status')).toBe('closed');
    const closed = await apiGet(`/api/v1/disputes/cases/${found[0].id}`, village);
    expect(closed).toMatchObject({ status: 'closed', outcome: 'written', closedLevel: 'village' });
    expect(closed.timeline.map((e: { action: string }) => e.action)).toEqual(['create', 'session', 'agree', 'sign', 'stamp', 'close']);
    const wo = await apiGet(`/api/v1/work-orders/${order.id}`, county);
    expect(wo.status).toBe('resolved');
    expect(wo.timeline.map((e: { action: string }) => e.action)).toEqual(expect.arrayContaining(['dispute_case', 'dispute_closed', 'resolve']));
    await context.close();
  }, 300_000);
});

describe('the statistics, warnings, roster and receptions pages show what the server holds', () => {
  it('statistics and early warning for county staff at the desk', async () => {
    const county = await apiSession('county');
    const { context, page } = await signedIn('county', DESK);
    await page.goto(`${baseUrl}/disputes/stats`);
    await page.getByTestId('stats-summary').waitFor();
    // The page's default period: this year up to today.
    const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(new Date());
    const stats = await apiGet(`/api/v1/disputes/stats?from=${today.slice(0, 4)}-01-01&to=${today}&groupBy=type`, county);
    expect(stats.total.cases).toBeGreaterThan(0);
    await expect.poll(() => page.getByTestId('formula-successRate').textContent()).toBe(`${stats.total.written + stats.total.oral} / ${stats.total.closed}`);
    expect(await page.getByTestId('stats-judicial-confirmed').getAttribute('data-value')).toBe(String(stats.total.judicialConfirmed));
    expect(await page.getByTestId('stats-formulas').textContent()).toContain('司法确认');
    for (const row of stats.rows.slice(0, 3)) expect(await page.locator('.ant-table-tbody').textContent()).toContain(row.name);

    await page.goto(`${baseUrl}/disputes/warnings`);
    const warnings = await apiGet('/api/v1/disputes/warnings', county);
    const repeat = page.getByTestId('warnings-repeat');
    await repeat.waitFor();
    if (warnings.repeatParties.length) await expect.poll(() => repeat.textContent()).toContain(warnings.repeatParties[0].name);
    else expect(await repeat.textContent()).toContain('暂无');
    const high = page.getByTestId('warnings-high');
    if (warnings.highRiskOpen.length) await expect.poll(() => high.textContent()).toContain(warnings.highRiskOpen[0].number);
    else expect(await high.textContent()).toContain('暂无');
    await context.close();
  }, 120_000);

  it('the roster and the receptions on a village cadre’s phone (390 px), a mediator’s number revealed with a reason', async () => {
    const village = await apiSession('village');
    // A township leader's reception this month, scheduled by the township (the village only reads).
    const reception = await apiPost('/api/v1/disputes/receptions', await apiSession('township'), {
      kind: 'receive',
      leaderName: '吴镇长',
      leaderTitle: '中潮镇镇长',
      scheduledAt: new Date(Date.now() + 3 * 86_400_000).toISOString(),
      place: '中潮镇综治中心',
      regionCode: '522631102000',
    });
    const { context, page } = await signedIn('village', PHONE);

    await page.goto(`${baseUrl}/disputes/mediators`);
    const roster = (await apiGet('/api/v1/disputes/mediators', village)).items as { name: string; phone: string | null }[];
    expect(roster.length).toBeGreaterThan(0);
    // The page's code and data load while the machine may be busy: wait as long as a slow phone would.
    await expect.poll(() => page.getByTestId('mediator-item').count(), { timeout: 30_000 }).toBe(roster.length);
    expect(await page.getByTestId('mediator-list').textContent()).toContain(roster[0]!.name);
    expect.soft(await fitsWidth(page, 'mediator-list')).toBe('fits');
    // Phones are masked in the list; the full number comes once, for a reason, and is audited.
    const masked = (await page.getByTestId('mediator-phone-masked').first().textContent())!;
    expect(masked).toMatch(/^1\d{2}\*{4}\d{4}$/);
    expect(await page.getByTestId('mediator-list').textContent()).not.toMatch(/1\d{10}/);
    await page.getByTestId('mediator-reveal').first().click();
    await page.getByTestId('reveal-reason').fill('联系调解员安排调解时间');
    await page.getByTestId('reveal-submit').click();
    const full = (await page.getByTestId('revealed-value').textContent())!;
    expect(full).toMatch(/^1\d{10}$/);
    expect([full.slice(0, 3), full.slice(-4)]).toEqual([masked.slice(0, 3), masked.slice(-4)]);
    await page.keyboard.press('Escape');

    await page.goto(`${baseUrl}/disputes/receptions`);
    const receptions = (await apiGet('/api/v1/disputes/receptions', village)).items as { id: string }[];
    expect(receptions.map((r) => r.id)).toContain(reception.id);
    await expect.poll(() => page.getByTestId('reception-item').count(), { timeout: 30_000 }).toBe(receptions.length);
    expect(await page.getByTestId('reception-list').textContent()).toContain('吴镇长（中潮镇镇长）');
    expect.soft(await fitsWidth(page, 'reception-list')).toBe('fits');
    await context.close();
  }, 120_000);
});

describe('a mediator on a phone: evidence, the agreement with a registered party, then 司法确认', () => {
  it('a photo and a PDF as evidence → particulars from the registry → PDF → application → court confirms → the statistics count it', async () => {
    const village = await apiSession('village');
    // A registered resident of 上黄村 against a neighbour who is not in the registry.
    const resident = (await apiGet(`/api/v1/residents?regionCode=${SHANGHUANG}&pageSize=1`, village)).items[0];
    const household = await apiGet(`/api/v1/households/${resident.householdId}`, village);
    const address = household.address.includes(household.villageName) ? household.address : `${household.villageName}${household.address}`;
    const sex = resident.sex === 'male' ? '男' : '女';
    const c = await apiPost('/api/v1/disputes/cases', village, {
      disputeType: '1201',
      narrative: `${resident.name}家和邻居因屋后竹林越界发生争执，竹根伸进菜地`,
      regionCode: SHANGHUANG,
      parties: [
        { role: 'applicant', residentId: resident.id },
        { role: 'respondent', name: '龙老四', phone: '13600002468' },
      ],
    });
    const terms = '龙老四于十五日内挖除越界竹根，并赔偿菜地损失300元。';

    const { context, page } = await signedIn('village', PHONE);
    await page.goto(`${baseUrl}/disputes/stats`);
    await page.getByTestId('stats-summary').waitFor();
    const before = Number(await page.getByTestId('stats-judicial-confirmed').getAttribute('data-value'));
    expect.soft(await fitsWidth(page, 'stats-summary')).toBe('fits');

    await page.goto(`${baseUrl}/disputes/${c.id}`);
    await page.getByTestId('case-detail').waitFor();
    // Evidence: a photo and a PDF on the case, listed with who added them; the photo shown to both parties.
    await page.getByTestId('evidence-add').click();
    const upload = page.getByRole('dialog');
    await upload.waitFor();
    await upload.locator('input[type=file]').setInputFiles([
      { name: '竹根越界.png', mimeType: 'image/png', buffer: png(5) },
      { name: '损失清单.pdf', mimeType: 'application/pdf', buffer: pdf('损失清单') },
    ]);
    await page.getByTestId('evidence-note').fill('现场照片和损失清单');
    await page.getByTestId('evidence-submit').click();
    await upload.waitFor({ state: 'hidden' });
    await expect.poll(() => page.getByTestId('evidence-item').count()).toBe(2);
    expect(await page.getByTestId('evidence').textContent()).toContain('损失清单.pdf');
    await page.getByTestId('evidence-mark').first().click();
    await page.getByTestId('evidence-shown').waitFor();
    const evidence = (await apiGet(`/api/v1/disputes/cases/${c.id}`, village)).evidence;
    expect(evidence.map((e: { filename: string }) => e.filename)).toEqual(['竹根越界.png', '损失清单.pdf']);
    expect(evidence[0].shownAt).not.toBeNull();
    const stored = await fetch(`${baseUrl}/api/v1/files/${evidence[1].id}/content`, { headers: { cookie: village } });
    expect(Buffer.from(await stored.arrayBuffer()).equals(pdf('损失清单'))).toBe(true);

    await page.getByTestId('action-agree').click();
    const agree = page.getByRole('dialog');
    await agree.waitFor();
    // The registered party: sex, age and address shown from the registry; ethnicity and occupation entered.
    await expect.poll(() => page.getByTestId('registry-0').textContent()).toContain(`${resident.age} 岁`);
    expect(await page.getByTestId('registry-0').textContent()).toContain(address);
    await fillParticulars(page, 0, { ethnicity: '侗族', occupation: '务农' });
    await fillParticulars(page, 1, { sex: '男', age: 58, ethnicity: '苗族', occupation: '个体工商户', address: '上黄村五组8号' });
    await page.getByTestId('f-facts').fill('龙老四屋后竹林越界生长，竹根伸入对方菜地，致蔬菜减产。');
    await page.getByTestId('f-matters').fill('越界竹根的清除及菜地损失。');
    await page.getByTestId('f-responsibilities').fill('龙老四负全部责任。');
    await page.getByTestId('f-terms').fill(terms);
    await page.getByTestId('f-performanceMethod').fill('龙老四自行挖除，赔偿款当面支付');
    await typeDate(page, 'f-performanceDeadline', '2026-12-31');
    await page.getByTestId('f-committeeName').fill('上黄村人民调解委员会');
    await submitDialog(page);
    await agree.waitFor({ state: 'hidden' });
    await expect.poll(() => page.getByTestId('parties').textContent()).toContain('侗族');
    await doAction(page, 'sign');
    await doAction(page, 'stamp');
    expect.soft(await fitsWidth(page, 'case-detail')).toBe('fits');

    // The PDF states the registered party's particulars as the registry holds them.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('agreement-pdf').click()]);
    const text = extractPdfText(await readFile((await download.path())!)).replace(/\n/g, '');
    expect(text).toContain([`申请人：${resident.name}`, `性别：${sex}`, '民族：侗族', `年龄：${resident.age}岁`].join('\u3000'));
    expect(text).toContain(['职业或工作单位：务农', `住址：${address}`].join('\u3000'));
    expect(text).toContain(['被申请人：龙老四', '性别：男', '民族：苗族', '年龄：58岁'].join('\u3000'));
    expect(text).toContain(terms);
    expect(text).not.toContain('13600002468');

    // 司法确认: the parties' joint application (today, both sides), then the court's confirmation.
    await doAction(page, 'judicial-apply', async () => {
      await page.getByTestId('f-court').fill('黎平县人民法院');
    });
    await expect.poll(() => page.getByTestId('judicial').textContent()).toContain('黎平县人民法院');
    await doAction(page, 'judicial-outcome', async () => {
      await page.getByTestId('f-document').fill('（2026）黔2631民特58号');
    });
    await expect.poll(() => page.getByTestId('judicial-outcome').getAttribute('data-outcome')).toBe('confirmed');
    expect(await page.getByTestId('judicial').textContent()).toContain('（2026）黔2631民特58号');
    const after = await apiGet(`/api/v1/disputes/cases/${c.id}`, village);
    expect(after.agreement.judicial).toMatchObject({
      court: '黎平县人民法院',
      outcome: 'confirmed',
      applicants: [{ name: resident.name }, { name: '龙老四' }],
    });

    // The statistics page counts the confirmed agreement.
    await page.goto(`${baseUrl}/disputes/stats`);
    await page.getByTestId('stats-summary').waitFor();
    await expect.poll(() => page.getByTestId('stats-judicial-confirmed').getAttribute('data-value')).toBe(String(before + 1));
    await context.close();
  }, 300_000);
});
