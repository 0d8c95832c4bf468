import { createPdf, pdfBuffer, Writer } from '../../platform/pdf.js';
import { MEETING_KIND_NAMES, type Meeting } from './meeting-schema.js';

// A deliberation meeting's paper: the sign-in sheet (签到表) printed before the meeting — the roster
// with a blank column to sign — and the minutes (会议纪要) after it: attendance counts, the quorum
// with its rule, the minutes text and the numbered resolutions. Drawn from the meeting's records,
// nothing typed twice.

const GREY = '#595959';
const GAP = '\u3000';
const ATTENDANCE_NAMES = { present: '到会', proxy: '委托代理', absent: '缺席' } as const;
const minute = (iso: string) => iso.slice(0, 16).replace('T', ' ');

export interface MeetingPdfOptions {
  /** Uncompressed streams (easier to inspect by eye); src/platform/pdf-text.ts reads either. */
  compress?: boolean;
}

function open(m: Meeting, subject: string, options: MeetingPdfOptions) {
  const doc = createPdf({
    size: 'A4',
    margins: { top: 56, bottom: 56, left: 56, right: 56 },
    bufferPages: true,
    compress: options.compress ?? true,
    info: { Title: `${m.title} ${subject}`, Subject: subject, Creator: '共治 Gongzhi' },
    lang: 'zh-CN',
  });
  const done = pdfBuffer(doc);
  const w = new Writer(doc);
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  w.text(m.title, { align: 'center', width }, 17);
  doc.moveDown(0.2);
  w.text(`${MEETING_KIND_NAMES[m.kind]}${subject}`, { align: 'center', width }, 12);
  doc.moveDown(0.5);
  doc.fillColor(GREY);
  const head = [`地点：${m.place ?? '（未填写）'}`, `时间：${minute(m.startsAt)}`, `范围：${m.regionName}${m.gridCode ? `（网格 ${m.gridCode}）` : ''}`];
  w.text(head.join(GAP), { width }, 10);
  if (m.invitedParties.length) w.text(`受邀各方：${m.invitedParties.join('、')}`, { width }, 10);
  if (m.agenda.length) w.text(`议程：${m.agenda.map((a) => `${a.seq}. ${a.title}`).join('；')}`, { width }, 10);
  doc.fillColor('black');
  doc.moveDown(0.6);
  return { doc, w, left, width, done };
}

function pageNumbers(doc: PDFKit.PDFDocument, w: Writer, left: number, width: number): void {
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
}

/** The sign-in sheet: one row per roster line (number, household or name, a blank to sign, proxy). */
export function signInSheetPdf(m: Meeting, options: MeetingPdfOptions = {}): Promise<Buffer> {
  const { doc, w, left, width, done } = open(m, '签到表', options);
  const cols = [
    { title: '序号', width: 40 },
    { title: '户 / 姓名', width: 150 },
    { title: '本人签名', width: (width - 190) / 2 },
    { title: '代理人签名', width: (width - 190) / 2 },
  ];
  const rowHeight = 26;
  const bottom = () => doc.page.height - doc.page.margins.bottom;
  const row = (cells: string[], bold = false) => {
    if (doc.y + rowHeight > bottom()) doc.addPage();
    const y = doc.y;
    let x = left;
    cols.forEach((c, i) => {
      doc.rect(x, y, c.width, rowHeight).lineWidth(0.5).strokeColor('#7f7f7f').stroke();
      doc.x = x + 5;
      doc.y = y + 8;
      w.text(cells[i] ?? '', { width: c.width - 10, lineBreak: false, ellipsis: true }, bold ? 10.5 : 10);
      x += c.width;
    });
    doc.x = left;
    doc.y = y + rowHeight;
  };
  row(
    cols.map((c) => c.title),
    true,
  );
  m.attendees.forEach((a, i) => row([String(i + 1), a.name, '', '']));
  doc.moveDown(0.8);
  doc.fillColor(GREY);
  w.text(`应到 ${m.attendees.length}${GAP}法定人数：${m.quorum.description}，至少 ${m.quorum.required}`, { width }, 9.5);
  doc.fillColor('black');
  pageNumbers(doc, w, left, width);
  doc.end();
  return done;
}

/** The minutes: counts, quorum, who attended, the minutes text and the resolutions. */
export function minutesPdf(m: Meeting, options: MeetingPdfOptions = {}): Promise<Buffer> {
  const { doc, w, left, width, done } = open(m, '会议纪要', options);
  const count = (k: 'present' | 'proxy' | 'absent') => m.attendees.filter((a) => a.attendance === k).length;
  const q = m.quorum;
  w.text(
    [
      `应到 ${m.attendees.length}`,
      `到会 ${count('present')}`,
      `委托代理 ${count('proxy')}`,
      `缺席 ${m.attendees.length - count('present') - count('proxy')}`,
    ].join(GAP),
    { width },
    11,
  );
  w.text(`法定人数：${q.description}；计入 ${q.counted}，至少须 ${q.required}；${q.met ? '已达到' : '未达到'}`, { width }, 11);
  if (m.heldAt) w.text(`举行时间：${minute(m.heldAt)}`, { width }, 11);
  doc.moveDown(0.5);
  w.text('到会情况', { width }, 12.5);
  doc.fillColor(GREY);
  const byKind = (k: 'present' | 'proxy' | 'absent') =>
    m.attendees.filter((a) => (a.attendance ?? 'absent') === k).map((a) => (k === 'proxy' && a.proxyName ? `${a.name}（代理人 ${a.proxyName}）` : a.name));
  for (const k of ['present', 'proxy', 'absent'] as const) {
    const names = byKind(k);
    if (names.length) w.text(`${ATTENDANCE_NAMES[k]}：${names.join('、')}`, { width, lineGap: 2 }, 10);
  }
  doc.fillColor('black');
  doc.moveDown(0.5);
  w.text('会议纪要', { width }, 12.5);
  w.text(m.minutes ?? '（会议尚未举行）', { width, lineGap: 3 }, 10.5);
  doc.moveDown(0.5);
  w.text('决议', { width }, 12.5);
  if (!m.resolutions.length) w.text('（未形成决议）', { width }, 10.5);
  for (const r of m.resolutions) {
    w.text(`决议 ${r.seq}${r.proposalTitle ? `（议题：${r.proposalTitle}）` : ''}：${r.text}`, { width, lineGap: 3 }, 10.5);
  }
  doc.moveDown(1.5);
  w.text(`记录人：${GAP.repeat(6)}主持人：${GAP.repeat(6)}`, { width }, 10.5);
  pageNumbers(doc, w, left, width);
  doc.end();
  return done;
}
