import fs from 'node:fs';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/cli/demo-accounts.js';
import { composeIdNumber } from '../../src/modules/people/id-number.js';
import { apiGet, apiPost, apiSession } from './api.js';
import { launchBrowser } from './browser.js';

// Points (积分) in the browser: the village cadre sets a rule (参加义务劳动 +5), awards it to a
// household, puts two items on the points shop's shelf, and at the counter a redemption for more
// points than the household has is refused, naming why; after a second award it goes through and
// the stock falls. On the phone the resident sees the balance, redeems with the pass, and a second
// redemption beyond the balance is refused on the spot. The villager volunteers too: on the phone
// they see their own hours (given to a neighbour, confirmed) and the month's statement of them.

const baseUrl = inject('baseUrl');
const ARTIFACTS = 'test/e2e/artifacts';
const run = Date.now().toString(36).slice(-4);
const tag = [...run].map((c) => '甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥金木水火土山川田禾'[parseInt(c, 36) % 36]).join('');
const villager = {
  name: `石${tag}梅`,
  idNumber: composeIdNumber('522631', '19780512', (parseInt(run, 36) * 7 + 5) % 1000),
  address: `积分组 ${tag} 号`,
};
const ruleName = `参加义务劳动（${tag}）`;
const towel = `毛巾（${tag}）`;
const soap = `肥皂（${tag}）`;

let browser: Browser;
let page: Page;
let phone: Page;
let villageCode: string;
let cookie: string;
/** The villager (a volunteer) and the elder they serve, both of the household registered here. */
let residentIds: [string, string];

/** Clicks a dialog's OK button and waits for the dialog to go; what it still says becomes the failure. */
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

/** Opens a Select and picks the option containing `text`, typing it first where the Select searches. */
async function pick(select: Locator, text: string, type = false) {
  // The test id is on the Select itself or on a wrapper around it.
  const box = (await select.evaluate((el) => el.classList.contains('ant-select'))) ? select : select.locator('.ant-select').first();
  await box.click();
  if (type) await box.locator('input').first().fill(text);
  const option = page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: text }).first();
  await option.waitFor();
  // A click that lands while the options re-render (their list still loading) leaves the dropdown
  // open over the next field: click again until it closes.
  await expect
    .poll(async () => {
      if (await option.isVisible()) await option.click({ timeout: 2_000 }).catch(() => {});
      return page.locator('.ant-select-dropdown:visible').count();
    })
    .toBe(0);
}

/** An InputNumber's box by its test id (antd puts the id on the box itself or on its wrapper). */
const numberBox = (p: Page, testId: string) => p.locator(`input[data-testid="${testId}"], [data-testid="${testId}"] input`).first();

/** Awards the rule to the villager's household on the ledger page. */
async function awardOnce() {
  await page.goto(`${baseUrl}/points`);
  await page.getByTestId('points-award-open').click();
  await pick(page.getByTestId('award-rule'), ruleName);
  await pick(page.getByTestId('award-household'), villager.name, true);
  await submitModal('award-submit');
}

beforeAll(async () => {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  cookie = await apiSession('village');
  villageCode = ((await apiGet('/api/v1/auth/me', cookie)) as { user: { regionCode: string } }).user.regionCode;
  const household = (await apiPost('/api/v1/households', cookie, {
    villageCode,
    address: villager.address,
    members: [
      { name: villager.name, relation: 'head', idNumber: villager.idNumber },
      { name: `石${tag}婆`, relation: 'parent', idNumber: composeIdNumber('522631', '19440308', (parseInt(run, 36) * 7 + 6) % 1000) },
    ],
  })) as { members: { id: string; name: string }[] };
  // The household lists its members in its own order (not necessarily as registered): by name.
  const idOf = (name: string) => household.members.find((m) => m.name === name)!.id;
  residentIds = [idOf(villager.name), idOf(`石${tag}婆`)];
  browser = await launchBrowser();
  const desk = await browser.newContext({ viewport: { width: 1440, height: 900 }, timezoneId: 'Asia/Shanghai', locale: 'zh-CN' });
  page = await desk.newPage();
  await page.goto(`${baseUrl}/login`);
  await page.getByTestId('login-username').fill('village');
  await page.getByTestId('login-password').fill(DEMO_PASSWORD);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('app-menu').waitFor();
  const mobile = await browser.newContext({
    viewport: { width: 390, height: 844 },
    isMobile: true,
    hasTouch: true,
    timezoneId: 'Asia/Shanghai',
    locale: 'zh-CN',
  });
  phone = await mobile.newPage();
});
afterAll(() => browser?.close());
afterEach(async ({ task }) => {
  if (task.result?.state !== 'fail') return;
  await page?.screenshot({ path: `${ARTIFACTS}/points-failed-desk.png`, fullPage: true });
  await phone?.screenshot({ path: `${ARTIFACTS}/points-failed-phone.png`, fullPage: true });
});

describe('points: a rule, awards, the shop counter and the resident’s redemption', () => {
  it('the cadre sets a rule and awards it to a household', async () => {
    await page.goto(`${baseUrl}/points/rules`);
    await page.getByTestId('rule-create-open').click();
    await page.getByTestId('rule-name').fill(ruleName);
    await page.getByTestId('rule-code').fill(`labour_${run}`);
    await numberBox(page, 'rule-points').fill('5');
    await submitModal('rule-create-submit');
    await expect.poll(() => page.locator(`[data-testid="rule-row"][data-name="${ruleName}"]`).getAttribute('data-points')).toBe('5');
    await awardOnce();
    await page.getByTestId('points-statement-open').click();
    await pick(page.getByTestId('statement-household'), villager.name, true);
    await expect.poll(() => page.getByTestId('statement').getAttribute('data-closing')).toBe('5');
  });

  it('at the counter: too few points refused and named, then after a second award the redemption goes through', async () => {
    await page.goto(`${baseUrl}/points/shop`);
    for (const [name, price, stock] of [
      [towel, '8', '1'],
      [soap, '2', '5'],
    ] as const) {
      await page.getByTestId('item-create-open').click();
      await page.getByTestId('item-name').fill(name);
      await numberBox(page, 'item-price-input').fill(price);
      await numberBox(page, 'item-stock').fill(stock);
      await submitModal('item-create-submit');
      await page.locator(`[data-testid="item-row"][data-name="${name}"]`).waitFor();
    }
    const counter = page.getByTestId('shop-counter');
    const redeemTowel = async () => {
      await pick(counter.getByTestId('counter-household'), villager.name, true);
      await pick(counter.getByTestId('counter-item'), towel);
      await counter.getByTestId('counter-submit').click();
    };
    await redeemTowel();
    const refusal = page.getByTestId('redeem-refusal');
    await expect.poll(() => refusal.getAttribute('data-code')).toBe('INSUFFICIENT_BALANCE');
    expect(await refusal.textContent()).toMatch(/积分不足.*8.*5/);
    expect(await page.locator(`[data-testid="item-row"][data-name="${towel}"]`).getAttribute('data-stock')).toBe('1');

    await awardOnce();
    await page.goto(`${baseUrl}/points/shop`);
    await redeemTowel();
    await page.getByTestId('redeem-done').waitFor();
    await expect.poll(() => page.locator(`[data-testid="item-row"][data-name="${towel}"]`).getAttribute('data-stock')).toBe('0');
  });

  it('on the phone the resident sees the balance, redeems with the pass, and cannot overdraw', async () => {
    await phone.goto(`${baseUrl}/v/${villageCode}/points`);
    await phone.getByTestId('pass-name').fill(villager.name);
    await phone.getByTestId('pass-id').fill(villager.idNumber);
    await phone.getByTestId('pass-submit').click();
    const balance = phone.getByTestId('resident-balance');
    await expect.poll(() => balance.getAttribute('data-balance')).toBe('2');
    const item = phone.locator(`[data-testid="resident-item"][data-name="${soap}"]`);
    await item.getByTestId('resident-redeem').click();
    await phone.getByTestId('resident-redeem-submit').click();
    await phone.getByTestId('resident-redeem-done').waitFor();
    await expect.poll(() => balance.getAttribute('data-balance')).toBe('0');
    await item.getByTestId('resident-redeem').click();
    await phone.getByTestId('resident-redeem-submit').click();
    await expect.poll(() => phone.getByTestId('resident-redeem-refusal').getAttribute('data-code')).toBe('INSUFFICIENT_BALANCE');
    await expect.poll(() => item.getAttribute('data-stock')).toBe('4');
    // No internals on the resident's page: no ID number, no village code, no field names.
    const text = (await phone.locator('body').textContent())!;
    expect(text).not.toContain(villager.idNumber);
    expect(text).not.toContain(villageCode);
    expect(text).not.toMatch(/householdId|INSUFFICIENT|points:/);
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await phone.screenshot({ path: `${ARTIFACTS}/points-390-resident.png`, fullPage: true });
  });

  it('a volunteer sees their own confirmed hours on the phone, at 390 px', async () => {
    const volunteer = (await apiPost('/api/v1/timebank/volunteers', cookie, { residentId: residentIds[0] })) as { id: string };
    const hours = (await apiPost('/api/v1/timebank/hours', cookie, {
      volunteerId: volunteer.id,
      receiverId: residentIds[1],
      category: 'elder_care',
      servedOn: new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10),
      hours: 2.5,
      activity: '陪老人去卫生院',
    })) as { id: string };
    await apiPost(`/api/v1/timebank/hours/${hours.id}/confirm`, cookie, {});
    await phone.reload();
    const card = phone.getByTestId('resident-volunteer');
    await expect.poll(() => card.getAttribute('data-balance')).toBe('2.5');
    await expect.poll(() => card.getByTestId('resident-given').first().getAttribute('data-status')).toBe('confirmed');
    await card.getByTestId('hours-statement').waitFor();
    expect(await card.textContent()).toContain(`石${tag}婆`);
    const text = (await phone.locator('body').textContent())!;
    expect(text).not.toContain(residentIds[0]);
    expect(text).not.toMatch(/elder_care|volunteerId|receiverId/);
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await phone.screenshot({ path: `${ARTIFACTS}/points-390-volunteer.png`, fullPage: true });
  });
});
