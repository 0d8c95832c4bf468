import ExcelJS from 'exceljs';

export interface Sheet {
  name: string;
  columns: string[];
  rows: (string | number | null)[][];
  widths?: number[];
}

/** A workbook with one sheet per entry, bold frozen headers; sheet names cut to Excel's 31 characters. */
export async function buildWorkbook(sheets: readonly Sheet[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
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
