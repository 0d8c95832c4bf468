import { buildWorkbook, type Sheet } from './spreadsheet.js';
import { toOffsetIso } from './time.js';

// A list page as a workbook: the rows the page shows for its filters on the first sheet, and on a
// second sheet (说明) the filters, the scope, when, how many rows and what the list selects, so a
// figure quoted from the file can be traced back to the system.

/** A list export stops here: one sheet stays openable in Excel and one request stays short. */
export const EXPORT_ROW_CAP = 50_000;

/** Rows read per keyset page while exporting. */
const PAGE_SIZE = 1000;

/**
 * Reads a list page by page (keyset: `page(after)` returns its rows and the key of the next page,
 * or null at the end) until the end or the cap. One more row than the cap is read, to know it was cut.
 */
export async function collectPages<T, K>(
  page: (after: K | null, limit: number) => Promise<{ rows: T[]; next: K | null }>,
  cap = EXPORT_ROW_CAP,
): Promise<{ rows: T[]; capped: boolean }> {
  const rows: T[] = [];
  let after: K | null = null;
  for (;;) {
    const got: { rows: T[]; next: K | null } = await page(after, Math.min(PAGE_SIZE, cap + 1 - rows.length));
    rows.push(...got.rows);
    if (rows.length > cap) return { rows: rows.slice(0, cap), capped: true };
    if (!got.next || !got.rows.length) return { rows, capped: false };
    after = got.next;
  }
}

export interface ListWorkbookParams {
  /** The page's name: 工单列表. */
  title: string;
  columns: string[];
  widths?: number[];
  rows: Sheet['rows'];
  capped: boolean;
  /** Each filter applied, in words: ['状态', '未结案']. */
  filters: [string, string][];
  /** The region (or department) the rows are limited to, in words. */
  scope: string;
  /** What the list query selects and in what order, in words. */
  selects: string;
  /** The request that gives the same rows again: GET /api/v1/...?... */
  query: string;
  now: Date;
  /** Anything else the reader must know (masking, what a column counts). */
  notes?: [string, string][];
}

/** "2026-11-23 09:05:12" in China time. */
export function chinaDateTime(value: Date | string): string {
  const iso = toOffsetIso(value);
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
}

/**
 * Only the list's own filters, in a fixed order: the query string keeps unknown parameters (ajv
 * does not remove them), and they must not reach the 说明 sheet or the audit record.
 */
export function pickFilters<T extends object, K extends keyof T>(q: T, keys: readonly K[]): Pick<T, K> {
  const out = {} as Pick<T, K>;
  for (const k of keys) if (q[k] !== undefined) out[k] = q[k];
  return out;
}

/** The query string of the filters actually given (booleans and numbers as written). */
export function queryString(q: object): string {
  return new URLSearchParams(
    Object.entries(q)
      .filter(([, v]) => v !== undefined && v !== null && v !== '')
      .map(([k, v]) => [k, String(v)]),
  ).toString();
}

/** Sheet 1: the rows; sheet 2 (说明): filters, scope, time, row count and the query in words. */
export function buildListWorkbook(p: ListWorkbookParams): Promise<Buffer> {
  const count = p.capped ? `${p.rows.length}（已达导出上限 ${EXPORT_ROW_CAP} 行，其余未导出；请缩小筛选范围后分批导出）` : String(p.rows.length);
  return buildWorkbook([
    { name: p.title, columns: p.columns, widths: p.widths, rows: p.rows },
    {
      name: '说明',
      columns: ['项目', '内容'],
      widths: [16, 110],
      rows: [
        ['列表', p.title],
        ...(p.filters.length ? p.filters.map(([k, v], i) => [i ? '' : '筛选条件', `${k}：${v}`]) : [['筛选条件', '无（全部）']]),
        ['范围', p.scope],
        ['导出时间', `${chinaDateTime(p.now)}（北京时间）`],
        ['行数', count],
        ['查询口径', p.selects],
        ['查询', p.query],
        ...(p.notes ?? []),
      ],
    },
  ]);
}
