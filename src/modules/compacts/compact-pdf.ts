import { createPdf, pdfBuffer, Writer } from '../../platform/pdf.js';
import type { Article } from './compact-schema.js';
import { COMPACT_KIND_NAMES, type CompactKind } from './kinds.js';

// The compact's paper: the invitation letters of step 2 (邀请函, one page per invited person) and
// the poster of step 9 (张榜: the articles grouped by topic, the version, the vote and the date).
// Drawn from the records; nothing typed twice.

const GREY = '#595959';
const RED = '#b3261e';
/** The ideographic space: a paragraph's indent and a gap between fields. */
const GAP = '\u3000';

export interface PdfOptions {
  /** Uncompressed streams (easier to inspect by eye); src/platform/pdf-text.ts reads either. */
  compress?: boolean;
}

function document(title: string, subject: string, options: PdfOptions) {
  const doc = createPdf({
    size: 'A4',
    margins: { top: 64, bottom: 56, left: 64, right: 64 },
    compress: options.compress ?? true,
    info: { Title: title, Subject: subject, Creator: '共治 Gongzhi' },
    lang: 'zh-CN',
  });
  const done = pdfBuffer(doc);
  const w = new Writer(doc);
  const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  return { doc, w, width, done };
}

const chineseDate = (day: string) => {
  const [y, m, d] = day.split('-').map(Number);
  return `${y}年${m}月${d}日`;
};

export interface InvitationLetters {
  villageName: string;
  compactTitle: string;
  kind: CompactKind;
  /** The day the letters are printed. */
  day: string;
  invitees: { name: string; capacity: string }[];
}

/** One letter per invited person: who, in what capacity, to take part in drawing up the compact. */
export function invitationLettersPdf(l: InvitationLetters, options: PdfOptions = {}): Promise<Buffer> {
  const { doc, w, width, done } = document(`${l.compactTitle} 邀请函`, '邀请函', options);
  l.invitees.forEach((p, i) => {
    if (i > 0) doc.addPage();
    doc.fillColor(RED);
    w.text('邀 请 函', { align: 'center', width }, 24);
    doc.fillColor('black');
    doc.moveDown(1.2);
    w.text(`尊敬的${p.name}（${p.capacity}）：`, { width }, 13);
    doc.moveDown(0.6);
    w.text(
      `${GAP}${GAP}为推进自治、法治、德治相结合，${l.villageName}“两委”经商议，决定制定（修订）《${l.compactTitle}》。` +
        `您熟悉村情民意、热心公益，特邀请您参与${COMPACT_KIND_NAMES[l.kind]}的起草、征求意见和修改完善工作，` +
        `并推荐您担任执行委员会成员人选（须经司法所、综治中心、派出所联合审核）。`,
      { width, lineGap: 6 },
      12,
    );
    doc.moveDown(0.6);
    w.text(`${GAP}${GAP}请您广泛听取房族、邻里和外出务工村民的意见，如实反映，共同把这份公约立起来、行下去。`, { width, lineGap: 6 }, 12);
    doc.moveDown(0.6);
    w.text(`${GAP}${GAP}此致`, { width }, 12);
    w.text('敬礼！', { width }, 12);
    doc.moveDown(2);
    w.text(`${l.villageName}村民委员会（盖章）`, { width, align: 'right' }, 12);
    w.text(chineseDate(l.day), { width, align: 'right' }, 12);
  });
  if (!l.invitees.length) w.text('（尚未选定受邀人员）', { width }, 12);
  doc.end();
  return done;
}

export interface Poster {
  villageName: string;
  title: string;
  kind: CompactKind;
  versionSeq: number;
  articles: Article[];
  /** The vote that adopted it, in words (e.g. 2026年11月20日村民会议表决通过，参与率 78.5%). */
  adoptedBy: string;
  publishedOn: string;
}

/** The notice-board poster (张榜公布): title, articles by topic, how it was adopted, version and date. */
export function posterPdf(p: Poster, options: PdfOptions = {}): Promise<Buffer> {
  const { doc, w, width, done } = document(p.title, `${COMPACT_KIND_NAMES[p.kind]}（张榜）`, options);
  doc.fillColor(RED);
  w.text(p.title, { align: 'center', width }, 22);
  doc.fillColor('black');
  doc.moveDown(0.3);
  doc.fillColor(GREY);
  w.text(`（第 ${p.versionSeq} 版${GAP}${p.adoptedBy}）`, { align: 'center', width }, 10.5);
  doc.fillColor('black');
  doc.moveDown(0.8);
  let topic = '';
  for (const a of p.articles) {
    if (a.topic !== topic) {
      topic = a.topic;
      doc.moveDown(0.4);
      w.text(topic, { align: 'center', width }, 14);
      doc.moveDown(0.2);
    }
    w.text(`第${a.number}条${GAP}${a.text}`, { width, lineGap: 4 }, 11.5);
    doc.moveDown(0.2);
  }
  doc.moveDown(1.5);
  w.text(`${p.villageName}村民委员会`, { width, align: 'right' }, 12);
  w.text(`${chineseDate(p.publishedOn)}公布`, { width, align: 'right' }, 12);
  doc.end();
  return done;
}
