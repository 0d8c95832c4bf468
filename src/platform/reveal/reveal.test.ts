import { Value } from 'typebox/value';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../../test/helpers/harness.js';
import { composeIdNumber } from '../../modules/people/id-number.js';
import { client, intakeFixture, SHANGHUANG, type Intake } from '../../modules/requests/test-fixtures.js';
import { SYSTEM_CONTEXT, withContext } from '../db/context.js';
import { RevealAlertDetailsSchema } from './schema.js';

// Revealing full numbers (security review, issue #10): a reason that is real text, and a per-user
// throttle (a village account once revealed 60 full IDs in 0.7 s) that alerts the security admin.

let h: Harness;
let f: Intake;
let api: ReturnType<typeof client>;
let residentId: string;
let orderId: string;

const ID = composeIdNumber('522631', '19660606', 135);
const revealId = (who: string, reason = '核实低保申请材料') => api.post(`/api/v1/residents/${residentId}/reveal`, who, { field: 'idNumber', reason });
const revealContact = (who: string, reason = '回电核实诉求地点') => api.post(`/api/v1/work-orders/${orderId}/reveal-contact`, who, { reason });
const audits = (action: string) =>
  withContext(h.deps.db, SYSTEM_CONTEXT, (tx) =>
    tx.selectFrom('audit_log').select(['actor_name', 'outcome', 'details']).where('action', '=', action).orderBy('seq').execute(),
  );

beforeAll(async () => {
  // A day limit of 30 so the test can reach it; the 10-minute limit is the default 20.
  h = await createHarness({ loginRateLimitPerMinute: 1000, revealPerDay: 30 });
  f = await intakeFixture(h, ['county', 'township', 'village', 'secadmin', 'auditor']);
  api = client(h, f.cookies);
  const household = await api.post('/api/v1/households', 'village', {
    villageCode: SHANGHUANG,
    address: '上黄村四组 8 号',
    members: [{ name: '龙阿公', relation: 'head', idNumber: ID, phone: '13900007777' }],
  });
  expect(household.statusCode, household.body).toBe(201);
  residentId = household.json().members[0].id;
  const order = await api.post('/api/v1/requests', 'county', {
    description: '上黄村四组的路灯坏了一个星期',
    address: '上黄村四组',
    requesterPhone: '13900008888',
  });
  expect(order.statusCode, order.body).toBe(201);
  orderId = order.json().id;
});
afterAll(() => h?.close());

describe('the reason for a reveal', () => {
  const hollow = [
    '     ', // spaces only
    '\u200B\u200B\u200B\u200B\u200B', // zero-width spaces
    '\u200C\u200D\u2060\uFEFF\u200B\u200C', // every zero-width character named in the review
    ' a\u200Bb\u200C \u3000 ', // two letters padded to look long
    '\u3164\u3164\u3164\u3164', // Hangul fillers: "letters" that show as blanks
    '。。。。！', // punctuation only
  ];

  it('is refused (400 naming `reason`) when it is only spaces, zero-width or other invisible characters', async () => {
    for (const reason of hollow) {
      for (const res of [await revealId('county', reason), await revealContact('county', reason)]) {
        expect(res.statusCode, JSON.stringify(reason)).toBe(400);
        expect(res.json().error).toMatchObject({ code: 'VALIDATION_FAILED', details: { field: 'reason' } });
        expect(res.json().error.message).toMatch(/^reason: /);
      }
    }
    expect((await audits('resident.reveal')).length + (await audits('work_order.reveal_contact')).length).toBe(0);
  });

  it('is accepted when it says something, and audited without the invisible characters', async () => {
    const res = await revealId('county', '\u200B 核实\u200B身份 \u200B');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ value: ID });
    expect((await audits('resident.reveal')).at(-1)!.details).toEqual({ field: 'idNumber', reason: '核实身份' });
  });
});

describe('the reveal throttle', () => {
  it('refuses the 21st reveal in 10 minutes with 429, audits the refusal and alerts the security admin once', async () => {
    for (let i = 0; i < 20; i++) {
      const res = i % 2 ? await revealId('village') : await revealContact('village');
      expect(res.statusCode, `reveal ${i + 1}: ${res.body}`).toBe(200);
    }
    const refused = await revealId('village');
    expect(refused.statusCode, refused.body).toBe(429);
    expect(refused.json().error.code).toBe('RATE_LIMITED');
    expect(refused.json().error.message).toContain('查看完整号码过于频繁');
    expect(refused.body).not.toContain(ID);
    expect((await revealContact('village')).statusCode).toBe(429);

    const denied = (await audits('resident.reveal')).filter((a) => a.outcome === 'denied');
    expect(denied).toHaveLength(1);
    expect(denied[0]).toMatchObject({ actor_name: 'village', details: { refusal: 'rate_limited', window: 'ten_minutes', count: 20 } });
    expect((await audits('work_order.reveal_contact')).filter((a) => a.outcome === 'denied')).toHaveLength(1);

    const alerts = await api.get('/api/v1/security/alerts', 'secadmin');
    expect(alerts.statusCode, alerts.body).toBe(200);
    expect(alerts.json().total).toBe(1); // one alert for the burst, not one per refusal
    expect(alerts.json().items[0]).toMatchObject({
      action: 'security.alert',
      actorName: 'village',
      details: { kind: 'reveal_rate_exceeded', username: 'village', window: 'ten_minutes', count: 20 },
    });
    expect(alerts.json().items[0].details.message).toContain('超过限额');
  });

  it('names the user in the alert as people know them, in details the web page reads by their schema', async () => {
    const [alert] = (await api.get('/api/v1/security/alerts', 'secadmin')).json().items;
    expect(Value.Check(RevealAlertDetailsSchema, alert.details), JSON.stringify([...Value.Errors(RevealAlertDetailsSchema, alert.details)])).toBe(true);
    const { displayName } = (await api.get('/api/v1/auth/me', 'village')).json().user;
    expect(displayName).toMatch(/张支书/);
    expect(alert.details).toMatchObject({
      displayName,
      username: 'village',
      role: 'village_cadre',
      limits: { per10Min: 20, perDay: 30 },
      lastTarget: { type: 'resident', field: 'idNumber' },
    });
  });

  it('lets only the security admin read the alerts, and the security admin nothing else of the log', async () => {
    for (const who of ['county', 'village', 'auditor']) expect((await api.get('/api/v1/security/alerts', who)).statusCode).toBe(403);
    expect((await api.get('/api/v1/audit', 'secadmin')).statusCode).toBe(403);
  });

  it('leaves another user alone', async () => {
    expect((await revealId('township')).statusCode).toBe(200);
    expect((await revealContact('township')).statusCode).toBe(200);
    expect((await revealId('county')).statusCode).toBe(200);
  });

  it('counts reveals sent all at once exactly: none slips past the limit', async () => {
    // The township has revealed twice (above); 25 at once leave 18 granted and 7 refused.
    const codes = (await Promise.all(Array.from({ length: 25 }, (_, i) => (i % 2 ? revealId('township') : revealContact('township'))))).map(
      (r) => r.statusCode,
    );
    expect(codes.filter((c) => c === 200)).toHaveLength(18);
    expect(codes.filter((c) => c === 429)).toHaveLength(7);
    const alerts = (await api.get('/api/v1/security/alerts', 'secadmin')).json();
    expect(alerts.items.filter((a: { actorName: string }) => a.actorName === 'township')).toHaveLength(1);
  });

  it('opens again after 10 minutes, until the day’s limit', async () => {
    h.clock.advanceMinutes(11);
    for (let i = 0; i < 10; i++) expect((await revealContact('village')).statusCode, `reveal ${21 + i}`).toBe(200);
    const refused = await revealContact('village');
    expect(refused.statusCode).toBe(429);
    expect((await audits('work_order.reveal_contact')).at(-1)).toMatchObject({ outcome: 'denied', details: { window: 'day', count: 30 } });
    const alerts = (await api.get('/api/v1/security/alerts', 'secadmin')).json();
    expect(alerts.items.filter((a: { actorName: string }) => a.actorName === 'village')).toHaveLength(2);
    expect(alerts.items[0].details).toMatchObject({ username: 'village', window: 'day' });
  });
});
