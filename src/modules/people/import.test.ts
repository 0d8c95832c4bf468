import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../../test/helpers/harness.js';
import { SYSTEM_ACTOR } from '../../platform/actor.js';
import { composeIdNumber } from './id-number.js';
import { IMPORT_COLUMNS } from './import-schema.js';
import { createImport, resumeImports } from './import-service.js';
import { XLSX_TYPE } from './spreadsheet.js';

let h: Harness;
let cadre: string;
let villageCode: string;

const id = (birth: string, seq: number) => composeIdNumber('522631', birth, seq);
const badCheck = (x: string) => x.slice(0, 17) + (x[17] === '1' ? '2' : '1');
const H1 = id('19700101', 11);
const rows: string[][] = [
  // householdNo, address, gridCode, name, relation, idNumber, sex, birthDate, phone, tags
  ['H1', '一组 1 号', '', '吴大明', '户主', H1, '', '', '13985500001', '党员'],
  ['H1', '一组 1 号', '', '杨小花', '配偶', id('19720305', 22), '', '', '', ''],
  ['H1', '一组 1 号', '', '吴小明', '子女', badCheck(id('19990909', 31)), '', '', '', ''], // row 4: bad check digit
  ['H2', '一组 2 号', '', '石二妹', '配偶', id('19800101', 42), '', '', '', ''], // rows 5-6: household without a head
  ['H2', '一组 2 号', '', '石小宝', '子女', id('20100101', 51), '', '', '', ''],
  ['H3', '一组 3 号', '', '龙老三', '户主', id('19600101', 61), '', '', '', '低保'],
  ['H3', '一组 3 号', '', '龙老三', '户主', id('19600101', 61), '', '', '', '低保'], // row 8: duplicate row
  ['H4', '一组 4 号', '', '潘阿婆', '户主', '', '女', '1940-02-02', '', '独居老人'],
  ['H5', '一组 5 号', '', '陆某', '户主', id('19900101', 71), '', '', '139 8550 0010', '贫困户'], // row 10: unknown tag
];

async function xlsx(data: string[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('户籍');
  ws.addRow(IMPORT_COLUMNS.map(([label]) => label));
  for (const r of data) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function upload(file: Buffer, contentType = XLSX_TYPE, filename = 'test.xlsx') {
  return h.app.inject({
    method: 'POST',
    url: `/api/v1/people/imports?villageCode=${villageCode}&filename=${encodeURIComponent(filename)}`,
    headers: { cookie: cadre, 'content-type': contentType },
    payload: file,
  });
}

async function finished(jobId: string) {
  for (let i = 0; i < 200; i++) {
    const job = (await h.app.inject({ method: 'GET', url: `/api/v1/people/imports/${jobId}`, headers: { cookie: cadre } })).json();
    if (job.status === 'done' || job.status === 'failed') return job;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('import did not finish');
}

beforeAll(async () => {
  h = await createHarness();
  cadre = await h.login('village');
  villageCode = (await h.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: cadre } })).json().user.regionCode;
});
afterAll(() => h?.close());

/** The stored upload of a job, straight from the table (as whoever reads the database would see it). */
async function storedFile(jobId: string): Promise<Buffer | null> {
  const file = (await h.database.admin.query('SELECT file FROM import_jobs WHERE id = $1', [jobId])).rows[0]!.file as Uint8Array | null;
  return file === null ? null : Buffer.from(file);
}

async function reportText(url: string): Promise<string> {
  const report = await h.app.inject({ method: 'GET', url, headers: { cookie: cadre } });
  expect(report.statusCode).toBe(200);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(report.rawPayload as unknown as ArrayBuffer);
  return JSON.stringify(wb.worksheets[0]!.getSheetValues());
}

let firstJob: { id: string; errorReportUrl: string };

describe('registry import', () => {
  it('imports valid rows and reports bad IDs, a missing head, a duplicate row and an unknown tag by row and field', async () => {
    const res = await upload(await xlsx(rows));
    expect(res.statusCode).toBe(202);
    const job = await finished(res.json().id);
    firstJob = job;
    expect(job).toMatchObject({ status: 'done', totalRows: 9, importedRows: 4, skippedRows: 0, errorRows: 5 });
    const report = await h.app.inject({ method: 'GET', url: job.errorReportUrl, headers: { cookie: cadre } });
    expect(report.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(report.rawPayload as unknown as ArrayBuffer);
    const lines: [number, string, string][] = [];
    wb.worksheets[0]!.eachRow((r, n) => n > 1 && lines.push([Number(r.getCell(1).value), String(r.getCell(2).value), String(r.getCell(3).value)]));
    expect(lines.map(([row, field]) => [row, field])).toEqual([
      [4, '身份证号'],
      [5, '与户主关系'],
      [6, '与户主关系'],
      [8, '身份证号'],
      [10, '标签'],
    ]);
    expect(lines[0]![2]).toContain('校验位');
    expect(lines[3]![2]).toContain('第 7 行');
    const households = (await h.app.inject({ method: 'GET', url: `/api/v1/households?regionCode=${villageCode}`, headers: { cookie: cadre } })).json();
    expect(households.items.map((x: { address: string; memberCount: number }) => [x.address, x.memberCount]).sort()).toEqual([
      ['一组 1 号', 2],
      ['一组 3 号', 1],
      ['一组 4 号', 1],
    ]);
  });

  it('the error report shows ID and phone numbers masked', async () => {
    const text = await reportText(firstJob.errorReportUrl);
    expect(text).toContain('吴小明'); // the rows are there …
    const badId = badCheck(id('19990909', 31));
    expect(text).toContain(`${badId.slice(0, 6)}********${badId.slice(-4)}`); // … a malformed ID masked like a valid one
    expect(text).toContain(`522631********${id('19900101', 71).slice(-4)}`);
    expect(text).toContain('139****0010');
    expect(text).not.toMatch(/[0-9]{17}[0-9X]/);
    expect(text).not.toContain(badId);
    expect(text).not.toMatch(/139 ?8550 ?0010/);
  });

  it('a finished import keeps no copy of the file; a waiting one holds it only encrypted', async () => {
    expect(await storedFile(firstJob.id)).toBeNull();
    // A failed job lets go of its file too.
    const bad = await createImport(
      h.deps,
      SYSTEM_ACTOR,
      { villageCode, filename: 'x.csv', contentType: 'text/csv', file: Buffer.from('户地址,姓名,与户主关系\n一组,张三,户主\n') },
      () => {},
    );
    await h.database.admin.query(`UPDATE import_jobs SET file = $2 WHERE id = $1`, [bad.id, Buffer.from('not the file any more')]);
    await resumeImports(h.deps);
    expect(await finished(bad.id)).toMatchObject({ status: 'failed' });
    expect(await storedFile(bad.id)).toBeNull();
    // While a job waits, the bytes in the table are SM4 ciphertext, not the upload.
    const upload = await xlsx(rows);
    const waiting = await createImport(h.deps, SYSTEM_ACTOR, { villageCode, filename: 'w.xlsx', contentType: XLSX_TYPE, file: upload }, () => {});
    const stored = (await storedFile(waiting.id))!;
    expect(stored.subarray(0, 7).toString('ascii')).toBe('sm4gcm1');
    expect(stored.includes(upload.subarray(0, 64))).toBe(false);
    expect(stored.toString('latin1')).not.toContain(H1);
    await resumeImports(h.deps);
    expect(await finished(waiting.id)).toMatchObject({ status: 'done' });
    expect(await storedFile(waiting.id)).toBeNull();
  });

  it('re-importing the same file creates no duplicates', async () => {
    const before = await h.database.admin.query('SELECT count(*)::int AS n FROM residents');
    const job = await finished((await upload(await xlsx(rows))).json().id);
    expect(job).toMatchObject({ status: 'done', importedRows: 0, skippedRows: 4, errorRows: 5 });
    const after = await h.database.admin.query('SELECT count(*)::int AS n FROM residents');
    expect(after.rows[0]!.n).toBe(before.rows[0]!.n);
  });

  it('adds a new member to a household already imported, and reads a UTF-8 CSV', async () => {
    const csv = [IMPORT_COLUMNS.map(([l]) => l).join(','), ['H1', '一组 1 号', '', '吴小妹', '子女', id('20150606', 82), '', '', '', ''].join(',')].join('\n');
    const job = await finished((await upload(Buffer.from(`\uFEFF${csv}`, 'utf8'), 'text/csv', 'more.csv')).json().id);
    expect(job).toMatchObject({ status: 'done', importedRows: 1, errorRows: 0 });
    const h1 = (
      await h.app.inject({
        method: 'GET',
        url: `/api/v1/households?regionCode=${villageCode}&q=${encodeURIComponent('一组 1 号')}`,
        headers: { cookie: cadre },
      })
    ).json();
    expect(h1.items[0].memberCount).toBe(3);
  });

  it('rows with neither ID numbers nor 户编号: an interrupted job resumed, and the file sent again, add nobody twice', async () => {
    // Elderly people registered by name and birth date only, households told apart by address.
    const noIds = [
      ['', '二组 7 号', '', '杨阿公', '户主', '', '男', '1938-03-03', '', ''],
      ['', '二组 7 号', '', '吴阿婆', '配偶', '', '女', '1941-04-04', '', ''],
      ['', '二组 8 号', '', '石阿婆', '户主', '', '女', '1936-05-05', '', '独居老人'],
    ];
    const count = async () =>
      Number((await h.database.admin.query(`SELECT count(*)::int AS n FROM residents WHERE name IN ('杨阿公','吴阿婆','石阿婆')`)).rows[0]!.n);
    const first = await finished((await upload(await xlsx(noIds))).json().id);
    expect(first).toMatchObject({ status: 'done', importedRows: 3 });
    // As if the server died after a job's batches committed but before it was marked done: the
    // job (here a second one with the same file, since a finished job has let go of its file)
    // is still running and still holds its file.
    const crashed = await createImport(
      h.deps,
      SYSTEM_ACTOR,
      { villageCode, filename: 'crash.xlsx', contentType: XLSX_TYPE, file: await xlsx(noIds) },
      () => {},
    );
    await h.database.admin.query(`UPDATE import_jobs SET status = 'running' WHERE id = $1`, [crashed.id]);
    expect(await storedFile(crashed.id)).not.toBeNull();
    expect(await resumeImports(h.deps)).toBe(1);
    const resumed = await finished(crashed.id);
    expect(resumed).toMatchObject({ status: 'done', importedRows: 0, skippedRows: 3 });
    expect(await storedFile(crashed.id)).toBeNull();
    expect(await count()).toBe(3);
    const again = await finished((await upload(await xlsx(noIds), XLSX_TYPE, 'again.xlsx')).json().id);
    expect(again).toMatchObject({ status: 'done', importedRows: 0, skippedRows: 3 });
    expect(await count()).toBe(3);
    const households = await h.database.admin.query(`SELECT count(*)::int AS n FROM households WHERE address IN ('二组 7 号','二组 8 号')`);
    expect(Number(households.rows[0]!.n)).toBe(2);
  });

  it('refuses a file that is not a registry, naming the problem, and writes nothing', async () => {
    const wrongType = await upload(Buffer.from('hello'), 'application/pdf');
    expect(wrongType.statusCode).toBe(400);
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('x').addRow(['foo', 'bar']);
    const noHeaders = await upload(Buffer.from(await wb.xlsx.writeBuffer()));
    expect(noHeaders.statusCode).toBe(400);
    expect(noHeaders.json().error.details.field).toBe('file');
    expect(noHeaders.json().error.message).toContain('缺少列');
  });

  it('serves the template and exports the registry with masked numbers only', async () => {
    const template = await h.app.inject({ method: 'GET', url: '/api/v1/people/import/template?format=xlsx', headers: { cookie: cadre } });
    expect(template.statusCode).toBe(200);
    const t = new ExcelJS.Workbook();
    await t.xlsx.load(template.rawPayload as unknown as ArrayBuffer);
    expect((t.worksheets[0]!.getRow(1).values as string[]).slice(1)).toEqual(IMPORT_COLUMNS.map(([l]) => l));
    const exp = await h.app.inject({ method: 'GET', url: `/api/v1/people/export?regionCode=${villageCode}`, headers: { cookie: cadre } });
    expect(exp.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(exp.rawPayload as unknown as ArrayBuffer);
    const text = JSON.stringify(wb.worksheets[0]!.getSheetValues());
    expect(text).toContain('吴大明');
    expect(text).toContain(`522631********${H1.slice(-4)}`);
    expect(text).not.toMatch(/[0-9]{17}[0-9X]/);
    expect(text).not.toContain('13985500001');
  });
});
