import type ExcelJS from 'exceljs';
import { Type, type Static } from 'typebox';
import { dbContext, type Actor } from '../../platform/actor.js';
import { appendAudit } from '../../platform/audit/service.js';
import { withContext } from '../../platform/db/context.js';
import type { Deps } from '../../platform/deps.js';
import { AppError, invalidField } from '../../platform/errors.js';
import { newWorkbook } from '../../platform/spreadsheet.js';
import { departmentsNamed, itemsCoded, regionsNamed, type RegionHit } from './list-import-store.js';
import { addDutyItemInTx, listRefusal } from './list-service.js';
import { authorize, inScope } from './policy.js';
import { DUTY_LIST_NAMES, DUTY_LISTS, type CreateDutyItemBody } from './schema.js';

// 权责清单导入 (issue #17): the workbook "下载 Excel" gives — one sheet per list, named by the
// list, with the export's columns — comes back edited. Every row is checked before anything is
// written; then all new rows are added in one transaction, as the hand form adds one (county
// staff: in force; township and village staff: proposals for the county). A row that is already
// on record unchanged (the rest of an exported file) is left alone, so export → edit → import
// round-trips.

export { XLSX_TYPE } from '../../platform/spreadsheet.js';
/** At most this many data rows per file; a county's whole template is a few hundred. */
export const IMPORT_MAX_ROWS = 2000;
/**
 * At most this many new items per file: each is added and audited on its own inside the one
 * transaction (about 7 ms a row on PostgreSQL), and a write must stay short.
 */
export const IMPORT_MAX_NEW = 300;
/** A workbook of IMPORT_MAX_ROWS rows is well under 1 MB; the limit leaves room for formatting. */
export const IMPORT_BODY_LIMIT = 5 * 1024 * 1024;

export const DutyImportResultSchema = Type.Object({
  /** Items now in force (county staff). */
  added: Type.Integer(),
  /** Proposals waiting for the county (township and village staff). */
  proposed: Type.Integer(),
  /** Rows already on record as they are (the rest of an exported file), left alone. */
  unchanged: Type.Integer(),
});
export type DutyImportResult = Static<typeof DutyImportResultSchema>;

type DutyList = (typeof DUTY_LISTS)[number];
type Column = 'code' | 'name' | 'basis' | 'department' | 'procedure' | 'region' | 'status' | 'effectiveFrom' | 'effectiveTo';

/** The export's columns, in its order (list-service.ts exportDutyItems); 编号, 事项名称 and 制定单位 are required. */
const COLUMNS: readonly (readonly [string, Column])[] = [
  ['编号', 'code'],
  ['事项名称', 'name'],
  ['依据', 'basis'],
  ['牵头或提请部门', 'department'],
  ['办理流程', 'procedure'],
  ['制定单位', 'region'],
  ['状态', 'status'],
  ['生效日期', 'effectiveFrom'],
  ['停止日期', 'effectiveTo'],
];
const REQUIRED: readonly Column[] = ['code', 'name', 'region'];
const LIST_BY_NAME = new Map<string, DutyList>(DUTY_LISTS.map((l) => [DUTY_LIST_NAMES[l], l]));

interface SheetRow {
  sheet: string;
  list: DutyList;
  /** The row number Excel shows (the header is row 1). */
  row: number;
  values: Record<Column, string>;
  /** Column letter of each field present in the sheet. */
  letters: Partial<Record<Column, string>>;
}

/** One problem in the file, placed by sheet, row and column. */
export interface ImportProblem {
  field: string;
  sheet: string;
  row: number | null;
  column: string | null;
  reason: string;
  message: string;
}

function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  // Excel keeps a date as a serial day; ExcelJS reads it as midnight UTC of that day.
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('richText' in v)
      return v.richText
        .map((t) => t.text)
        .join('')
        .trim();
    if ('text' in v) return String(v.text).trim();
    if ('result' in v) return cellText(v.result as ExcelJS.CellValue);
    return '';
  }
  return String(v).trim();
}

function columnLetter(n: number): string {
  let s = '';
  for (let i = n; i > 0; i = Math.floor((i - 1) / 26)) s = String.fromCharCode(65 + ((i - 1) % 26)) + s;
  return s;
}

/** A problem with a cell, a whole row (`list`: the row's list may not be kept there) or a whole sheet. */
function problem(r: Pick<SheetRow, 'sheet' | 'row' | 'letters'> | { sheet: string }, col: Column | 'list' | null, reason: string): ImportProblem {
  const row = 'row' in r ? r.row : null;
  const cell = col === 'list' ? null : col;
  const letter = cell && 'letters' in r ? (r.letters[cell] ?? null) : null;
  const header = cell ? COLUMNS.find(([, c]) => c === cell)![0] : null;
  const where = [`“${r.sheet}”`, row ? `第 ${row} 行` : '', letter ? ` ${letter} 列` : '', header ? `（${header}）` : ''].join('');
  return {
    field: row ? `rows.${row}.${col ?? 'row'}` : `sheets.${r.sheet}`,
    sheet: r.sheet,
    row,
    column: letter,
    reason,
    message: `${where}：${reason}`,
  };
}

/** The 400 for a file with bad rows: every problem in `details.fields`, nothing written. */
function rejectFile(problems: ImportProblem[], scopeRefusal: boolean): AppError {
  const first = problems[0]!;
  const shown = problems.slice(0, 200);
  const reason = `共 ${problems.length} 处错误，文件未导入。${first.message}`;
  const err = new AppError('VALIDATION_FAILED', `rows: ${reason}`, { field: 'rows', reason, fields: shown, total: problems.length });
  err.scopeRefusal = scopeRefusal;
  return err;
}

/** Reads the workbook into rows by list. Refuses a file it cannot read, a wrong layout, or too many rows. */
export async function readDutyWorkbook(file: Buffer): Promise<{ rows: SheetRow[]; problems: ImportProblem[] }> {
  const wb = newWorkbook();
  try {
    await wb.xlsx.load(file as unknown as ArrayBuffer);
  } catch {
    throw invalidField('file', '无法读取文件，请上传由“下载 Excel”导出的 .xlsx 文件');
  }
  const rows: SheetRow[] = [];
  const problems: ImportProblem[] = [];
  for (const ws of wb.worksheets) {
    const data: ExcelJS.Row[] = [];
    ws.eachRow((r, n) => {
      if (n > 1 && (r.values as ExcelJS.CellValue[]).some((v) => cellText(v) !== '')) data.push(r);
    });
    if (data.length === 0) continue; // an empty sheet (the export's 空, a note) is not an error
    const sheet = ws.name.trim();
    const list = LIST_BY_NAME.get(sheet);
    if (!list) {
      problems.push(problem({ sheet }, null, `工作表名称应为清单名称之一：${[...LIST_BY_NAME.keys()].join('、')}`));
      continue;
    }
    const header = (ws.getRow(1).values as ExcelJS.CellValue[]).map((v) => cellText(v).replace(/\s/g, ''));
    const at = new Map<Column, number>();
    for (const [label, col] of COLUMNS) {
      const i = header.indexOf(label);
      if (i > 0) at.set(col, i);
    }
    const missing = COLUMNS.filter(([, c]) => REQUIRED.includes(c) && !at.has(c)).map(([l]) => l);
    if (missing.length) {
      problems.push(problem({ sheet }, null, `第 1 行缺少列：${missing.join('、')}（请使用“下载 Excel”导出的文件）`));
      continue;
    }
    const letters = Object.fromEntries([...at].map(([c, i]) => [c, columnLetter(i)])) as Partial<Record<Column, string>>;
    for (const r of data) {
      const values = Object.fromEntries(COLUMNS.map(([, c]) => [c, at.has(c) ? cellText(r.getCell(at.get(c)!).value) : ''])) as Record<Column, string>;
      rows.push({ sheet, list, row: r.number, values, letters });
    }
  }
  if (rows.length > IMPORT_MAX_ROWS) throw invalidField('file', `一次最多导入 ${IMPORT_MAX_ROWS} 行，文件中有 ${rows.length} 行，请分批导入`);
  if (rows.length === 0 && problems.length === 0) throw invalidField('file', '文件中没有事项行');
  return { rows, problems };
}

const STATUS_WORDS: Record<string, string> = { active: '在用', retired: '已停用', proposed: '待审批', rejected: '未通过' };
const splitSteps = (s: string) =>
  s
    .split(/\s*(?:→|->|\n)\s*/)
    .map((x) => x.trim())
    .filter(Boolean);
const isDate = (s: string) =>
  /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s);

/**
 * Imports duty-list items from an exported and edited workbook. Every row is checked first (list,
 * region in scope and at a level that may hold the list, code and name, department, duplicates in
 * the file or on record); any problem → 400 naming each row and column, nothing written.
 * Otherwise the new rows are added in one transaction and the import is audited.
 */
export async function importDutyItems(deps: Deps, actor: Actor, file: Buffer): Promise<DutyImportResult> {
  const county = actor.role === 'county_staff' || actor.role === 'system';
  authorize(actor, county ? 'duties.manage' : 'duties.propose');
  if (!Buffer.isBuffer(file) || file.length === 0) throw invalidField('file', '请上传 .xlsx 文件');
  const { rows, problems } = await readDutyWorkbook(file);

  return withContext(deps.db, dbContext(actor), async (tx) => {
    const regionKeys = [...new Set(rows.map((r) => r.values.region).filter(Boolean))];
    const regions = await regionsNamed(tx, actor, regionKeys);
    const deptKeys = [...new Set(rows.map((r) => r.values.department).filter(Boolean))];
    const departments = await departmentsNamed(tx, deptKeys);
    const existing = await itemsCoded(tx, [...new Set(regions.map((r) => r.code))], [...new Set(rows.map((r) => r.values.code))]);
    const onRecord = new Map(existing.map((e) => [`${e.region_code}|${e.list}|${e.code}`, e]));
    const seen = new Map<string, number>();
    const toAdd: { r: SheetRow; region: RegionHit; body: CreateDutyItemBody }[] = [];
    let unchanged = 0;
    let notFound = false;

    for (const r of rows) {
      const v = r.values;
      const before = problems.length;
      const bad = (col: Column, reason: string) => problems.push(problem(r, col, reason));
      if (!v.code) bad('code', '必填');
      else if (v.code.length > 20) bad('code', '不能超过 20 个字');
      if (!v.name) bad('name', '必填');
      else if (v.name.length > 200) bad('name', '不能超过 200 个字');
      if (v.basis.length > 500) bad('basis', '不能超过 500 个字');
      const steps = splitSteps(v.procedure);
      if (steps.length > 20 || steps.some((s) => s.length > 200)) bad('procedure', '最多 20 个步骤，每步不超过 200 个字（步骤之间用“→”隔开）');
      if (v.effectiveFrom && !isDate(v.effectiveFrom)) bad('effectiveFrom', '日期格式应为 2026-01-31');

      let region: RegionHit | undefined;
      if (!v.region) bad('region', '必填');
      else {
        const hits = regions.filter((g) => g.code === v.region || g.name === v.region);
        if (hits.length > 1) bad('region', '有多个同名区划，请改填区划代码');
        else if (!hits[0]) {
          notFound = true;
          bad('region', '区划不存在或不在您的管理范围内');
        } else region = hits[0];
      }

      let department: { id: string; name: string } | undefined;
      if (v.department) {
        const hits = departments.filter((d) => d.name === v.department || d.code === v.department);
        if (hits.length > 1) bad('department', '有多个同名部门，请改填部门代码');
        else if (!hits[0]) bad('department', '部门不存在');
        else department = hits[0];
      }

      if (!region || !v.code) continue;
      const key = `${region.code}|${r.list}|${v.code}`;
      const twin = seen.get(key);
      if (twin) {
        bad('code', `与第 ${twin} 行编号重复（同一清单、同一制定单位）`);
        continue;
      }
      seen.set(key, r.row);

      const old = onRecord.get(key);
      if (old) {
        // The rest of an exported file: on record as it is, left alone. A changed row is refused,
        // not applied: an item in force is retired and replaced, never edited in place.
        const same =
          old.name === v.name &&
          (old.basis ?? '') === v.basis &&
          (old.department_name ?? '') === (department?.name ?? v.department) &&
          old.procedure.join('→') === steps.join('→') &&
          (old.status === 'proposed' || !v.status || STATUS_WORDS[old.status] === v.status);
        if (old.status === 'rejected') bad('code', `编号 ${v.code} 已被一项未通过的调整使用，请换一个编号`);
        else if (!same) {
          const how = county ? '修改现有事项请先停止执行，再以新编号新增' : '如需调整，请以新编号提出';
          bad('code', `编号 ${v.code} 已有事项“${old.name}”（${STATUS_WORDS[old.status]}），内容与本行不同；${how}`);
        } else if (problems.length === before) unchanged += 1;
        continue;
      }

      if (!inScope(actor, region.path)) {
        bad('region', '只能为本级或下级区划新增事项');
        continue;
      }
      if (!['county', 'township', 'village'].includes(region.level)) {
        bad('region', '清单属于县、乡镇（街道）或村（社区）');
        continue;
      }
      const refusal = listRefusal(region.level, r.list, county);
      if (refusal) {
        problems.push(problem(r, 'list', `${refusal}（制定单位“${region.name}”）`));
        continue;
      }
      if (v.status && v.status !== '在用') bad('status', '新增事项的状态应为“在用”或留空；停止执行请在系统中操作');
      if (v.effectiveTo) bad('effectiveTo', '新增事项不能填写停止日期；停止执行请在系统中操作');
      if (problems.length > before) continue;
      toAdd.push({
        r,
        region,
        body: {
          list: r.list,
          regionCode: region.code,
          code: v.code,
          name: v.name,
          basis: v.basis || undefined,
          departmentId: department?.id,
          procedure: steps,
          effectiveFrom: v.effectiveFrom || undefined,
        },
      });
    }

    if (problems.length) throw rejectFile(problems, notFound);
    if (toAdd.length > IMPORT_MAX_NEW) throw invalidField('file', `一次最多新增 ${IMPORT_MAX_NEW} 条事项，本文件有 ${toAdd.length} 条新事项，请分批导入`);

    for (const { r, region, body } of toAdd) {
      await addDutyItemInTx(tx, deps, actor, region, body).catch((err: unknown) => {
        // Added by someone else since the check: the whole file is refused, naming the row.
        if (err instanceof AppError && err.code === 'ALREADY_EXISTS') throw rejectFile([problem(r, 'code', err.details.reason as string)], false);
        throw err;
      });
    }
    const result = { added: county ? toAdd.length : 0, proposed: county ? 0 : toAdd.length, unchanged };
    await appendAudit(tx, deps.clock, actor, {
      action: 'duties.items.import',
      details: { ...result, rows: rows.length, bytes: file.length },
    });
    return result;
  });
}
