import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness } from '../../../test/helpers/harness.js';
import { workCalendar } from '../../platform/calendar/service.js';
import { withContext } from '../../platform/db/context.js';
import { chinaDate } from '../../platform/time.js';
import { pointIn } from '../requests/test-fixtures.js';
import type { Opinion, OpinionPage, OpinionRates, ProposalDetail, ResidentOpinionsView } from './opinion-schema.js';
import { CHANGCHUN, client, intakeFixture, passFor, registerVillagers, SHANGHUANG, ZHONGCHAO, type Intake, type Villager } from './test-fixtures.js';

// Opinions (意见建议) and proposals (议题): a resident writes only in the village of the pass; a
// cadre of another village neither sees nor answers (and RLS holds with the service bypassed); a
// suggestion order becomes an opinion once, with a timeline event; each wrong answer is refused
// naming the field, writing nothing; writes are audited; the rates equal a raw-SQL recount.

let f: Intake;
let api: ReturnType<typeof client>;
let shanghuang: Villager[];
let changchun: Villager[];
const paths: Record<string, string> = {};

const sql = async <T>(text: string, params: unknown[] = []) => (await f.h.database.admin.query(text, params)).rows as T[];
const post = (url: string, who: string | undefined, body: object, headers: Record<string, string> = {}) => api.post(url, who, body, headers);

/** Everything this part writes, fingerprinted: a refusal must leave it exactly as it was. */
async function snapshot() {
  const [row] = await sql<Record<string, string>>(`
    SELECT (SELECT md5(coalesce(string_agg(id || status || coalesce(answer, '') || coalesce(proposal_id::text, '') || coalesce(merged_into::text, ''), ',' ORDER BY id), '')) FROM cocreation_opinions) AS opinions,
      (SELECT md5(coalesce(string_agg(id || status, ',' ORDER BY id), '')) FROM cocreation_proposals) AS proposals,
      (SELECT count(*) FROM audit_log WHERE action LIKE 'cocreation.%')::text AS audit,
      (SELECT count(*) FROM work_order_events)::text AS events`);
  return row!;
}

/** Sends a request that must be refused with this status, naming this field, and writing nothing. */
async function refused(send: () => ReturnType<typeof post>, status: number, field: string) {
  const before = await snapshot();
  const res = await send();
  expect(res.statusCode, res.body).toBe(status);
  expect(res.json().error.details.field, res.body).toBe(field);
  expect(res.json().error.message).toMatch(/\p{Script=Han}/u);
  expect(await snapshot()).toEqual(before);
  return res;
}

async function record(who: string, body: object): Promise<Opinion> {
  const res = await post('/api/v1/cocreation/opinions', who, body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as Opinion;
}
const answer = (id: string, who: string, body: object) => post(`/api/v1/cocreation/opinions/${id}/answer`, who, body);
const cadre = (content: string, regionCode = SHANGHUANG, who = 'village') => record(who, { source: 'cadre', regionCode, authorName: '杨大妈', content });

async function suggestionOrder(village: string, requestType: string, description: string): Promise<{ id: string; number: string }> {
  const res = await post('/api/v1/public/requests', undefined, {
    description,
    requestType,
    ...pointIn(f.grids.find((g) => g.villageCode === village)!),
    privacyAcknowledged: true,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; number: string };
}

beforeAll(async () => {
  f = await intakeFixture(await createHarness({ loginRateLimitPerMinute: 1000, anonymousRateLimitPerMinute: 1000 }), [
    'village',
    'village2',
    'township',
    'county',
    'grid',
  ]);
  api = client(f.h, f.cookies);
  shanghuang = await registerVillagers(f, 'village', SHANGHUANG, [['杨秀英', '杨光明']]);
  changchun = await registerVillagers(f, 'village2', CHANGCHUN, [['龙正华']]);
  for (const r of await sql<{ code: string; path: string }>(`SELECT code, path::text FROM regions WHERE code = ANY($1)`, [
    [SHANGHUANG, CHANGCHUN, ZHONGCHAO],
  ])) {
    paths[r.code] = r.path;
  }
});
afterAll(() => f?.h.close());

describe('the resident phone page', () => {
  it('sends an opinion about a proposal in the pass’s village and shows it with its answer; no other village', async () => {
    const proposal = await post('/api/v1/cocreation/proposals', 'village', { regionCode: SHANGHUANG, title: '村口小广场改造' });
    expect(proposal.statusCode, proposal.body).toBe(201);
    const pass = await passFor(f, SHANGHUANG, shanghuang[0]!);
    const url = `/api/v1/public/cocreation/villages/${SHANGHUANG}/opinions`;
    const view = (await api.get(url)).statusCode;
    expect(view).toBe(401);
    const sent = await post(url, undefined, { content: '广场边上希望装几盏路灯', proposalId: proposal.json().id }, pass);
    expect(sent.statusCode, sent.body).toBe(201);
    const dueOn = (await workCalendar(f.h.deps)).addWorkingDays(chinaDate(f.h.clock.now()), 5);
    expect(sent.json()).toMatchObject({ status: 'open', proposalTitle: '村口小广场改造', dueOn });
    const mine = await f.h.app.inject({ method: 'GET', url, headers: pass });
    const body = mine.json() as ResidentOpinionsView;
    expect(body.proposals.map((p) => p.title)).toContain('村口小广场改造');
    expect(body.mine).toHaveLength(1);
    // Nothing but words reaches the resident: no ids or codes in "my opinions".
    expect(JSON.stringify(body.mine)).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}|522631/);
    const [row] = await sql<{ resident_id: string; household_id: string; region_code: string; source: string }>(
      `SELECT resident_id, household_id, region_code, source FROM cocreation_opinions WHERE content = '广场边上希望装几盏路灯'`,
    );
    expect(row).toEqual({ resident_id: shanghuang[0]!.residentId, household_id: shanghuang[0]!.householdId, region_code: SHANGHUANG, source: 'resident' });
    const [audit] = await sql<{ actor_name: string }>(`SELECT actor_name FROM audit_log WHERE action = 'cocreation.opinion.submit'`);
    expect(audit!.actor_name).toBe(`resident:${shanghuang[0]!.residentId}`);
  });

  it('refuses a pass of 长春村 writing to 上黄村, and a proposal of another village', async () => {
    const other = await passFor(f, CHANGCHUN, changchun[0]!);
    await refused(() => post(`/api/v1/public/cocreation/villages/${SHANGHUANG}/opinions`, undefined, { content: '外村人来提意见' }, other), 400, 'villageCode');
    const read = await f.h.app.inject({ method: 'GET', url: `/api/v1/public/cocreation/villages/${SHANGHUANG}/opinions`, headers: other });
    expect(read.json().error.details.field).toBe('villageCode');
    const [proposal] = await sql<{ id: string }>(`SELECT id FROM cocreation_proposals WHERE region_code = $1`, [SHANGHUANG]);
    await refused(
      () => post(`/api/v1/public/cocreation/villages/${CHANGCHUN}/opinions`, undefined, { content: '关于上黄村广场', proposalId: proposal!.id }, other),
      400,
      'proposalId',
    );
    await refused(() => post(`/api/v1/public/cocreation/villages/${CHANGCHUN}/opinions`, undefined, { content: '没有凭证' }), 401, 'pass');
  });
});

describe('recording opinions', () => {
  it('a grid worker records one heard on a visit of the village; a visit elsewhere is refused', async () => {
    const visit = (code: string) =>
      sql<{ id: string }>(
        `INSERT INTO visits (id, kind, visited_on, visitor_name, region_code, path, created_at)
         VALUES (gen_random_uuid(), 'home', '2026-11-20', '吴晓梅', $1, $2::ltree, now()) RETURNING id`,
        [code, paths[code]],
      ).then((r) => r[0]!.id);
    const here = await visit(SHANGHUANG);
    const there = await visit(CHANGCHUN);
    const choices = await api.get(`/api/v1/cocreation/opinions/link-choices?regionCode=${SHANGHUANG}`, 'grid');
    expect(choices.json().visits.map((c: { id: string }) => c.id)).toContain(here);
    expect(choices.json().visits.map((c: { id: string }) => c.id)).not.toContain(there);
    const [square] = await sql<{ id: string }>(`SELECT id FROM cocreation_proposals WHERE title = '村口小广场改造'`);
    const o = await record('grid', {
      source: 'visit',
      regionCode: SHANGHUANG,
      authorName: '杨光明',
      content: '组里的水渠要清淤',
      visitId: here,
      proposalId: square!.id,
    });
    expect(o).toMatchObject({ source: 'visit', visitId: here, status: 'open', regionName: expect.any(String), proposalTitle: '村口小广场改造' });
    const body = { source: 'visit', regionCode: SHANGHUANG, authorName: '杨光明', content: '水渠', visitId: there };
    await refused(() => post('/api/v1/cocreation/opinions', 'grid', body), 400, 'visitId');
    await refused(() => post('/api/v1/cocreation/opinions', 'grid', { ...body, visitId: undefined }), 400, 'visitId');
    await refused(() => post('/api/v1/cocreation/opinions', 'grid', { ...body, visitId: here, regionCode: CHANGCHUN }), 400, 'regionCode');
    await refused(() => post('/api/v1/cocreation/opinions', 'grid', { ...body, visitId: here, regionCode: ZHONGCHAO }), 400, 'regionCode');
  });

  it('a cadre records one raised at a meeting of the village', async () => {
    const [m] = await sql<{ id: string }>(
      `INSERT INTO cocreation_meetings (id, region_code, path, kind, title, starts_at, created_at, updated_at)
       VALUES (gen_random_uuid(), $1, $2::ltree, 'courtyard', '十一月院坝会', now(), now(), now()) RETURNING id`,
      [SHANGHUANG, paths[SHANGHUANG]],
    );
    const o = await record('village', { source: 'meeting', regionCode: SHANGHUANG, authorName: '杨秀英', content: '停车位不够', meetingId: m!.id });
    expect(o).toMatchObject({ source: 'meeting', meetingTitle: '十一月院坝会' });
    await refused(
      () => post('/api/v1/cocreation/opinions', 'village2', { source: 'meeting', regionCode: CHANGCHUN, authorName: '龙', content: '停车', meetingId: m!.id }),
      400,
      'meetingId',
    );
  });

  it('turns a suggestion work order into an opinion once, with a timeline event; other types are refused', async () => {
    const order = await suggestionOrder(SHANGHUANG, 'suggestion', '建议在上黄村村委会旁边建一个小型图书室，方便孩子们看书');
    const res = await post('/api/v1/cocreation/opinions/from-order', 'village', { orderNumber: order.number });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ source: 'order', orderId: order.id, orderNumber: order.number, regionCode: SHANGHUANG, status: 'open' });
    const events = await sql<{ action: string; note: string }>(
      `SELECT action, note FROM work_order_events WHERE order_id = $1 AND action = 'cocreation_opinion'`,
      [order.id],
    );
    expect(events).toHaveLength(1);
    expect(events[0]!.note).toContain('意见建议');
    const again = await refused(() => post('/api/v1/cocreation/opinions/from-order', 'village', { orderId: order.id }), 409, 'orderId');
    expect(again.json().error.code).toBe('ALREADY_EXISTS');
    const complaint = await suggestionOrder(SHANGHUANG, 'consult', '请问上黄村的低保怎么申请，需要什么材料');
    await refused(() => post('/api/v1/cocreation/opinions/from-order', 'village', { orderId: complaint.id }), 400, 'orderId');
    // Another village's cadre cannot reach the order at all.
    const other = await suggestionOrder(SHANGHUANG, 'suggestion', '建议上黄村在河边装护栏，防止小孩落水');
    expect((await post('/api/v1/cocreation/opinions/from-order', 'village2', { orderId: other.id })).statusCode).toBe(404);
  });
});

describe('answering', () => {
  it('refuses each wrong answer naming the field, writing nothing', async () => {
    const o = await cadre('村里的路灯晚上十点就关了');
    const other = await cadre('长春村的意见', CHANGCHUN, 'village2');
    await refused(() => answer(o.id, 'village', { outcome: 'adopted' }), 400, 'proposalId');
    await refused(() => answer(o.id, 'village', { outcome: 'declined' }), 400, 'answer');
    await refused(() => answer(o.id, 'village', { outcome: 'declined', answer: '   ' }), 400, 'answer');
    await refused(() => answer(o.id, 'village', { outcome: 'answered' }), 400, 'answer');
    await refused(() => answer(o.id, 'village', { outcome: 'merged' }), 400, 'mergedInto');
    await refused(() => answer(o.id, 'village', { outcome: 'merged', mergedInto: o.id }), 400, 'mergedInto');
    await refused(() => answer(o.id, 'township', { outcome: 'merged', mergedInto: other.id }), 400, 'mergedInto');
    const foreign = await post('/api/v1/cocreation/proposals', 'village2', { regionCode: CHANGCHUN, title: '长春村议题' });
    await refused(() => answer(o.id, 'village', { outcome: 'adopted', proposalId: foreign.json().id }), 400, 'proposalId');
    await refused(() => answer(o.id, 'village', { outcome: 'declined', answer: '不合适', proposalId: foreign.json().id }), 400, 'proposalId');
    // A grid worker records opinions but does not answer them.
    expect((await answer(o.id, 'grid', { outcome: 'answered', answer: '好的' })).statusCode).toBe(403);

    const declined = await answer(o.id, 'village', { outcome: 'declined', answer: '路灯由供电所统一管理，已转告' });
    expect(declined.statusCode, declined.body).toBe(200);
    expect(declined.json()).toMatchObject({ status: 'declined', answer: '路灯由供电所统一管理，已转告', answeredAt: expect.any(String) });
    const [audit] = await sql<{ before: { status: string }; after: { status: string }; actor_name: string }>(
      `SELECT before, after, actor_name FROM audit_log WHERE action = 'cocreation.opinion.answer' AND target_id = $1`,
      [o.id],
    );
    expect(audit).toMatchObject({ before: { status: 'open' }, after: { status: 'declined' }, actor_name: 'village' });
    // Answered once: a closed opinion is never answered again.
    await refused(() => answer(o.id, 'village', { outcome: 'answered', answer: '再答一次' }), 409, 'status');
  });

  it('merges into an open opinion of the village, not into one already merged', async () => {
    const [a, b, c] = [await cadre('垃圾桶太少'), await cadre('垃圾桶不够用'), await cadre('多放几个垃圾桶')];
    const merged = await answer(b.id, 'village', { outcome: 'merged', mergedInto: a.id });
    expect(merged.json()).toMatchObject({ status: 'merged', mergedInto: a.id });
    await refused(() => answer(c.id, 'village', { outcome: 'merged', mergedInto: b.id }), 400, 'mergedInto');
    expect((await answer(c.id, 'village', { outcome: 'merged', mergedInto: a.id })).statusCode).toBe(200);
  });

  it('a cadre of another village neither sees nor answers the opinion; the township does', async () => {
    const o = await cadre('上黄村的机耕道要硬化');
    expect((await api.get(`/api/v1/cocreation/opinions/${o.id}`, 'village2')).statusCode).toBe(404);
    expect((await answer(o.id, 'village2', { outcome: 'answered', answer: '越权答复' })).statusCode).toBe(404);
    const list = await api.get('/api/v1/cocreation/opinions?pageSize=100', 'village2');
    expect(list.json().items.every((x: Opinion) => x.regionCode === CHANGCHUN)).toBe(true);
    expect((await api.get(`/api/v1/cocreation/opinions?regionCode=${SHANGHUANG}`, 'village2')).json().error.details.field).toBe('regionCode');
    expect((await api.get(`/api/v1/cocreation/opinion-rates?regionCode=${SHANGHUANG}`, 'village2')).statusCode).toBe(400);
    expect((await api.get(`/api/v1/cocreation/opinions/${o.id}`, 'township')).statusCode).toBe(200);
  });

  it('row-level security holds with the service bypassed', async () => {
    const cadre2 = { userId: null, role: 'village_cadre', scopePath: paths[CHANGCHUN]! };
    const seen = await withContext(f.h.deps.db, cadre2, async (tx) => ({
      opinions: await tx.selectFrom('cocreation_opinions').select('id').where('region_code', '=', SHANGHUANG).execute(),
      proposals: await tx.selectFrom('cocreation_proposals').select('id').where('region_code', '=', SHANGHUANG).execute(),
    }));
    expect(seen).toEqual({ opinions: [], proposals: [] });
    const [total] = await sql<{ n: number }>(`SELECT count(*)::int AS n FROM cocreation_opinions WHERE region_code = $1`, [SHANGHUANG]);
    expect(total!.n).toBeGreaterThan(0);
    const update = await withContext(f.h.deps.db, cadre2, (tx) =>
      tx.updateTable('cocreation_opinions').set({ status: 'answered', answer: 'x' }).where('region_code', '=', SHANGHUANG).executeTakeFirst(),
    );
    expect(Number(update.numUpdatedRows)).toBe(0);
    await expect(
      withContext(f.h.deps.db, cadre2, (tx) =>
        tx
          .insertInto('cocreation_opinions')
          .values({
            id: '0190a000-0000-7000-8000-0000000000a1',
            region_code: SHANGHUANG,
            path: paths[SHANGHUANG]!,
            source: 'cadre',
            author_name: 'x',
            content: 'x',
            due_on: '2026-12-01',
            created_at: new Date(),
            updated_at: new Date(),
          })
          .execute(),
      ),
    ).rejects.toMatchObject({ code: '42501' });
  });
});

describe('proposals', () => {
  it('groups opinions by adopting them, and moves forward only', async () => {
    const [a, b] = [await cadre('希望修一个篮球场'), await cadre('孩子们没有运动的地方')];
    const res = await post('/api/v1/cocreation/proposals', 'village', { regionCode: SHANGHUANG, title: '建设村级运动场', opinionIds: [a.id, b.id] });
    expect(res.statusCode, res.body).toBe(201);
    const p = res.json() as ProposalDetail;
    expect(p.opinions.map((o) => o.status)).toEqual(['adopted', 'adopted']);
    expect(p.opinionCount).toBe(2);
    // An opinion already answered cannot be taken in again; nothing is written for the proposal either.
    await refused(() => post('/api/v1/cocreation/proposals', 'village', { regionCode: SHANGHUANG, title: '重复', opinionIds: [a.id] }), 409, 'opinionIds');
    const c = await cadre('篮球架要装灯');
    const adopted = await answer(c.id, 'village', { outcome: 'adopted', proposalId: p.id });
    expect(adopted.json()).toMatchObject({ status: 'adopted', proposalId: p.id, proposalTitle: '建设村级运动场' });

    const move = (status: string) => post(`/api/v1/cocreation/proposals/${p.id}/status`, 'village', { status });
    await refused(() => move('decided'), 400, 'status');
    expect((await move('deliberating')).json().status).toBe('deliberating');
    await refused(() => move('open'), 400, 'status');
    expect((await move('decided')).statusCode).toBe(200);
    expect((await move('closed')).statusCode).toBe(200);
    await refused(() => move('deliberating'), 400, 'status');
    const d = await cadre('运动场旁边种树');
    await refused(() => answer(d.id, 'village', { outcome: 'adopted', proposalId: p.id }), 400, 'proposalId');
    const detail = (await api.get(`/api/v1/cocreation/proposals/${p.id}`, 'township')).json() as ProposalDetail;
    expect(detail).toMatchObject({ status: 'closed', opinionCount: 3 });
    expect((await api.get(`/api/v1/cocreation/proposals/${p.id}`, 'village2')).statusCode).toBe(404);
    const audit = await sql<{ action: string }>(`SELECT action FROM audit_log WHERE target_id = $1 ORDER BY seq`, [p.id]);
    // The other village's attempt is recorded as a refusal.
    expect(audit.map((x) => x.action)).toEqual(['cocreation.proposal.create', ...Array(3).fill('cocreation.proposal.status'), 'access.denied']);
  });
});

describe('adoption and feedback rates', () => {
  it('equal a recount from the rows, per village and for the township', async () => {
    // Some answered on time, one answered late, some left open past their due date.
    const late = await cadre('晚答复的意见');
    await cadre('一直没人答复的意见');
    await cadre('长春村没人答复', CHANGCHUN, 'village2');
    f.h.clock.advanceMinutes(60 * 24 * 12);
    for (const u of Object.keys(f.cookies)) f.cookies[u] = await f.h.login(u);
    expect((await answer(late.id, 'village', { outcome: 'answered', answer: '已安排' })).statusCode).toBe(200);
    await cadre('刚收到的意见');

    const today = chinaDate(f.h.clock.now());
    const recount = async (path: string) => {
      const [r] = await sql<{ adopted: number; settled: number; on_time: number; due: number }>(
        `SELECT count(*) FILTER (WHERE status = 'adopted')::int AS adopted,
           count(*) FILTER (WHERE status IN ('adopted', 'merged', 'answered', 'declined'))::int AS settled,
           count(*) FILTER (WHERE answered_at IS NOT NULL AND to_char(answered_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') <= due_on::text)::int AS on_time,
           count(*) FILTER (WHERE answered_at IS NOT NULL OR (status = 'open' AND due_on < $2::date))::int AS due
         FROM cocreation_opinions WHERE path <@ $1::ltree`,
        [path, today],
      );
      return r!;
    };
    const res = await api.get(`/api/v1/cocreation/opinion-rates?regionCode=${ZHONGCHAO}`, 'township');
    expect(res.statusCode, res.body).toBe(200);
    const rates = res.json() as OpinionRates;
    expect(rates.formulas.adoptionRate).toContain('÷');
    const check = async (row: OpinionRates['total'], path: string) => {
      const r = await recount(path);
      expect(row, row.regionName).toMatchObject({ adopted: r.adopted, settled: r.settled, answeredOnTime: r.on_time, due: r.due });
      expect(row.adoptionRate).toBe(r.settled ? Math.round((r.adopted / r.settled) * 10000) / 10000 : null);
      expect(row.feedbackRate).toBe(r.due ? Math.round((r.on_time / r.due) * 10000) / 10000 : null);
    };
    await check(rates.total, paths[ZHONGCHAO]!);
    for (const code of [SHANGHUANG, CHANGCHUN])
      await check(
        rates.villages.find((v) => v.regionCode === code)!,
        paths[code]!,
      );
    const village = rates.villages.find((v) => v.regionCode === SHANGHUANG)!;
    expect(village.adopted).toBeGreaterThan(0);
    expect(village.due).toBeGreaterThan(village.answeredOnTime);
    expect(village.overdue).toBeGreaterThan(0);
    // The village's own figures, and the overdue filter of the list.
    const own = (await api.get('/api/v1/cocreation/opinion-rates', 'village')).json() as OpinionRates;
    expect(own.total).toEqual(village);
    const overdue = (await api.get(`/api/v1/cocreation/opinions?overdue=true&pageSize=100`, 'village')).json().items as Opinion[];
    expect(overdue).toHaveLength(village.overdue);
    expect(overdue.every((o) => o.overdue && o.status === 'open')).toBe(true);
  });

  it('pages the list by keyset without gaps or repeats', async () => {
    const seen: string[] = [];
    let next: string | null = null;
    do {
      const page = (
        await api.get(`/api/v1/cocreation/opinions?pageSize=3${next ? `&after=${encodeURIComponent(next)}` : ''}`, 'township')
      ).json() as OpinionPage;
      seen.push(...page.items.map((o: Opinion) => o.id));
      next = page.next;
    } while (next);
    const [all] = await sql<{ n: number }>(`SELECT count(*)::int AS n FROM cocreation_opinions`);
    expect(seen).toHaveLength(all!.n);
    expect(new Set(seen).size).toBe(seen.length);
  });
});
