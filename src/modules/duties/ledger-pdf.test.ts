import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../../test/helpers/harness.js';
import { TEST_COUNTY } from '../../../test/helpers/template.js';
import { png } from '../../platform/files/test-fixtures.js';
import { extractPdfText } from '../../platform/pdf-text.js';
import { chinaDate } from '../../platform/time.js';
import { seedDemoDuties } from './demo.js';
import type { Task, TaskList } from './task-schema.js';

// The ledger (工作台账) as a PDF (issue #17, item 5): generated from the same records as the .xlsx
// — the list, every task, the latest state, every report with its attachments' names — refused
// and audited exactly as the .xlsx is. The text is read back with src/platform/pdf-text.ts.

let h: Harness;
const cookies: Record<string, string> = {};
let list: TaskList;
let task: Task;

beforeAll(async () => {
  h = await createHarness({ loginRateLimitPerMinute: 1000 });
  await seedDemoDuties(h.deps, TEST_COUNTY, { seed: 7 });
  for (const u of ['county', 'township', 'resident']) cookies[u] = await h.login(u);
  list = ((await get('/api/v1/task-lists', 'township')).json() as TaskList[])[0]!;
  task = list.tasks.find((t) => t.canReport && t.leadRegionCode)!;
});
afterAll(() => h?.close());

function get(url: string, who?: string) {
  return h.app.inject({ method: 'GET', url, headers: who ? { cookie: cookies[who]! } : {} });
}
function post(url: string, who: string, payload: object) {
  return h.app.inject({ method: 'POST', url, headers: { cookie: cookies[who]! }, payload });
}
/** Lines are broken where the page is narrow: compare without the breaks. */
const flat = (s: string) => s.replace(/\n/g, '');
const exportAudits = async (listId: string) =>
  (await h.database.admin.query(`SELECT actor_name, details FROM audit_log WHERE action = 'duties.ledger.export' AND target_id = $1 ORDER BY seq`, [listId]))
    .rows as { actor_name: string; details: { format?: string } | null }[];

describe('GET /api/v1/task-lists/:id/ledger.pdf', () => {
  it('is a PDF of the records: the list, every task, the latest progress and an attachment’s name', async () => {
    const progress = '已召开专题推进会，形成问题清单';
    const reported = await post(`/api/v1/tasks/${task.id}/reports`, 'township', {
      status: 'on_track',
      progress,
      files: [{ data: png(41).toString('base64'), filename: '推进会签到表.png' }],
    });
    expect(reported.statusCode, reported.body).toBe(201);

    const res = await get(`/api/v1/task-lists/${list.id}/ledger.pdf`, 'county');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const name = encodeURIComponent(`${list.name}-工作台账-${chinaDate(h.clock.now())}.pdf`);
    expect(res.headers['content-disposition']).toBe(`attachment; filename="${name}"; filename*=UTF-8''${name}`);
    const pdf = res.rawPayload;
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = extractPdfText(pdf);
    const all = flat(text);
    expect(all).toContain(list.name);
    for (const t of list.tasks) expect(all, t.title).toContain(t.title);
    expect(all).toContain(progress);
    expect(all).toContain('推进会签到表.png');
    expect(all).toContain(task.leadUnit);
    // Every page is numbered, the last one among them.
    const pages = [...text.matchAll(/第 (\d+) 页/g)].map((m) => Number(m[1]));
    expect(pages.length).toBeGreaterThan(1);
    expect(pages).toEqual(pages.map((_, i) => i + 1));
  });

  it('flags an overdue task, as the list does', async () => {
    h.clock.advanceMinutes(60 * 24 * 400);
    cookies.county = await h.login('county');
    const later = ((await get('/api/v1/task-lists', 'county')).json() as TaskList[]).find((l) => l.id === list.id)!;
    expect(later.counts.overdue).toBeGreaterThan(0);
    const text = flat(extractPdfText((await get(`/api/v1/task-lists/${list.id}/ledger.pdf`, 'county')).rawPayload));
    expect(text).toContain('【超期】');
    expect(text).toContain(`超期 ${later.counts.overdue}`);
  });

  it('refuses whoever the .xlsx refuses, the same way', async () => {
    cookies.resident = await h.login('resident'); // the clock has moved on: a fresh session
    // A resident lacks duties.read; no list by that id (or none the reader may see); not signed in.
    for (const [who, id, status] of [
      ['resident', list.id, 403],
      ['county', '01900000-0000-7000-8000-000000000000', 404],
      [undefined, list.id, 401],
    ] as const) {
      const xlsx = await get(`/api/v1/task-lists/${id}/ledger.xlsx`, who);
      const pdf = await get(`/api/v1/task-lists/${id}/ledger.pdf`, who);
      expect(xlsx.statusCode, `${who} ${id}`).toBe(status);
      expect(pdf.statusCode, `${who} ${id}`).toBe(status);
      expect(pdf.json().error).toEqual(xlsx.json().error);
    }
  });

  it('is audited like the .xlsx: one record per download, naming the format', async () => {
    const before = (await exportAudits(list.id)).length;
    expect((await get(`/api/v1/task-lists/${list.id}/ledger.pdf`, 'county')).statusCode).toBe(200);
    expect((await get(`/api/v1/task-lists/${list.id}/ledger.xlsx`, 'county')).statusCode).toBe(200);
    const after = await exportAudits(list.id);
    expect(after.slice(before)).toEqual([
      { actor_name: 'county', details: { format: 'pdf' } },
      { actor_name: 'county', details: { format: 'xlsx' } },
    ]);
  });
});
