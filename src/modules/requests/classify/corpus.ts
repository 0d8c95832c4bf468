import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { REQUEST_TYPE_CODES, subcategory } from '../taxonomy/index.js';
import type { RequestType } from '../tables.js';

/** A labelled text: what a resident said, its request type and subcategory. */
export interface LabelledText {
  text: string;
  requestType: RequestType;
  categoryCode: string;
}

export const CORPUS_DIR = new URL('./corpus/', import.meta.url);

/** The hand-written training corpus (corpus/*.jsonl, one file per top-level category). */
export function loadCorpus(dir: URL = CORPUS_DIR): LabelledText[] {
  const files = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.jsonl'))
    .sort();
  const out: LabelledText[] = [];
  for (const file of files) {
    const lines = fs.readFileSync(new URL(file, dir), 'utf8').split('\n');
    lines.forEach((line, i) => {
      if (line.trim() === '') return;
      const row = JSON.parse(line) as LabelledText;
      if (!subcategory(row.categoryCode)) throw new Error(`${file}:${i + 1}: 未知分类 ${row.categoryCode}`);
      if (!REQUEST_TYPE_CODES.includes(row.requestType)) throw new Error(`${file}:${i + 1}: 未知诉求类型 ${row.requestType}`);
      out.push({ text: row.text, requestType: row.requestType, categoryCode: row.categoryCode });
    });
  }
  return out;
}

/**
 * A fixed held-out split: a text is in the test part when the hash of its text falls in the
 * last `share` of the range, so the split never changes when texts are added elsewhere.
 */
export function isHeldOut(text: string, share = 0.2): boolean {
  const h = createHash('sha256').update(text).digest().readUInt32BE(0);
  return h / 0x1_0000_0000 >= 1 - share;
}

export function splitCorpus(rows: LabelledText[], share = 0.2): { train: LabelledText[]; test: LabelledText[] } {
  const train: LabelledText[] = [];
  const test: LabelledText[] = [];
  for (const r of rows) (isHeldOut(r.text, share) ? test : train).push(r);
  return { train, test };
}
