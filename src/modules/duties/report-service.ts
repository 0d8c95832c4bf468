import { uuidv7 } from 'uuidv7';
import { dbContext, type Actor } from '../../platform/actor.js';
import { appendAudit } from '../../platform/audit/service.js';
import { withContext, type Tx } from '../../platform/db/context.js';
import type { Deps } from '../../platform/deps.js';
import { invalidField, notFound, outOfScope } from '../../platform/errors.js';
import { toOffsetIso } from '../../platform/time.js';
import { computeMeasures, findMeasure, freshenMeasures, periodBounds } from '../overview/index.js';
import { findRegionForUpdate } from '../regions/index.js';
import { sendInTx } from './access-service.js';
import { authorize, inScope } from './policy.js';
import type { CreateReportTemplateBody, GenerateReportBody, Report, ReportField, ReportList, ReportTemplate } from './schema.js';
import { buildWorkbook } from './spreadsheet.js';
import {
  findDutyItem,
  findReport,
  findReportTemplate,
  insertReport,
  insertReportTemplate,
  listReports,
  listReportTemplates,
  openDataRequests,
  villageData,
  villagesUnder,
} from './store.js';

// 在系统取数据: an upper-level report's fields are filled from the platform's measures; only the
// fields the system does not hold go down to villages, as data requests that pass work-item
// access, and only to villages that have not already given that figure for that period.

type Figure = { value: number | null; numerator: number; denominator: number | null };
/** What a report row keeps: the system's figures, and per field how many villages had answered before. */
interface Stored {
  system: Record<string, Figure>;
  reused: Record<string, number>;
  requestsSent: number;
}

function presentTemplate(t: { id: string; name: string; requester: string; fields: unknown; duty_item_id: string | null; created_at: Date }): ReportTemplate {
  return {
    id: t.id,
    name: t.name,
    requester: t.requester,
    fields: t.fields as ReportField[],
    dutyItemId: t.duty_item_id,
    createdAt: toOffsetIso(t.created_at),
  };
}

export async function searchReportTemplates(deps: Deps, actor: Actor): Promise<ReportTemplate[]> {
  authorize(actor, 'duties.report');
  return withContext(deps.db, dbContext(actor), async (tx) => (await listReportTemplates(tx)).map(presentTemplate));
}

/** A template: each field mapped to a measure, or marked as not in the system (then a list item for its data requests). */
export async function createReportTemplate(deps: Deps, actor: Actor, body: CreateReportTemplateBody): Promise<ReportTemplate> {
  authorize(actor, 'duties.manage');
  const keys = new Set<string>();
  for (const [i, f] of body.fields.entries()) {
    if (keys.has(f.key)) throw invalidField(`fields.${i}.key`, `字段 ${f.key} 重复`);
    keys.add(f.key);
    if (f.measureId && !findMeasure(f.measureId)) throw invalidField(`fields.${i}.measureId`, `没有这个指标：${f.measureId}`);
  }
  const asksVillages = body.fields.some((f) => !f.measureId);
  if (asksVillages && !body.dutyItemId) throw invalidField('dutyItemId', '有系统外字段时，须指明向村收集数据所依据的清单事项');
  const now = deps.clock.now();
  return withContext(deps.db, dbContext(actor), async (tx) => {
    if (body.dutyItemId && !(await findDutyItem(tx, body.dutyItemId))) throw invalidField('dutyItemId', '清单事项不存在');
    const row = {
      id: uuidv7(),
      name: body.name.trim(),
      requester: body.requester.trim(),
      fields: JSON.stringify(body.fields),
      duty_item_id: body.dutyItemId ?? null,
      created_by: actor.userId,
      created_at: now,
    };
    await insertReportTemplate(tx, row);
    const saved = presentTemplate({ ...row, fields: body.fields });
    await appendAudit(tx, deps.clock, actor, { action: 'duties.report_template.create', targetType: 'report_template', targetId: row.id, after: saved });
    return saved;
  });
}

async function presentReport(tx: Tx, id: string): Promise<Report> {
  const r = await findReport(tx, id);
  if (!r) throw notFound('报表', id);
  const stored = r.figures as Stored;
  const fields = r.fields as ReportField[];
  const villageKeys = fields.filter((f) => !f.measureId).map((f) => f.key);
  const villages = villageKeys.length ? await villagesUnder(tx, r.path) : [];
  const entered = await villageData(tx, r.path, villageKeys, r.period_from, r.period_to);
  return {
    id: r.id,
    templateId: r.template_id,
    templateName: r.template_name,
    requester: r.requester,
    regionCode: r.region_code,
    regionName: r.region_name,
    from: r.period_from,
    to: r.period_to,
    fields: fields.map((f) => {
      const unit = f.unit ?? null;
      if (f.measureId) {
        const m = findMeasure(f.measureId);
        const fig = stored.system[f.key] ?? { value: null, numerator: 0, denominator: null };
        return {
          key: f.key,
          label: f.label,
          unit,
          value: fig.value,
          source: 'system' as const,
          measureId: f.measureId,
          formula: m ? `${m.name}：${m.formula}` : null,
          numerator: fig.numerator,
          denominator: fig.denominator,
          villagesAnswered: null,
          villagesAsked: null,
          villagesReused: null,
        };
      }
      const mine = entered.filter((e) => e.datum_key === f.key);
      return {
        key: f.key,
        label: f.label,
        unit,
        value: mine.length ? mine.reduce((s, e) => s + Number(e.value), 0) : null,
        source: 'villages' as const,
        measureId: null,
        formula: '各村（社区）填报数之和',
        numerator: null,
        denominator: null,
        villagesAnswered: mine.length,
        villagesAsked: villages.length,
        villagesReused: stored.reused[f.key] ?? 0,
      };
    }),
    filledBySystem: fields.length - villageKeys.length,
    askedOfVillages: villageKeys.length,
    requestsSent: stored.requestsSent,
    createdAt: toOffsetIso(r.created_at),
  };
}

/** Generates a report for an area and a period: system fields now, the rest asked of villages that have not answered them. */
export async function generateReport(deps: Deps, actor: Actor, body: GenerateReportBody): Promise<Report> {
  authorize(actor, 'duties.report');
  const period = periodBounds(body.from, body.to);
  const now = deps.clock.now();
  await freshenMeasures(deps);
  return withContext(deps.db, dbContext(actor), async (tx) => {
    const template = await findReportTemplate(tx, body.templateId);
    if (!template) throw invalidField('templateId', '报表模板不存在');
    const region = await findRegionForUpdate(tx, body.regionCode ?? actor.regionCode);
    if (!region || !inScope(actor, region.path)) throw outOfScope('regionCode', '区划不存在或不在您的管理范围内');
    if (!['county', 'township', 'village'].includes(region.level)) throw invalidField('regionCode', '报表区域应为县、乡镇（街道）或村（社区）');
    const id = uuidv7();
    const fields = template.fields as ReportField[];
    const mapped = fields.filter((f) => f.measureId).map((f) => ({ field: f, measure: findMeasure(f.measureId!)! }));
    const figures = await computeMeasures(
      tx,
      mapped.map((m) => m.measure),
      [region],
      period,
      now,
    );
    const system = Object.fromEntries(mapped.map(({ field, measure }) => [field.key, figures.get(measure.id)!.get(region.code)!]));

    // Fields not in the system: ask only the villages without the figure on record or already asked.
    const asked = fields.filter((f) => !f.measureId);
    const reused: Record<string, number> = {};
    let requestsSent = 0;
    if (asked.length) {
      const villages = await villagesUnder(tx, region.path);
      const have = new Set(
        (
          await villageData(
            tx,
            region.path,
            asked.map((f) => f.key),
            body.from,
            body.to,
          )
        ).map((e) => `${e.region_code}|${e.datum_key}`),
      );
      const pending = new Set((await openDataRequests(tx, region.path, body.from, body.to)).flatMap((r) => r.keys.map((k) => `${r.target_region_code}|${k}`)));
      for (const f of asked) reused[f.key] = villages.filter((v) => have.has(`${v.code}|${f.key}`)).length;
      const groups = new Map<string, string[]>();
      for (const v of villages) {
        const missing = asked.filter((f) => !have.has(`${v.code}|${f.key}`) && !pending.has(`${v.code}|${f.key}`)).map((f) => f.key);
        if (missing.length) groups.set(missing.join(','), [...(groups.get(missing.join(',')) ?? []), v.code]);
      }
      for (const [keys, codes] of groups) {
        const wanted = asked.filter((f) => keys.split(',').includes(f.key));
        const rows = await sendInTx(tx, deps, actor, {
          kind: 'data_request',
          title: `${template.name}：系统外数据报送`.slice(0, 100),
          content: `${template.requester}需要${body.from}至${body.to}的以下数据，系统中没有，请填报：${wanted.map((f) => f.label + (f.unit ? `（${f.unit}）` : '')).join('、')}。填报一次即可，其他报表需要时直接取用。`,
          targetRegionCodes: codes,
          dutyItemId: template.duty_item_id ?? undefined,
          reportId: id,
          fields: wanted.map((f) => ({ key: f.key, label: f.label, ...(f.unit ? { unit: f.unit } : {}) })),
          periodFrom: body.from,
          periodTo: body.to,
        });
        requestsSent += rows.length;
      }
    }
    const stored: Stored = { system, reused, requestsSent };
    await insertReport(tx, {
      id,
      template_id: template.id,
      region_code: region.code,
      path: region.path,
      period_from: body.from,
      period_to: body.to,
      figures: JSON.stringify(stored),
      created_by: actor.userId,
      created_at: now,
    });
    await appendAudit(tx, deps.clock, actor, {
      action: 'duties.report.generate',
      targetType: 'report',
      targetId: id,
      details: { templateId: template.id, regionCode: region.code, from: body.from, to: body.to, requestsSent },
    });
    return presentReport(tx, id);
  });
}

export async function getReport(deps: Deps, actor: Actor, id: string): Promise<Report> {
  authorize(actor, 'duties.report');
  return withContext(deps.db, dbContext(actor), (tx) => presentReport(tx, id));
}

export async function searchReports(deps: Deps, actor: Actor): Promise<ReportList> {
  authorize(actor, 'duties.report');
  return withContext(deps.db, dbContext(actor), async (tx) =>
    (await listReports(tx, actor.scopePath, 100)).map((r) => ({
      id: r.id,
      templateName: r.template_name,
      regionName: r.region_name,
      from: r.period_from,
      to: r.period_to,
      createdAt: toOffsetIso(r.created_at),
    })),
  );
}

/** The report as a spreadsheet: the figures, and a second sheet with where each came from. */
export async function exportReport(deps: Deps, actor: Actor, id: string): Promise<{ name: string; file: Buffer }> {
  const report = await getReport(deps, actor, id);
  await withContext(deps.db, dbContext(actor), (tx) =>
    appendAudit(tx, deps.clock, actor, { action: 'duties.report.export', targetType: 'report', targetId: id }),
  );
  const file = await buildWorkbook([
    {
      name: '报表',
      columns: ['项目', '数值', '单位', '来源'],
      widths: [36, 14, 10, 16],
      rows: report.fields.map((f) => [f.label, f.value, f.unit ?? '', f.source === 'system' ? '系统取数' : `村填报 ${f.villagesAnswered}/${f.villagesAsked}`]),
    },
    {
      name: '口径与来源',
      columns: ['项目', '字段', '来源', '指标', '口径', '分子', '分母'],
      widths: [36, 24, 12, 28, 60, 10, 10],
      rows: report.fields.map((f) => [
        f.label,
        f.key,
        f.source === 'system' ? '系统取数' : '向村收集',
        f.measureId ?? '',
        f.formula ?? '',
        f.numerator,
        f.denominator,
      ]),
    },
  ]);
  return { name: `${report.templateName}-${report.regionName}-${report.from}至${report.to}.xlsx`, file };
}
