import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/cli/demo-accounts.js';
import type { HouseholdPage } from '../../src/modules/people/schema.js';
import type { GridList } from '../../src/modules/regions/grid-schema.js';
import { launchBrowser } from './browser.js';

const baseUrl = inject('baseUrl');
const VILLAGE = '522631102200'; // 上黄村, the `village` account's scope
/** Unique names, so the walk can run again on the same database. */
const run = Date.now().toString(36).slice(-5);
const group = `一组${run}`;
const renamed = `第一村民小组${run}`;
const compound = `幸福小区${run}`;
const building = `${run}号楼`;

let browser: Browser;
let context: BrowserContext;
let page: Page;
let cookie = '';

/** GET as the village cadre, outside the browser, to know what to look for. */
async function api<T>(path: string): Promise<T> {
  const res = await fetch(`${baseUrl}/api/v1${path}`, { headers: { cookie } });
  expect(res.status).toBe(200);
  return (await res.json()) as T;
}

async function login(username: string) {
  await page.goto(`${baseUrl}/login`);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(DEMO_PASSWORD);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('app-menu').waitFor();
}

/** The open dropdown of a Select. */
const dropdown = () => page.locator('.ant-select-dropdown:visible');

async function pick(select: Locator, title: string) {
  await select.click();
  const option = dropdown().locator(`.ant-select-item-option[title="${title}"]`);
  await option.waitFor();
  await option.click();
  await dropdown().waitFor({ state: 'hidden' });
}

/** The row of a group in the village's group table. */
const groupRow = (name: string) => page.getByTestId('groups-section').locator('tr.ant-table-row', { has: page.locator(`[data-name="${name}"]`) });

async function saveGroup(name: string, kind?: string) {
  await page.getByTestId('group-name').fill(name);
  if (kind) await page.getByTestId('group-kind').getByText(kind, { exact: true }).click();
  await page.getByTestId('group-submit').click();
  await page.getByTestId('group-name').waitFor({ state: 'hidden' });
  await groupRow(name).waitFor();
}

beforeAll(async () => {
  browser = await launchBrowser();
  context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  page = await context.newPage();
  const res = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'village', password: DEMO_PASSWORD }),
  });
  expect(res.status).toBe(200);
  cookie = res.headers.get('set-cookie')!.split(';')[0]!;
});
afterAll(() => browser?.close());

describe('groups, compounds and buildings of a village, in the browser', () => {
  let households = 0;
  let gridCode = '';
  let gridName = '';

  it('a village cadre sees the village counts on the regions page', async () => {
    await login('village');
    await page.getByTestId('menu-regions').click();
    await page.getByTestId('region-details').waitFor();
    await expect.poll(async () => Number(await page.getByTestId('region-households').textContent())).toBeGreaterThan(0);
    households = Number(await page.getByTestId('region-households').textContent());
    const treeCounts = page.getByTestId('region-tree').getByTestId(`region-counts-${VILLAGE}`);
    expect(await treeCounts.textContent()).toMatch(new RegExp(`^${households} 户 · \\d+ 人 · 党员 \\d+ · 网格 \\d+$`));
  });

  it('adds a 村民小组 and a 小区, and renames the 村民小组', async () => {
    await page.getByTestId('group-add').click();
    await saveGroup(group); // 村民小组 is the default kind
    await page.getByTestId('group-add').click();
    await saveGroup(compound, '小区');
    expect(await groupRow(compound).textContent()).toContain('小区');

    await groupRow(group).getByTestId('group-edit').click();
    await saveGroup(renamed);
    expect(await groupRow(group).count()).toBe(0);
    // The tree shows the village's groups with their kind.
    await expect.poll(() => page.getByTestId('region-tree').textContent()).toContain(renamed);
    expect(await page.getByTestId('region-tree').textContent()).toContain(`${compound}小区`);
  });

  it('adds a building in the 小区 with a grid', async () => {
    const grids = await api<GridList>(`/grids?villageCode=${VILLAGE}`);
    expect(grids.items.length).toBeGreaterThan(0);
    ({ code: gridCode, name: gridName } = grids.items[0]!);

    await page.getByTestId('building-add').click();
    await page.getByTestId('building-name').fill(building);
    await pick(page.getByTestId('building-group'), `${compound} · 小区`);
    await pick(page.getByTestId('building-grid'), gridName);
    await page.getByTestId('building-floors').fill('6');
    await page.getByTestId('building-submit').click();
    await page.getByTestId('building-name').waitFor({ state: 'hidden' });
    const row = page.getByTestId('buildings-section').locator('tr.ant-table-row', { hasText: building });
    await row.waitFor();
    expect(await row.textContent()).toContain(compound);
    expect(await row.textContent()).toContain(gridName);
  });

  it('moves a household into the building and sees its group, building and grid after a reload', async () => {
    const { items } = await api<HouseholdPage>(`/households?regionCode=${VILLAGE}&pageSize=1`);
    const household = items[0]!;
    await page.goto(`${baseUrl}/people/households/${household.id}`);
    await page.getByTestId('household-detail').waitFor();
    await page.getByTestId('household-edit-placement').click();
    await pick(page.getByTestId('place-building'), `${building} · 楼栋`);
    // The building brings its group and grid.
    await expect.poll(() => page.getByTestId('place-group').textContent()).toContain(compound);
    await page.getByTestId('placement-submit').click();
    await page.getByTestId('placement-address').waitFor({ state: 'hidden' });

    await page.reload();
    const detail = page.getByTestId('household-detail');
    await detail.waitFor();
    expect(await detail.getByTestId('household-building').textContent()).toBe(building);
    expect(await detail.getByTestId('household-group').textContent()).toBe(compound);
    expect(await detail.getByTestId('household-grid').textContent()).toBe(gridCode);
  });

  it('refuses to delete the 小区 while a household stands in it, and says why', async () => {
    await page.getByTestId('menu-regions').click();
    await groupRow(compound).waitFor();
    expect(await groupRow(compound).locator('td').nth(2).textContent()).toBe('1'); // the household moved in
    await groupRow(compound).getByTestId('group-delete').click();
    await page.locator('.ant-popconfirm:visible .ant-btn-primary').click();
    const error = page.getByTestId('group-error');
    await error.waitFor();
    expect(await error.textContent()).toMatch(/仍有.+关联/);
    expect(await groupRow(compound).count()).toBe(1);
  });

  it('a township official sees the village household count in the tree', async () => {
    await page.getByTestId('logout').click();
    await login('township');
    await page.getByTestId('menu-regions').click();
    const counts = page.getByTestId('region-tree').getByTestId(`region-counts-${VILLAGE}`);
    await counts.waitFor();
    expect(await counts.textContent()).toMatch(new RegExp(`^${households} 户 · `));
  });
});
