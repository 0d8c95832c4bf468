import { createPdf, pdfBuffer, Writer } from '../../platform/pdf.js';
import { findMeasure } from '../overview/index.js';
import { TASK_STATUS_NAMES, type Task, type TaskList, type TaskReport } from './task-schema.js';

// The task ledger (工作台账) as a PDF, beside the .xlsx: drawn from the same records (the list, its
// tasks with their latest state, every progress report with its attachments' names), nothing
// typed. A4 landscape; a task's block starts on a fresh page when too little room is left, and
// every page is numbered once the whole document is laid out.

/** What a ledger is generated from (read by task-service.ts for both formats). */
export interface Ledger {
  list: TaskList;
  /** Every report of the list, oldest first. */
  reports: TaskReport[];
  /** The China date of the download (the file name carries it). */
  today: string;
  generatedAt: string;
}

const RED = '#c8102e';
const GREY = '#595959';
/** The ideographic space (U+3000) that separates fields on a line of Chinese text. */
const GAP = '\u3000';
const minute = (iso: string) => iso.slice(0, 16).replace('T', ' ');

function figureLine(t: Task): string | null {
  if (t.lastFigure === null) return null;
  const measure = t.measureId ? findMeasure(t.measureId) : undefined;
  return `系统数据${measure ? `（${measure.name}）` : ''}：${t.lastFigure}`;
}

export interface LedgerPdfOptions {
  /** Uncompressed streams (easier to inspect by eye); the extractor in src/platform/pdf-text.ts reads either. */
  compress?: boolean;
}

export function ledgerPdf(ledger: Ledger, options: LedgerPdfOptions = {}): Promise<Buffer> {
  const { list, reports } = ledger;
  const doc = createPdf({
    size: 'A4',
    layout: 'landscape',
    margins: { top: 48, bottom: 56, left: 56, right: 56 },
    bufferPages: true,
    compress: options.compress ?? true,
    info: { Title: `${list.name} 工作台账`, Subject: '工作台账', Creator: '共治 Gongzhi' },
    lang: 'zh-CN',
  });
  const done = pdfBuffer(doc);
  const w = new Writer(doc);
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  const bottom = () => doc.page.height - doc.page.margins.bottom;
  /** Starts a new page unless `height` points are left on this one. */
  const room = (height: number) => {
    if (doc.y + height > bottom()) doc.addPage();
    doc.x = left;
  };

  w.text(list.name, { align: 'center', width }, 18);
  doc.moveDown(0.2);
  w.text('工作台账（由系统中的任务和进展报告生成）', { align: 'center', width }, 11);
  doc.moveDown(0.4);
  doc.fillColor(GREY);
  const c = list.counts;
  w.text(
    [
      `下达单位：${list.issuer}`,
      `生成时间：${minute(ledger.generatedAt)}`,
      `共 ${c.total} 项：已完成 ${c.done}，滞后 ${c.delayed}，超期 ${c.overdue}，未报告 ${c.unreported}`,
    ].join(GAP),
    { width },
    9.5,
  );
  doc.fillColor('black');
  doc.moveDown(0.6);

  const byTask = new Map<string, TaskReport[]>();
  for (const r of reports) byTask.set(r.taskId, [...(byTask.get(r.taskId) ?? []), r]);

  for (const t of list.tasks) {
    room(90);
    doc
      .moveTo(left, doc.y)
      .lineTo(left + width, doc.y)
      .lineWidth(0.5)
      .strokeColor('#bfbfbf')
      .stroke();
    doc.moveDown(0.4);
    w.text(`${t.seq}. ${t.measureNo ? `〔${t.measureNo}〕` : ''}${t.title}`, { width }, 12);
    doc.moveDown(0.15);
    w.text([`牵头单位：${t.leadUnit}`, `配合单位：${t.coUnits.length ? t.coUnits.join('、') : '无'}`].join(GAP), { width, indent: 18, lineGap: 2 }, 10);
    w.text(
      [`完成时限：${t.dueOn}`, `进展：${t.status ? TASK_STATUS_NAMES[t.status] : '未报告'}`].join(GAP),
      { indent: 18, lineGap: 2, continued: t.overdue },
      10,
    );
    if (t.overdue) {
      doc.fillColor(RED);
      w.text(`${GAP}【超期】`, { lineGap: 2 }, 10);
      doc.fillColor('black');
    }
    const latest = [`最新情况：${t.lastProgress ?? '（未报告）'}`];
    if (t.lastReportedAt) latest.push(`报告时间：${minute(t.lastReportedAt)}`);
    const figure = figureLine(t);
    if (figure) latest.push(figure);
    w.text(latest.join(GAP), { width, indent: 18, lineGap: 2 }, 10);

    const mine = byTask.get(t.id) ?? [];
    doc.moveDown(0.2);
    doc.fillColor(GREY);
    w.text(mine.length ? `进展报告（${mine.length} 条）` : '进展报告：无', { width, indent: 18 }, 9.5);
    doc.fillColor('black');
    for (const r of mine) {
      room(28);
      doc.x = left + 36;
      const head = [minute(r.createdAt), r.reporterName, TASK_STATUS_NAMES[r.status]];
      if (r.figure !== null) head.push(`系统数据：${r.figure}`);
      w.text(`${head.join(GAP)}：${r.progress}`, { width: width - 36, lineGap: 1.5 }, 9.5);
      if (r.files.length) {
        doc.fillColor(GREY);
        w.text(`附件：${r.files.map((f) => f.filename).join('、')}`, { width: width - 36, lineGap: 1.5 }, 9);
        doc.fillColor('black');
      }
    }
    doc.x = left;
    doc.moveDown(0.6);
  }
  if (!list.tasks.length) w.text('（本清单没有任务）', { width, align: 'center' });

  // Page numbers, once every page exists: written into the bottom margin (lifted for the purpose,
  // so pdfkit does not start another page).
  const pages = doc.bufferedPageRange();
  for (let i = 0; i < pages.count; i++) {
    doc.switchToPage(pages.start + i);
    const margin = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.x = left;
    doc.y = doc.page.height - 36;
    doc.fillColor(GREY);
    w.text(`第 ${i + 1} 页${GAP}共 ${pages.count} 页`, { width, align: 'center', lineBreak: false }, 9);
    doc.fillColor('black');
    doc.page.margins.bottom = margin;
  }
  doc.end();
  return done;
}
