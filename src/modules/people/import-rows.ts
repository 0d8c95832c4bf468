import type { Insertable } from 'kysely';
import type { Config } from '../../platform/config.js';
import { AppError } from '../../platform/errors.js';
import { IMPORT_COLUMNS, RELATION_LABELS, type ImportField } from './import-schema.js';
import { buildResident } from './members.js';
import { RELATIONS, type MemberInput, type Relation } from './schema.js';
import type { SheetRow, RowError } from './spreadsheet.js';
import type { ResidentsTable } from './tables.js';

const LABEL: Record<string, string> = Object.fromEntries(IMPORT_COLUMNS.map(([label, field]) => [field, label]));
const RELATION_BY_LABEL = new Map<string, Relation>([
  ...Object.entries(RELATION_LABELS).map(([code, label]) => [label, code as Relation] as const),
  ...RELATIONS.map((r) => [r, r] as const),
  ['儿媳', 'child_in_law'],
  ['女婿', 'child_in_law'],
  ['子', 'child'],
  ['女', 'child'],
  ['孙子', 'grandchild'],
  ['孙女', 'grandchild'],
  ['父亲', 'parent'],
  ['母亲', 'parent'],
]);

export interface ValidRow {
  row: SheetRow;
  groupKey: string;
  householdNo: string | null;
  address: string;
  gridCode: string | null;
  resident: Insertable<ResidentsTable>;
}

/** Rows of a file turned into resident rows, or into errors naming the row and the column. */
export function validateRows(
  config: Config,
  today: Date,
  rows: SheetRow[],
  ctx: { villageCode: string; tagsByName: Map<string, string> },
): { valid: ValidRow[]; errors: RowError[] } {
  const valid: ValidRow[] = [];
  const errors: RowError[] = [];
  for (const row of rows) {
    const v = row.values;
    const fail = (field: ImportField, reason: string) => errors.push({ row: row.row, field: LABEL[field]!, reason, values: v });
    if (!v.name) {
      fail('name', '必填');
      continue;
    }
    if (!v.address) {
      fail('address', '必填');
      continue;
    }
    const relation = RELATION_BY_LABEL.get(v.relation);
    if (!relation) {
      fail('relation', `无法识别“${v.relation}”，应为: ${Object.values(RELATION_LABELS).join('、')}`);
      continue;
    }
    if (v.idNumber.startsWith('#NUMBER:')) {
      fail('idNumber', '身份证号被 Excel 存成了数字，末几位已丢失；请将该列设为文本后重新填写');
      continue;
    }
    if (v.gridCode && !(/^[0-9]{15}$/.test(v.gridCode) && v.gridCode.startsWith(ctx.villageCode))) {
      fail('gridCode', '网格代码应为本村（社区）代码加 3 位序号，共 15 位');
      continue;
    }
    const tags: string[] = [];
    const unknownTag = v.tags
      .split(/[、,，;；\s]+/)
      .filter(Boolean)
      .find((name) => {
        const code = ctx.tagsByName.get(name);
        if (code) tags.push(code);
        return !code;
      });
    if (unknownTag) {
      fail('tags', `未知的标签“${unknownTag}”`);
      continue;
    }
    const sex = v.sex === '男' ? 'male' : v.sex === '女' ? 'female' : undefined;
    if (v.sex && !sex) {
      fail('sex', '应为“男”或“女”');
      continue;
    }
    const member: MemberInput = {
      name: v.name,
      relation,
      ...(v.idNumber ? { idNumber: v.idNumber } : {}),
      ...(v.birthDate ? { birthDate: v.birthDate } : {}),
      ...(sex ? { sex } : {}),
      ...(v.phone ? { phone: v.phone } : {}),
      tags,
    };
    try {
      const resident = buildResident(config, today, member, { field: '', householdId: '', path: '', knownTags: new Set(tags) });
      valid.push({ row, groupKey: v.householdNo || v.address, householdNo: v.householdNo || null, address: v.address, gridCode: v.gridCode || null, resident });
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      const field = String(err.details.field ?? '');
      fail((field in LABEL ? field : 'name') as ImportField, String(err.details.reason ?? err.message));
    }
  }
  return { valid, errors };
}

export { LABEL as IMPORT_LABELS };
