import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../../test/helpers/harness.js';
import { composeIdNumber } from '../people/id-number.js';
import { client, intakeFixture, pointIn, SHANGHUANG, type Intake } from './test-fixtures.js';

// Personal numbers typed into free text (security review, issue #10): every page that shows a
// work order's or a dispute case's text shows them masked, to every role.

let h: Harness;
let f: Intake;
let api: ReturnType<typeof client>;

const ID = composeIdNumber('522631', '19750302', 457);
const OLD_ID = '522631750302457'; // a 15-digit ID from before 1999
const MOBILE = '13900003333';
const ROLES = ['county', 'township', 'village', 'grid'] as const;

/** What must never appear, and what appears instead. */
const FULL = [ID, OLD_ID, MOBILE, '139-0000-3333', '1234567', '13900004444'];
const MASKED = [`522631********${ID.slice(-4)}`, '522631*****2457', '+86 139****3333', '0855-***4567', '139****3333'];

function expectMasked(body: string, expected: string[] = MASKED): void {
  for (const full of FULL) expect(body).not.toContain(full);
  for (const masked of expected) expect(body).toContain(masked);
}

let orderId: string;

beforeAll(async () => {
  h = await createHarness({ loginRateLimitPerMinute: 1000 });
  f = await intakeFixture(h, [...ROLES]);
  api = client(h, f.cookies);
  const grid = f.grids.find((g) => g.villageCode === SHANGHUANG)!;
  const created = await api.post('/api/v1/requests', 'county', {
    description: `我叫杨某，身份证号${ID}（老证 ${OLD_ID}），手机 +86 139-0000-3333，座机 0855-1234567，三组垃圾池好几天没人清运`,
    address: `上黄村三组，联系电话 ${MOBILE}`,
    categoryCode: '0204',
    requesterName: '杨某',
    requesterPhone: MOBILE,
    ...pointIn(grid),
  });
  expect(created.statusCode, created.body).toBe(201);
  orderId = created.json().id;
  // The grid worker handles it, writing numbers into the timeline; the centre follows up.
  const act = (action: string, who: string, body: object) => api.post(`/api/v1/work-orders/${orderId}/${action}`, who, body);
  expect((await act('sign', 'grid', {})).statusCode).toBe(200);
  expect((await act('progress', 'grid', { note: `已电话联系 ${MOBILE}，明天上午清运` })).statusCode).toBe(200);
  expect((await act('resolve', 'grid', { resolution: `已清运，经办人身份证 ${ID}` })).statusCode).toBe(200);
  const followed = await act('follow-up', 'county', { contacted: true, resolved: true, satisfaction: 'satisfied', comment: '群众说有事再打 139 0000 4444' });
  expect(followed.statusCode, followed.body).toBe(200);
});
afterAll(() => h?.close());

describe('ID and phone numbers in a work order’s free text', () => {
  it('are masked on the order page — description, address, timeline, resolution, follow-up — for every role', async () => {
    for (const who of ROLES) {
      const res = await api.get(`/api/v1/work-orders/${orderId}`, who);
      expect(res.statusCode, `${who}: ${res.body}`).toBe(200);
      expectMasked(res.body, [...MASKED, '139****4444']);
      const d = res.json();
      expect(d.description).toContain(`身份证号522631********${ID.slice(-4)}`);
      expect(d.address).toBe('上黄村三组，联系电话 139****3333');
      expect(d.resolution).toBe(`已清运，经办人身份证 522631********${ID.slice(-4)}`);
      expect(d.timeline.find((e: { action: string }) => e.action === 'progress').note).toBe('已电话联系 139****3333，明天上午清运');
      expect(d.followUps[0].comment).toBe('群众说有事再打 139****4444');
    }
  });

  it('are masked in the work-order list for every role, those who may reveal a contact included', async () => {
    for (const who of ROLES) {
      const res = await api.get('/api/v1/work-orders?pageSize=200', who);
      expect(res.statusCode, `${who}: ${res.body}`).toBe(200);
      const mine = res.json().items.find((o: { id: string }) => o.id === orderId);
      expect(mine, who).toBeDefined();
      expectMasked(JSON.stringify(mine));
      expectMasked(res.body, []);
    }
  });

  it('are masked in the caller history for every role', async () => {
    for (const who of ROLES) {
      const res = await api.get(`/api/v1/callers?phone=${MOBILE}`, who);
      expect(res.statusCode, `${who}: ${res.body}`).toBe(200);
      expect(res.json().recent.map((o: { id: string }) => o.id)).toContain(orderId);
      expectMasked(res.body);
    }
  });

  it('the full contact number comes only through the audited reveal, and the text stays masked', async () => {
    const revealed = await api.post(`/api/v1/work-orders/${orderId}/reveal-contact`, 'village', { reason: '回电核实清运情况' });
    expect(revealed.statusCode, revealed.body).toBe(200);
    expect(revealed.json()).toEqual({ phone: MOBILE });
    expectMasked((await api.get(`/api/v1/work-orders/${orderId}`, 'village')).body, ['139****3333']);
  });
});

describe('ID and phone numbers in a dispute case’s texts', () => {
  it('are masked in the case, its session record and the case list, for every role that sees it', async () => {
    const opened = await api.post('/api/v1/disputes/cases', 'village', {
      disputeType: '1201',
      narrative: `申请人身份证 ${ID}，电话 ${MOBILE}，与邻居因院坝边界发生争执`,
      parties: [
        { role: 'applicant', name: '杨某' },
        { role: 'respondent', name: '吴某' },
      ],
    });
    expect(opened.statusCode, opened.body).toBe(201);
    const caseId = opened.json().id;
    const session = await api.post(`/api/v1/disputes/cases/${caseId}/session`, 'village', {
      heldAt: h.clock.now().toISOString(),
      place: '村委会调解室',
      attendees: ['杨某', '吴某'],
      record: `双方到场，吴某留下电话 0855-1234567`,
      methods: ['family'],
    });
    expect(session.statusCode, session.body).toBe(200);
    for (const who of ['county', 'township', 'village'] as const) {
      const res = await api.get(`/api/v1/disputes/cases/${caseId}`, who);
      expect(res.statusCode, `${who}: ${res.body}`).toBe(200);
      expectMasked(res.body, [`522631********${ID.slice(-4)}`, '139****3333', '0855-***4567']);
      const list = await api.get('/api/v1/disputes/cases?pageSize=100', who);
      expect(list.statusCode).toBe(200);
      expectMasked(JSON.stringify(list.json().items.find((c: { id: string }) => c.id === caseId)), [`522631********${ID.slice(-4)}`, '139****3333']);
    }
  });
});
