import { Type, type Static } from 'typebox';

export const ImportJobSchema = Type.Object({
  id: Type.String(),
  filename: Type.String(),
  villageCode: Type.String(),
  status: Type.Union([Type.Literal('queued'), Type.Literal('running'), Type.Literal('done'), Type.Literal('failed')]),
  totalRows: Type.Integer(),
  processedRows: Type.Integer(),
  importedRows: Type.Integer(),
  /** Rows already registered (a re-import of the same file): not errors, not duplicated. */
  skippedRows: Type.Integer(),
  errorRows: Type.Integer(),
  message: Type.Union([Type.String(), Type.Null()]),
  /** Download of the error report (.xlsx: row, field, reason, and the row's values), when there are errors. */
  errorReportUrl: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String(),
});
export type ImportJob = Static<typeof ImportJobSchema>;

export const ImportQuerySchema = Type.Object({
  villageCode: Type.String({ pattern: '^[0-9]{12}$' }),
  filename: Type.String({ minLength: 1, maxLength: 200 }),
});

/** Columns of the import template, in order: header (zh) → field. */
export const IMPORT_COLUMNS = [
  ['户编号', 'householdNo'],
  ['户地址', 'address'],
  ['网格代码', 'gridCode'],
  ['姓名', 'name'],
  ['与户主关系', 'relation'],
  ['身份证号', 'idNumber'],
  ['性别', 'sex'],
  ['出生日期', 'birthDate'],
  ['联系电话', 'phone'],
  ['标签', 'tags'],
] as const;
export type ImportField = (typeof IMPORT_COLUMNS)[number][1];

export const RELATION_LABELS: Record<string, string> = {
  head: '户主',
  spouse: '配偶',
  child: '子女',
  child_in_law: '儿媳/女婿',
  parent: '父母',
  grandchild: '孙子女',
  grandparent: '祖父母',
  sibling: '兄弟姐妹',
  other: '其他',
};
