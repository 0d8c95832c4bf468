import type {
  AnswerOpinionBody,
  CreateOpinionBody,
  CreateProposalBody,
  Opinion,
  OpinionPage,
  OpinionQuery,
  OpinionRates,
  Proposal,
  ProposalDetail,
  ProposalQuery,
  ResidentOpinion,
  ResidentOpinionBody,
  ResidentOpinionsView,
  LinkChoices,
} from '../../../../src/modules/cocreation/opinion-schema.ts';
import { apiGet, apiPost } from '../../api';
import { residentGet, residentPost } from '../resident/pass';

// Opinions (意见建议) and proposals (议题): the cadre's calls and the resident's (with the pass).

export function listOpinions(query: Partial<OpinionQuery>): Promise<OpinionPage> {
  return apiGet<OpinionPage>('/cocreation/opinions', {
    regionCode: query.regionCode,
    status: query.status,
    source: query.source,
    proposalId: query.proposalId,
    overdue: query.overdue ? 'true' : undefined,
    after: query.after,
    pageSize: query.pageSize,
  });
}

/** The list for the same filters as a workbook (filters, scope and query on a second sheet), as a link. */
export function opinionsXlsxUrl(query: Partial<OpinionQuery>): string {
  const params = new URLSearchParams();
  for (const k of ['regionCode', 'status', 'source', 'proposalId'] as const) if (query[k]) params.set(k, query[k]);
  if (query.overdue) params.set('overdue', 'true');
  return `/api/v1/cocreation/opinions.xlsx?${params}`;
}

export const recordOpinion = (body: CreateOpinionBody) => apiPost<Opinion>('/cocreation/opinions', body);
export const opinionFromOrder = (orderNumber: string) => apiPost<Opinion>('/cocreation/opinions/from-order', { orderNumber });
export const answerOpinion = (id: string, body: AnswerOpinionBody) => apiPost<Opinion>(`/cocreation/opinions/${id}/answer`, body);
export const linkChoices = (regionCode: string) => apiGet<LinkChoices>('/cocreation/opinions/link-choices', { regionCode });
export const opinionRates = (regionCode?: string) => apiGet<OpinionRates>('/cocreation/opinion-rates', { regionCode });

export const listProposals = (query: Partial<ProposalQuery> = {}) =>
  apiGet<Proposal[]>('/cocreation/proposals', { regionCode: query.regionCode, status: query.status, limit: query.limit });
export const getProposal = (id: string) => apiGet<ProposalDetail>(`/cocreation/proposals/${id}`);
export const createProposal = (body: CreateProposalBody) => apiPost<ProposalDetail>('/cocreation/proposals', body);
export const moveProposal = (id: string, status: Proposal['status']) => apiPost<ProposalDetail>(`/cocreation/proposals/${id}/status`, { status });

export const residentOpinions = (villageCode: string) => residentGet<ResidentOpinionsView>(villageCode, `/public/cocreation/villages/${villageCode}/opinions`);
export const sendResidentOpinion = (villageCode: string, body: ResidentOpinionBody) =>
  residentPost<ResidentOpinion>(villageCode, `/public/cocreation/villages/${villageCode}/opinions`, body);
