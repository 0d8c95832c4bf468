import fs from 'node:fs';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/cli/demo-accounts.js';
import { composeIdNumber } from '../../src/modules/people/id-number.js';
import { apiGet, apiPost, apiSession } from './api.js';
import { launchBrowser } from './browser.js';

// One full co-creation cycle (共同缔造) in the demo village, in the browser: a resident sends an
// opinion from the village's phone page → the village cadre makes it a topic (议题) → a 院坝会 with
// attendance and a resolution → a 豆选 among three projects with an online ballot and paper ballots
// (a paper ballot for the resident who already voted online is refused) → the winning project with
// money, labour and land given by households → built and completed → residents rate it → the public
// page shows the tally, the money and labour, and the score, and no personal data. Only the three
// households are registered through the API beforehand (the registry is not what is tested here).

const baseUrl = inject('baseUrl');
const ARTIFACTS = 'test/e2e/artifacts';
const run = Date.now().toString(36).slice(-4);
/** The run's mark in Chinese characters, so names and titles of this run are unique and still plain Chinese. */
const tag = [...run].map((c) => '甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥金木水火土山川田禾'[parseInt(c, 36) % 36]).join('');

interface Villager {
  name: string;
  idNumber: string;
  address: string;
}
const villagers: Villager[] = ['龙', '杨', '吴'].map((surname, i) => ({
  name: `${surname}${tag}${'春秋冬'[i]}`,
  idNumber: composeIdNumber('522631', `19${70 + i}0${i + 3}1${i}`, (parseInt(run, 36) * 3 + i) % 1000),
  address: `沙滩组 ${tag} ${i + 1} 号`,
}));
const [long, yang, wu] = villagers as [Villager, Villager, Villager];
const OPTIONS = ['人工沙滩', '亮化工程', '改厕改圈'];
const topicTitle = `村里先办哪件实事（${tag}）`;
const voteTitle = `第一件实事豆选（${tag}）`;
const opinionText = `村口河滩乱石多，孩子们没处玩，建议修一处人工沙滩（${tag}）`;

let browser: Browser;
let desk: BrowserContext;
let page: Page;
let phone: BrowserContext;
let resident: Page;
let villageCode: string;
let villageName: string;

/** Clicks a dialog's OK button by its test id and waits for the dialog to go; a message left in it becomes the failure. */
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

/** Confirms the confirmation dialog on `p` (Modal.confirm). */
async function confirm(p: Page) {
  await p.locator('.ant-modal-confirm-btns .ant-btn-primary').click();
  await p.locator('.ant-modal-confirm').waitFor({ state: 'hidden' });
}

/** Opens a Select and picks the option containing `text`, typing it first where the Select searches. */
async function pick(select: Locator, text: string, type = false) {
  await select.click();
  if (type) await select.locator('input').fill(text);
  const option = page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: text }).first();
  await option.waitFor();
  await option.click();
}

/** Picks in a multiple Select, then closes its list (it stays open for more) by clicking the dialog's title. */
async function pickMany(select: Locator, text: string, type = false) {
  await pick(select, text, type);
  await page.locator('.ant-modal:visible .ant-modal-title').click();
  await page.locator('.ant-select-dropdown:visible').waitFor({ state: 'hidden' });
}

/** The resident's village page on the phone, with a pass for `v` (another villager's pass is dropped first). */
async function residentAs(v: Villager) {
  await resident.goto(`${baseUrl}/v/${villageCode}`);
  const shown = resident.getByTestId('pass-name-shown');
  const form = resident.getByTestId('pass-form');
  await Promise.race([shown.waitFor(), form.waitFor()]);
  if (await shown.isVisible()) {
    if ((await shown.textContent())!.includes(v.name)) return;
    await resident.getByTestId('pass-sign-out').click();
  }
  await resident.getByTestId('pass-name').fill(v.name);
  await resident.getByTestId('pass-id').fill(v.idNumber);
  await resident.getByTestId('pass-submit').click();
  await expect.poll(() => shown.textContent()).toContain(v.name);
}

/** An InputNumber's box by its test id (antd puts the id on the box itself or on its wrapper). */
const numberBox = (testId: string) => page.locator(`input[data-testid="${testId}"], [data-testid="${testId}"] input`).first();

/** The page does not scroll sideways at 390 px; a screenshot of it is kept. */
async function phoneShot(p: Page, name: string) {
  expect(await p.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await p.screenshot({ path: `${ARTIFACTS}/cocreation-390-${name}.png`, fullPage: true });
}

beforeAll(async () => {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const cookie = await apiSession('village');
  const me = (await apiGet('/api/v1/auth/me', cookie)) as { user: { regionCode: string; regionName: string } };
  villageCode = me.user.regionCode;
  villageName = me.user.regionName;
  for (const v of villagers) {
    await apiPost('/api/v1/households', cookie, { villageCode, address: v.address, members: [{ name: v.name, relation: 'head', idNumber: v.idNumber }] });
  }
  browser = await launchBrowser();
  desk = await browser.newContext({ viewport: { width: 1440, height: 900 }, timezoneId: 'Asia/Shanghai', locale: 'zh-CN' });
  page = await desk.newPage();
  await page.goto(`${baseUrl}/login`);
  await page.getByTestId('login-username').fill('village');
  await page.getByTestId('login-password').fill(DEMO_PASSWORD);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('app-menu').waitFor();
  phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, timezoneId: 'Asia/Shanghai', locale: 'zh-CN' });
  resident = await phone.newPage();
});
afterAll(() => browser?.close());
// What both screens showed when a step failed, for the artifacts.
afterEach(async ({ task }) => {
  if (task.result?.state !== 'fail') return;
  await page?.screenshot({ path: `${ARTIFACTS}/cocreation-failed-desk.png`, fullPage: true });
  await resident?.screenshot({ path: `${ARTIFACTS}/cocreation-failed-phone.png`, fullPage: true });
});

describe('one co-creation cycle, from a resident’s opinion to the public page', () => {
  /** The cadre's pages of this cycle, to look at again on a phone. */
  const pages: Record<string, string> = {};

  it('a resident proves who they are on the phone page and sends an opinion', async () => {
    await residentAs(long);
    await resident.getByTestId('resident-opinion-content').fill(opinionText);
    await resident.getByTestId('resident-opinion-send').click();
    await resident.getByTestId('resident-opinion-sent').waitFor();
    const mine = resident.getByTestId('resident-my-opinion').filter({ hasText: opinionText });
    await expect.poll(() => mine.getAttribute('data-status')).toBe('open');
    await phoneShot(resident, 'resident-opinion');
  });

  it('the cadre makes a topic of it, and the opinion is adopted', async () => {
    await page.goto(`${baseUrl}/cocreation/proposals`);
    await page.getByTestId('proposal-create-open').click();
    await page.getByTestId('proposal-title').fill(topicTitle);
    await page.getByTestId('proposal-description').fill('群众提出的几件实事，由院坝会商议，再由全村豆选定下第一件。');
    await pickMany(page.getByTestId('proposal-opinions'), tag, true);
    await submitModal('proposal-create-submit');
    const drawer = page.getByTestId('proposal-drawer');
    await expect.poll(() => drawer.getByTestId('proposal-opinion').filter({ hasText: opinionText }).count()).toBe(1);
    await drawer.getByTestId('proposal-move-deliberating').click();
    await drawer.getByTestId('proposal-move-decided').waitFor();
    await page.keyboard.press('Escape');
    // The resident sees the opinion taken up, under the topic's title.
    await resident.reload();
    const mine = resident.getByTestId('resident-my-opinion').filter({ hasText: opinionText });
    await expect.poll(() => mine.getAttribute('data-status')).toBe('adopted');
    expect(await mine.textContent()).toContain(topicTitle);
  });

  it('a 院坝会 on the topic: the roster from the registry, attendance taken, minutes and a resolution', async () => {
    await page.goto(`${baseUrl}/cocreation/meetings`);
    await page.getByTestId('meeting-schedule').click();
    await page.getByTestId('meeting-title').fill(`院坝会：先办哪件实事（${tag}）`);
    await page.getByTestId('meeting-place').fill('村委会院坝');
    // Held this evening, recorded afterwards: it began an hour ago.
    const startInput = page.locator('.ant-modal:visible .ant-picker input');
    const start = new Date(Date.now() - 3600_000 + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
    await startInput.click();
    await startInput.fill(start);
    await startInput.press('Enter');
    await pickMany(page.getByTestId('meeting-agenda'), topicTitle);
    // The courtyard's households, chosen from the registry.
    await page.locator('.ant-modal:visible').getByText('选择户', { exact: true }).click();
    for (const v of villagers) await pickMany(page.getByTestId('meeting-pick-household'), v.name, true);
    await submitModal('meeting-schedule-ok');
    await page.getByTestId('meeting-detail').waitFor();
    pages.meeting = page.url();
    for (const v of villagers) {
      const line = page.locator('[data-testid="meeting-attendee"]').filter({ hasText: v.name });
      await line.getByText('到会', { exact: true }).click();
      await expect.poll(() => line.getAttribute('data-attendance')).toBe('present');
    }
    await page.getByTestId('meeting-minutes-input').fill(`到会群众提出人工沙滩、亮化工程、改厕改圈三件实事，议定由全村各户豆选先办一件。（${tag}）`);
    await page.getByTestId('meeting-resolution-add').click();
    await page.getByTestId('meeting-resolution-text').fill('三件实事由全村各户豆选，得票最多者先办，群众投工投劳、让地让利。');
    await pick(page.getByTestId('meeting-resolution-proposal'), topicTitle);
    await page.getByTestId('meeting-hold').click();
    await expect.poll(() => page.getByTestId('meeting-resolution').count()).toBe(1);
    expect(await page.getByTestId('meeting-resolution').textContent()).toContain(topicTitle);
    // A resolution can open a project directly; this one goes to a vote first.
    await page.getByTestId('resolution-to-project').waitFor();
  });

  it('a 豆选 among three projects: one ballot online, two on paper with a witness, a second ballot refused', async () => {
    await page.goto(`${baseUrl}/cocreation/votes`);
    await page.getByTestId('vote-add').click();
    await page.getByTestId('vote-title').fill(voteTitle);
    const options = page.getByTestId('vote-option');
    for (let i = 0; i < 3; i++) await options.nth(i).fill(OPTIONS[i]!);
    // The demo village has many households and the test three voters: a low turnout threshold.
    await numberBox('vote-quorum').fill('1');
    await submitModal('vote-create-submit');
    await page.getByTestId('vote-detail').waitFor();
    pages.vote = page.url();
    await page.getByTestId('vote-open').click();
    await confirm(page);
    await expect.poll(() => page.getByTestId('vote-status').textContent()).toBe('进行中');
    const electorate = Number(await page.getByTestId('vote-electorate').textContent());
    expect(electorate).toBeGreaterThanOrEqual(3);

    // 龙 votes on the phone.
    await residentAs(long);
    const ballot = resident.locator(`[data-testid="resident-open-vote"][data-title="${voteTitle}"]`);
    await ballot.getByTestId('ballot-choices').getByText('人工沙滩', { exact: true }).click();
    await ballot.getByTestId('resident-vote-submit').click();
    await confirm(resident);
    await ballot.getByTestId('resident-voted').waitFor();
    await phoneShot(resident, 'resident-voted');

    // 杨 and 吴 hand in paper ballots; the clerk enters them with a witness.
    await page.reload();
    const paper = page.getByTestId('paper-ballot');
    for (const [v, choice] of [
      [yang, '人工沙滩'],
      [wu, '亮化工程'],
    ] as const) {
      await pick(paper.getByTestId('paper-elector'), v.name, true);
      await paper.getByTestId('ballot-choices').getByText(choice, { exact: true }).click();
      await paper.getByTestId('paper-witness').fill('石会计');
      await paper.getByTestId('paper-submit').click();
      await page.locator('.ant-message-success').filter({ hasText: v.name }).waitFor();
    }
    // 龙's household already voted online: a paper ballot for it is refused and the refusal shown.
    await pick(paper.getByTestId('paper-elector'), long.name, true);
    await paper.getByTestId('ballot-choices').getByText('改厕改圈', { exact: true }).click();
    await paper.getByTestId('paper-witness').fill('石会计');
    await paper.getByTestId('paper-submit').click();
    await expect.poll(() => paper.getByTestId('paper-refusal').textContent()).toMatch(/已/);

    await page.getByTestId('vote-close').click();
    await confirm(page);
    const tally = page.getByTestId('tally-row');
    await expect.poll(() => tally.count()).toBe(3);
    const counts = Object.fromEntries(await Promise.all(OPTIONS.map(async (o) => [o, await tally.filter({ hasText: o }).getAttribute('data-votes')] as const)));
    expect(counts).toEqual({ 人工沙滩: '2', 亮化工程: '1', 改厕改圈: '0' });
    expect(await page.getByTestId('tally-outcome').textContent()).toBe('通过');
    expect(await tally.filter({ hasText: '人工沙滩' }).textContent()).toMatch(/胜出|当选|最多/);
    expect(await page.getByTestId('tally-turnout').textContent()).toContain('网上 1 票，纸质 2 票');
  });

  it('the winning project: budget, money, labour and land from households, built and completed', async () => {
    await page.getByTestId('vote-to-project').click();
    await expect.poll(() => page.getByTestId('project-title').inputValue()).toBe('人工沙滩');
    await page.getByTestId('project-plan').fill('在村口河滩平整场地、铺设河沙，修台阶和护栏。');
    await submitModal('project-create-submit');
    await page.getByTestId('project-detail').waitFor();
    pages.project = page.url();

    await page.getByTestId('budget-edit').click();
    await numberBox('budget-higher_grant').fill('30000');
    await numberBox('budget-village_collective').fill('5000');
    await numberBox('budget-residents').fill('2000');
    await submitModal('budget-submit');
    await expect.poll(() => page.getByTestId('budget-total').textContent()).toBe('37,000');

    const give = async (v: Villager, kind: string, fill: () => Promise<void>) => {
      await page.getByTestId('contribution-add').click();
      await pick(page.getByTestId('household-select'), v.name, true);
      await pick(page.getByTestId('contribution-kind'), kind);
      await fill();
      await submitModal('contribution-submit');
    };
    await give(long, '筹资', async () => {
      await numberBox('contribution-amount').fill('500');
      await page.getByTestId('contribution-receipt').fill(`SJ-${tag}-001`);
    });
    await give(yang, '投工', async () => {
      await numberBox('contribution-labourDays').fill('3');
    });
    await give(wu, '让地', async () => {
      await numberBox('contribution-areaM2').fill('40');
      await page.getByTestId('contribution-description').fill('让出河边菜地一角作沙滩入口');
    });
    await expect.poll(() => page.locator('[data-testid="contribution-row"]').count()).toBe(3);
    const totals = page.getByTestId('project-totals');
    await expect.poll(() => totals.textContent()).toContain('500');
    // Three labour days at the project's default wage of 150 yuan a day are 450 yuan saved.
    await expect.poll(() => page.getByTestId('value-saved').textContent()).toContain('450');

    await page.getByTestId('project-to-building').click();
    await submitModal('project-status-submit');
    await page.getByTestId('milestone-add').click();
    await page.getByTestId('milestone-title').fill('场地平整、河沙铺设完成');
    await numberBox('milestone-progress').fill('100');
    await submitModal('milestone-submit');
    await expect.poll(() => page.getByTestId('milestone-item').count()).toBe(1);
    await page.getByTestId('project-to-completed').click();
    await submitModal('project-status-submit');
    await expect.poll(() => page.getByTestId('project-detail').getAttribute('data-status')).toBe('completed');
  });

  it('residents rate the finished project on their phones', async () => {
    for (const [v, stars] of [
      [long, 5],
      [yang, 4],
    ] as const) {
      await residentAs(v);
      const project = resident.getByTestId('resident-project').filter({ hasText: '人工沙滩' }).first();
      await project.getByTestId('resident-rate').click();
      await project
        .getByTestId('rating-stars')
        .locator('li')
        .nth(stars - 1)
        .click();
      await project.getByTestId('rating-comment').fill(stars === 5 ? '孩子们周末都去玩，很好' : '沙子再多铺一点更好');
      await project.getByTestId('rating-submit').click();
      await project.getByTestId('resident-rated').waitFor();
    }
    await phoneShot(resident, 'resident-rated');
  });

  it('the public page shows the tally, the money and labour, the score — and no one’s personal data', async () => {
    const visitor = await phone.browser()!.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, timezoneId: 'Asia/Shanghai', locale: 'zh-CN' });
    const p = await visitor.newPage();
    await p.goto(`${baseUrl}/v/${villageCode}/open`);
    await p.getByTestId('disclosure-page').waitFor();
    expect(await p.getByTestId('disclosure-title').textContent()).toContain(villageName);
    // 项目与投入 (the first tab): the money, labour and land received, and the residents' score.
    const project = p.getByTestId('disclosure-project').filter({ hasText: '人工沙滩' }).first();
    const received = await project.getByTestId('disclosure-received').textContent();
    expect(received).toContain('500');
    expect(received).toContain('3 个工日');
    expect(received).toContain('40 平方米');
    expect(await project.textContent()).toMatch(/4\.5/);
    // Contributors by surname only.
    expect(await project.getByTestId('disclosure-contributors').textContent()).toContain('龙某');
    // 议事决定: the courtyard meeting and its resolution.
    await p.getByRole('tab', { name: '议事决定' }).click();
    await p.getByTestId('disclosure-decision').filter({ hasText: tag }).first().waitFor();
    // 表决结果: the tally.
    await p.getByRole('tab', { name: '表决结果' }).click();
    const vote = p.getByTestId('disclosure-vote').filter({ hasText: voteTitle });
    await expect.poll(() => vote.getByTestId('disclosure-vote-option').filter({ hasText: '人工沙滩' }).textContent()).toContain('2');
    expect(await vote.getByTestId('disclosure-vote-option').filter({ hasText: '亮化工程' }).textContent()).toContain('1');
    // No full name, ID number or address of any of the three, on any tab.
    const text = (await p.locator('body').textContent())!;
    for (const v of villagers) {
      expect(text).not.toContain(v.name);
      expect(text).not.toContain(v.idNumber);
      expect(text).not.toContain(v.address);
    }
    await phoneShot(p, 'public');
    await visitor.close();
  });

  it('the cadre’s pages of the cycle fit a phone at 390 px', async () => {
    const cadrePhone = await browser.newContext({
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
      timezoneId: 'Asia/Shanghai',
      locale: 'zh-CN',
    });
    const [name, value] = (await apiSession('village')).split('=') as [string, string];
    await cadrePhone.addCookies([{ name, value, url: baseUrl }]);
    const p = await cadrePhone.newPage();
    for (const [what, url, ready] of [
      ['opinions', `${baseUrl}/cocreation/opinions`, 'opinions-page'],
      ['meeting', pages.meeting!, 'meeting-roster'],
      ['vote', pages.vote!, 'vote-tally'],
      ['project', pages.project!, 'project-totals'],
    ] as const) {
      await p.goto(url);
      await p.getByTestId(ready).waitFor();
      await phoneShot(p, `cadre-${what}`);
    }
    await cadrePhone.close();
  });
});
