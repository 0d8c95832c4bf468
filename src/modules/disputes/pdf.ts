import type { Actor } from '../../platform/actor.js';
import type { Deps } from '../../platform/deps.js';
import { createPdf, Writer } from '../../platform/pdf.js';
import { chinaDate } from '../../platform/time.js';
import { agreementDocument } from './query-service.js';
import { SEX_NAMES, type AgreementDocument } from './schema.js';

// The written mediation agreement (人民调解协议书) as a PDF, drawn on the fly from the agreement
// document. The font is embedded from @fontsource/noto-sans-sc (no system fonts), and the text is
// real text with a ToUnicode map, so it can be searched, copied and extracted.

const day = (iso: string | null) => {
  if (!iso) return '';
  const [y, m, d] = (iso.length === 10 ? iso : chinaDate(iso)).split('-');
  return `${y}年${Number(m)}月${Number(d)}日`;
};

const RED = '#c8102e';
/** The ideographic space (U+3000) that separates fields on a line of Chinese text. */
const GAP = '\u3000';

/** The committee's seal: a red ring, a star, and the committee's name along the upper arc. */
function drawStamp(doc: PDFKit.PDFDocument, w: Writer, cx: number, cy: number, name: string): void {
  const r = 44;
  const { x, y } = doc;
  doc.save();
  doc.lineWidth(2.5).strokeColor(RED).circle(cx, cy, r).stroke();
  const star = [...Array(10)].map((_, i) => {
    const a = -Math.PI / 2 + (i * Math.PI) / 5;
    const rr = i % 2 ? 5.5 : 14;
    return [cx + rr * Math.cos(a), cy + 2 + rr * Math.sin(a)] as [number, number];
  });
  doc.polygon(...star).fill(RED);
  doc.fillColor(RED);
  const chars = [...name];
  const size = chars.length > 12 ? 7 : 9;
  const sweep = Math.min(250, chars.length * 22);
  chars.forEach((ch, i) => {
    const angle = -sweep / 2 + (sweep * (i + 0.5)) / chars.length;
    doc.save();
    doc.rotate(angle, { origin: [cx, cy] });
    doc.x = cx - size / 2;
    doc.y = cy - r + 4;
    w.text(ch, { lineBreak: false }, size);
    doc.restore();
  });
  doc.restore();
  doc.fillColor('black');
  doc.x = x;
  doc.y = y;
}

/** The 演示数据 mark across a page of a synthetic case. */
function watermark(doc: PDFKit.PDFDocument, w: Writer): void {
  const { x, y } = doc;
  doc.save();
  doc.rotate(-30, { origin: [doc.page.width / 2, doc.page.height / 2] });
  doc.fillColor('#d9d9d9').fillOpacity(0.5);
  doc.x = 0;
  doc.y = doc.page.height / 2 - 40;
  w.text('演示数据', { width: doc.page.width, align: 'center', lineBreak: false }, 80);
  doc.restore();
  doc.fillColor('black').fillOpacity(1);
  doc.x = x;
  doc.y = y;
}

export interface PdfOptions {
  /** Uncompressed streams (easier to inspect by eye); the extractor in pdf-text.ts reads either. */
  compress?: boolean;
}

/** Draws the agreement document as a PDF: art. 29's contents, the standard clauses, signatures and the seal. */
export function renderAgreementPdf(a: AgreementDocument, options: PdfOptions = {}): Promise<Buffer> {
  const doc = createPdf({
    size: 'A4',
    margins: { top: 64, bottom: 64, left: 72, right: 72 },
    compress: options.compress ?? true,
    info: { Title: `人民调解协议书 ${a.caseNumber}`, Subject: a.disputeTypeName, Creator: '共治 Gongzhi' },
    lang: 'zh-CN',
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const w = new Writer(doc);
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  if (a.synthetic) {
    watermark(doc, w);
    doc.on('pageAdded', () => watermark(doc, w));
  }

  if (a.synthetic) {
    doc.fillColor('#8c8c8c');
    w.text('演示数据（合成案例，非真实纠纷）', { align: 'right' }, 9);
    doc.fillColor('black');
  }
  w.text('人民调解协议书', { align: 'center', characterSpacing: 4 }, 22);
  doc.moveDown(0.5);
  w.text(`编号：${a.caseNumber}`, { align: 'right' }, 10);
  w.text(`纠纷类型：${a.disputeTypeName}`, { align: 'right' }, 10);
  doc.moveDown(0.8);

  const heading = (s: string) => {
    doc.moveDown(0.5);
    w.text(s, {}, 13);
    doc.moveDown(0.2);
  };
  const para = (s: string | null) => {
    for (const line of (s?.trim() || '（无）').split(/\r?\n/)) w.text(line, { indent: 22, lineGap: 3, align: 'justify' });
  };

  // 当事人的基本情况 (art. 29): name, sex, ethnicity, age, occupation or work unit, address, and how to
  // reach them (numbers masked as everywhere).
  heading('当事人的基本情况');
  const blank = '（未填写）';
  for (const p of a.parties) {
    w.text(
      [
        `${p.roleName}：${p.name}`,
        `性别：${p.sex ? SEX_NAMES[p.sex] : blank}`,
        `民族：${p.ethnicity ?? blank}`,
        `年龄：${p.age === null ? blank : `${p.age}岁`}`,
      ].join(GAP),
      { indent: 22, lineGap: 3 },
    );
    w.text([`职业或工作单位：${p.occupation ?? blank}`, `住址：${p.address ?? blank}`].join(GAP), { indent: 44, lineGap: 3 });
    const contact = [p.idNumber && `身份证号：${p.idNumber}`, p.phone && `联系电话：${p.phone}`].filter(Boolean);
    if (contact.length) w.text(contact.join(GAP), { indent: 44, lineGap: 3 });
  }
  if (a.parties.some((p) => p.registered)) {
    doc.fillColor('#595959');
    w.text('注：登记在居民信息库中的当事人，其性别、年龄、住址取自居民登记信息。', { indent: 22, lineGap: 3 }, 9);
    doc.fillColor('black');
  }
  w.text(`调解组织：${a.committeeName ?? blank}${GAP}${GAP}人民调解员：${a.mediatorName ?? '（未指派）'}`, { indent: 22, lineGap: 3 });

  heading('纠纷主要事实');
  para(a.facts);
  heading('争议事项');
  para(a.matters);
  heading('各方当事人的责任');
  para(a.responsibilities);
  heading('经调解，自愿达成如下协议');
  para(a.terms);
  heading('履行方式和期限');
  para(`履行方式：${a.performanceMethod?.trim() || '（未填写）'}`);
  para(`履行期限：${a.performanceDeadline ? `${day(a.performanceDeadline)}前履行完毕` : '（未填写）'}`);

  doc.moveDown(0.8);
  const copies = a.parties.length + 1;
  const clauses = [
    '本协议书自各方当事人签名（盖章或按指印）、人民调解员签名并加盖人民调解委员会印章之日起生效。',
    `本协议书一式 ${copies} 份，当事人各执一份，人民调解委员会留存一份。`,
    '经人民调解委员会调解达成调解协议后，双方当事人认为有必要的，可以自调解协议生效之日起三十日内共同向人民法院申请司法确认（《中华人民共和国人民调解法》第三十三条）。',
  ];
  if (a.effectiveAt) clauses.push(`本协议书已于${day(a.effectiveAt)}生效，申请司法确认的最后一日为${day(a.judicialDue)}。`);
  else clauses.push('本协议书尚未生效（待当事人签名并加盖人民调解委员会印章）。');
  for (const c of clauses) w.text(c, { indent: 22, lineGap: 3, align: 'justify' }, 10.5);

  // Signatures and seal (art. 29: the parties sign, seal or press a fingerprint, the mediator signs,
  // the committee stamps): kept together on one page.
  const blockHeight = 30 * (a.parties.length + 3) + 110;
  if (doc.y + blockHeight > doc.page.height - doc.page.margins.bottom) doc.addPage();
  else doc.moveDown(1.2);
  w.text('签名盖章', {}, 13);
  doc.moveDown(0.4);
  const signed = a.partiesSigned ? `已签名${GAP}${day(a.signedAt)}` : '（未签名）';
  for (const p of a.parties) {
    doc.x = left;
    w.text(`${p.roleName}（签名、盖章或按指印）：${p.name}${GAP}${GAP}${signed}`, { lineGap: 12 });
  }
  doc.x = left;
  w.text(`人民调解员（签名）：${a.mediatorName ?? '________'}${GAP}${GAP}${a.stamped ? day(a.stampedAt) : '____年__月__日'}`, { lineGap: 12 });
  doc.moveDown(0.5);
  const stampY = doc.y;
  doc.x = left + width / 2;
  w.text(`${a.committeeName ?? '人民调解委员会'}（盖章）`, { width: width / 2, align: 'center', lineGap: 6 });
  doc.x = left + width / 2;
  w.text(a.stamped ? day(a.stampedAt) : '（未盖章）', { width: width / 2, align: 'center' });
  if (a.stamped) drawStamp(doc, w, left + (width * 3) / 4, stampY + 12, a.committeeName ?? '人民调解委员会');
  doc.x = left;
  doc.moveDown(2);
  doc.fillColor('#8c8c8c');
  w.text(`协议达成日期：${day(a.agreedAt)}`, {}, 9);
  doc.fillColor('black');
  doc.end();
  return done;
}

/** RFC 5987 filename for a download with a Chinese name. */
export function attachmentHeader(filename: string): string {
  return `attachment; filename="${encodeURIComponent(filename)}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

/** The agreement PDF of a case the actor may see (the same rules as its agreement document). */
export async function agreementPdf(deps: Deps, actor: Actor, caseId: string): Promise<{ filename: string; file: Buffer }> {
  const document = await agreementDocument(deps, actor, caseId);
  return { filename: `人民调解协议书-${document.caseNumber}.pdf`, file: await renderAgreementPdf(document) };
}
