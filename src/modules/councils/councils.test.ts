import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness } from '../../../test/helpers/harness.js';
import { extractPdfText } from '../../platform/pdf-text.js';
import type { Body, PublicRoster, Shift } from './council-schema.js';
import { sendDutyReminders } from './index.js';
import { CHANGCHUN, intakeFixture, registerVillagers, SHANGHUANG, type Intake, type Villager } from './test-fixtures.js';

// 一约四会 and teams: one council of each kind per village, members from the village's registry,
// the leader from the 两委 (post required, one at a time), duty shifts of current members with a
// reminder the day before (once), the public roster with names as a notice board shows them, the
// work cards, the 五老三员两长 tags on people, and scope.

let f: Intake;
let sh: Villager[];
let cc: Villager[];
let council: Body;
let team: Body;
const sqlRows = async <T>(text: string, params: unknown[] = []) => (await f.h.database.admin.query(text, params)).rows as T[];
const send = (method: 'GET' | 'POST' | 'PATCH', url: string, who: string | undefined, payload?: object) =>
  f.h.app.inject({ method, url, headers: who ? { cookie: f.cookies[who]! } : {}, ...(payload ? { payload } : {}) });

beforeAll(async () => {
  f = await intakeFixture(await createHarness({ loginRateLimitPerMinute: 1000 }), ['village', 'village2', 'grid']);
  sh = await registerVillagers(f, 'village', SHANGHUANG, [['杨秀英'], ['王大山'], ['欧阳娜娜']]);
  cc = await registerVillagers(f, 'village2', CHANGCHUN, [['李长春']]);
  // 五老三员两长 are tags on the person in the registry.
  await f.h.database.admin.query(`UPDATE residents SET tags = ARRAY['wulao_teacher', 'sanyuan_mediator'] WHERE id = $1`, [sh[2]!.residentId]);
});
afterAll(() => f?.h.close());

describe('councils and teams', () => {
  it('sets up the four councils once each, and teams; grid workers read only; another village is out of scope', async () => {
    const res = await send('POST', '/api/v1/councils', 'village', {
      villageCode: SHANGHUANG,
      kind: 'moral_review',
      duties: '评议村民道德行为，提出红黑榜事项',
    });
    expect(res.statusCode, res.body).toBe(201);
    council = res.json();
    expect(council).toMatchObject({ category: 'council', name: '道德评议会' });
    const again = await send('POST', '/api/v1/councils', 'village', { villageCode: SHANGHUANG, kind: 'moral_review', name: '第二道德评议会' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.details.field).toBe('kind');
    team = (await send('POST', '/api/v1/councils', 'village', { villageCode: SHANGHUANG, kind: 'security_patrol' })).json();
    expect(team.category).toBe('team');
    expect((await send('POST', '/api/v1/councils', 'grid', { villageCode: SHANGHUANG, kind: 'weddings_funerals' })).statusCode).toBe(403);
    const out = await send('POST', '/api/v1/councils', 'village', { villageCode: CHANGCHUN, kind: 'weddings_funerals' });
    expect(out.statusCode).toBe(400);
    expect(out.json().error.details.field).toBe('villageCode');
    expect((await send('GET', `/api/v1/councils/${council.id}`, 'village2')).statusCode).toBe(404);
    expect(((await send('GET', `/api/v1/councils?villageCode=${SHANGHUANG}`, 'grid')).json() as Body[]).length).toBe(2);
  });

  it('takes members from the village registry; the leader is a 两委 member, one at a time', async () => {
    const add = (body: object, id = council.id) => send('POST', `/api/v1/councils/${id}/members`, 'village', body);
    const noPost = await add({ residentId: sh[0]!.residentId, role: 'leader' });
    expect(noPost.statusCode).toBe(400);
    expect(noPost.json().error.details.field).toBe('committeePost');
    expect(noPost.json().error.message).toMatch(/两委/);
    const leader = await add({ residentId: sh[0]!.residentId, role: 'leader', committeePost: '村党支部书记' });
    expect(leader.statusCode, leader.body).toBe(201);
    const second = await add({ residentId: sh[1]!.residentId, role: 'leader', committeePost: '村委会主任' });
    expect(second.statusCode).toBe(409);
    expect(second.json().error.details.field).toBe('role');
    const foreign = await add({ residentId: cc[0]!.residentId, role: 'member' });
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json().error.details.field).toBe('residentId');
    expect((await add({ residentId: sh[1]!.residentId, role: 'member' })).statusCode).toBe(201);
    const withTags = await add({ residentId: sh[2]!.residentId, role: 'member' });
    const body = withTags.json() as Body;
    council = body;
    expect(body.members.map((m) => m.name)).toEqual(['杨秀英', '王大山', '欧阳娜娜']);
    expect(body.members.find((m) => m.name === '欧阳娜娜')!.tags).toEqual(['老教师', '调解员']);
    expect((await add({ residentId: sh[2]!.residentId, role: 'member' })).statusCode).toBe(409);
    await add({ residentId: sh[1]!.residentId, role: 'leader', committeePost: '村委会委员' }, team.id);
    team = (await add({ residentId: sh[2]!.residentId, role: 'member' }, team.id)).json();
    const tags = await sqlRows<{ name: string }>(`SELECT name FROM resident_tags WHERE category = 'governance' ORDER BY sort`);
    expect(tags.map((t) => t.name)).toContain('老党员');
  });

  it('keeps a member who left as history', async () => {
    const member = ((await send('GET', `/api/v1/councils/${council.id}`, 'village')).json() as Body).members.find((m) => m.name === '王大山')!;
    const res = await send('POST', `/api/v1/councils/${council.id}/members/${member.id}/leave`, 'village', {});
    expect(res.statusCode, res.body).toBe(200);
    expect((res.json() as Body).members.map((m) => m.name)).not.toContain('王大山');
    const rows = await sqlRows<{ left_on: string }>(`SELECT left_on::text FROM council_members WHERE id = $1`, [member.id]);
    expect(rows[0]!.left_on).toBe('2026-11-23');
  });
});

describe('duty shifts and reminders', () => {
  it('schedules current members only, one shift per body, day and period', async () => {
    const [leader, member] = team.members;
    const plan = (body: object) => send('POST', `/api/v1/councils/${team.id}/shifts`, 'village', body);
    const stranger = await plan({ dutyOn: '2026-11-24', period: 'night', memberIds: [leader!.id, council.members[0]!.id] });
    expect(stranger.statusCode).toBe(400);
    expect(stranger.json().error.details.field).toBe('memberIds[1]');
    const past = await plan({ dutyOn: '2026-11-22', period: 'night', memberIds: [leader!.id] });
    expect(past.json().error.details.field).toBe('dutyOn');
    const ok = await plan({ dutyOn: '2026-11-24', period: 'night', task: '村道夜间巡逻', memberIds: [leader!.id, member!.id] });
    expect(ok.statusCode, ok.body).toBe(201);
    expect((ok.json() as Shift).members.map((m) => m.name)).toEqual(['王大山', '欧阳娜娜']);
    expect((await plan({ dutyOn: '2026-11-24', period: 'night', memberIds: [leader!.id] })).statusCode).toBe(409);
    await plan({ dutyOn: '2026-11-26', period: 'day', memberIds: [member!.id] });
    const list = (await send('GET', `/api/v1/councils/shifts?villageCode=${SHANGHUANG}`, 'grid')).json() as Shift[];
    expect(list.map((s) => s.dutyOn)).toEqual(['2026-11-24', '2026-11-26']);
  });

  it("reminds the village's inbox of tomorrow's shifts, once", async () => {
    expect(await sendDutyReminders(f.h.deps)).toEqual({ sent: 1 });
    expect(await sendDutyReminders(f.h.deps)).toEqual({ sent: 0 });
    const notes = await sqlRows<{ message: string; unit_region_code: string }>(
      `SELECT message, unit_region_code FROM notifications WHERE kind = 'duty_reminder'`,
    );
    expect(notes).toHaveLength(1);
    expect(notes[0]!.unit_region_code).toBe(SHANGHUANG);
    expect(notes[0]!.message).toContain('治安巡逻队');
    expect(notes[0]!.message).toContain('王大山、欧阳娜娜');
  });
});

describe('public roster and work cards', () => {
  it('shows the roster without login, names as 杨某, no numbers', async () => {
    const res = await send('GET', `/api/v1/public/councils/villages/${SHANGHUANG}`, undefined);
    expect(res.statusCode).toBe(200);
    const roster = res.json() as PublicRoster;
    const moral = roster.bodies.find((b) => b.kind === 'moral_review')!;
    expect(moral.members).toEqual([
      { name: '杨某', role: 'leader', committeePost: '村党支部书记' },
      { name: '欧阳某', role: 'member', committeePost: null },
    ]);
    expect(res.body).not.toContain('杨秀英');
    expect(res.body).not.toContain(sh[0]!.idNumber);
    expect((await send('GET', '/api/v1/public/councils/villages/522631102299', undefined)).statusCode).toBe(404);
  });

  it('prints work cards with the member names and the roster address', async () => {
    const res = await send('GET', `/api/v1/councils/${council.id}/work-cards.pdf`, 'village');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('application/pdf');
    const text = extractPdfText(res.rawPayload).replace(/\s+/g, '');
    expect(text).toContain('杨秀英');
    expect(text).toContain('欧阳娜娜');
    expect(text).toContain('道德评议会');
    expect(text).toContain('照片');
    expect((await send('GET', `/api/v1/councils/${council.id}/work-cards.pdf`, 'village2')).statusCode).toBe(404);
  });
});
