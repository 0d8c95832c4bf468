import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../../test/helpers/harness.js';
import { TEST_COUNTY } from '../../../test/helpers/template.js';
import { SYSTEM_ACTOR } from '../../platform/actor.js';
import { SYSTEM_CONTEXT, withContext } from '../../platform/db/context.js';
import { countStatements } from '../../platform/db/statements.js';
import { attachFiles, prepareFiles, saveBlobs } from '../../platform/files/index.js';
import { pdf } from '../../platform/files/test-fixtures.js';
import { buildWorkbook } from '../../platform/spreadsheet.js';
import { REPORT_FILES } from './report-archive.js';
import type { StoredReportPage } from './report-schema.js';
import { insertReportOnce } from './report-store.js';

// The stored reports' list reads the page's files in one statement (#14): the statements of
// GET /api/v1/overview/reports do not grow with the number of reports on the page, and each
// report still links its own PDF and .xlsx (none for a report without files).

let h: Harness;
let cookie: string;
const COUNTY = TEST_COUNTY.padEnd(12, '0');
/** Report id → its files' ids, as stored. */
const stored = new Map<string, { pdf: string | null; xlsx: string | null }>();

beforeAll(async () => {
  h = await createHarness({ loginRateLimitPerMinute: 1000 });
  cookie = await h.login('county');
}, 240_000);
afterAll(() => h?.close());

/** Stores a county report for each month, with its two files unless `withFiles` is false. */
async function addReports(months: string[], withFiles = true): Promise<void> {
  const [pdfFile] = await prepareFiles(h.deps, { owner: REPORT_FILES, usage: 'pdf', field: 'pdf' }, [{ data: pdf('月度报告'), filename: 'r.pdf' }]);
  const workbook = await buildWorkbook([{ name: '月度报告', columns: ['项目'], rows: [['受理']] }]);
  const [xlsxFile] = await prepareFiles(h.deps, { owner: REPORT_FILES, usage: 'xlsx', field: 'xlsx' }, [{ data: workbook, filename: 'r.xlsx' }]);
  await saveBlobs(h.deps, [pdfFile!, xlsxFile!]);
  await withContext(h.deps.db, SYSTEM_CONTEXT, async (tx) => {
    const { path } = await tx.selectFrom('regions').select('path').where('code', '=', COUNTY).executeTakeFirstOrThrow();
    for (const month of months) {
      const id = uuidv7();
      const row = { id, region_code: COUNTY, path, region_name: '黎平县', region_level: 'county' as const, month, figures: '{}', created_at: h.clock.now() };
      expect(await insertReportOnce(tx, row)).toEqual({ id });
      if (!withFiles) {
        stored.set(id, { pdf: null, xlsx: null });
        continue;
      }
      const [p] = await attachFiles(tx, h.deps, SYSTEM_ACTOR, { owner: REPORT_FILES, ownerId: id, usage: 'pdf', field: 'pdf' }, [pdfFile!]);
      const [x] = await attachFiles(tx, h.deps, SYSTEM_ACTOR, { owner: REPORT_FILES, ownerId: id, usage: 'xlsx', field: 'xlsx' }, [xlsxFile!]);
      stored.set(id, { pdf: p!.id, xlsx: x!.id });
    }
  });
}

const list = () => h.app.inject({ method: 'GET', url: '/api/v1/overview/reports?pageSize=100', headers: { cookie } });

/** The list's statements, counted on a second request (the first warms the session and the plans). */
async function counted(): Promise<{ page: StoredReportPage; statements: number; texts: string[] }> {
  await list();
  const { result, count } = await countStatements(list);
  expect(result.statusCode, result.body).toBe(200);
  return { page: result.json() as StoredReportPage, statements: count.statements, texts: count.texts };
}

describe('stored monthly reports list', () => {
  it('reads the same number of statements for 2 reports as for 15', async () => {
    await addReports(['2026-10', '2026-09']);
    const few = await counted();
    expect(few.page.items).toHaveLength(2);
    await addReports(['2026-08', '2026-07', '2026-06', '2026-05', '2026-04', '2026-03', '2026-02', '2026-01', '2025-12', '2025-11', '2025-10', '2025-09']);
    await addReports(['2025-08'], false);
    const many = await counted();
    expect(many.page.items).toHaveLength(15);
    expect(many.statements, many.texts.join('\n')).toBe(few.statements);
    // One statement reads the files, whatever the page holds.
    expect(
      many.texts.filter((t) => /from "files"/i.test(t)),
      many.texts.join('\n'),
    ).toHaveLength(1);
  });

  it('links each report to its own files, newest month first', async () => {
    const { page } = await counted();
    expect(page.items.map((i) => i.month)).toEqual([...page.items.map((i) => i.month)].sort().reverse());
    for (const item of page.items) {
      const files = stored.get(item.id)!;
      expect(item.pdfUrl, item.month).toBe(files.pdf ? `/api/v1/files/${files.pdf}/content` : null);
      expect(item.xlsxUrl, item.month).toBe(files.xlsx ? `/api/v1/files/${files.xlsx}/content` : null);
    }
    expect(page.items.at(-1)).toMatchObject({ month: '2025-08', pdfUrl: null, xlsxUrl: null });
  });
});
