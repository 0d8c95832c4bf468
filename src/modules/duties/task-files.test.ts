import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../../test/helpers/harness.js';
import { TEST_COUNTY } from '../../../test/helpers/template.js';
import { SYSTEM_CONTEXT, withContext, type DbContext } from '../../platform/db/context.js';
import { exe, pdf, png } from '../../platform/files/test-fixtures.js';
import { seedDemoDuties } from './demo.js';
import type { Task, TaskList, TaskReport } from './task-schema.js';

// Attachments on task progress reports (issue #17, item 5): sent with the report, kept in the
// platform file store (owner kind task_report), listed with the task, downloadable by whoever reads
// the ledger, named in the ledger; a refused file names its field and nothing is saved.

let h: Harness;
const cookies: Record<string, string> = {};
let task: Task;

beforeAll(async () => {
  h = await createHarness({ loginRateLimitPerMinute: 1000 });
  await seedDemoDuties(h.deps, TEST_COUNTY, { seed: 5 });
  for (const u of ['county', 'township', 'dept', 'resident']) cookies[u] = await h.login(u);
  const list = ((await get('/api/v1/task-lists', 'township')).json() as TaskList[])[0]!;
  task = list.tasks.find((t) => t.canReport && t.leadRegionCode)!;
});
afterAll(() => h?.close());

function get(url: string, who: string) {
  return h.app.inject({ method: 'GET', url, headers: { cookie: cookies[who]! } });
}
function post(url: string, who: string, payload: object) {
  return h.app.inject({ method: 'POST', url, headers: { cookie: cookies[who]! }, payload });
}
const b64 = (b: Buffer) => b.toString('base64');
const sys = <T>(fn: Parameters<typeof withContext<T>>[2]) => withContext(h.deps.db, SYSTEM_CONTEXT, fn);
const reportCount = (taskId: string) =>
  sys(async (tx) =>
    Number(
      (
        await tx
          .selectFrom('task_reports')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('task_id', '=', taskId)
          .executeTakeFirstOrThrow()
      ).n,
    ),
  );
const fileCount = () =>
  sys(async (tx) =>
    Number(
      (
        await tx
          .selectFrom('files')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('owner_kind', '=', 'task_report')
          .executeTakeFirstOrThrow()
      ).n,
    ),
  );
const latest = async (who: string) => ((await get('/api/v1/task-lists', who)).json() as TaskList[])[0]!.tasks.find((t) => t.id === task.id)!;

describe('attachments on task progress reports', () => {
  let report: TaskReport;

  it('the lead unit reports with a photo and a PDF: both listed with the task, audited', async () => {
    const res = await post(`/api/v1/tasks/${task.id}/reports`, 'township', {
      status: 'on_track',
      progress: '已召开推进会，附会议照片和通知',
      files: [
        { data: `data:image/png;base64,${b64(png(3))}`, filename: '推进会现场.png' },
        { data: b64(pdf('推进会通知')), filename: '推进会通知.pdf' },
      ],
    });
    expect(res.statusCode, res.body).toBe(201);
    report = res.json() as TaskReport;
    expect(report.files).toEqual([
      expect.objectContaining({ filename: '推进会现场.png', contentType: 'image/png' }),
      expect.objectContaining({ filename: '推进会通知.pdf', contentType: 'application/pdf', bytes: pdf('推进会通知').length }),
    ]);
    for (const f of report.files) expect(f.url).toBe(`/api/v1/files/${f.id}/content`);

    const seen = await latest('county');
    expect(seen.lastProgress).toBe('已召开推进会，附会议照片和通知');
    expect(seen.lastFiles.map((f) => f.filename)).toEqual(['推进会现场.png', '推进会通知.pdf']);

    const audit = (
      await h.database.admin.query(`SELECT target_id, after FROM audit_log WHERE action = 'duties.task.report' AND after->>'reportId' = $1`, [report.id])
    ).rows[0] as { target_id: string; after: { files: { id: string; filename: string }[] } };
    expect(audit.target_id).toBe(task.id);
    expect(audit.after.files.map((f) => f.filename)).toEqual(['推进会现场.png', '推进会通知.pdf']);
  });

  it('county staff download both; a resident cannot', async () => {
    const [photo, doc] = report.files as [TaskReport['files'][number], TaskReport['files'][number]];
    const img = await get(photo.url, 'county');
    expect(img.statusCode).toBe(200);
    expect(img.headers['content-type']).toBe('image/png');
    expect(img.headers['content-disposition']).toMatch(/^inline/);
    const file = await get(doc.url, 'county');
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(file.headers['content-disposition']).toMatch(/^attachment/);
    expect(file.rawPayload.equals(pdf('推进会通知'))).toBe(true);
    const listed = await get(`/api/v1/files?ownerKind=task_report&ownerId=${report.id}`, 'county');
    expect(listed.json().items).toHaveLength(2);
    expect([403, 404]).toContain((await get(doc.url, 'resident')).statusCode);
  });

  it('with the service bypassed: a resident sees no row; only the reporter attaches to the report', async () => {
    const county = await sys((tx) => tx.selectFrom('regions').select('path').where('code', '=', `${TEST_COUNTY}000000`).executeTakeFirstOrThrow());
    const staff = (await h.database.admin.query(`SELECT id FROM users WHERE username = 'county'`)).rows[0] as { id: string };
    const sha = await sys((tx) => tx.selectFrom('files').select('sha256').where('owner_id', '=', report.id).executeTakeFirstOrThrow());
    const resident: DbContext = { userId: null, role: 'resident', scopePath: county.path };
    const other: DbContext = { userId: staff.id, role: 'county_staff', scopePath: county.path };
    const visible = (ctx: DbContext) =>
      withContext(h.deps.db, ctx, async (tx) => (await tx.selectFrom('files').select('id').where('owner_id', '=', report.id).execute()).length);
    expect(await visible(resident)).toBe(0);
    expect(await visible(other)).toBe(2);
    await expect(
      withContext(h.deps.db, other, (tx) =>
        tx
          .insertInto('files')
          .values({
            id: crypto.randomUUID(),
            owner_kind: 'task_report',
            owner_id: report.id,
            usage: 'attachment',
            seq: 99,
            sha256: sha.sha256,
            content_type: 'image/png',
            bytes: 1,
            filename: 'x.png',
            meta: '{}',
            created_at: new Date(),
          })
          .execute(),
      ),
    ).rejects.toMatchObject({ code: '42501' });
  });

  it('refuses a file that is not what it says, naming the field; nothing is saved', async () => {
    const reports = await reportCount(task.id);
    const files = await fileCount();
    const res = await post(`/api/v1/tasks/${task.id}/reports`, 'township', {
      status: 'done',
      progress: '已完成',
      files: [
        { data: b64(png(4)), filename: '照片.png' },
        { data: b64(exe()), filename: '验收报告.pdf' },
      ],
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.field).toBe('files[1]');
    expect(res.json().error.message).toMatch(/[\u4e00-\u9fa5]/);
    const bad = await post(`/api/v1/tasks/${task.id}/reports`, 'township', {
      status: 'done',
      progress: '已完成',
      files: [{ data: '这不是文件内容，也不是 base64' }],
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.field).toBe('files[0].data');
    const many = await post(`/api/v1/tasks/${task.id}/reports`, 'township', {
      status: 'done',
      progress: '已完成',
      files: Array.from({ length: 6 }, (_, i) => ({ data: b64(png(10 + i)) })),
    });
    expect(many.statusCode).toBe(400);
    expect(await reportCount(task.id)).toBe(reports);
    expect(await fileCount()).toBe(files);
    expect((await latest('county')).status).toBe('on_track');
  });

  it('refuses a unit that does not lead the task, attachments and all', async () => {
    const files = await fileCount();
    const res = await post(`/api/v1/tasks/${task.id}/reports`, 'dept', {
      status: 'done',
      progress: '代报',
      files: [{ data: b64(png(30)), filename: 'x.png' }],
    });
    expect(res.statusCode).toBe(403);
    expect(await fileCount()).toBe(files);
  });

  it('a later report without attachments shows none; the ledger names every report’s attachments', async () => {
    const res = await post(`/api/v1/tasks/${task.id}/reports`, 'township', { status: 'done', progress: '已完成，无新增材料' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().files).toEqual([]);
    expect((await latest('county')).lastFiles).toEqual([]);

    const ledger = await get(`/api/v1/task-lists/${task.listId}/ledger.xlsx`, 'county');
    expect(ledger.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(ledger.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('进展报告')!;
    expect(sheet.getRow(1).getCell(8).value).toBe('附件');
    const rows: string[][] = [];
    sheet.eachRow((row, n) => {
      if (n > 1) rows.push([String(row.getCell(6).value ?? ''), String(row.getCell(8).value ?? '')]);
    });
    expect(rows).toContainEqual(['已召开推进会，附会议照片和通知', '推进会现场.png、推进会通知.pdf']);
    expect(rows).toContainEqual(['已完成，无新增材料', '']);
  });
});
