import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../../test/helpers/harness.js';
import { countStatements } from '../../platform/db/statements.js';
import { png } from '../../platform/files/test-fixtures.js';
import { departmentId } from '../requests/test-fixtures.js';
import { caseAction, client, intakeFixture, openCase, outsider, type Api, type Intake } from './test-fixtures.js';

// The write path's budget (#15) for a mediation case's page: a signed-in read in one transaction of
// a few statements, whatever the case holds. Counted on the application's connections (both drivers),
// so a part read on its own again fails here.
let h: Harness;
let f: Intake;
let api: Api;
let caseId: string;

beforeAll(async () => {
  h = await createHarness({ loginRateLimitPerMinute: 1000 });
  f = await intakeFixture(h, ['county', 'village', 'dept']);
  api = client(h, f.cookies);
  // A case with every part its page shows: parties, a session, a department taking part, evidence,
  // an agreement, and the timeline of all of it.
  const c = await openCase(api, 'village', { parties: [outsider('杨甲', 'applicant', '13800002222'), outsider('杨乙')] });
  caseId = c.id;
  const step = async (action: string, body: object) => {
    const res = await caseAction(api, caseId, action, 'village', body);
    expect(res.statusCode, res.body).toBe(200);
  };
  await step('session', { heldAt: h.clock.now().toISOString(), place: '村委会', attendees: ['杨甲', '杨乙'], record: '双方陈述', methods: ['family'] });
  await step('invite-department', { departmentId: await departmentId(h, 'zjj'), note: '核实院坝边界' });
  await step('evidence', { files: [{ data: png(3).toString('base64'), filename: '现场.png' }] });
  await step('agree', { kind: 'oral', terms: '排水沟改到两家中间' });
});
afterAll(() => h?.close());

const page = (who: string) => api.get(`/api/v1/disputes/cases/${caseId}`, who);

const parts = (texts: string[]) => texts.filter((t) => t.includes('"dispute_parties"') || t.includes('"dispute_events" where')).length;

describe("a mediation case's page: statements per request", () => {
  for (const who of ['village', 'dept']) {
    it(`read by ${who === 'dept' ? "a department's staff" : 'its office'}: one transaction, at most 4 statements`, async () => {
      await page(who);
      const { result, count } = await countStatements(() => page(who));
      expect(result.statusCode, result.body).toBe(200);
      const c = result.json();
      expect(c.parties.length).toBe(2);
      expect(c.sessions.length).toBe(1);
      expect(c.agreement).not.toBeNull();
      expect(c.departments.length).toBe(1);
      expect(c.evidence.length).toBe(1);
      expect(c.timeline.length).toBeGreaterThan(4);
      expect(c.allowedActions).toEqual(who === 'dept' ? ['department-part'] : expect.arrayContaining(['visit', 'evidence']));
      expect(count.transactions, count.texts.join('\n')).toBe(1);
      // The context, the case, its parts in one statement, its evidence files (they were 9, 10 for a department).
      expect(count.statements, count.texts.join('\n')).toBeLessThanOrEqual(4);
    });
  }

  it('an action answers from the same read: the case locked once, its parts read once', async () => {
    for (const [level, reason] of [
      ['medium', '双方情绪激动'],
      ['high', '扬言要动手打人'],
    ]) {
      const { result, count } = await countStatements(() => caseAction(api, caseId, 'raise-risk', 'village', { level, reason }));
      expect(result.statusCode, result.body).toBe(200);
      expect(result.json()).toMatchObject({ riskLevel: level, timeline: expect.arrayContaining([expect.objectContaining({ action: 'risk', note: reason })]) });
      expect(count.transactions, count.texts.join('\n')).toBe(1);
      expect(count.texts.filter((t) => /from "dispute_cases" where "id" = \$1 for update/.test(t)).length, count.texts.join('\n')).toBe(1);
      expect(parts(count.texts), count.texts.join('\n')).toBe(1);
      // The context, the lock, the change and its timeline entry, the answer's three reads, the audit
      // record (two: its chain's head, then the record); they were 15.
      expect(count.statements, count.texts.join('\n')).toBeLessThanOrEqual(9);
    }
  });
});
