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
// village: every step's record is entered on the compact's page and every step closed with its
// "完成本步". The 两委 meet, three people of the registry are invited and made the committee, the
// township records the three vettings on its own page; the draft typed in the editor flags its fine
// article (罚款); a resident on the phone comments on article 3, the cadre answers it, and after the
// revision drops article 1 the opinion still hangs on the same article, now shown as 第2条 "原第3条";
// the notice is set, the vote started and closed on its page, the text published; the township's
// filing is refused on the page naming the fine, returned, the fine removed, and the second round
// filed; the poster PDF holds the articles. Only the residents' paper ballots go through the API
// (the vote page's job, tested in cocreation.test.ts); the notice period passes on the drill clock.

const baseUrl = inject('baseUrl');
const ARTIFACTS = 'test/e2e/artifacts';
const run = Date.now().toString(36).slice(-4);
const tag = [...run].map((c) => '甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥金木水火土山川田禾'[parseInt(c, 36) % 36]).join('');
const villager = { name: `吴${tag}兰`, idNumber: composeIdNumber('522631', '19790621', (parseInt(run, 36) * 11 + 7) % 1000), address: `约定组 ${tag} 号` };
/** Invited (邀请函) and made the committee (执委会): people of the villager's household, found by name. */
const INVITEES = [
  { name: `杨${tag}公`, relation: 'parent', born: '19480312', capacity: '寨老', role: '主任' },
  { name: `石${tag}明`, relation: 'sibling', born: '19630907', capacity: '老党员', role: '委员' },
  { name: `吴${tag}松`, relation: 'sibling', born: '19690125', capacity: '房族族长', role: '委员' },
] as const;
const AGENCIES = [
  ['justice', '司法所'],
  ['governance', '综治中心'],
  ['police', '派出所'],
] as const;
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
/** The server's drill clock, as an ISO instant. */
let serverNow = new Date().toISOString();

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
/** The server's date in China (+08:00), as the date pickers show it. */
const serverDay = () => new Date(Date.parse(serverNow) + 8 * 3600_000).toISOString().slice(0, 10);
/** The server's time in China `hours` from now, as "YYYY-MM-DD HH:mm". */
const serverMinute = (hours: number) => new Date(Date.parse(serverNow) + (hours + 8) * 3600_000).toISOString().slice(0, 16).replace('T', ' ');

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

/**
 * Waits until `state` reads `expected`; a refusal the page shows meanwhile (test id `refusal`)
 * becomes the failure's message instead of a silent timeout.
 */
async function shown(p: Page, refusal: string, state: () => Promise<unknown>, expected: unknown) {
  const read = async () => ((await p.getByTestId(refusal).count()) ? `refused: ${await p.getByTestId(refusal).first().textContent()}` : state());
  await expect.poll(read).toEqual(expected);
}

/** Types a date (or "date time") into an antd DatePicker by its test id, and waits for its calendar to close. */
async function typeDate(p: Page, testId: string, value: string) {
  const input = p.getByTestId(testId);
  await input.click();
  await input.fill(value);
  await input.press('Enter');
  await expect.poll(() => input.inputValue()).toBe(value);
  await expect.poll(() => p.locator('.ant-picker-dropdown:visible').count()).toBe(0);
}

/** Opens an antd Select by its test id and clicks the option holding `text`, typing it first where the Select searches. */
async function pick(p: Page, testId: string, text: string, type = false) {
  const select = p.getByTestId(testId);
  await select.click();
  if (type) await select.locator('input').fill(text);
  const option = p.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: text }).first();
  await option.waitFor();
  await option.click();
  await expect.poll(() => select.textContent()).toContain(text);
}

/** Types into an antd AutoComplete by its test id and closes its list of suggestions. */
async function typeInto(p: Page, testId: string, text: string, within = p.locator('body')) {
  const input = within.getByTestId(testId).locator('input');
  await input.fill(text);
  await input.press('Escape');
  await expect.poll(() => input.inputValue()).toBe(text);
}

/** "完成本步" on the page, confirmed; waits for the page to show the next step. */
async function completeOnPage(p: Page, from: string, to: string) {
  await expect.poll(() => p.getByTestId('compact-detail').getAttribute('data-step')).toBe(from);
  await p.getByTestId('compact-complete').click();
  await p.getByTestId('compact-complete-confirm').click();
  await expect.poll(() => p.getByTestId('compact-detail').getAttribute('data-step')).toBe(to);
}

/**
 * Steps 7–9 on the desk's page, up to the filing: the notice set from the server's today, the drill
 * clock past its end, the vote started (one ballot per household), the residents' paper ballots
 * entered (API), the vote closed on its own page, the text published.
 */
async function noticeVotePublish() {
  await openCompact(page);
  expect(await page.getByTestId('compact-detail').getAttribute('data-step')).toBe('notice');
  await typeDate(page, 'notice-from', serverDay());
  await page.getByTestId('notice-days').fill('5');
  await page.getByTestId('notice-save').click();
  await shown(page, 'notice-refusal', async () => ((await page.getByTestId('notice-period').count()) ? 'set' : 'not set'), 'set');
  const until = /至 (\d{4}-\d{2}-\d{2})/.exec((await page.getByTestId('notice-period').textContent())!)![1]!;
  const days = Math.round((Date.parse(until) - Date.parse(serverDay())) / 86_400_000) + 1;
  await drill('advance', { minutes: days * 24 * 60 });
  // Sessions idle out while the clock jumps: both desks sign in again.
  await login(page, 'village');
  await login(township, 'township');
  await openCompact(page);
  await completeOnPage(page, 'notice', 'vote');

  // 8. The vote: 户代表表决 on the whole text, closing tomorrow by the server's clock.
  await page.getByTestId('vote-electorate').getByText('户代表表决（每户一票）').click();
  await page.getByTestId('vote-mode').getByText('整体表决').click();
  await typeDate(page, 'vote-closes', serverMinute(24));
  await page.getByTestId('vote-start').click();
  await shown(
    page,
    'vote-refusal',
    async () => ((await page.getByTestId('vote-status').count()) ? page.getByTestId('vote-status').getAttribute('data-status') : 'none'),
    'open',
  );
  const voteId = (await page.getByTestId('vote-link').getAttribute('href'))!.split('/votes/')[1]!;
  const cookie = await session('village');
  const electors = (await apiGet(`/api/v1/cocreation/votes/${voteId}/electors`, cookie)) as { id: string }[];
  for (const e of electors.slice(0, Math.ceil((electors.length * 2) / 3) + 1)) {
    await apiPost(`/api/v1/cocreation/votes/${voteId}/paper-ballots`, cookie, { electorId: e.id, choices: ['yes'], witnessName: '杨监票' });
  }
  // Closed on the vote's own page, reached from the compact.
  await page.getByTestId('vote-link').click();
  await page.getByTestId('vote-detail').waitFor();
  await page.getByTestId('vote-close').click();
  await page.locator('.ant-modal-confirm-btns .ant-btn-primary').click();
  await expect.poll(() => page.getByTestId('vote-status').textContent()).toBe('已结束');
  await openCompact(page);
  await expect.poll(() => page.getByTestId('vote-status').getAttribute('data-passed')).toBe('true');
  await completeOnPage(page, 'vote', 'publication');

  // 9. Published (张榜) today; closing the step submits it for filing.
  await typeDate(page, 'publication-date', serverDay());
  await page.getByTestId('publication-save').click();
  await shown(page, 'publication-refusal', async () => ((await page.getByTestId('publication-shown').count()) ? 'published' : 'not yet'), 'published');
  await completeOnPage(page, 'publication', 'filing');
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
    members: [
      { name: villager.name, relation: 'head', idNumber: villager.idNumber },
      ...INVITEES.map((p, i) => ({ name: p.name, relation: p.relation, idNumber: composeIdNumber('522631', p.born, (parseInt(run, 36) * 13 + i) % 1000) })),
    ],
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
  it('1–3: started from the menu, deliberated, invitations sent, the committee set up and vetted by the township', async () => {
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

    // 1. The 两委's deliberation: today, three attendees typed as tags, the minutes.
    await typeDate(page, 'deliberation-date', serverDay());
    for (const name of ['杨书记', '吴主任', '石委员']) {
      await page.getByTestId('deliberation-attendees').locator('input').fill(name);
      await page.keyboard.press('Enter');
    }
    await page.getByTestId('deliberation-minutes').fill('决定修订村规民约，成立执委会。');
    await page.getByTestId('deliberation-save').click();
    await shown(page, 'deliberation-refusal', () => page.getByTestId('compact-need').count(), 0);
    await completeOnPage(page, 'deliberation', 'invitation');

    // 2. Three invitations to people of the registry, found by name.
    for (const p of INVITEES) {
      await pick(page, 'invitation-person', p.name, true);
      await typeInto(page, 'invitation-capacity', p.capacity);
      await page.getByTestId('invitation-send').click();
      await shown(page, 'invitation-refusal', () => page.locator(`[data-testid="invitation-row"][data-name="${p.name}"]`).count(), 1);
    }
    await completeOnPage(page, 'invitation', 'committee');

    // 3. The three join the committee; the township vets it on its own page, agency by agency.
    for (const p of INVITEES) {
      const row = page.locator(`[data-testid="committee-row"][data-name="${p.name}"]`);
      await typeInto(page, 'committee-role', p.role, row);
      await row.getByTestId('committee-set').click();
      await shown(page, 'committee-refusal', () => row.getAttribute('data-role'), p.role);
    }
    await openCompact(township);
    for (const [agency, label] of AGENCIES) {
      await pick(township, 'vetting-agency', label);
      await township.getByTestId('vetting-decision').getByText('同意', { exact: true }).click();
      await township.getByTestId('vetting-reviewer').fill(`${label}审核人`);
      await township.getByTestId('vetting-note').fill('人选符合要求，同意');
      await township.getByTestId('vetting-submit').click();
      await shown(
        township,
        'vetting-refusal',
        () => township.locator(`[data-testid="vetting-row"][data-agency="${agency}"]`).getAttribute('data-decision'),
        'approve',
      );
    }
    await openCompact(page);
    await completeOnPage(page, 'committee', 'draft');
    // Three forms, three invitations, three roles and the township's three vettings: slow on a loaded machine.
  }, 120_000);

  it('4: the draft typed in the editor, its fine flagged beside article 2', async () => {
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
    // 5. The consultation closes today (the server's), set on the page.
    await typeDate(page, 'consultation-until', serverDay());
    await page.getByTestId('consultation-save').click();
    await shown(page, 'consultation-refusal', () => page.getByTestId('consultation-until-shown').count(), 1);
    expect(await page.getByTestId('consultation-until-shown').textContent()).toContain(serverDay());
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

  it('7–9 and the filing: notice, vote and publication on the page; the fine blocks the filing, which is returned', async () => {
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
    // The clock jump signs both desks in again; the vote takes the residents' ballots.
  }, 120_000);

  it('the second round: the fine removed, notice, vote and publication again, filed; the poster holds the articles', async () => {
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
  }, 120_000);
});
