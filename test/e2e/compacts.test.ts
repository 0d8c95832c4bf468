import fs from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/cli/demo-accounts.js';
import { composeIdNumber } from '../../src/modules/people/id-number.js';
import { extractPdfText } from '../../src/platform/pdf-text.js';
import { apiGet, apiPost, apiSession } from './api.js';
import { launchBrowser } from './browser.js';

// A village compact (村规民约) through the nine steps and the filing, in the browser, in the demo
// village: the draft typed in the editor flags its fine article (罚款); a resident on the phone
// comments on article 3, the cadre answers it, and after the revision drops article 1 the opinion
// still hangs on the same article, now shown as 第2条 "原第3条"; the township's filing is refused
// on the page naming the fine, returned, the fine removed, and the second round filed; the poster
// PDF holds the articles. The steps that are not the point here (invitations, vettings, notice,
// ballots) go through the API; the notice period passes on the drill clock.

const baseUrl = inject('baseUrl');
const ARTIFACTS = 'test/e2e/artifacts';
const run = Date.now().toString(36).slice(-4);
const tag = [...run].map((c) => '甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥金木水火土山川田禾'[parseInt(c, 36) % 36]).join('');
const villager = { name: `吴${tag}兰`, idNumber: composeIdNumber('522631', '19790621', (parseInt(run, 36) * 11 + 7) % 1000), address: `约定组 ${tag} 号` };
const title = `上黄村村规民约（${tag}）`;
const ARTICLES = [
  ['总则', '本村村民应当遵守国家法律法规，爱护公共财物。'],
  ['环境整治', '乱倒垃圾者罚款 200 元。'],
  ['移风易俗', `红白喜事从简办理，彩礼不超过 3 万元（${tag}）。`],
  ['公路管护', '村民应当爱护通组公路，不得在路面堆放杂物。'],
] as const;
const OPINION = `彩礼上限建议降到 2 万元（${tag}）`;
const REVISED = `红白喜事从简办理，彩礼不超过 2 万元（${tag}）。`;

let browser: Browser;
let page: Page;
let township: Page;
let phone: Page;
let villageCode: string;
let compactId: string;
/** The server's drill date (China), YYYY-MM-DD. */
let serverNow = new Date().toISOString();

const url = (s = '') => `/api/v1/compacts/${compactId}${s}`;
/** One API session per account (logins are rate limited), signed in again after the clock jumps. */
const sessions = new Map<string, string>();
const session = async (who: string) => {
  if (!sessions.has(who)) sessions.set(who, await apiSession(who));
  return sessions.get(who)!;
};
const drill = async (path: 'advance' | 'reset', body?: object) => {
  const res = await fetch(`${baseUrl}/api/v1/requests/drill/${path}`, {
    method: 'POST',
    headers: { cookie: await session('county'), ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  expect(res.status, await res.clone().text()).toBe(200);
  serverNow = ((await res.json()) as { now: string }).now;
  if (path === 'advance') sessions.clear();
};
const serverDay = () => serverNow.slice(0, 10);
const put = async (path: string, who: string, body: object) => {
  const res = await fetch(`${baseUrl}${path}`, {
    method: 'PUT',
    headers: { cookie: await session(who), 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(res.status, await res.clone().text()).toBe(200);
  return res.json();
};

async function login(p: Page, username: string) {
  await p.goto(`${baseUrl}/login`);
  await p.getByTestId('login-username').fill(username);
  await p.getByTestId('login-password').fill(DEMO_PASSWORD);
  await p.getByTestId('login-submit').click();
  await p.getByTestId('app-menu').waitFor();
}

async function openCompact(p: Page) {
  await p.goto(`${baseUrl}/compacts/${compactId}`);
  await p.getByTestId('compact-detail').waitFor();
}

/** "完成本步" on the page, confirmed; waits for the page to show the next step. */
async function completeOnPage(p: Page, from: string, to: string) {
  await expect.poll(() => p.getByTestId('compact-detail').getAttribute('data-step')).toBe(from);
  await p.getByTestId('compact-complete').click();
  await p.getByTestId('compact-complete-confirm').click();
  await expect.poll(() => p.getByTestId('compact-detail').getAttribute('data-step')).toBe(to);
}

/** The notice through the API, the drill clock past its end, the vote with paper ballots, publication: up to the filing. */
async function noticeVotePublish() {
  const c = (await put(url('/notice'), 'village', { from: serverDay(), workingDays: 5 })) as { notice: { until: string } };
  const days = Math.round((Date.parse(c.notice.until) - Date.parse(serverDay())) / 86_400_000) + 1;
  await drill('advance', { minutes: days * 24 * 60 });
  const after = await session('village');
  await apiPost(url('/steps/notice/complete'), after, {});
  const voted = (await apiPost(url('/vote'), after, { electorate: 'household', closesAt: new Date(Date.parse(serverNow) + 3600_000).toISOString() })) as {
    vote: { id: string };
  };
  const electors = (await apiGet(`/api/v1/cocreation/votes/${voted.vote.id}/electors`, after)) as { id: string }[];
  for (const e of electors.slice(0, Math.ceil((electors.length * 2) / 3) + 1)) {
    await apiPost(`/api/v1/cocreation/votes/${voted.vote.id}/paper-ballots`, after, { electorId: e.id, choices: ['yes'], witnessName: '杨监票' });
  }
  await apiPost(`/api/v1/cocreation/votes/${voted.vote.id}/close`, after, {});
  await apiPost(url('/steps/vote/complete'), after, {});
  await put(url('/publication'), 'village', { publishedOn: serverDay() });
  await apiPost(url('/steps/publication/complete'), after, {});
  // Sessions idle out while the clock jumps: both desks sign in again.
  await login(page, 'village');
  await login(township, 'township');
}

beforeAll(async () => {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  // Another file may have left the drill clock moved forward.
  await drill('reset');
  const cookie = await session('village');
  villageCode = ((await apiGet('/api/v1/auth/me', cookie)) as { user: { regionCode: string } }).user.regionCode;
  await apiPost('/api/v1/households', cookie, {
    villageCode,
    address: villager.address,
    members: [{ name: villager.name, relation: 'head', idNumber: villager.idNumber }],
  });
  browser = await launchBrowser();
  const desk = await browser.newContext({ viewport: { width: 1440, height: 900 }, timezoneId: 'Asia/Shanghai', locale: 'zh-CN', acceptDownloads: true });
  page = await desk.newPage();
  township = await (await browser.newContext({ viewport: { width: 1440, height: 900 }, timezoneId: 'Asia/Shanghai', locale: 'zh-CN' })).newPage();
  phone = await (
    await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, timezoneId: 'Asia/Shanghai', locale: 'zh-CN' })
  ).newPage();
  await login(page, 'village');
  await login(township, 'township');
});
afterAll(async () => {
  // Back to real time for the other browser tests (TOTP codes follow the real clock).
  await drill('reset');
  await browser?.close();
});
afterEach(async ({ task }) => {
  if (task.result?.state !== 'fail') return;
  await page?.screenshot({ path: `${ARTIFACTS}/compacts-failed-desk.png`, fullPage: true });
  await township?.screenshot({ path: `${ARTIFACTS}/compacts-failed-township.png`, fullPage: true });
  await phone?.screenshot({ path: `${ARTIFACTS}/compacts-failed-phone.png`, fullPage: true });
});

describe('a village compact through the nine steps in the browser', () => {
  it('1–4: started from the menu, the committee set up, the draft typed with its fine flagged', async () => {
    await page.getByTestId('menu-compacts').click();
    await page.getByTestId('compacts-page').waitFor();
    await page.getByTestId('compact-create-open').click();
    await page.getByTestId('compact-create-title').fill(title);
    await page.getByTestId('compact-create-submit').click();
    await page.getByTestId('compact-detail').waitFor();
    compactId = page.url().split('/compacts/')[1]!;
    expect(await page.getByTestId('compact-need').first().textContent()).toContain('两委商议');
    // An empty step cannot be closed: the server's words on the page.
    await page.getByTestId('compact-complete').click();
    await page.getByTestId('compact-complete-confirm').click();
    await expect.poll(() => page.getByTestId('compact-complete-refusal').textContent()).toContain('两委商议');

    const cookie = await session('village');
    await put(url('/deliberation'), 'village', { heldOn: serverDay(), attendees: ['杨书记', '吴主任', '石委员'], minutes: '决定修订村规民约，成立执委会。' });
    await apiPost(url('/steps/deliberation/complete'), cookie, {});
    const people = (await apiGet(`/api/v1/residents?villageCode=${villageCode}&pageSize=50`, cookie)) as { items: { id: string; age: number }[] };
    const adults = people.items.filter((p) => p.age >= 30).slice(0, 3);
    for (const [i, p] of adults.entries()) await apiPost(url('/invitations'), cookie, { residentId: p.id, capacity: ['寨老', '老党员', '房族族长'][i] });
    await apiPost(url('/steps/invitation/complete'), cookie, {});
    const c = (await apiGet(url(), cookie)) as { invitations: { id: string }[] };
    for (const [i, inv] of c.invitations.entries()) await put(url(`/invitations/${inv.id}/committee`), 'village', { committeeRole: i === 0 ? '主任' : '委员' });
    const tw = await session('township');
    for (const agency of ['justice', 'governance', 'police'])
      await apiPost(url('/vettings'), tw, { agency, decision: 'approve', reviewerName: '审核人', note: '同意' });
    await apiPost(url('/steps/committee/complete'), cookie, {});

    // 4. The draft in the editor: four articles, saved; the fine in article 2 is flagged beside it.
    await openCompact(page);
    expect(await page.getByTestId('compact-detail').getAttribute('data-step')).toBe('draft');
    for (const [i, [topic, text]] of ARTICLES.entries()) {
      if (i > 0) await page.getByTestId('article-add').click();
      const row = page.getByTestId('article-row').nth(i);
      await row.getByTestId('article-topic').locator('input').fill(topic);
      await row.getByTestId('article-text').fill(text);
    }
    await page.getByTestId('article-save').click();
    const flag = page.getByTestId('article-row').nth(1).getByTestId('article-flag');
    await flag.waitFor();
    expect(await flag.getAttribute('data-kind')).toBe('fine');
    expect(await flag.textContent()).toContain('罚款');
    await completeOnPage(page, 'draft', 'consultation');
  });

  it('5–6: a resident comments on article 3 on the phone; answered; the revision renumbers it and the opinion follows', async () => {
    await put(url('/consultation'), 'village', { until: serverDay() });
    await phone.goto(`${baseUrl}/v/${villageCode}/compacts`);
    await phone.getByTestId('pass-name').fill(villager.name);
    await phone.getByTestId('pass-id').fill(villager.idNumber);
    await phone.getByTestId('pass-submit').click();
    const card = phone.getByTestId('resident-compact').filter({ hasText: title });
    const third = card.locator('[data-testid="resident-article"][data-number="3"]');
    await third.getByTestId('resident-comment').click();
    await phone.getByTestId('resident-comment-text').fill(OPINION);
    await phone.getByTestId('resident-comment-submit').click();
    await expect.poll(() => third.getByTestId('resident-my-opinion-answer').textContent()).toBe('待答复');
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

    // The cadre answers it on the page.
    await openCompact(page);
    const opinion = page.locator('[data-testid="compact-opinion"][data-article-now="3"]').filter({ hasText: OPINION });
    await opinion.getByTestId('opinion-answer-reason').fill('经执委会研究，采纳');
    await opinion.getByTestId('opinion-answer-submit').click();
    await expect.poll(() => opinion.getAttribute('data-answer')).toBe('adopted');
    // On the phone the answer shows in words, never the code.
    await phone.reload();
    await expect.poll(() => third.getByTestId('resident-my-opinion-answer').textContent()).toBe('已采纳');
    await completeOnPage(page, 'consultation', 'revision');

    // 6. The revision drops article 1 and changes the marriage article (now 2); the opinion moves with it.
    await page.getByTestId('article-row').nth(0).getByTestId('article-remove').click();
    await page.getByTestId('article-row').nth(1).getByTestId('article-text').fill(REVISED);
    await page.getByTestId('article-note').fill('采纳彩礼意见');
    await page.getByTestId('article-save').click();
    await expect.poll(() => page.getByTestId('compact-detail').getAttribute('data-version')).toBe('2');
    const moved = page.locator('[data-testid="compact-opinion"]').filter({ hasText: OPINION });
    await expect.poll(() => moved.getAttribute('data-article-now')).toBe('2');
    expect(await moved.getByTestId('opinion-moved').textContent()).toBe('原第3条');
    await expect.poll(() => page.locator('[data-testid="opinion-group"][data-article="2"]').textContent()).toContain('彩礼不超过 2 万元');
    await page.locator('[data-testid="version-row"][data-seq="2"]').getByTestId('version-diff').click();
    await expect
      .poll(() =>
        page
          .getByTestId('diff-row')
          .evaluateAll((rows) => rows.map((r) => `${r.getAttribute('data-change')}:${r.getAttribute('data-from')}>${r.getAttribute('data-to')}`)),
      )
      .toEqual(['removed:1>', 'renumbered:2>1', 'changed:3>2', 'renumbered:4>3']);
    await completeOnPage(page, 'revision', 'notice');
  });

  it('7–9 and the filing: the fine blocks the filing until removed; the filed poster holds the articles', async () => {
    await noticeVotePublish();
    await openCompact(township);
    expect(await township.getByTestId('compact-detail').getAttribute('data-step')).toBe('filing');
    await township.getByTestId('filing-note').fill('同意备案');
    await township.getByTestId('filing-accept').click();
    const refusal = township.getByTestId('filing-refusal');
    await refusal.waitFor();
    expect(await refusal.textContent()).toContain('第1条“罚款”');
    await township.getByTestId('filing-note').fill('第一条罚款违反村民委员会组织法，请删除');
    await township.getByTestId('filing-return').click();
    await expect.poll(() => township.getByTestId('compact-detail').getAttribute('data-step')).toBe('revision');

    // The cadre removes the fine on the page; the new version has no flag.
    await openCompact(page);
    await page.getByTestId('article-row').nth(0).getByTestId('article-remove').click();
    await page.getByTestId('article-save').click();
    await expect.poll(() => page.getByTestId('compact-detail').getAttribute('data-version')).toBe('3');
    // The new version's flags load after the compact: wait for them, do not read them at once.
    await expect.poll(() => page.getByTestId('article-flag').count()).toBe(0);
    await completeOnPage(page, 'revision', 'notice');
    await noticeVotePublish();

    await openCompact(township);
    await township.getByTestId('filing-note').fill('经审查同意备案');
    await township.getByTestId('filing-accept').click();
    await expect.poll(() => township.getByTestId('compact-detail').getAttribute('data-step')).toBe('filed');

    // The poster from the page's link.
    await openCompact(page);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('filing-poster-pdf').click()]);
    const pdf = await readFile((await download.path())!);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const text = extractPdfText(pdf).replace(/\n/g, '');
    expect(text).toContain(title);
    expect(text).toContain(REVISED);
    expect(text).toContain(ARTICLES[3][1]);
    expect(text).not.toContain('罚款');

    // The notice board: filed, by topic, nobody's name.
    await phone.goto(`${baseUrl}/v/${villageCode}/compact`);
    const board = phone.getByTestId('board-compact').filter({ hasText: title });
    await board.waitFor();
    expect(await board.textContent()).toContain('已备案');
    expect(await board.textContent()).not.toContain(villager.name);
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  });
});
