import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../../test/helpers/harness.js';
import { planVillage, type PlanHousehold, type PlanMember } from './demo-plan.js';
import { seedDemoParty, type DemoPartySummary } from './demo.js';
import { get, partyFixture, registerHousehold, type Party } from './test-fixtures.js';

let h: Harness;
let p: Party;
let summary: DemoPartySummary;
const count = async (q: string, params: unknown[] = []) => Number((await h.database.admin.query(q, params)).rows[0]!.n);

beforeAll(async () => {
  h = await createHarness();
  p = await partyFixture(h, ['village', 'village2', 'county', 'auditor']);
  const village = p.me.village!.regionCode;
  const village2 = p.me.village2!.regionCode;
  for (let i = 1; i <= 14; i++) {
    const names = [`吴${i}`, `杨${i}`];
    await registerHousehold(h, p.cookies.village!, village, `上黄村${(i % 3) + 1}组${i}号`, names, i % 2 === 0 ? [`吴${i}`] : i % 5 === 0 ? names : []);
  }
  for (let i = 1; i <= 5; i++) await registerHousehold(h, p.cookies.village2!, village2, `长春村1组${i}号`, [`石${i}`], i <= 2 ? [`石${i}`] : []);
  summary = await seedDemoParty(h.deps, '522631', 7);
});
afterAll(() => h?.close());

describe('seedDemoParty', () => {
  it('builds the tree: one county committee, a committee per township, one organization per village', async () => {
    const villages = await count(`SELECT count(*) AS n FROM regions WHERE level = 'village'`);
    const townships = await count(`SELECT count(*) AS n FROM regions WHERE level = 'township'`);
    expect(await count(`SELECT count(*) AS n FROM party_orgs WHERE kind = 'county_committee'`)).toBe(1);
    expect(await count(`SELECT count(*) AS n FROM party_orgs WHERE kind = 'township_committee'`)).toBe(townships);
    const perVillage = await h.database.admin.query(
      `SELECT region_code, count(*)::int AS n FROM party_orgs WHERE kind IN ('community_committee','village_branch','general_branch') GROUP BY region_code`,
    );
    expect(perVillage.rows.length).toBe(villages);
    expect(perVillage.rows.every((r) => r.n === 1)).toBe(true);
    expect(summary.villages).toBe(villages);
    const tree = (await get(h, '/api/v1/party/orgs', p.cookies.county!)).json();
    expect(tree.roots).toHaveLength(1);
    expect(tree.total).toBe(summary.orgs);
    expect(tree.roots[0].children).toHaveLength(townships);
  });

  it("enrols every resident tagged 党员 in their own village's organization", async () => {
    const tagged = await count(`SELECT count(*) AS n FROM residents WHERE 'party_member' = ANY(tags) AND status = 'active'`);
    expect(tagged).toBe(11);
    expect(summary.tagged).toBe(tagged);
    expect(summary.members).toBe(tagged);
    expect(await count(`SELECT count(*) AS n FROM party_members`)).toBe(tagged);
    const misplaced = await count(
      `SELECT count(*) AS n FROM party_members m JOIN residents r ON r.id = m.resident_id JOIN households h ON h.id = r.household_id
         JOIN party_orgs o ON o.id = m.org_id WHERE o.region_code <> h.village_code OR o.kind NOT IN ('community_committee','village_branch','general_branch')`,
    );
    expect(misplaced).toBe(0);
    expect(
      await count(
        `SELECT count(*) AS n FROM party_members WHERE joined_on > '2026-11-23' OR joined_on < (SELECT birth_date FROM residents r WHERE r.id = resident_id) + interval '18 years'`,
      ),
    ).toBe(0);
  });

  it('links central households to households of their own village, at most one link of each kind per household', async () => {
    const central = await count(`SELECT count(*) AS n FROM party_members WHERE central_household`);
    expect(central).toBe(summary.centralHouseholds);
    expect(await count(`SELECT count(*) AS n FROM party_liaisons`)).toBe(summary.liaisons);
    expect(
      await count(
        `SELECT count(*) AS n FROM party_liaisons l JOIN party_members m ON m.id = l.member_id JOIN residents r ON r.id = m.resident_id
           JOIN households a ON a.id = r.household_id JOIN households b ON b.id = l.household_id WHERE a.village_code <> b.village_code OR NOT m.central_household`,
      ),
    ).toBe(0);
    expect(await count(`SELECT count(*) AS n FROM (SELECT household_id, kind FROM party_liaisons GROUP BY 1, 2 HAVING count(*) > 1) d`)).toBe(0);
  });

  it('adds stewardship down the chain and visits within the last 90 days, everything synthetic and audited', async () => {
    const levels = await h.database.admin.query(`SELECT level, count(*)::int AS n FROM stewardships GROUP BY level ORDER BY level`);
    const byLevel = Object.fromEntries(levels.rows.map((r) => [r.level, r.n]));
    expect(byLevel.township).toBe(await count(`SELECT count(*) AS n FROM regions WHERE level = 'township'`));
    expect(byLevel.village).toBe(summary.villages);
    expect(await count(`SELECT count(*) AS n FROM visits WHERE visited_on > '2026-11-23'`)).toBe(0);
    expect(await count(`SELECT count(*) AS n FROM visits`)).toBe(summary.visits);
    for (const table of ['party_orgs', 'party_members', 'party_liaisons', 'embedded_members', 'stewardships', 'visits']) {
      expect(await count(`SELECT count(*) AS n FROM ${table} WHERE NOT synthetic`), table).toBe(0);
    }
    const audit = (await get(h, '/api/v1/audit?action=party.bulk_seed&pageSize=100', p.cookies.auditor!)).json();
    expect(audit.total).toBe(1 + (await count(`SELECT count(*) AS n FROM regions WHERE level = 'township'`)));
    expect(audit.items[0].details).toMatchObject({ synthetic: true, source: 'demo seed=7' });
  });

  it('refuses to run twice on the same county', async () => {
    await expect(seedDemoParty(h.deps, '522631', 7)).rejects.toMatchObject({ code: 'CONFLICT' });
  });
});

describe('demo planning', () => {
  const village = { code: '522631102200', name: '上黄村村民委员会', kind: 'rural', path: '522631.522631102000.522631102200' };
  const households: PlanHousehold[] = Array.from({ length: 300 }, (_, i) => ({
    id: `0190${String(i).padStart(4, '0')}-0000-7000-8000-000000000000`,
    address: `上黄村${(i % 7) + 1}组${Math.floor(i / 7) + 1}号`,
    path: village.path,
    key: i % 9 === 0,
  }));
  const members: PlanMember[] = households
    .filter((_, i) => i % 4 === 0)
    .map((hh, i) => ({ residentId: `m${i}`, name: `吴${i}`, birthDate: `19${50 + (i % 40)}-03-01`, householdId: hh.id, path: hh.path }));

  it('is deterministic for a seed and differs for another', () => {
    const a = planVillage(village, '522631102000', households, members, 3, '2026-11-23');
    expect(planVillage(village, '522631102000', [...households].reverse(), members, 3, '2026-11-23')).toEqual(a);
    expect(planVillage(village, '522631102000', households, members, 4, '2026-11-23')).not.toEqual(a);
  });

  it('visits 60–80% of households in the last 90 days and gives a 党员中心户 about ten neighbours', () => {
    const plan = planVillage(village, '522631102000', households, members, 3, '2026-11-23');
    const recent = new Set(plan.visits.filter((v) => v.householdId && v.visitedOn >= '2026-08-26').map((v) => v.householdId));
    expect(recent.size / households.length).toBeGreaterThan(0.55);
    expect(recent.size / households.length).toBeLessThan(0.85);
    const central = plan.members.filter((m) => m.centralHousehold);
    expect(central.length).toBeGreaterThan(0);
    expect(plan.liaisons.length / central.length).toBeGreaterThanOrEqual(8);
    expect(plan.liaisons.length / central.length).toBeLessThanOrEqual(12);
    expect(plan.orgs[0]).toMatchObject({ kind: 'general_branch', name: '上黄村党总支', parentCode: '522631102000-00' });
    expect(plan.orgs.filter((o) => o.kind === 'group_party_group').length).toBeGreaterThan(0);
  });
});
