import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../../test/helpers/harness.js';
import { TEST_COUNTY } from '../../../test/helpers/template.js';
import { seedDemoDuties } from './demo.js';
import type { TaskList } from './task-schema.js';

// Task lists and ledgers, and formalism reports: the lead unit reports (and only it), figures come
// from the system, overdue tasks are flagged, the ledger is generated from the reports.

let h: Harness;
const cookies: Record<string, string> = {};
let list: TaskList;

beforeAll(async () => {
  h = await createHarness({ loginRateLimitPerMinute: 1000 });
  await seedDemoDuties(h.deps, TEST_COUNTY, { seed: 3 });
  for (const u of ['county', 'township', 'village', 'dept', 'dept2']) cookies[u] = await h.login(u);
  list = ((await get('/api/v1/task-lists', 'county')).json() as TaskList[])[0]!;
});
afterAll(() => h?.close());

function get(url: string, who: string) {
  return h.app.inject({ method: 'GET', url, headers: { cookie: cookies[who]! } });
}
function post(url: string, who: string, payload: object) {
  return h.app.inject({ method: 'POST', url, headers: { cookie: cookies[who]! }, payload });
}

describe('task list and ledger (任务清单 / 工作台账)', () => {
  it('carries the demo measure set: 20 tasks, each with a lead unit and a deadline', async () => {
    expect(list.name).toContain('20 条措施');
    expect(list.tasks.length).toBe(20);
    expect(list.tasks.every((t) => t.leadUnit && t.dueOn)).toBe(true);
    expect(list.counts.total).toBe(20);
    expect(list.counts.done + list.counts.unreported + list.counts.delayed).toBeLessThanOrEqual(20);
  });

  it('lets the township that leads a task report it, with the figure read from the system; others are refused', async () => {
    const task = list.tasks.find((t) => t.leadRegionCode && t.measureId === 'requests.patrol_reports')!;
    const township = await post(`/api/v1/tasks/${task.id}/reports`, 'township', { status: 'done', progress: '巡查上报全部在平台办理' });
    expect(township.statusCode, township.body).toBe(201);
    expect(township.json().figure).toBe(0);
    const dept = await post(`/api/v1/tasks/${task.id}/reports`, 'dept', { status: 'done', progress: '代报' });
    expect(dept.statusCode).toBe(403);
    const after = ((await get('/api/v1/task-lists', 'township')).json() as TaskList[])[0]!.tasks.find((t) => t.id === task.id)!;
    expect(after).toMatchObject({ status: 'done', lastProgress: '巡查上报全部在平台办理', overdue: false, canReport: true });
  });

  it('flags a task overdue once its deadline passes without “done”', async () => {
    const open = list.tasks.filter((t) => t.status !== 'done');
    h.clock.advanceMinutes(60 * 24 * 200);
    cookies.county = await h.login('county');
    const later = ((await get('/api/v1/task-lists', 'county')).json() as TaskList[])[0]!;
    for (const t of open) {
      const now = later.tasks.find((x) => x.id === t.id)!;
      if (now.status !== 'done') expect(now.overdue, t.title).toBe(true);
    }
    expect(later.counts.overdue).toBeGreaterThan(0);
  });

  it('generates the ledger from the records: one row per task, and every report on the second sheet', async () => {
    const res = await get(`/api/v1/task-lists/${list.id}/ledger.xlsx`, 'county');
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(wb.getWorksheet('工作台账')!.rowCount).toBe(21);
    const reports = (
      await h.database.admin.query(`SELECT count(*)::int AS n FROM task_reports p JOIN tasks t ON t.id = p.task_id WHERE t.list_id = $1`, [list.id])
    ).rows[0] as { n: number };
    expect(wb.getWorksheet('进展报告')!.rowCount).toBe(reports.n + 1);
  });
});

describe('formalism reports (形式主义问题反映)', () => {
  it('takes an anonymous report with no reporter kept, shows it to the county, and records the answer', async () => {
    cookies.village = await h.login('village');
    const me = (await get('/api/v1/auth/me', 'village')).json().user;
    const res = await post('/api/v1/formalism-reports', 'village', { regionCode: me.regionCode, content: '某部门要求每天在工作群打卡拍照', anonymous: true });
    expect(res.statusCode, res.body).toBe(201);
    const row = (await h.database.admin.query('SELECT reporter_id FROM formalism_reports WHERE id = $1', [res.json().id])).rows[0] as {
      reporter_id: string | null;
    };
    expect(row.reporter_id).toBeNull();
    const audit = (await h.database.admin.query(`SELECT actor_id FROM audit_log WHERE target_id = $1`, [res.json().id])).rows[0] as { actor_id: string | null };
    expect(audit.actor_id).toBeNull();
    const county = (await get('/api/v1/formalism-reports', 'county')).json();
    expect(county.find((r: { id: string }) => r.id === res.json().id)).toMatchObject({ anonymous: true, status: 'open' });
    expect((await get('/api/v1/formalism-reports', 'village')).json().map((r: { id: string }) => r.id)).not.toContain(res.json().id);
    expect((await post(`/api/v1/formalism-reports/${res.json().id}/answer`, 'county', { answer: '已约谈该部门，停止打卡要求' })).statusCode).toBe(204);
    expect((await post(`/api/v1/formalism-reports/${res.json().id}/answer`, 'county', { answer: '再答' })).statusCode).toBe(409);
    const short = await post('/api/v1/formalism-reports', 'village', { regionCode: me.regionCode, content: '短', anonymous: false });
    expect(short.json().error.details.field).toBe('content');
  });
});
