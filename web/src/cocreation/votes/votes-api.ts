import type {
  BallotReceipt,
  CreateVoteBody,
  Elector,
  PaperBallotBody,
  PublicVote,
  ResidentVotes,
  UpdateVoteBody,
  Vote,
  VoteQuery,
} from '../../../../src/modules/cocreation/vote-schema.ts';
import { apiGet, apiPost, apiPut } from '../../api';
import { residentGet, residentPost } from '../resident/pass';

// Votes (表决 / 豆选): the cadre's calls, the resident's (with the pass) and the public tally.

const enc = encodeURIComponent;
const base = '/cocreation/votes';

export const listVotes = (q: VoteQuery = {}) => apiGet<Vote[]>(base, q);
export const getVote = (id: string) => apiGet<Vote>(`${base}/${enc(id)}`);
export const createVote = (body: CreateVoteBody) => apiPost<Vote>(base, body);
export const editVote = (id: string, body: UpdateVoteBody) => apiPut<Vote>(`${base}/${enc(id)}`, body);
export const openVote = (id: string) => apiPost<Vote>(`${base}/${enc(id)}/open`);
export const closeVote = (id: string) => apiPost<Vote>(`${base}/${enc(id)}/close`);
export const listElectors = (id: string, q: { q?: string; voted?: boolean } = {}) =>
  apiGet<Elector[]>(`${base}/${enc(id)}/electors`, { q: q.q || undefined, voted: q.voted === undefined ? undefined : String(q.voted) });
export const enterPaperBallot = (id: string, body: PaperBallotBody) => apiPost<BallotReceipt>(`${base}/${enc(id)}/paper-ballots`, body);

export const residentVotes = (villageCode: string) => residentGet<ResidentVotes>(villageCode, '/public/cocreation/votes');
export const castBallot = (villageCode: string, id: string, choices: string[]) =>
  residentPost<BallotReceipt>(villageCode, `/public/cocreation/votes/${enc(id)}/ballots`, { choices });
export const villageVotes = (villageCode: string) => apiGet<PublicVote[]>(`/public/cocreation/villages/${enc(villageCode)}/votes`);
