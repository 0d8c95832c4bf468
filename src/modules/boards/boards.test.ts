import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness } from '../../../test/helpers/harness.js';
import { SYSTEM_ACTOR } from '../../platform/actor.js';
import { loadWorkCalendar } from '../../platform/calendar/service.js';
import type { Entry, Ineligible, PublicBoard } from './board-schema.js';
import { ineligibleHouseholds } from './index.js';
import { CHANGCHUN, exe, intakeFixture, png, registerVillagers, relogin, SHANGHUANG, type Intake, type Villager } from './test-fixtures.js';

// Honour and warning boards (红榜 / 黑榜 / 黄榜): a proposal needs evidence and a council of the
// household's village; nothing is published before the household was notified and the objection
// window (working days) has run, nor while an objection is unanswered or after one was upheld;
// a published entry expires by the clock (gone from the public board, kept in the history); the
// households on 黑榜/黄榜 are ineligible for 评优评先 while listed, as a query. Scope holds.

let f: Intake;
let sh: Villager[];
let cc: Villager[];
let councilId: string;
let teamId: string;
const START = '2026-11-23T09:00:00+08:00'; // a Monday
const sqlRows = async <T>(text: string, params: unknown[] = []) => (await f.h.database.admin.query(text, params)).rows as T[];
const send = (method: 'GET' | 'POST', url: string, who: string | undefined, payload?: object) =>
  f.h.app.inject({ method, url, headers: who ? { cookie: f.cookies[who]! } : {}, ...(payload ? { payload } : {}) });
const count = async (table: string) => (await sqlRows<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`))[0]!.n;
const evidence = (shade: number) => [{ data: `data:image/png;base64,${png(shade).toString('base64')}`, filename: '现场照片.png' }];

const proposal = (householdId: string, extra: object = {}) => ({
  householdId,
  board: 'black',
  councilId,
  compactTitle: '上黄村村规民约',
  articleNumber: '第十二条',
  articleText: '不得在房前屋后乱堆乱放，不得向河道倾倒垃圾。',
  facts: '2026年11月多次向河道倾倒建筑垃圾，经劝导不改。',
  publicText: '向河道倾倒建筑垃圾，经劝导不改',
  objectionDays: 3,
  publishDays: 30,
  evidence: evidence(1),
  ...extra,
});

async function propose(householdId: string, extra: object = {}): Promise<Entry> {
  const res = await send('POST', '/api/v1/boards/entries', 'village', proposal(householdId, extra));
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as Entry;
}
const act = (id: string, step: string, body: object, who = 'village') => send('POST', `/api/v1/boards/entries/${id}/${step}`, who, body);
async function at(when: string) {
  f.h.clock.set(when);
  await relogin(f);
}

beforeAll(async () => {
  f = await intakeFixture(await createHarness({ loginRateLimitPerMinute: 1000 }), ['village', 'village2', 'grid', 'township']);
  sh = await registerVillagers(f, 'village', SHANGHUANG, [['杨秀英'], ['王大山'], ['陈小梅'], ['欧阳娜娜']]);
  cc = await registerVillagers(f, 'village2', CHANGCHUN, [['李长春']]);
  const council = await send('POST', '/api/v1/councils', 'village', { villageCode: SHANGHUANG, kind: 'moral_review' });
  expect(council.statusCode, council.body).toBe(201);
  councilId = council.json().id;
  const team = await send('POST', '/api/v1/councils', 'village', { villageCode: SHANGHUANG, kind: 'security_patrol' });
  teamId = team.json().id;
});
afterAll(() => f?.h.close());

describe('a board entry is proposed with evidence by a council', () => {
  it('refuses an entry without evidence, naming the field, and writes nothing', async () => {
    const before = await count('board_entries');
    for (const missing of [{ evidence: [] }, { evidence: undefined }]) {
      const res = await send('POST', '/api/v1/boards/entries', 'village', { ...proposal(sh[1]!.householdId), ...missing });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe('VALIDATION_FAILED');
      expect(res.json().error.details.field).toBe('evidence');
      expect(res.json().error.message).toMatch(/证据材料/);
    }
    const bad = await send(
      'POST',
      '/api/v1/boards/entries',
      'village',
      proposal(sh[1]!.householdId, { evidence: [{ data: exe().toString('base64'), filename: 'x.exe' }] }),
    );
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.field).toBe('evidence[0]');
    expect(await count('board_entries')).toBe(before);
    expect((await sqlRows<{ n: number }>(`SELECT count(*)::int AS n FROM files WHERE owner_kind = 'board_entry'`))[0]!.n).toBe(0);
  });

  it('takes a proposal only from a council of the household village, within scope, by an editor', async () => {
    const team = await send('POST', '/api/v1/boards/entries', 'village', proposal(sh[1]!.householdId, { councilId: teamId }));
    expect(team.statusCode).toBe(400);
    expect(team.json().error.details.field).toBe('councilId');
    const foreign = await send('POST', '/api/v1/boards/entries', 'village', proposal(cc[0]!.householdId));
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json().error.details.field).toBe('householdId');
    const otherVillage = await send('POST', '/api/v1/boards/entries', 'village2', proposal(cc[0]!.householdId));
    expect(otherVillage.json().error.details.field).toBe('councilId');
    expect((await send('POST', '/api/v1/boards/entries', 'grid', proposal(sh[1]!.householdId))).statusCode).toBe(403);
    const noText = await send('POST', '/api/v1/boards/entries', 'village', proposal(sh[1]!.householdId, { articleText: '  ' }));
    expect(noText.statusCode).toBe(400);
    expect(noText.json().error.details.field).toBe('articleText');
    const withNumber = await send('POST', '/api/v1/boards/entries', 'village', proposal(sh[1]!.householdId, { publicText: '电话 13800001234 的户' }));
    expect(withNumber.json().error.details.field).toBe('publicText');
  });
});

describe('notice, objection window, decision, publication and expiry', () => {
  let entry: Entry;
  let until: string;
  it('records the proposal with its evidence and the article as cited', async () => {
    entry = await propose(sh[1]!.householdId);
    expect(entry.stage).toBe('proposed');
    expect(entry.householdName).toBe('王大山');
    expect(entry.articleText).toContain('河道');
    expect(entry.evidence).toHaveLength(1);
    const file = await send('GET', entry.evidence[0]!.url, 'grid');
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toContain('image/png');
    expect((await send('GET', entry.evidence[0]!.url, 'village2')).statusCode).toBe(404);
  });

  it('refuses to publish before the household is notified, and changes nothing', async () => {
    const res = await act(entry.id, 'decide', { decision: 'publish' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.field).toBe('notifiedAt');
    expect(res.json().error.message).toMatch(/告知/);
    expect((await sqlRows<{ status: string }>(`SELECT status FROM board_entries WHERE id = $1`, [entry.id]))[0]!.status).toBe('proposed');
  });

  it('opens an objection window of N working days on notice, and refuses publication inside it', async () => {
    const res = await act(entry.id, 'notify', { method: 'in_person', note: '户主本人签收告知书' });
    expect(res.statusCode, res.body).toBe(200);
    entry = res.json();
    const calendar = await loadWorkCalendar(f.h.deps.db);
    until = calendar.addWorkingDays('2026-11-23', 3);
    expect(entry.stage).toBe('notified');
    expect(entry.objectionUntil).toBe(until);
    expect((await act(entry.id, 'notify', { method: 'posted' })).json().error.details.field).toBe('status');
    await at(`${until}T18:00:00+08:00`); // the last day of the window
    const early = await act(entry.id, 'decide', { decision: 'publish' });
    expect(early.statusCode).toBe(400);
    expect(early.json().error.code).toBe('VALIDATION_FAILED');
    expect(early.json().error.details.field).toBe('objectionUntil');
    expect(early.json().error.message).toMatch(/异议期/);
    const row = (await sqlRows<{ status: string; published_at: Date | null }>(`SELECT status, published_at FROM board_entries WHERE id = $1`, [entry.id]))[0]!;
    expect(row).toEqual({ status: 'notified', published_at: null });
    // The database refuses it too.
    await expect(
      f.h.database.admin.query(
        `UPDATE board_entries SET status = 'published', published_at = $2::timestamptz, published_until = $2::timestamptz + interval '1 day' WHERE id = $1`,
        [entry.id, `${until}T18:00:00+08:00`],
      ),
    ).rejects.toThrow();
  });

  it('takes objections within the window; an unanswered one blocks publication', async () => {
    const res = await act(entry.id, 'objections', { raisedBy: '王大山（户主）', content: '倾倒的是自家院内清出的泥土，不是建筑垃圾。' });
    expect(res.statusCode, res.body).toBe(201);
    entry = res.json();
    expect(entry.stage).toBe('objection');
    await at(`${until}T23:59:00+08:00`);
    await at(new Date(new Date(`${until}T09:00:00+08:00`).getTime() + 86_400_000).toISOString()); // the day after the window
    const late = await act(entry.id, 'objections', { raisedBy: '王大山', content: '再次提出异议。' });
    expect(late.statusCode).toBe(400);
    expect(late.json().error.details.field).toBe('raisedOn');
    const blocked = await act(entry.id, 'decide', { decision: 'publish' });
    expect(blocked.statusCode).toBe(400);
    expect(blocked.json().error.details.field).toBe('objections');
  });

  it('publishes after the objection is answered and the window has run; the public board shows 王某户 only', async () => {
    const objectionId = entry.objections[0]!.id;
    const answered = await act(entry.id, `objections/${objectionId}/answer`, { answer: '经道德评议会现场核实，倾倒物为建筑垃圾，异议不成立。', upheld: false });
    expect(answered.statusCode, answered.body).toBe(200);
    expect((await act(entry.id, `objections/${objectionId}/answer`, { answer: '再答', upheld: false })).statusCode).toBe(400);
    const res = await act(entry.id, 'decide', { decision: 'publish', note: '评议会表决通过' });
    expect(res.statusCode, res.body).toBe(200);
    entry = res.json();
    expect(entry.stage).toBe('published');
    const days = (Date.parse(entry.publishedUntil!) - Date.parse(entry.publishedAt!)) / 86_400_000;
    expect(days).toBe(30);
    const board = (await send('GET', `/api/v1/public/boards/villages/${SHANGHUANG}`, undefined)).json() as PublicBoard;
    const shown = board.entries.find((e) => e.id === entry.id)!;
    expect(shown).toMatchObject({ board: 'black', household: '王某户', publicText: '向河道倾倒建筑垃圾，经劝导不改', articleNumber: '第十二条' });
    const text = JSON.stringify(board);
    expect(text).not.toContain('王大山');
    expect(text).not.toContain('共建');
    expect(text).not.toContain(sh[1]!.idNumber);
    const audit = await sqlRows<{ action: string }>(`SELECT action FROM audit_log WHERE target_id = $1 AND action LIKE 'board.%' ORDER BY seq`, [entry.id]);
    expect(audit.map((a) => a.action)).toEqual(['board.propose', 'board.notify', 'board.objection', 'board.answer', 'board.publish']);
  });

  it('lists the household as ineligible for 评优评先 while listed — a query over entries, also for other modules', async () => {
    const red = await propose(sh[0]!.householdId, { board: 'red', publicText: '孝老爱亲，照顾瘫痪婆婆十年', evidence: evidence(2) });
    await act(red.id, 'notify', { method: 'in_person' });
    const list = (await send('GET', `/api/v1/boards/ineligible?villageCode=${SHANGHUANG}`, 'grid')).json() as Ineligible[];
    expect(list.map((i) => i.householdId)).toEqual([sh[1]!.householdId]);
    expect(list[0]!.board).toBe('black');
    const asked = await ineligibleHouseholds(f.h.deps, SYSTEM_ACTOR, { householdIds: [sh[0]!.householdId, sh[1]!.householdId] });
    expect(asked.map((i) => i.householdId)).toEqual([sh[1]!.householdId]);
    expect(await ineligibleHouseholds(f.h.deps, SYSTEM_ACTOR, { householdIds: [sh[2]!.householdId] })).toEqual([]);
    // Another village's cadre sees none of it.
    expect((await send('GET', '/api/v1/boards/ineligible', 'village2')).json()).toEqual([]);
    expect((await send('GET', `/api/v1/boards/entries/${entry.id}`, 'village2')).statusCode).toBe(404);
    const out = await send('GET', `/api/v1/boards/entries?villageCode=${SHANGHUANG}`, 'village2');
    expect(out.statusCode).toBe(400);
    expect(out.json().error.details.field).toBe('villageCode');
  });

  it('an upheld objection leaves only withdrawal', async () => {
    const e = await propose(sh[2]!.householdId, { board: 'yellow', evidence: evidence(3) });
    await act(e.id, 'notify', { method: 'posted' });
    const withObjection = (await act(e.id, 'objections', { raisedBy: '陈小梅', content: '当天不在村里，有车票为证。' })).json() as Entry;
    await act(e.id, `objections/${withObjection.objections[0]!.id}/answer`, { answer: '核实属实，异议成立。', upheld: true });
    const calendar = await loadWorkCalendar(f.h.deps.db);
    const later = calendar.addWorkingDays(withObjection.objectionUntil!, 1);
    await at(`${later}T10:00:00+08:00`);
    const refused = await act(e.id, 'decide', { decision: 'publish' });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.details.field).toBe('decision');
    const withdrawn = await act(e.id, 'decide', { decision: 'withdraw', note: '异议成立，撤回' });
    expect(withdrawn.statusCode, withdrawn.body).toBe(200);
    expect(withdrawn.json().stage).toBe('withdrawn');
    expect((await act(e.id, 'decide', { decision: 'publish' })).json().error.details.field).toBe('status');
  });

  it('expires by the clock: gone from the public board and the ineligible list, kept in the cadre history', async () => {
    await at(new Date(Date.parse(entry.publishedUntil!) + 60_000).toISOString());
    const board = (await send('GET', `/api/v1/public/boards/villages/${SHANGHUANG}`, undefined)).json() as PublicBoard;
    expect(board.entries.map((e) => e.id)).not.toContain(entry.id);
    expect((await send('GET', `/api/v1/boards/ineligible?villageCode=${SHANGHUANG}`, 'village')).json()).toEqual([]);
    const expired = (await send('GET', `/api/v1/boards/entries?villageCode=${SHANGHUANG}&stage=expired`, 'village')).json() as Entry[];
    expect(expired.map((e) => e.id)).toEqual([entry.id]);
    const all = (await send('GET', `/api/v1/boards/entries?villageCode=${SHANGHUANG}`, 'grid')).json() as Entry[];
    expect(all.find((e) => e.id === entry.id)!.stage).toBe('expired');
    // A published entry keeps its words.
    await expect(f.h.database.admin.query(`UPDATE board_entries SET facts = '改过的事实经过' WHERE id = $1`, [entry.id])).rejects.toThrow();
    await at(START);
  });
});
