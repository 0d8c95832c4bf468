import type { Article, Diff } from './compact-schema.js';

// The difference between two versions of a compact, article by article, matched by the article's
// key: an article moved from 第三条 to 第二条 is 'renumbered', not removed and added. Ordered as
// the newer version reads, removed articles where they stood in the older one.

export function diffArticles(from: Article[], to: Article[]): Diff['articles'] {
  const before = new Map(from.map((a) => [a.key, a]));
  const after = new Map(to.map((a) => [a.key, a]));
  const rows: (Diff['articles'][number] & { order: number })[] = [];
  for (const a of to) {
    const old = before.get(a.key);
    const change = !old ? 'added' : old.text !== a.text || old.topic !== a.topic ? 'changed' : old.number !== a.number ? 'renumbered' : 'same';
    rows.push({
      key: a.key,
      change,
      fromNumber: old?.number ?? null,
      toNumber: a.number,
      fromText: old?.text ?? null,
      toText: a.text,
      topic: a.topic,
      order: a.number,
    });
  }
  for (const a of from) {
    if (after.has(a.key)) continue;
    rows.push({ key: a.key, change: 'removed', fromNumber: a.number, toNumber: null, fromText: a.text, toText: null, topic: a.topic, order: a.number - 0.5 });
  }
  return rows.sort((x, y) => x.order - y.order).map(({ order: _order, ...r }) => r);
}
