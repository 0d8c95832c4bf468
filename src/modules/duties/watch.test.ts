import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../../test/helpers/harness.js';
import { TEST_COUNTY } from '../../../test/helpers/template.js';
import { workCalendar } from '../../platform/calendar/service.js';
import { chinaDate } from '../../platform/time.js';
import { seedDemoDuties } from './demo.js';
import { sendTaskReminders } from './reminder-service.js';
import type { TaskList } from './task-schema.js';
import type { WatchPoint } from './watch-schema.js';

// Observation and monitoring points (观测点 / 监测点): the county designates and removes them
// (audited), others may not; each point's report counts equal the formalism reports filed within
// its area, counted here from the rows. Task reminders: one to the lead unit of a task due within
// three working days and not done, none for a task done or due later, and nothing new on a rerun.

let h: Harness;
const cookies: Record<string, string> = {};
const me: Record<string, { regionCode: string }> = {};

beforeAll(async () => {
  h = await createHarness({ loginRateLimitPerMinute: 1000 });
  await seedDemoDuties(h.deps, TEST_COUNTY, { seed: 7 });
  for (const u of ['county', 'township', 'village']) {
    cookies[u] = await h.login(u);
    me[u] = (await get('/api/v1/auth/me', u)).json().user;
  }
});
afterAll(() => h?.close());

function get(url: string, who: string) {
  return h.app.inject({ method: 'GET', url, headers: { cookie: cookies[who]! } });
}
function post(url: string, who: string, payload?: object) {
  return h.app.inject({ method: 'POST', url, headers: { cookie: cookies[who]! }, ...(payload ? { payload } : {}) });
}
async function rows<T>(text: string, params: unknown[] = []): Promise<T[]> {
  return (await h.database.admin.query(text, params)).rows as T[];
}
async function points(who = 'county'): Promise<WatchPoint[]> {
  const res = await get('/api/v1/watch-points', who);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as WatchPoint[];
}

describe('observation and monitoring points (观测点 / 监测点)', () => {
  it('lists the demo points with report counts equal to the formalism reports filed within each', async () => {
    const all = await points();
    expect(all.filter((p) => p.kind === 'observation').length).toBe(8);
    expect(all.filter((p) => p.kind === 'monitoring').length).toBe(12);
    const counted = await rows<{ id: string; open: number; answered: number }>(`
      SELECT w.id, count(*) FILTER (WHERE f.status = 'open')::int AS open, count(*) FILTER (WHERE f.status = 'answered')::int AS answered
      FROM watch_points w LEFT JOIN formalism_reports f ON f.path <@ w.path WHERE w.removed_on IS NULL GROUP BY w.id`);
    for (const p of all) {
      const c = counted.find((x) => x.id === p.id)!;
      expect(p.reports, p.regionName).toEqual({ open: c.open, answered: c.answered });
    }
    expect(all.some((p) => p.reports!.open + p.reports!.answered > 0)).toBe(true);
  });

  it('county staff designate a point (audited), a duplicate is refused, a village cadre is refused', async () => {
    const taken = new Set((await points()).filter((p) => p.kind === 'monitoring').map((p) => p.regionCode));
    const [village] = await rows<{ code: string }>(`SELECT code FROM regions WHERE level = 'village' AND code <> ALL($1) ORDER BY code LIMIT 1`, [[...taken]]);
    const body = { regionCode: village!.code, kind: 'monitoring', note: '形式主义问题监测' };
    expect((await post('/api/v1/watch-points', 'village', body)).statusCode).toBe(403);
    const res = await post('/api/v1/watch-points', 'county', body);
    expect(res.statusCode, res.body).toBe(201);
    const point = res.json() as WatchPoint;
    expect(point).toMatchObject({ regionCode: village!.code, kind: 'monitoring', regionLevel: 'village', reports: { open: 0, answered: 0 } });
    const audit = await rows<{ action: string }>(`SELECT action FROM audit_log WHERE target_id = $1`, [point.id]);
    expect(audit.map((a) => a.action)).toEqual(['duties.watch_point.designate']);
    const again = await post('/api/v1/watch-points', 'county', body);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.details.field).toBe('regionCode');
    const group = await post('/api/v1/watch-points', 'county', { ...body, regionCode: TEST_COUNTY.padEnd(12, '0') });
    expect(group.statusCode).toBe(400);

    // A report naming the point counts on it: open, then answered.
    const report = await post('/api/v1/formalism-reports', 'county', { regionCode: village!.code, content: '要求每周报送三次工作照片', anonymous: false });
    expect(report.statusCode, report.body).toBe(201);
    expect((await points()).find((p) => p.id === point.id)!.reports).toEqual({ open: 1, answered: 0 });
    expect((await post(`/api/v1/formalism-reports/${report.json().id}/answer`, 'county', { answer: '已责成整改' })).statusCode).toBe(204);
    expect((await points()).find((p) => p.id === point.id)!.reports).toEqual({ open: 0, answered: 1 });

    expect((await post(`/api/v1/watch-points/${point.id}/remove`, 'village')).statusCode).toBe(403);
    expect((await post(`/api/v1/watch-points/${point.id}/remove`, 'county')).statusCode).toBe(204);
    expect((await post(`/api/v1/watch-points/${point.id}/remove`, 'county')).statusCode).toBe(409);
    expect((await points()).map((p) => p.id)).not.toContain(point.id);
    const after = await rows<{ action: string }>(`SELECT action FROM audit_log WHERE target_id = $1 ORDER BY seq`, [point.id]);
    expect(after.map((a) => a.action)).toEqual(['duties.watch_point.designate', 'duties.watch_point.remove']);
    // Removed, not deleted: designated again later is a new point.
    expect((await post('/api/v1/watch-points', 'county', body)).statusCode).toBe(201);
  });

  it('a village cadre lists the points in its village, without counts it could not read', async () => {
    const mine = await points('village');
    const [own] = await rows<{ path: string }>(`SELECT path::text FROM regions WHERE code = $1`, [me.village!.regionCode]);
    const all = await rows<{ id: string }>(`SELECT id FROM watch_points WHERE removed_on IS NULL AND path <@ $1::ltree`, [own!.path]);
    expect(mine.map((p) => p.id).sort()).toEqual(all.map((r) => r.id).sort());
    expect(mine.every((p) => p.reports === null)).toBe(true);
    // The demo makes the village account's village a monitoring point: the report form offers it.
    expect(mine.some((p) => p.kind === 'monitoring' && p.regionCode === me.village!.regionCode)).toBe(true);
    const monitoring = await get('/api/v1/watch-points?kind=monitoring', 'township');
    expect(monitoring.statusCode).toBe(200);
    expect((monitoring.json() as WatchPoint[]).every((p) => p.kind === 'monitoring' && p.reports === null)).toBe(true);
  });
});

describe('task reminders before the deadline', () => {
  it('reminds the lead unit once of a task due in 2 working days, not of one done or due in 20', async () => {
    const calendar = await workCalendar(h.deps);
    const today = chinaDate(h.clock.now());
    const tag = `提醒测试${Date.now()}`;
    const town = me.township!.regionCode;
    const task = (title: string, days: number) => ({
      measureNo: '第 1 条',
      title: `${tag}${title}`,
      leadRegionCode: town,
      dueOn: calendar.addWorkingDays(today, days),
    });
    const created = await post('/api/v1/task-lists', 'county', {
      name: `${tag}清单`,
      issuer: '县委办公室',
      tasks: [task('两日到期', 2), task('已完成', 2), task('二十日到期', 20)],
    });
    expect(created.statusCode, created.body).toBe(201);
    const [soon, done, later] = (created.json() as TaskList).tasks;
    expect((await post(`/api/v1/tasks/${done!.id}/reports`, 'township', { status: 'done', progress: '已完成' })).statusCode).toBe(201);

    const first = await sendTaskReminders(h.deps);
    expect(first.sent).toBeGreaterThanOrEqual(1);
    const sent = await rows<{ message: string; unit_region_code: string; order_id: string | null }>(
      `SELECT message, unit_region_code, order_id FROM notifications WHERE kind = 'task_reminder' AND message LIKE $1`,
      [`%${tag}%`],
    );
    expect(sent.length).toBe(1);
    expect(sent[0]).toMatchObject({ unit_region_code: town, order_id: null });
    expect(sent[0]!.message).toContain(soon!.title);
    const recorded = await rows<{ task_id: string; due_on: string }>(`SELECT task_id, due_on::text FROM task_reminders WHERE task_id = ANY($1)`, [
      [soon!.id, done!.id, later!.id],
    ]);
    expect(recorded).toEqual([{ task_id: soon!.id, due_on: soon!.dueOn }]);

    // The lead unit sees it in its inbox.
    const inbox = await get('/api/v1/inbox', 'township');
    expect(inbox.statusCode, inbox.body).toBe(200);
    expect(inbox.json().notifications.some((n: { message: string }) => n.message.includes(soon!.title))).toBe(true);

    const second = await sendTaskReminders(h.deps);
    expect(second.sent).toBe(0);
    const total = await rows<{ n: number }>(`SELECT count(*)::int AS n FROM notifications WHERE kind = 'task_reminder' AND message LIKE $1`, [`%${tag}%`]);
    expect(total[0]!.n).toBe(1);
  });
});
