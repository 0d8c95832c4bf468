import type {
  CaseAction,
  CasePage,
  CaseQuery,
  CreateCaseBody,
  DisputeCaseDetail,
  DisputeMeta,
  Mediator,
  MediatorBody,
  MediatorList,
  MediatorPatch,
  MediatorQuery,
  Reception,
  ReceptionBody,
  ReceptionList,
  ReceptionQuery,
  RevealPhoneBody,
  StatsQuery,
  StatsReport,
  Warnings,
  WarningsQuery,
} from '../../../src/modules/disputes/schema.ts';
import type { ResidentPage } from '../../../src/modules/people/schema.ts';
import { apiGet, apiPost, apiPut } from '../api';

const enc = encodeURIComponent;

/** Types, methods, levels with their time limits (cached for the session). */
let metaPromise: Promise<DisputeMeta> | undefined;
export function getDisputeMeta(): Promise<DisputeMeta> {
  metaPromise ??= apiGet<DisputeMeta>('/disputes/meta').catch((err: unknown) => {
    metaPromise = undefined;
    throw err;
  });
  return metaPromise;
}

/** The case list; `overdue` goes out only when true. */
export type CaseFilter = Partial<Omit<CaseQuery, 'overdue'>> & { overdue?: boolean };
export function listCases(filter: CaseFilter): Promise<CasePage> {
  const { overdue, ...rest } = filter;
  return apiGet<CasePage>('/disputes/cases', { ...rest, overdue: overdue ? 'true' : undefined });
}

/** The case list for the same filters as a workbook (filters, scope and query on a second sheet), as a link. */
export function casesXlsxUrl(filter: CaseFilter): string {
  const { overdue, page: _page, pageSize: _size, ...rest } = filter;
  const params = new URLSearchParams(Object.entries(rest).filter((e): e is [string, string] => typeof e[1] === 'string' && e[1] !== ''));
  if (overdue) params.set('overdue', 'true');
  return `/api/v1/disputes/cases.xlsx?${params}`;
}

export function getCase(id: string): Promise<DisputeCaseDetail> {
  return apiGet<DisputeCaseDetail>(`/disputes/cases/${enc(id)}`);
}

export function createCase(body: CreateCaseBody): Promise<DisputeCaseDetail> {
  return apiPost<DisputeCaseDetail>('/disputes/cases', body);
}

/** One action on a case (the detail's allowedActions says which); answers the case as it now is. */
export function postCaseAction(id: string, action: CaseAction, body: object): Promise<DisputeCaseDetail> {
  return apiPost<DisputeCaseDetail>(`/disputes/cases/${enc(id)}/${action}`, body);
}

/** The agreement PDF (调解协议书), drawn by the server. */
export function agreementPdfUrl(id: string): string {
  return `/api/v1/disputes/cases/${enc(id)}/agreement.pdf`;
}

/** Residents of the registry by name, for picking a party. */
export function searchResidents(q: string): Promise<ResidentPage> {
  return apiGet<ResidentPage>('/residents', { q, pageSize: 20 });
}

export function listMediators(query: Partial<MediatorQuery> = {}): Promise<MediatorList> {
  return apiGet<MediatorList>('/disputes/mediators', { ...query, includeInactive: query.includeInactive ? 'true' : undefined });
}

/** The roster with the same options as a workbook (names only, no phone; 说明 on a second sheet), as a link. */
export function mediatorsXlsxUrl(query: Partial<MediatorQuery> = {}): string {
  const params = new URLSearchParams();
  if (query.regionCode) params.set('regionCode', query.regionCode);
  if (query.type) params.set('type', query.type);
  if (query.includeInactive) params.set('includeInactive', 'true');
  return `/api/v1/disputes/mediators.xlsx?${params}`;
}

export function createMediator(body: MediatorBody): Promise<Mediator> {
  return apiPost<Mediator>('/disputes/mediators', body);
}

export function updateMediator(id: string, body: MediatorPatch): Promise<Mediator> {
  return apiPut<Mediator>(`/disputes/mediators/${enc(id)}`, body);
}

/** A mediator's full phone number, for a stated reason (audited, within the reveal limits). */
export function revealMediatorPhone(id: string, body: RevealPhoneBody): Promise<{ phone: string | null }> {
  return apiPost<{ phone: string | null }>(`/disputes/mediators/${enc(id)}/reveal-phone`, body);
}

export function deactivateMediator(id: string): Promise<Mediator> {
  return apiPost<Mediator>(`/disputes/mediators/${enc(id)}/deactivate`);
}

export function listReceptions(query: Partial<ReceptionQuery> = {}): Promise<ReceptionList> {
  return apiGet<ReceptionList>('/disputes/receptions', query);
}

export function createReception(body: ReceptionBody): Promise<Reception> {
  return apiPost<Reception>('/disputes/receptions', body);
}

export function getDisputeStats(query: StatsQuery): Promise<StatsReport> {
  return apiGet<StatsReport>('/disputes/stats', query);
}

export function getWarnings(query: WarningsQuery = {}): Promise<Warnings> {
  return apiGet<Warnings>('/disputes/warnings', query);
}
