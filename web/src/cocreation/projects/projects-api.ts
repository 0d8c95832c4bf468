import type {
  BudgetBody,
  CareMemberBody,
  ContributionBody,
  CreateProjectBody,
  MilestoneBody,
  ProjectDetail,
  ProjectListItem,
  ProjectQuery,
  ProjectStatusBody,
  UpdateProjectBody,
} from '../../../../src/modules/cocreation/project-schema.ts';
import { apiDelete, apiGet, apiPost, apiPut } from '../../api';

// The cadre's calls for co-creation projects (docs/cocreation-parts/projects.md).

const enc = encodeURIComponent;
const base = '/cocreation/projects';

export function listProjects(q: ProjectQuery = {}): Promise<ProjectListItem[]> {
  return apiGet<ProjectListItem[]>(base, q);
}

/** The projects list with the same filter as .xlsx (a link: the browser downloads it). */
export function projectsXlsxUrl(q: ProjectQuery = {}): string {
  const params = new URLSearchParams();
  if (q.regionCode) params.set('regionCode', q.regionCode);
  if (q.status) params.set('status', q.status);
  return `/api/v1/cocreation/projects.xlsx?${params}`;
}

export function getProject(id: string): Promise<ProjectDetail> {
  return apiGet<ProjectDetail>(`${base}/${enc(id)}`);
}

export function createProject(body: CreateProjectBody): Promise<ProjectDetail> {
  return apiPost<ProjectDetail>(base, body);
}

export function updateProject(id: string, body: UpdateProjectBody): Promise<ProjectDetail> {
  return apiPut<ProjectDetail>(`${base}/${enc(id)}`, body);
}

export function changeStatus(id: string, body: ProjectStatusBody): Promise<ProjectDetail> {
  return apiPost<ProjectDetail>(`${base}/${enc(id)}/status`, body);
}

export function setBudget(id: string, body: BudgetBody): Promise<ProjectDetail> {
  return apiPost<ProjectDetail>(`${base}/${enc(id)}/budget`, body);
}

export function addContribution(id: string, body: ContributionBody): Promise<ProjectDetail> {
  return apiPost<ProjectDetail>(`${base}/${enc(id)}/contributions`, body);
}

export function voidContribution(id: string, cid: string, reason: string): Promise<ProjectDetail> {
  return apiPost<ProjectDetail>(`${base}/${enc(id)}/contributions/${enc(cid)}/void`, { reason });
}

export function addMilestone(id: string, body: MilestoneBody): Promise<ProjectDetail> {
  return apiPost<ProjectDetail>(`${base}/${enc(id)}/milestones`, body);
}

export function addCareMember(id: string, body: CareMemberBody): Promise<ProjectDetail> {
  return apiPost<ProjectDetail>(`${base}/${enc(id)}/care-members`, body);
}

export function removeCareMember(id: string, memberId: string): Promise<ProjectDetail> {
  return apiDelete<ProjectDetail>(`${base}/${enc(id)}/care-members/${enc(memberId)}`);
}
