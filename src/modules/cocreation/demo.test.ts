import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../../test/helpers/harness.js';
import { generateVillageHouseholds } from '../../cli/demo/population.js';
import { SYSTEM_ACTOR } from '../../platform/actor.js';
import { registerHouseholds } from '../people/bulk-service.js';
import { seedDemoCocreation, type DemoCocreationSummary } from './demo.js';
import { villageDisclosure } from './disclosure-service.js';
import { getProject } from './project-service.js';
import type { Tally } from './vote-schema.js';

// The co-creation demo on a small county: 上黄村 (the `village` account's village) with 40
// households and five villages of other townships with 12, played twice on two databases.

const SHANGHUANG = '522631102200';
const COUNTY = '522631';

let a: Harness;
let b: Harness;
let summary: DemoCocreationSummary;
let idNumbers: string[] = [];

type Row = Record<string, unknown>;
const rows = async (h: Harness, q: string, params: unknown[] = []) => (await h.database.admin.query(q, params)).rows as Row[];

/** Registers the small county's households (deterministic for the test) and returns every ID number given. */
async function populate(h: Harness): Promise<string[]> {
  const villages = await rows(h, `SELECT code, name, kind, parent_code FROM regions WHERE level = 'village' ORDER BY code`);
  const main = villages.find((v) => v.code === SHANGHUANG)!;
  const others: Row[] = [];
  for (const v of villages) {
    if (others.length < 5 && v.parent_code !== main.parent_code && !others.some((o) => o.parent_code === v.parent_code)) others.push(v);
  }
  const usedIds = new Set<string>();
  const ids: string[] = [];
  for (const [i, v] of [main, ...others].entries()) {
    const batch = generateVillageHouseholds({ code: String(v.code), name: String(v.name), kind: v.kind as string | null }, i === 0 ? 40 : 12, {
      seed: 100 + i,
      countyCode: COUNTY,
      today: h.clock.now(),
      usedIds,
      gridCodes: [],
    });
    for (const hh of batch) for (const m of hh.members) if (m.idNumber) ids.push(m.idNumber);
    await registerHouseholds(h.deps, SYSTEM_ACTOR, String(v.code), batch, { synthetic: true, source: 'test' });
  }
  return ids;
}

/** Every co-creation row, ids replaced by what they point at, hashed: equal for equal content. */
async function digest(h: Harness): Promise<string> {
  const options = new Map((await rows(h, `SELECT id, label FROM cocreation_vote_options`)).map((o) => [o.id, o.label]));
  const label = (text: string) => text.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, (id) => String(options.get(id) ?? 'id'));
  const queries = [
    `SELECT o.region_code, o.source, o.author_name, o.content, o.status, o.answer, o.due_on::text, o.created_at, o.answered_at,
            p.title AS proposal, j.title AS project, m.content AS merged_into, g.title AS meeting, hh.address
       FROM cocreation_opinions o LEFT JOIN cocreation_proposals p ON p.id = o.proposal_id LEFT JOIN cocreation_projects j ON j.id = o.project_id
       LEFT JOIN cocreation_opinions m ON m.id = o.merged_into LEFT JOIN cocreation_meetings g ON g.id = o.meeting_id LEFT JOIN households hh ON hh.id = o.household_id`,
    `SELECT region_code, title, description, status, created_at FROM cocreation_proposals`,
    `SELECT g.region_code, g.kind, g.title, g.place, g.starts_at, g.status, g.quorum_met, g.minutes, g.held_at,
            (SELECT string_agg(a.name || ':' || coalesce(a.attendance, '-') || ':' || coalesce(a.proxy_name, ''), ',' ORDER BY a.name, a.attendance, a.proxy_name)
               FROM cocreation_attendees a WHERE a.meeting_id = g.id) AS roster
       FROM cocreation_meetings g`,
    `SELECT g.title AS meeting, s.seq, s.text, p.title AS proposal, j.title AS project FROM cocreation_resolutions s JOIN cocreation_meetings g ON g.id = s.meeting_id
       LEFT JOIN cocreation_proposals p ON p.id = s.proposal_id LEFT JOIN cocreation_projects j ON j.id = s.project_id`,
    `SELECT title, method, electorate, status, opens_at, closes_at, closed_at, electorate_size, result::text FROM cocreation_votes`,
    `SELECT v.title, e.name, e.voted_at, e.channel, e.witness_name FROM cocreation_electors e JOIN cocreation_votes v ON v.id = e.vote_id`,
    `SELECT v.title, b.channel, array_to_string(b.choices, ',') AS choices FROM cocreation_ballots b JOIN cocreation_votes v ON v.id = b.vote_id`,
    `SELECT j.region_code, j.title, j.status, j.progress, j.started_on, j.completed_on, j.rating_opens_on, j.rating_closes_on, s.text AS resolution, o.label AS option
       FROM cocreation_projects j LEFT JOIN cocreation_resolutions s ON s.id = j.resolution_id LEFT JOIN cocreation_vote_options o ON o.id = j.vote_option_id`,
    `SELECT j.title, l.source, l.amount, l.note FROM cocreation_budget_lines l JOIN cocreation_projects j ON j.id = l.project_id`,
    `SELECT j.title, hh.address, c.kind, c.amount, c.labour_days, c.area_m2, c.description, c.value_yuan, c.receipt_no, c.contributed_on, c.recorded_at
       FROM cocreation_contributions c JOIN cocreation_projects j ON j.id = c.project_id JOIN households hh ON hh.id = c.household_id`,
    `SELECT j.title, m.title, m.progress, m.note, m.reached_on FROM cocreation_milestones m JOIN cocreation_projects j ON j.id = m.project_id`,
    `SELECT j.title, c.name, c.duty, c.roster, c.is_leader FROM cocreation_care_members c JOIN cocreation_projects j ON j.id = c.project_id`,
    `SELECT j.title, hh.address, r.score, r.comment, r.created_at FROM cocreation_ratings r JOIN cocreation_projects j ON j.id = r.project_id JOIN households hh ON hh.id = r.household_id`,
    `SELECT action, occurred_at, actor_name FROM audit_log WHERE action LIKE 'cocreation.%'`,
  ];
  const lines: string[] = [];
  for (const [i, q] of queries.entries()) {
    for (const r of await rows(h, q)) lines.push(`${i}:${label(JSON.stringify(r, (_, x: unknown) => (x instanceof Date ? x.toISOString() : x)))}`);
  }
  return createHash('sha256').update(lines.sort().join('\n')).digest('hex');
}

beforeAll(async () => {
  [a, b] = await Promise.all([createHarness(), createHarness()]);
  idNumbers = await populate(a);
  await populate(b);
  summary = await seedDemoCocreation(a.deps, COUNTY, { seed: 3 });
  await seedDemoCocreation(b.deps, COUNTY, { seed: 3 });
}, 600_000);
afterAll(async () => {
  await a?.close();
  await b?.close();
});

describe('demo co-creation', () => {
  it('is the same for the same seed: equal digests of every co-creation row on two databases', async () => {
    expect(summary.villages).toBe(4);
    expect(summary.opinions).toBeGreaterThan(30);
    expect(await digest(a)).toBe(await digest(b));
  });

  it('closed the 豆选 with a winner among 人工沙滩 / 亮化工程 / 改厕改圈, its tally equal to the ballots', async () => {
    const [vote] = await rows(a, `SELECT id, status, electorate, method, result FROM cocreation_votes WHERE region_code = $1 AND title LIKE '公益项目豆选%'`, [
      SHANGHUANG,
    ]);
    expect(vote).toMatchObject({ status: 'closed', electorate: 'household', method: 'single' });
    const result = vote!.result as Tally;
    const options = await rows(a, `SELECT id, label FROM cocreation_vote_options WHERE vote_id = $1`, [vote!.id]);
    expect(options.map((o) => o.label).sort()).toEqual(['亮化工程', '人工沙滩', '改厕改圈'].sort());
    expect(result.passed).toBe(true);
    expect(result.tie).toBe(false);
    expect(options.map((o) => o.id)).toContain(result.winnerOptionId);
    const ballots = await rows(a, `SELECT channel, choices FROM cocreation_ballots WHERE vote_id = $1`, [vote!.id]);
    expect(result.ballots).toBe(ballots.length);
    expect(result.online).toBe(ballots.filter((x) => x.channel === 'online').length);
    expect(result.paper).toBe(ballots.filter((x) => x.channel === 'paper').length);
    expect(result.online).toBeGreaterThan(0);
    expect(result.paper).toBeGreaterThan(0);
    for (const c of result.counts) expect(c.votes).toBe(ballots.filter((x) => (x.choices as string[]).includes(c.key)).length);
    // Paper ballots name a witness; secret ballots name nobody.
    expect(ballots.length).toBe(
      Number((await rows(a, `SELECT count(*) AS n FROM cocreation_electors WHERE vote_id = $1 AND voted_at IS NOT NULL`, [vote!.id]))[0]!.n),
    );
    const paper = await rows(a, `SELECT witness_name FROM cocreation_electors WHERE vote_id = $1 AND channel = 'paper'`, [vote!.id]);
    expect(paper.every((e) => typeof e.witness_name === 'string' && e.witness_name.length > 0)).toBe(true);
    // The winner is being built, from the vote and the 村民议事会's resolution.
    const winner = options.find((o) => o.id === result.winnerOptionId)!;
    const [built] = await rows(a, `SELECT status, resolution_id FROM cocreation_projects WHERE vote_option_id = $1`, [winner.id]);
    expect(built).toMatchObject({ status: 'building' });
    expect(built!.resolution_id).not.toBeNull();
  });

  it('built the road with land, labour and money from households, the totals agreeing everywhere', async () => {
    const [road] = await rows(a, `SELECT id, status, progress, resolution_id FROM cocreation_projects WHERE region_code = $1 AND title = '通组公路硬化工程'`, [
      SHANGHUANG,
    ]);
    expect(road).toMatchObject({ status: 'completed', progress: 100 });
    expect(road!.resolution_id).not.toBeNull();
    const entries = await rows(
      a,
      `SELECT kind, amount, labour_days, area_m2, receipt_no, household_id FROM cocreation_contributions WHERE project_id = $1 AND voided_at IS NULL`,
      [road!.id],
    );
    const of = (kind: string) => entries.filter((e) => e.kind === kind);
    const sum = (kind: string, col: string) => Math.round(of(kind).reduce((s, e) => s + Number(e[col]), 0) * 100) / 100;
    expect(new Set(of('land').map((e) => e.household_id)).size).toBeGreaterThanOrEqual(8);
    expect(new Set(of('labour').map((e) => e.household_id)).size).toBeGreaterThanOrEqual(15);
    expect(of('money').length).toBeGreaterThan(5);
    expect(of('money').every((e) => typeof e.receipt_no === 'string' && e.receipt_no.length > 0)).toBe(true);
    const detail = await getProject(a.deps, SYSTEM_ACTOR, String(road!.id));
    expect(detail.totals.money).toBe(sum('money', 'amount'));
    expect(detail.totals.labourDays).toBe(sum('labour', 'labour_days'));
    expect(detail.totals.landArea).toBe(sum('land', 'area_m2'));
    expect(detail.budget.map((l) => l.source).sort()).toEqual(['higher_grant', 'residents', 'unit_support', 'village_collective']);
    expect(detail.milestones.map((m) => m.progress).sort((x, y) => x - y)).toEqual([20, 45, 70, 90, 100]);
    expect(detail.careMembers.filter((m) => m.isLeader)).toHaveLength(1);
    const disclosed = (await villageDisclosure(a.deps, SHANGHUANG)).projects.find((p) => p.title === '通组公路硬化工程')!;
    expect(disclosed.received).toMatchObject({ money: sum('money', 'amount'), labourDays: sum('labour', 'labour_days'), landM2: sum('land', 'area_m2') });
    // Ratings by households within the window, mostly 4–5.
    expect(disclosed.evaluation.summary.count).toBeGreaterThan(15);
    expect(disclosed.evaluation.summary.average!).toBeGreaterThanOrEqual(3.8);
    const outside = await rows(
      a,
      `SELECT count(*)::int AS n FROM cocreation_ratings r JOIN cocreation_projects j ON j.id = r.project_id
        WHERE (r.created_at AT TIME ZONE 'Asia/Shanghai')::date NOT BETWEEN j.rating_opens_on AND j.rating_closes_on`,
    );
    expect(outside[0]!.n).toBe(0);
  });

  it('discloses the village without a resident name or an ID number', async () => {
    const text = JSON.stringify(await villageDisclosure(a.deps, SHANGHUANG));
    const names = (
      await rows(a, `SELECT DISTINCT r.name FROM residents r JOIN households hh ON hh.id = r.household_id WHERE hh.village_code = $1`, [SHANGHUANG])
    ).map((r) => String(r.name));
    expect(names.length).toBeGreaterThan(50);
    expect(names.filter((n) => text.includes(n))).toEqual([]);
    expect(idNumbers.length).toBeGreaterThan(50);
    expect(idNumbers.filter((n) => text.includes(n))).toEqual([]);
    expect(text).not.toMatch(/\d{17}[\dX]|\d{4}\*{6,}/);
    expect(text).toContain('某');
  });

  it('leaves some opinions open, some past their limit, with a vote open and a meeting planned', async () => {
    const today = '2026-11-23';
    const open = await rows(a, `SELECT due_on::text AS due FROM cocreation_opinions WHERE status = 'open'`);
    expect(open.length).toBeGreaterThan(2);
    expect(open.some((o) => String(o.due) < today)).toBe(true);
    expect(open.some((o) => String(o.due) >= today)).toBe(true);
    const settled = await rows(a, `SELECT status, count(*)::int AS n FROM cocreation_opinions WHERE status <> 'open' GROUP BY status`);
    expect(settled.map((s) => s.status).sort()).toEqual(['adopted', 'answered', 'declined', 'merged']);
    expect(Number((await rows(a, `SELECT count(*) AS n FROM cocreation_votes WHERE status = 'open' AND closes_at > $1`, [a.clock.now()]))[0]!.n)).toBe(1);
    expect(Number((await rows(a, `SELECT count(*) AS n FROM cocreation_meetings WHERE status = 'planned'`))[0]!.n)).toBe(1);
    const kinds = (await rows(a, `SELECT DISTINCT kind FROM cocreation_meetings WHERE region_code = $1`, [SHANGHUANG])).map((k) => k.kind);
    expect(kinds).toEqual(expect.arrayContaining(['courtyard', 'representatives', 'villager_council']));
    // Held meetings have minutes; the one short of its quorum took no resolution, the others did.
    const held = await rows(
      a,
      `SELECT g.quorum_met, g.minutes, (SELECT count(*)::int FROM cocreation_resolutions s WHERE s.meeting_id = g.id) AS resolutions
         FROM cocreation_meetings g WHERE g.status = 'held'`,
    );
    expect(held.every((m) => typeof m.minutes === 'string' && m.minutes.length > 20)).toBe(true);
    expect(held.filter((m) => !m.quorum_met).map((m) => m.resolutions)).toEqual([0]);
    expect(held.filter((m) => m.quorum_met).every((m) => Number(m.resolutions) > 0)).toBe(true);
    // The lighter villages: three other townships, each with opinions, a held meeting and a project.
    const villages = await rows(
      a,
      `SELECT j.region_code, r.parent_code, j.status FROM cocreation_projects j JOIN regions r ON r.code = j.region_code WHERE j.region_code <> $1`,
      [SHANGHUANG],
    );
    expect(new Set(villages.map((v) => v.parent_code)).size).toBe(3);
    expect(villages.map((v) => v.status).sort()).toEqual(['building', 'completed', 'planned']);
    // An urban community among them deliberates with its 业委会 and 物业 (四方联动).
    const urban = await rows(a, `SELECT invited_parties FROM cocreation_meetings WHERE kind = 'four_party'`);
    expect(urban).toHaveLength(1);
    expect(urban[0]!.invited_parties).toContain('物业服务企业');
  });
});
