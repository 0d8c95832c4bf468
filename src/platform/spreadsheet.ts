import { createRequire } from 'node:module';
import type ExcelJS from 'exceljs';
import type { FastifyReply } from 'fastify';

// Workbooks the platform hands out: reports, ledgers, lists and statistics, each with its
// formulas on a sheet of their own where it has figures.

const require = createRequire(import.meta.url);

/** A new workbook. exceljs takes ~0.3 s to load, so it is required on the first workbook a process makes rather than at start. */
export function newWorkbook(): ExcelJS.Workbook {
  const excel = require('exceljs') as typeof ExcelJS;
  return new excel.Workbook();
}

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export interface Sheet {
  name: string;
  columns: string[];
  rows: (string | number | null)[][];
  widths?: number[];
}

/** A workbook with one sheet per entry, bold frozen headers; sheet names cut to Excel's 31 characters. */
export async function buildWorkbook(sheets: readonly Sheet[]): Promise<Buffer> {
  const wb = newWorkbook();
  const used = new Set<string>();
  for (const s of sheets.length ? sheets : [{ name: '空', columns: ['（无数据）'], rows: [] }]) {
    let name = s.name.replace(/[\\/?*[\]:]/g, ' ').slice(0, 31);
    while (used.has(name)) name = `${name.slice(0, 28)}_${used.size}`;
    used.add(name);
    const ws = wb.addWorksheet(name);
    ws.columns = s.columns.map((header, i) => ({ header, width: s.widths?.[i] ?? Math.max(10, Math.min(50, header.length * 3)) }));
    ws.getRow(1).font = { bold: true };
    ws.views = [{ state: 'frozen', ySplit: 1 }];
    for (const r of s.rows) ws.addRow(r);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Sends a workbook as a download named `name` (UTF-8 file names, as browsers read them). */
export function sendXlsx(reply: FastifyReply, name: string, file: Buffer): FastifyReply {
  return reply
    .type(XLSX_TYPE)
    .header('content-disposition', `attachment; filename="${encodeURIComponent(name)}"; filename*=UTF-8''${encodeURIComponent(name)}`)
    .send(file);
}
