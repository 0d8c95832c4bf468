import { registerSecrets, secretsOf } from '../../platform/db/context.js';
import type { KyselyPlugin } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../../test/helpers/harness.js';
import { SYSTEM_ACTOR } from '../../platform/actor.js';
import { withContext } from '../../platform/db/context.js';
import { getOrgTree } from './org-service.js';
import type { PartyOrgNode } from './schema.js';
import { get, partyFixture, post, registerHousehold, type CreatedHousehold, type Party } from './test-fixtures.js';

let h: Harness;
let p: Party;
let county: string;
let township: string;
let village: string;
let village2: string;
const orgs: Record<string, string> = {};
let home: CreatedHousehold; // 吴国庆 (member), 吴小军 (member)
let neighbours: CreatedHousehold[];
let other: CreatedHousehold; // in village2

const c = (u: string) => p.cookies[u]!;

beforeAll(async () => {
  h = await createHarness();
  p = await partyFixture(h, ['county', 'township', 'village', 'village2', 'grid', 'dept', 'auditor']);
  county = p.me.county!.regionCode;
  township = p.me.township!.regionCode;
  village = p.me.village!.regionCode;
  village2 = p.me.village2!.regionCode;
  home = await registerHousehold(h, c('village'), village, '上黄村一组 1 号', ['吴国庆', '吴小军'], ['吴国庆', '吴小军']);
  neighbours = [];
  for (let i = 2; i <= 5; i++) neighbours.push(await registerHousehold(h, c('village'), village, `上黄村一组 ${i} 号`, [`杨${i}`]));
  other = await registerHousehold(h, c('village2'), village2, '邻村 8 号', ['石大山'], ['石大山']);
});
afterAll(() => h?.close());

const createOrg = (u: string, body: object) => post(h, '/api/v1/party/orgs', c(u), body);

describe('party organizations', () => {
  it('are set up down the chain, each kind under the kind above it and at its region level', async () => {
    const cc = await createOrg('county', { code: `${county}-00`, name: '中共黎平县委员会', kind: 'county_committee', regionCode: county });
    expect(cc.statusCode).toBe(201);
    orgs.county = cc.json().id;
    const tc = await createOrg('county', {
      code: `${township}-00`,
      name: '中共中潮镇委员会',
      kind: 'township_committee',
      parentId: orgs.county,
      regionCode: township,
    });
    expect(tc.statusCode).toBe(201);
    orgs.township = tc.json().id;
    for (const [key, code, u] of [
      ['branch', village, 'township'],
      ['branch2', village2, 'township'],
    ] as const) {
      const r = await createOrg(u, { code: `${code}-00`, name: `${key} 党支部`, kind: 'village_branch', parentId: orgs.township, regionCode: code });
      expect(r.statusCode, r.body).toBe(201);
      orgs[key] = r.json().id;
    }
    const group = await createOrg('village', {
      code: `${village}-01`,
      name: '一组党小组',
      kind: 'group_party_group',
      parentId: orgs.branch,
      regionCode: village,
    });
    expect(group.statusCode).toBe(201);
    orgs.group = group.json().id;
    expect(group.json()).toMatchObject({ parentId: orgs.branch, parentName: 'branch 党支部', regionCode: village, memberCount: 0 });
  });

  it('refuses a kind under the wrong parent, at the wrong level, or a duplicate code, naming the field', async () => {
    const wrongParent = await createOrg('county', { code: 'X-1', name: '错位支部', kind: 'village_branch', parentId: orgs.county, regionCode: village });
    expect(wrongParent.statusCode).toBe(400);
    expect(wrongParent.json().error.details.field).toBe('parentId');
    const wrongLevel = await createOrg('county', { code: 'X-2', name: '错级党委', kind: 'township_committee', parentId: orgs.county, regionCode: village });
    expect(wrongLevel.json().error).toMatchObject({ code: 'VALIDATION_FAILED', details: { field: 'regionCode' } });
    const outside = await createOrg('township', { code: 'X-3', name: '跨区党小组', kind: 'group_party_group', parentId: orgs.branch2, regionCode: village });
    expect(outside.json().error.details.field).toBe('regionCode');
    const dup = await createOrg('county', { code: `${village}-00`, name: '重复', kind: 'village_branch', parentId: orgs.township, regionCode: village });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.details.field).toBe('code');
    const badKind = await createOrg('county', { code: 'X-4', name: '未知', kind: 'cell', regionCode: county });
    expect(badKind.statusCode).toBe(400);
    expect(badKind.json().error.details.field).toBe('kind');
  });

  it('comes back as one nested tree, read in one query whatever its depth', async () => {
    const res = await get(h, '/api/v1/party/orgs', c('county'));
    expect(res.statusCode).toBe(200);
    const { roots, total } = res.json() as { roots: PartyOrgNode[]; total: number };
    expect(total).toBe(5);
    expect(roots.map((r) => r.id)).toEqual([orgs.county]);
    const town = roots[0]!.children[0]!;
    expect(town.id).toBe(orgs.township);
    expect(town.children.map((b) => b.id).sort()).toEqual([orgs.branch, orgs.branch2].sort());
    const branch = town.children.find((b) => b.id === orgs.branch)!;
    expect(branch.children.map((g) => [g.id, g.kind, g.children.length])).toEqual([[orgs.group, 'group_party_group', 0]]);

    // Count the statements the service sends: a four-level tree costs what an empty one does.
    const statements = async (regionCode: string) => {
      let n = 0;
      const counter: KyselyPlugin = {
        transformQuery: (args) => {
          n += 1;
          return args.node;
        },
        transformResult: async (args) => args.result,
      };
      const counted = h.deps.db.withPlugin(counter);
      registerSecrets(counted, secretsOf(h.deps.db));
      const tree = await getOrgTree({ ...h.deps, db: counted }, SYSTEM_ACTOR, { regionCode });
      return { n, total: tree.total };
    };
    const deep = await statements(county);
    const otherTown = await h.database.admin.query("SELECT code FROM regions WHERE level = 'township' AND code <> $1 ORDER BY code LIMIT 1", [township]);
    const empty = await statements(String(otherTown.rows[0]!.code));
    expect(deep.total).toBe(5);
    expect(empty.total).toBe(0);
    expect(deep.n).toBe(empty.n);
  });

  it('a village cadre sees only their own village branch as the root', async () => {
    const res = await get(h, '/api/v1/party/orgs', c('village'));
    const roots = res.json().roots as PartyOrgNode[];
    expect(roots.map((r) => r.id)).toEqual([orgs.branch]);
    expect(roots[0]!.children.map((g) => g.id)).toEqual([orgs.group]);
    expect((await get(h, `/api/v1/party/orgs?regionCode=${village2}`, c('village'))).statusCode).toBe(404);
  });
});

describe('members', () => {
  let memberId: string;
  let member2Id: string;

  it('enrols residents of the village, with status, joined date and the central-household flag', async () => {
    const res = await post(h, `/api/v1/party/orgs/${orgs.branch}/members`, c('village'), {
      residentId: home.residents[0]!.id,
      status: 'formal',
      joinedOn: '1998-07-01',
      centralHousehold: true,
    });
    expect(res.statusCode, res.body).toBe(201);
    memberId = res.json().id;
    expect(res.json()).toMatchObject({
      name: '吴国庆',
      orgId: orgs.branch,
      status: 'formal',
      centralHousehold: true,
      villageCode: village,
      householdId: home.id,
    });
    const second = await post(h, `/api/v1/party/orgs/${orgs.group}/members`, c('village'), {
      residentId: home.residents[1]!.id,
      status: 'probationary',
      joinedOn: '2026-07-01',
    });
    expect(second.statusCode).toBe(201);
    member2Id = second.json().id;
    const list = await get(h, `/api/v1/party/orgs/${orgs.branch}/members?includeSubOrgs=true`, c('village'));
    expect(list.json().total).toBe(2);
    expect(list.json().items.map((m: { name: string }) => m.name)).toEqual(['吴国庆', '吴小军']);
    const own = await get(h, `/api/v1/party/orgs/${orgs.branch}/members`, c('village'));
    expect(own.json().total).toBe(1);
    const detail = await get(h, `/api/v1/party/orgs/${orgs.branch}`, c('village'));
    expect(detail.json()).toMatchObject({ memberCount: 1, totalMemberCount: 2, probationaryCount: 1, centralHouseholdCount: 1, childCount: 1 });
    expect(JSON.stringify(list.json())).not.toMatch(/[0-9]{17}[0-9X]/);
  });

  it('refuses bad input naming the field: future date, under 18, twice, outside the village', async () => {
    const add = (u: string, org: string, body: object) => post(h, `/api/v1/party/orgs/${org}/members`, c(u), body);
    const r = neighbours[0]!.residents[0]!.id;
    expect((await add('village', orgs.branch!, { residentId: r, status: 'formal', joinedOn: '2027-01-01' })).json().error.details.field).toBe('joinedOn');
    expect((await add('village', orgs.branch!, { residentId: r, status: 'formal', joinedOn: '1985-01-01' })).json().error).toMatchObject({
      details: { field: 'joinedOn', reason: '入党时须年满 18 周岁' },
    });
    expect((await add('village', orgs.branch!, { residentId: r, status: 'member', joinedOn: '2000-01-01' })).json().error.details.field).toBe('status');
    expect((await add('village', orgs.branch!, { residentId: 'nope', status: 'formal', joinedOn: '2000-01-01' })).json().error.details.field).toBe(
      'residentId',
    );
    const twice = await add('village', orgs.branch!, { residentId: home.residents[0]!.id, status: 'formal', joinedOn: '2000-01-01' });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.details.field).toBe('residentId');
    const elsewhere = await add('township', orgs.branch!, { residentId: other.residents[0]!.id, status: 'formal', joinedOn: '2000-01-01' });
    expect(elsewhere.statusCode).toBe(400);
    expect(elsewhere.json().error.details).toMatchObject({ field: 'residentId', reason: '该居民不在本党组织所联系的区划内' });
  });

  it("another village's cadre gets 404 for the org and its members; a grid worker may read but not enrol", async () => {
    expect((await get(h, `/api/v1/party/orgs/${orgs.branch}`, c('village2'))).statusCode).toBe(404);
    expect((await get(h, `/api/v1/party/orgs/${orgs.branch}/members`, c('village2'))).statusCode).toBe(404);
    expect((await get(h, `/api/v1/party/members/${memberId}`, c('village2'))).statusCode).toBe(404);
    const enrol = await post(h, `/api/v1/party/orgs/${orgs.branch}/members`, c('village2'), {
      residentId: neighbours[1]!.residents[0]!.id,
      status: 'formal',
      joinedOn: '2000-01-01',
    });
    expect(enrol.statusCode).toBe(404);
    expect((await get(h, `/api/v1/party/orgs/${orgs.branch}/members`, c('grid'))).statusCode).toBe(200);
    const byGrid = await post(h, `/api/v1/party/orgs/${orgs.branch}/members`, c('grid'), {
      residentId: neighbours[1]!.residents[0]!.id,
      status: 'formal',
      joinedOn: '2000-01-01',
    });
    expect(byGrid.statusCode).toBe(403);
    expect((await get(h, '/api/v1/party/orgs', c('dept'))).statusCode).toBe(403);
    expect((await get(h, '/api/v1/party/orgs', c('auditor'))).statusCode).toBe(403);
  });

  it('with the service bypassed, row-level security hides the rows and refuses the write', async () => {
    const ctx = { userId: p.me.village2!.id, role: 'village_cadre', scopePath: await pathOf(village2) };
    const seen = await withContext(h.deps.db, ctx, async (tx) => ({
      orgs: await tx.selectFrom('party_orgs').select('id').execute(),
      members: await tx.selectFrom('party_members').select('id').execute(),
    }));
    expect(seen.orgs.map((o) => o.id)).toEqual([orgs.branch2]);
    expect(seen.members).toEqual([]);
    const upd = await withContext(h.deps.db, ctx, (tx) =>
      tx.updateTable('party_members').set({ status: 'formal' }).where('id', '=', member2Id).executeTakeFirst(),
    );
    expect(Number(upd.numUpdatedRows)).toBe(0);
    const villagePath = await pathOf(village);
    await expect(
      withContext(h.deps.db, ctx, (tx) =>
        tx
          .insertInto('party_orgs')
          .values({
            id: crypto.randomUUID(),
            code: 'RLS-1',
            name: '越权党小组',
            kind: 'group_party_group',
            parent_id: orgs.branch!,
            region_code: village,
            path: villagePath,
            created_at: new Date(),
            updated_at: new Date(),
          })
          .execute(),
      ),
    ).rejects.toMatchObject({ code: '42501' });
  });

  it('every write is audited with what was written', async () => {
    const res = await get(h, '/api/v1/audit?action=party_member.create', c('auditor'));
    const items = res.json().items as { actorName: string; targetId: string; after: { name: string } }[];
    expect(items.map((i) => i.after.name).sort()).toEqual(['吴国庆', '吴小军']);
    expect(items.every((i) => i.actorName === 'village')).toBe(true);
    const orgsAudit = await get(h, '/api/v1/audit?action=party_org.create', c('auditor'));
    expect(orgsAudit.json().total).toBe(5);
    expect(items.find((i) => i.targetId === memberId)).toBeDefined();
  });
});

async function pathOf(code: string): Promise<string> {
  const r = await h.database.admin.query('SELECT path::text AS path FROM regions WHERE code = $1', [code]);
  return String(r.rows[0]!.path);
}
