import type { Kysely } from 'kysely';
import { uuidv7 } from 'uuidv7';
import { dbContext, SYSTEM_ACTOR, type Actor } from '../../platform/actor.js';
import { appendAudit } from '../../platform/audit/service.js';
import { SYSTEM_CONTEXT, withContext, type Tx } from '../../platform/db/context.js';
import type { DB } from '../../platform/db/tables.js';
import type { Deps } from '../../platform/deps.js';
import { duplicateAs, invalidField, notFound } from '../../platform/errors.js';
import { DEFAULT_LEGALITY_RULES } from './default-rules.js';
import { checkArticles, normalizePhrase, type ArticleInput, type LegalityFlag, type LegalityRuleInput } from './legality.js';
import type {
  CreateLegalityRuleBody,
  LegalityCheckBody,
  LegalityCheckResult,
  LegalityRule,
  LegalityRuleQuery,
  UpdateLegalityRuleBody,
} from './legality-schema.js';
import * as store from './legality-store.js';
import { authorize, inScope, refuse } from './policy.js';

// The legality check of village compacts (合法性审查, 《村民委员会组织法》第二十七条): the county's
// rule list (seeded from default-rules.ts the first time it is read, then the county's to edit)
// and the check a draft's save runs. The check itself is the pure checkArticles (legality.ts).

export const presentLegalityRule = (r: store.LegalityRuleRow): LegalityRule => ({
  id: r.id,
  countyCode: r.county_code,
  code: r.code,
  kind: r.kind,
  phrases: r.phrases,
  matchMode: r.match_mode,
  reason: r.reason,
  suggestion: r.suggestion,
  active: r.active,
  updatedAt: new Date(r.updated_at).toISOString(),
});

const asInput = (r: store.LegalityRuleRow): LegalityRuleInput => ({
  code: r.code,
  kind: r.kind,
  phrases: r.phrases,
  matchMode: r.match_mode,
  reason: r.reason,
  suggestion: r.suggestion,
});

/** Counties whose list is known to exist, per database: a county's list is never deleted, so once seen it stays. */
const seeded = new WeakMap<Kysely<DB>, Set<string>>();

/**
 * The county the actor works in, its rule list seeded with the defaults if it has none yet. The
 * seeding is the server's own write (a village cadre reading the list may not write it), made in
 * its own short transaction and audited; concurrent first reads insert each default once.
 */
async function countyWithRules(deps: Deps, actor: Actor): Promise<store.CountyRow> {
  return withContext(deps.db, SYSTEM_CONTEXT, async (tx) => {
    const county = await store.findCountyOf(tx, actor.scopePath);
    if (!county) throw refuse('compacts.read', '您的账号不属于任何县，没有村规民约合法性审查规则');
    const known = seeded.get(deps.db) ?? new Set<string>();
    seeded.set(deps.db, known);
    if (known.has(county.code)) return county;
    if (!(await store.countyHasRules(tx, county.code))) {
      const now = deps.clock.now();
      const added = await store.insertRules(
        tx,
        DEFAULT_LEGALITY_RULES.map((r) => ({
          id: uuidv7(),
          county_code: county.code,
          path: county.path,
          code: r.code,
          kind: r.kind,
          phrases: [...r.phrases],
          match_mode: r.matchMode,
          reason: r.reason,
          suggestion: r.suggestion,
          created_at: now,
          updated_at: now,
        })),
      );
      if (added > 0) {
        await appendAudit(tx, deps.clock, SYSTEM_ACTOR, {
          action: 'compacts.legality.seed',
          targetType: 'region',
          targetId: county.code,
          details: { added, firstReadBy: actor.username },
        });
      }
    }
    known.add(county.code);
    return county;
  });
}

/**
 * The flags of a compact's articles under the rules that apply at a region path (a village's or
 * the county's), inside the caller's transaction: a draft's save calls this. A county whose list
 * was never read is checked against the defaults it would be seeded with, so no article goes
 * unchecked for want of a first read.
 */
export async function legalityFlagsAt(tx: Tx, regionPath: string, articles: ArticleInput[]): Promise<LegalityFlag[]> {
  const rows = await store.rulesAt(tx, regionPath, true);
  const rules = rows.length === 0 ? [...DEFAULT_LEGALITY_RULES] : rows.filter((r) => r.active).map(asInput);
  return checkArticles(articles, rules);
}

/** What every rule must leave alone: what compacts lawfully use (legality.test.ts checks the defaults too). */
export const LAWFUL_SAMPLES = [
  '不孝敬老人的，取消其当年评优评先资格',
  '违反本约的，不得评为文明家庭、星级文明户',
  '屡教不改的，纳入黄榜，在村务公开栏公示',
  '乱倒垃圾的，由村民小组批评教育，扣减积分 10 分',
  '涉嫌违法的，报请有关部门依法处理',
  '不赡养老人的，取消其评优资格，并责令其赡养老人',
];

const SENTENCE_END = /[。；！？;!?\n\r]/;

/** Phrases trimmed and checked: none empty or repeated, none spanning sentences, and a lone phrase of two characters at least. */
function cleanPhrases(phrases: string[], matchMode: LegalityRuleInput['matchMode'], kind: LegalityRuleInput['kind']): string[] {
  const out: string[] = [];
  phrases.forEach((raw, i) => {
    const field = `phrases.${i}`;
    const p = raw.trim();
    const norm = normalizePhrase(p);
    if (norm === '') throw invalidField(field, '不能为空');
    if (SENTENCE_END.test(p)) throw invalidField(field, '不能含句号、分号、问号、叹号或换行：审查按句进行，跨句的词永远找不到');
    if (p.includes('…') || p.includes('...')) throw invalidField(field, '请把省略号两边的词分开填写，如 ["取消", "低保"]');
    if (out.some((q) => normalizePhrase(q) === norm)) throw invalidField(field, '与前面的词重复');
    out.push(p);
  });
  if (out.length === 1 && [...normalizePhrase(out[0]!)].length < 2) throw invalidField('phrases.0', '只有一个词时至少 2 个字，以免误报');
  const probe: LegalityRuleInput = { code: 'probe', kind, phrases: out, matchMode, reason: '', suggestion: '' };
  const lawful = LAWFUL_SAMPLES.find((text) => checkArticles([{ number: 1, text }], [probe]).length > 0);
  if (lawful) throw invalidField('phrases', `会把合法的条款“${lawful}”也标为违法，请写得更具体`);
  return out;
}

export async function listLegalityRules(deps: Deps, actor: Actor, q: LegalityRuleQuery): Promise<LegalityRule[]> {
  authorize(actor, 'compacts.read');
  const county = await countyWithRules(deps, actor);
  return withContext(deps.db, dbContext(actor), async (tx) => (await store.rulesAt(tx, county.path, q.includeInactive ?? false)).map(presentLegalityRule));
}

/** Adds a rule to the county's list; the check uses it from the next call on. County staff only. */
export async function createLegalityRule(deps: Deps, actor: Actor, body: CreateLegalityRuleBody): Promise<LegalityRule> {
  authorize(actor, 'compacts.legality.edit');
  const matchMode = body.matchMode ?? 'phrase';
  const phrases = cleanPhrases(body.phrases, matchMode, body.kind);
  // Seed first: a county's first own rule must not stand in for the defaults it never got.
  const county = await countyWithRules(deps, actor);
  if (!inScope(actor, county.path)) throw refuse('compacts.legality.edit', '只有县级可以修改合法性审查规则');
  const now = deps.clock.now();
  try {
    return await withContext(deps.db, dbContext(actor), async (tx) => {
      const id = uuidv7();
      await store.insertRule(tx, {
        id,
        county_code: county.code,
        path: county.path,
        code: body.code,
        kind: body.kind,
        phrases,
        match_mode: matchMode,
        reason: body.reason.trim(),
        suggestion: body.suggestion.trim(),
        created_by: actor.userId,
        created_at: now,
        updated_by: actor.userId,
        updated_at: now,
      });
      const saved = presentLegalityRule((await store.findRule(tx, id))!);
      await appendAudit(tx, deps.clock, actor, { action: 'compacts.legality.rule.create', targetType: 'compact_legality_rule', targetId: id, after: saved });
      return saved;
    });
  } catch (err) {
    throw duplicateAs(err, 'code', '本县已有同代码的审查规则');
  }
}

/** Changes a rule's words, kind, texts, or retires it (active: false). County staff only. */
export async function updateLegalityRule(deps: Deps, actor: Actor, id: string, body: UpdateLegalityRuleBody): Promise<LegalityRule> {
  authorize(actor, 'compacts.legality.edit');
  return withContext(deps.db, dbContext(actor), async (tx) => {
    const before = await store.findRule(tx, id);
    if (!before || !inScope(actor, before.path)) throw notFound('合法性审查规则', id);
    const kind = body.kind ?? before.kind;
    const matchMode = body.matchMode ?? before.match_mode;
    const phrases = body.phrases || body.kind || body.matchMode ? cleanPhrases(body.phrases ?? before.phrases, matchMode, kind) : undefined;
    await store.updateRule(tx, id, {
      kind: body.kind,
      phrases,
      match_mode: body.matchMode,
      reason: body.reason?.trim(),
      suggestion: body.suggestion?.trim(),
      active: body.active,
      updated_by: actor.userId,
      updated_at: deps.clock.now(),
    });
    const after = presentLegalityRule((await store.findRule(tx, id))!);
    await appendAudit(tx, deps.clock, actor, {
      action: 'compacts.legality.rule.update',
      targetType: 'compact_legality_rule',
      targetId: id,
      before: presentLegalityRule(before),
      after,
    });
    return after;
  });
}

/** The check a draft editor runs on save: the flags of the articles under the actor's county's rules. */
export async function checkLegality(deps: Deps, actor: Actor, body: LegalityCheckBody): Promise<LegalityCheckResult> {
  authorize(actor, 'compacts.read');
  const numbers = new Set<number>();
  body.articles.forEach((a, i) => {
    if (numbers.has(a.number)) throw invalidField(`articles.${i}.number`, `条款序号 ${a.number} 重复`);
    numbers.add(a.number);
    if (a.text.trim() === '') throw invalidField(`articles.${i}.text`, '条款内容不能为空');
  });
  const county = await countyWithRules(deps, actor);
  const flags = await withContext(deps.db, dbContext(actor), (tx) => legalityFlagsAt(tx, actor.scopePath || county.path, body.articles));
  return { clean: flags.length === 0, flags };
}
