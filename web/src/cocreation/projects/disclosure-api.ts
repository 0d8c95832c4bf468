import type { Disclosure } from '../../../../src/modules/cocreation/disclosure-schema.ts';
import type { MyContributions, MyRating, RateBody, RatingResults, ResidentProject } from '../../../../src/modules/cocreation/rating-schema.ts';
import { apiGet } from '../../api';
import { residentGet, residentPost } from '../resident/pass';

// The village's public disclosure (no login) and the resident's projects, ratings and own
// contributions (with the pass).

const village = (code: string) => `/public/cocreation/villages/${encodeURIComponent(code)}`;

export const getDisclosure = (code: string) => apiGet<Disclosure>(`${village(code)}/disclosure`);
export const getProjectRatings = (code: string, projectId: string) => apiGet<RatingResults>(`${village(code)}/projects/${projectId}/ratings`);

export const listResidentProjects = (code: string) => residentGet<ResidentProject[]>(code, `${village(code)}/projects`);
export const rateProject = (code: string, projectId: string, body: RateBody) =>
  residentPost<MyRating>(code, `${village(code)}/projects/${projectId}/rating`, body);
export const getMyContributions = (code: string) => residentGet<MyContributions>(code, `${village(code)}/contributions/mine`);
