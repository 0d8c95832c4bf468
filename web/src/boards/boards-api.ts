import type {
  AnswerBody,
  DecideBody,
  Entry,
  Ineligible,
  NotifyBody,
  ObjectionBody,
  ProposeBody,
  PublicBoard,
} from '../../../src/modules/boards/board-schema.ts';
import type { EntryStage } from '../../../src/modules/boards/kinds.ts';
import { apiGet, apiPost } from '../api';

// The boards' calls (docs/COMPACTS.md, "Councils, teams and boards").

const enc = encodeURIComponent;

export const listEntries = (villageCode: string, stage?: EntryStage) => apiGet<Entry[]>('/boards/entries', { villageCode, stage });
export const proposeEntry = (body: ProposeBody) => apiPost<Entry>('/boards/entries', body);
export const notifyEntry = (id: string, body: NotifyBody) => apiPost<Entry>(`/boards/entries/${enc(id)}/notify`, body);
export const recordObjection = (id: string, body: ObjectionBody) => apiPost<Entry>(`/boards/entries/${enc(id)}/objections`, body);
export const answerObjection = (id: string, objectionId: string, body: AnswerBody) =>
  apiPost<Entry>(`/boards/entries/${enc(id)}/objections/${enc(objectionId)}/answer`, body);
export const decideEntry = (id: string, body: DecideBody) => apiPost<Entry>(`/boards/entries/${enc(id)}/decide`, body);
export const listIneligible = (villageCode: string) => apiGet<Ineligible[]>('/boards/ineligible', { villageCode });
export const getPublicBoard = (villageCode: string) => apiGet<PublicBoard>(`/public/boards/villages/${enc(villageCode)}`);
