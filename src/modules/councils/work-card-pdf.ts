import qrcode from 'qrcode-generator';
import { createPdf, pdfBuffer, Writer } from '../../platform/pdf.js';
import type { Body } from './council-schema.js';

// Work cards (工作证) of a council's or team's current members: one card each, the size of an ID
// card (85.6 × 54 mm), eight to an A4 page for cutting out. A card has the village and body, the
// member's name and role, a box for the photo (pasted on after printing: no photos are kept),
// and a QR code of the village's public roster, so whoever is shown the card can check it.

const MM = 72 / 25.4;
const CARD_W = 85.6 * MM;
const CARD_H = 54 * MM;
const RED = '#c8102e';
const ROLE_NAMES = { leader: '负责人', deputy: '副职', member: '成员' } as const;

/** Draws a QR code of `text` with its top-left corner at (x, y), `size` points wide. */
export function drawQr(doc: PDFKit.PDFDocument, text: string, x: number, y: number, size: number): void {
  const qr = qrcode(0, 'M');
  qr.addData(text, 'Byte');
  qr.make();
  const n = qr.getModuleCount();
  const cell = size / (n + 2);
  doc.save().fillColor('#000000');
  for (let r = 0; r < n; r++) for (let c = 0; c < n; c++) if (qr.isDark(r, c)) doc.rect(x + (c + 1) * cell, y + (r + 1) * cell, cell, cell).fill();
  doc.restore();
}

/** The cards of a body's current members; `rosterUrl` is the village's public roster page. */
export function workCardsPdf(body: Body, rosterUrl: string, options: { compress?: boolean } = {}): Promise<Buffer> {
  const doc = createPdf({
    size: 'A4',
    margins: { top: 36, bottom: 36, left: 36, right: 36 },
    compress: options.compress ?? true,
    info: { Title: `${body.villageName}${body.name} 工作证`, Subject: '工作证', Creator: '共治 Gongzhi' },
    lang: 'zh-CN',
  });
  const done = pdfBuffer(doc);
  const w = new Writer(doc);
  const gapX = 18;
  const gapY = 14;
  const left = (doc.page.width - 2 * CARD_W - gapX) / 2;
  body.members.forEach((m, i) => {
    const slot = i % 8;
    if (i > 0 && slot === 0) doc.addPage();
    const x = left + (slot % 2) * (CARD_W + gapX);
    const y = 40 + Math.floor(slot / 2) * (CARD_H + gapY);
    doc.save().lineWidth(0.8).strokeColor(RED).rect(x, y, CARD_W, CARD_H).stroke().restore();
    doc.save().fillColor(RED).rect(x, y, CARD_W, 24).fill().restore();
    doc.fillColor('#ffffff');
    doc.x = x + 6;
    doc.y = y + 7;
    w.text(`${body.villageName}${body.name} 工作证`, { width: CARD_W - 12, align: 'center', lineBreak: false }, 10);
    doc.fillColor('#000000');
    // Photo placeholder (照片): 25 × 32 mm.
    const photoW = 22 * MM;
    const photoH = 28 * MM;
    doc
      .save()
      .lineWidth(0.5)
      .dash(2, { space: 2 })
      .strokeColor('#888888')
      .rect(x + 8, y + 30, photoW, photoH)
      .stroke()
      .restore();
    doc.x = x + 8;
    doc.y = y + 30 + photoH / 2 - 6;
    doc.fillColor('#888888');
    w.text('照片', { width: photoW, align: 'center' }, 9);
    doc.fillColor('#000000');
    const tx = x + 14 + photoW;
    doc.x = tx;
    doc.y = y + 32;
    w.text(m.name, { width: CARD_W - photoW - 80 }, 14);
    doc.x = tx;
    w.text(m.committeePost ? `${ROLE_NAMES[m.role]}（${m.committeePost}）` : ROLE_NAMES[m.role], { width: CARD_W - photoW - 80 }, 8);
    doc.x = tx;
    w.text(`${m.joinedOn} 起`, { width: CARD_W - photoW - 80 }, 7);
    const qrSize = 56;
    drawQr(doc, rosterUrl, x + CARD_W - qrSize - 6, y + 30, qrSize);
    doc.x = x + CARD_W - qrSize - 10;
    doc.y = y + 30 + qrSize;
    doc.fillColor('#595959');
    w.text('扫码核验', { width: qrSize + 8, align: 'center' }, 7);
    doc.fillColor('#000000');
  });
  if (body.members.length === 0) w.text(`${body.villageName}${body.name}：暂无成员`, {}, 12);
  doc.end();
  return done;
}
