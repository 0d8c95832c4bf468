import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness } from '../../../test/helpers/harness.js';
import { SYSTEM_CONTEXT, withContext, type DbContext } from '../../platform/db/context.js';
import { extractPdfText } from '../../platform/pdf-text.js';
import { computeQuorum, type QuorumEntry } from './meeting-quorum.js';
import { linkResolution } from './meeting-store.js';
import type { Meeting } from './meeting-schema.js';
import { CHANGCHUN, client, intakeFixture, registerVillagers, SHANGHUANG, type Intake, type Villager } from './test-fixtures.js';

// Deliberation meetings (议事, issue #11 item 2): scheduling with an agenda of the village's proposals
// and a roster from the registry; refusals outside the area, naming the field and writing nothing;
// attendance after the start; the quorum per kind at and below its threshold; resolutions only on a
// held, quorate meeting, final afterwards; the sign-in sheet and minutes PDFs; scope and RLS.

let f: Intake;
let api: ReturnType<typeof client>;
let people: Villager[];
let outsider: Villager[];
const proposals: Record<'road' | 'light' | 'other', string> = { road: '', light: '', other: '' };
let village: { path: string };
let village2: { path: string };

const rows = async <T>(text: string, params: unknown[] = []) => (await f.h.database.admin.query(text, params)).rows as T[];
const count = async (table: string, where = 'true', params: unknown[] = []) =>
  (await rows<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} WHERE ${where}`, params))[0]!.n;
const audits = (action: string, targetId: string) => count('audit_log', 'action = $1 AND target_id = $2', [action, targetId]);
const heads = () => people.filter((p) => p.head);
const soon = () => new Date(f.h.clock.now().getTime() + 3600_000).toISOString();

async function insertProposal(villageCode: string, title: string): Promise<string> {
  const id = uuidv7();
  await f.h.database.admin.query(
    `INSERT INTO cocreation_proposals (id, region_code, path, title, created_at, updated_at)
     SELECT $1, code, path, $2, now(), now() FROM regions WHERE code = $3`,
    [id, title, villageCode],
  );
  return id;
}

async function schedule(body: Record<string, unknown>, who = 'village') {
  return api.post('/api/v1/cocreation/meetings', who, { regionCode: SHANGHUANG, title: '村民议事', place: '村委会', startsAt: soon(), ...body });
}
async function scheduled(body: Record<string, unknown>): Promise<Meeting> {
  const res = await schedule(body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as Meeting;
}
const attend = (id: string, entries: object[], who = 'village') => api.post(`/api/v1/cocreation/meetings/${id}/attendance`, who, { entries });
const hold = (id: string, body: object, who = 'village') => api.post(`/api/v1/cocreation/meetings/${id}/hold`, who, body);
const resolve = (id: string, body: object, who = 'village') => api.post(`/api/v1/cocreation/meetings/${id}/resolutions`, who, body);
/** Moves past every scheduled start (one hour ahead), keeping the sessions alive. */
async function start(): Promise<void> {
  f.h.clock.advanceMinutes(61);
  for (const u of Object.keys(f.cookies)) f.cookies[u] = await f.h.login(u);
}
function expectRefused(res: { statusCode: number; json(): { error: { message: string; details: { field?: string } } } }, field: string, text?: string) {
  expect(res.statusCode).toBe(400);
  expect(res.json().error.details.field).toBe(field);
  if (text) expect(res.json().error.message).toContain(text);
}

beforeAll(async () => {
  f = await intakeFixture(await createHarness({ loginRateLimitPerMinute: 1000 }), ['village', 'village2', 'township']);
  api = client(f.h, f.cookies);
  people = await registerVillagers(f, 'village', SHANGHUANG, [['王大山', '王小山'], ['李春花'], ['张建国', '张建军'], ['赵秀兰'], ['陈志强'], ['刘德华']]);
  outsider = await registerVillagers(f, 'village2', CHANGCHUN, [['孙长春']]);
  proposals.road = await insertProposal(SHANGHUANG, '硬化通组公路');
  proposals.light = await insertProposal(SHANGHUANG, '安装太阳能路灯');
  proposals.other = await insertProposal(CHANGCHUN, '长春村的议题');
  [village, village2] = (await Promise.all(
    [SHANGHUANG, CHANGCHUN].map(async (c) => (await rows<{ path: string }>('SELECT path::text AS path FROM regions WHERE code = $1', [c]))[0]!),
  )) as [{ path: string }, { path: string }];
});
afterAll(() => f?.h.close());

describe('quorum rules (meeting-quorum.ts)', () => {
  const roster = (unit: QuorumEntry['unit'], present: number, proxy: number, absent: number): QuorumEntry[] => [
    ...Array<QuorumEntry>(present).fill({ unit, attendance: 'present' }),
    ...Array<QuorumEntry>(proxy).fill({ unit, attendance: 'proxy' }),
    ...Array<QuorumEntry>(absent).fill({ unit, attendance: 'absent' }),
  ];
  it('村民代表会议: two thirds of the representatives in person; proxies do not count', () => {
    expect(computeQuorum('representatives', roster('person', 5, 0, 4))).toMatchObject({ required: 6, counted: 5, met: false });
    expect(computeQuorum('representatives', roster('person', 6, 0, 3))).toMatchObject({ required: 6, counted: 6, met: true });
    expect(computeQuorum('representatives', roster('person', 5, 3, 1))).toMatchObject({ counted: 5, met: false });
  });
  it('村民会议: more than half of the adults, or two thirds of the households (proxies count for a household)', () => {
    expect(computeQuorum('villager_council', roster('person', 5, 0, 5))).toMatchObject({ rule: 'half_adults_present', required: 6, met: false });
    expect(computeQuorum('villager_council', roster('person', 6, 0, 4))).toMatchObject({ met: true });
    expect(computeQuorum('villager_council', roster('household', 3, 0, 3))).toMatchObject({ rule: 'two_thirds_households', required: 4, met: false });
    expect(computeQuorum('villager_council', roster('household', 3, 1, 2))).toMatchObject({ counted: 4, met: true });
  });
  it('党员大会 more than half in person; informal kinds more than half of the households; nobody invited is never quorate', () => {
    expect(computeQuorum('party_members', roster('person', 2, 1, 1))).toMatchObject({ required: 3, counted: 2, met: false });
    expect(computeQuorum('courtyard', roster('household', 2, 1, 2))).toMatchObject({ required: 3, counted: 3, met: true });
    expect(computeQuorum('four_party', roster('household', 2, 0, 2))).toMatchObject({ met: false });
    expect(computeQuorum('fireside', [])).toMatchObject({ invited: 0, met: false });
  });
});

describe('scheduling (安排会议)', () => {
  it('a 院坝会 for all households of the village, with the village’s proposals on the agenda; audited', async () => {
    const m = await scheduled({ kind: 'courtyard', agenda: [proposals.road, proposals.light], invitations: { allHouseholds: true } });
    const households = await count('households', "village_code = $1 AND status = 'active'", [SHANGHUANG]);
    expect(m.attendees).toHaveLength(households);
    expect(m.attendees.map((a) => a.name)).toContain('王大山户');
    expect(m.agenda.map((a) => a.title)).toEqual(['硬化通组公路', '安装太阳能路灯']);
    expect(m.quorum).toMatchObject({ rule: 'half_households', invited: households, counted: 0, met: false });
    expect(m.canTakeAttendance).toBe(false);
    expect((await rows<{ status: string }>('SELECT status FROM cocreation_proposals WHERE id = $1', [proposals.road]))[0]!.status).toBe('deliberating');
    expect(await audits('cocreation.meeting.create', m.id)).toBe(1);
    const list = (await api.get('/api/v1/cocreation/meetings', 'village')).json() as { id: string }[];
    expect(list.map((x) => x.id)).toContain(m.id);
  });

  it('refuses what lies outside the meeting’s area or breaks a kind’s rule, naming the field and writing nothing', async () => {
    await f.h.database.admin.query(`UPDATE residents SET tags = '{party_member}' WHERE id = $1`, [people[0]!.residentId]);
    const before = await Promise.all(['cocreation_meetings', 'cocreation_attendees', 'cocreation_meeting_proposals'].map((t) => count(t)));
    const cases: [Record<string, unknown>, string, string][] = [
      [
        { kind: 'courtyard', invitations: { householdIds: [people[1]!.householdId, outsider[0]!.householdId] } },
        'invitations.householdIds.1',
        '不在本次会议的范围',
      ],
      [{ kind: 'representatives', invitations: { residentIds: [outsider[0]!.residentId] } }, 'invitations.residentIds.0', '不在本次会议的范围'],
      [{ kind: 'courtyard', agenda: [proposals.other], invitations: { allHouseholds: true } }, 'agenda.0', '不属于本村'],
      [{ kind: 'four_party', invitations: { allHouseholds: true } }, 'invitedParties', '业委会'],
      [{ kind: 'representatives', invitations: { allHouseholds: true } }, 'invitations.allHouseholds', '按人邀请'],
      [{ kind: 'party_members', invitations: { residentIds: [people[0]!.residentId, people[2]!.residentId] } }, 'invitations.residentIds.1', '不是党员'],
      [
        { kind: 'villager_council', invitations: { householdIds: [people[1]!.householdId], residentIds: [people[0]!.residentId] } },
        'invitations.residentIds',
        '不能混用',
      ],
      [{ kind: 'courtyard', invitations: {} }, 'invitations', '请选择'],
      [{ kind: 'courtyard', regionCode: CHANGCHUN, invitations: { allHouseholds: true } }, 'regionCode', '管理范围'],
    ];
    for (const [body, field, text] of cases) expectRefused(await schedule(body), field, text);
    const after = await Promise.all(['cocreation_meetings', 'cocreation_attendees', 'cocreation_meeting_proposals'].map((t) => count(t)));
    expect(after).toEqual(before);
    // A 四方联动 with its parties, and a 党员大会 of members, are accepted.
    const four = await scheduled({ kind: 'four_party', invitedParties: ['业委会', '物业公司'], invitations: { householdIds: [people[1]!.householdId] } });
    expect(four.invitedParties).toEqual(['业委会', '物业公司']);
    const party = await scheduled({ kind: 'party_members', invitations: { residentIds: [people[0]!.residentId] } });
    expect(party.attendees).toMatchObject([{ unit: 'person', name: '王大山' }]);
  });
});

describe('attendance, holding and resolutions', () => {
  let below: Meeting;
  let quorate: Meeting;
  let council: Meeting;
  const reps = () => [people[0]!, people[2]!, people[5]!].map((p) => p.residentId);

  beforeAll(async () => {
    below = await scheduled({ kind: 'representatives', title: '村民代表会议（一）', agenda: [proposals.light], invitations: { residentIds: reps() } });
    quorate = await scheduled({ kind: 'representatives', title: '村民代表会议（二）', agenda: [proposals.road], invitations: { residentIds: reps() } });
    council = await scheduled({ kind: 'villager_council', title: '村民议事会', invitations: { householdIds: heads().map((p) => p.householdId) } });
  });

  it('attendance is refused before the meeting starts; a proxy needs a name; each record is audited', async () => {
    expectRefused(await attend(below.id, [{ attendeeId: below.attendees[0]!.id, attendance: 'present' }]), 'attendance', '尚未开始');
    await start();
    const res = await attend(below.id, [
      { attendeeId: below.attendees[0]!.id, attendance: 'present' },
      { attendeeId: below.attendees[1]!.id, attendance: 'proxy' },
    ]);
    expectRefused(res, 'entries.1.proxyName', '代理人姓名');
    expect(await count('cocreation_attendees', 'meeting_id = $1 AND attendance IS NOT NULL', [below.id])).toBe(0);
    expectRefused(await attend(below.id, [{ attendeeId: quorate.attendees[0]!.id, attendance: 'present' }]), 'entries.0.attendeeId');
    const ok = await attend(below.id, [
      { attendeeId: below.attendees[0]!.id, attendance: 'present' },
      { attendeeId: below.attendees[1]!.id, attendance: 'proxy', proxyName: '王小山' },
    ]);
    expect(ok.statusCode, ok.body).toBe(200);
    // One in person and one proxy of three representatives: a proxy does not count, 1 < 2.
    expect((ok.json() as Meeting).quorum).toMatchObject({ invited: 3, counted: 1, required: 2, met: false });
    expect(await audits('cocreation.meeting.attendance', below.id)).toBe(1);
  });

  it('a meeting below quorum cannot decide: refused naming resolutions, nothing written; held without deciding it is final', async () => {
    const res = await hold(below.id, { minutes: '到会代表不足，改期再议', resolutions: [{ text: '安装路灯 20 盏', proposalId: proposals.light }] });
    expectRefused(res, 'resolutions', '未达到法定人数，不能形成决议');
    expect((await rows<{ status: string }>('SELECT status FROM cocreation_meetings WHERE id = $1', [below.id]))[0]!.status).toBe('planned');
    expect(await count('cocreation_resolutions', 'meeting_id = $1', [below.id])).toBe(0);
    const held = await hold(below.id, { minutes: '到会代表不足，改期再议' });
    expect(held.statusCode, held.body).toBe(200);
    expect(held.json()).toMatchObject({ status: 'held', quorumMet: false, minutes: '到会代表不足，改期再议' });
    expect((held.json() as Meeting).attendees.filter((a) => a.attendance === 'absent')).toHaveLength(1);
    expectRefused(await resolve(below.id, { text: '安装路灯 20 盏' }), 'resolutions', '未达到法定人数');
    expectRefused(await attend(below.id, [{ attendeeId: below.attendees[2]!.id, attendance: 'present' }]), 'attendance', '不能更改');
    expectRefused(await hold(below.id, { minutes: '再来一次' }), 'status');
    expect(await count('cocreation_resolutions', 'meeting_id = $1', [below.id])).toBe(0);
    expect(await audits('cocreation.meeting.hold', below.id)).toBe(1);
    expect((await rows<{ status: string }>('SELECT status FROM cocreation_proposals WHERE id = $1', [proposals.light]))[0]!.status).toBe('deliberating');
    // The database holds it too (migration 0041), even for the table owner.
    await expect(f.h.database.admin.query(`UPDATE cocreation_attendees SET attendance = 'present' WHERE meeting_id = $1`, [below.id])).rejects.toThrow(/final/);
  });

  it('two thirds of the representatives in person decide: numbered resolutions, the proposal decided, audited, final', async () => {
    const [a, b] = quorate.attendees;
    const res = await attend(quorate.id, [
      { attendeeId: a!.id, attendance: 'present' },
      { attendeeId: b!.id, attendance: 'present' },
    ]);
    expect((res.json() as Meeting).quorum).toMatchObject({ counted: 2, required: 2, met: true });
    expectRefused(
      await hold(quorate.id, { minutes: '一致同意', resolutions: [{ text: '不在议程', proposalId: proposals.light }] }),
      'resolutions.0.proposalId',
      '议程',
    );
    const held = await hold(quorate.id, {
      minutes: '代表一致同意硬化通组公路',
      resolutions: [{ text: '同意硬化通组公路 1.2 公里，群众投工投劳', proposalId: proposals.road }],
    });
    expect(held.statusCode, held.body).toBe(200);
    const m = held.json() as Meeting;
    expect(m).toMatchObject({ status: 'held', quorumMet: true });
    expect(m.resolutions).toMatchObject([{ seq: 1, proposalTitle: '硬化通组公路', voteId: null, projectId: null }]);
    expect((await rows<{ status: string }>('SELECT status FROM cocreation_proposals WHERE id = $1', [proposals.road]))[0]!.status).toBe('decided');
    const more = await resolve(quorate.id, { text: '成立道路管护小组' });
    expect(more.statusCode, more.body).toBe(201);
    const second = (more.json() as Meeting).resolutions[1]!;
    expect(second).toMatchObject({ seq: 2, text: '成立道路管护小组', proposalId: null });
    expect(await audits('cocreation.meeting.hold', quorate.id)).toBe(1);
    expect(await audits('cocreation.resolution.create', m.resolutions[0]!.id)).toBe(1);
    expect(await audits('cocreation.resolution.create', second.id)).toBe(1);
    expectRefused(await attend(quorate.id, [{ attendeeId: a!.id, attendance: 'absent' }]), 'attendance');
    await expect(f.h.database.admin.query(`UPDATE cocreation_resolutions SET text = '改写' WHERE id = $1`, [second.id])).rejects.toThrow(/final/);
  });

  it('村民议事会 by household: below two thirds it cannot decide, at two thirds (a proxy counts) it can', async () => {
    const lines = council.attendees;
    expect(lines).toHaveLength(6);
    const mark = (n: number, attendance: string, extra = {}) => lines.slice(0, n).map((l) => ({ attendeeId: l.id, attendance, ...extra }));
    const three = await attend(council.id, mark(3, 'present'));
    expect((three.json() as Meeting).quorum).toMatchObject({ rule: 'two_thirds_households', counted: 3, required: 4, met: false });
    const four = await attend(council.id, [{ attendeeId: lines[3]!.id, attendance: 'proxy', proxyName: '赵小兰' }]);
    expect((four.json() as Meeting).quorum).toMatchObject({ counted: 4, met: true });
    const held = await hold(council.id, { minutes: '议定村规民约修订', resolutions: [{ text: '修订村规民约第三条' }] });
    expect(held.json()).toMatchObject({ status: 'held', quorumMet: true, resolutions: [{ seq: 1 }] });
  });

  it('prints the sign-in sheet (names, blank signatures) and the minutes (counts, quorum, resolutions)', async () => {
    const sheet = await api.get(`/api/v1/cocreation/meetings/${quorate.id}/sign-in.pdf`, 'village');
    expect(sheet.statusCode).toBe(200);
    expect(sheet.headers['content-type']).toBe('application/pdf');
    const sheetText = extractPdfText(sheet.rawPayload).replace(/\n/g, '');
    for (const name of ['王大山', '李春花', '赵秀兰', '本人签名', '村民代表会议（二）']) expect(sheetText).toContain(name);
    const minutes = await api.get(`/api/v1/cocreation/meetings/${quorate.id}/minutes.pdf`, 'village');
    expect(minutes.statusCode).toBe(200);
    const text = extractPdfText(minutes.rawPayload).replace(/\n/g, '');
    for (const s of [
      '应到 3',
      '到会 2',
      '已达到',
      '代表一致同意硬化通组公路',
      '同意硬化通组公路 1.2 公里，群众投工投劳',
      '成立道路管护小组',
      '王大山',
      '缺席：赵秀兰',
    ]) {
      expect(text).toContain(s);
    }
  });
  it('linkResolution (for the votes and projects parts) sets each link once', async () => {
    const [res] = await rows<{ id: string; path: string }>('SELECT id, path::text AS path FROM cocreation_resolutions WHERE meeting_id = $1 AND seq = 1', [
      quorate.id,
    ]);
    const vote = async () => {
      const id = uuidv7();
      await f.h.database.admin.query(
        `INSERT INTO cocreation_votes (id, region_code, path, title, method, electorate, quorum_pct, pass_pct, created_at, updated_at)
         VALUES ($1, $2, $3, '豆选', 'single', 'household', 50, 50, now(), now())`,
        [id, SHANGHUANG, res!.path],
      );
      return id;
    };
    const [first, second] = [await vote(), await vote()];
    const cadre: DbContext = { userId: null, role: 'village_cadre', scopePath: village.path };
    await withContext(f.h.deps.db, cadre, (tx) => linkResolution(tx, res!.id, { voteId: first }));
    expect((await rows<{ vote_id: string }>('SELECT vote_id FROM cocreation_resolutions WHERE id = $1', [res!.id]))[0]!.vote_id).toBe(first);
    await expect(withContext(f.h.deps.db, cadre, (tx) => linkResolution(tx, res!.id, { voteId: second }))).rejects.toMatchObject({
      details: { field: 'resolutionId' },
    });
    // Another village's cadre cannot even find it.
    const cadre2: DbContext = { userId: null, role: 'village_cadre', scopePath: village2.path };
    await expect(withContext(f.h.deps.db, cadre2, (tx) => linkResolution(tx, res!.id, { voteId: second }))).rejects.toMatchObject({
      details: { field: 'resolutionId' },
    });
    await expect(f.h.database.admin.query('UPDATE cocreation_resolutions SET vote_id = $2 WHERE id = $1', [res!.id, second])).rejects.toThrow(/final/);
  });
});

describe('scope and row-level security', () => {
  let m: Meeting;
  beforeAll(async () => {
    m = await scheduled({
      kind: 'fireside',
      title: '火塘会',
      startsAt: new Date(f.h.clock.now().getTime() - 60_000).toISOString(),
      invitations: { allHouseholds: true },
    });
    const held = await scheduled({
      kind: 'building',
      title: '楼宇会',
      startsAt: new Date(f.h.clock.now().getTime() - 60_000).toISOString(),
      invitations: { householdIds: [people[1]!.householdId] },
    });
    await attend(held.id, [{ attendeeId: held.attendees[0]!.id, attendance: 'present' }]);
    await hold(held.id, { minutes: '议定', resolutions: [{ text: '楼道清理' }] });
  });

  it('a cadre of 长春村 cannot see or change 上黄村’s meeting; the township sees it', async () => {
    expect((await api.get(`/api/v1/cocreation/meetings/${m.id}`, 'village2')).statusCode).toBe(404);
    expect((await api.get(`/api/v1/cocreation/meetings/${m.id}/minutes.pdf`, 'village2')).statusCode).toBe(404);
    expect(((await api.get('/api/v1/cocreation/meetings', 'village2')).json() as { id: string }[]).some((x) => x.id === m.id)).toBe(false);
    expect((await api.get(`/api/v1/cocreation/meetings?regionCode=${SHANGHUANG}`, 'village2')).statusCode).toBe(400);
    expect((await attend(m.id, [{ attendeeId: m.attendees[0]!.id, attendance: 'present' }], 'village2')).statusCode).toBe(404);
    expect((await hold(m.id, { minutes: '越权' }, 'village2')).statusCode).toBe(404);
    expect((await resolve(m.id, { text: '越权' }, 'village2')).statusCode).toBe(404);
    expect(await count('cocreation_attendees', 'meeting_id = $1 AND attendance IS NOT NULL', [m.id])).toBe(0);
    expect((await api.get(`/api/v1/cocreation/meetings/${m.id}`, 'township')).statusCode).toBe(200);
  });

  it('with the service bypassed, the database hides the rows and refuses the writes', async () => {
    const cadre2: DbContext = { userId: null, role: 'village_cadre', scopePath: village2.path };
    const seen = await withContext(f.h.deps.db, cadre2, async (tx) => ({
      meetings: await tx.selectFrom('cocreation_meetings').select('id').execute(),
      attendees: await tx.selectFrom('cocreation_attendees').select('id').where('meeting_id', '=', m.id).execute(),
      agenda: await tx.selectFrom('cocreation_meeting_proposals').select('proposal_id').execute(),
      resolutions: await tx.selectFrom('cocreation_resolutions').select('id').execute(),
    }));
    expect(seen).toEqual({ meetings: [], attendees: [], agenda: [], resolutions: [] });
    const updated = await withContext(f.h.deps.db, cadre2, (tx) =>
      tx.updateTable('cocreation_attendees').set({ attendance: 'present' }).where('meeting_id', '=', m.id).executeTakeFirst(),
    );
    expect(Number(updated.numUpdatedRows)).toBe(0);
    await expect(
      withContext(f.h.deps.db, cadre2, (tx) =>
        tx
          .insertInto('cocreation_attendees')
          .values({ id: uuidv7(), meeting_id: m.id, household_id: outsider[0]!.householdId, name: '孙长春户', path: village.path })
          .execute(),
      ),
    ).rejects.toMatchObject({ code: '42501' });
    // A grid worker of the village reads, but cannot write.
    const grid: DbContext = { userId: null, role: 'grid_worker', scopePath: village.path };
    expect(await withContext(f.h.deps.db, grid, (tx) => tx.selectFrom('cocreation_meetings').select('id').where('id', '=', m.id).execute())).toHaveLength(1);
    const gridUpdate = await withContext(f.h.deps.db, grid, (tx) =>
      tx.updateTable('cocreation_meetings').set({ title: '改' }).where('id', '=', m.id).executeTakeFirst(),
    );
    expect(Number(gridUpdate.numUpdatedRows)).toBe(0);
    expect(
      await withContext(f.h.deps.db, SYSTEM_CONTEXT, (tx) => tx.selectFrom('cocreation_meetings').select('id').where('id', '=', m.id).execute()),
    ).toHaveLength(1);
  });
});
