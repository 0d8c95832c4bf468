import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../../test/helpers/harness.js';
import { column, notes, readWorkbook } from '../../../test/helpers/xlsx.js';
import { TEST_COUNTY } from '../../../test/helpers/template.js';
import { readDivisionCounty } from '../regions/index.js';
import { SYSTEM_CONTEXT, withContext } from '../../platform/db/context.js';
import { PROJECT_STATUS_LABELS } from './project-export.js';
import { projectPage } from './project-store.js';
import type { ProjectListItem } from './project-schema.js';
import { CHANGCHUN, SHANGHUANG, ZHONGCHAO } from './test-fixtures.js';

// The projects list as .xlsx: the projects the page lists for the same filters, in its words and
// order, with the ledger's totals, within the same scope, the filters and the query on 说明; audited.

let h: Harness;
const cookies: Record<string, string> = {};
const ELSEWHERE = readDivisionCounty(TEST_COUNTY).villages.find((v) => v.townshipCode !== ZHONGCHAO)!.code;

const get = (url: string, who: string) => h.app.inject({ method: 'GET', url, headers: { cookie: cookies[who]! } });
const workbook = async (url: string, who: string) => readWorkbook(await get(url, who));
const sqlq = (text: string, params: unknown[] = []) => h.database.admin.query(text, params);

/** A project of a village, inserted as the database owner, with a budget line; `minutesAgo` orders them. */
async function project(village: string, title: string, status: ProjectListItem['status'], minutesAgo: number, budget: number): Promise<void> {
  const id = uuidv7();
  await sqlq(
    `INSERT INTO cocreation_projects (id, region_code, path, title, status, progress, started_on, completed_on, created_at, updated_at)
     SELECT $1, code, path, $2, $3, $4, CASE WHEN $3 <> 'planned' THEN current_date END, CASE WHEN $3 = 'completed' THEN current_date END,
            now() - make_interval(mins => $5), now() FROM regions WHERE code = $6`,
    [id, title, status, status === 'completed' ? 100 : 0, minutesAgo, village],
  );
  await sqlq(
    `INSERT INTO cocreation_budget_lines (project_id, path, source, amount) SELECT id, path, 'higher_grant', $2 FROM cocreation_projects WHERE id = $1`,
    [id, budget],
  );
}

beforeAll(async () => {
  h = await createHarness({ loginRateLimitPerMinute: 1000 });
  for (const u of ['county', 'township', 'village']) cookies[u] = await h.login(u);
  await project(SHANGHUANG, '硬化一组组道', 'building', 50, 120000);
  await project(SHANGHUANG, '修建文化广场', 'completed', 40, 80000);
  await project(CHANGCHUN, '改造饮水管网', 'planned', 30, 50000);
  await project(ELSEWHERE, '河边护栏', 'building', 20, 30000);
  await project(SHANGHUANG, '安装路灯', 'planned', 10, 20000);
}, 120_000);
afterAll(() => h?.close());

async function listed(query: string, who: string): Promise<ProjectListItem[]> {
  const res = await get(`/api/v1/cocreation/projects?${query}`, who);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as ProjectListItem[];
}

describe('projects list as .xlsx', () => {
  it('holds the projects the page lists for the same filters, newest first, labelled as the page labels them', async () => {
    for (const query of ['', 'status=building', `regionCode=${SHANGHUANG}`, `regionCode=${SHANGHUANG}&status=planned`]) {
      const rows = await listed(query, 'county');
      expect(rows.length, query).toBeGreaterThan(0);
      const wb = await workbook(`/api/v1/cocreation/projects.xlsx?${query}`, 'county');
      const [sheet, about] = wb.worksheets;
      expect(sheet!.name).toBe('共建项目');
      expect(column(sheet!, '项目'), query).toEqual(rows.map((p) => p.title));
      expect(column(sheet!, '村（社区）')).toEqual(rows.map((p) => p.villageName));
      expect(column(sheet!, '状态')).toEqual(rows.map((p) => PROJECT_STATUS_LABELS[p.status]));
      expect(column(sheet!, '预算（元）')).toEqual(rows.map((p) => p.totals.budget));
      expect(column(sheet!, '折价节省（元）')).toEqual(rows.map((p) => p.totals.valueSaved));
      const n = notes(about!);
      expect(about!.name).toBe('说明');
      expect(n['行数']).toBe(String(rows.length));
      expect(n['查询']).toBe(`GET /api/v1/cocreation/projects?${query}`);
    }
    expect(column((await workbook('/api/v1/cocreation/projects.xlsx', 'county')).worksheets[0]!, '项目')).toEqual([
      '安装路灯',
      '河边护栏',
      '改造饮水管网',
      '修建文化广场',
      '硬化一组组道',
    ]);
    const n = notes((await workbook(`/api/v1/cocreation/projects.xlsx?regionCode=${SHANGHUANG}&status=planned`, 'county')).worksheets[1]!);
    expect(n['筛选条件']).toMatch(new RegExp(`^区划：.*（${SHANGHUANG}）及下辖\n状态：计划中$`));
    expect(n['个人信息']).toContain('不列出户名');
  });

  it('gives a village only its own projects, as its page does', async () => {
    const rows = await listed('', 'village');
    expect(rows.map((p) => p.title).sort()).toEqual(['修建文化广场', '安装路灯', '硬化一组组道'].sort());
    const wb = await workbook('/api/v1/cocreation/projects.xlsx', 'village');
    expect(column(wb.worksheets[0]!, '项目')).toEqual(rows.map((p) => p.title));
    expect(notes(wb.worksheets[1]!)['范围']).toMatch(new RegExp(`（${SHANGHUANG}）及下辖$`));
    const township = await workbook('/api/v1/cocreation/projects.xlsx', 'township');
    expect(column(township.worksheets[0]!, '项目')).not.toContain('河边护栏');
    for (const [who, code] of [
      ['village', CHANGCHUN],
      ['township', ELSEWHERE],
    ] as const) {
      const other = await get(`/api/v1/cocreation/projects.xlsx?regionCode=${code}`, who);
      expect(other.statusCode, who).toBe(400);
      expect(other.json().error.message).toContain('regionCode');
    }
  });

  it('refuses a bad filter with a 400 naming the field, and is audited', async () => {
    for (const [query, field] of [
      ['status=bogus', 'status'],
      ['regionCode=12', 'regionCode'],
    ]) {
      const res = await get(`/api/v1/cocreation/projects.xlsx?${query}`, 'county');
      expect(res.statusCode, query).toBe(400);
      expect(res.json().error.message, query).toContain(field);
    }
    await workbook('/api/v1/cocreation/projects.xlsx?status=planned', 'township');
    const { rows } = (await sqlq(`SELECT target_id, details FROM audit_log WHERE action = 'cocreation.project.export' ORDER BY seq DESC LIMIT 1`)) as {
      rows: { target_id: string; details: { status: string; rows: number } }[];
    };
    expect(rows[0]).toMatchObject({ target_id: ZHONGCHAO, details: { status: 'planned', rows: 2 } });
  });

  it('reads by keyset page after page the same rows as in one read', async () => {
    const path = ((await sqlq(`SELECT path::text AS path FROM regions WHERE code = $1`, [TEST_COUNTY.padEnd(12, '0')])).rows[0] as { path: string }).path;
    await withContext(h.deps.db, SYSTEM_CONTEXT, async (tx) => {
      const all = await projectPage(tx, { path }, { after: null, limit: 100_000 });
      expect(all.length).toBe(5);
      const walked = [];
      for (let after: { createdAt: Date; id: string } | null = null; ;) {
        const page = await projectPage(tx, { path }, { after, limit: 2 });
        walked.push(...page);
        if (page.length < 2) break;
        after = { createdAt: page.at(-1)!.created_at, id: page.at(-1)!.id };
      }
      expect(walked.map((p) => p.id)).toEqual(all.map((p) => p.id));
    });
  });

  it('labels statuses as the page does', async () => {
    const { default: zh } = (await import(/* @vite-ignore */ `${'../../../web/src/locales/'}zh-CN.ts`)) as {
      default: { cocreationProjects: { cadre: { status: object } } };
    };
    expect(PROJECT_STATUS_LABELS).toEqual(zh.cocreationProjects.cadre.status);
  });
});
