import type {
  AttendanceBody,
  CreateMeetingBody,
  HoldMeetingBody,
  Meeting,
  MeetingQuery,
  MeetingSummary,
  ResolutionBody,
} from '../../../../src/modules/cocreation/meeting-schema.ts';
import type { Proposal } from '../../../../src/modules/cocreation/opinion-schema.ts';
import { apiGet, apiPost } from '../../api';

// Deliberation meetings (议事): docs/cocreation-parts/meetings.md.

const enc = encodeURIComponent;

/** Tag colours of a meeting's status. */
export const STATUS_COLOR = { planned: 'blue', held: 'green', cancelled: 'default' } as const;
const base = '/cocreation/meetings';

export function listMeetings(q: MeetingQuery = {}): Promise<MeetingSummary[]> {
  return apiGet<MeetingSummary[]>(base, { ...q });
}

export function getMeeting(id: string): Promise<Meeting> {
  return apiGet<Meeting>(`${base}/${enc(id)}`);
}

export function createMeeting(body: CreateMeetingBody): Promise<Meeting> {
  return apiPost<Meeting>(base, body);
}

export function recordAttendance(id: string, body: AttendanceBody): Promise<Meeting> {
  return apiPost<Meeting>(`${base}/${enc(id)}/attendance`, body);
}

export function holdMeeting(id: string, body: HoldMeetingBody): Promise<Meeting> {
  return apiPost<Meeting>(`${base}/${enc(id)}/hold`, body);
}

export function addResolution(id: string, body: ResolutionBody): Promise<Meeting> {
  return apiPost<Meeting>(`${base}/${enc(id)}/resolutions`, body);
}

/** The printable sign-in sheet and minutes, drawn by the server. */
export function meetingPdfUrl(id: string, which: 'sign-in' | 'minutes'): string {
  return `/api/v1${base}/${enc(id)}/${which}.pdf`;
}

/** Proposals (议题) that may go on an agenda: the ones not yet closed. */
export function listAgendaChoices(regionCode?: string): Promise<Proposal[]> {
  return apiGet<Proposal[]>('/cocreation/proposals', { regionCode, limit: 200 });
}
