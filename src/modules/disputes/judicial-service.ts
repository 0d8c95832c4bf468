import type { Actor } from '../../platform/actor.js';
import type { Deps } from '../../platform/deps.js';
import { invalidField } from '../../platform/errors.js';
import { chinaDate } from '../../platform/time.js';
import { act } from './action-service.js';
import { appendCaseEvent, conflict, requireReason } from './core.js';
import { JUDICIAL_OUTCOME_NAMES, type DisputeCaseDetail, type JudicialApplyBody, type JudicialOutcomeBody } from './schema.js';
import { findAgreement, listParties, updateAgreement } from './store.js';

// 司法确认 (judicial confirmation of a mediation agreement). After an agreement of a people's
// mediation committee takes effect, the parties may jointly apply to the basic-level people's court
// within 30 days (人民调解法 art. 33; 民事诉讼法 art. 205); the court rules the agreement valid, or
// rejects the application (art. 206). The case records the application, then the ruling.

/**
 * Records the parties' joint application: the day (within the 30 days from the day the agreement
 * took effect, and not after today), the court, and the applicants — every party on the applicant
 * and the respondent side (共同申请). From then on the sweep no longer reminds the office of the
 * window. Refused, naming the field, with nothing written, otherwise.
 */
export function applyForJudicialConfirmation(deps: Deps, actor: Actor, id: string, body: JudicialApplyBody): Promise<DisputeCaseDetail> {
  const court = body.court.trim();
  if (court.length < 2) throw invalidField('court', '请填写受理申请的人民法院，如“黎平县人民法院”');
  return act(deps, actor, id, 'judicial_apply', async (c) => {
    const a = await findAgreement(c.tx, id);
    if (!a || a.kind !== 'written') throw conflict('本案没有书面调解协议，不能申请司法确认');
    if (!a.effective_at || !a.judicial_due) throw conflict('调解协议尚未生效（须当事人签名并加盖人民调解委员会印章），还不能申请司法确认');
    if (a.judicial_applied_on) throw conflict(`已于 ${a.judicial_applied_on} 登记司法确认申请`);
    const effectiveOn = chinaDate(a.effective_at);
    if (body.appliedOn > chinaDate(c.now)) throw invalidField('appliedOn', '申请日期不能晚于今天');
    if (body.appliedOn < effectiveOn) throw invalidField('appliedOn', `申请日期不能早于调解协议生效之日（${effectiveOn}）`);
    if (body.appliedOn > a.judicial_due) {
      throw invalidField(
        'appliedOn',
        `已超过申请司法确认的期限：须自调解协议生效之日（${effectiveOn}）起三十日内、至迟于 ${a.judicial_due} 共同向人民法院提出（《人民调解法》第三十三条）`,
      );
    }
    const parties = await listParties(c.tx, id);
    const applicants = [...new Set(body.applicants)];
    applicants.forEach((partyId, i) => {
      if (!parties.some((p) => p.id === partyId)) throw invalidField(`applicants[${i}]`, '不是本案的当事人');
    });
    if (!parties.some((p) => p.role === 'respondent')) throw invalidField('applicants', '司法确认须由双方当事人共同申请：本案还没有被申请人，请先增加当事人');
    const missing = parties.filter((p) => p.role !== 'third_party' && !applicants.includes(p.id));
    if (missing.length) throw invalidField('applicants', `司法确认须由双方当事人共同申请，缺少：${missing.map((p) => p.name).join('、')}`);
    await updateAgreement(c.tx, a.id, { judicial_applied_on: body.appliedOn, judicial_court: court, judicial_applicants: applicants });
    const names = parties.filter((p) => applicants.includes(p.id)).map((p) => p.name);
    await appendCaseEvent(c.tx, c, c.row, 'judicial_apply', {
      note: `${names.join('、')}于 ${body.appliedOn} 共同向${court}申请司法确认`,
      details: { appliedOn: body.appliedOn, court, applicants: names },
    });
    return { judicial: { appliedOn: body.appliedOn, court, applicants } };
  });
}

/**
 * Records the court's ruling on the application: confirmed (裁定调解协议有效) or rejected (裁定驳回申请,
 * with the court's reason), the day and the ruling's number. A ruling without an application on
 * record is refused naming `outcome`, with nothing written.
 */
export function recordJudicialOutcome(deps: Deps, actor: Actor, id: string, body: JudicialOutcomeBody): Promise<DisputeCaseDetail> {
  const document = body.document.trim();
  if (!document) throw invalidField('document', '请填写法院裁定书的文号，如“（2026）黔2631民特12号”');
  const reason = body.outcome === 'rejected' ? requireReason(body.reason, 'reason', '法院驳回申请的理由') : body.reason?.trim() || null;
  return act(deps, actor, id, 'judicial_outcome', async (c) => {
    const a = await findAgreement(c.tx, id);
    if (!a?.judicial_applied_on) throw invalidField('outcome', '尚未登记当事人共同申请司法确认，不能记录法院的确认结果');
    if (a.judicial_outcome) throw conflict(`已记录法院的裁定结果（${JUDICIAL_OUTCOME_NAMES[a.judicial_outcome]}）`);
    if (body.ruledOn > chinaDate(c.now)) throw invalidField('ruledOn', '裁定日期不能晚于今天');
    if (body.ruledOn < a.judicial_applied_on) throw invalidField('ruledOn', `裁定日期不能早于申请日期（${a.judicial_applied_on}）`);
    await updateAgreement(c.tx, a.id, {
      judicial_outcome: body.outcome,
      judicial_ruled_on: body.ruledOn,
      judicial_document: document,
      judicial_reason: reason,
    });
    await appendCaseEvent(c.tx, c, c.row, 'judicial_outcome', {
      note: `${JUDICIAL_OUTCOME_NAMES[body.outcome]}（${document}）${reason ? `：${reason}` : ''}`,
      details: { outcome: body.outcome, ruledOn: body.ruledOn, document },
    });
    return { judicial: { outcome: body.outcome, ruledOn: body.ruledOn, document, reason } };
  });
}
