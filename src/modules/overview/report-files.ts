import type { MeasureFigure, MeasureUnit } from '../../platform/measures.js';
import { createPdf, drawTable, numberPages, pdfBuffer, type PdfColumn, Writer } from '../../platform/pdf.js';
import { buildWorkbook, type Sheet } from '../../platform/spreadsheet.js';
import { toOffsetIso } from '../../platform/time.js';
import { AREA_COLUMNS, type MonthlyReport, type ReportLine } from './report-service.js';

// The monthly report as PDF and as .xlsx, both laid out from the same gathered figures
// (report-service.ts): nothing is computed here but the change against last month.

const GREY = '#595959';
const LEVEL_NAMES: Record<string, string> = { county: '县（市、区）', township: '乡镇（街道）' };

/** A figure as the report prints it: a ratio in % with one decimal, a count as it is, none as —. */
export function formatFigure(f: MeasureFigure | undefined, unit: MeasureUnit): string {
  if (!f || f.value === null) return '—';
  return unit === 'ratio' ? `${(Math.round(f.value * 1000) / 10).toFixed(1)}%` : String(f.value);
}

/** A figure as the workbook holds it: ratios in %, counts as they are, none as empty. */
function cellValue(f: MeasureFigure | undefined, unit: MeasureUnit): number | null {
  if (!f || f.value === null) return null;
  return unit === 'ratio' ? Math.round(f.value * 1000) / 10 : f.value;
}

/** This month against last: percentage points for a ratio, the difference for a count; null without both. */
export function change(l: ReportLine): number | null {
  const a = cellValue(l.figure, l.unit);
  const b = cellValue(l.previous, l.unit);
  if (a === null || b === null) return null;
  return Math.round((a - b) * 10) / 10;
}

/** The change in words: "+2.5 个百分点", "-3", "持平", or — without both figures. */
export function formatChange(l: ReportLine): string {
  const d = change(l);
  if (d === null) return '—';
  if (d === 0) return '持平';
  const sign = d > 0 ? '+' : '';
  return l.unit === 'ratio' ? `${sign}${d.toFixed(1)} 个百分点` : `${sign}${d}`;
}

/** 黎平县2026年11月社会治理报告 */
export function reportTitle(r: Pick<MonthlyReport, 'region' | 'month'>): string {
  return `${r.region.name}${r.month.slice(0, 4)}年${Number(r.month.slice(5))}月社会治理报告`;
}

export function reportFileName(r: Pick<MonthlyReport, 'region' | 'month'>, format: 'pdf' | 'xlsx'): string {
  return `月度社会治理报告_${r.region.name}_${r.month}.${format}`;
}

/** The report as PDF: A4 portrait, a table per section, Chinese text embedded (platform/pdf.ts). */
export function reportPdf(r: MonthlyReport, options: { compress?: boolean } = {}): Promise<Buffer> {
  const doc = createPdf({
    size: 'A4',
    margins: { top: 48, bottom: 56, left: 50, right: 50 },
    bufferPages: true,
    compress: options.compress ?? true,
    info: { Title: reportTitle(r), Subject: '月度社会治理报告', Creator: '共治 Gongzhi' },
    lang: 'zh-CN',
  });
  const done = pdfBuffer(doc);
  const w = new Writer(doc);
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;

  w.text(reportTitle(r), { align: 'center', width }, 18);
  doc.moveDown(0.3);
  doc.fillColor(GREY);
  w.text(
    `${LEVEL_NAMES[r.region.level] ?? ''} ${r.region.code}\u3000统计期间：${r.from} 至 ${r.to}\u3000对比：上月 ${r.previousFrom} 至 ${r.previousTo}`,
    { align: 'center', width },
    9.5,
  );
  w.text(
    `生成时间：${toOffsetIso(r.generatedAt).slice(0, 16).replace('T', ' ')}\u3000数字均取自系统指标（指标代码与口径见 Excel 版第二张表）`,
    { align: 'center', width },
    9.5,
  );
  doc.fillColor('black');

  for (const s of r.sections) {
    doc.moveDown(0.8);
    if (doc.y + 60 > doc.page.height - doc.page.margins.bottom) doc.addPage();
    doc.x = left;
    w.text(s.title, { width }, 12.5);
    doc.moveDown(0.3);
    if (!s.lines.length) {
      doc.fillColor(GREY);
      w.text('（本月没有记录）', { width }, 9.5);
      doc.fillColor('black');
      continue;
    }
    if (s.layout === 'areas') {
      const names = AREA_COLUMNS.map((id) => s.lines.find((l) => l.measureId === id)!);
      const first = 150;
      const cols: PdfColumn[] = [
        { title: '区域', width: first },
        ...names.map((l) => ({ title: l.measureName, width: (width - first) / names.length, align: 'right' as const })),
      ];
      const areas = [...new Map(s.lines.map((l) => [l.area.code, l.area.name])).entries()];
      drawTable(
        w,
        cols,
        areas.map(([code, name]) => [
          name,
          ...AREA_COLUMNS.map((id) => s.lines.find((l) => l.area.code === code && l.measureId === id)!).map((l) => formatFigure(l.figure, l.unit)),
        ]),
      );
    } else if (s.lines.some((l) => l.previous)) {
      const cols: PdfColumn[] = [
        { title: '项目', width: width - 270 },
        { title: '本月', width: 80, align: 'right' },
        { title: '上月', width: 80, align: 'right' },
        { title: '变化', width: 110, align: 'right' },
      ];
      drawTable(
        w,
        cols,
        s.lines.map((l) => [l.label, formatFigure(l.figure, l.unit), formatFigure(l.previous, l.unit), formatChange(l)]),
      );
    } else {
      const cols: PdfColumn[] = [
        { title: '区域', width: width - 110 },
        { title: s.lines[0]!.measureName, width: 110, align: 'right' },
      ];
      drawTable(
        w,
        cols,
        s.lines.map((l) => [l.label, formatFigure(l.figure, l.unit)]),
      );
    }
  }
  numberPages(w);
  doc.end();
  return done;
}

/**
 * The report as a workbook: sheet 月度报告 with every figure (one row per figure, rates in %),
 * sheet 口径与来源 with, row for row, the measure id, numerator and denominator and formula of each,
 * then the periods and the query that gives the figures again.
 */
export function reportSheets(r: MonthlyReport): Sheet[] {
  const rows = r.sections.flatMap((s) => s.lines.map((l) => ({ s, l })));
  const unitWord = (u: MeasureUnit) => (u === 'ratio' ? '%' : u === 'count' ? '个' : u === 'sum' ? '合计' : '平均值');
  return [
    {
      name: '月度报告',
      columns: ['部分', '项目', '区划代码', '区划', '本月', '上月', '变化', '单位'],
      widths: [26, 30, 16, 22, 12, 12, 12, 8],
      rows: rows.map(({ s, l }) => [
        s.title,
        s.layout === 'areas' ? l.measureName : l.label,
        l.area.code,
        l.area.name,
        cellValue(l.figure, l.unit),
        l.previous ? cellValue(l.previous, l.unit) : null,
        l.previous ? change(l) : null,
        unitWord(l.unit),
      ]),
    },
    {
      name: '口径与来源',
      columns: ['部分', '项目', '区划代码', '指标代码', '本月分子', '本月分母', '上月分子', '上月分母', '口径（计算公式）'],
      widths: [26, 30, 16, 36, 10, 10, 10, 10, 90],
      rows: [
        ...rows.map(({ s, l }) => [
          s.title,
          s.layout === 'areas' ? l.measureName : l.label,
          l.area.code,
          l.measureId,
          l.figure.numerator,
          l.figure.denominator,
          l.previous?.numerator ?? null,
          l.previous?.denominator ?? null,
          l.formula,
        ]),
        [],
        ['报告', reportTitle(r)],
        ['统计期间', `${r.from} 至 ${r.to}（含首尾两日，北京时间）`],
        ['对比期间', `${r.previousFrom} 至 ${r.previousTo}`],
        ['生成时间', r.generatedAt],
        ['查询', `GET /api/v1/measures/values?regionCode=${r.region.code}&from=${r.from}&to=${r.to}&ids=<指标代码>（按乡镇、村的数字加 &breakdown=children）`],
      ],
    },
  ];
}

export function reportWorkbook(r: MonthlyReport): Promise<Buffer> {
  return buildWorkbook(reportSheets(r));
}
