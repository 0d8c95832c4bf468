import { uuidv7 } from 'uuidv7';
import { can } from '../../platform/accounts/policy.js';
import { dbContext, SYSTEM_ACTOR, type Actor } from '../../platform/actor.js';
import { appendAudit } from '../../platform/audit/service.js';
import { workCalendar } from '../../platform/calendar/service.js';
import { SYSTEM_CONTEXT, withContext } from '../../platform/db/context.js';
import type { Deps } from '../../platform/deps.js';
import { forbidden, invalidField, notFound } from '../../platform/errors.js';
import { attachFiles, defineFileOwner, listOwnersFiles, prepareFiles, saveBlobs } from '../../platform/files/index.js';
import { chinaDate, toOffsetIso } from '../../platform/time.js';
import { listLoadedCounties, regionWithChildren } from '../regions/index.js';
import { reportPdf, reportFileName, reportWorkbook } from './report-files.js';
import type { StoredReport, StoredReportPage, StoredReportQuery } from './report-schema.js';
import { gatherReport, HEADLINE_IDS, monthlyReport, previousMonth, type MonthlyReport } from './report-service.js';
import { findReport, insertReportOnce, listReports, reportedRegions, type StoredReportRow } from './report-store.js';
import { freshenMeasures } from './service.js';

// The stored monthly reports: on the first working day of a month the server generates last
// month's report for the county and each township (sweepMonthlyReports, from the server's sweep)
// and keeps it, PDF and .xlsx, in the platform file store; GET /api/v1/overview/reports lists them.

const MAX_FILE_BYTES = 20 * 1024 * 1024;

/** A stored report's two files; readable by whoever may read the report (policy files_overview_report, 0053). */
export const REPORT_FILES = defineFileOwner({
  kind: 'overview_report',
  label: '月度报告',
  usages: {
    pdf: { label: 'PDF 版', unit: '份', accept: ['pdf'], maxBytes: MAX_FILE_BYTES, maxCount: 1 },
    xlsx: { label: 'Excel 版', unit: '份', accept: ['xlsx'], maxBytes: MAX_FILE_BYTES, maxCount: 1 },
  },
  assertReadable: async (tx, actor, id) => {
    if (!can(actor, 'overview.read')) throw forbidden('overview.read');
    if (!(await findReport(tx, id, actor.role === 'system' ? '' : actor.scopePath))) throw notFound('月度报告', id);
  },
});

const nextDay = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/** The month's first working day on the official calendar (holidays and 调休 working weekends). */
export async function firstWorkingDay(deps: Pick<Deps, 'db'>, month: string): Promise<string> {
  const calendar = await workCalendar(deps);
  let day = `${month}-01`;
  while (!calendar.isWorkingDay(day)) day = nextDay(day);
  return day;
}

export interface ReportSweepResult {
  /** The month reported on, or null before this month's first working day. */
  month: string | null;
  generated: number;
  /** Regions that already had the month's report. */
  existing: number;
}

/**
 * From the first working day of a month on, generates last month's report for every loaded county
 * and each of its townships that has none yet, and stores it — all of them, or as many as fit in
 * `budgetMs` (at least one). Idempotent: one report per region
 * and month (the unique key decides a race between two sweeps); a sweep after a restart, or on a
 * later day of the month, only fills in what is missing.
 */
export async function sweepMonthlyReports(deps: Deps, now: Date = deps.clock.now(), opts: { budgetMs?: number } = {}): Promise<ReportSweepResult> {
  const today = chinaDate(now);
  if (today < (await firstWorkingDay(deps, today.slice(0, 7)))) return { month: null, generated: 0, existing: 0 };
  const month = previousMonth(today.slice(0, 7));
  const counties = await listLoadedCounties(deps.db, SYSTEM_ACTOR);
  const { targets, existing } = await withContext(deps.db, SYSTEM_CONTEXT, async (tx) => {
    const done = await reportedRegions(tx, month);
    const out = [];
    for (const c of counties) {
      const county = await regionWithChildren(tx, c.code);
      if (!county) continue;
      out.push(county.region.code, ...county.children.filter((t) => t.level === 'township').map((t) => t.code));
    }
    return { targets: out.filter((code) => !done.has(code)), existing: out.filter((code) => done.has(code)).length };
  });
  if (!targets.length) return { month, generated: 0, existing };
  await freshenMeasures(deps);
  let generated = 0;
  const started = performance.now();
  for (const code of targets) {
    // The server's sweep gives it a few seconds a run (an embedded database serves one
    // transaction at a time): the rest of the regions wait for the next run, minutes later.
    if (opts.budgetMs !== undefined && performance.now() - started > opts.budgetMs) break;
    if (await storeReport(deps, code, month, now)) generated++;
  }
  return { month, generated, existing };
}

/** Generates and stores one region's report; false when another sweep stored it first. */
async function storeReport(deps: Deps, code: string, month: string, now: Date): Promise<boolean> {
  const report = await withContext(deps.db, SYSTEM_CONTEXT, async (tx) => {
    const found = await regionWithChildren(tx, code);
    if (!found) throw invalidField('region', `区划不存在：${code}`);
    return { report: await gatherReport(tx, found.region, found.children, month, now), path: found.region.path };
  });
  const r = report.report;
  // The files are drawn and their content saved before the transaction that names them.
  const [pdf] = await prepareFiles(deps, { owner: REPORT_FILES, usage: 'pdf', field: 'pdf' }, [
    { data: await reportPdf(r), filename: reportFileName(r, 'pdf') },
  ]);
  const [xlsx] = await prepareFiles(deps, { owner: REPORT_FILES, usage: 'xlsx', field: 'xlsx' }, [
    { data: await reportWorkbook(r), filename: reportFileName(r, 'xlsx') },
  ]);
  await saveBlobs(deps, [pdf!, xlsx!]);
  return withContext(deps.db, SYSTEM_CONTEXT, async (tx) => {
    const id = uuidv7();
    const inserted = await insertReportOnce(tx, {
      id,
      region_code: r.region.code,
      path: report.path,
      region_name: r.region.name,
      region_level: r.region.level as StoredReportRow['region_level'],
      month,
      figures: JSON.stringify(headlines(r)),
      created_at: now,
    });
    // Stored meanwhile by another sweep: its content is kept once; the blobs saved above are
    // shared with it or removed by the file sweep a day later.
    if (!inserted) return false;
    await attachFiles(tx, deps, SYSTEM_ACTOR, { owner: REPORT_FILES, ownerId: id, usage: 'pdf', field: 'pdf' }, [pdf!]);
    await attachFiles(tx, deps, SYSTEM_ACTOR, { owner: REPORT_FILES, ownerId: id, usage: 'xlsx', field: 'xlsx' }, [xlsx!]);
    await appendAudit(tx, deps.clock, SYSTEM_ACTOR, {
      action: 'overview_report.generate',
      targetType: 'overview_report',
      targetId: id,
      after: { regionCode: r.region.code, regionName: r.region.name, month, pdf: pdf!.sha256, xlsx: xlsx!.sha256 },
    });
    return true;
  });
}

/** The headline figures kept with the stored report, for the list. */
function headlines(r: MonthlyReport): Record<string, { value: number | null; previous: number | null }> {
  const lines = r.sections.flatMap((s) => s.lines).filter((l) => l.area.code === r.region.code);
  return Object.fromEntries(
    HEADLINE_IDS.map((id) => {
      const l = lines.find((x) => x.measureId === id);
      return [id, { value: l?.figure.value ?? null, previous: l?.previous?.value ?? null }];
    }),
  );
}

/** Stored reports in the actor's scope, newest month first; keyset paged on `month|regionCode`. */
export async function listStoredReports(deps: Deps, actor: Actor, q: StoredReportQuery): Promise<StoredReportPage> {
  if (!can(actor, 'overview.read')) throw forbidden('overview.read');
  let after: { month: string; code: string } | undefined;
  if (q.after) {
    const [m, code] = q.after.split('|');
    if (!m || !code || !/^\d{4}-\d{2}$/.test(m) || !/^\d{6,15}$/.test(code)) throw invalidField('after', '翻页标记无效，请从第一页重新开始');
    after = { month: m, code };
  }
  return withContext(deps.db, dbContext(actor), async (tx) => {
    const rows = await listReports(tx, { scopePath: actor.role === 'system' ? '' : actor.scopePath, after, limit: q.pageSize + 1 });
    const page = rows.slice(0, q.pageSize);
    // The page's files in one statement, not one per report.
    const files = await listOwnersFiles(
      tx,
      REPORT_FILES,
      page.map((r) => r.id),
    );
    const items = page.map((row): StoredReport => {
      const url = (usage: string) => {
        const f = files.get(row.id)?.find((x) => x.usage === usage);
        return f ? `/api/v1/files/${f.id}/content` : null;
      };
      return {
        id: row.id,
        regionCode: row.region_code,
        regionName: row.region_name,
        regionLevel: row.region_level,
        month: row.month,
        createdAt: toOffsetIso(row.created_at),
        figures: row.figures as StoredReport['figures'],
        pdfUrl: url('pdf'),
        xlsxUrl: url('xlsx'),
      };
    });
    const last = page.at(-1);
    return { items, next: rows.length > q.pageSize && last ? `${last.month}|${last.region_code}` : null };
  });
}

/** The report for a region in scope and a month, generated now as PDF or .xlsx (nothing is stored). */
export async function monthlyReportFile(
  deps: Deps,
  actor: Actor,
  q: { region?: string; month: string; format: 'pdf' | 'xlsx' },
): Promise<{ name: string; file: Buffer }> {
  const r = await monthlyReport(deps, actor, q);
  return { name: reportFileName(r, q.format), file: q.format === 'pdf' ? await reportPdf(r) : await reportWorkbook(r) };
}
