import type { Selectable } from 'kysely';
import { uuidv7 } from 'uuidv7';
import { dbContext, type Actor } from '../../platform/actor.js';
import { appendAudit } from '../../platform/audit/service.js';
import { withContext, type Tx } from '../../platform/db/context.js';
import type { Deps } from '../../platform/deps.js';
import { duplicateAs, invalidField, notFound, outOfScope } from '../../platform/errors.js';
import { findRegionForUpdate } from '../regions/index.js';
import { authorize, inScope } from './policy.js';
import type { CertificateAnswerBody, CertificateCheck, CertificateRule, CreateCertificateRuleBody } from './schema.js';
import { findCertificateRule, insertCertificateAnswer, insertCertificateRules, listCertificateRules } from './store.js';
import type { CertificateRulesTable } from './tables.js';

// 减证明: which certificates a village may still issue, and what replaces the others. The check
// is one function (checkCertificate) so the services capability can call it when it issues them.

function present(r: Selectable<CertificateRulesTable>): CertificateRule {
  return { id: r.id, name: r.name, keywords: r.keywords, allowed: r.allowed, alternative: r.alternative, basis: r.basis };
}

export async function searchCertificateRules(deps: Deps, actor: Actor): Promise<CertificateRule[]> {
  authorize(actor, 'duties.read');
  return withContext(deps.db, dbContext(actor), async (tx) => (await listCertificateRules(tx)).map(present));
}

export async function createCertificateRule(deps: Deps, actor: Actor, body: CreateCertificateRuleBody): Promise<CertificateRule> {
  authorize(actor, 'duties.manage');
  if (!body.allowed && !body.alternative?.trim()) throw invalidField('alternative', '不再开具的证明须写明替代方式（告知承诺或由哪个部门核查）');
  const now = deps.clock.now();
  return withContext(deps.db, dbContext(actor), async (tx) => {
    const id = uuidv7();
    const row = {
      id,
      name: body.name.trim(),
      keywords: (body.keywords ?? []).map((k) => k.trim()).filter(Boolean),
      allowed: body.allowed,
      alternative: body.alternative?.trim() || null,
      basis: body.basis?.trim() || null,
      created_at: now,
    };
    await insertCertificateRules(tx, [row]).catch((err: unknown) => {
      throw duplicateAs(err, 'name', '已有同名证明事项');
    });
    const saved = present({ ...row, synthetic: false });
    await appendAudit(tx, deps.clock, actor, { action: 'duties.certificate_rule.create', targetType: 'certificate_rule', targetId: id, after: saved });
    return saved;
  });
}

/** The rule a requested certificate falls under: by its name, or a keyword in what was asked. */
export function matchCertificate(rules: readonly CertificateRule[], asked: string): CertificateRule | null {
  const q = asked.replace(/\s+/g, '');
  if (!q) return null;
  return (
    rules.find((r) => r.name === q) ??
    rules.find((r) => q.includes(r.name) || r.name.includes(q)) ??
    rules.find((r) => r.keywords.some((k) => q.includes(k))) ??
    null
  );
}

/** Whether a village may issue the certificate asked for, and what to tell the person asking. */
export async function checkCertificate(tx: Tx, asked: string): Promise<CertificateCheck> {
  const rule = matchCertificate((await listCertificateRules(tx)).map(present), asked);
  if (!rule) return { rule: null, allowed: null, answer: '该证明不在清单内：请先向乡镇（街道）或县委社会工作部确认是否应由村（社区）出具。' };
  if (rule.allowed) return { rule, allowed: true, answer: `村（社区）可以出具“${rule.name}”。${rule.basis ? `依据：${rule.basis}` : ''}` };
  return { rule, allowed: false, answer: `村（社区）不再出具“${rule.name}”。${rule.alternative}` };
}

export async function checkCertificateFor(deps: Deps, actor: Actor, asked: string): Promise<CertificateCheck> {
  authorize(actor, 'duties.read');
  if (!asked.trim()) throw invalidField('name', '请输入要开具的证明');
  return withContext(deps.db, dbContext(actor), (tx) => checkCertificate(tx, asked));
}

/** Records that a village window answered a request for a certificate no longer issued (one avoided). */
export async function recordCertificateAnswer(deps: Deps, actor: Actor, body: CertificateAnswerBody): Promise<{ id: string }> {
  authorize(actor, 'duties.read');
  const now = deps.clock.now();
  return withContext(deps.db, dbContext(actor), async (tx) => {
    const rule = await findCertificateRule(tx, body.ruleId);
    if (!rule) throw notFound('证明事项', body.ruleId);
    if (rule.allowed) throw invalidField('ruleId', '该证明仍可出具，不计入“减证明”');
    const region = await findRegionForUpdate(tx, body.regionCode ?? actor.regionCode);
    if (!region || !inScope(actor, region.path)) throw outOfScope('regionCode', '区划不存在或不在您的管理范围内');
    const id = uuidv7();
    await insertCertificateAnswer(tx, {
      id,
      rule_id: rule.id,
      region_code: region.code,
      path: region.path,
      channel: 'window',
      answered_by: actor.userId,
      created_at: now,
    });
    await appendAudit(tx, deps.clock, actor, {
      action: 'duties.certificate.answer',
      targetType: 'certificate_rule',
      targetId: rule.id,
      details: { regionCode: region.code },
    });
    return { id };
  });
}
