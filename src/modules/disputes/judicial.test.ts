import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../../test/helpers/harness.js';
import { SYSTEM_CONTEXT, withContext } from '../../platform/db/context.js';
import { sweepDisputes } from './sweep-service.js';
import {
  caseAction,
  client,
  countRows,
  intakeFixture,
  openCase,
  outsider,
  particularsOf,
  relogin,
  SHANGHUANG,
  type Api,
  type Intake,
} from './test-fixtures.js';

// 司法确认 (人民调解法 art. 33): the parties' joint application within 30 days of the agreement taking
// effect, then the court's ruling; the window's reminder stops once they have applied; the
// statistics count what the court confirmed. Every refusal names its field and writes nothing.

let h: Harness;
let f: Intake;
let api: Api;

beforeAll(async () => {
  h = await createHarness({ loginRateLimitPerMinute: 1000 });
  f = await intakeFixture(h, ['county', 'township', 'village', 'village2']);
  api = client(h, f.cookies);
});
afterAll(() => h?.close());

const detail = async (id: string, who = 'village') => (await api.get(`/api/v1/disputes/cases/${id}`, who)).json();

/** A case with a written agreement that took effect now (signed and stamped). */
async function effectiveAgreement(applicant: string, respondent: string) {
  const c = await openCase(api, 'village', { parties: [outsider(applicant, 'applicant'), outsider(respondent)] });
  const agreed = await caseAction(api, c.id, 'agree', 'village', {
    kind: 'written',
    parties: particularsOf(c),
    facts: `${respondent}在两家交界处砌墙，占了${applicant}家的过道。`,
    matters: '过道的宽度。',
    responsibilities: `${respondent}负主要责任。`,
    terms: `${respondent}于十日内拆除占道部分的围墙。`,
    performanceMethod: '自行拆除，村调委会见证',
    performanceDeadline: '2026-12-10',
    committeeName: '上黄村人民调解委员会',
  });
  expect(agreed.statusCode, agreed.body).toBe(200);
  expect((await caseAction(api, c.id, 'sign', 'village')).statusCode).toBe(200);
  const stamped = (await caseAction(api, c.id, 'stamp', 'village')).json();
  return stamped as { id: string; number: string; parties: { id: string; name: string }[]; agreement: { judicialDue: string }; timeline: unknown[] };
}

describe('司法确认', () => {
  it('the application: refused naming the field with nothing written, then recorded; the ruling: only after it', async () => {
    // Effective on Monday 23 November; day 30 is Wednesday 23 December, a working day.
    const c = await effectiveAgreement('田甲', '田乙');
    expect(c.agreement.judicialDue).toBe('2026-12-23');
    const [a, b] = c.parties;
    const valid = { appliedOn: '2026-11-23', court: '黎平县人民法院', applicants: [a!.id, b!.id] };
    expect((await detail(c.id)).allowedActions).toEqual(expect.arrayContaining(['judicial-apply']));
    expect((await detail(c.id)).allowedActions).not.toContain('judicial-outcome');

    const refusals: [string, object, string, RegExp][] = [
      ['judicial-outcome', { outcome: 'confirmed', ruledOn: '2026-11-23', document: '（2026）黔2631民特1号' }, 'outcome', /尚未登记.*申请/],
      ['judicial-apply', { ...valid, appliedOn: '2026-11-22' }, 'appliedOn', /不能早于调解协议生效之日（2026-11-23）/],
      ['judicial-apply', { ...valid, appliedOn: '2026-11-24' }, 'appliedOn', /不能晚于今天/],
      ['judicial-apply', { ...valid, applicants: [a!.id] }, 'applicants', /双方当事人共同申请，缺少：田乙/],
      ['judicial-apply', { ...valid, applicants: [a!.id, '0190a000-0000-7000-8000-000000000001'] }, 'applicants[1]', /不是本案的当事人/],
      ['judicial-apply', { ...valid, court: ' ' }, 'court', /人民法院/],
    ];
    for (const [action, body, field, message] of refusals) {
      const res = await caseAction(api, c.id, action, 'village', body);
      expect(res.statusCode, `${action} ${res.body}`).toBe(400);
      expect(res.json().error).toMatchObject({ code: 'VALIDATION_FAILED', details: { field } });
      expect(res.json().error.message).toMatch(message);
    }
    // Outside the user's scope: the case is not disclosed, in Chinese, and nothing is written.
    const outside = await caseAction(api, c.id, 'judicial-apply', 'village2', valid);
    expect(outside.statusCode).toBe(404);
    expect(outside.json().error.message).toBe('调解案件不存在或不在您的权限范围内');
    const untouched = await detail(c.id);
    expect(untouched.agreement.judicial).toBeNull();
    expect(untouched.timeline).toHaveLength(c.timeline.length);

    const applied = await caseAction(api, c.id, 'judicial-apply', 'village', valid);
    expect(applied.statusCode, applied.body).toBe(200);
    expect(applied.json().agreement.judicial).toEqual({
      appliedOn: '2026-11-23',
      court: '黎平县人民法院',
      applicants: [
        { partyId: a!.id, name: '田甲' },
        { partyId: b!.id, name: '田乙' },
      ],
      outcome: null,
      ruledOn: null,
      document: null,
      reason: null,
    });
    expect(applied.json().allowedActions).toEqual(expect.arrayContaining(['judicial-outcome']));
    expect(applied.json().allowedActions).not.toContain('judicial-apply');
    expect(applied.json().timeline.at(-1)).toMatchObject({ action: 'judicial_apply', note: '田甲、田乙于 2026-11-23 共同向黎平县人民法院申请司法确认' });
    expect((await caseAction(api, c.id, 'judicial-apply', 'village', valid)).statusCode).toBe(409);

    // The ruling: not before the application, a rejection needs the court's reason.
    const early = await caseAction(api, c.id, 'judicial-outcome', 'village', {
      outcome: 'confirmed',
      ruledOn: '2026-11-22',
      document: '（2026）黔2631民特8号',
    });
    expect(early.json().error.details.field).toBe('ruledOn');
    const bare = await caseAction(api, c.id, 'judicial-outcome', 'village', { outcome: 'rejected', ruledOn: '2026-11-23', document: '（2026）黔2631民特8号' });
    expect(bare.json().error.details.field).toBe('reason');
    const ruled = await caseAction(api, c.id, 'judicial-outcome', 'village', {
      outcome: 'confirmed',
      ruledOn: '2026-11-23',
      document: '（2026）黔2631民特8号',
    });
    expect(ruled.statusCode, ruled.body).toBe(200);
    expect(ruled.json().agreement.judicial).toMatchObject({ outcome: 'confirmed', ruledOn: '2026-11-23', document: '（2026）黔2631民特8号' });
    expect(ruled.json().timeline.at(-1)).toMatchObject({ action: 'judicial_outcome', note: '裁定调解协议有效（（2026）黔2631民特8号）' });
    expect(ruled.json().allowedActions).not.toContain('judicial-outcome');
    expect(
      (await caseAction(api, c.id, 'judicial-outcome', 'village', { outcome: 'rejected', ruledOn: '2026-11-23', document: 'x', reason: '再来一次' }))
        .statusCode,
    ).toBe(409);
    // Both writes are audited with what was recorded.
    const audits = await withContext(h.deps.db, SYSTEM_CONTEXT, (tx) =>
      tx
        .selectFrom('audit_log')
        .select(['action', 'details'])
        .where('target_id', '=', c.id)
        .where('action', 'like', 'dispute_case.judicial%')
        .orderBy('seq')
        .execute(),
    );
    expect(audits.map((r) => r.action)).toEqual(['dispute_case.judicial_apply', 'dispute_case.judicial_outcome']);

    // The database refuses a ruling without an application, whatever writes it.
    const other = await effectiveAgreement('邱甲', '邱乙');
    await expect(
      withContext(h.deps.db, SYSTEM_CONTEXT, (tx) =>
        sql`UPDATE dispute_agreements SET judicial_outcome = 'confirmed', judicial_ruled_on = '2026-11-23', judicial_document = 'x' WHERE case_id = ${other.id}`.execute(
          tx,
        ),
      ),
    ).rejects.toMatchObject({ code: '23514' });
  });

  it('an application dated outside the 30 days is refused; one made within them can be recorded late; the reminder stops once applied', async () => {
    const applied = await effectiveAgreement('甘甲', '甘乙');
    const waiting = await effectiveAgreement('包甲', '包乙');
    const ids = (c: typeof applied) => c.parties.map((p) => p.id);
    h.clock.set('2026-11-26T10:00:00+08:00');
    await relogin(f);
    expect(
      (await caseAction(api, applied.id, 'judicial-apply', 'village', { appliedOn: '2026-11-25', court: '黎平县人民法院', applicants: ids(applied) }))
        .statusCode,
    ).toBe(200);

    // Five days before the end of the window the sweep reminds the office of those not applied for only
    // (this one, and the first test's second agreement), not of the one the parties applied for.
    h.clock.set('2026-12-18T09:00:00+08:00');
    const sweep = await sweepDisputes(h.deps);
    expect(sweep.judicialReminders).toBe(2);
    const reminders = await withContext(h.deps.db, SYSTEM_CONTEXT, (tx) =>
      tx.selectFrom('notifications').select('message').where('kind', '=', 'dispute_judicial_due').execute(),
    );
    expect(reminders.some((r) => r.message.includes(waiting.number))).toBe(true);
    expect(reminders.some((r) => r.message.includes(applied.number))).toBe(false);
    await relogin(f);
    expect((await detail(applied.id)).timeline.map((e: { action: string }) => e.action)).not.toContain('judicial_reminder');

    // After the window: a date past it is refused; the parties' application within it is recorded late.
    h.clock.set('2026-12-28T09:00:00+08:00');
    await relogin(f);
    const late = await caseAction(api, waiting.id, 'judicial-apply', 'village', { appliedOn: '2026-12-24', court: '黎平县人民法院', applicants: ids(waiting) });
    expect(late.statusCode).toBe(400);
    expect(late.json().error).toMatchObject({ details: { field: 'appliedOn' } });
    expect(late.json().error.message).toMatch(/三十日内.*2026-12-23/);
    expect((await detail(waiting.id)).agreement.judicial).toBeNull();
    const within = await caseAction(api, waiting.id, 'judicial-apply', 'village', {
      appliedOn: '2026-12-23',
      court: '黎平县人民法院',
      applicants: ids(waiting),
    });
    expect(within.statusCode, within.body).toBe(200);
  });

  it('statistics count the applications and the agreements the court confirmed, reconciled with the rows', async () => {
    const stats = (await api.get('/api/v1/disputes/stats', 'county')).json();
    const raw = await withContext(h.deps.db, SYSTEM_CONTEXT, (tx) =>
      sql<{ applied: number; confirmed: number; rejected: number }>`SELECT
          count(*) FILTER (WHERE judicial_applied_on IS NOT NULL)::int AS applied,
          count(*) FILTER (WHERE judicial_outcome = 'confirmed')::int AS confirmed,
          count(*) FILTER (WHERE judicial_outcome = 'rejected')::int AS rejected
        FROM dispute_agreements`.execute(tx),
    );
    expect(raw.rows[0]).toEqual({ applied: 3, confirmed: 1, rejected: 0 });
    expect(stats.total).toMatchObject({ judicialApplied: 3, judicialConfirmed: 1, judicialRejected: 0 });
    expect(stats.formulas.judicial).toContain('司法确认');
    const byType = (await api.get('/api/v1/disputes/stats?groupBy=type', 'village')).json();
    expect(byType.rows.find((r: { key: string }) => r.key === '1201')).toMatchObject({ judicialApplied: 3, judicialConfirmed: 1 });
    expect(await countRows(f, 'dispute_cases', {})).toBe(4);
    expect((await api.get(`/api/v1/disputes/stats?regionCode=${SHANGHUANG}`, 'village2')).statusCode).toBe(400);
  });
});
