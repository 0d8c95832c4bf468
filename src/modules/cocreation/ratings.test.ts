import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness } from '../../../test/helpers/harness.js';
import type { MyContributions, MyRating, RatingResults, ResidentProject } from './rating-schema.js';
import { raiseLowScoreFollowUps } from './rating-service.js';
import { CHANGCHUN, intakeFixture, passFor, registerVillagers, SHANGHUANG, type Intake, type Villager } from './test-fixtures.js';

// 效果共评: a household of the village rates a completed project once, within its window (China
// dates, both ends included), audited as the resident; a second rating from any member, a rating
// outside the window, from another village or on an unfinished project is refused and writes
// nothing. Results are public without names. The household sees its own contributions. A closed
// window with an average below 3.0 raises one follow-up proposal, however often the job runs.

let f: Intake;
let sh: Villager[];
let cc: Villager[];
const path: Record<string, string> = {};

const sqlRows = async <T>(text: string, params: unknown[] = []) => (await f.h.database.admin.query(text, params)).rows as T[];
const inject = (method: 'GET' | 'POST', url: string, headers: Record<string, string> = {}, payload?: object) =>
  f.h.app.inject({ method, url, headers, ...(payload ? { payload } : {}) });

/** A project of the village, inserted as the projects part would leave it. */
async function project(village: string, o: { title: string; status?: string; opens?: string | null; closes?: string | null }): Promise<string> {
  const id = randomUUID();
  const status = o.status ?? 'completed';
  await sqlRows(
    `INSERT INTO cocreation_projects (id, region_code, path, title, status, progress, started_on, completed_on, rating_opens_on, rating_closes_on, created_at, updated_at)
     VALUES ($1, $2, $3::ltree, $4, $5, $6, '2026-06-01', $7, $8, $9, now(), now())`,
    [
      id,
      village,
      path[village],
      o.title,
      status,
      status === 'completed' ? 100 : 40,
      status === 'completed' ? '2026-11-01' : null,
      o.opens ?? null,
      o.closes ?? null,
    ],
  );
  return id;
}

async function ratingRow(projectId: string, v: Villager, score: number, comment: string | null = null) {
  await sqlRows(
    `INSERT INTO cocreation_ratings (id, project_id, path, household_id, resident_id, score, comment, created_at)
     SELECT $1, id, path, $2, $3, $4, $5, now() FROM cocreation_projects WHERE id = $6`,
    [randomUUID(), v.householdId, v.residentId, score, comment, projectId],
  );
}

const rate = async (village: string, projectId: string, who: Villager, body: object, passVillage = village) =>
  inject('POST', `/api/v1/public/cocreation/villages/${village}/projects/${projectId}/rating`, await passFor(f, passVillage, who), body);
const countRatings = async (projectId: string) =>
  (await sqlRows<{ n: number }>(`SELECT count(*)::int AS n FROM cocreation_ratings WHERE project_id = $1`, [projectId]))[0]!.n;

beforeAll(async () => {
  f = await intakeFixture(await createHarness({ loginRateLimitPerMinute: 1000, anonymousRateLimitPerMinute: 1000 }), ['village', 'village2']);
  sh = await registerVillagers(f, 'village', SHANGHUANG, [['杨秀英', '杨光明'], ['王大山'], ['欧阳娜娜'], ['陈小梅'], ['吴德贵']]);
  cc = await registerVillagers(f, 'village2', CHANGCHUN, [['李长春']]);
  for (const code of [SHANGHUANG, CHANGCHUN])
    path[code] = (await sqlRows<{ path: string }>(`SELECT path::text AS path FROM regions WHERE code = $1`, [code]))[0]!.path;
});
afterAll(() => f?.h.close());

describe('rating a completed project (效果共评)', () => {
  it('takes one rating per household within the window, audited as the resident', async () => {
    // Today (test clock) is 2026-11-23: a window of exactly today is open.
    const id = await project(SHANGHUANG, { title: '村口道路硬化', opens: '2026-11-23', closes: '2026-11-23' });
    const res = await rate(SHANGHUANG, id, sh[0]!, { score: 4, comment: '  路好走多了  ' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json() as MyRating).toEqual({ score: 4, comment: '路好走多了', date: '2026-11-23' });
    const [row] = await sqlRows<{ household_id: string; resident_id: string; score: number }>(`SELECT * FROM cocreation_ratings WHERE project_id = $1`, [id]);
    expect(row).toMatchObject({ household_id: sh[0]!.householdId, resident_id: sh[0]!.residentId, score: 4 });
    const audit = await sqlRows<{ action: string; actor_name: string; target_type: string }>(
      `SELECT action, actor_name, target_type FROM audit_log WHERE action = 'cocreation.rating.create' AND after ->> 'projectId' = $1`,
      [id],
    );
    expect(audit).toEqual([{ action: 'cocreation.rating.create', actor_name: `resident:${sh[0]!.residentId}`, target_type: 'cocreation_rating' }]);

    // The other member of the same household: refused, naming the field; nothing written.
    const again = await rate(SHANGHUANG, id, sh[1]!, { score: 1 });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.details.field).toBe('household');
    expect(again.json().error.message).toContain('每户限评一次');
    expect(await countRatings(id)).toBe(1);
    // Another household of the village may.
    expect((await rate(SHANGHUANG, id, sh[2]!, { score: 5 })).statusCode).toBe(201);
  });

  it('refuses outside the window (China date), on an unfinished project, and a bad score', async () => {
    const later = await project(SHANGHUANG, { title: '文化广场', opens: '2026-11-24', closes: '2026-12-10' });
    const over = await project(SHANGHUANG, { title: '路灯亮化', opens: '2026-11-01', closes: '2026-11-22' });
    const unset = await project(SHANGHUANG, { title: '改厕改圈', opens: null, closes: null });
    const building = await project(SHANGHUANG, { title: '人畜饮水', status: 'building' });
    for (const id of [later, over, unset]) {
      const res = await rate(SHANGHUANG, id, sh[3]!, { score: 3 });
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().error).toMatchObject({ code: 'VALIDATION_FAILED', details: { field: 'projectId' } });
      expect(res.json().error.message).toContain('不在评价期内');
    }
    const unfinished = await rate(SHANGHUANG, building, sh[3]!, { score: 3 });
    expect(unfinished.statusCode).toBe(400);
    expect(unfinished.json().error.message).toContain('尚未完工');
    for (const score of [0, 6, 2.5]) expect((await rate(SHANGHUANG, over, sh[3]!, { score })).statusCode).toBe(400);
    expect((await rate(SHANGHUANG, over, sh[3]!, { score: 3, comment: 'x'.repeat(501) })).statusCode).toBe(400);

    // 2026-11-24 07:00 in China is still the 23rd in UTC: the window closing on the 23rd is shut.
    const closesToday = await project(SHANGHUANG, { title: '河堤护栏', opens: '2026-11-20', closes: '2026-11-23' });
    f.h.clock.set('2026-11-24T07:00:00+08:00');
    const shut = await rate(SHANGHUANG, closesToday, sh[3]!, { score: 3 });
    expect(shut.statusCode).toBe(400);
    expect(shut.json().error.message).toContain('2026-11-20 至 2026-11-23');
    // …and the window opening on the 24th is open.
    expect((await rate(SHANGHUANG, later, sh[3]!, { score: 3 })).statusCode).toBe(201);
    f.h.clock.set('2026-11-23T10:00:00+08:00');
    for (const id of [over, unset, building, closesToday]) expect(await countRatings(id)).toBe(0);
  });

  it("refuses another village's resident and a call without a pass", async () => {
    const id = await project(SHANGHUANG, { title: '上黄村便民桥', opens: '2026-11-01', closes: '2026-12-31' });
    // A 长春村 resident with their own village's pass, on 上黄村's project.
    const other = await rate(CHANGCHUN, id, cc[0]!, { score: 5 });
    expect(other.statusCode).toBe(400);
    expect(other.json().error).toMatchObject({ details: { field: 'projectId' } });
    expect(other.json().error.message).toContain('不是本村');
    // The same pass sent to 上黄村's address.
    const crossed = await rate(SHANGHUANG, id, cc[0]!, { score: 5 }, CHANGCHUN);
    expect(crossed.statusCode).toBe(401);
    expect(crossed.json().error.details.field).toBe('pass');
    const none = await inject('POST', `/api/v1/public/cocreation/villages/${SHANGHUANG}/projects/${id}/rating`, {}, { score: 5 });
    expect(none.statusCode).toBe(401);
    expect(await countRatings(id)).toBe(0);
  });

  it('shows results publicly without names, and the household its own rating', async () => {
    const id = await project(SHANGHUANG, { title: '污水管网', opens: '2026-11-01', closes: '2026-12-31' });
    await ratingRow(id, sh[2]!, 5, '很满意');
    await ratingRow(id, sh[3]!, 2, '施工拖得太久');
    await ratingRow(id, sh[4]!, 4);
    const res = await inject('GET', `/api/v1/public/cocreation/villages/${SHANGHUANG}/projects/${id}/ratings`);
    expect(res.statusCode, res.body).toBe(200);
    const results = res.json() as RatingResults;
    expect(results.summary).toEqual({ count: 3, average: 3.67, distribution: [0, 1, 0, 1, 1] });
    expect(results.comments.map((c) => c.comment).sort()).toEqual(['很满意', '施工拖得太久']);
    for (const v of [...sh, ...cc]) expect(res.body).not.toContain(v.name);
    expect(res.body).not.toMatch(new RegExp(sh.map((v) => v.householdId).join('|')));
    // Another village's address does not show it.
    expect((await inject('GET', `/api/v1/public/cocreation/villages/${CHANGCHUN}/projects/${id}/ratings`)).statusCode).toBe(404);

    const mine = await inject('GET', `/api/v1/public/cocreation/villages/${SHANGHUANG}/projects`, await passFor(f, SHANGHUANG, sh[3]!));
    expect(mine.statusCode, mine.body).toBe(200);
    const listed = (mine.json() as ResidentProject[]).find((p) => p.id === id)!;
    expect(listed).toMatchObject({ ratingOpen: true, myRating: { score: 2, comment: '施工拖得太久' }, summary: { count: 3, average: 3.67 } });
    const building = (mine.json() as ResidentProject[]).find((p) => p.title === '人畜饮水')!;
    expect(building).toMatchObject({ status: 'building', progress: 40, ratingOpen: false, myRating: null });
    expect(mine.body).not.toContain(sh[3]!.householdId);
  });
});

describe("the household's own contributions", () => {
  it('shows the pass holder only their household entries with amounts', async () => {
    const id = await project(SHANGHUANG, { title: '组组通道路', status: 'building' });
    const add = (v: Villager, kind: string, amount: number | null, days: number | null, area: number | null, value: number) =>
      sqlRows(
        `INSERT INTO cocreation_contributions (id, project_id, path, household_id, kind, amount, labour_days, area_m2, value_yuan, contributed_on, recorded_at, receipt_no)
         VALUES ($1, $2, $3::ltree, $4, $5, $6, $7, $8, $9, '2026-10-01', now(), $10)`,
        [randomUUID(), id, path[SHANGHUANG], v.householdId, kind, amount, days, area, value, kind === 'money' ? 'SJ-001' : null],
      );
    await add(sh[0]!, 'money', 500, null, null, 500);
    await add(sh[0]!, 'labour', null, 3, null, 450);
    await add(sh[0]!, 'land', null, null, 12.5, 0);
    await add(sh[2]!, 'money', 800, null, null, 800);
    // The second member of household 0 sees the household's entries.
    const res = await inject('GET', `/api/v1/public/cocreation/villages/${SHANGHUANG}/contributions/mine`, await passFor(f, SHANGHUANG, sh[1]!));
    expect(res.statusCode, res.body).toBe(200);
    const mine = res.json() as MyContributions;
    expect(mine.entries).toHaveLength(3);
    expect(mine.entries.every((e) => e.projectTitle === '组组通道路')).toBe(true);
    expect(mine.totals).toEqual({ money: 500, labourDays: 3, areaM2: 12.5, valueYuan: 950 });
    expect(res.body).not.toContain('800');
    const other = await inject('GET', `/api/v1/public/cocreation/villages/${SHANGHUANG}/contributions/mine`, await passFor(f, SHANGHUANG, sh[4]!));
    expect((other.json() as MyContributions).entries).toEqual([]);
    expect((await inject('GET', `/api/v1/public/cocreation/villages/${SHANGHUANG}/contributions/mine`)).statusCode).toBe(401);
  });
});

describe('low scores raise a follow-up proposal (跟进议题)', () => {
  it('raises one proposal for a closed window averaging below 3.0, once', async () => {
    const low = await project(SHANGHUANG, { title: '垃圾收集点', opens: '2026-11-01', closes: '2026-11-22' });
    const fine = await project(SHANGHUANG, { title: '健身器材', opens: '2026-11-01', closes: '2026-11-22' });
    const open = await project(SHANGHUANG, { title: '停车场', opens: '2026-11-01', closes: '2026-11-30' });
    for (const [id, scores] of [
      [low, [1, 3, 4, 2]],
      [fine, [3, 3, 3]],
      [open, [1, 1]],
    ] as const) {
      // One rating per household: the heads of the four households.
      for (const [i, s] of scores.entries()) await ratingRow(id, [sh[0]!, sh[2]!, sh[3]!, sh[4]!][i]!, s);
    }
    const first = await raiseLowScoreFollowUps(f.h.deps);
    expect(first.raised).toEqual([{ projectId: low, proposalId: expect.any(String), average: 2.5, count: 4 }]);
    const [proposal] = await sqlRows<{ title: string; region_code: string; path: string; status: string; description: string }>(
      `SELECT title, region_code, path::text AS path, status, description FROM cocreation_proposals WHERE follow_up_of = $1`,
      [low],
    );
    expect(proposal).toMatchObject({ title: '对《垃圾收集点》评价较低的跟进', region_code: SHANGHUANG, path: path[SHANGHUANG], status: 'open' });
    expect(proposal!.description).toContain('共 4 户评价，平均 2.5 分');
    const audit = await sqlRows<{ actor_name: string }>(`SELECT actor_name FROM audit_log WHERE action = 'cocreation.rating.follow_up' AND target_id = $1`, [
      first.raised[0]!.proposalId,
    ]);
    expect(audit).toEqual([{ actor_name: 'system' }]);

    // Idempotent: a second run raises nothing.
    expect((await raiseLowScoreFollowUps(f.h.deps)).raised).toEqual([]);
    // The open window is raised once it has closed (the day after its last day), and only once.
    f.h.clock.set('2026-12-01T08:00:00+08:00');
    expect((await raiseLowScoreFollowUps(f.h.deps)).raised.map((r) => r.projectId)).toEqual([open]);
    expect((await raiseLowScoreFollowUps(f.h.deps)).raised).toEqual([]);
    const all = await sqlRows<{ follow_up_of: string }>(`SELECT follow_up_of FROM cocreation_proposals WHERE follow_up_of IS NOT NULL`);
    expect(all.map((r) => r.follow_up_of).sort()).toEqual([low, open].sort());
    f.h.clock.set('2026-11-23T10:00:00+08:00');
  });
});
