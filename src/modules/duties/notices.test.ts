import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../../test/helpers/harness.js';
import { TEST_COUNTY } from '../../../test/helpers/template.js';
import { chinaDate } from '../../platform/time.js';
import { lastTwelveMonths } from './dashboard-service.js';
import { DEMO_NOTICE_TREND } from './demo-notices.js';
import { seedDemoDuties } from './demo.js';
import type { Dashboard, Notice, NoticeStats } from './notice-schema.js';

// 减文减会 and the burden dashboard through the API, on the demo county: documents and meetings are
// recorded by the offices that send them (and only inside their area), counted by the measures
// and per sending unit and month; the dashboard's months equal the measures for each month, and
// the demo year falls as the seeds report.

let h: Harness;
const cookies: Record<string, string> = {};
let me: Record<string, { regionCode: string }> = {};
let townshipVillages: string[];

beforeAll(async () => {
  h = await createHarness({ loginRateLimitPerMinute: 1000 });
  await seedDemoDuties(h.deps, TEST_COUNTY, { seed: 5 });
  for (const u of ['county', 'township', 'village']) {
    cookies[u] = await h.login(u);
    me = { ...me, [u]: (await get('/api/v1/auth/me', u)).json().user };
  }
  const { rows } = await h.database.admin.query(
    `SELECT v.code FROM regions v JOIN regions t ON v.path <@ t.path WHERE t.code = $1 AND v.level = 'village' ORDER BY v.code`,
    [me.township!.regionCode],
  );
  townshipVillages = (rows as { code: string }[]).map((r) => r.code);
});
afterAll(() => h?.close());

function get(url: string, who: string) {
  return h.app.inject({ method: 'GET', url, headers: { cookie: cookies[who]! } });
}
function post(url: string, who: string, payload: object) {
  return h.app.inject({ method: 'POST', url, headers: { cookie: cookies[who]! }, payload });
}
const today = () => chinaDate(h.clock.now());
async function measure(id: string, regionCode: string, from = today(), to = today()): Promise<number> {
  const res = await get(`/api/v1/measures/values?from=${from}&to=${to}&ids=${id}&regionCode=${regionCode}`, 'county');
  expect(res.statusCode, res.body).toBe(200);
  return res.json().measures[0].figures[regionCode].value as number;
}

describe('documents and meetings addressed down (减文减会)', () => {
  it('a township records a meeting for two of its villages; the measures and the per-unit stats count it', async () => {
    const town = me.township!.regionCode;
    const [docsBefore, meetingsBefore] = [await measure('duties.documents_sent', town), await measure('duties.meetings_held', town)];
    const res = await post('/api/v1/notices', 'township', {
      kind: 'meeting',
      title: '冬季森林防火工作部署会',
      issuer: '中潮镇人民政府',
      issuedOn: today(),
      targetRegionCodes: townshipVillages.slice(0, 2),
      attendees: '村党组织书记',
      hours: 2.5,
    });
    expect(res.statusCode, res.body).toBe(201);
    const saved = res.json() as Notice;
    expect(saved).toMatchObject({ kind: 'meeting', villageCount: 2, hours: 2.5, senderRegionCode: town, docNumber: null });
    expect(saved.targets.map((t) => t.code)).toEqual(townshipVillages.slice(0, 2));
    expect(await measure('duties.meetings_held', town)).toBe(meetingsBefore + 1);
    expect(await measure('duties.documents_sent', town)).toBe(docsBefore);
    const stats = (await get(`/api/v1/notices/stats?from=${today()}&to=${today()}`, 'township')).json() as NoticeStats;
    const line = stats.find((s) => s.issuer === '中潮镇人民政府' && s.month === today().slice(0, 7))!;
    expect(line.meetings).toBeGreaterThanOrEqual(1);
    const listed = (await get('/api/v1/notices?kind=meeting', 'township')).json() as Notice[];
    expect(listed.map((n) => n.id)).toContain(saved.id);
    const audit = await h.database.admin.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'duties.notice.meeting' AND target_id = $1`, [
      saved.id,
    ]);
    expect((audit.rows[0] as { n: number }).n).toBe(1);
  });

  it('the county records a document to a township: it reaches all the township’s villages', async () => {
    const county = me.county!.regionCode;
    const before = await measure('duties.documents_sent', county);
    const res = await post('/api/v1/notices', 'county', {
      kind: 'document',
      docNumber: '黎党办发〔2026〕99号',
      title: '关于进一步精简会议文件的通知',
      issuer: '县委办公室',
      issuedOn: today(),
      targetRegionCodes: [me.township!.regionCode],
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().villageCount).toBe(townshipVillages.length);
    expect(await measure('duties.documents_sent', county)).toBe(before + 1);
    // The township's own figure counts what the township sent, not the county's document.
    const list = (await get('/api/v1/notices?kind=document', 'township')).json() as Notice[];
    expect(list.map((n) => n.id)).not.toContain(res.json().id);
  });

  it('refuses bad input naming the field, a target outside the sender’s area, and a village cadre', async () => {
    const base = { kind: 'meeting', title: '会', issuer: '中潮镇党委', issuedOn: today(), targetRegionCodes: townshipVillages.slice(0, 1) };
    const noAttendees = await post('/api/v1/notices', 'township', base);
    expect(noAttendees.statusCode).toBe(400);
    expect(noAttendees.json().error.details.field).toBe('attendees');
    expect(noAttendees.json().error.message).toContain('参会');
    const { rows } = await h.database.admin.query(
      `SELECT v.code FROM regions v WHERE v.level = 'village' AND v.code LIKE $1 AND NOT v.path <@ (SELECT path FROM regions WHERE code = $2) LIMIT 1`,
      [`${TEST_COUNTY}%`, me.township!.regionCode],
    );
    const outside = (rows[0] as { code: string }).code;
    const wrong = await post('/api/v1/notices', 'township', { ...base, attendees: '书记', targetRegionCodes: [townshipVillages[0], outside] });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.details.field).toBe('targetRegionCodes.1');
    const future = await post('/api/v1/notices', 'township', { ...base, attendees: '书记', issuedOn: '2099-01-01' });
    expect(future.json().error.details.field).toBe('issuedOn');
    expect((await post('/api/v1/notices', 'village', { ...base, attendees: '书记' })).statusCode).toBe(403);
    // Nothing half-written: the failed attempts left no rows.
    const n = await h.database.admin.query(`SELECT count(*)::int AS n FROM notices WHERE title = '会'`);
    expect((n.rows[0] as { n: number }).n).toBe(0);
  });
});

describe('burden dashboard (减负看板)', () => {
  let board: Dashboard;
  beforeAll(async () => {
    const res = await get('/api/v1/duties/dashboard', 'county');
    expect(res.statusCode, res.body).toBe(200);
    board = res.json();
  });

  it('gives the last twelve months for the county with its townships to switch to, and the demo year falling as the seeds report', () => {
    expect(board.months.map((m) => m.month)).toEqual(lastTwelveMonths(today()));
    expect(board.townships.length).toBeGreaterThan(10);
    const [first, lastFull] = [board.months[0]!, board.months[10]!];
    expect(first.documents).toBe(DEMO_NOTICE_TREND.documents.first);
    expect(lastFull.documents).toBe(DEMO_NOTICE_TREND.documents.last);
    expect(Math.round(((lastFull.documents - first.documents) / first.documents) * 1000) / 10).toBe(-41.5);
    expect(Math.round(((lastFull.meetings - first.meetings) / first.meetings) * 1000) / 10).toBe(-38.7);
  });

  it('each month equals the measures computed for that month (the same rows and bounds)', async () => {
    // A report generated now, so the report-field figures are not all zero.
    const tpl = (await get('/api/v1/report-templates', 'county')).json()[0];
    expect((await post('/api/v1/reports', 'county', { templateId: tpl.id, from: `${today().slice(0, 8)}01`, to: today() })).statusCode).toBe(201);
    const fresh = (await get('/api/v1/duties/dashboard', 'county')).json() as Dashboard;
    const county = me.county!.regionCode;
    for (const idx of [3, 10, 11]) {
      const m = fresh.months[idx]!;
      const [y, mo] = m.month.split('-').map(Number) as [number, number];
      const from = `${m.month}-01`;
      const to = idx === 11 ? today() : new Date(Date.UTC(y, mo, 0)).toISOString().slice(0, 10);
      const res = await get(`/api/v1/measures/values?from=${from}&to=${to}&ids=${Object.values(fresh.measures).join(',')}&regionCode=${county}`, 'county');
      const byId = new Map((res.json().measures as { id: string; figures: Record<string, { value: number }> }[]).map((x) => [x.id, x.figures[county]!.value]));
      for (const [figure, id] of Object.entries(fresh.measures))
        expect([m.month, figure, m[figure as keyof typeof m]]).toEqual([m.month, figure, byId.get(id)]);
    }
    const now = fresh.months[11]!;
    expect(now.reportFieldsSystem).toBeGreaterThan(now.reportFieldsAsked);
    expect(now.workItemsSent).toBeGreaterThan(0);
  });

  it('a township sees its own; a township is refused the county’s (out of scope, naming the field); a village cadre sees its village', async () => {
    const town = (await get('/api/v1/duties/dashboard', 'township')).json() as Dashboard;
    expect(town).toMatchObject({ regionCode: me.township!.regionCode, regionLevel: 'township', townships: [] });
    expect(town.months[0]!.documents).toBeLessThan(board.months[0]!.documents);
    const county = await get(`/api/v1/duties/dashboard?regionCode=${me.county!.regionCode}`, 'township');
    expect(county.statusCode).toBe(400);
    expect(county.json().error.details.field).toBe('regionCode');
    expect((await get('/api/v1/duties/dashboard', 'village')).statusCode).toBe(200);
  });
});
