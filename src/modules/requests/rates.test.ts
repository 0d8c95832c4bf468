import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../../test/helpers/harness.js';
import { SYSTEM_CONTEXT, withContext } from '../../platform/db/context.js';
import { hmacSm3 } from '../../platform/crypto.js';
import { deliverPending } from './notify.js';
import type { RateCounts } from './schema.js';
import { sweepOverdue } from './sweep-service.js';
import { client, intakeFixture, pointIn, relogin, SHANGHUANG, CHANGCHUN, type Intake } from './test-fixtures.js';

// The rates recomputed from the raw rows, by a second, independent reading of the formulas in
// RATE_FORMULAS; and the webhook adapter against a real HTTP receiver.

let h: Harness;
let f: Intake;
let api: ReturnType<typeof client>;
const received: { body: string; signature: string | undefined }[] = [];
let receiver: http.Server;

beforeAll(async () => {
  receiver = http.createServer((req, res) => {
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', () => {
      received.push({ body, signature: req.headers['x-gongzhi-signature'] as string | undefined });
      res.writeHead(received.length === 1 ? 500 : 204).end(); // the first delivery fails: it must be retried
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
  h = await createHarness({ loginRateLimitPerMinute: 1000, webhookUrl: url, webhookSecret: 'hook-secret' });
  f = await intakeFixture(h, ['county', 'township', 'village', 'village2', 'grid', 'dept']);
  api = client(h, f.cookies);
});
afterAll(async () => {
  await h?.close();
  receiver?.close();
});

const act = (id: string, action: string, who: string, body: object = {}) => api.post(`/api/v1/work-orders/${id}/${action}`, who, body);
const grid = (v: string) => f.grids.find((g) => g.villageCode === v)!;

async function scenario(): Promise<void> {
  const texts = ['垃圾桶满了没人收', '村里公共厕所门坏了', '路灯不亮好几天了', '自来水停了两天了', '邻居家的狗天天半夜叫'];
  const ids: string[] = [];
  for (let i = 0; i < 14; i++) {
    // 长春村 by address (its village office takes it), 上黄村 by a point in a grid (its grid worker).
    const where = i % 3 === 0 ? { address: '长春村' } : pointIn(grid(SHANGHUANG));
    const res = await api.post('/api/v1/public/requests', undefined, {
      description: `${texts[i % texts.length]}，第${i}次反映`,
      ...where,
      categoryCode: i % 2 ? '0204' : '0109',
      privacyAcknowledged: true,
    });
    expect(res.statusCode, res.body).toBe(201);
    ids.push(res.json().id);
  }
  const cadre = (i: number) => (i % 3 === 0 ? 'village2' : 'grid');
  // Some signed at once, some resolved, some followed up with each answer, one returned and upheld.
  for (const [i, id] of ids.entries()) {
    if (i % 4 !== 3) await act(id, 'sign', cadre(i));
    if (i < 10) await act(id, 'resolve', cadre(i), { resolution: '已处理完毕' });
  }
  const answers = [
    { contacted: true, resolved: true, satisfaction: 'satisfied' },
    { contacted: true, resolved: true, satisfaction: 'basically' },
    { contacted: false, resolved: true, satisfaction: 'basically' },
    { contacted: true, resolved: false, satisfaction: 'unsatisfied' },
    { contacted: true, resolved: true, satisfaction: 'satisfied' },
    { contacted: true, resolved: true, satisfaction: 'satisfied' },
  ];
  for (const [i, a] of answers.entries()) expect((await act(ids[i]!, 'follow-up', 'county', a)).statusCode).toBe(200);
  await act(ids[11]!, 'return', cadre(11), { note: '不是本村的事' });
  await act(ids[11]!, 'review-return', 'township', { approve: true });
  // Time passes: the rest go overdue and move up.
  h.clock.advanceMinutes(60 * 24 * 12);
  await sweepOverdue(h.deps);
  await relogin(f);
}

type Counts = Omit<RateCounts, 'key' | 'name' | 'responseRate' | 'resolutionRate' | 'satisfactionRate' | 'onTimeSignForRate' | 'onTimeResolutionRate'>;

/** The counts, computed in plain code from every row of the three tables. */
async function recount(key: (o: { township_code: string | null; category_code: string | null }) => string): Promise<Map<string, Counts>> {
  const { orders, followUps, stages } = await withContext(h.deps.db, SYSTEM_CONTEXT, async (tx) => ({
    orders: await tx.selectFrom('work_orders').selectAll().execute(),
    followUps: await tx.selectFrom('follow_ups').selectAll().execute(),
    stages: await tx.selectFrom('work_order_stages').selectAll().execute(),
  }));
  const now = h.clock.now().getTime();
  const out = new Map<string, Counts>();
  const t = (d: Date | string | null) => (d === null ? null : new Date(d).getTime());
  for (const o of orders) {
    if (o.status === 'merged') continue;
    const k = key(o);
    const c = out.get(k) ?? {
      orders: 0,
      followedUp: 0,
      contacted: 0,
      resolvedPerResident: 0,
      satisfied: 0,
      basicallySatisfied: 0,
      stagesDue: 0,
      signedOnTime: 0,
      resolveDue: 0,
      resolvedOnTime: 0,
      closed: 0,
      closedAt: { intake: 0, grid: 0, village: 0, township: 0, county: 0 },
    };
    out.set(k, c);
    c.orders++;
    const latest = followUps.filter((x) => x.order_id === o.id).sort((a, b) => t(b.created_at)! - t(a.created_at)! || b.id.localeCompare(a.id))[0];
    if (latest) {
      c.followedUp++;
      if (latest.contacted) c.contacted++;
      if (latest.resolved) c.resolvedPerResident++;
      if (latest.satisfaction === 'satisfied') c.satisfied++;
      if (latest.satisfaction === 'basically') c.basicallySatisfied++;
    }
    if (o.status === 'closed') {
      c.closed++;
      c.closedAt[o.closed_level as keyof Counts['closedAt']]++;
    }
    for (const s of stages.filter((x) => x.order_id === o.id && !x.excused)) {
      if (s.signed_at !== null || t(s.sign_for_due)! < now) c.stagesDue++;
      if (s.signed_at !== null && t(s.signed_at)! <= t(s.sign_for_due)!) c.signedOnTime++;
      const endedOrNow = t(s.ended_at) ?? now;
      if (s.end_reason === 'resolved' || (t(s.resolve_due)! < endedOrNow && (s.end_reason ?? 'escalated') === 'escalated')) c.resolveDue++;
      if (s.end_reason === 'resolved' && t(s.ended_at)! <= t(s.resolve_due)!) c.resolvedOnTime++;
    }
  }
  return out;
}

describe('rates', () => {
  it('reconcile with the raw rows, by township and by category, and the total is the sum', async () => {
    await scenario();
    for (const groupBy of ['township', 'category'] as const) {
      const res = await api.get(`/api/v1/requests/rates?from=2026-11-01&to=2026-12-31&groupBy=${groupBy}`, 'county');
      expect(res.statusCode, res.body).toBe(200);
      const report = res.json();
      const expected = await recount((o) => (groupBy === 'township' ? o.township_code : o.category_code) ?? '-');
      expect(report.rows.map((r: RateCounts) => r.key).sort()).toEqual([...expected.keys()].sort());
      for (const row of report.rows as RateCounts[]) {
        const e = expected.get(row.key)!;
        expect({
          ...row,
          key: undefined,
          name: undefined,
          responseRate: undefined,
          resolutionRate: undefined,
          satisfactionRate: undefined,
          onTimeSignForRate: undefined,
          onTimeResolutionRate: undefined,
        }).toMatchObject(e);
        expect(row.satisfactionRate).toBe(e.followedUp ? Math.round(((e.satisfied + e.basicallySatisfied) / e.followedUp) * 10000) / 10000 : null);
        expect(row.responseRate).toBe(e.followedUp ? Math.round((e.contacted / e.followedUp) * 10000) / 10000 : null);
      }
      const sum = (field: keyof Counts) => report.rows.reduce((s: number, r: RateCounts) => s + (r[field] as number), 0);
      for (const field of ['orders', 'followedUp', 'contacted', 'satisfied', 'stagesDue', 'signedOnTime', 'resolveDue', 'resolvedOnTime'] as const) {
        expect(report.total[field]).toBe(sum(field));
      }
    }
    // The scenario exercised every part of the formulas.
    const total = (await api.get('/api/v1/requests/rates?from=2026-11-01&to=2026-12-31&groupBy=township', 'county')).json().total;
    expect(total.followedUp).toBe(6);
    expect(total.contacted).toBe(5);
    expect(total.resolveDue).toBeGreaterThan(total.resolvedOnTime);
  });

  it('a village sees only its own orders in the rates', async () => {
    const mine = (await api.get('/api/v1/requests/rates?from=2026-11-01&to=2026-12-31&groupBy=village', 'village')).json();
    expect(mine.rows.map((r: RateCounts) => r.key)).toEqual([SHANGHUANG]);
    expect((await api.get(`/api/v1/requests/rates?from=2026-11-01&to=2026-12-31&groupBy=village&regionCode=${CHANGCHUN}`, 'village')).statusCode).toBe(400);
  });
});

describe('webhook notifications', () => {
  it('delivers each notice once, signed with HMAC-SM3, retrying a failed delivery', async () => {
    // Writes already handed their notices to the adapter in the background; finish the job.
    for (let i = 0; i < 5; i++) await deliverPending(h.deps);
    const rows = await withContext(h.deps.db, SYSTEM_CONTEXT, (tx) =>
      tx.selectFrom('notifications').select(['id', 'webhook_status', 'webhook_attempts']).execute(),
    );
    expect(rows.length).toBeGreaterThan(10);
    expect(rows.filter((r) => r.webhook_status !== 'delivered')).toEqual([]);
    // The receiver refused the very first delivery: that notice took two attempts, all others one.
    expect(rows.filter((r) => r.webhook_attempts === 2)).toHaveLength(1);
    expect(received).toHaveLength(rows.length + 1);
    const delivered = received.slice(1).map((r) => JSON.parse(r.body).id as string);
    expect(new Set(delivered).size).toBe(rows.length);
    for (const r of received) expect(r.signature).toBe(hmacSm3('hook-secret', r.body));
    expect(new Set(received.map((r) => JSON.parse(r.body).kind))).toContain('new');
  });
});
