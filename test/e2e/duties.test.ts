import { readFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/cli/demo-accounts.js';
import type { DutyItem, Report } from '../../src/modules/duties/schema.js';
import { launchBrowser, openMenuEntry } from './browser.js';
import { apiGet, apiSession } from './api.js';

// Burden reduction in the browser (issue #17), on the real server with the demo county:
// - a county department (县住建局) sends three work items to one village on /duties/send: one under a
//   village main item (delivered), one under a forbidden (负面) item (refused, the reason shown), one
//   on no list with an exception reason (held for the county); the page shows each decision;
// - the village cadre, on a 390 px phone, finds the delivered one among the incoming items and the
//   refused one under "refused for us", not the held one; the county approves the held one, and the
//   village then sees it arrive too;
// - the county generates the demo template's report for the county on /duties/reports, sees where
//   each figure came from (measure and formula, or the villages), and downloads the .xlsx, which
//   opens with exceljs and holds a row per field.
// Screenshots of the village's pages at 390 px go to test/e2e/artifacts/.

let browser: Browser;
const baseUrl = inject('baseUrl');
const ARTIFACTS = 'test/e2e/artifacts';
const PHONE = { viewport: { width: 390, height: 844 }, hasTouch: true, timezoneId: 'Asia/Shanghai' };
const DESK = { viewport: { width: 1440, height: 900 }, timezoneId: 'Asia/Shanghai' };
const stamp = Date.now().toString(36);
const TITLES = { delivered: `村级主责事项测试 ${stamp}`, refused: `负面事项测试 ${stamp}`, held: `清单外事项测试 ${stamp}` };
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  for (const c of contexts) await c.close();
  await browser?.close();
});

/** A browser signed in as `username`, on a phone or a desk. */
async function signedIn(username: string, device: typeof PHONE | typeof DESK): Promise<Page> {
  const context = await browser.newContext({ ...device, acceptDownloads: true });
  contexts.push(context);
  const page = await context.newPage();
  await page.goto(`${baseUrl}/login`);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(DEMO_PASSWORD);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('logout').waitFor();
  return page;
}

/** Picks the option of an antd Select whose label contains `value` (typing filters the options; Enter takes the first). */
async function choose(page: Page, testId: string, value: string) {
  await page.getByTestId(testId).click();
  await page.keyboard.type(value);
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option-active').filter({ hasText: value }).waitFor();
  await page.keyboard.press('Enter');
  await page.keyboard.press('Escape');
  await expect.poll(() => page.getByTestId(testId).textContent()).toContain(value);
}

/** The page does not scroll sideways at 390 px; a screenshot of it is kept. */
async function phoneShot(page: Page, name: string) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await page.screenshot({ path: `${ARTIFACTS}/duties-390-${name}.png`, fullPage: true });
}

/** A work item's row (a card on a phone) by its title, in the list on screen. */
const row = (page: Page, title: string) => page.locator(`[data-testid="work-item-row"][data-title="${title}"]`);

describe('work-item access and pull-don’t-ask, in the browser', () => {
  let village: { regionCode: string; regionName: string };
  let main: DutyItem;
  let forbidden: DutyItem;

  beforeAll(async () => {
    const dept = await apiSession('dept');
    village = ((await apiGet('/api/v1/auth/me', await apiSession('village'))) as { user: typeof village }).user;
    const items = (await apiGet('/api/v1/duties/items', dept)) as DutyItem[];
    main = items.find((i) => i.list === 'village_main' && i.status === 'active' && !i.effectiveTo)!;
    forbidden = items.find((i) => i.list === 'village_forbidden' && i.status === 'active' && !i.effectiveTo)!;
    expect(main, 'a village main item in the demo lists').toBeDefined();
    expect(forbidden, 'a village forbidden item in the demo lists').toBeDefined();
  });

  it('a department sends three items: delivered, refused with the reason, held for the county', async () => {
    const page = await signedIn('dept', DESK);
    await openMenuEntry(page, 'duties');
    await page.getByTestId('duties-tab-send').click();
    await page.getByTestId('send-page').waitFor();

    const send = async (title: string, fill: () => Promise<void>) => {
      await page.getByTestId('send-title').fill(title);
      await page.getByTestId('send-content').fill(`${title}：请于月底前完成。`);
      await choose(page, 'send-targets', village.regionName);
      await fill();
      await page.getByTestId('send-submit').click();
      await page.getByTestId('send-result').waitFor();
      const result = page.getByTestId('send-result-row');
      await expect.poll(() => result.count()).toBe(1);
      return result;
    };

    const delivered = await send(TITLES.delivered, () => choose(page, 'send-duty-item', main.code));
    expect(await delivered.getAttribute('data-status')).toBe('delivered');
    expect(await delivered.textContent()).toContain(main.name);
    await page.getByTestId('send-again').click();

    const refused = await send(TITLES.refused, async () => {
      await choose(page, 'send-duty-item', forbidden.code);
      // Said plainly before sending: a forbidden item will be refused.
      await page.getByTestId('send-forbidden-warning').waitFor();
    });
    expect(await refused.getAttribute('data-status')).toBe('refused');
    expect(await refused.textContent()).toContain('负面');
    expect(await refused.textContent()).toContain(forbidden.name);
    await page.getByTestId('send-again').click();

    const held = await send(TITLES.held, async () => {
      await page.getByTestId('send-outside').check();
      await page.getByTestId('send-exception-reason').fill('防汛应急排查，清单未列，请县里批准一次');
    });
    expect(await held.getAttribute('data-status')).toBe('held');
    expect(await held.textContent()).toContain('县级审批');

    // The sender's own box shows all three with their reasons.
    await page.getByTestId('duties-tab-workItems').click();
    await row(page, TITLES.refused).waitFor();
    expect(await row(page, TITLES.refused).getAttribute('data-status')).toBe('refused');
    expect(await row(page, TITLES.held).getAttribute('data-status')).toBe('held');
    expect(await row(page, TITLES.delivered).getAttribute('data-status')).toBe('delivered');
  });

  it('the village sees the delivered one arrive, the refused one refused for it, and the held one later, after the county approves', async () => {
    const phone = await signedIn('village', PHONE);
    await phone.goto(`${baseUrl}/duties/work-items?box=incoming`);
    await row(phone, TITLES.delivered).waitFor();
    expect(await row(phone, TITLES.held).count()).toBe(0);
    expect(await row(phone, TITLES.refused).count()).toBe(0);
    await phoneShot(phone, 'incoming');

    await phone.getByTestId('work-box-refused').click();
    await row(phone, TITLES.refused).waitFor();
    expect(await row(phone, TITLES.refused).textContent()).toContain('负面');
    await phoneShot(phone, 'refused');

    const county = await signedIn('county', DESK);
    await county.goto(`${baseUrl}/duties/work-items?box=held`);
    const held = row(county, TITLES.held);
    await held.waitFor();
    expect(await held.textContent()).toContain('防汛应急排查');
    await held.getByTestId('work-approve').click();
    await county.getByTestId('decide-note').fill('汛期临时任务，同意一次');
    // An exception ends: the dialog offers a month from today.
    expect(await county.getByTestId('decide-expires').inputValue()).not.toBe('');
    await county.getByTestId('decide-submit').click();
    await county.getByRole('dialog').waitFor({ state: 'hidden' });
    await expect.poll(() => row(county, TITLES.held).count()).toBe(0);

    await phone.goto(`${baseUrl}/duties/work-items?box=incoming`);
    await row(phone, TITLES.held).waitFor();
    expect(await row(phone, TITLES.held).getAttribute('data-status')).toBe('delivered');
    expect(await row(phone, TITLES.held).textContent()).toContain('汛期临时任务，同意一次');
    expect(await row(phone, TITLES.delivered).count()).toBe(1);
    await phoneShot(phone, 'incoming-after-approval');

    // The village's other pages at 390 px: the lists and the certificate check.
    await phone.goto(`${baseUrl}/duties/lists`);
    await phone.getByTestId('duty-list-village_main').waitFor();
    await phoneShot(phone, 'lists');
    await phone.goto(`${baseUrl}/duties/certificates`);
    await phone.getByTestId('certificate-row').first().waitFor();
    await phoneShot(phone, 'certificates');
  });

  it('the county generates a report from the demo template, sees each figure’s source, and downloads it as .xlsx', async () => {
    const page = await signedIn('county', DESK);
    await page.goto(`${baseUrl}/duties/reports`);
    await page.getByTestId('report-generate').waitFor();
    const answer = page.waitForResponse((r) => r.url().endsWith('/api/v1/reports') && r.request().method() === 'POST');
    await page.getByTestId('report-submit').click();
    const created = (await (await answer).json()) as Report;

    const view = page.getByTestId('report-view');
    await view.waitFor();
    const counts = await page.getByTestId('report-counts').textContent();
    expect(counts).toContain(`系统取数 ${created.filledBySystem} 项`);
    expect(counts).toContain(`向村收集 ${created.askedOfVillages} 项`);
    expect(created.filledBySystem).toBeGreaterThan(created.askedOfVillages);

    // Per field, where the figure came from: a system field names its measure and formula.
    const fields = page.getByTestId('report-field');
    await expect.poll(() => fields.count()).toBe(created.fields.length);
    const system = created.fields.find((f) => f.source === 'system' && f.formula)!;
    const systemRow = page.locator(`[data-testid="report-field"][data-key="${system.key}"]`);
    expect(await systemRow.getAttribute('data-source')).toBe('system');
    expect(await systemRow.textContent()).toContain(system.formula);
    const asked = created.fields.find((f) => f.source === 'villages');
    if (asked) {
      const askedRow = page.locator(`[data-testid="report-field"][data-key="${asked.key}"]`);
      expect(await askedRow.textContent()).toContain(`已报 ${asked.villagesAnswered ?? 0}/${asked.villagesAsked ?? 0} 个村`);
    }

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('report-xlsx').click()]);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await readFile((await download.path())!)) as unknown as ArrayBuffer);
    const cells: string[] = [];
    book.eachSheet((sheet) => sheet.eachRow((r) => r.eachCell((c) => cells.push(String(c.text)))));
    for (const f of created.fields) expect(cells, f.label).toContain(f.label);
  });
});

describe('task ledger, assessment and formalism reports, in the browser', () => {
  it('the township reports a task it leads; the county downloads the ledger generated from the reports', async () => {
    const township = await signedIn('township', DESK);
    await township.goto(`${baseUrl}/duties/tasks`);
    const rows = township.getByTestId('task-row');
    await rows.first().waitFor();
    expect(await rows.count()).toBe(20);
    const mine = rows.filter({ has: township.getByTestId('task-report-open') }).first();
    const seq = await mine.getAttribute('data-seq');
    await mine.getByTestId('task-report-open').click();
    await township.getByTestId('task-report-progress').fill(`浏览器测试报告 ${stamp}`);
    await township.getByTestId('task-report-submit').click();
    await expect.poll(() => township.locator(`[data-testid="task-row"][data-seq="${seq}"]`).textContent()).toContain(`浏览器测试报告 ${stamp}`);

    const county = await signedIn('county', DESK);
    await county.goto(`${baseUrl}/duties/tasks`);
    const download = county.waitForEvent('download');
    await county.getByTestId('ledger-download').first().click();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await readFile((await (await download).path())!)) as unknown as ArrayBuffer);
    expect(wb.getWorksheet('工作台账')!.rowCount).toBe(21);
    const reports = wb.getWorksheet('进展报告')!;
    const texts: string[] = [];
    reports.eachRow((r) => texts.push(String(r.getCell(6).value)));
    expect(texts).toContain(`浏览器测试报告 ${stamp}`);
  });

  it('the county sees the demo round with the evidence behind a score one click away', async () => {
    const county = await signedIn('county', DESK);
    await county.goto(`${baseUrl}/duties/assessment`);
    await county.getByTestId('score-row').first().waitFor();
    expect(await county.getByTestId('assessment-set').count()).toBeGreaterThanOrEqual(2);
    await county.getByTestId('score-cell').first().click();
    await expect.poll(() => county.locator('.ant-popover:visible').textContent()).toMatch(/依据|不计分/);
  });

  it('a village cadre on a phone reports formalism anonymously; the county answers it', async () => {
    const content = `工作群每天要求打卡拍照 ${stamp}`;
    const cadre = await signedIn('village', PHONE);
    await cadre.goto(`${baseUrl}/duties/formalism`);
    await cadre.getByTestId('formalism-content').fill(content);
    await cadre.getByTestId('formalism-anonymous').check();
    await cadre.getByTestId('formalism-submit').click();
    await expect.poll(() => cadre.getByTestId('formalism-content').inputValue()).toBe('');
    await phoneShot(cadre, 'formalism');

    const county = await signedIn('county', DESK);
    await county.goto(`${baseUrl}/duties/formalism`);
    const row = county.getByTestId('formalism-row').filter({ hasText: content });
    await row.waitFor();
    await row.getByTestId('formalism-answer-open').click();
    await county.locator('.ant-modal:visible textarea').fill('已约谈相关部门，取消打卡要求');
    await county.getByTestId('formalism-answer-submit').click();
    await expect.poll(() => row.getAttribute('data-status')).toBe('answered');
  });

  it('a village cadre on a phone records a signboard cleared; it leaves the "to clear" list', async () => {
    const cadre = await signedIn('village', PHONE);
    await cadre.goto(`${baseUrl}/duties/register`);
    const toClear = cadre.locator('[data-testid="register-row"][data-status="to_remove"]');
    await toClear.first().waitFor();
    const name = (await toClear.first().getAttribute('data-name'))!;
    await toClear.first().getByTestId('register-mark').click();
    await expect.poll(() => cadre.locator(`[data-testid="register-row"][data-name="${name}"]`).getAttribute('data-status')).toBe('removed');
    await phoneShot(cadre, 'register');
  });
});

describe('burden dashboard, documents and meetings, county forms, in the browser', () => {
  it('the county opens the dashboard first, sees the month trend, registers a document and sees the count move', async () => {
    const county = await signedIn('county', DESK);
    await county.goto(`${baseUrl}/duties`);
    await county.getByTestId('dashboard-page').waitFor();
    expect(county.url()).toContain('/duties/dashboard');
    // The dashboard is the county's first tab.
    expect(await county.locator('[data-testid^="duties-tab-"]').first().getAttribute('data-testid')).toBe('duties-tab-dashboard');
    const docs = county.getByTestId('dashboard-figure-documents');
    await docs.waitFor();
    expect(await county.getByTestId('dashboard-bars-documents').locator('> div').count()).toBe(12);
    // The demo year falls as the seeds report: last month against twelve months ago.
    expect(await county.getByTestId('dashboard-change-documents').textContent()).toContain('-41.5%');
    expect(await county.getByTestId('dashboard-change-meetings').textContent()).toContain('-38.7%');
    const before = Number(await docs.getAttribute('data-this-month'));

    const title = `关于精简村级报表的通知 ${stamp}`;
    await county.getByTestId('notice-add-open').click();
    await county.getByTestId('notice-doc-number').fill(`黎党办发〔2026〕${stamp}号`);
    await county.getByTestId('notice-title').fill(title);
    await county.getByTestId('notice-issuer').fill('县委办公室');
    await county.getByTestId('notice-all-townships').click();
    await county.getByTestId('notice-submit').click();
    await county.locator(`[data-testid="notice-row"][data-title="${title}"]`).waitFor();
    await expect.poll(async () => Number(await docs.getAttribute('data-this-month'))).toBe(before + 1);
    const listed = (await apiGet('/api/v1/notices?kind=document', await apiSession('county'))) as { title: string; villageCount: number }[];
    expect(listed.find((n) => n.title === title)!.villageCount).toBeGreaterThan(300);
  });

  it('a county staffer adds a certificate rule in the form; the window check answers with its alternative', async () => {
    const county = await signedIn('county', DESK);
    await county.goto(`${baseUrl}/duties/certificates`);
    const name = `养殖场地使用证明${stamp}`;
    await county.getByTestId('rule-add-open').click();
    await county.getByTestId('rule-name').fill(name);
    await county.getByTestId('rule-commitment').fill('申请人书面承诺场地权属清楚、无纠纷');
    await county.getByTestId('rule-submit').click();
    const row = county.locator(`[data-testid="certificates-not-allowed"] [data-testid="certificate-row"][data-name="${name}"]`);
    await row.waitFor();
    expect(await row.textContent()).toContain('告知承诺');
    const check = (await apiGet(`/api/v1/certificates/check?name=${encodeURIComponent(name)}`, await apiSession('village'))) as {
      allowed: boolean;
      answer: string;
    };
    expect(check.allowed).toBe(false);
    expect(check.answer).toContain('申请人书面承诺场地权属清楚');
  });

  it('the township’s dashboard fits a 390 px phone', async () => {
    const township = await signedIn('township', PHONE);
    await township.goto(`${baseUrl}/duties/dashboard`);
    await township.getByTestId('dashboard-figure-workItemsSent').waitFor();
    expect(await township.getByTestId('dashboard-region').count()).toBe(0);
    await phoneShot(township, 'dashboard');
  });
});
