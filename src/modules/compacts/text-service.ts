import { uuidv7 } from 'uuidv7';
import { dbContext, type Actor } from '../../platform/actor.js';
import { withContext, type Tx } from '../../platform/db/context.js';
import type { Deps } from '../../platform/deps.js';
import { invalidField, notFound } from '../../platform/errors.js';
import type { Compact, Diff, DiffQuery, Version, VersionBody } from './compact-schema.js';
import { changeCompact } from './compact-service.js';
import * as store from './compact-store.js';
import { legalityFlagsAt } from './legality-service.js';
import { inScope, authorize } from './policy.js';
import { diffArticles } from './version-diff.js';

// The compact's text: versions of numbered articles grouped by topic. A version is saved whole
// (the editor sends every article in order) and never changed; an article keeps its key from
// version to version, so opinions on it follow it through renumbering. Each save runs the
// legality check and stores its flags with the version.

export function presentVersion(
  v: { id: string; seq: number; note: string | null; created_at: Date },
  articles: store.ArticleRow[],
  flags: store.FlagRow[],
): Version {
  return {
    id: v.id,
    seq: v.seq,
    note: v.note,
    createdAt: new Date(v.created_at).toISOString(),
    articles: articles.map((a) => ({ key: a.article_key, number: a.number, topic: a.topic, text: a.text })),
    flags: flags.map((f) => ({
      articleKey: f.article_key,
      articleNumber: f.number,
      ruleCode: f.rule_code,
      kind: f.kind,
      matched: f.matched,
      sentence: f.sentence,
      reason: f.reason,
      suggestion: f.suggestion,
    })),
  };
}

/** A version of the compact by number, with its articles and flags; 0 or omitted: the newest. */
export async function versionIn(tx: Tx, compactId: string, seq?: number): Promise<Version | undefined> {
  const versions = await store.listVersions(tx, compactId);
  const v = seq ? versions.find((x) => x.seq === seq) : versions[versions.length - 1];
  if (!v) return undefined;
  return presentVersion(v, await store.articlesOf(tx, v.id), await store.flagsOf(tx, v.id));
}

/**
 * Saves the text as a new version (草拟初稿, 修改完善). Articles are numbered by position; one with
 * a `key` of the previous version is that article (its opinions stay with it), one without is new.
 */
export async function saveVersion(deps: Deps, actor: Actor, id: string, body: VersionBody): Promise<Compact> {
  authorize(actor, 'compacts.edit');
  return changeCompact(deps, actor, id, { action: 'compacts.version', steps: ['draft', 'revision'], field: 'articles' }, async (tx, row, now) => {
    const previous = await versionIn(tx, id);
    const known = new Set(previous?.articles.map((a) => a.key) ?? []);
    const seen = new Set<string>();
    const articles = body.articles.map((a, i) => {
      const text = a.text.trim();
      const topic = a.topic.trim();
      if (!text) throw invalidField(`articles.${i}.text`, '条款内容不能为空');
      if (!topic) throw invalidField(`articles.${i}.topic`, '请填写条款所属的类别（如 环境整治）');
      if (a.key && !known.has(a.key)) throw invalidField(`articles.${i}.key`, '不是上一版中的条款');
      if (a.key && seen.has(a.key)) throw invalidField(`articles.${i}.key`, '同一条款出现了两次');
      const key = a.key ?? uuidv7();
      seen.add(key);
      return { key, number: i + 1, topic, text };
    });
    const versionId = uuidv7();
    const seq = (previous?.seq ?? 0) + 1;
    const flags = await legalityFlagsAt(tx, row.path, articles);
    const keyOf = (n: number) => articles[n - 1]!.key;
    await store.insertVersion(
      tx,
      { id: versionId, compact_id: id, path: row.path, seq, note: body.note?.trim() || null, created_by: actor.userId, created_at: now },
      articles.map((a) => ({ id: uuidv7(), version_id: versionId, path: row.path, article_key: a.key, number: a.number, topic: a.topic, text: a.text })),
      flags.map((f) => ({
        id: uuidv7(),
        version_id: versionId,
        path: row.path,
        article_key: keyOf(f.articleNumber),
        number: f.articleNumber,
        rule_code: f.ruleCode,
        kind: f.kind,
        matched: f.matched,
        sentence: f.sentence,
        reason: f.reason,
        suggestion: f.suggestion,
      })),
    );
    return { seq, articles: articles.length, flags: flags.map((f) => `第${f.articleNumber}条 ${f.matched}`) };
  });
}

export async function getVersion(deps: Deps, actor: Actor, id: string, seq: number): Promise<Version> {
  authorize(actor, 'compacts.read');
  return withContext(deps.db, dbContext(actor), async (tx) => {
    const row = await store.findCompact(tx, id);
    if (!row || !inScope(actor, row.path)) throw notFound('村规民约', id);
    const v = await versionIn(tx, id, seq);
    if (!v) throw notFound('版本', String(seq));
    return v;
  });
}

/** What changed between two versions, article by article (by key, so a renumbered article is not "removed and added"). */
export async function diffVersions(deps: Deps, actor: Actor, id: string, q: DiffQuery): Promise<Diff> {
  authorize(actor, 'compacts.read');
  return withContext(deps.db, dbContext(actor), async (tx) => {
    const row = await store.findCompact(tx, id);
    if (!row || !inScope(actor, row.path)) throw notFound('村规民约', id);
    const from = await versionIn(tx, id, q.from);
    if (!from) throw invalidField('from', `没有第 ${q.from} 版`);
    const to = await versionIn(tx, id, q.to);
    if (!to) throw invalidField('to', `没有第 ${q.to} 版`);
    return { from: q.from, to: q.to, articles: diffArticles(from.articles, to.articles) };
  });
}
