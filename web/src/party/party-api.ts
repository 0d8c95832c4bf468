import type { HouseholdPage, ResidentPage } from '../../../src/modules/people/schema.ts';
import type {
  AddPartyMemberBody,
  AddServiceHoursBody,
  CreateEmbeddedMemberBody,
  CreateLiaisonsBody,
  CreatePartyOrgBody,
  DissolvePartyOrgBody,
  EmbeddedMemberDetail,
  EmbeddedMemberPage,
  EndPartyMemberBody,
  Liaison,
  LiaisonPage,
  PartyMember,
  PartyMemberPage,
  PartyOrgDetail,
  PartyOrgTree,
  UpdatePartyMemberBody,
  UpdatePartyOrgBody,
} from '../../../src/modules/party/schema.ts';
import type {
  CoverageReport,
  CreateStewardshipBody,
  CreateVisitBody,
  Stewardship,
  StewardshipLevel,
  StewardshipPage,
  Visit,
  VisitPage,
} from '../../../src/modules/party/stewardship-schema.ts';
import { apiGet, apiPost, apiPut } from '../api';

const enc = encodeURIComponent;
const flag = (on: boolean | undefined) => (on ? 'true' : undefined);

export interface Paging {
  page: number;
  pageSize: number;
}

// Organizations

/** The organization tree of the user's scope (or of a region in it), nested; dissolved organizations are left out. */
export function getOrgTree(regionCode?: string): Promise<PartyOrgTree> {
  return apiGet<PartyOrgTree>('/party/orgs', { regionCode });
}

/** The organization tree of the user's scope as .xlsx, top down (a link: the browser downloads it). */
export function orgsXlsxUrl(): string {
  return '/api/v1/party/orgs.xlsx';
}

export function getOrg(id: string): Promise<PartyOrgDetail> {
  return apiGet<PartyOrgDetail>(`/party/orgs/${enc(id)}`);
}

export function createOrg(body: CreatePartyOrgBody): Promise<PartyOrgDetail> {
  return apiPost<PartyOrgDetail>('/party/orgs', body);
}

/** Renames an organization or moves it under another parent. */
export function updateOrg(id: string, body: UpdatePartyOrgBody): Promise<PartyOrgDetail> {
  return apiPut<PartyOrgDetail>(`/party/orgs/${enc(id)}`, body);
}

/** 撤销: refused (409) while the organization still has active members or active organizations below it. */
export function dissolveOrg(id: string, body: DissolvePartyOrgBody): Promise<PartyOrgDetail> {
  return apiPost<PartyOrgDetail>(`/party/orgs/${enc(id)}/dissolve`, body);
}

// Members

export interface MemberListOptions {
  includeSubOrgs: boolean;
  includeEnded: boolean;
}

/** The member list with the same options as .xlsx (names only, as on the page). */
export function orgMembersXlsxUrl(id: string, options: MemberListOptions): string {
  const params = new URLSearchParams();
  if (options.includeSubOrgs) params.set('includeSubOrgs', 'true');
  if (options.includeEnded) params.set('includeEnded', 'true');
  return `/api/v1/party/orgs/${enc(id)}/members.xlsx?${params}`;
}

export function listOrgMembers(id: string, paging: Paging, options: MemberListOptions): Promise<PartyMemberPage> {
  return apiGet<PartyMemberPage>(`/party/orgs/${enc(id)}/members`, {
    ...paging,
    includeSubOrgs: flag(options.includeSubOrgs),
    includeEnded: flag(options.includeEnded),
  });
}

export function addOrgMember(orgId: string, body: AddPartyMemberBody): Promise<PartyMember> {
  return apiPost<PartyMember>(`/party/orgs/${enc(orgId)}/members`, body);
}

/** 转正, 党员中心户 on/off, or a transfer to another organization in scope. */
export function updateMember(id: string, body: UpdatePartyMemberBody): Promise<PartyMember> {
  return apiPut<PartyMember>(`/party/members/${enc(id)}`, body);
}

/** 组织关系转出 / 去世 / 出党: the member leaves the lists and their liaison links end. */
export function endMember(id: string, body: EndPartyMemberBody): Promise<PartyMember> {
  return apiPost<PartyMember>(`/party/members/${enc(id)}/end`, body);
}

// Liaisons

/** Links of an organization's members, or every link in a region (liaison heads who are not members included). */
export function listLiaisons(of: { orgId: string } | { regionCode: string }, paging: Paging, includeEnded: boolean): Promise<LiaisonPage> {
  return apiGet<LiaisonPage>('/party/liaisons', { ...of, ...paging, includeEnded: flag(includeEnded) });
}

export function createLiaisons(body: CreateLiaisonsBody): Promise<Liaison[]> {
  return apiPost<Liaison[]>('/party/liaisons', body);
}

export function removeLiaison(id: string, endedOn?: string): Promise<Liaison> {
  return apiPost<Liaison>(`/party/liaisons/${enc(id)}/remove`, endedOn ? { endedOn } : {});
}

// Embedded members

export function listEmbedded(regionCode: string, paging: Paging): Promise<EmbeddedMemberPage> {
  return apiGet<EmbeddedMemberPage>('/party/embedded-members', { regionCode, ...paging });
}

export function getEmbedded(id: string): Promise<EmbeddedMemberDetail> {
  return apiGet<EmbeddedMemberDetail>(`/party/embedded-members/${enc(id)}`);
}

export function createEmbedded(body: CreateEmbeddedMemberBody): Promise<EmbeddedMemberDetail> {
  return apiPost<EmbeddedMemberDetail>('/party/embedded-members', body);
}

export function addServiceHours(id: string, body: AddServiceHoursBody): Promise<EmbeddedMemberDetail> {
  return apiPost<EmbeddedMemberDetail>(`/party/embedded-members/${enc(id)}/hours`, body);
}

// Stewardship and visits

export function listStewardships(level: StewardshipLevel | undefined, paging: Paging, includeEnded = false): Promise<StewardshipPage> {
  return apiGet<StewardshipPage>('/stewardships', { level, ...paging, includeEnded: flag(includeEnded) });
}

export function createStewardship(body: CreateStewardshipBody): Promise<Stewardship> {
  return apiPost<Stewardship>('/stewardships', body);
}

export function endStewardship(id: string, endedOn?: string): Promise<Stewardship> {
  return apiPost<Stewardship>(`/stewardships/${enc(id)}/end`, endedOn ? { endedOn } : {});
}

export function listVisits(paging: Paging, followUpOpen: boolean): Promise<VisitPage> {
  return apiGet<VisitPage>('/visits', { ...paging, followUpOpen: flag(followUpOpen) });
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

// Pickers

/** Households in the user's scope whose address contains `q` (for picking the one visited or linked). */
export function searchHouseholds(q: string): Promise<HouseholdPage> {
  return apiGet<HouseholdPage>('/households', { q: q || undefined, page: 1, pageSize: 20 });
}

/** Active residents whose name contains `q`, inside a region when one is given (who may enrol in an organization). */
export function searchResidents(q: string, regionCode?: string): Promise<ResidentPage> {
  return apiGet<ResidentPage>('/residents', { q, regionCode, page: 1, pageSize: 20 });
}
