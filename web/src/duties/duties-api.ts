import type {
  AnswerBody,
  CertificateCheck,
  CertificateRule,
  CreateCertificateRuleBody,
  CreateDutyItemBody,
  CreateReportTemplateBody,
  DecideBody,
  DutyItem,
  DutyItemQuery,
  GenerateReportBody,
  Report,
  ReportList,
  ReportTemplate,
  RetireBody,
  SendResult,
  SendWorkItemBody,
  WorkItem,
  WorkItemPage,
  WorkItemQuery,
} from '../../../src/modules/duties/schema.ts';
import type { MeasureDef } from '../../../src/modules/overview/schema.ts';
import { apiGet, apiPost, apiPostFile } from '../api';

const enc = encodeURIComponent;

/** The lists in force for a region (the county's template and its own), or the proposals waiting for the county. */
export function listDutyItems(query: DutyItemQuery = {}): Promise<DutyItem[]> {
  return apiGet<DutyItem[]>('/duties/items', { list: query.list, regionCode: query.regionCode, pending: query.pending ? 'true' : undefined });
}

/** The county adds an item in force; a township or village proposes one for its own region. */
export function createDutyItem(body: CreateDutyItemBody): Promise<DutyItem> {
  return apiPost<DutyItem>('/duties/items', body);
}

export function decideDutyItem(id: string, body: Omit<DecideBody, 'expiresOn'>): Promise<DutyItem> {
  return apiPost<DutyItem>(`/duties/items/${enc(id)}/decide`, body);
}

export function retireDutyItem(id: string, body: RetireBody): Promise<DutyItem> {
  return apiPost<DutyItem>(`/duties/items/${enc(id)}/retire`, body);
}

/** The spreadsheet of the lists a region has, drawn by the server. */
export function dutyItemsXlsxUrl(regionCode?: string): string {
  return `/api/v1/duties/items.xlsx${regionCode ? `?regionCode=${enc(regionCode)}` : ''}`;
}

/** What an import did; the server's DutyImportResultSchema (src/modules/duties/list-import.ts). */
export interface DutyImportResult {
  added: number;
  proposed: number;
  unchanged: number;
}

/** One bad cell, row or sheet of an import refused whole (a 400's `details.fields`); `message` is in words. */
export interface DutyImportProblem {
  field: string;
  sheet: string;
  row: number | null;
  column: string | null;
  message: string;
}

/** Imports the lists from an edited export (.xlsx sent as it is); any bad row refuses the whole file. */
export function importDutyItems(file: File): Promise<DutyImportResult> {
  return apiPostFile<DutyImportResult>('/duties/items/import', {}, file, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
}

/** Sends a work item to villages; each village's copy is delivered, refused or held. */
export function sendWorkItem(body: SendWorkItemBody): Promise<SendResult> {
  return apiPost<SendResult>('/work-items', body);
}

export function listWorkItems(query: Partial<WorkItemQuery> & Pick<WorkItemQuery, 'box'>): Promise<WorkItemPage> {
  return apiGet<WorkItemPage>('/work-items', { box: query.box, after: query.after, pageSize: query.pageSize });
}

/** One box of work items as a workbook (the box, scope and query on a second sheet), as a link. */
export function workItemsXlsxUrl(box: WorkItemQuery['box']): string {
  return `/api/v1/work-items.xlsx?box=${enc(box)}`;
}

/** The county approves (as an exception, until `expiresOn`) or rejects a held work item. */
export function decideWorkItem(id: string, body: DecideBody): Promise<WorkItem> {
  return apiPost<WorkItem>(`/work-items/${enc(id)}/decide`, body);
}

/** A village answers a data request with its figures. */
export function answerWorkItem(id: string, body: AnswerBody): Promise<WorkItem> {
  return apiPost<WorkItem>(`/work-items/${enc(id)}/answer`, body);
}

export function listCertificateRules(): Promise<CertificateRule[]> {
  return apiGet<CertificateRule[]>('/certificates/rules');
}

export function checkCertificate(name: string): Promise<CertificateCheck> {
  return apiGet<CertificateCheck>('/certificates/check', { name });
}

/** Records one certificate avoided: a request answered with the list's text at a village window. */
export function recordCertificateAnswer(ruleId: string): Promise<unknown> {
  return apiPost<unknown>('/certificates/answers', { ruleId });
}

export function listReportTemplates(): Promise<ReportTemplate[]> {
  return apiGet<ReportTemplate[]>('/report-templates');
}

export function generateReport(body: GenerateReportBody): Promise<Report> {
  return apiPost<Report>('/reports', body);
}

export function listReports(): Promise<ReportList> {
  return apiGet<ReportList>('/reports');
}

export function getReport(id: string): Promise<Report> {
  return apiGet<Report>(`/reports/${enc(id)}`);
}

export function reportXlsxUrl(id: string): string {
  return `/api/v1/reports/${enc(id)}/xlsx`;
}

/** The platform's measures (names and formulas), to say which one fills a template's field. */
let measuresPromise: Promise<MeasureDef[]> | undefined;
export function getMeasures(): Promise<MeasureDef[]> {
  measuresPromise ??= apiGet<MeasureDef[]>('/measures').catch((err: unknown) => {
    measuresPromise = undefined;
    throw err;
  });
  return measuresPromise;
}

/** County staff add a certificate to the list (still issued, or no longer with what replaces it). */
export function createCertificateRule(body: CreateCertificateRuleBody): Promise<CertificateRule> {
  return apiPost<CertificateRule>('/certificates/rules', body);
}

/** County staff add a report template: its fields, each filled by a measure or asked of villages. */
export function createReportTemplate(body: CreateReportTemplateBody): Promise<ReportTemplate> {
  return apiPost<ReportTemplate>('/report-templates', body);
}
