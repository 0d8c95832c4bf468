import { Readable } from 'node:stream';
import type ExcelJS from 'exceljs';
import { invalidField } from '../../platform/errors.js';
import { maskIdNumber, maskPersonalNumbers, maskPhone } from '../../platform/mask.js';
import { newWorkbook } from '../../platform/spreadsheet.js';
import { IMPORT_COLUMNS, type ImportField } from './import-schema.js';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export interface SheetRow {
  /** 1-based row number as the user sees it in Excel (the header is row 1). */
  row: number;
  values: Record<ImportField, string>;
}

/** CSV from Excel in China is often GB18030 without a BOM; UTF-8 is tried first. */
function decodeText(buf: Buffer): string {
  const utf8 = new TextDecoder('utf-8').decode(buf);
  if (!utf8.includes('\uFFFD')) return utf8.replace(/^\uFEFF/, '');
  return new TextDecoder('gb18030').decode(buf);
}

function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return new Date(v.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
  if (typeof v === 'number') {
    // An 18-digit ID typed as a number has already lost its last digits; say so instead of guessing.
    if (v > 1e15) return `#NUMBER:${v}`;
    return String(v);
  }
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((t) => t.text).join('');
    if ('text' in v) return String(v.text);
    if ('result' in v) return cellText(v.result as ExcelJS.CellValue);
  }
  return String(v).trim();
}

/** Reads an .xlsx or .csv registry file into rows keyed by template field. Unknown or missing headers are refused. */
export async function readRegistryFile(buf: Buffer, contentType: string): Promise<SheetRow[]> {
  const wb = newWorkbook();
  let sheet: ExcelJS.Worksheet | undefined;
  try {
    // Cells stay text: an ID number must never pass through a JS number.
    if (contentType.startsWith('text/csv')) sheet = await wb.csv.read(Readable.from([decodeText(buf)]), { map: (value: string) => value });
    else {
      await wb.xlsx.load(buf as unknown as ArrayBuffer);
      sheet = wb.worksheets[0];
    }
  } catch {
    throw invalidField('file', '无法读取文件，请使用模板的 .xlsx 或 .csv 格式');
  }
  if (!sheet) throw invalidField('file', '文件中没有工作表');
  const header = (sheet.getRow(1).values as ExcelJS.CellValue[]).slice(1).map((v) => cellText(v).replace(/\s/g, ''));
  const index = new Map<ImportField, number>();
  for (const [label, field] of IMPORT_COLUMNS) {
    const at = header.indexOf(label);
    if (at >= 0) index.set(field, at + 1);
  }
  const missing = IMPORT_COLUMNS.filter(([, f]) => ['address', 'name', 'relation'].includes(f) && !index.has(f)).map(([l]) => l);
  if (missing.length) throw invalidField('file', `缺少列: ${missing.join('、')}（请下载模板）`);
  const rows: SheetRow[] = [];
  sheet.eachRow((r, rowNumber) => {
    if (rowNumber === 1) return;
    const values = Object.fromEntries(IMPORT_COLUMNS.map(([, f]) => [f, index.has(f) ? cellText(r.getCell(index.get(f)!).value) : ''])) as Record<
      ImportField,
      string
    >;
    if (Object.values(values).some((v) => v !== '')) rows.push({ row: rowNumber, values });
  });
  return rows;
}

const EXAMPLE: Record<ImportField, string>[] = [
  {
    householdNo: 'H0001',
    address: '上黄村一组 5 号',
    gridCode: '',
    name: '吴某某',
    relation: '户主',
    idNumber: '',
    sex: '男',
    birthDate: '1968-05-01',
    phone: '',
    tags: '党员',
  },
  {
    householdNo: 'H0001',
    address: '上黄村一组 5 号',
    gridCode: '',
    name: '杨某某',
    relation: '配偶',
    idNumber: '',
    sex: '女',
    birthDate: '1970-08-12',
    phone: '',
    tags: '',
  },
];

async function toBuffer(wb: ExcelJS.Workbook, format: 'xlsx' | 'csv'): Promise<Buffer> {
  if (format === 'csv') return Buffer.concat([Buffer.from('\uFEFF'), Buffer.from(await wb.csv.writeBuffer())]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The template: headers, text-formatted number columns (so Excel keeps all 18 digits), two example rows. */
export async function buildTemplate(format: 'xlsx' | 'csv'): Promise<Buffer> {
  const wb = newWorkbook();
  const ws = wb.addWorksheet('户籍导入');
  ws.columns = IMPORT_COLUMNS.map(([label, field]) => ({
    header: label,
    key: field,
    width: field === 'address' ? 28 : field === 'idNumber' ? 22 : 14,
    style: { numFmt: '@' },
  }));
  for (const r of EXAMPLE) ws.addRow(r);
  ws.getRow(1).font = { bold: true };
  if (format === 'xlsx') {
    const note = wb.addWorksheet('填写说明');
    [
      '每行一人；同一户的成员填写相同的“户编号”（没有户编号时按“户地址”归户）。每户必须有且只有一名“户主”。',
      '与户主关系: 户主、配偶、子女、儿媳/女婿、父母、孙子女、祖父母、兄弟姐妹、其他。',
      '身份证号按文本填写（18 位，末位可为 X）；没有身份证号时必须填写性别和出生日期（YYYY-MM-DD）。',
      '标签可填多个，用顿号或逗号分隔: 独居老人、留守老人、留守儿童、残疾、低保、特困、防返贫监测、退役军人、党员、重点人员、外出务工、流动人口。',
      '同一文件重复导入不会产生重复记录: 已登记的人会被跳过。出错的行不会导入，并列在错误报告里。',
    ].forEach((line) => note.addRow([line]));
    note.getColumn(1).width = 120;
  }
  return toBuffer(wb, format);
}

export interface RowError {
  row: number;
  field: string;
  reason: string;
  values: Record<ImportField, string>;
}

/**
 * A row as the error report shows it: the ID and phone columns masked in the field shape (even
 * when malformed), every other cell with ID- or phone-like numbers masked. The report is stored
 * and downloaded after the job; the uploader still has the full numbers in their own file.
 */
export function maskedRowValues(values: Record<ImportField, string>): Record<ImportField, string> {
  const out = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, maskPersonalNumbers(v)])) as Record<ImportField, string>;
  const id = values.idNumber.replace(/^#NUMBER:/, '').trim();
  if (id) out.idNumber = id.length > 10 ? maskIdNumber(id) : '*'.repeat(id.length);
  const phone = values.phone.replace(/[\s-]/g, '');
  if (phone) out.phone = phone.length >= 7 ? maskPhone(phone) : '*'.repeat(phone.length);
  return out;
}

/** The error report: row, field and reason first, then the row as it was uploaded, numbers masked. */
export async function buildErrorReport(errors: RowError[]): Promise<Buffer> {
  const wb = newWorkbook();
  const ws = wb.addWorksheet('错误报告');
  ws.columns = [
    { header: '行号', key: 'row', width: 8 },
    { header: '字段', key: 'field', width: 14 },
    { header: '原因', key: 'reason', width: 40 },
    ...IMPORT_COLUMNS.map(([label, field]) => ({ header: label, key: field, width: 16, style: { numFmt: '@' } })),
  ];
  ws.getRow(1).font = { bold: true };
  for (const e of errors) ws.addRow({ row: e.row, field: e.field, reason: maskPersonalNumbers(e.reason), ...maskedRowValues(e.values) });
  return toBuffer(wb, 'xlsx');
}

/** An export sheet with the given headers and rows. */
export async function buildSheet(name: string, headers: { header: string; key: string; width?: number }[], rows: Record<string, unknown>[]): Promise<Buffer> {
  const wb = newWorkbook();
  const ws = wb.addWorksheet(name);
  ws.columns = headers.map((h) => ({ ...h, width: h.width ?? 14, style: { numFmt: '@' } }));
  ws.getRow(1).font = { bold: true };
  for (const r of rows) ws.addRow(r);
  return toBuffer(wb, 'xlsx');
}
