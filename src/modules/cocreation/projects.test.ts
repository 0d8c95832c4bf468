import { sql } from 'kysely';
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness } from '../../../test/helpers/harness.js';
import { withContext } from '../../platform/db/context.js';
import { exe, png } from '../../platform/files/test-fixtures.js';
import { chinaDate } from '../../platform/time.js';
import { addDays } from './project-service.js';
import type { ProjectDetail, ProjectListItem } from './project-schema.js';
import { CHANGCHUN, client, intakeFixture, registerVillagers, SHANGHUANG, type Intake, type Villager } from './test-fixtures.js';

// Projects (发展共建 / 建设共管): from a resolution or a winning vote option, budget by source,
// the contributions ledger with its totals, milestones with photos, the care team; scope and RLS.

let f: Intake;
let api: ReturnType<typeof client>;
let people: Villager[];
let outsiders: Villager[];
let today: string;
const path: Record<string, string> = {};
const base = '/api/v1/cocreation/projects';

const q = async <T = Record<string, unknown>>(text: string, params: unknown[] = []) => (await f.h.database.admin.query(text, params)).rows as T[];
const count = async (table: string) => Number((await q<{ n: string }>(`SELECT count(*) AS n FROM ${table}`))[0]!.n);
const tables = [
  'cocreation_projects',
  'cocreation_budget_lines',
  'cocreation_contributions',
  'cocreation_milestones',
  'cocreation_care_members',
  'files',
  'audit_log',
];
const counts = async () => Object.fromEntries(await Promise.all(tables.map(async (t) => [t, await count(t)])));

/** A meeting of the village with one resolution, inserted as the database owner. */
async function resolutionIn(village: string): Promise<string> {
  const meeting = uuidv7();
  const id = uuidv7();
  await q(
    `INSERT INTO cocreation_meetings (id, region_code, path, kind, title, starts_at, status, quorum_met, held_at, created_at, updated_at)
     VALUES ($1, $2, $3::ltree, 'courtyard', '院坝会：修路', now(), 'held', true, now(), now(), now())`,
    [meeting, village, path[village]],
  );
  await q(`INSERT INTO cocreation_resolutions (id, meeting_id, path, seq, text, created_at) VALUES ($1, $2, $3::ltree, 1, '同意硬化组道', now())`, [
    id,
    meeting,
    path[village],
  ]);
  return id;
}

/** A vote of the village with three options, closed (or left open) with the tally `result` gives (or none). */
async function voteIn(village: string, status: 'open' | 'closed', result: (ids: string[]) => object | null): Promise<string[]> {
  const vote = uuidv7();
  const ids = [uuidv7(), uuidv7(), uuidv7()];
  await q(
    `INSERT INTO cocreation_votes (id, region_code, path, title, method, electorate, quorum_pct, pass_pct, created_at, updated_at)
     VALUES ($1, $2, $3::ltree, '豆选第一个项目', 'single', 'household', 50, 50, now(), now())`,
    [vote, village, path[village]],
  );
  for (const [i, label] of ['人工沙滩', '亮化工程', '改厕改圈'].entries())
    await q(`INSERT INTO cocreation_vote_options (id, vote_id, path, seq, label) VALUES ($1, $2, $3::ltree, $4, $5)`, [
      ids[i],
      vote,
      path[village],
      i + 1,
      label,
    ]);
  const tallied = result(ids);
  await q(`UPDATE cocreation_votes SET status = $2, result = $3::jsonb, closed_at = CASE WHEN $2 = 'closed' THEN now() END WHERE id = $1`, [
    vote,
    status,
    tallied === null ? null : JSON.stringify(tallied),
  ]);
  return ids;
}
/** A 豆选 among three: the second option wins (the shape of vote-tally.ts). */
const tally = (ids: string[]) => ({
  ballots: 47,
  online: 40,
  paper: 7,
  electorateSize: 60,
  turnoutPct: 78.3,
  quorumReached: true,
  passed: true,
  winnerOptionId: ids[1],
  tie: false,
  counts: ids.map((key, i) => ({ key, label: String(i), votes: [12, 30, 5][i], pct: 0 })),
});

const del = (url: string, who: string) => f.h.app.inject({ method: 'DELETE', url, headers: { cookie: f.cookies[who]! } });
const put = (url: string, who: string, payload: object) => f.h.app.inject({ method: 'PUT', url, headers: { cookie: f.cookies[who]! }, payload });
const refused = (res: { statusCode: number; json(): { error: { details: { field?: string } } } }, field: string) => {
  expect(res.statusCode).toBe(400);
  expect(res.json().error.details.field).toBe(field);
};
const auditOf = async (action: string, id: string) =>
  q(`SELECT actor_name, before, after FROM audit_log WHERE action = $1 AND target_id = $2 ORDER BY seq`, [action, id]);

beforeAll(async () => {
  f = await intakeFixture(await createHarness({ loginRateLimitPerMinute: 1000, anonymousRateLimitPerMinute: 1000 }), ['village', 'village2', 'grid']);
  api = client(f.h, f.cookies);
  for (const code of [SHANGHUANG, CHANGCHUN]) path[code] = (await q<{ p: string }>(`SELECT path::text AS p FROM regions WHERE code = $1`, [code]))[0]!.p;
  people = await registerVillagers(f, 'village', SHANGHUANG, [['王德明', '王秀兰'], ['李国强'], ['张桂芳']]);
  outsiders = await registerVillagers(f, 'village2', CHANGCHUN, [['赵长春']]);
  today = chinaDate(f.h.clock.now());
});
afterAll(() => f?.h.close());

describe('a project from a resolution or a winning vote option', () => {
  let project: ProjectDetail;

  it('is refused without a source, from another village, from an open vote or a losing option; nothing is written', async () => {
    const before = await counts();
    const body = { villageCode: SHANGHUANG, title: '组道硬化' };
    refused(await api.post(base, 'village', body), 'resolutionId');
    refused(await api.post(base, 'village', { ...body, resolutionId: await resolutionIn(CHANGCHUN) }), 'resolutionId');
    refused(await api.post(base, 'village', { ...body, voteOptionId: (await voteIn(SHANGHUANG, 'open', () => null))[1] }), 'voteOptionId');
    refused(await api.post(base, 'village', { ...body, voteOptionId: (await voteIn(SHANGHUANG, 'closed', () => null))[1] }), 'voteOptionId');
    refused(await api.post(base, 'village', { ...body, voteOptionId: (await voteIn(SHANGHUANG, 'closed', tally))[0] }), 'voteOptionId');
    const lost = await voteIn(SHANGHUANG, 'closed', (ids) => ({ ...tally(ids), passed: false }));
    refused(await api.post(base, 'village', { ...body, voteOptionId: lost[1] }), 'voteOptionId');
    // 长春村's cadre cannot open a project in 上黄村 (the refusal itself is audited as one).
    refused(await api.post(base, 'village2', { ...body, villageCode: SHANGHUANG, resolutionId: await resolutionIn(SHANGHUANG) }), 'villageCode');
    expect({ ...(await counts()), audit_log: before.audit_log }).toEqual(before);
  });

  it('links the resolution in the same transaction, takes the winning option and the budget, and is audited', async () => {
    const resolutionId = await resolutionIn(SHANGHUANG);
    const optionId = (await voteIn(SHANGHUANG, 'closed', tally))[1];
    const res = await api.post(base, 'village', {
      villageCode: SHANGHUANG,
      title: '组道硬化',
      plan: '硬化 1.2 公里组道',
      resolutionId,
      voteOptionId: optionId,
      budget: [
        { source: 'higher_grant', amount: 200000 },
        { source: 'residents', amount: 30000 },
      ],
    });
    expect(res.statusCode, res.body).toBe(201);
    project = res.json();
    expect(project).toMatchObject({ status: 'planned', labourDayWage: 150, resolution: { id: resolutionId }, voteOption: { id: optionId, label: '亮化工程' } });
    expect(project.totals.budget).toBe(230000);
    expect((await q(`SELECT project_id FROM cocreation_resolutions WHERE id = $1`, [resolutionId]))[0]).toEqual({ project_id: project.id });
    expect(await auditOf('cocreation.project.create', project.id)).toHaveLength(1);
    // The resolution is now taken.
    refused(await api.post(base, 'village', { villageCode: SHANGHUANG, title: '再立一项', resolutionId }), 'resolutionId');
  });

  it('keeps one budget line per source; a duplicate names its line and writes nothing', async () => {
    const before = await counts();
    const dup = await api.post(`${base}/${project.id}/budget`, 'village', {
      lines: [
        { source: 'unit_support', amount: 1 },
        { source: 'unit_support', amount: 2 },
      ],
    });
    refused(dup, 'lines[1].source');
    expect(await counts()).toEqual(before);
    const res = await api.post(`${base}/${project.id}/budget`, 'village', {
      lines: [
        { source: 'higher_grant', amount: 180000 },
        { source: 'village_collective', amount: 20000 },
        { source: 'residents', amount: 30000 },
        { source: 'unit_support', amount: 50000, note: '施工单位支持' },
      ],
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().totals.budget).toBe(280000);
    expect(await auditOf('cocreation.project.budget', project.id)).toHaveLength(1);
  });

  describe('the contributions ledger', () => {
    const add = (body: object, who = 'village') => api.post(`${base}/${project.id}/contributions`, who, { contributedOn: today, ...body });

    it('refuses each bad entry naming its field, and writes nothing', async () => {
      const before = await counts();
      const hh = people[0]!.householdId;
      refused(await add({ householdId: outsiders[0]!.householdId, kind: 'money', amount: 100, receiptNo: 'R1' }), 'householdId');
      refused(await add({ householdId: hh, kind: 'money', amount: 100 }), 'receiptNo');
      refused(await add({ householdId: hh, kind: 'money', receiptNo: 'R1' }), 'amount');
      refused(await add({ householdId: hh, kind: 'labour' }), 'labourDays');
      refused(await add({ householdId: hh, kind: 'land', description: '宅旁空地' }), 'areaM2');
      refused(await add({ householdId: hh, kind: 'materials', description: '水泥 10 袋' }), 'value');
      refused(await add({ householdId: hh, kind: 'labour', labourDays: 2, contributedOn: addDays(today, 1) }), 'contributedOn');
      expect(await counts()).toEqual(before);
    });

    it('records money, labour at the daily wage, land and materials; totals equal a raw SQL sum', async () => {
      const [a, , b, c] = people;
      for (const body of [
        { householdId: a!.householdId, kind: 'money', amount: 500, receiptNo: 'SH-001' },
        { householdId: b!.householdId, kind: 'money', amount: 300, receiptNo: 'SH-002' },
        { householdId: a!.householdId, kind: 'labour', labourDays: 3.5 },
        { householdId: c!.householdId, kind: 'labour', labourDays: 2 },
        { householdId: b!.householdId, kind: 'land', areaM2: 120, description: '承包地边角', value: 2400 },
        { householdId: c!.householdId, kind: 'materials', description: '河沙 2 方', value: 360 },
      ]) {
        const res = await add(body);
        expect(res.statusCode, res.body).toBe(201);
      }
      refused(await add({ householdId: c!.householdId, kind: 'money', amount: 50, receiptNo: 'SH-001' }), 'receiptNo');
      const detail: ProjectDetail = (await api.get(`${base}/${project.id}`, 'village')).json();
      expect(detail.contributions!.find((e) => e.kind === 'labour' && e.labourDays === 3.5)!.valueYuan).toBe(525);
      expect(detail.totals).toMatchObject({
        money: 800,
        labourDays: 5.5,
        labourValue: 825,
        landArea: 120,
        landValue: 2400,
        materialsValue: 360,
        valueSaved: 3585,
        households: 3,
      });
      expect(detail.totals.bySource.find((s) => s.source === 'residents')).toEqual({ source: 'residents', budget: 30000, received: 800 });
      await expectTotalsMatchSql(detail);
      expect(await auditOf('cocreation.contribution.add', project.id)).toHaveLength(6);
    });

    it('revalues labour when the project sets its own daily wage', async () => {
      const res = await put(`${base}/${project.id}`, 'village', { labourDayWage: 120 });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().totals).toMatchObject({ labourValue: 660, valueSaved: 3420 });
      await expectTotalsMatchSql(res.json());
    });

    it('voids an entry with a reason: it stays in the ledger and no longer counts', async () => {
      const detail: ProjectDetail = (await api.get(`${base}/${project.id}`, 'village')).json();
      const entry = detail.contributions!.find((e) => e.receiptNo === 'SH-002')!;
      const url = `${base}/${project.id}/contributions/${entry.id}/void`;
      const res = await api.post(url, 'village', { reason: '金额登记错误' });
      expect(res.statusCode, res.body).toBe(200);
      const after: ProjectDetail = res.json();
      expect(after.contributions!.find((e) => e.id === entry.id)).toMatchObject({ voidReason: '金额登记错误' });
      expect(after.totals.money).toBe(500);
      await expectTotalsMatchSql(after);
      refused(await api.post(url, 'village', { reason: '再作废' }), 'reason');
      expect(await auditOf('cocreation.contribution.void', project.id)).toHaveLength(1);
      // The receipt number of a voided entry may be used again.
      expect((await add({ householdId: people[2]!.householdId, kind: 'money', amount: 200, receiptNo: 'SH-002' })).statusCode).toBe(201);
    });

    it('shows amounts per household only to cadres: a grid worker sees the totals, not the ledger', async () => {
      const grid: ProjectDetail = (await api.get(`${base}/${project.id}`, 'grid')).json();
      expect(grid.contributions).toBeNull();
      expect(grid.totals.money).toBe(700);
      expect(grid.editable).toBe(false);
      expect((await add({ householdId: people[0]!.householdId, kind: 'labour', labourDays: 1 }, 'grid')).statusCode).toBe(403);
    });
  });

  describe('another village', () => {
    it("长春村's cadre neither sees nor changes 上黄村's project", async () => {
      const before = await counts();
      expect((await api.get(`${base}/${project.id}`, 'village2')).statusCode).toBe(404);
      const list: ProjectListItem[] = (await api.get(base, 'village2')).json();
      expect(list.map((p) => p.id)).not.toContain(project.id);
      expect((await api.get(`${base}?regionCode=${SHANGHUANG}`, 'village2')).statusCode).toBe(400);
      const entry = (await q<{ id: string }>(`SELECT id FROM cocreation_contributions WHERE project_id = $1 LIMIT 1`, [project.id]))[0]!.id;
      for (const res of [
        await api.post(`${base}/${project.id}/contributions`, 'village2', {
          householdId: outsiders[0]!.householdId,
          kind: 'labour',
          labourDays: 1,
          contributedOn: today,
        }),
        await api.post(`${base}/${project.id}/contributions/${entry}/void`, 'village2', { reason: '越权' }),
        await api.post(`${base}/${project.id}/budget`, 'village2', { lines: [] }),
        await api.post(`${base}/${project.id}/status`, 'village2', { status: 'cancelled', reason: '越权' }),
        await api.post(`${base}/${project.id}/milestones`, 'village2', { title: '越权', progress: 10, reachedOn: today }),
      ])
        expect(res.statusCode).toBe(404);
      expect({ ...(await counts()), audit_log: before.audit_log }).toEqual(before);
    });

    it('row-level security holds with the service bypassed', async () => {
      const me = (await f.h.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: f.cookies.village2! } })).json().user;
      const ctx = { userId: me.id, role: 'village_cadre', scopePath: path[CHANGCHUN]! };
      const seen = await withContext(f.h.deps.db, ctx, async (tx) => {
        const n = async (table: string) =>
          (await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(table)} WHERE path <@ ${path[SHANGHUANG]}::ltree`.execute(tx)).rows[0]!.n;
        const changed = await sql`UPDATE cocreation_contributions SET void_reason = 'x', voided_at = now() WHERE project_id = ${project.id}`.execute(tx);
        const files = await sql<{ n: number }>`SELECT count(*)::int AS n FROM files WHERE owner_kind = 'cocreation_milestone'`.execute(tx);
        return {
          projects: await n('cocreation_projects'),
          contributions: await n('cocreation_contributions'),
          budget: await n('cocreation_budget_lines'),
          updated: Number(changed.numAffectedRows ?? 0),
          files: files.rows[0]!.n,
        };
      });
      expect(seen).toEqual({ projects: 0, contributions: 0, budget: 0, updated: 0, files: 0 });
      const insert = withContext(f.h.deps.db, ctx, (tx) =>
        sql`INSERT INTO cocreation_contributions (id, project_id, path, household_id, kind, labour_days, contributed_on, recorded_at)
            VALUES (${uuidv7()}, ${project.id}, ${path[SHANGHUANG]}::ltree, ${people[0]!.householdId}, 'labour', 1, ${today}, now())`.execute(tx),
      );
      await expect(insert).rejects.toMatchObject({ code: '42501' });
    });
  });

  describe('status, milestones and the care team', () => {
    it('goes planned → building; a milestone needs a started project and a sound photo', async () => {
      refused(await api.post(`${base}/${project.id}/status`, 'village', { status: 'completed' }), 'status');
      refused(await api.post(`${base}/${project.id}/milestones`, 'village', { title: '路基完成', progress: 40, reachedOn: today }), 'progress');
      const res = await api.post(`${base}/${project.id}/status`, 'village', { status: 'building', on: today });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ status: 'building', startedOn: today });
      const before = await counts();
      const bad = await api.post(`${base}/${project.id}/milestones`, 'village', {
        title: '路基完成',
        progress: 40,
        reachedOn: today,
        photos: [{ data: `data:image/png;base64,${png(1).toString('base64')}` }, { data: exe().toString('base64'), filename: 'x.exe' }],
      });
      refused(bad, 'photos[1]');
      expect(await counts()).toEqual(before);
    });

    it('records milestones with photos; the project shows the latest progress', async () => {
      const res = await api.post(`${base}/${project.id}/milestones`, 'village', {
        title: '路基完成',
        progress: 40,
        reachedOn: today,
        photos: [{ data: `data:image/png;base64,${png(2).toString('base64')}`, filename: '路基.png' }],
      });
      expect(res.statusCode, res.body).toBe(201);
      const p: ProjectDetail = res.json();
      expect(p.progress).toBe(40);
      expect(p.milestones[0]!.photos).toEqual([expect.objectContaining({ filename: '路基.png', contentType: 'image/png' })]);
      const photo = await f.h.app.inject({ method: 'GET', url: p.milestones[0]!.photos[0]!.url, headers: { cookie: f.cookies.grid! } });
      expect(photo.statusCode).toBe(200);
      const other = await f.h.app.inject({ method: 'GET', url: p.milestones[0]!.photos[0]!.url, headers: { cookie: f.cookies.village2! } });
      expect(other.statusCode).toBe(404);
      const next = await api.post(`${base}/${project.id}/milestones`, 'village', { title: '路面浇筑', progress: 90, reachedOn: today });
      expect(next.json().progress).toBe(90);
      expect(await auditOf('cocreation.project.milestone', project.id)).toHaveLength(2);
    });

    it('refuses a care team before completion; completion opens a 15-day rating window', async () => {
      refused(await api.post(`${base}/${project.id}/care-members`, 'village', { residentId: people[0]!.residentId, duty: '路面清扫' }), 'residentId');
      const res = await api.post(`${base}/${project.id}/status`, 'village', { status: 'completed' });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ status: 'completed', completedOn: today, ratingOpensOn: today, ratingClosesOn: addDays(today, 15) });
      refused(await put(`${base}/${project.id}`, 'village', { ratingClosesOn: addDays(today, -1) }), 'ratingClosesOn');
      const moved = await put(`${base}/${project.id}`, 'village', { ratingClosesOn: addDays(today, 30) });
      expect(moved.json().ratingClosesOn).toBe(addDays(today, 30));
      expect(await auditOf('cocreation.project.status', project.id)).toHaveLength(2);
    });

    it('takes care-team members from the village registry, with duties, roster turns and one leader', async () => {
      const url = `${base}/${project.id}/care-members`;
      const before = await counts();
      refused(await api.post(url, 'village', { residentId: outsiders[0]!.residentId, duty: '路面清扫' }), 'residentId');
      expect(await counts()).toEqual(before);
      expect(
        (await api.post(url, 'village', { residentId: people[0]!.residentId, duty: '总负责、巡查', roster: '每月第一周', isLeader: true })).statusCode,
      ).toBe(201);
      expect((await api.post(url, 'village', { residentId: people[2]!.residentId, duty: '路面清扫', roster: '每月第二周' })).statusCode).toBe(201);
      expect((await api.post(url, 'village', { residentId: people[2]!.residentId, duty: '重复' })).statusCode).toBe(409);
      const res = await api.post(url, 'village', { residentId: people[3]!.residentId, duty: '排水沟疏通', roster: '每月第三周', isLeader: true });
      const team: ProjectDetail['careMembers'] = res.json().careMembers;
      expect(team.filter((m) => m.isLeader).map((m) => m.name)).toEqual([people[3]!.name]);
      expect(team.map((m) => m.roster)).toEqual(expect.arrayContaining(['每月第一周', '每月第二周', '每月第三周']));
      const removed = await del(`${url}/${team.find((m) => m.residentId === people[2]!.residentId)!.id}`, 'village');
      expect(removed.statusCode, removed.body).toBe(200);
      expect(removed.json().careMembers).toHaveLength(2);
      expect((await del(`${url}/${team[0]!.id}`, 'village2')).statusCode).toBe(404);
      expect(await auditOf('cocreation.care.add', project.id)).toHaveLength(3);
      expect(await auditOf('cocreation.care.remove', project.id)).toHaveLength(1);
    });

    it('a completed project takes no milestone and cannot go back', async () => {
      refused(await api.post(`${base}/${project.id}/milestones`, 'village', { title: '补记', progress: 100, reachedOn: today }), 'progress');
      refused(await api.post(`${base}/${project.id}/status`, 'village', { status: 'cancelled', reason: '不建了' }), 'status');
      const list: ProjectListItem[] = (await api.get(`${base}?status=completed`, 'village')).json();
      expect(list.map((p) => p.id)).toContain(project.id);
    });
  });

  /** The API's totals against the ledger summed in SQL by the database owner (voided entries left out). */
  async function expectTotalsMatchSql(detail: ProjectDetail): Promise<void> {
    const [raw] = await q<Record<string, string>>(
      `SELECT coalesce(sum(amount) FILTER (WHERE kind = 'money'), 0) AS money,
              coalesce(sum(labour_days) FILTER (WHERE kind = 'labour'), 0) AS labour_days,
              coalesce(sum(value_yuan) FILTER (WHERE kind IN ('labour', 'land', 'materials')), 0) AS saved,
              coalesce(sum(area_m2) FILTER (WHERE kind = 'land'), 0) AS land_area,
              count(DISTINCT household_id) AS households
       FROM cocreation_contributions WHERE project_id = $1 AND voided_at IS NULL`,
      [detail.id],
    );
    expect(detail.totals).toMatchObject({
      money: Number(raw!.money),
      labourDays: Number(raw!.labour_days),
      valueSaved: Number(raw!.saved),
      landArea: Number(raw!.land_area),
      households: Number(raw!.households),
    });
  }
});
