import { uuidv7 } from 'uuidv7';
import { dbContext, type Actor } from '../../platform/actor.js';
import { appendAudit } from '../../platform/audit/service.js';
import { withContext, type Tx } from '../../platform/db/context.js';
import type { Deps } from '../../platform/deps.js';
import { invalidField, notFound, outOfScope } from '../../platform/errors.js';
import { chinaDate, toOffsetIso } from '../../platform/time.js';
import { findRegionForUpdate, isWithin } from '../regions/index.js';
import { minutesPdf, signInSheetPdf } from './meeting-pdf.js';
import { computeQuorum, type Quorum } from './meeting-quorum.js';
import {
  MEETING_KIND_NAMES,
  type Invitations,
  PERSON_KINDS,
  type AttendanceBody,
  type Attendee,
  type CreateMeetingBody,
  type HoldMeetingBody,
  type Meeting,
  type MeetingQuery,
  type MeetingSummary,
  type ResolutionBody,
} from './meeting-schema.js';
import {
  findGrid,
  findMeeting,
  findProposals,
  findHouseholds,
  findResidents,
  insertAgenda,
  insertAttendees,
  listAreaHouseholds,
  insertMeeting,
  insertResolutions,
  listAgenda,
  listAttendees,
  listMeetings,
  listResolutions,
  lockMeeting,
  markHeld,
  markUnmarkedAbsent,
  nextResolutionSeq,
  setAttendance,
  setProposalStatus,
  type AttendeeRow,
  type MeetingArea,
  type MeetingRow,
} from './meeting-store.js';
import { authorize, inScope } from './policy.js';

// Deliberation meetings (议事): a cadre schedules one for a village (or a group or grid under it)
// with an agenda of the village's proposals and a roster of invited households or named persons;
// attendance is taken from the roster once the meeting has started; marking it held stores the
// minutes and whether the quorum (meeting-quorum.ts) was met; resolutions need a quorate meeting.
// After holding, attendance and resolutions are final (migration 0041 holds it in the database).

const lastLabel = (path: string) => path.slice(path.lastIndexOf('.') + 1);

function presentSummary(r: MeetingRow): MeetingSummary {
  const grid = lastLabel(r.path);
  return {
    id: r.id,
    kind: r.kind,
    title: r.title,
    regionCode: r.region_code,
    regionName: r.region_name,
    gridCode: grid !== r.region_code && grid.length === 15 && grid.startsWith(r.region_code) ? grid : null,
    place: r.place,
    startsAt: toOffsetIso(r.starts_at),
    status: r.status,
    quorumMet: r.quorum_met,
    heldAt: r.held_at ? toOffsetIso(r.held_at as unknown as Date) : null,
    invitedCount: r.invited_count,
    attendedCount: r.attended_count,
    resolutionCount: r.resolution_count,
  };
}

const quorumOf = (kind: MeetingRow['kind'], rows: AttendeeRow[]): Quorum =>
  computeQuorum(
    kind,
    rows.map((a) => ({ unit: a.resident_id ? 'person' : 'household', attendance: a.attendance })),
  );

function presentAttendee(a: AttendeeRow): Attendee {
  return {
    id: a.id,
    unit: a.resident_id ? 'person' : 'household',
    householdId: a.household_id,
    residentId: a.resident_id,
    name: a.name,
    attendance: a.attendance,
    proxyName: a.proxy_name,
  };
}

async function loadMeeting(tx: Tx, actor: Actor, id: string, now: Date): Promise<Meeting> {
  const row = await findMeeting(tx, id);
  if (!row || !inScope(actor, row.path)) throw notFound('会议', id);
  const [agenda, attendees, resolutions] = await Promise.all([listAgenda(tx, id), listAttendees(tx, id), listResolutions(tx, id)]);
  return {
    ...presentSummary(row),
    invitedParties: row.invited_parties,
    minutes: row.minutes,
    agenda: agenda.map((a) => ({ seq: a.seq, proposalId: a.proposal_id, title: a.title, status: a.status })),
    attendees: attendees.map(presentAttendee),
    quorum: quorumOf(row.kind, attendees),
    resolutions: resolutions.map((s) => ({
      id: s.id,
      seq: s.seq,
      text: s.text,
      proposalId: s.proposal_id,
      proposalTitle: s.proposal_title,
      voteId: s.vote_id,
      projectId: s.project_id,
      createdAt: toOffsetIso(s.created_at),
    })),
    canTakeAttendance: row.status === 'planned' && row.starts_at.getTime() <= now.getTime(),
  };
}

export async function searchMeetings(deps: Deps, actor: Actor, q: MeetingQuery): Promise<MeetingSummary[]> {
  authorize(actor, 'cocreation.read');
  return withContext(deps.db, dbContext(actor), async (tx) => {
    let path = actor.scopePath;
    if (q.regionCode) {
      const region = await findRegionForUpdate(tx, q.regionCode);
      if (!region || !inScope(actor, region.path)) throw outOfScope('regionCode', '区划不存在或不在您的管理范围内');
      path = region.path;
    }
    if (!path) return [];
    return (await listMeetings(tx, { path, status: q.status, kind: q.kind })).map(presentSummary);
  });
}

export async function getMeeting(deps: Deps, actor: Actor, id: string): Promise<Meeting> {
  authorize(actor, 'cocreation.read');
  return withContext(deps.db, dbContext(actor), (tx) => loadMeeting(tx, actor, id, deps.clock.now()));
}

/** The village, group or grid a meeting is for, checked against the actor's scope. */
async function resolveArea(tx: Tx, actor: Actor, body: CreateMeetingBody): Promise<MeetingArea> {
  const region = await findRegionForUpdate(tx, body.regionCode);
  if (!region || !inScope(actor, region.path)) throw outOfScope('regionCode', '村（社区）不存在或不在您的管理范围内');
  if (region.level !== 'village' && region.level !== 'group') throw invalidField('regionCode', '请选择村（社区）或其下的村民小组、小区');
  const villagePath = region.level === 'group' ? region.path.slice(0, region.path.lastIndexOf('.')) : region.path;
  if (!body.gridCode) return { level: region.level, regionCode: region.code, path: region.path, villagePath, name: region.name };
  if (region.level !== 'village') throw invalidField('gridCode', '按网格召开时，请选择网格所在的村（社区）');
  const grid = await findGrid(tx, body.gridCode);
  if (!grid || grid.village_code !== region.code) throw invalidField('gridCode', `网格不属于${region.name}`);
  return { level: 'grid', regionCode: region.code, path: grid.path, villagePath, name: `${region.name}${grid.name}` };
}

interface RosterLine {
  householdId: string;
  residentId: string | null;
  name: string;
}

const adultOn = (birthDate: string, today: Date) => {
  const [y, m, d] = birthDate.split('-').map(Number);
  return chinaDate(today) >= `${y! + 18}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
};

/**
 * The roster from the invitations: households (all active ones of the area, or chosen ones) or
 * named persons, each checked to lie in the meeting's area; the message names the field.
 */
async function buildRoster(tx: Tx, p: { kind: CreateMeetingBody['kind']; area: MeetingArea; invitations: Invitations; today: Date }): Promise<RosterLine[]> {
  const { kind, area, invitations: inv } = p;
  const kindName = MEETING_KIND_NAMES[kind];
  const householdIds = inv.householdIds ?? [];
  const residentIds = inv.residentIds ?? [];
  const byHousehold = !!inv.allHouseholds || householdIds.length > 0;
  if (!byHousehold && !residentIds.length) throw invalidField('invitations', '请选择参会的户或人员');
  if (byHousehold && PERSON_KINDS.includes(kind)) {
    throw invalidField(
      inv.allHouseholds ? 'invitations.allHouseholds' : 'invitations.householdIds',
      `${kindName}按人邀请，请选择${kind === 'representatives' ? '村民代表' : '党员'}`,
    );
  }
  if (byHousehold && residentIds.length && kind === 'villager_council') {
    throw invalidField('invitations.residentIds', '村民议事会按户或按成年村民邀请，二者不能混用');
  }
  const inArea = (row: { path: string; group_code: string | null }) =>
    area.level === 'group' ? row.group_code === area.regionCode : isWithin(row.path, area.path);
  const outside = `不在本次会议的范围（${area.name}）内`;
  const lines = new Map<string, RosterLine>();
  const headName = (h: { head_name: string | null; address: string }) => (h.head_name ? `${h.head_name}户` : h.address);
  if (inv.allHouseholds) {
    const all = await listAreaHouseholds(tx, area);
    if (!all.length) throw invalidField('invitations.allHouseholds', `${area.name}没有登记在册的户`);
    for (const h of all) lines.set(h.id, { householdId: h.id, residentId: null, name: headName(h) });
  }
  const households = await findHouseholds(tx, householdIds);
  householdIds.forEach((hid, i) => {
    const h = households.find((x) => x.id === hid);
    if (!h || h.status !== 'active' || !inArea(h)) throw invalidField(`invitations.householdIds.${i}`, `该户${outside}`);
    lines.set(h.id, { householdId: h.id, residentId: null, name: headName(h) });
  });
  const residents = await findResidents(tx, residentIds);
  residentIds.forEach((rid, i) => {
    const r = residents.find((x) => x.id === rid);
    const field = `invitations.residentIds.${i}`;
    if (!r || r.status !== 'active' || !inArea(r)) throw invalidField(field, `该居民${outside}`);
    if (kind === 'party_members' && !r.party_member) throw invalidField(field, `${r.name}不是党员，不能列入党员大会名单`);
    if ((kind === 'representatives' || kind === 'villager_council') && !adultOn(r.birth_date, p.today)) {
      throw invalidField(field, `${r.name}未满十八周岁，不能列入${kindName}名单`);
    }
    lines.set(r.id, { householdId: r.household_id, residentId: r.id, name: r.name });
  });
  return [...lines.values()];
}

/** Schedules a meeting: its area, agenda and roster (invited households or named persons). */
export async function createMeeting(deps: Deps, actor: Actor, body: CreateMeetingBody): Promise<Meeting> {
  authorize(actor, 'cocreation.edit');
  const now = deps.clock.now();
  const parties = [...new Set((body.invitedParties ?? []).map((p) => p.trim()).filter(Boolean))];
  if (body.kind === 'four_party' && !parties.length) throw invalidField('invitedParties', '四方联动须写明受邀的各方（如业委会、物业）');
  const agendaIds = body.agenda ?? [];
  agendaIds.forEach((id, i) => {
    if (agendaIds.indexOf(id) !== i) throw invalidField(`agenda.${i}`, '议题重复');
  });
  return withContext(deps.db, dbContext(actor), async (tx) => {
    const area = await resolveArea(tx, actor, body);
    const proposals = await findProposals(tx, agendaIds);
    agendaIds.forEach((id, i) => {
      const p = proposals.find((x) => x.id === id);
      if (!p || !isWithin(p.path, area.villagePath)) throw invalidField(`agenda.${i}`, '议题不存在或不属于本村（社区）');
      if (p.status === 'closed') throw invalidField(`agenda.${i}`, `议题“${p.title}”已关闭，不能列入议程`);
    });
    const id = uuidv7();
    const roster = await buildRoster(tx, { kind: body.kind, area, invitations: body.invitations, today: now });
    await insertMeeting(tx, {
      id,
      region_code: area.regionCode,
      path: area.path,
      kind: body.kind,
      title: body.title.trim(),
      place: body.place?.trim() || null,
      starts_at: new Date(body.startsAt),
      invited_parties: parties,
      created_by: actor.userId,
      created_at: now,
      updated_at: now,
    });
    await insertAgenda(tx, id, area.path, agendaIds);
    await insertAttendees(
      tx,
      roster.map((r) => ({ id: uuidv7(), meeting_id: id, household_id: r.householdId, resident_id: r.residentId, name: r.name, path: area.path })),
    );
    await setProposalStatus(tx, agendaIds, 'deliberating', now, ['open']);
    const saved = await loadMeeting(tx, actor, id, now);
    const { attendees, ...after } = saved;
    await appendAudit(tx, deps.clock, actor, {
      action: 'cocreation.meeting.create',
      targetType: 'cocreation_meeting',
      targetId: id,
      after: { ...after, roster: attendees.map((a) => ({ householdId: a.householdId, residentId: a.residentId, name: a.name })) },
    });
    return saved;
  });
}

/** Finds the meeting for a write, locked; refuses one outside scope. */
async function meetingForWrite(tx: Tx, actor: Actor, id: string): Promise<MeetingRow> {
  await lockMeeting(tx, id);
  const row = await findMeeting(tx, id);
  if (!row || !inScope(actor, row.path)) throw notFound('会议', id);
  return row;
}

const minute = (d: Date) => toOffsetIso(d).slice(0, 16).replace('T', ' ');

/** Records attendance from the roster (present / proxy with the proxy's name / absent), once the meeting has started. */
export async function recordAttendance(deps: Deps, actor: Actor, id: string, body: AttendanceBody): Promise<Meeting> {
  authorize(actor, 'cocreation.edit');
  const now = deps.clock.now();
  return withContext(deps.db, dbContext(actor), async (tx) => {
    const meeting = await meetingForWrite(tx, actor, id);
    if (meeting.status !== 'planned') throw invalidField('attendance', '会议已举行，到会情况已确定，不能更改');
    if (meeting.starts_at.getTime() > now.getTime()) throw invalidField('attendance', `会议尚未开始（${minute(meeting.starts_at)}），开始后才能登记到会情况`);
    const roster = await listAttendees(tx, id);
    const changes = body.entries.map((e, i) => {
      const before = roster.find((a) => a.id === e.attendeeId);
      if (!before) throw invalidField(`entries.${i}.attendeeId`, '不在本次会议的参会名单中');
      const proxyName = e.attendance === 'proxy' ? (e.proxyName?.trim() ?? '') : null;
      if (proxyName === '') throw invalidField(`entries.${i}.proxyName`, `委托代理出席须填写代理人姓名（${before.name}）`);
      return { before, attendance: e.attendance, proxyName };
    });
    for (const c of changes) await setAttendance(tx, id, c.before.id, c.attendance, c.proxyName);
    const saved = await loadMeeting(tx, actor, id, now);
    await appendAudit(tx, deps.clock, actor, {
      action: 'cocreation.meeting.attendance',
      targetType: 'cocreation_meeting',
      targetId: id,
      before: {
        entries: changes.map((c) => ({ attendeeId: c.before.id, name: c.before.name, attendance: c.before.attendance, proxyName: c.before.proxy_name })),
      },
      after: {
        entries: changes.map((c) => ({ attendeeId: c.before.id, name: c.before.name, attendance: c.attendance, proxyName: c.proxyName })),
        quorum: saved.quorum,
      },
    });
    return saved;
  });
}

/** Checks resolutions against the agenda and numbers them after the meeting's last one. */
async function prepareResolutions(tx: Tx, actor: Actor, meeting: MeetingRow, inputs: ResolutionBody[], prefix: (i: number) => string, now: Date) {
  const agenda = await listAgenda(tx, meeting.id);
  let seq = await nextResolutionSeq(tx, meeting.id);
  return inputs.map((r, i) => {
    if (r.proposalId && !agenda.some((a) => a.proposal_id === r.proposalId)) throw invalidField(`${prefix(i)}proposalId`, '该议题不在本次会议的议程中');
    const text = r.text.trim();
    if (!text) throw invalidField(`${prefix(i)}text`, '请填写决议内容');
    return {
      id: uuidv7(),
      meeting_id: meeting.id,
      path: meeting.path,
      seq: seq++,
      text,
      proposal_id: r.proposalId ?? null,
      created_by: actor.userId,
      created_at: now,
    };
  });
}

function belowQuorum(q: Quorum): string {
  return `未达到法定人数，不能形成决议（${q.description}：应到 ${q.invited}，实到 ${q.counted}，至少须 ${q.required}）`;
}

/** Marks the meeting held: stores the minutes, whether the quorum was met, and any resolutions taken. */
export async function holdMeeting(deps: Deps, actor: Actor, id: string, body: HoldMeetingBody): Promise<Meeting> {
  authorize(actor, 'cocreation.edit');
  const now = deps.clock.now();
  const minutes = body.minutes.trim();
  if (!minutes) throw invalidField('minutes', '请填写会议纪要');
  return withContext(deps.db, dbContext(actor), async (tx) => {
    const meeting = await meetingForWrite(tx, actor, id);
    if (meeting.status !== 'planned') throw invalidField('status', '会议已举行或已取消，不能再次标记');
    if (meeting.starts_at.getTime() > now.getTime()) throw invalidField('status', `会议尚未开始（${minute(meeting.starts_at)}），不能标记为已举行`);
    const before = await loadMeeting(tx, actor, id, now);
    const quorum = before.quorum;
    const inputs = body.resolutions ?? [];
    if (inputs.length && !quorum.met) throw invalidField('resolutions', belowQuorum(quorum));
    const resolutions = await prepareResolutions(tx, actor, meeting, inputs, (i) => `resolutions.${i}.`, now);
    await markUnmarkedAbsent(tx, id);
    await markHeld(tx, id, { minutes, quorumMet: quorum.met, heldAt: now });
    await insertResolutions(tx, resolutions);
    await setProposalStatus(tx, [...new Set(resolutions.flatMap((r) => (r.proposal_id ? [r.proposal_id] : [])))], 'decided', now);
    const saved = await loadMeeting(tx, actor, id, now);
    const brief = (m: Meeting) => ({ status: m.status, minutes: m.minutes, quorumMet: m.quorumMet, heldAt: m.heldAt, quorum: m.quorum });
    await appendAudit(tx, deps.clock, actor, {
      action: 'cocreation.meeting.hold',
      targetType: 'cocreation_meeting',
      targetId: id,
      before: brief(before),
      after: brief(saved),
    });
    for (const r of saved.resolutions) {
      await appendAudit(tx, deps.clock, actor, {
        action: 'cocreation.resolution.create',
        targetType: 'cocreation_resolution',
        targetId: r.id,
        after: { meetingId: id, ...r },
      });
    }
    return saved;
  });
}

/** Records one more resolution of a held, quorate meeting; numbered after the last. */
export async function addResolution(deps: Deps, actor: Actor, id: string, body: ResolutionBody): Promise<Meeting> {
  authorize(actor, 'cocreation.edit');
  const now = deps.clock.now();
  return withContext(deps.db, dbContext(actor), async (tx) => {
    const meeting = await meetingForWrite(tx, actor, id);
    if (meeting.status !== 'held') throw invalidField('resolutions', '会议尚未举行，须先登记到会情况并标记举行');
    if (!meeting.quorum_met) {
      const attendees = await listAttendees(tx, id);
      throw invalidField('resolutions', belowQuorum(quorumOf(meeting.kind, attendees)));
    }
    const [row] = await prepareResolutions(tx, actor, meeting, [body], () => '', now);
    await insertResolutions(tx, [row!]);
    if (row!.proposal_id) await setProposalStatus(tx, [row!.proposal_id], 'decided', now);
    const saved = await loadMeeting(tx, actor, id, now);
    const after = saved.resolutions.find((r) => r.id === row!.id)!;
    await appendAudit(tx, deps.clock, actor, {
      action: 'cocreation.resolution.create',
      targetType: 'cocreation_resolution',
      targetId: row!.id,
      after: { meetingId: id, ...after },
    });
    return saved;
  });
}

/** The printable sign-in sheet (签到表) and the minutes (会议纪要) as PDFs, with their file names. */
export async function meetingPdf(deps: Deps, actor: Actor, id: string, which: 'sign-in' | 'minutes'): Promise<{ name: string; file: Buffer }> {
  const meeting = await getMeeting(deps, actor, id);
  const day = chinaDate(meeting.startsAt);
  if (which === 'sign-in') return { name: `${meeting.title}-签到表-${day}.pdf`, file: await signInSheetPdf(meeting) };
  return { name: `${meeting.title}-会议纪要-${day}.pdf`, file: await minutesPdf(meeting) };
}
