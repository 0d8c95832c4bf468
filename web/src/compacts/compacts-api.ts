import type {
  AnswerBody,
  CadreObjectionBody,
  CadreOpinionBody,
  Compact,
  CompactOpinion,
  CompactSummary,
  CreateCompactBody,
  DeliberationBody,
  Diff,
  FilingDecisionBody,
  InvitationBody,
  NoticeBody,
  Objection,
  PublicCompact,
  ResidentCompact,
  Version,
  VersionBody,
  VettingBody,
  VoteBody,
} from '../../../src/modules/compacts/compact-schema.ts';
import type { CompactStep } from '../../../src/modules/compacts/kinds.ts';
import { apiGet, apiPost, apiPut } from '../api';
import { residentGet, residentPost } from '../cocreation/resident/pass';

// The compacts module's calls (docs/COMPACTS.md): the cadre's and the township's under /compacts,
// the resident's under /public/compacts with the co-creation pass, and the public notice board.

const enc = encodeURIComponent;
const one = (id: string) => `/compacts/${enc(id)}`;

export const listCompacts = (q: { regionCode?: string; step?: CompactStep } = {}) => apiGet<CompactSummary[]>('/compacts', q);
export const createCompact = (body: CreateCompactBody) => apiPost<Compact>('/compacts', body);
export const getCompact = (id: string) => apiGet<Compact>(one(id));
export const completeStep = (id: string, step: CompactStep) => apiPost<Compact>(`${one(id)}/steps/${step}/complete`, {});
export const saveDeliberation = (id: string, body: DeliberationBody) => apiPut<Compact>(`${one(id)}/deliberation`, body);
export const invite = (id: string, body: InvitationBody) => apiPost<Compact>(`${one(id)}/invitations`, body);
export const setCommittee = (id: string, invitationId: string, committeeRole: string | null) =>
  apiPut<Compact>(`${one(id)}/invitations/${enc(invitationId)}/committee`, { committeeRole });
export const vet = (id: string, body: VettingBody) => apiPost<Compact>(`${one(id)}/vettings`, body);
export const saveVersion = (id: string, body: VersionBody) => apiPost<Compact>(`${one(id)}/versions`, body);
export const getVersion = (id: string, seq: number) => apiGet<Version>(`${one(id)}/versions/${seq}`);
export const getDiff = (id: string, from: number, to: number) => apiGet<Diff>(`${one(id)}/diff`, { from, to });
export const setConsultation = (id: string, until: string) => apiPut<Compact>(`${one(id)}/consultation`, { until });
export const listOpinions = (id: string) => apiGet<CompactOpinion[]>(`${one(id)}/opinions`);
export const addOpinion = (id: string, body: CadreOpinionBody) => apiPost<Compact>(`${one(id)}/opinions`, body);
export const answerOpinion = (id: string, opinionId: string, body: AnswerBody) => apiPost<Compact>(`${one(id)}/opinions/${enc(opinionId)}/answer`, body);
export const setNotice = (id: string, body: NoticeBody) => apiPut<Compact>(`${one(id)}/notice`, body);
export const listObjections = (id: string) => apiGet<Objection[]>(`${one(id)}/objections`);
export const addObjection = (id: string, body: CadreObjectionBody) => apiPost<Compact>(`${one(id)}/objections`, body);
export const answerObjection = (id: string, objectionId: string, answer: string) =>
  apiPost<Compact>(`${one(id)}/objections/${enc(objectionId)}/answer`, { answer });
export const reopen = (id: string, reason: string) => apiPost<Compact>(`${one(id)}/reopen`, { reason });
export const startVote = (id: string, body: VoteBody) => apiPost<Compact>(`${one(id)}/vote`, body);
export const publish = (id: string, publishedOn: string) => apiPut<Compact>(`${one(id)}/publication`, { publishedOn });
export const decideFiling = (id: string, body: FilingDecisionBody) => apiPost<Compact>(`${one(id)}/filing`, body);
export const invitationsPdfUrl = (id: string) => `/api/v1${one(id)}/invitations.pdf`;
export const posterPdfUrl = (id: string) => `/api/v1${one(id)}/poster.pdf`;

// The resident's (with the pass) and the public notice board.

const pub = (code: string) => `/public/compacts/villages/${enc(code)}`;
export const myCompacts = (code: string) => residentGet<ResidentCompact[]>(code, `${pub(code)}/mine`);
export const myOpinion = (code: string, id: string, body: { articleKey?: string; text: string; away?: boolean }) =>
  residentPost<ResidentCompact>(code, `${pub(code)}/compacts/${enc(id)}/opinions`, body);
export const myObjection = (code: string, id: string, text: string) =>
  residentPost<ResidentCompact>(code, `${pub(code)}/compacts/${enc(id)}/objections`, { text });
export const myRead = (code: string, id: string) => residentPost<ResidentCompact>(code, `${pub(code)}/compacts/${enc(id)}/read`);
export const boardCompacts = (code: string) => apiGet<PublicCompact[]>(pub(code));
