import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness } from '../../../test/helpers/harness.js';
import { extractPdfText } from '../../platform/pdf-text.js';
import { intakeFixture, passFor, registerVillagers, relogin, SHANGHUANG, type Intake, type Villager } from '../cocreation/test-fixtures.js';
import type { Compact } from './compact-schema.js';

// Voting article by article (逐条表决): one co-creation vote per article of the version, each judged
// by the law's quorum and majority; the compact may be published only when every article passed,
// and the refusal names the articles that did not.

let f: Intake;
let people: Villager[];
let c: Compact;
const send = (method: 'GET' | 'POST' | 'PUT', url: string, who: string, payload?: object, headers: Record<string, string> = {}) =>
  f.h.app.inject({ method, url, headers: { ...(who ? { cookie: f.cookies[who]! } : {}), ...headers }, ...(payload ? { payload } : {}) });
const ok = async (method: 'GET' | 'POST' | 'PUT', path: string, payload?: object, who = 'village') => {
  const res = await send(method, `/api/v1/compacts/${c.id}${path}`, who, payload);
  expect(res.statusCode, res.body).toBeLessThan(300);
  return (c = res.json() as Compact);
};
const today = () => f.h.clock.now().toISOString().slice(0, 10);
const ARTICLES = [
  { topic: '环境整治', text: '垃圾分类投放到指定地点。' },
  { topic: '移风易俗', text: '除婚丧外不办无事酒。' },
  { topic: '公路管护', text: '通组公路由沿线农户分段管护。' },
];

/** A compact taken through steps 1–7 over the API, ready to be voted on. */
async function toVoteStep(): Promise<void> {
  const res = await send('POST', '/api/v1/compacts', 'village', { regionCode: SHANGHUANG, title: '上黄村村规民约（逐条表决）' });
  c = res.json() as Compact;
  await ok('PUT', '/deliberation', { heldOn: today(), attendees: ['甲', '乙', '丙'], minutes: '商议修订' });
  await ok('POST', '/steps/deliberation/complete', {});
  for (const p of people.slice(0, 3)) await ok('POST', '/invitations', { residentId: p.residentId, capacity: '老党员' });
  await ok('POST', '/steps/invitation/complete', {});
  for (const inv of c.invitations) await ok('PUT', `/invitations/${inv.id}/committee`, { committeeRole: '委员' });
  for (const agency of ['justice', 'governance', 'police'])
    await ok('POST', '/vettings', { agency, decision: 'approve', reviewerName: '审核人', note: '同意' }, 'township');
  await ok('POST', '/steps/committee/complete', {});
  await ok('POST', '/versions', { articles: ARTICLES });
  await ok('POST', '/steps/draft/complete', {});
  await ok('PUT', '/consultation', { until: today() });
  await ok('POST', '/steps/consultation/complete', {});
  const v1 = (await send('GET', `/api/v1/compacts/${c.id}/versions/1`, 'village')).json() as { articles: { key: string; topic: string; text: string }[] };
  await ok('POST', '/versions', { articles: v1.articles.map((a) => ({ key: a.key, topic: a.topic, text: a.text })) });
  await ok('POST', '/steps/revision/complete', {});
  await ok('PUT', '/notice', { from: today(), workingDays: 5 });
  f.h.clock.advanceMinutes(8 * 24 * 60);
  await relogin(f);
  await ok('POST', '/steps/notice/complete', {});
}

beforeAll(async () => {
  f = await intakeFixture(await createHarness({ loginRateLimitPerMinute: 1000, anonymousRateLimitPerMinute: 10000 }), ['village', 'township']);
  people = await registerVillagers(f, 'village', SHANGHUANG, [['逐条甲'], ['逐条乙'], ['逐条丙'], ['逐条丁']]);
  await toVoteStep();
});
afterAll(() => f?.h.close());

describe('voting a compact article by article', () => {
  it('opens one vote per article; an article that fails blocks publication, naming it', async () => {
    const closesAt = new Date(f.h.clock.now().getTime() + 3600_000).toISOString();
    await ok('POST', '/vote', { electorate: 'household', mode: 'articles', closesAt });
    expect(c.vote).toMatchObject({ mode: 'articles', status: 'open', versionSeq: 2, passed: null });
    expect(c.vote!.articles.map((a) => a.number)).toEqual([1, 2, 3]);
    // A second vote on the same version, whole or by article, is refused.
    expect((await send('POST', `/api/v1/compacts/${c.id}/vote`, 'village', { electorate: 'household', closesAt })).statusCode).toBe(400);

    // All four households vote; article 2 gets a majority of no.
    const households = c.figures.households;
    for (const [i, p] of people.entries()) {
      const pass = await passFor(f, SHANGHUANG, p);
      for (const a of c.vote!.articles) {
        const choice = a.number === 2 && i > 0 ? 'no' : 'yes';
        const res = await send('POST', `/api/v1/public/cocreation/votes/${a.voteId}/ballots`, '', { choices: [choice] }, pass);
        expect(res.statusCode, res.body).toBe(201);
      }
    }
    const residentView = (
      await send('GET', `/api/v1/public/compacts/villages/${SHANGHUANG}/mine`, '', undefined, await passFor(f, SHANGHUANG, people[0]!))
    ).json();
    expect(residentView.find((r: { id: string }) => r.id === c.id).voteId).toBe(c.vote!.articles[0]!.voteId);

    for (const a of c.vote!.articles) expect((await send('POST', `/api/v1/cocreation/votes/${a.voteId}/close`, 'village')).statusCode).toBe(200);
    c = (await send('GET', `/api/v1/compacts/${c.id}`, 'village')).json() as Compact;
    // Two thirds of the village's households took part: each article is judged on its majority.
    expect(people.length * 3).toBeGreaterThanOrEqual(households * 2);
    expect(c.vote!.articles.map((a) => a.passed)).toEqual([true, false, true]);
    expect(c.vote!.passed).toBe(false);
    expect(c.needs).toEqual(['第 2 条未通过：不能张榜，请退回修改后重新公示、表决']);
    expect(c.figures.participating).toBeGreaterThanOrEqual(people.length);
    const res = await send('POST', `/api/v1/compacts/${c.id}/steps/vote/complete`, 'village', {});
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toContain('未通过');
    await ok('POST', '/reopen', { reason: '第二条未通过，修改后重新表决' });
    expect(c).toMatchObject({ step: 'revision', vote: null });
  });

  it('publishes when every article passes, the poster saying it was voted article by article', async () => {
    const v2 = (await send('GET', `/api/v1/compacts/${c.id}/versions/2`, 'village')).json() as { articles: { key: string; topic: string; text: string }[] };
    await ok('POST', '/versions', {
      note: '删去第二条',
      articles: v2.articles.filter((_, i) => i !== 1).map((a) => ({ key: a.key, topic: a.topic, text: a.text })),
    });
    await ok('POST', '/steps/revision/complete', {});
    await ok('PUT', '/notice', { from: today(), workingDays: 5 });
    f.h.clock.advanceMinutes(8 * 24 * 60);
    await relogin(f);
    await ok('POST', '/steps/notice/complete', {});
    await ok('POST', '/vote', { electorate: 'household', mode: 'articles', closesAt: new Date(f.h.clock.now().getTime() + 3600_000).toISOString() });
    expect(c.vote!.articles).toHaveLength(2);
    for (const p of people) {
      const pass = await passFor(f, SHANGHUANG, p);
      for (const a of c.vote!.articles) await send('POST', `/api/v1/public/cocreation/votes/${a.voteId}/ballots`, '', { choices: ['yes'] }, pass);
    }
    for (const a of c.vote!.articles) await send('POST', `/api/v1/cocreation/votes/${a.voteId}/close`, 'village');
    c = (await send('GET', `/api/v1/compacts/${c.id}`, 'village')).json() as Compact;
    expect(c.vote).toMatchObject({ status: 'closed', passed: true });
    await ok('POST', '/steps/vote/complete', {});
    await ok('PUT', '/publication', { publishedOn: today() });
    const poster = extractPdfText((await send('GET', `/api/v1/compacts/${c.id}/poster.pdf`, 'village')).rawPayload);
    expect(poster).toContain('经逐条表决通过');
    expect(poster).not.toContain('无事酒');
  });
});
