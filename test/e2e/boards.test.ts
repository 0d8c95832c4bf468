import fs from 'node:fs';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/cli/demo-accounts.js';
import { composeIdNumber } from '../../src/modules/people/id-number.js';
import { png } from '../../src/platform/files/test-fixtures.js';
import { apiGet, apiPost, apiSession } from './api.js';
import { launchBrowser, waitForApp } from './browser.js';

// A board entry (黑榜) in the browser, on a 390 px phone as a village cadre works: proposed by the
// 道德评议会 with an evidence photo, the household notified, publication refused inside the
// objection window (the refusal names the field), an objection recorded and answered, time passes
// (drill clock), the entry is published and seen on the village's public board as 某某户; when
// its days on the board have passed it is gone from the public page and still in the cadre's
// history as expired. The drill clock is reset at the end.

const baseUrl = inject('baseUrl');
const ARTIFACTS = 'test/e2e/artifacts';
const run = Date.now().toString(36).slice(-4);
const tag = [...run].map((c) => '甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥金木水火土山川田禾'[parseInt(c, 36) % 36]).join('');
const villager = {
  name: `龙${tag}生`,
  idNumber: composeIdNumber('522631', '19710304', (parseInt(run, 36) * 11 + 3) % 1000),
  address: `榜单组 ${tag} 号`,
};
const publicText = `向河道倾倒建筑垃圾（${tag}）`;

let browser: Browser;
let page: Page;
let villageCode: string;
let entryId: string;

async function login(p: Page) {
  await p.goto(`${baseUrl}/login`);
  try {
    await p.getByTestId('login-username').waitFor({ timeout: 30_000 });
  } catch (err) {
    await p.screenshot({ path: `${ARTIFACTS}/boards-login-failed.png`, fullPage: true });
    throw err;
  }
  await p.getByTestId('login-username').fill('village');
  await p.getByTestId('login-password').fill(DEMO_PASSWORD);
  await p.getByTestId('login-submit').click();
  await waitForApp(p);
}

/** Moves the server's drill clock forward (a county officer's call); sessions idle out, so sign in again. */
async function letTimePass(days: number) {
  const cookie = await apiSession('county');
  const res = await fetch(`${baseUrl}/api/v1/requests/drill/advance`, {
    method: 'POST',
    headers: { cookie, 'content-type': 'application/json' },
    body: JSON.stringify({ minutes: days * 24 * 60 }),
  });
  expect(res.status, await res.clone().text()).toBe(200);
  await login(page);
}

async function submitModal(okTestId: string) {
  const ok = page.getByTestId(okTestId);
  await ok.click();
  try {
    await ok.waitFor({ state: 'hidden', timeout: 15_000 });
  } catch {
    const shown = await page.locator('.ant-modal:visible .ant-alert, .ant-modal:visible .ant-form-item-explain-error').allTextContents();
    throw new Error(`${okTestId}: the dialog stayed open: ${shown.join(' / ') || 'no message'}`);
  }
}

async function pick(select: Locator, text: string, type = false) {
  const box = (await select.evaluate((el) => el.classList.contains('ant-select'))) ? select : select.locator('.ant-select').first();
  await box.click();
  if (type) await box.locator('input').first().fill(text);
  const option = page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: text }).first();
  await option.waitFor();
  await option.click();
}

const entryCard = () => page.locator(`[data-testid="board-entry"][data-id="${entryId}"]`);
const stage = () => entryCard().getAttribute('data-stage');

async function openBoards() {
  await page.goto(`${baseUrl}/boards`);
  await page.getByTestId('boards-page').waitFor();
}

async function publicIds(): Promise<string[]> {
  const viewer = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, locale: 'zh-CN' });
  const p = await viewer.newPage();
  await p.goto(`${baseUrl}/v/${villageCode}/boards`);
  await p.getByTestId('public-board').waitFor();
  const ids = await p.locator('[data-testid="public-board-entry"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-id') ?? ''));
  const text = await p.getByTestId('public-board').innerText();
  await viewer.close();
  if (ids.includes(entryId)) {
    // As a notice board shows it: 龙某户, never the full name or the address.
    expect(text).toContain('龙某户');
    expect(text).not.toContain(villager.name);
    expect(text).not.toContain(villager.address);
  }
  return ids;
}

beforeAll(async () => {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  // Another file may have left the drill clock moved forward.
  await fetch(`${baseUrl}/api/v1/requests/drill/reset`, { method: 'POST', headers: { cookie: await apiSession('county') } });
  const cookie = await apiSession('village');
  villageCode = ((await apiGet('/api/v1/auth/me', cookie)) as { user: { regionCode: string } }).user.regionCode;
  await apiPost('/api/v1/households', cookie, {
    villageCode,
    address: villager.address,
    members: [{ name: villager.name, relation: 'head', idNumber: villager.idNumber }],
  });
  // The village's 道德评议会 (the demo may have set it up already).
  const bodies = (await apiGet(`/api/v1/councils?villageCode=${villageCode}`, cookie)) as { kind: string }[];
  if (!bodies.some((b) => b.kind === 'moral_review')) await apiPost('/api/v1/councils', cookie, { villageCode, kind: 'moral_review' });
  browser = await launchBrowser();
  const phone = await browser.newContext({
    viewport: { width: 390, height: 844 },
    isMobile: true,
    hasTouch: true,
    timezoneId: 'Asia/Shanghai',
    locale: 'zh-CN',
  });
  page = await phone.newPage();
  await login(page);
});
afterAll(async () => {
  // Back to real time for the other browser tests.
  await fetch(`${baseUrl}/api/v1/requests/drill/reset`, { method: 'POST', headers: { cookie: await apiSession('county') } });
  await browser?.close();
});
afterEach(async ({ task }) => {
  if (task.result?.state !== 'fail') return;
  await page?.screenshot({ path: `${ARTIFACTS}/boards-failed.png`, fullPage: true });
});

describe('a board entry from proposal to publication to expiry, on a phone', () => {
  it('the council proposes a 黑榜 entry with an evidence photo', async () => {
    await openBoards();
    await page.getByTestId('boards-propose-open').click();
    await pick(page.getByTestId('board-propose-household'), villager.name, true);
    await pick(page.getByTestId('board-propose-council'), '道德评议会');
    await page.getByTestId('board-propose-compact').fill('村规民约');
    await page.getByTestId('board-propose-article').fill('第十二条');
    await page.getByTestId('board-propose-article-text').fill('不得向河道倾倒垃圾和建筑废料。');
    await page.getByTestId('board-propose-facts').fill('十一月以来三次向村口河道倾倒建筑垃圾，经劝导不改。');
    await page.getByTestId('board-propose-public').fill(publicText);
    await page.locator('[data-testid="board-propose-publish-days"] input, input[data-testid="board-propose-publish-days"]').first().fill('2');
    // Without evidence the server refuses, naming the field.
    await page.getByTestId('board-propose-submit').click();
    await expect.poll(() => page.getByTestId('board-propose-error').getAttribute('data-field')).toBe('evidence');
    await page.locator('.ant-modal input[type=file]').setInputFiles({ name: '现场照片.png', mimeType: 'image/png', buffer: png(7) });
    await submitModal('board-propose-submit');
    const card = page.locator('[data-testid="board-entry"]').filter({ hasText: publicText }).first();
    await card.waitFor();
    entryId = (await card.getAttribute('data-id'))!;
    expect(await stage()).toBe('proposed');
    expect(await entryCard().getByTestId('board-evidence').count()).toBe(1);
    // The page fits the phone: nothing wider than the screen.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  });

  it('the household is notified; publishing inside the objection window is refused, naming the field', async () => {
    await entryCard().getByTestId('board-notify-open').click();
    await page.getByTestId('board-notify-note').fill('户主本人签收告知书');
    await submitModal('board-notify-submit');
    await expect.poll(stage).toBe('notified');
    await expect.poll(() => entryCard().getByTestId('board-entry-window').innerText()).toContain('异议期至');
    await entryCard().getByTestId('board-publish-open').click();
    await page.getByTestId('board-publish-submit').click();
    await expect.poll(() => page.getByTestId('board-publish-error').getAttribute('data-field')).toBe('objectionUntil');
    await expect.poll(() => page.getByTestId('board-publish-error').innerText()).toContain('异议期');
    await page.locator('.ant-modal:visible .ant-modal-close').click();
    expect(await stage()).toBe('notified');
  });

  it('an objection is recorded and answered', async () => {
    await entryCard().getByTestId('board-objection-open').click();
    await page.getByTestId('board-objection-content').fill('倒的是自家院里清出的泥土。');
    await submitModal('board-objection-submit');
    await expect.poll(stage).toBe('objection');
    await entryCard().getByTestId('board-answer-open').click();
    await page.getByTestId('board-answer-text').fill('经评议会现场核实，倾倒物为建筑垃圾，异议不成立。');
    await submitModal('board-answer-submit');
    await expect.poll(stage).toBe('notified');
  });

  it('after the window has run the entry is published and shows on the public board as 龙某户', async () => {
    await letTimePass(9);
    await openBoards();
    await entryCard().getByTestId('board-publish-open').click();
    await page.getByTestId('board-publish-note').fill('评议会表决通过');
    await submitModal('board-publish-submit');
    await expect.poll(stage).toBe('published');
    expect(await publicIds()).toContain(entryId);
    await page.getByRole('tab', { name: '评优评先资格' }).click();
    await expect.poll(() => page.getByTestId('boards-ineligible').innerText()).toContain(villager.name);
  });

  it('when its days on the board have passed it is gone from the public page and kept in the cadre history', async () => {
    await letTimePass(3);
    expect(await publicIds()).not.toContain(entryId);
    await openBoards();
    await expect.poll(stage).toBe('expired');
    await page.getByRole('tab', { name: '评优评先资格' }).click();
    await expect.poll(() => page.getByTestId('boards-ineligible').innerText()).not.toContain(villager.name);
  });
});
