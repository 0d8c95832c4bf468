import type { HouseholdPage } from '../../../src/modules/people/schema.ts';
import type {
  EmbeddedMemberDetail,
  EmbeddedMemberPage,
  LiaisonPage,
  PartyMemberPage,
  PartyOrgDetail,
  PartyOrgTree,
} from '../../../src/modules/party/schema.ts';
import type { CoverageReport, CreateVisitBody, StewardshipLevel, StewardshipPage, Visit, VisitPage } from '../../../src/modules/party/stewardship-schema.ts';
import { apiGet, apiPost } from '../api';

const enc = encodeURIComponent;

export interface Paging {
  page: number;
  pageSize: number;
}

/** The organization tree of the user's scope (or of a region in it), nested. */
export function getOrgTree(regionCode?: string): Promise<PartyOrgTree> {
  return apiGet<PartyOrgTree>('/party/orgs', { regionCode });
}

export function getOrg(id: string): Promise<PartyOrgDetail> {
  return apiGet<PartyOrgDetail>(`/party/orgs/${enc(id)}`);
}

export function listOrgMembers(id: string, paging: Paging, includeSubOrgs: boolean): Promise<PartyMemberPage> {
  return apiGet<PartyMemberPage>(`/party/orgs/${enc(id)}/members`, { ...paging, includeSubOrgs: includeSubOrgs ? 'true' : undefined });
}

export function listOrgLiaisons(orgId: string, paging: Paging): Promise<LiaisonPage> {
  return apiGet<LiaisonPage>('/party/liaisons', { orgId, ...paging });
}

export function listEmbedded(regionCode: string, paging: Paging): Promise<EmbeddedMemberPage> {
  return apiGet<EmbeddedMemberPage>('/party/embedded-members', { regionCode, ...paging });
}

export function getEmbedded(id: string): Promise<EmbeddedMemberDetail> {
  return apiGet<EmbeddedMemberDetail>(`/party/embedded-members/${enc(id)}`);
}

export function listStewardships(level: StewardshipLevel | undefined, paging: Paging): Promise<StewardshipPage> {
  return apiGet<StewardshipPage>('/stewardships', { level, ...paging });
}

export function listVisits(paging: Paging, followUpOpen: boolean): Promise<VisitPage> {
  return apiGet<VisitPage>('/visits', { ...paging, followUpOpen: followUpOpen ? 'true' : undefined });
}

export function createVisit(body: CreateVisitBody): Promise<Visit> {
  return apiPost<Visit>('/visits', body);
}

export function setFollowUp(id: string, done: boolean): Promise<Visit> {
  return apiPost<Visit>(`/visits/${enc(id)}/follow-up`, { done });
}

export function getCoverage(days: number, paging: Paging): Promise<CoverageReport> {
  return apiGet<CoverageReport>('/visits/coverage', { days, ...paging });
}

/** Households in the user's scope whose address contains `q` (for picking the one visited). */
export function searchHouseholds(q: string): Promise<HouseholdPage> {
  return apiGet<HouseholdPage>('/households', { q: q || undefined, page: 1, pageSize: 20 });
}
