import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness } from '../../../test/helpers/harness.js';
import { extractPdfText } from '../../platform/pdf-text.js';
import { CHANGCHUN, intakeFixture, passFor, registerVillagers, relogin, SHANGHUANG, type Intake, type Villager } from '../cocreation/test-fixtures.js';
import type { Compact, CompactOpinion, Diff, ResidentCompact } from './compact-schema.js';

// A village compact through its nine steps and the filing, on the API: no step can be skipped or
// closed on an empty record; opinions stay on their article across renumbering; the vote is a
// co-creation vote judged by the law's quorum; the township cannot file a text with a fine in it.

let f: Intake;
let people: Villager[];
let outsider: Villager;
const send = (method: 'GET' | 'POST' | 'PUT', url: string, who: string, payload?: object, headers: Record<string, string> = {}) =>
  f.h.app.inject({ method, url, headers: { ...(who ? { cookie: f.cookies[who]! } : {}), ...headers }, ...(payload ? { payload } : {}) });
const ok = async (method: 'GET' | 'POST' | 'PUT', url: string, who: string, payload?: object) => {
  const res = await send(method, url, who, payload);
  expect(res.statusCode, res.body).toBeLessThan(300);
  return res.json() as Compact;
};
const refused = async (method: 'POST' | 'PUT', url: string, who: string, payload: object | undefined, field: string, words: string) => {
  const res = await send(method, url, who, payload);
  expect(res.statusCode, res.body).toBe(400);
  const e = res.json().error as { code: string; message: string; details: { field: string } };
  expect(e.details.field).toBe(field);
  expect(e.message).toContain(words);
};
const today = () => f.h.clock.now().toISOString().slice(0, 10);
/** Moves the clock on by whole days; sessions expire meanwhile, so everyone signs in again. */
const days = async (n: number) => {
  f.h.clock.advanceMinutes(n * 24 * 60);
  await relogin(f);
};
const audits = async () =>
  Number((await f.h.database.admin.query(`SELECT count(*)::int AS n FROM audit_log WHERE action LIKE 'compacts.%'`)).rows[0]!['n' as never]);

let c: Compact;
const url = (s = '') => `/api/v1/compacts/${c.id}${s}`;
const complete = (step: string) => ok('POST', url(`/steps/${step}/complete`), 'village', {});
const ARTICLES = [
  { topic: '总则', text: '本村村民应当遵守国家法律法规，爱护公共财物。' },
  { topic: '环境整治', text: '乱倒垃圾者罚款 200 元。' },
  { topic: '移风易俗', text: '红白喜事从简办理，彩礼不超过 3 万元。' },
  { topic: '公路管护', text: '村民应当爱护通组公路，不得在路面堆放杂物。' },
];

beforeAll(async () => {
  f = await intakeFixture(await createHarness({ loginRateLimitPerMinute: 1000, anonymousRateLimitPerMinute: 10000 }), [
    'village',
    'village2',
    'township',
    'grid',
  ]);
  people = await registerVillagers(f, 'village', SHANGHUANG, [['吴老寨'], ['杨支书'], ['石房族'], ['龙外出'], ['陆村民']]);
  outsider = (await registerVillagers(f, 'village2', CHANGCHUN, [['李长春']]))[0]!;
});
afterAll(() => f?.h.close());

describe('a compact through the nine steps', () => {
  it('opens at 两委商议 for a village in scope only', async () => {
    expect((await send('POST', '/api/v1/compacts', 'grid', { regionCode: SHANGHUANG, title: '上黄村村规民约' })).statusCode).toBe(403);
    expect((await send('POST', '/api/v1/compacts', 'village2', { regionCode: SHANGHUANG, title: '上黄村村规民约' })).statusCode).toBe(400);
    c = await ok('POST', '/api/v1/compacts', 'village', { regionCode: SHANGHUANG, title: '上黄村村规民约' });
    expect(c).toMatchObject({ step: 'deliberation', versionSeq: 0 });
    expect(c.regionName).toContain('上黄村');
    expect(c.needs[0]).toContain('两委商议');
    expect((await send('GET', url(), 'village2')).statusCode).toBe(404);
  });

  it('refuses to skip a step or close one on an empty record, writing nothing', async () => {
    const before = await audits();
    await refused('POST', url('/steps/invitation/complete'), 'village', {}, 'step', '现在是“两委商议”阶段');
    await refused('POST', url('/steps/deliberation/complete'), 'village', {}, 'step', '填写两委商议');
    await refused('POST', url('/invitations'), 'village', { residentId: people[0]!.residentId, capacity: '寨老' }, 'residentId', '“发邀请函”');
    await refused('POST', url('/versions'), 'village', { articles: ARTICLES }, 'articles', '“草拟初稿”或“修改完善”');
    expect(await audits()).toBe(before);
  });

  it('1–3: deliberation, invitation letters to registry persons, the committee vetted by three agencies', async () => {
    c = await ok('PUT', url('/deliberation'), 'village', {
      heldOn: today(),
      attendees: ['杨书记', '吴主任', '石委员'],
      minutes: '决定修订村规民约，成立执委会。',
    });
    c = await complete('deliberation');
    expect(c.step).toBe('invitation');
    await refused('POST', url('/steps/invitation/complete'), 'village', {}, 'step', '至少发出 3 份邀请函');
    const other = (await send('POST', url('/invitations'), 'village', { residentId: '00000000-0000-4000-8000-000000000000', capacity: '寨老' })).json();
    expect(other.error.details.field).toBe('residentId');
    for (const [i, cap] of [
      [0, '寨老'],
      [1, '老党员'],
      [2, '房族族长'],
    ] as const)
      c = await ok('POST', url('/invitations'), 'village', { residentId: people[i]!.residentId, capacity: cap });
    expect((await send('POST', url('/invitations'), 'village', { residentId: people[0]!.residentId, capacity: '寨老' })).statusCode).toBe(409);
    const pdf = await send('GET', url('/invitations.pdf'), 'village');
    expect(pdf.headers['content-type']).toContain('application/pdf');
    const letters = extractPdfText(pdf.rawPayload);
    for (const name of ['吴老寨', '杨支书', '石房族']) expect(letters).toContain(name);
    c = await complete('invitation');
    expect(c.step).toBe('committee');

    for (const inv of c.invitations)
      c = await ok('PUT', url(`/invitations/${inv.id}/committee`), 'village', { committeeRole: inv.capacity === '寨老' ? '主任' : '委员' });
    expect((await send('POST', url('/vettings'), 'village', { agency: 'justice', decision: 'approve', reviewerName: '王所长', note: '同意' })).statusCode).toBe(
      403,
    );
    c = await ok('POST', url('/vettings'), 'township', { agency: 'justice', decision: 'approve', reviewerName: '司法所王所长', note: '人选无违法记录' });
    c = await ok('POST', url('/vettings'), 'township', {
      agency: 'governance',
      decision: 'refuse',
      reviewerName: '综治中心李主任',
      note: '石房族有未化解纠纷',
    });
    await refused('POST', url('/steps/committee/complete'), 'village', {}, 'step', '综治中心不同意：石房族有未化解纠纷');
    c = await ok('POST', url('/vettings'), 'township', { agency: 'governance', decision: 'approve', reviewerName: '综治中心李主任', note: '纠纷已化解，同意' });
    c = await ok('POST', url('/vettings'), 'township', { agency: 'police', decision: 'approve', reviewerName: '派出所张所长', note: '同意' });
    expect(c.needs).toEqual([]);
    c = await complete('committee');
    expect(c.step).toBe('draft');
  });

  it('4–6: the draft is checked for legality; opinions are answered and stay with their article through renumbering', async () => {
    c = await ok('POST', url('/versions'), 'village', { articles: ARTICLES });
    const v1 = (await send('GET', url('/versions/1'), 'village')).json();
    expect(v1.flags).toHaveLength(1);
    expect(v1.flags[0]).toMatchObject({ articleNumber: 2, kind: 'fine', matched: '罚款' });
    c = await complete('draft');
    expect(c.step).toBe('consultation');

    c = await ok('PUT', url('/consultation'), 'village', { until: today() });
    const third = v1.articles[2].key as string;
    const pass = await passFor(f, SHANGHUANG, people[4]!);
    const base = `/api/v1/public/compacts/villages/${SHANGHUANG}`;
    const mine = (await send('GET', `${base}/mine`, '', undefined, pass)).json() as ResidentCompact[];
    expect(mine.map((m) => [m.title, m.mayComment, m.articles.length])).toEqual([['上黄村村规民约', true, 4]]);
    const said = await send('POST', `${base}/compacts/${c.id}/opinions`, '', { articleKey: third, text: '彩礼上限建议降到 2 万元' }, pass);
    expect(said.statusCode, said.body).toBe(200);
    const away = await passFor(f, SHANGHUANG, people[3]!);
    expect((await send('POST', `${base}/compacts/${c.id}/opinions`, '', { text: '希望在外务工人员也能网上表决', away: true }, away)).statusCode).toBe(200);
    c = await ok('POST', url('/opinions'), 'grid', {
      source: 'visit',
      residentId: people[1]!.residentId,
      articleKey: v1.articles[3].key,
      text: '公路两侧也要管护',
    });
    expect(c.opinions).toEqual({ total: 3, unanswered: 3 });
    // Another village's pass reads nothing here.
    const cc = await passFor(f, CHANGCHUN, outsider);
    expect((await send('POST', `${base}/compacts/${c.id}/opinions`, '', { text: '外村意见' }, cc)).statusCode).toBe(401);

    await refused('POST', url('/steps/consultation/complete'), 'village', {}, 'step', '还有 3 条意见未答复');
    const opinions = (await send('GET', url('/opinions'), 'village')).json() as CompactOpinion[];
    expect(opinions.map((o) => o.source).sort()).toEqual(['migrant', 'resident', 'visit']);
    for (const o of opinions)
      c = await ok('POST', url(`/opinions/${o.id}/answer`), 'village', { answer: o.articleKey === third ? 'adopted' : 'partly', reason: '经执委会研究' });
    c = await complete('consultation');
    expect(c.step).toBe('revision');
    await refused('POST', url('/steps/revision/complete'), 'village', {}, 'step', '保存修改后的新版本');

    // The revision drops article 1, so article 3 becomes article 2; the fine stays (it is caught at filing).
    const [, fine, marriage, road] = v1.articles;
    c = await ok('POST', url('/versions'), 'village', {
      note: '采纳彩礼意见',
      articles: [
        { key: fine.key, topic: fine.topic, text: fine.text },
        { key: marriage.key, topic: '移风易俗', text: '红白喜事从简办理，彩礼不超过 2 万元。' },
        { key: road.key, topic: road.topic, text: road.text },
        { topic: '公路管护', text: '公路两侧绿化带由沿线农户管护。' },
      ],
    });
    const moved = ((await send('GET', url('/opinions'), 'village')).json() as CompactOpinion[]).find((o) => o.articleKey === third)!;
    expect(moved).toMatchObject({ articleNumberThen: 3, articleNumberNow: 2, answer: 'adopted', text: '彩礼上限建议降到 2 万元' });
    const diff = (await send('GET', url('/diff?from=1&to=2'), 'village')).json() as Diff;
    expect(diff.articles.map((a) => [a.change, a.fromNumber, a.toNumber])).toEqual([
      ['removed', 1, null],
      ['renumbered', 2, 1],
      ['changed', 3, 2],
      ['renumbered', 4, 3],
      ['added', null, 4],
    ]);
    c = await complete('revision');
    expect(c.step).toBe('notice');
  });

  it('7–9: notice in working days with objections, a lawful vote, publication; the township refuses to file a fine', async () => {
    await refused('PUT', url('/notice'), 'village', { from: today(), workingDays: 3 }, 'workingDays', '');
    c = await ok('PUT', url('/notice'), 'village', { from: today(), workingDays: 5 });
    // Monday 2026-11-23 + 5 working days: the notice runs to Friday.
    expect(c.notice).toMatchObject({ from: '2026-11-23', until: '2026-11-27', versionSeq: 2 });
    const pass = await passFor(f, SHANGHUANG, people[4]!);
    const base = `/api/v1/public/compacts/villages/${SHANGHUANG}`;
    expect((await send('POST', `${base}/compacts/${c.id}/objections`, '', { text: '绿化带管护应由村集体负责' }, pass)).statusCode).toBe(200);
    await refused('POST', url('/steps/notice/complete'), 'village', {}, 'step', '公示到 2026-11-27');
    await days(7);
    await refused('POST', url('/steps/notice/complete'), 'village', {}, 'step', '还有 1 条异议未答复');
    expect((await send('POST', `${base}/compacts/${c.id}/objections`, '', { text: '晚了' }, await passFor(f, SHANGHUANG, people[4]!))).statusCode).toBe(400);
    const [obj] = (await send('GET', url('/objections'), 'village')).json();
    c = await ok('POST', url(`/objections/${obj.id}/answer`), 'village', { answer: '沿线农户管护，村集体给予补助' });
    c = await complete('notice');
    expect(c.step).toBe('vote');

    const closesAt = new Date(f.h.clock.now().getTime() + 3 * 3600_000).toISOString();
    c = await ok('POST', url('/vote'), 'village', { electorate: 'household', closesAt });
    expect(c.vote).toMatchObject({ status: 'open', versionSeq: 2 });
    expect((await send('POST', url('/vote'), 'village', { electorate: 'household', closesAt })).statusCode).toBe(400);
    // Four of the five households vote yes: two thirds took part, more than half said yes.
    for (const p of people.slice(0, 4)) {
      const res = await send('POST', `/api/v1/public/cocreation/votes/${c.vote!.id}/ballots`, '', { choices: ['yes'] }, await passFor(f, SHANGHUANG, p));
      expect(res.statusCode, res.body).toBe(201);
    }
    await refused('POST', url('/steps/vote/complete'), 'village', {}, 'step', '表决尚未结束');
    expect((await send('POST', `/api/v1/cocreation/votes/${c.vote!.id}/close`, 'village')).statusCode).toBe(200);
    c = await complete('vote');
    expect(c.step).toBe('publication');
    expect(c.figures.households).toBeGreaterThanOrEqual(5);
    // Voters (households 1–4) and those who spoke (4 and 5 on the phone, 2 on a visit): all five households.
    expect(c.figures.participating).toBe(5);

    expect((await send('GET', url('/poster.pdf'), 'village')).statusCode).toBe(400);
    c = await ok('PUT', url('/publication'), 'village', { publishedOn: today() });
    const poster = extractPdfText((await send('GET', url('/poster.pdf'), 'village')).rawPayload);
    expect(poster).toContain('上黄村村规民约');
    expect(poster).toContain('彩礼不超过 2 万元');
    expect(poster).toContain('第 2 版');
    c = await complete('publication');
    expect(c).toMatchObject({ step: 'filing', filing: { status: 'submitted' } });

    await refused('POST', url('/filing'), 'township', { decision: 'accept', note: '同意' }, 'decision', '第1条“罚款”');
    expect((await send('POST', url('/filing'), 'village', { decision: 'accept', note: '同意' })).statusCode).toBe(403);
    c = await ok('POST', url('/filing'), 'township', { decision: 'return', note: '第一条罚款违反村民委员会组织法，请删除' });
    expect(c).toMatchObject({
      step: 'revision',
      filing: { status: 'returned', note: '第一条罚款违反村民委员会组织法，请删除' },
      vote: null,
      publishedOn: null,
    });
  });

  it('after the return: the fine removed, shown and voted again, filed; residents confirm reading it', async () => {
    const v2 = (await send('GET', url('/versions/2'), 'village')).json();
    c = await ok('POST', url('/versions'), 'village', {
      note: '删除罚款条款',
      articles: v2.articles.slice(1).map((a: { key: string; topic: string; text: string }) => ({ key: a.key, topic: a.topic, text: a.text })),
    });
    expect(c.versions.at(-1)).toMatchObject({ seq: 3, flags: 0, articles: 3 });
    c = await complete('revision');
    c = await ok('PUT', url('/notice'), 'village', { from: today(), workingDays: 5 });
    await days(8);
    c = await complete('notice');

    // A vote the village loses (one yes, three no): it cannot be published; the text goes back to revision.
    c = await ok('POST', url('/vote'), 'village', { electorate: 'household', closesAt: new Date(f.h.clock.now().getTime() + 3600_000).toISOString() });
    await refused('POST', url('/reopen'), 'village', { reason: '表决进行中' }, 'step', '表决正在进行');
    for (const [i, p] of people.slice(0, 4).entries()) {
      await send('POST', `/api/v1/public/cocreation/votes/${c.vote!.id}/ballots`, '', { choices: [i === 0 ? 'yes' : 'no'] }, await passFor(f, SHANGHUANG, p));
    }
    await send('POST', `/api/v1/cocreation/votes/${c.vote!.id}/close`, 'village');
    await refused('POST', url('/steps/vote/complete'), 'village', {}, 'step', '表决未通过');
    c = await ok('POST', url('/reopen'), 'village', { reason: '表决未通过，根据村民意见再修改' });
    expect(c).toMatchObject({ step: 'revision', vote: null, notice: null });
    await refused('POST', url('/steps/revision/complete'), 'village', {}, 'step', '保存修改后的新版本');
    const v3 = (await send('GET', url('/versions/3'), 'village')).json();
    c = await ok('POST', url('/versions'), 'village', {
      note: '再次修改',
      articles: v3.articles.map((a: { key: string; topic: string; text: string }) => ({ key: a.key, topic: a.topic, text: a.text })),
    });
    c = await complete('revision');
    c = await ok('PUT', url('/notice'), 'village', { from: today(), workingDays: 5 });
    await days(8);
    c = await complete('notice');
    c = await ok('POST', url('/vote'), 'village', { electorate: 'household', closesAt: new Date(f.h.clock.now().getTime() + 3600_000).toISOString() });
    for (const p of people.slice(0, 4))
      await send('POST', `/api/v1/public/cocreation/votes/${c.vote!.id}/ballots`, '', { choices: ['yes'] }, await passFor(f, SHANGHUANG, p));
    await send('POST', `/api/v1/cocreation/votes/${c.vote!.id}/close`, 'village');
    c = await complete('vote');
    c = await ok('PUT', url('/publication'), 'village', { publishedOn: today() });
    c = await complete('publication');
    c = await ok('POST', url('/filing'), 'township', { decision: 'accept', note: '经审查同意备案' });
    expect(c).toMatchObject({ step: 'filed', filing: { status: 'accepted' }, publishedVersionSeq: 4, needs: [] });
    expect(c.history.map((h) => `${h.step}:${h.action}`)).toContain('revision:reopened');

    const board = (await send('GET', `/api/v1/public/compacts/villages/${SHANGHUANG}`, '')).json();
    expect(board).toHaveLength(1);
    expect(board[0]).toMatchObject({ versionSeq: 4, filed: true });
    expect(JSON.stringify(board)).not.toMatch(/吴老寨|杨支书|陆村民|罚款/);

    const base = `/api/v1/public/compacts/villages/${SHANGHUANG}`;
    for (const p of [people[0]!, people[0]!, people[1]!]) {
      const res = await send('POST', `${base}/compacts/${c.id}/read`, '', undefined, await passFor(f, SHANGHUANG, p));
      expect((res.json() as ResidentCompact).readConfirmed).toBe(true);
    }
    c = await ok('GET', url(), 'village');
    expect(c.figures.read).toBe(2);
    expect(c.figures.awarenessPct).toBeCloseTo((2 * 100) / c.figures.households, 1);
  });
});
