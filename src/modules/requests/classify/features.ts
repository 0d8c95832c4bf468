import { createRequire } from 'node:module';
import type { Jieba as JiebaType } from '@node-rs/jieba';

const require = createRequire(import.meta.url);
let jieba: JiebaType | undefined;

/** jieba with its default dictionary, loaded on first use (about 0.3 s). */
function segmenter(): JiebaType {
  if (!jieba) {
    const { Jieba } = require('@node-rs/jieba') as typeof import('@node-rs/jieba');
    const { dict } = require('@node-rs/jieba/dict') as { dict: Uint8Array };
    jieba = Jieba.withDict(dict);
  }
  return jieba;
}

const HAN = /\p{Script=Han}/u;
const SKIP = /^[\s\d]+$/u;

/**
 * The tokens of a text, repeated as often as they occur (the model counts them):
 * - `w:` jieba words, function words and punctuation included (吗, 请问, ? tell a question from a complaint);
 * - `c:` single Han characters and ?/!: a short request is often a few characters a dictionary cuts wrongly;
 * - `b:` Han character bigrams, which carry dialect spellings and typos (used by the request-type model).
 * Their weight comes from the model (inverse document frequency), not from a stop list.
 */
export function features(text: string): string[] {
  const clean = text.normalize('NFKC').toLowerCase();
  const out: string[] = [];
  for (const w of segmenter().cut(clean, false)) if (!SKIP.test(w)) out.push(`w:${w}`);
  const chars = [...clean];
  for (const ch of chars) if (HAN.test(ch) || ch === '?' || ch === '!') out.push(`c:${ch}`);
  const han = chars.filter((ch) => HAN.test(ch));
  for (let i = 0; i + 1 < han.length; i++) out.push(`b:${han[i]}${han[i + 1]}`);
  return out;
}
