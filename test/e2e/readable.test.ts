import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/cli/demo-accounts.js';
import { adminLogin, launchBrowser } from './browser.js';

let browser: Browser;
const baseUrl = inject('baseUrl');
const shots = path.join(os.tmpdir(), 'gongzhi-e2e-shots');

function secretOf(username: string): string {
  const line = fs
    .readFileSync(inject('demoAccountsFile'), 'utf8')
    .split('\n')
    .find((l) => l.startsWith(`${username}\t`));
  return /TOTP 密钥 ([A-Z2-7]+)/.exec(line ?? '')![1]!;
}

/** Today in the county's time zone (+08:00), as the date pickers show it. */
function countyToday(): string {
  return new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
}

beforeAll(async () => {
  browser = await launchBrowser();
  fs.mkdirSync(shots, { recursive: true });
});
afterAll(() => browser?.close());

describe('the audit log an auditor can read', () => {
  it('filters by an event picked from the list and by today’s date, shows words and local time, and exports the rows as .xlsx', async () => {
    const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    await adminLogin(page, baseUrl, 'auditor', DEMO_PASSWORD, secretOf('auditor'));
    await page.goto(`${baseUrl}/audit`);
    await page.getByTestId('audit-table').waitFor();

    // Event: typed and picked from the list of events in words.
    await page.getByTestId('audit-filter-action').click();
    await page.keyboard.type('登录');
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: /^登录$/ }).click();
    // Date range: today to today.
    const today = countyToday();
    const [start, end] = [page.locator('.ant-picker-range input').nth(0), page.locator('.ant-picker-range input').nth(1)];
    await start.click();
    await start.fill(today);
    await start.press('Enter');
    await end.fill(today);
    await end.press('Enter');
    const answer = page.waitForResponse((r) => r.url().includes('/api/v1/audit?') && r.url().includes('action=auth.login'));
    await page.getByTestId('audit-search').click();
    const res = await answer;
    expect(res.url()).toContain(`from=${encodeURIComponent(`${today}T00:00:00.000+08:00`)}`);

    await expect.poll(() => page.getByTestId('audit-event').count()).toBeGreaterThan(0);
    const events = await page.getByTestId('audit-event').allTextContents();
    expect(new Set(events)).toEqual(new Set(['登录']));
    const times = await page.getByTestId('audit-time').allTextContents();
    expect(times.every((t) => /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(t))).toBe(true);
    await page.screenshot({ path: path.join(shots, 'audit-filtered-1440.png') });

    // The export takes the same filters.
    const download = page.waitForEvent('download');
    await page.getByTestId('audit-export').click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/\.xlsx$/);
    const saved = path.join(shots, file.suggestedFilename());
    await file.saveAs(saved);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(saved);
    const rows = (wb.worksheets[0]!.getSheetValues().slice(2).filter(Boolean) as unknown[][]).filter((r) => r[6]);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r[5] === '登录' && r[6] === 'auth.login' && String(r[2]).startsWith(today))).toBe(true);
    await context.close();
  });
});

describe('a resident’s report on a phone', () => {
  it('shows no classifier score, names the county and its hotline, and needs the personal-information notice ticked', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    await page.goto(`${baseUrl}/report`);
    await page.getByTestId('report-page').waitFor();

    await expect.poll(() => page.getByTestId('public-county').textContent()).toContain('黎平县');
    expect(await page.getByTestId('public-hotline').textContent()).toContain('12345');
    const notice = (await page.getByTestId('report-privacy-notice').textContent())!;
    expect(notice).toContain('目的');
    expect(notice).toContain('保存期限');
    expect(notice).toContain('12345');

    await page.getByTestId('report-description').fill('上黄村村口的路灯坏了一个多星期，晚上出门很不安全，请尽快修理');
    await page.getByTestId('classifier-candidate-0').waitFor();
    const hint = (await page.getByTestId('classifier-hint').textContent())!;
    expect(hint).not.toMatch(/\d+\s*%/);
    expect(await page.locator('body').textContent()).not.toMatch(/置信度|confidence/i);

    // Without the tick the form refuses, on the field, and nothing is sent.
    await page.getByTestId('report-submit').click();
    await page.getByText('请先阅读并勾选个人信息告知').waitFor();
    expect(await page.getByTestId('report-done').count()).toBe(0);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.screenshot({ path: path.join(shots, 'report-phone-390.png'), fullPage: true });

    await page.getByTestId('report-privacy-ack').check();
    const posted = page.waitForRequest((r) => r.url().endsWith('/api/v1/public/requests') && r.method() === 'POST');
    await page.getByTestId('report-submit').click();
    expect((await posted).postDataJSON()).toMatchObject({ privacyAcknowledged: true });
    await page.getByTestId('report-done').waitFor();
    // The county and hotline stay on the tracking page too.
    await page.getByTestId('created-track').click();
    await page.getByTestId('track-result').waitFor();
    expect(await page.getByTestId('public-hotline').textContent()).toContain('12345');
    expect(await page.getByTestId('track-result').textContent()).not.toMatch(/置信度|\d\.\d{2,}/);
    await context.close();
  });
});
