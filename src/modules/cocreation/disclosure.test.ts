import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness } from '../../../test/helpers/harness.js';
import type { Disclosure } from './disclosure-schema.js';
import { surnameOnly } from './disclosure-service.js';
import { CHANGCHUN, intakeFixture, registerVillagers, SHANGHUANG, ZHONGCHAO, type Intake, type Villager } from './test-fixtures.js';

// 成果共享 / 三公开: the village's public page, without login: the resolutions of held meetings,
// closed votes with their tallies and turnout, projects with budget by source, what residents
// gave (totals) and progress, and the evaluations — and never a resident's personal data: no
// full names, ID numbers or ids; contributors only as surname + 某; no amount of one household.

const RATE_LIMIT = 40;
let f: Intake;
let sh: Villager[];
let cc: Villager[];
const path: Record<string, string> = {};
let voidable = false;

const sqlRows = async <T>(text: string, params: unknown[] = []) => (await f.h.database.admin.query(text, params)).rows as T[];
const disclosure = (code: string) => f.h.app.inject({ method: 'GET', url: `/api/v1/public/cocreation/villages/${code}/disclosure` });

async function meeting(
  village: string,
  o: { kind: string; title: string; status: string; heldAt: string; attendees: [Villager, string | null][]; resolutions: string[] },
) {
  const id = randomUUID();
  await sqlRows(
    `INSERT INTO cocreation_meetings (id, region_code, path, kind, title, starts_at, status, created_at, updated_at)
     VALUES ($1, $2, $3::ltree, $4, $5, $6, 'planned', now(), now())`,
    [id, village, path[village], o.kind, o.title, o.heldAt],
  );
  for (const [v, attendance] of o.attendees) {
    await sqlRows(
      `INSERT INTO cocreation_attendees (id, meeting_id, household_id, resident_id, name, path, attendance, proxy_name) VALUES ($1, $2, $3, $4, $5, $6::ltree, $7, $8)`,
      [randomUUID(), id, v.householdId, v.residentId, v.name, path[village], attendance, attendance === 'proxy' ? '杨代表人' : null],
    );
  }
  // Held (attendance is final from then on; resolutions need a held meeting with its quorum).
  if (o.status === 'held') {
    await sqlRows(`UPDATE cocreation_meetings SET status = 'held', held_at = starts_at, quorum_met = true, minutes = $2 WHERE id = $1`, [
      id,
      `到会：${o.attendees.map(([v]) => v.name).join('、')}`,
    ]);
  }
  for (const [i, text] of o.resolutions.entries()) {
    await sqlRows(`INSERT INTO cocreation_resolutions (id, meeting_id, path, seq, text, created_at) VALUES ($1, $2, $3::ltree, $4, $5, now())`, [
      randomUUID(),
      id,
      path[village],
      i + 1,
      text,
    ]);
  }
}

/** A vote with its options, electors and ballots; `tally` stores a result as the votes part fixes it. */
async function vote(
  village: string,
  o: { title: string; method: string; status: string; options: string[]; ballots: string[][]; electors: Villager[]; tally: boolean },
) {
  const id = randomUUID();
  const optionIds = o.options.map(() => randomUUID());
  const key = (c: string) => (o.method === 'yes_no' ? c : optionIds[o.options.indexOf(c)]!);
  const counts = (o.method === 'yes_no' ? ['yes', 'no', 'abstain'] : o.options).map((c) => ({
    key: key(c),
    label: c,
    votes: o.ballots.filter((b) => b.includes(c)).length,
  }));
  const top = Math.max(...counts.map((c) => c.votes));
  const result = {
    ballots: o.ballots.length,
    online: o.ballots.length - 1,
    paper: 1,
    electorateSize: o.electors.length,
    quorumReached: true,
    passed: true,
    winnerOptionId: o.method === 'yes_no' ? null : counts.find((c) => c.votes === top)!.key,
    tie: false,
    counts,
  };
  await sqlRows(
    `INSERT INTO cocreation_votes (id, region_code, path, title, method, electorate, quorum_pct, pass_pct, status, opens_at, closes_at, closed_at, electorate_size, result, created_at, updated_at)
     VALUES ($1, $2, $3::ltree, $4, $5, 'household', 50, 50, 'draft', '2026-09-01T09:00:00+08:00', '2026-09-10T18:00:00+08:00', NULL, NULL, NULL, now(), now())`,
    [id, village, path[village], o.title, o.method],
  );
  for (const [i, label] of o.options.entries()) {
    await sqlRows(`INSERT INTO cocreation_vote_options (id, vote_id, path, seq, label) VALUES ($1, $2, $3::ltree, $4, $5)`, [
      optionIds[i],
      id,
      path[village],
      i + 1,
      label,
    ]);
  }
  for (const v of o.electors) {
    await sqlRows(`INSERT INTO cocreation_electors (id, vote_id, path, household_id, resident_id, name) VALUES ($1, $2, $3::ltree, $4, $5, $6)`, [
      randomUUID(),
      id,
      path[village],
      v.householdId,
      v.residentId,
      v.name,
    ]);
  }
  // Opened (the electorate is fixed), ballots cast, then closed with the tally in its result.
  await sqlRows(`UPDATE cocreation_votes SET status = 'open', electorate_size = $2 WHERE id = $1`, [id, o.electors.length]);
  for (const [i, b] of o.ballots.entries()) {
    await sqlRows(`INSERT INTO cocreation_ballots (id, vote_id, path, channel, choices) VALUES ($1, $2, $3::ltree, $4, $5)`, [
      randomUUID(),
      id,
      path[village],
      i === 0 ? 'paper' : 'online',
      b.map(key),
    ]);
  }
  if (o.status === 'closed') {
    await sqlRows(`UPDATE cocreation_votes SET status = 'closed', closed_at = closes_at, result = $2 WHERE id = $1`, [id, o.tally ? result : null]);
  }
}

async function project(village: string, title: string, status: string): Promise<string> {
  const id = randomUUID();
  await sqlRows(
    `INSERT INTO cocreation_projects (id, region_code, path, title, plan, status, progress, started_on, completed_on, rating_opens_on, rating_closes_on, created_at, updated_at)
     VALUES ($1, $2, $3::ltree, $4, '村民投工、上级补助', $5, $6, '2026-07-01', $7, $8, $9, now(), now())`,
    [
      id,
      village,
      path[village],
      title,
      status,
      status === 'completed' ? 100 : 60,
      ...(status === 'completed' ? ['2026-10-30', '2026-11-01', '2026-11-30'] : [null, null, null]),
    ],
  );
  return id;
}

async function contribution(projectId: string, v: Villager, kind: string, n: number, value: number, voided = false) {
  const col = { money: 'amount', labour: 'labour_days', land: 'area_m2', materials: 'amount' }[kind]!;
  await sqlRows(
    `INSERT INTO cocreation_contributions (id, project_id, path, household_id, kind, ${col}, value_yuan, description, contributed_on, recorded_at${voided ? ', voided_at, void_reason' : ''})
     SELECT $1, id, path, $2, $3, $4, $5, $6, '2026-08-01', now()${voided ? ", now(), '录入错误'" : ''} FROM cocreation_projects WHERE id = $7`,
    [randomUUID(), v.householdId, kind, n, value, kind === 'materials' ? '水泥 20 袋' : null, projectId],
  );
}

beforeAll(async () => {
  f = await intakeFixture(await createHarness({ loginRateLimitPerMinute: 1000, anonymousRateLimitPerMinute: RATE_LIMIT }), ['village', 'village2']);
  sh = await registerVillagers(f, 'village', SHANGHUANG, [['杨秀英', '杨光明'], ['王大山'], ['欧阳娜娜'], ['陈小梅']]);
  cc = await registerVillagers(f, 'village2', CHANGCHUN, [['李长春']]);
  for (const code of [SHANGHUANG, CHANGCHUN])
    path[code] = (await sqlRows<{ path: string }>(`SELECT path::text AS path FROM regions WHERE code = $1`, [code]))[0]!.path;
  voidable = (await sqlRows(`SELECT 1 FROM information_schema.columns WHERE table_name = 'cocreation_contributions' AND column_name = 'voided_at'`)).length > 0;

  await meeting(SHANGHUANG, {
    kind: 'courtyard',
    title: '院坝会：村口道路怎么修',
    status: 'held',
    heldAt: '2026-08-20T19:00:00+08:00',
    attendees: [
      [sh[0]!, 'present'],
      [sh[2]!, 'proxy'],
      [sh[3]!, 'absent'],
    ],
    resolutions: ['同意硬化村口道路，群众投工投劳', '成立道路建设监督小组'],
  });
  await meeting(SHANGHUANG, {
    kind: 'fireside',
    title: '火塘会（尚未召开）',
    status: 'planned',
    heldAt: '2026-12-20T19:00:00+08:00',
    attendees: [],
    resolutions: [],
  });
  await meeting(CHANGCHUN, {
    kind: 'courtyard',
    title: '长春村院坝会',
    status: 'held',
    heldAt: '2026-08-21T19:00:00+08:00',
    attendees: [[cc[0]!, 'present']],
    resolutions: ['长春村决议'],
  });
  await vote(SHANGHUANG, {
    title: '豆选第一个项目',
    method: 'single',
    status: 'closed',
    options: ['人工沙滩', '亮化工程', '改厕改圈'],
    ballots: [['亮化工程'], ['亮化工程'], ['人工沙滩']],
    electors: [sh[0]!, sh[1]!, sh[2]!, sh[3]!],
    tally: true,
  });
  await vote(SHANGHUANG, {
    title: '是否收取管护费',
    method: 'yes_no',
    status: 'closed',
    options: [],
    ballots: [['yes'], ['no'], ['yes']],
    electors: [sh[0]!, sh[2]!, sh[3]!],
    tally: false,
  });
  await vote(SHANGHUANG, { title: '进行中的表决', method: 'yes_no', status: 'open', options: [], ballots: [], electors: [sh[0]!], tally: false });

  const road = await project(SHANGHUANG, '村口道路硬化', 'completed');
  await sqlRows(
    `INSERT INTO cocreation_budget_lines (project_id, path, source, amount) VALUES ($1, $2::ltree, 'higher_grant', 80000), ($1, $2::ltree, 'village_collective', 12000), ($1, $2::ltree, 'residents', 1000)`,
    [road, path[SHANGHUANG]],
  );
  await contribution(road, sh[0]!, 'money', 317, 317);
  await contribution(road, sh[2]!, 'money', 683, 683);
  await contribution(road, sh[0]!, 'labour', 4.5, 675);
  await contribution(road, sh[1]!, 'labour', 2, 300); // the same household as sh[0]: one name
  await contribution(road, sh[3]!, 'land', 35.5, 0);
  await contribution(road, sh[1]!, 'materials', 200, 200);
  if (voidable) await contribution(road, sh[3]!, 'money', 999, 999, true);
  await sqlRows(
    `INSERT INTO cocreation_milestones (id, project_id, path, title, progress, reached_on, recorded_at) VALUES ($1, $3, $4::ltree, '路基完成', 50, '2026-09-15', now()), ($2, $3, $4::ltree, '路面硬化完成', 100, '2026-10-30', now())`,
    [randomUUID(), randomUUID(), road, path[SHANGHUANG]],
  );
  for (const [v, score, comment] of [
    [sh[0]!, 5, '路平了'],
    [sh[2]!, 4, null],
    [sh[3]!, 3, '排水沟还要修'],
  ] as const) {
    await sqlRows(
      `INSERT INTO cocreation_ratings (id, project_id, path, household_id, resident_id, score, comment, created_at) VALUES ($1, $2, $3::ltree, $4, $5, $6, $7, now())`,
      [randomUUID(), road, path[SHANGHUANG], v.householdId, v.residentId, score, comment],
    );
  }
  await project(SHANGHUANG, '路灯亮化', 'building');
  await sqlRows(`UPDATE cocreation_projects SET status = 'cancelled' WHERE id = $1`, [await project(SHANGHUANG, '取消的项目', 'planned')]);
  await project(CHANGCHUN, '长春村项目', 'building');
});
afterAll(() => f?.h.close());

describe('public disclosure page (三公开)', () => {
  it('shows decisions of held meetings, closed votes with tallies and turnout, without login', async () => {
    const res = await disclosure(SHANGHUANG);
    expect(res.statusCode, res.body).toBe(200);
    const d = res.json() as Disclosure;
    expect(d.village).toEqual({ name: expect.stringContaining('上黄'), townshipName: expect.stringContaining('中潮') });
    expect(d.decisions).toEqual([
      {
        meetingKind: 'courtyard',
        meetingTitle: '院坝会：村口道路怎么修',
        heldOn: '2026-08-20',
        attended: 2,
        invited: 3,
        resolutions: [
          { seq: 1, text: '同意硬化村口道路，群众投工投劳' },
          { seq: 2, text: '成立道路建设监督小组' },
        ],
      },
    ]);
    expect(d.votes.map((v) => v.title).sort()).toEqual(['是否收取管护费', '豆选第一个项目']);
    const beans = d.votes.find((v) => v.method === 'single')!;
    expect(beans).toMatchObject({
      electorateSize: 4,
      ballots: 3,
      online: 2,
      paper: 1,
      turnout: 0.75,
      passed: true,
      quorumReached: true,
      closedOn: '2026-09-10',
    });
    expect(beans.options).toEqual([
      { label: '人工沙滩', choice: null, count: 1, winner: false },
      { label: '亮化工程', choice: null, count: 2, winner: true },
      { label: '改厕改圈', choice: null, count: 0, winner: false },
    ]);
    // Closed without a stored result: counted from the ballots.
    const fee = d.votes.find((v) => v.method === 'yes_no')!;
    expect(fee).toMatchObject({ electorateSize: 3, ballots: 3, online: 2, paper: 1, turnout: 1, passed: null });
    expect(fee.options.map((o) => [o.choice, o.count])).toEqual([
      ['yes', 2],
      ['no', 1],
      ['abstain', 0],
    ]);
    expect(res.body).not.toContain('长春村决议');
  });

  it('shows projects with budget by source, totals received, contributors as surname + 某, progress and evaluation', async () => {
    const d = (await disclosure(SHANGHUANG)).json() as Disclosure;
    expect(d.projects.map((p) => p.title).sort()).toEqual(['村口道路硬化', '路灯亮化']);
    const road = d.projects.find((p) => p.title === '村口道路硬化')!;
    expect(road.budget.sort((a, b) => a.source.localeCompare(b.source))).toEqual([
      { source: 'higher_grant', amount: 80000 },
      { source: 'residents', amount: 1000 },
      { source: 'village_collective', amount: 12000 },
    ]);
    expect(road.budgetTotal).toBe(93000);
    // Recomputed from the rows (a voided entry, when the column exists, is not counted).
    const [raw] = await sqlRows<{ money: number; days: number; land: number; value: number; households: number }>(
      `SELECT sum(amount) FILTER (WHERE kind = 'money')::float8 AS money, sum(labour_days)::float8 AS days, sum(area_m2)::float8 AS land,
              sum(value_yuan)::float8 AS value, count(DISTINCT household_id)::int AS households
       FROM cocreation_contributions c JOIN cocreation_projects p ON p.id = c.project_id
       WHERE p.title = '村口道路硬化' ${voidable ? 'AND c.voided_at IS NULL' : ''}`,
    );
    expect(road.received).toEqual({
      money: raw!.money,
      labourDays: raw!.days,
      landM2: raw!.land,
      materials: 1,
      valueYuan: raw!.value,
      households: raw!.households,
    });
    expect(road.received).toMatchObject({ money: 1000, labourDays: 6.5, landM2: 35.5, households: 3 });
    expect(road.contributors).toEqual({ money: ['杨某', '王某'], labour: ['杨某'], land: ['欧阳某'], materials: ['杨某'] });
    expect(road.milestones).toEqual([
      { title: '路基完成', progress: 50, reachedOn: '2026-09-15' },
      { title: '路面硬化完成', progress: 100, reachedOn: '2026-10-30' },
    ]);
    expect(road.evaluation.summary).toEqual({ count: 3, average: 4, distribution: [0, 0, 1, 1, 1] });
    expect(road.evaluation.comments.map((c) => c.comment).sort()).toEqual(['排水沟还要修', '路平了']);
    expect(d.projects.find((p) => p.title === '路灯亮化')).toMatchObject({ status: 'building', progress: 60, received: { money: 0, households: 0 } });
  });

  it('carries no personal data: no full names, ID numbers, ids, household amounts', async () => {
    const res = await disclosure(SHANGHUANG);
    for (const v of [...sh, ...cc]) {
      expect(res.body).not.toContain(v.name);
      expect(res.body).not.toContain(v.idNumber);
      expect(res.body).not.toContain(v.idNumber.slice(-6));
    }
    expect(res.body).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i);
    expect(res.body).not.toContain('杨代表人'); // a proxy's name
    expect(res.body).not.toContain('到会：'); // the minutes
    for (const amount of ['317', '683', '4.5', '999']) expect(res.body).not.toContain(amount);
    expect(res.body).not.toMatch(/1[3-9][0-9]{9}/); // a phone number
  });

  it('keeps each village to its own page, and refuses an unknown or non-village code', async () => {
    const d = (await disclosure(CHANGCHUN)).json() as Disclosure;
    expect(d.decisions.map((x) => x.resolutions[0]!.text)).toEqual(['长春村决议']);
    expect(d.projects.map((p) => p.title)).toEqual(['长春村项目']);
    expect(d.votes).toEqual([]);
    expect((await disclosure('522631999999')).statusCode).toBe(404);
    expect((await disclosure(ZHONGCHAO)).statusCode).toBe(404);
    expect((await disclosure('abc')).statusCode).toBe(400);
  });

  it('masks names as surname + 某, compound surnames too', () => {
    expect(surnameOnly('杨秀英')).toBe('杨某');
    expect(surnameOnly('欧阳娜娜')).toBe('欧阳某');
    expect(surnameOnly('欧阳')).toBe('欧某');
    expect(surnameOnly(' ')).toBe('村民');
  });

  it('is rate limited per address', async () => {
    const codes: number[] = [];
    for (let i = 0; i < RATE_LIMIT + 2; i++) codes.push((await disclosure(SHANGHUANG)).statusCode);
    expect(codes).toContain(429);
  });
});
