import { sql, type Insertable, type Selectable } from 'kysely';
import type { Tx } from '../../platform/db/context.js';
import { invalidField } from '../../platform/errors.js';
import type {
  Attendance,
  CocreationAttendeesTable,
  CocreationMeetingsTable,
  CocreationResolutionsTable,
  MeetingKind,
  MeetingStatus,
  ProposalStatus,
} from './tables.js';

// The SQL of deliberation meetings (议事): meetings, their agenda, roster and resolutions, and the
// registry reads the invitations are checked against (households and residents of the area).

export type MeetingRow = Selectable<CocreationMeetingsTable> & {
  region_name: string;
  invited_count: number;
  attended_count: number;
  resolution_count: number;
};
export type AttendeeRow = Selectable<CocreationAttendeesTable>;
export type ResolutionRow = Selectable<CocreationResolutionsTable> & { proposal_title: string | null };

/** Where a meeting is held: a village, a group (村民小组 / 小区) under it, or a grid of it. */
export interface MeetingArea {
  level: 'village' | 'group' | 'grid';
  /** The region the meeting row names: the village or group (a grid's village). */
  regionCode: string;
  /** The path every row of the meeting carries. */
  path: string;
  /** The village's path: the agenda's proposals must lie within it. */
  villagePath: string;
  name: string;
}

const pathWithin = (column: string, path: string) => sql<boolean>`${sql.ref(column)} <@ ${path}::ltree`;

function meetings(tx: Tx) {
  return tx
    .selectFrom('cocreation_meetings as m')
    .innerJoin('regions as r', 'r.code', 'm.region_code')
    .selectAll('m')
    .select([
      'r.name as region_name',
      sql<number>`(SELECT count(*) FROM cocreation_attendees a WHERE a.meeting_id = m.id)::int`.as('invited_count'),
      sql<number>`(SELECT count(*) FROM cocreation_attendees a WHERE a.meeting_id = m.id AND a.attendance IN ('present', 'proxy'))::int`.as('attended_count'),
      sql<number>`(SELECT count(*) FROM cocreation_resolutions s WHERE s.meeting_id = m.id)::int`.as('resolution_count'),
    ]);
}

export async function listMeetings(tx: Tx, f: { path: string; status?: MeetingStatus; kind?: MeetingKind }): Promise<MeetingRow[]> {
  let q = meetings(tx).where(pathWithin('m.path', f.path));
  if (f.status) q = q.where('m.status', '=', f.status);
  if (f.kind) q = q.where('m.kind', '=', f.kind);
  return q.orderBy('m.starts_at', 'desc').limit(500).execute();
}

export async function findMeeting(tx: Tx, id: string): Promise<MeetingRow | undefined> {
  return meetings(tx).where('m.id', '=', id).executeTakeFirst();
}

/** Locks the meeting row, so two clerks taking attendance or holding it cannot interleave. */
export async function lockMeeting(tx: Tx, id: string): Promise<void> {
  await tx.selectFrom('cocreation_meetings').select('id').where('id', '=', id).forUpdate().execute();
}

export async function listAgenda(tx: Tx, meetingId: string) {
  return tx
    .selectFrom('cocreation_meeting_proposals as mp')
    .innerJoin('cocreation_proposals as p', 'p.id', 'mp.proposal_id')
    .select(['mp.seq', 'mp.proposal_id', 'p.title', 'p.status'])
    .where('mp.meeting_id', '=', meetingId)
    .orderBy('mp.seq')
    .execute();
}

export async function listAttendees(tx: Tx, meetingId: string): Promise<AttendeeRow[]> {
  return tx.selectFrom('cocreation_attendees').selectAll().where('meeting_id', '=', meetingId).orderBy('name').orderBy('id').execute();
}

export async function listResolutions(tx: Tx, meetingId: string): Promise<ResolutionRow[]> {
  return tx
    .selectFrom('cocreation_resolutions as s')
    .leftJoin('cocreation_proposals as p', 'p.id', 's.proposal_id')
    .selectAll('s')
    .select('p.title as proposal_title')
    .where('s.meeting_id', '=', meetingId)
    .orderBy('s.seq')
    .execute();
}

/** A grid of the registry (its path is the village's path plus its code). */
export async function findGrid(tx: Tx, code: string) {
  return tx.selectFrom('grids').select(['code', 'name', 'path', 'village_code']).where('code', '=', code).executeTakeFirst();
}

export async function findProposals(tx: Tx, ids: string[]) {
  if (!ids.length) return [];
  return tx.selectFrom('cocreation_proposals').select(['id', 'path', 'title', 'status']).where('id', 'in', ids).execute();
}

/** Households with their head's name and the fields the area test needs. */
function householdsQuery(tx: Tx) {
  return tx
    .selectFrom('households as h')
    .leftJoin('residents as hr', 'hr.id', 'h.head_resident_id')
    .select(['h.id', 'h.path', 'h.group_code', 'h.status', 'h.address', 'hr.name as head_name']);
}

export async function findHouseholds(tx: Tx, ids: string[]) {
  if (!ids.length) return [];
  return householdsQuery(tx).where('h.id', 'in', ids).execute();
}

/** Every active household of the area, in address order. */
export async function listAreaHouseholds(tx: Tx, area: MeetingArea) {
  let q = householdsQuery(tx).where('h.status', '=', 'active');
  q = area.level === 'group' ? q.where('h.group_code', '=', area.regionCode) : q.where(pathWithin('h.path', area.path));
  return q.orderBy('h.address').limit(5000).execute();
}

/** Residents with their household's group, and whether the party registry counts them as members. */
export async function findResidents(tx: Tx, ids: string[]) {
  if (!ids.length) return [];
  return tx
    .selectFrom('residents as r')
    .innerJoin('households as h', 'h.id', 'r.household_id')
    .select([
      'r.id',
      'r.name',
      'r.path',
      'r.status',
      'r.birth_date',
      'r.household_id',
      'h.group_code',
      sql<boolean>`('party_member' = ANY(r.tags) OR EXISTS (SELECT 1 FROM party_members pm WHERE pm.resident_id = r.id))`.as('party_member'),
    ])
    .where('r.id', 'in', ids)
    .execute();
}

export async function insertMeeting(tx: Tx, row: Insertable<CocreationMeetingsTable>): Promise<void> {
  await tx.insertInto('cocreation_meetings').values(row).execute();
}

export async function insertAgenda(tx: Tx, meetingId: string, path: string, proposalIds: string[]): Promise<void> {
  if (!proposalIds.length) return;
  await tx
    .insertInto('cocreation_meeting_proposals')
    .values(proposalIds.map((proposal_id, i) => ({ meeting_id: meetingId, proposal_id, seq: i + 1, path })))
    .execute();
}

export async function insertAttendees(tx: Tx, rows: Insertable<CocreationAttendeesTable>[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500)
    await tx
      .insertInto('cocreation_attendees')
      .values(rows.slice(i, i + 500))
      .execute();
}

export async function setAttendance(tx: Tx, meetingId: string, id: string, attendance: Attendance, proxyName: string | null): Promise<void> {
  await tx.updateTable('cocreation_attendees').set({ attendance, proxy_name: proxyName }).where('id', '=', id).where('meeting_id', '=', meetingId).execute();
}

/** At holding: whoever was not marked is recorded absent, so the roster is complete. */
export async function markUnmarkedAbsent(tx: Tx, meetingId: string): Promise<void> {
  await tx.updateTable('cocreation_attendees').set({ attendance: 'absent' }).where('meeting_id', '=', meetingId).where('attendance', 'is', null).execute();
}

export async function markHeld(tx: Tx, id: string, p: { minutes: string; quorumMet: boolean; heldAt: Date }): Promise<void> {
  await tx
    .updateTable('cocreation_meetings')
    // held_at is typed Maybe<Timestamp> in tables.ts, which nests the column type; the value is a Date.
    .set({ status: 'held', minutes: p.minutes, quorum_met: p.quorumMet, held_at: p.heldAt as never, updated_at: p.heldAt })
    .where('id', '=', id)
    .execute();
}

export async function nextResolutionSeq(tx: Tx, meetingId: string): Promise<number> {
  const row = await tx
    .selectFrom('cocreation_resolutions')
    .select(sql<number>`coalesce(max(seq), 0)::int`.as('seq'))
    .where('meeting_id', '=', meetingId)
    .executeTakeFirstOrThrow();
  return row.seq + 1;
}

export async function insertResolutions(tx: Tx, rows: Insertable<CocreationResolutionsTable>[]): Promise<void> {
  if (rows.length) await tx.insertInto('cocreation_resolutions').values(rows).execute();
}

export async function setProposalStatus(tx: Tx, ids: string[], status: ProposalStatus, now: Date, onlyFrom?: ProposalStatus[]): Promise<void> {
  if (!ids.length) return;
  let q = tx.updateTable('cocreation_proposals').set({ status, updated_at: now }).where('id', 'in', ids);
  if (onlyFrom) q = q.where('status', 'in', onlyFrom);
  await q.execute();
}

/**
 * Links a resolution to the vote it led to or the project built from it — for the votes and
 * projects parts, inside their own transaction (their audit records the link). Each link is set
 * once: a resolution already linked elsewhere is refused (migration 0041 holds it too).
 */
export async function linkResolution(tx: Tx, resolutionId: string, link: { voteId?: string; projectId?: string }): Promise<void> {
  const row = await tx.selectFrom('cocreation_resolutions').select(['vote_id', 'project_id']).where('id', '=', resolutionId).executeTakeFirst();
  if (!row) throw invalidField('resolutionId', '决议不存在或不在您的管理范围内');
  if (link.voteId && row.vote_id && row.vote_id !== link.voteId) throw invalidField('resolutionId', '该决议已关联其他表决');
  if (link.projectId && row.project_id && row.project_id !== link.projectId) throw invalidField('resolutionId', '该决议已关联其他项目');
  const patch = { ...(link.voteId ? { vote_id: link.voteId } : {}), ...(link.projectId ? { project_id: link.projectId } : {}) };
  if (Object.keys(patch).length) await tx.updateTable('cocreation_resolutions').set(patch).where('id', '=', resolutionId).execute();
}
