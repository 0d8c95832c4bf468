import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../../test/helpers/harness.js';
import { TEST_COUNTY } from '../../../test/helpers/template.js';
import { extractPdfText } from '../../platform/pdf-text.js';
import { seedDemoDisputes } from '../disputes/demo.js';
import { seedDemoRequests } from '../requests/demo.js';
import { intakeFixture, ZHONGCHAO } from '../requests/test-fixtures.js';
import { uuidv7 } from 'uuidv7';
import { SYSTEM_CONTEXT, withContext } from '../../platform/db/context.js';
import { firstWorkingDay, sweepMonthlyReports } from './report-archive.js';
import { insertReportOnce } from './report-store.js';
import { formatChange, formatFigure } from './report-files.js';
import type { ReportLine } from './report-service.js';

// The monthly social-governance report (docs/OVERVIEW.md "The monthly report"): every figure in
// the .xlsx and the PDF is the measure's value for that region and month (asked again through
// GET /api/v1/measures/values); the measures added for it agree with the raw rows; scope and bad
// input are refused on their field with nothing written; the scheduled run stores one report per
// region and month however often it sweeps.

let h: Harness;
const cookies: Record<string, string> = {};
const COUNTY = TEST_COUNTY.padEnd(12, '0');
const MONTH = '2026-11';
const PERIOD = { from: '2026-11-01', to: '2026-11-30' };
const BEFORE = { from: '2026-10-01', to: '2026-10-31' };

beforeAll(async () => {
  h = await createHarness({ loginRateLimitPerMinute: 1000 });
  await intakeFixture(h, []);
  // Orders from late September to today (2026-11-23), disputes over two months: both months have figures.
  await seedDemoRequests(h.deps, TEST_COUNTY, { seed: 11, count: 80, days: 60 });
  await seedDemoDisputes(h.deps, TEST_COUNTY, { seed: 5, count: 30, days: 60 });
  for (const u of ['county', 'township', 'village']) cookies[u] = await h.login(u);
}, 240_000);
afterAll(() => h?.close());

const get = (url: string, who: string) => h.app.inject({ method: 'GET', url, headers: cookies[who] ? { cookie: cookies[who] } : {} });
const admin = async <T>(text: string, params: unknown[] = []) => (await h.database.admin.query(text, params)).rows as T[];
const count = async (table: string, where = 'true') => (await admin<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} WHERE ${where}`))[0]!.n;

type Figure = { value: number | null; numerator: number; denominator: number | null };
/** The figures of the measures API for one region (its own, not broken down) and period. */
async function measures(who: string, regionCode: string, ids: string[], p: { from: string; to: string }): Promise<Map<string, Figure>> {
  const res = await get(`/api/v1/measures/values?regionCode=${regionCode}&from=${p.from}&to=${p.to}&ids=${ids.join(',')}`, who);
  expect(res.statusCode, res.body).toBe(200);
  const body = res.json() as { measures: { id: string; figures: Record<string, Figure> }[] };
  return new Map(body.measures.map((m) => [m.id, m.figures[regionCode]!]));
}

const shown = (f: Figure | undefined, ratio: boolean) => (!f || f.value === null ? undefined : ratio ? Math.round(f.value * 1000) / 10 : f.value);

async function download(url: string, who: string) {
  const res = await get(url, who);
  expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
  return res;
}

async function workbook(data: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(data as unknown as ArrayBuffer);
  return wb;
}

const rowsOf = (ws: ExcelJS.Worksheet) =>
  ws
    .getSheetValues()
    .slice(2)
    .filter(Boolean)
    .map((r) => (r as unknown[]).slice(1));

interface SheetLine {
  section: string;
  item: string;
  areaCode: string;
  areaName: string;
  value: unknown;
  previous: unknown;
  change: unknown;
  measureId: string;
  numerator: unknown;
  denominator: unknown;
}

/** Sheet 1 and sheet 2 row for row: each figure with its measure id. */
async function reportLines(data: Buffer): Promise<SheetLine[]> {
  const wb = await workbook(data);
  const [figures, sources] = wb.worksheets;
  expect(figures!.name).toBe('月度报告');
  expect(sources!.name).toBe('口径与来源');
  const a = rowsOf(figures!);
  const b = rowsOf(sources!);
  return a.map((r, i) => {
    expect(b[i]![2], `row ${i}`).toBe(r[2]);
    return {
      section: String(r[0]),
      item: String(r[1]),
      areaCode: String(r[2]),
      areaName: String(r[3]),
      value: r[4],
      previous: r[5],
      change: r[6],
      measureId: String(b[i]![3]),
      numerator: b[i]![4],
      denominator: b[i]![5],
    };
  });
}

/** Checks every sheet line against the measures API: this month's figure, and last month's where shown. */
async function expectLinesAreMeasures(lines: SheetLine[], who: string, skipArea: (code: string) => boolean = () => false) {
  const byArea = new Map<string, SheetLine[]>();
  for (const l of lines) if (!skipArea(l.areaCode)) byArea.set(l.areaCode, [...(byArea.get(l.areaCode) ?? []), l]);
  for (const [code, ls] of byArea) {
    const ids = [...new Set(ls.map((l) => l.measureId))];
    const cur = await measures(who, code, ids, PERIOD);
    const prev = await measures(who, code, ids, BEFORE);
    for (const l of ls) {
      const ratio = l.measureId.endsWith('_rate') || l.measureId.endsWith('_share') || l.measureId.endsWith('_coverage');
      const f = cur.get(l.measureId)!;
      expect(l.value, `${code} ${l.measureId}`).toEqual(shown(f, ratio));
      expect(l.numerator, `${code} ${l.measureId} numerator`).toEqual(f.numerator);
      expect(l.denominator ?? null, `${code} ${l.measureId} denominator`).toEqual(f.denominator);
      if (l.previous !== undefined || l.section.match(/^[一二三六七]/)) {
        expect(l.previous, `${code} ${l.measureId} last month`).toEqual(shown(prev.get(l.measureId), ratio));
      }
    }
  }
}

describe('monthly report, generated on demand', () => {
  it('the county’s .xlsx: every figure is the measure’s value for the county, a township or a village, this month and last', async () => {
    const res = await download(`/api/v1/overview/reports/monthly?region=${COUNTY}&month=${MONTH}&format=xlsx`, 'county');
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(decodeURIComponent(String(res.headers['content-disposition']))).toContain(`月度社会治理报告_黎平县_${MONTH}.xlsx`);
    const lines = await reportLines(res.rawPayload);
    const sections = [...new Set(lines.map((l) => l.section))];
    expect(sections).toEqual([
      '一、三率与按时率',
      '二、工单办理',
      '三、工单按类别（前 10 类）',
      '四、工单按乡镇（街道）',
      '五、热点村（社区）（受理工单最多的前 10 个）',
      '六、矛盾纠纷',
      '七、走访',
    ]);
    const ids = new Set(lines.map((l) => l.measureId));
    for (const id of [
      'requests.response_rate',
      'requests.resolution_rate',
      'requests.satisfaction_rate',
      'requests.on_time_sign_rate',
      'requests.on_time_resolution_rate',
    ])
      expect(ids).toContain(id);
    expect(lines.find((l) => l.measureId === 'requests.received' && l.areaCode === COUNTY)!.value).toBeGreaterThan(10);
    // Hot spots are villages, in descending order; the categories too.
    const hot = lines.filter((l) => l.section.startsWith('五'));
    expect(hot.length).toBeGreaterThan(0);
    expect(hot.map((l) => l.value as number)).toEqual([...hot.map((l) => l.value as number)].sort((a, b) => b - a));
    const categories = lines.filter((l) => l.section.startsWith('三'));
    expect(categories.length).toBeGreaterThan(2);
    expect(categories.every((l) => l.measureId.startsWith('requests.received.category.'))).toBe(true);
    // 26 townships, four figures each.
    expect(lines.filter((l) => l.section.startsWith('四')).length).toBe(26 * 4);
    await expectLinesAreMeasures(lines, 'county');
    // The change is this month minus last (percentage points for a rate).
    for (const l of lines.filter((x) => typeof x.value === 'number' && typeof x.previous === 'number')) {
      expect(l.change).toBeCloseTo((l.value as number) - (l.previous as number), 5);
    }
    const text = (await workbook(res.rawPayload)).worksheets[1]!.getSheetValues().flat().map(String).join('\n');
    expect(text).toContain('GET /api/v1/measures/values?regionCode=');
    expect(text).toContain('回访评价为“满意”或“基本满意”的工单数');
  });

  it('the township’s PDF: the same figures as the measures, its villages and its grids as hot spots', async () => {
    const xlsx = await download(`/api/v1/overview/reports/monthly?month=${MONTH}&format=xlsx`, 'township');
    const lines = await reportLines(xlsx.rawPayload);
    expect(lines.some((l) => l.section === '四、工单按村（社区）')).toBe(true);
    const grids = lines.filter((l) => l.section.startsWith('五、热点网格'));
    expect(grids.length).toBeGreaterThan(0);
    // Grids are below what the measures API serves: checked against the orders themselves.
    for (const g of grids) {
      const [row] = await admin<{ n: number }>(
        `SELECT count(*)::int AS n FROM work_orders o JOIN grids g ON o.path <@ g.path WHERE g.code = $1 AND o.status <> 'merged'
           AND o.created_at >= '2026-11-01T00:00:00+08:00' AND o.created_at < '2026-12-01T00:00:00+08:00'`,
        [g.areaCode],
      );
      expect(g.value, g.item).toBe(row!.n);
    }
    await expectLinesAreMeasures(lines, 'township', (code) => code.length === 15);

    const pdf = await download(`/api/v1/overview/reports/monthly?month=${MONTH}&format=pdf`, 'township');
    expect(pdf.headers['content-type']).toContain('application/pdf');
    const text = extractPdfText(pdf.rawPayload);
    expect(text).toContain('中潮镇2026年11月社会治理报告');
    const pdfLines = text.split('\n');
    // Each compared figure is one table row: item, this month, last month, change.
    const cur = await measures('township', ZHONGCHAO, ['requests.response_rate', 'requests.received', 'disputes.received', 'party.visit_coverage'], PERIOD);
    const prev = await measures('township', ZHONGCHAO, ['requests.response_rate', 'requests.received', 'disputes.received', 'party.visit_coverage'], BEFORE);
    for (const [id, label, unit] of [
      ['requests.response_rate', '响应率', 'ratio'],
      ['requests.received', '受理工单数', 'count'],
      ['disputes.received', '受理矛盾纠纷数', 'count'],
      ['party.visit_coverage', '走访覆盖率', 'ratio'],
    ] as const) {
      const l = { unit, figure: cur.get(id)!, previous: prev.get(id)! } as ReportLine;
      expect(pdfLines, id).toContain(`${label}${formatFigure(l.figure, unit)}${formatFigure(l.previous, unit)}${formatChange(l)}`);
    }
    // The villages' table: name, received, closed, satisfaction, disputes.
    const village = lines.filter((l) => l.section === '四、工单按村（社区）' && l.areaCode === '522631102200');
    const cells = village.map((l) => (l.value === undefined ? '—' : l.item.includes('率') ? `${(l.value as number).toFixed(1)}%` : String(l.value)));
    expect(pdfLines).toContain(`${village[0]!.areaName}${cells.join('')}`);
    for (const g of grids) expect(text).toContain(`${g.item}${g.value}`);
  });

  it('refuses the county to a township official, a village and a bad month, on the field, writing nothing', async () => {
    const reports = await count('overview_reports');
    const files = await count('files');
    const county = await get(`/api/v1/overview/reports/monthly?region=${COUNTY}&month=${MONTH}&format=pdf`, 'township');
    expect(county.statusCode).toBe(400);
    expect(county.json().error).toMatchObject({ code: 'VALIDATION_FAILED', details: { field: 'region' } });
    expect(county.json().error.message).toMatch(/^region: .*管理范围/);
    const village = await get(`/api/v1/overview/reports/monthly?month=${MONTH}`, 'village');
    expect(village.statusCode).toBe(400);
    expect(village.json().error.details.field).toBe('region');
    for (const month of ['2026-13', '202611', '2026-11-01', '2027-01']) {
      const bad = await get(`/api/v1/overview/reports/monthly?region=${COUNTY}&month=${month}&format=xlsx`, 'county');
      expect(bad.statusCode, month).toBe(400);
      expect(bad.json().error, month).toMatchObject({ code: 'VALIDATION_FAILED', details: { field: 'month' } });
      expect(bad.json().error.message, month).toMatch(/^month: .*(月份|尚未开始)/);
    }
    expect((await get(`/api/v1/overview/reports/monthly?month=${MONTH}`, 'nobody')).statusCode).toBe(401);
    expect(await count('overview_reports')).toBe(reports);
    expect(await count('files')).toBe(files);
  });
});

describe('the measures the report added agree with the raw rows', () => {
  it('orders by category, disputes by risk level and the on-time sign-for rate, for the county and each township', async () => {
    const areas = await admin<{ code: string; path: string }>(
      `SELECT code, path::text FROM regions WHERE code = $1 OR (parent_code = $1 AND level = 'township')`,
      [COUNTY],
    );
    const from = '2026-11-01T00:00:00+08:00';
    const to = '2026-12-01T00:00:00+08:00';
    const ids = [
      'requests.received.category.01',
      'requests.received.category.07',
      'requests.received.category.12',
      'disputes.received.risk.high',
      'disputes.received.risk.medium',
      'disputes.received.risk.low',
      'requests.on_time_sign_rate',
    ];
    let seen = 0;
    for (const a of areas) {
      const f = await measures('county', a.code, ids, PERIOD);
      for (const cat of ['01', '07', '12']) {
        const [raw] = await admin<{ n: number }>(
          `SELECT count(*)::int AS n FROM work_orders WHERE path <@ $1::ltree AND status <> 'merged' AND created_at >= $2 AND created_at < $3 AND left(category_code, 2) = $4`,
          [a.path, from, to, cat],
        );
        expect(f.get(`requests.received.category.${cat}`)!.value, `${a.code} ${cat}`).toBe(raw!.n);
        seen += raw!.n;
      }
      for (const level of ['high', 'medium', 'low']) {
        const [raw] = await admin<{ n: number }>(
          `SELECT count(*)::int AS n FROM dispute_cases WHERE path <@ $1::ltree AND created_at >= $2 AND created_at < $3 AND risk_level = $4`,
          [a.path, from, to, level],
        );
        expect(f.get(`disputes.received.risk.${level}`)!.value, `${a.code} ${level}`).toBe(raw!.n);
      }
      const [sign] = await admin<{ num: number; den: number }>(
        `SELECT count(*) FILTER (WHERE s.signed_at IS NOT NULL AND s.signed_at <= s.sign_for_due)::int AS num,
                count(*) FILTER (WHERE s.signed_at IS NOT NULL OR s.sign_for_due < coalesce(s.ended_at, $4))::int AS den
           FROM work_order_stages s JOIN work_orders o ON o.id = s.order_id
          WHERE NOT s.excused AND o.path <@ $1::ltree AND o.status <> 'merged' AND o.created_at >= $2 AND o.created_at < $3`,
        [a.path, from, to, h.clock.now()],
      );
      expect(f.get('requests.on_time_sign_rate'), a.code).toMatchObject({ numerator: sign!.num, denominator: sign!.den });
    }
    expect(seen).toBeGreaterThan(0);
    // The rates report, a separate implementation, gives the county the same on-time sign-for rate.
    const rates = (await get(`/api/v1/requests/rates?from=${PERIOD.from}&to=${PERIOD.to}&groupBy=township`, 'county')).json();
    expect((await measures('county', COUNTY, ['requests.on_time_sign_rate'], PERIOD)).get('requests.on_time_sign_rate')!.value).toBe(
      rates.total.onTimeSignForRate,
    );
  });
});

describe('monthly report, on a schedule', () => {
  it('waits for the month’s first working day', async () => {
    expect(await firstWorkingDay(h.deps, '2026-11')).toBe('2026-11-02');
    expect(await firstWorkingDay(h.deps, '2026-12')).toBe('2026-12-01');
    expect(await sweepMonthlyReports(h.deps, new Date('2026-11-01T10:00:00+08:00'))).toEqual({ month: null, generated: 0, existing: 0 });
  });

  it('stores one report per region and month, however often it sweeps, and lists them with their files', async () => {
    h.clock.set('2026-12-01T08:30:00+08:00');
    for (const u of Object.keys(cookies)) cookies[u] = await h.login(u);
    const townships = await count('regions', `parent_code = '${COUNTY}' AND level = 'township'`);
    const first = await sweepMonthlyReports(h.deps);
    expect(first).toEqual({ month: MONTH, generated: townships + 1, existing: 0 });
    const second = await sweepMonthlyReports(h.deps);
    expect(second).toEqual({ month: MONTH, generated: 0, existing: townships + 1 });
    expect(await count('overview_reports', `month = '${MONTH}'`)).toBe(townships + 1);
    expect(await count('files', `owner_kind = 'overview_report'`)).toBe(2 * (townships + 1));
    expect(await count('audit_log', `action = 'overview_report.generate'`)).toBe(townships + 1);
    // Two servers racing: the unique key lets one row in; the loser is told and attaches nothing.
    const [{ path }] = (await admin<{ path: string }>('SELECT path::text AS path FROM regions WHERE code = $1', [COUNTY])) as [{ path: string }];
    const row = { region_code: COUNTY, path, region_name: '黎平县', region_level: 'county' as const, month: MONTH, figures: '{}', created_at: h.clock.now() };
    expect(await withContext(h.deps.db, SYSTEM_CONTEXT, (tx) => insertReportOnce(tx, { ...row, id: uuidv7() }))).toBeUndefined();
    // Only the server writes reports: a county official's context is refused by row-level security.
    const official = { userId: null, role: 'county_staff', scopePath: path, departmentId: null };
    await expect(withContext(h.deps.db, official, (tx) => insertReportOnce(tx, { ...row, month: '2026-09', id: uuidv7() }))).rejects.toMatchObject({
      code: '42501',
    });
    expect(await count('overview_reports')).toBe(townships + 1);

    // The county pages through all of them; a township sees its own only.
    const seen: string[] = [];
    let after: string | null = null;
    do {
      const res = await get(`/api/v1/overview/reports?pageSize=10${after ? `&after=${encodeURIComponent(after)}` : ''}`, 'county');
      expect(res.statusCode, res.body).toBe(200);
      const page = res.json() as { items: { regionCode: string; month: string; pdfUrl: string; xlsxUrl: string }[]; next: string | null };
      seen.push(...page.items.map((i) => i.regionCode));
      after = page.next;
    } while (after);
    expect(seen).toHaveLength(townships + 1);
    expect(new Set(seen).size).toBe(townships + 1);
    const own = (await get('/api/v1/overview/reports', 'township')).json() as {
      items: { regionCode: string; pdfUrl: string; xlsxUrl: string; figures: Record<string, { value: number | null }> }[];
    };
    expect(own.items.map((i) => i.regionCode)).toEqual([ZHONGCHAO]);
    const bad = await get('/api/v1/overview/reports?after=nonsense', 'county');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.field).toBe('after');

    // The stored files download and hold the figures generated on demand for the same month.
    const mine = own.items[0]!;
    const pdf = await download(mine.pdfUrl, 'township');
    expect(extractPdfText(pdf.rawPayload)).toContain('中潮镇2026年11月社会治理报告');
    const stored = await reportLines((await download(mine.xlsxUrl, 'township')).rawPayload);
    const now = await reportLines((await download(`/api/v1/overview/reports/monthly?month=${MONTH}&format=xlsx`, 'township')).rawPayload);
    expect(stored.map((l) => [l.measureId, l.areaCode, l.value, l.previous])).toEqual(now.map((l) => [l.measureId, l.areaCode, l.value, l.previous]));
    expect(mine.figures['requests.received']!.value).toBe(stored.find((l) => l.measureId === 'requests.received' && l.areaCode === ZHONGCHAO)!.value);
    // The county's files are not the township's to read.
    const countyReport = (await get('/api/v1/overview/reports?pageSize=100', 'county'))
      .json()
      .items.find((i: { regionCode: string }) => i.regionCode === COUNTY);
    expect((await get(countyReport.pdfUrl, 'township')).statusCode).toBe(404);
  }, 240_000);
});
