import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../../test/helpers/harness.js';
import { TEST_COUNTY } from '../../../test/helpers/template.js';
import { seedDemoDuties } from './demo.js';
import { IMPORT_MAX_NEW, IMPORT_MAX_ROWS, XLSX_TYPE, type ImportProblem } from './list-import.js';
import type { DutyItem } from './schema.js';

// Importing duty lists from .xlsx through the API, on the demo county's lists: the file the
// export gives, edited, comes back as new items (in force for the county, proposals for a
// township or village); a file with any bad row is refused whole, naming the row.

let h: Harness;
const cookies: Record<string, string> = {};
const COUNTY = TEST_COUNTY.padEnd(12, '0');
const place: Record<'county' | 'township' | 'village', { code: string; name: string }> = {} as never;

beforeAll(async () => {
  h = await createHarness({ loginRateLimitPerMinute: 1000 });
  await seedDemoDuties(h.deps, TEST_COUNTY, { seed: 7 });
  for (const u of ['county', 'township', 'village']) cookies[u] = await h.login(u);
  for (const u of ['township', 'village'] as const) {
    const code = (await get('/api/v1/auth/me', u)).json().user.regionCode as string;
    place[u] = { code, name: await regionName(code) };
  }
  place.county = { code: COUNTY, name: await regionName(COUNTY) };
});
afterAll(() => h?.close());

async function regionName(code: string): Promise<string> {
  return ((await h.database.admin.query('SELECT name FROM regions WHERE code = $1', [code])).rows[0] as { name: string }).name;
}
function get(url: string, who: string) {
  return h.app.inject({ method: 'GET', url, headers: { cookie: cookies[who]! } });
}
function upload(who: string, file: Buffer, type = XLSX_TYPE) {
  return h.app.inject({ method: 'POST', url: '/api/v1/duties/items/import', headers: { cookie: cookies[who]!, 'content-type': type }, payload: file });
}
async function exported(who: string, regionCode?: string): Promise<ExcelJS.Workbook> {
  const res = await get(`/api/v1/duties/items.xlsx${regionCode ? `?regionCode=${regionCode}` : ''}`, who);
  expect(res.statusCode).toBe(200);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  return wb;
}
const bytes = async (wb: ExcelJS.Workbook) => Buffer.from(await wb.xlsx.writeBuffer());
async function countItems(): Promise<number> {
  return ((await h.database.admin.query('SELECT count(*)::int AS n FROM duty_items')).rows[0] as { n: number }).n;
}
const dataRows = (wb: ExcelJS.Workbook) => wb.worksheets.reduce((n, ws) => n + ws.rowCount - 1, 0);

describe('importing duty lists from .xlsx', () => {
  it('round-trips the county’s export: rows given new codes become items in force, the rest are left alone', async () => {
    const wb = await exported('county');
    const ws = wb.getWorksheet('村级主责事项')!;
    expect(ws.getRow(1).values).toContain('制定单位');
    // Two rows edited into new items: a new code and a new name, the rest as exported.
    ws.getRow(2).getCell(1).value = '村主-导01';
    ws.getRow(2).getCell(2).value = '管理村级光伏电站收益分配';
    ws.getRow(3).getCell(1).value = '村主-导02';
    ws.getRow(3).getCell(2).value = '组织村内公益性岗位人员日常管理';
    const before = await countItems();
    const res = await upload('county', await bytes(wb));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ added: 2, proposed: 0, unchanged: dataRows(wb) - 2 });
    expect(await countItems()).toBe(before + 2);
    const items = (await get('/api/v1/duties/items?list=village_main', 'county')).json() as DutyItem[];
    const added = items.filter((i) => i.code.startsWith('村主-导'));
    expect(added.map((i) => [i.code, i.name, i.status, i.regionCode])).toEqual([
      ['村主-导01', '管理村级光伏电站收益分配', 'active', COUNTY],
      ['村主-导02', '组织村内公益性岗位人员日常管理', 'active', COUNTY],
    ]);
    // Each item is audited as the hand form's are, and the import once.
    const audits = (await h.database.admin.query("SELECT action FROM audit_log WHERE action IN ('duties.item.create', 'duties.items.import')")).rows as {
      action: string;
    }[];
    expect(audits.filter((a) => a.action === 'duties.items.import')).toHaveLength(1);
    expect(audits.filter((a) => a.action === 'duties.item.create').length).toBeGreaterThanOrEqual(2);
    // The same file again: nothing new, and nothing refused.
    expect((await upload('county', await bytes(wb))).json()).toEqual({ added: 0, proposed: 0, unchanged: dataRows(wb) });
  });

  it('refuses the whole file when one row is bad, naming the row, and writes nothing', async () => {
    const wb = await exported('county');
    const ws = wb.getWorksheet('村级负面事项')!;
    const good = ws.addRow(['村负-导01', '为企业开具经营场所证明', '', '', '', place.county.name, '在用', '', '']);
    const bad = ws.addRow(['村负-导02', '代收水费', '', '', '', '不存在的村', '在用', '', '']);
    const before = await countItems();
    const res = await upload('county', await bytes(wb));
    expect(res.statusCode).toBe(400);
    const err = res.json().error;
    expect(err.code).toBe('VALIDATION_FAILED');
    expect(err.details.fields).toEqual([
      expect.objectContaining({
        field: `rows.${bad.number}.region`,
        sheet: '村级负面事项',
        row: bad.number,
        column: 'F',
        reason: '区划不存在或不在您的管理范围内',
      }),
    ]);
    expect(err.message).toContain(`“村级负面事项”第 ${bad.number} 行 F 列（制定单位）`);
    expect(await countItems()).toBe(before);
    expect(good.number).toBe(bad.number - 1);
  });

  it('names every problem: a duplicate code, a changed item, a missing name, an unknown department, an unknown sheet', async () => {
    const wb = await exported('county');
    const ws = wb.getWorksheet('村级协助事项')!;
    const changed = ws.getRow(2);
    changed.getCell(2).value = `${String(changed.getCell(2).value)}（改）`;
    const first = ws.addRow(['村协-导01', '协助开展适龄儿童入学摸底', '', '县教育局', '', place.county.name]);
    const twin = ws.addRow(['村协-导01', '协助开展适龄儿童入学摸底', '', '', '', place.county.name]);
    const noName = ws.addRow(['村协-导02', '', '', '', '', place.county.name]);
    const noDept = ws.addRow(['村协-导03', '协助开展秸秆禁烧巡查', '', '不存在的局', '', place.county.name]);
    wb.addWorksheet('我的备注').addRows([['说明'], ['随便写点什么']]);
    const before = await countItems();
    const res = await upload('county', await bytes(wb));
    expect(res.statusCode).toBe(400);
    const fields = res.json().error.details.fields as ImportProblem[];
    const at = (field: string, reason: string) => expect.objectContaining({ field, reason: expect.stringContaining(reason) });
    expect(fields).toEqual(
      expect.arrayContaining([
        at('sheets.我的备注', '工作表名称应为清单名称之一'),
        at('rows.2.code', `编号 ${String(changed.getCell(1).value)} 已有事项`),
        at(`rows.${twin.number}.code`, `与第 ${first.number} 行编号重复`),
        at(`rows.${noName.number}.name`, '必填'),
        at(`rows.${noDept.number}.department`, '部门不存在'),
      ]),
    );
    expect(fields).toHaveLength(5);
    expect(await countItems()).toBe(before);
  });

  it('a village may not add to a township list; the row is named and nothing is proposed', async () => {
    const wb = await exported('village', place.village.code);
    wb.getWorksheet('村级主责事项')!.addRow(['村主-自导01', '管理村集体果园', '', '', '', place.village.name]);
    // The village's export carries the county's township lists (inherited); the village writes into one.
    const row = wb.getWorksheet('乡镇基本履职事项')!.addRow(['乡基-村01', '村里想加的乡镇事项', '', '', '', place.village.name]);
    const before = await countItems();
    const res = await upload('village', await bytes(wb));
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.fields).toEqual([
      expect.objectContaining({
        field: `rows.${row.number}.list`,
        sheet: '乡镇基本履职事项',
        row: row.number,
        reason: expect.stringContaining('村（社区）不能调整乡镇清单'),
      }),
    ]);
    expect(await countItems()).toBe(before);
  });

  it('a township’s import creates proposals for the county, not items in force', async () => {
    const wb = await exported('township', place.township.code);
    wb.getWorksheet('乡镇基本履职事项')!.addRow([
      '乡基-镇导01',
      '统筹本镇茶产业合作社服务',
      '《乡村振兴促进法》',
      '',
      '调研 → 拟定 → 报县审批',
      place.township.name,
      '',
      '2026-12-01',
    ]);
    const res = await upload('township', await bytes(wb));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ added: 0, proposed: 1, unchanged: dataRows(wb) - 1 });
    const inForce = (await get(`/api/v1/duties/items?regionCode=${place.township.code}`, 'township')).json() as DutyItem[];
    expect(inForce.map((i) => i.code)).not.toContain('乡基-镇导01');
    const pending = (await get('/api/v1/duties/items?pending=true', 'county')).json() as DutyItem[];
    expect(pending.find((i) => i.code === '乡基-镇导01')).toMatchObject({
      status: 'proposed',
      regionCode: place.township.code,
      procedure: ['调研', '拟定', '报县审批'],
      effectiveFrom: '2026-12-01',
      basis: '《乡村振兴促进法》',
    });
    // A township cannot put an item on the county's template.
    const up = await exported('township', place.township.code);
    up.getWorksheet('乡镇基本履职事项')!.addRow(['乡基-镇导02', '县级事项', '', '', '', place.county.name]);
    const refused = await upload('township', await bytes(up));
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.details.fields[0]).toMatchObject({ column: 'F', reason: '只能为本级或下级区划新增事项' });
  });

  it('refuses a file over the row cap, a file that is not a workbook, and a JSON body', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('村级负面事项');
    ws.addRow(['编号', '事项名称', '依据', '牵头或提请部门', '办理流程', '制定单位']);
    for (let i = 0; i <= IMPORT_MAX_ROWS; i++) ws.addRow([`村负-多${i}`, `事项${i}`, '', '', '', place.county.name]);
    const many = await upload('county', await bytes(wb));
    expect(many.statusCode).toBe(400);
    expect(many.json().error.message).toContain(`一次最多导入 ${IMPORT_MAX_ROWS} 行`);
    const fresh = new ExcelJS.Workbook();
    const sheet = fresh.addWorksheet('村级负面事项');
    sheet.addRow(['编号', '事项名称', '依据', '牵头或提请部门', '办理流程', '制定单位']);
    for (let i = 0; i <= IMPORT_MAX_NEW; i++) sheet.addRow([`村负-新${i}`, `事项${i}`, '', '', '', place.county.name]);
    const tooNew = await upload('county', await bytes(fresh));
    expect(tooNew.statusCode).toBe(400);
    expect(tooNew.json().error.message).toContain(`一次最多新增 ${IMPORT_MAX_NEW} 条`);
    const junk = await upload('county', Buffer.from('not a workbook'));
    expect(junk.statusCode).toBe(400);
    expect(junk.json().error.details.field).toBe('file');
    const json = await h.app.inject({ method: 'POST', url: '/api/v1/duties/items/import', headers: { cookie: cookies.county! }, payload: { rows: [] } });
    expect(json.statusCode).toBe(400);
  });
});
