import type { LightMyRequestResponse } from 'fastify';
import ExcelJS from 'exceljs';
import { expect } from 'vitest';

// Reading the .xlsx files the exports send, for the tests that check them.

/** The workbook an export answered with (200, a spreadsheet, named .xlsx). */
export async function readWorkbook(res: LightMyRequestResponse): Promise<ExcelJS.Workbook> {
  expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
  expect(res.headers['content-type']).toContain('spreadsheetml');
  expect(String(res.headers['content-disposition'])).toContain('.xlsx');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  return wb;
}

/** A row's cell values (ExcelJS counts from 1). */
export const cells = (ws: ExcelJS.Worksheet, row: number) => (ws.getRow(row).values as unknown[]).slice(1);

/** Every value under a header in the first row. */
export function column(ws: ExcelJS.Worksheet, header: string): unknown[] {
  const i = cells(ws, 1).indexOf(header);
  expect(i, header).toBeGreaterThanOrEqual(0);
  return Array.from({ length: ws.rowCount - 1 }, (_, r) => cells(ws, r + 2)[i] ?? '');
}

/** A 说明 sheet as item → text (a label left blank continues the one above). */
export function notes(ws: ExcelJS.Worksheet): Record<string, string> {
  const out: Record<string, string> = {};
  let last = '';
  for (let r = 2; r <= ws.rowCount; r++) {
    const [k, v] = cells(ws, r) as [string | undefined, string | undefined];
    last = k || last;
    out[last] = out[last] ? `${out[last]}\n${v ?? ''}` : String(v ?? '');
  }
  return out;
}
