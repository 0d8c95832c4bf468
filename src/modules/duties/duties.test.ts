import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../../test/helpers/harness.js';
import { TEST_COUNTY } from '../../../test/helpers/template.js';
import { withContext } from '../../platform/db/context.js';
import { chinaDate } from '../../platform/time.js';
import { seedDemoDuties } from './demo.js';
import type { DutyItem, Report, SendResult, WorkItem } from './schema.js';

// Burden reduction through the API, on the demo county's lists: work-item access (delivered,
// refused, held then approved), the database holding the same rule, reports filled from the
// system with only the rest asked of villages (once), and the certificate list.

let h: Harness;
const cookies: Record<string, string> = {};
let village: { code: string; path: string };
let items: DutyItem[];
const COUNTY = TEST_COUNTY.padEnd(12, '0');

beforeAll(async () => {
  h = await createHarness({ loginRateLimitPerMinute: 1000 });
  await seedDemoDuties(h.deps, TEST_COUNTY, { seed: 7 });
  for (const u of ['county', 'township', 'village', 'village2', 'dept', 'dept2']) cookies[u] = await h.login(u);
  const me = (await get('/api/v1/auth/me', 'village')).json().user;
  const path = (await h.database.admin.query('SELECT path::text AS path FROM regions WHERE code = $1', [me.regionCode])).rows[0] as { path: string };
  village = { code: me.regionCode, path: path.path };
  items = (await get(`/api/v1/duties/items?regionCode=${village.code}`, 'village')).json();
});
afterAll(() => h?.close());

function get(url: string, who: string) {
  return h.app.inject({ method: 'GET', url, headers: { cookie: cookies[who]! } });
}
function post(url: string, who: string, payload: object) {
  return h.app.inject({ method: 'POST', url, headers: { cookie: cookies[who]! }, payload });
}
const item = (name: string) => items.find((i) => i.name === name)!;
const inbox = async (who: string, box: string) => (await get(`/api/v1/work-items?box=${box}&pageSize=100`, who)).json().items as WorkItem[];

describe('duty lists', () => {
  it('a village inherits the county’s three lists; a village’s proposal waits for the county', async () => {
    const lists = new Set(items.map((i) => i.list));
    for (const l of ['village_main', 'village_assist', 'village_forbidden', 'small_power']) expect(lists.has(l as DutyItem['list'])).toBe(true);
    expect(items.filter((i) => i.list === 'village_forbidden').length).toBeGreaterThanOrEqual(20);
    expect(items.every((i) => i.inherited)).toBe(true);
    const res = await post('/api/v1/duties/items', 'village', {
      list: 'village_main',
      regionCode: village.code,
      code: '村主-自01',
      name: '管理村内茶叶合作社公共晒场',
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ status: 'proposed', inherited: false });
    const pending = (await get('/api/v1/duties/items?pending=true', 'county')).json() as DutyItem[];
    expect(pending.map((p) => p.id)).toContain(res.json().id);
    const decided = await post(`/api/v1/duties/items/${res.json().id}/decide`, 'county', { approve: true, note: '符合村级自治事项' });
    expect(decided.json().status).toBe('active');
    // A village cannot approve, and cannot touch a township list.
    expect((await post(`/api/v1/duties/items/${res.json().id}/decide`, 'village', { approve: true, note: 'x' })).statusCode).toBe(403);
    const wrong = await post('/api/v1/duties/items', 'village', { list: 'township_basic', regionCode: village.code, code: 'x-1', name: '乡镇事项' });
    expect(wrong.json().error.details.field).toBe('list');
  });

  it('exports the lists as a spreadsheet, one sheet per list', async () => {
    const res = await get(`/api/v1/duties/items.xlsx?regionCode=${village.code}`, 'village');
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('村级负面事项')!;
    expect(sheet.rowCount).toBe(items.filter((i) => i.list === 'village_forbidden').length + 1);
  });
});

describe('work-item access (事项准入)', () => {
  let held: WorkItem;

  it('refuses a department’s task on the forbidden list with the reason, and counts it', async () => {
    const before = (
      await get(`/api/v1/measures/values?from=${chinaDate(h.clock.now())}&to=${chinaDate(h.clock.now())}&ids=duties.work_items_refused`, 'county')
    ).json();
    const res = await post('/api/v1/work-items', 'dept', {
      kind: 'task',
      title: '市场主体年报催报',
      content: '请各村通知个体户完成年报',
      targetRegionCodes: [village.code],
      dutyItemId: item('市场主体登记和年报催报').id,
    });
    expect(res.statusCode, res.body).toBe(201);
    const out = res.json() as SendResult;
    expect(out).toMatchObject({ delivered: 0, refused: 1, held: 0 });
    expect(out.items[0]!.reason).toContain('村级负面事项');
    expect(out.items[0]!.reason).toContain('市场主体登记和年报催报');
    expect((await inbox('village', 'incoming')).map((w) => w.id)).not.toContain(out.items[0]!.id);
    expect((await inbox('village', 'refused')).map((w) => w.id)).toContain(out.items[0]!.id);
    const after = (
      await get(`/api/v1/measures/values?from=${chinaDate(h.clock.now())}&to=${chinaDate(h.clock.now())}&ids=duties.work_items_refused`, 'county')
    ).json();
    expect(after.measures[0].figures[COUNTY].value).toBe(before.measures[0].figures[COUNTY].value + 1);
    const stats = (await get(`/api/v1/work-items/stats?from=${chinaDate(h.clock.now())}&to=${chinaDate(h.clock.now())}`, 'county')).json();
    expect(stats.rows.find((r: { senderName: string }) => r.senderName === '县住房和城乡建设局').refused).toBeGreaterThanOrEqual(1);
  });

  it('delivers a task under an assisting item of the sending department, and refuses it from another', async () => {
    const body = {
      kind: 'inspection',
      title: '自建房安全排查',
      content: '请协助排查',
      targetRegionCodes: [village.code],
      dutyItemId: item('协助开展农村危房排查').id,
    };
    const ok = (await post('/api/v1/work-items', 'dept', body)).json() as SendResult;
    expect(ok.delivered).toBe(1);
    expect((await inbox('village', 'incoming')).map((w) => w.id)).toContain(ok.items[0]!.id);
    const other = (await post('/api/v1/work-items', 'dept2', body)).json() as SendResult;
    expect(other.refused).toBe(1);
    expect(other.items[0]!.reason).toContain('县住房和城乡建设局提请');
  });

  it('holds an item on no list for the county, and delivers it once approved', async () => {
    const res = await post('/api/v1/work-items', 'dept', {
      kind: 'meeting',
      title: '城市管理工作推进会',
      content: '请各村书记参会',
      targetRegionCodes: [village.code],
      exceptionReason: '涉及农村建房审批新规，需村书记当面了解',
    });
    held = (res.json() as SendResult).items[0]!;
    expect(held.status).toBe('held');
    expect((await inbox('village', 'incoming')).map((w) => w.id)).not.toContain(held.id);
    expect((await inbox('county', 'held')).map((w) => w.id)).toContain(held.id);
    const noExpiry = await post(`/api/v1/work-items/${held.id}/decide`, 'county', { approve: true, note: '同意' });
    expect(noExpiry.json().error.details.field).toBe('expiresOn');
    expect((await post(`/api/v1/work-items/${held.id}/decide`, 'dept', { approve: true, note: '自批', expiresOn: chinaDate(h.clock.now()) })).statusCode).toBe(
      403,
    );
    const ok = await post(`/api/v1/work-items/${held.id}/decide`, 'county', {
      approve: true,
      note: '一次性例外',
      expiresOn: chinaDate(new Date(h.clock.now().getTime() + 7 * 86_400_000)),
    });
    expect(ok.json()).toMatchObject({ status: 'delivered', approvalNote: '一次性例外' });
    expect((await inbox('village', 'incoming')).map((w) => w.id)).toContain(held.id);
  });

  it('refuses an item on no list without an exception reason, and a target that is not a village', async () => {
    const res = (
      await post('/api/v1/work-items', 'dept', { kind: 'form', title: '填表', content: '填表', targetRegionCodes: [village.code] })
    ).json() as SendResult;
    expect(res.refused).toBe(1);
    const bad = await post('/api/v1/work-items', 'dept', { kind: 'form', title: '填表', content: '填表', targetRegionCodes: [village.code, COUNTY] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.field).toBe('targetRegionCodes.1');
    expect((await post('/api/v1/work-items', 'village', { kind: 'form', title: '填表', content: '填表', targetRegionCodes: [village.code] })).statusCode).toBe(
      403,
    );
  });

  it('holds the rule in the database: a sender writing "delivered" itself under a forbidden item is refused', async () => {
    const me = (await get('/api/v1/auth/me', 'dept')).json().user;
    const countyPath = (await h.database.admin.query('SELECT path::text AS path FROM regions WHERE code = $1', [COUNTY])).rows[0] as { path: string };
    const forbidden = item('市场主体登记和年报催报');
    const ctx = { userId: me.id, role: 'department_staff', scopePath: countyPath.path, departmentId: me.departmentId };
    const write = (dutyItemId: string) =>
      withContext(h.deps.db, ctx, (tx) =>
        tx
          .insertInto('work_items')
          .values({
            id: crypto.randomUUID(),
            batch_id: crypto.randomUUID(),
            kind: 'task',
            title: '绕过审查',
            content: '直接写入',
            sender_user_id: me.id,
            sender_name: '县住房和城乡建设局',
            sender_department_id: me.departmentId,
            duty_item_id: dutyItemId,
            target_region_code: village.code,
            target_path: village.path,
            status: 'delivered',
            reason: '自称下达',
            decided_at: new Date(),
            created_at: new Date(),
          })
          .execute(),
      );
    await expect(write(forbidden.id)).rejects.toThrow(/row-level security/);
    const count = (await h.database.admin.query("SELECT count(*)::int AS n FROM work_items WHERE title = '绕过审查'")).rows[0] as { n: number };
    expect(count.n).toBe(0);
    // The same write under a main item passes: the policy checks the list, it does not refuse all.
    await write(item('村庄环境卫生和门前三包').id);
    const after = (await h.database.admin.query("SELECT count(*)::int AS n FROM work_items WHERE title = '绕过审查'")).rows[0] as { n: number };
    expect(after.n).toBe(1);
  });

  it('shows a village only its own items, and a department only what it sent', async () => {
    const other = await inbox('village2', 'incoming');
    expect(other.every((w) => w.targetRegionCode !== village.code)).toBe(true);
    expect((await get(`/api/v1/work-items/${held.id}`, 'village2')).statusCode).toBe(404);
    expect((await get('/api/v1/work-items?box=incoming', 'dept')).statusCode).toBe(400);
    const sent = await inbox('dept2', 'sent');
    expect(sent.every((w) => w.senderName === '县综合行政执法局')).toBe(true);
  });
});

describe('reports filled from the system (在系统取数据)', () => {
  let report: Report;
  const from = '2026-07-01';
  const to = '2026-09-30';

  it('fills every mapped field for the county and sends only the unmapped ones down, once', async () => {
    const templates = (await get('/api/v1/report-templates', 'county')).json();
    const template = templates.find((t: { name: string }) => t.name === '基层治理基本情况季报');
    const res = await post('/api/v1/reports', 'county', { templateId: template.id, from, to });
    expect(res.statusCode, res.body).toBe(201);
    report = res.json();
    expect(report).toMatchObject({ filledBySystem: 12, askedOfVillages: 3 });
    const villages = (await h.database.admin.query("SELECT count(*)::int AS n FROM regions WHERE level = 'village'")).rows[0] as { n: number };
    expect(report.requestsSent).toBe(villages.n);
    const households = report.fields.find((f) => f.key === 'households')!;
    expect(households).toMatchObject({ source: 'system', measureId: 'people.households' });
    const raw = (await h.database.admin.query("SELECT count(*)::int AS n FROM households WHERE status = 'active'")).rows[0] as { n: number };
    expect(households.value).toBe(raw.n);
    expect(households.formula).toContain('在册');
    const farmland = report.fields.find((f) => f.key === 'farmland.area_mu')!;
    expect(farmland).toMatchObject({ source: 'villages', value: null, villagesAnswered: 0, villagesAsked: villages.n });

    // The same report again for the same period asks nobody twice.
    const again = (await post('/api/v1/reports', 'county', { templateId: template.id, from, to })).json() as Report;
    expect(again.requestsSent).toBe(0);
  });

  it('keeps what a village enters, and does not ask it again for the same period', async () => {
    const request = (await inbox('village', 'incoming')).find((w) => w.kind === 'data_request' && w.periodFrom === from)!;
    expect(request.fields!.map((f) => f.key)).toEqual(['farmland.area_mu', 'collective.income_10k', 'migrant.workers_returned']);
    const missing = await post(`/api/v1/work-items/${request.id}/answer`, 'village', { values: { 'farmland.area_mu': 1520 } });
    expect(missing.json().error.details.field).toBe('values.collective.income_10k');
    const answered = await post(`/api/v1/work-items/${request.id}/answer`, 'village', {
      values: { 'farmland.area_mu': 1520, 'collective.income_10k': 12.5, 'migrant.workers_returned': 37 },
    });
    expect(answered.statusCode, answered.body).toBe(200);
    expect((await post(`/api/v1/work-items/${request.id}/answer`, 'village', { values: { 'farmland.area_mu': 1 } })).statusCode).toBe(409);
    const now = (await get(`/api/v1/reports/${report.id}`, 'county')).json() as Report;
    expect(now.fields.find((f) => f.key === 'farmland.area_mu')).toMatchObject({ value: 1520, villagesAnswered: 1 });

    // A township's report for its own villages in the same period reuses the figure.
    const templates = (await get('/api/v1/report-templates', 'township')).json();
    const t = (await post('/api/v1/reports', 'township', { templateId: templates[0].id, from, to })).json() as Report;
    expect(t.requestsSent).toBe(0);
    expect(t.fields.find((f) => f.key === 'farmland.area_mu')!.villagesReused).toBe(1);
  });

  it('exports the report with a second sheet saying where each figure came from', async () => {
    const res = await get(`/api/v1/reports/${report.id}/xlsx`, 'county');
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(wb.getWorksheet('报表')!.rowCount).toBe(16);
    const sources = wb.getWorksheet('口径与来源')!;
    expect(String(sources.getRow(2).getCell(4).value)).toBe('people.households');
  });
});

describe('certificates (减证明)', () => {
  it('answers a certificate no longer issued with the alternative, and counts the answer', async () => {
    const check = (await get(`/api/v1/certificates/check?name=${encodeURIComponent('开个亲属关系证明')}`, 'village')).json();
    expect(check.allowed).toBe(false);
    expect(check.answer).toContain('告知承诺');
    const res = await post('/api/v1/certificates/answers', 'village', { ruleId: check.rule.id });
    expect(res.statusCode).toBe(201);
    const today = chinaDate(h.clock.now());
    const v = (await get(`/api/v1/measures/values?from=${today}&to=${today}&ids=duties.certificates_avoided`, 'village')).json();
    expect(v.measures[0].figures[village.code].value).toBe(1);
    const allowed = (await get(`/api/v1/certificates/check?name=${encodeURIComponent('居住证明')}`, 'village')).json();
    expect(allowed.allowed).toBe(true);
    expect((await post('/api/v1/certificates/answers', 'village', { ruleId: allowed.rule.id })).json().error.details.field).toBe('ruleId');
  });
});

describe('signboards, work groups and apps (减牌子、减群)', () => {
  it('keeps one with a basis, gives one without a removal date, and counts what was cleared', async () => {
    const today = chinaDate(h.clock.now());
    const noDate = await post('/api/v1/burden-register', 'village', { kind: 'signboard', name: '某某工作站', regionCode: village.code, requiredBy: '县某局' });
    expect(noDate.json().error.details.field).toBe('removeBy');
    const later = chinaDate(new Date(h.clock.now().getTime() + 10 * 86_400_000));
    const board = await post('/api/v1/burden-register', 'village', {
      kind: 'signboard',
      name: '某某工作站',
      regionCode: village.code,
      requiredBy: '县某局',
      removeBy: later,
    });
    expect(board.json()).toMatchObject({ status: 'to_remove', removeBy: later, late: false });
    const kept = await post('/api/v1/burden-register', 'village', {
      kind: 'app',
      name: '党员教育 App',
      regionCode: village.code,
      requiredBy: '县委组织部',
      basis: '《中国共产党党员教育管理工作条例》',
    });
    expect(kept.json().status).toBe('approved');
    const before = (await get(`/api/v1/measures/values?from=${today}&to=${today}&ids=duties.signboards_removed`, 'county')).json();
    const removed = await post(`/api/v1/burden-register/${board.json().id}/status`, 'village', { status: 'removed', note: '已摘除' });
    expect(removed.json()).toMatchObject({ status: 'removed', removedOn: today });
    const after = (await get(`/api/v1/measures/values?from=${today}&to=${today}&ids=duties.signboards_removed`, 'county')).json();
    expect(after.measures[0].figures[COUNTY].value).toBe(before.measures[0].figures[COUNTY].value + 1);
    const counts = (await get(`/api/v1/burden-register/counts?regionCode=${village.code}`, 'township')).json();
    const signboards = counts.find((c: { kind: string }) => c.kind === 'signboard');
    const raw = (
      await h.database.admin.query(`SELECT count(*)::int AS n FROM burden_register WHERE region_code = $1 AND kind = 'signboard' AND status = 'removed'`, [
        village.code,
      ])
    ).rows[0] as { n: number };
    expect(signboards.removed).toBe(raw.n);
    // Another village's cadre cannot touch it.
    expect((await post(`/api/v1/burden-register/${kept.json().id}/status`, 'village2', { status: 'removed' })).statusCode).toBe(404);
  });
});
