import type { MapOutlines } from '../../../src/modules/overview/map-schema.ts';
import type { MeasureValues } from '../../../src/modules/overview/schema.ts';
import { apiGet } from '../api';

export type { MapOutlines, OutlineFeature } from '../../../src/modules/overview/map-schema.ts';
export type { MeasureValues } from '../../../src/modules/overview/schema.ts';
export type Figure = MeasureValues['measures'][number]['figures'][string];

/** The outlines under a region (the user's own when absent): children as GeoJSON, breadcrumbs, tiles. */
export function getOutlines(regionCode?: string): Promise<MapOutlines> {
  return apiGet<MapOutlines>('/overview/outlines', { regionCode });
}

/** Figures for measures over a period, for a region and (breakdown) each of its children. */
export function getMeasureValues(q: { ids: readonly string[]; regionCode?: string; from: string; to: string; breakdown?: 'children' }): Promise<MeasureValues> {
  return apiGet<MeasureValues>('/measures/values', { ids: q.ids.join(','), regionCode: q.regionCode, from: q.from, to: q.to, breakdown: q.breakdown });
}

/** The same figures as a workbook (numerators, denominators, formulas and the query beside), as a link. */
export function measuresXlsxUrl(q: { ids: readonly string[]; regionCode?: string; from: string; to: string; breakdown?: 'children' }): string {
  const params = new URLSearchParams({
    ids: q.ids.join(','),
    from: q.from,
    to: q.to,
    ...(q.regionCode ? { regionCode: q.regionCode } : {}),
    ...(q.breakdown ? { breakdown: q.breakdown } : {}),
  });
  return `/api/v1/measures/values.xlsx?${params}`;
}

export type MeasureDef = Omit<MeasureValues['measures'][number], 'figures'>;
let catalog: Promise<MeasureDef[]> | null = null;

/** Every measure's name, formula and unit (GET /measures), fetched once per page load. */
export function getMeasureCatalog(): Promise<MeasureDef[]> {
  catalog ??= apiGet<MeasureDef[]>('/measures').catch((err: unknown) => {
    catalog = null;
    throw err;
  });
  return catalog;
}

export type { StoredReport, StoredReportPage } from '../../../src/modules/overview/report-schema.ts';
import type { StoredReportPage } from '../../../src/modules/overview/report-schema.ts';

/** Stored monthly reports in the user's scope, newest month first (keyset: pass `next` as `after`). */
export function getStoredReports(after?: string, pageSize = 20): Promise<StoredReportPage> {
  return apiGet<StoredReportPage>('/overview/reports', { after, pageSize });
}

/** The monthly report for a region (the user's own when absent) and month, generated now, as a download link. */
export function monthlyReportUrl(q: { region?: string; month: string; format: 'pdf' | 'xlsx' }): string {
  const params = new URLSearchParams({ month: q.month, format: q.format, ...(q.region ? { region: q.region } : {}) });
  return `/api/v1/overview/reports/monthly?${params}`;
}
