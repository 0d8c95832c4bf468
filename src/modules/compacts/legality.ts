import type { LegalityKind, MatchMode } from './kinds.js';

// The legality check (合法性审查) of a compact's articles, as a pure function: no database, no I/O,
// so a draft's save, the check endpoint and the tests all run the very same code. The rules are
// the county's list (legality-service.ts loads it); here they are plain phrases, never regular
// expressions, matched sentence by sentence on normalized text.

/** What the check needs of a rule (the stored rule has more: county, who changed it, when). */
export interface LegalityRuleInput {
  code: string;
  kind: LegalityKind;
  phrases: string[];
  matchMode: MatchMode;
  reason: string;
  suggestion: string;
}

export interface ArticleInput {
  number: number;
  text: string;
}

export interface LegalityFlag {
  articleNumber: number;
  ruleCode: string;
  kind: LegalityKind;
  /** The words found, as written in the article (from the first phrase to the end of the last). */
  matched: string;
  /** The sentence they were found in, trimmed. */
  sentence: string;
  reason: string;
  suggestion: string;
}

/** Sentence ends: Chinese and ASCII full stops of a clause that stands alone, and line breaks. Commas do not end one. */
const SENTENCE = /[^。；！？;!?\n\r]+/g;
/** Characters that are dropped before matching: spaces of any width and zero-width marks. */
const IGNORED = /^[\s\u200b-\u200d\u2060\ufeff]$/u;
const SENTENCE_LIMIT = 200;

interface Normalized {
  text: string;
  /** For each character of `text`: where the code point it came from starts and ends in the original. */
  from: number[];
  to: number[];
}

/**
 * Full-width letters and digits to half-width (NFKC), lower case, spaces and zero-width marks
 * dropped — so “罚 款”, “罚款２００元” and “罚款200元” read alike — keeping the way back to the original.
 */
function normalize(original: string, offset = 0): Normalized {
  const out: Normalized = { text: '', from: [], to: [] };
  let i = 0;
  for (const ch of original) {
    const start = i;
    i += ch.length;
    if (IGNORED.test(ch)) continue;
    const n = ch.normalize('NFKC').toLowerCase();
    for (let k = 0; k < n.length; k++) {
      out.from.push(offset + start);
      out.to.push(offset + i);
    }
    out.text += n;
  }
  return out;
}

/** A phrase as it is compared: the same normalization as the text, without the way back. */
export function normalizePhrase(phrase: string): string {
  return normalize(phrase).text;
}

/** The span [start, end) of `text` where the phrases occur in order, the shortest such; undefined when they do not. */
function findInOrder(text: string, phrases: string[]): [number, number] | undefined {
  let best: [number, number] | undefined;
  for (let first = text.indexOf(phrases[0]!); first !== -1; first = text.indexOf(phrases[0]!, first + 1)) {
    let end = first + phrases[0]!.length;
    let ok = true;
    for (const p of phrases.slice(1)) {
      const at = text.indexOf(p, end);
      if (at === -1) {
        ok = false;
        break;
      }
      end = at + p.length;
    }
    if (!ok) break; // a later start cannot succeed where an earlier one failed
    if (!best || end - first < best[1] - best[0]) best = [first, end];
  }
  return best;
}

/** The span from the first to the last of the phrases when all occur, in any order. */
function findAll(text: string, phrases: string[]): [number, number] | undefined {
  let start = Infinity;
  let end = -1;
  for (const p of phrases) {
    const at = text.indexOf(p);
    if (at === -1) return undefined;
    start = Math.min(start, at);
    end = Math.max(end, at + p.length);
  }
  return [start, end];
}

/**
 * Flags every article that holds a rule's phrases within one sentence (split on 。；！？ and line
 * breaks): one flag per article and rule, at the first sentence that matches, in article order;
 * a sentence another rule of the same kind already flagged is not flagged again.
 * Inactive rules are the caller's to leave out.
 */
export function checkArticles(articles: ArticleInput[], rules: LegalityRuleInput[]): LegalityFlag[] {
  const prepared = rules.map((r) => ({ rule: r, phrases: r.phrases.map(normalizePhrase).filter((p) => p.length > 0) })).filter((r) => r.phrases.length > 0);
  const flags: LegalityFlag[] = [];
  for (const article of articles) {
    const sentences = [...article.text.matchAll(SENTENCE)].map((m) => ({ raw: m[0], norm: normalize(m[0], m.index) }));
    // Two rules of one kind on one sentence (罚款 and 罚 … 元 in “罚款 200 元”) make one flag.
    const seen = new Set<string>();
    for (const { rule, phrases } of prepared) {
      for (const [index, s] of sentences.entries()) {
        const span = rule.matchMode === 'any_order' ? findAll(s.norm.text, phrases) : findInOrder(s.norm.text, phrases);
        if (!span || seen.has(`${index}|${rule.kind}`)) continue;
        seen.add(`${index}|${rule.kind}`);
        const sentence = s.raw.trim();
        flags.push({
          articleNumber: article.number,
          ruleCode: rule.code,
          kind: rule.kind,
          matched: article.text.slice(s.norm.from[span[0]], s.norm.to[span[1] - 1]),
          sentence: sentence.length > SENTENCE_LIMIT ? `${sentence.slice(0, SENTENCE_LIMIT)}…` : sentence,
          reason: rule.reason,
          suggestion: rule.suggestion,
        });
        break;
      }
    }
  }
  return flags;
}
