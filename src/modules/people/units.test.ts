import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../../test/helpers/harness.js';
import { composeIdNumber } from './id-number.js';

// Below villages: groups (村民小组 / 小区 / 自治单元) and buildings (楼栋 / 院落), households placed
// in them, and the per-village tallies the region tree shows, recomputed here from raw rows.

const SHANGHUANG = '522631102200'; // 上黄村, the `village` account's village
const CHANGCHUN = '522631102201'; // 长春村, `village2`

let h: Harness;
const cookies: Record<string, string> = {};
let seq = 0;

beforeAll(async () => {
  h = await createHarness();
  for (const u of ['county', 'township', 'village', 'village2']) cookies[u] = await h.login(u);
});
afterAll(() => h?.close());

const call = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, who: string, payload?: object) =>
  h.app.inject({ method, url, headers: { cookie: cookies[who]! }, ...(payload ? { payload } : {}) });

const square = (lng: number, lat: number, d = 0.002) => ({
  type: 'Polygon',
  coordinates: [
    [
      [lng, lat],
      [lng + d, lat],
      [lng + d, lat + d],
      [lng, lat + d],
      [lng, lat],
    ],
  ],
});

function member(name: string, relation: string, extra: object = {}) {
  seq += 1;
  return { name, relation, idNumber: composeIdNumber('522631', '19800101', 300 + seq), ...extra };
}

/** What the tallies should say for a village, counted from the rows themselves. */
async function recount(village: string) {
  const q = (sql: string) => h.database.admin.query(sql, [village]).then((r) => Number(r.rows[0]!.n));
  return {
    households: await q(`SELECT count(*) n FROM households WHERE village_code = $1 AND status = 'active'`),
    residents: await q(`SELECT count(*) n FROM residents WHERE ltree2text(subpath(path, 2, 1)) = $1 AND status = 'active'`),
    party_members: await q(`SELECT count(*) n FROM party_members WHERE ltree2text(subpath(path, 2, 1)) = $1 AND ended_on IS NULL`),
  };
}
async function tally(village: string) {
  const r = await h.database.admin.query('SELECT households, residents, party_members FROM region_tallies WHERE village_code = $1', [village]);
  return r.rows[0] ?? { households: 0, residents: 0, party_members: 0 };
}

let group1: string;
let compound: string;
let gridA: string;
let gridB: string;
let buildingId: string;
let householdId: string;

describe('groups below a village', () => {
  it('a village cadre adds groups numbered after the village code; the tree lists them with counts', async () => {
    const g = await call('POST', `/api/v1/regions/${SHANGHUANG}/groups`, 'village', { name: '一组', kind: 'villager_group' });
    expect(g.statusCode).toBe(201);
    group1 = g.json().code;
    expect(group1).toMatch(new RegExp(`^${SHANGHUANG}\\d{3}$`));
    expect(g.json()).toMatchObject({
      level: 'group',
      kind: 'villager_group',
      parentCode: SHANGHUANG,
      counts: { households: 0, residents: 0, partyMembers: null },
    });
    const c = await call('POST', `/api/v1/regions/${SHANGHUANG}/groups`, 'village', { name: '上黄新村小区', kind: 'compound' });
    compound = c.json().code;
    expect(Number(compound.slice(-3))).toBe(Number(group1.slice(-3)) + 1);
    const children = (await call('GET', `/api/v1/regions/${SHANGHUANG}/children`, 'township')).json();
    expect(children.map((r: { name: string }) => r.name)).toEqual(expect.arrayContaining(['一组', '上黄新村小区']));
    const audit = await h.database.admin.query(`SELECT count(*)::int n FROM audit_log WHERE action = 'region.group_create'`);
    expect(Number(audit.rows[0]!.n)).toBe(2);
  });

  it('a 两委 member is assigned to steward a group (包保)', async () => {
    const s = await call('POST', '/api/v1/stewardships', 'village', {
      leaderName: '杨支书',
      leaderTitle: '村支书',
      targetRegionCode: group1,
      startedOn: '2026-11-01',
    });
    expect(s.statusCode).toBe(201);
    expect(s.json()).toMatchObject({ level: 'group' });
    const list = (await call('GET', `/api/v1/stewardships?regionCode=${SHANGHUANG}&level=group`, 'village')).json();
    expect(list.items.map((x: { id: string }) => x.id)).toContain(s.json().id);
  });

  it('an address naming a group (湾) is located to its village', async () => {
    const wan = await call('POST', `/api/v1/regions/${SHANGHUANG}/groups`, 'village', { name: '枫木湾', kind: 'villager_group' });
    expect(wan.statusCode).toBe(201);
    const found = (await call('GET', `/api/v1/locate?address=${encodeURIComponent('枫木湾5号屋后塌方')}`, 'township')).json();
    expect(found.village?.code).toBe(SHANGHUANG);
    expect((await call('DELETE', `/api/v1/regions/${wan.json().code}`, 'village')).statusCode).toBe(204);
  });

  it('grids and groups share the numbering: a new grid takes the next number, a taken code is refused', async () => {
    const a = await call('POST', '/api/v1/grids', 'village', { villageCode: SHANGHUANG, name: '上黄一网格', boundary: square(109.1, 26.1) });
    expect(a.statusCode).toBe(201);
    gridA = a.json().grid.code;
    expect(Number(gridA.slice(-3))).toBe(Number(compound.slice(-3)) + 1);
    gridB = (await call('POST', '/api/v1/grids', 'village', { villageCode: SHANGHUANG, name: '上黄二网格', boundary: square(109.11, 26.1) })).json().grid.code;
    const taken = await call('POST', `/api/v1/regions/${SHANGHUANG}/groups`, 'village', { name: '二组', kind: 'villager_group', code: gridA });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error.details.field).toBe('code');
    const gridOnGroup = await call('POST', '/api/v1/grids', 'village', { villageCode: SHANGHUANG, name: 'x', code: group1, boundary: square(109.12, 26.1) });
    expect(gridOnGroup.statusCode).toBe(409);
  });

  it('renames a group and changes its kind; a village keeps its official name; scope holds', async () => {
    const r = await call('PUT', `/api/v1/regions/${group1}`, 'village', { name: '上黄一组', kind: 'self_governance_unit' });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ name: '上黄一组', kind: 'self_governance_unit' });
    const village = await call('PUT', `/api/v1/regions/${SHANGHUANG}`, 'township', { name: '改名村' });
    expect(village.statusCode).toBe(409);
    expect((await call('POST', `/api/v1/regions/${SHANGHUANG}/groups`, 'village2', { name: '越界', kind: 'villager_group' })).statusCode).toBe(404);
    expect((await call('PUT', `/api/v1/regions/${group1}`, 'village2', { name: '越界' })).statusCode).toBe(404);
    const bad = await call('POST', `/api/v1/regions/${SHANGHUANG}/groups`, 'village', { name: '三组', kind: 'street' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.field).toBe('kind');
    // An account cannot be scoped to a group: accounts stand at county, township or village.
    const adminCookie = await h.login('sysadmin');
    const user = await h.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: { cookie: adminCookie },
      payload: { username: 'zuzhang', displayName: '组长', role: 'village_cadre', regionCode: group1 },
    });
    expect(user.statusCode).toBe(400);
    expect(user.json().error.details.field).toBe('regionCode');
  });
});

describe('buildings and where a household stands', () => {
  it('records a building in a group and grid; a second with the same name is refused', async () => {
    const b = await call('POST', '/api/v1/buildings', 'village', {
      villageCode: SHANGHUANG,
      name: '3 栋',
      kind: 'building',
      groupCode: compound,
      gridCode: gridA,
      floors: 6,
      units: 2,
    });
    expect(b.statusCode).toBe(201);
    buildingId = b.json().id;
    expect(b.json()).toMatchObject({ groupName: '上黄新村小区', gridCode: gridA, householdCount: 0 });
    const dup = await call('POST', '/api/v1/buildings', 'village', { villageCode: SHANGHUANG, name: '3 栋', kind: 'building' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.details.field).toBe('name');
    const foreignGroup = await call('POST', '/api/v1/buildings', 'village2', { villageCode: CHANGCHUN, name: '1 栋', kind: 'building', groupCode: group1 });
    expect(foreignGroup.statusCode).toBe(400);
    expect(foreignGroup.json().error.details.field).toBe('groupCode');
  });

  it('a household in the building takes its group and grid; lists filter by group and building', async () => {
    const res = await call('POST', '/api/v1/households', 'village', {
      villageCode: SHANGHUANG,
      address: '上黄新村小区 3 栋 2 单元 301',
      buildingId,
      members: [member('龙光明', 'head', { tags: ['party_member'] }), member('杨兰', 'spouse')],
    });
    expect(res.statusCode).toBe(201);
    householdId = res.json().id;
    expect(res.json()).toMatchObject({ gridCode: gridA, groupCode: compound, groupName: '上黄新村小区', buildingId, buildingName: '3 栋' });
    const byGroup = (await call('GET', `/api/v1/households?regionCode=${compound}`, 'village')).json();
    expect(byGroup.items.map((x: { id: string }) => x.id)).toEqual([householdId]);
    const byBuilding = (await call('GET', `/api/v1/households?buildingId=${buildingId}`, 'village')).json();
    expect(byBuilding.total).toBe(1);
    const wrong = await call('PUT', `/api/v1/households/${householdId}`, 'village', { groupCode: group1 });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.details.field).toBe('groupCode');
    const unchanged = (await call('GET', `/api/v1/households/${householdId}`, 'village')).json();
    expect(unchanged.groupCode).toBe(compound);
    const groups = (await call('GET', `/api/v1/regions/${SHANGHUANG}/children`, 'village')).json();
    expect(groups.find((g: { code: string }) => g.code === compound).counts).toMatchObject({ households: 1, residents: 2 });
  });

  it('moving the building to another grid moves its households, their members and their party rows', async () => {
    const members = (await call('GET', `/api/v1/households/${householdId}`, 'village')).json().members;
    const head = members.find((m: { relation: string }) => m.relation === 'head');
    const org = async (body: object) => (await call('POST', '/api/v1/party/orgs', 'county', body)).json().id as string;
    const cc = await org({ code: 'U-00', name: '中共黎平县委员会', kind: 'county_committee', regionCode: '522631000000' });
    const tc = await org({ code: 'U-01', name: '中共中潮镇委员会', kind: 'township_committee', parentId: cc, regionCode: '522631102000' });
    const orgId = await org({ code: 'U-02', name: '上黄村党支部', kind: 'village_branch', parentId: tc, regionCode: SHANGHUANG });
    const added = await call('POST', `/api/v1/party/orgs/${orgId}/members`, 'village', { residentId: head.id, status: 'formal', joinedOn: '2001-07-01' });
    expect(added.statusCode).toBe(201);
    const moved = await call('PUT', `/api/v1/buildings/${buildingId}`, 'village', { gridCode: gridB });
    expect(moved.statusCode).toBe(200);
    const after = (await call('GET', `/api/v1/households/${householdId}`, 'village')).json();
    expect(after.gridCode).toBe(gridB);
    expect(after.members.every((m: { gridCode: string }) => m.gridCode === gridB)).toBe(true);
    const pm = await h.database.admin.query('SELECT path::text FROM party_members WHERE resident_id = $1', [head.id]);
    expect(String(pm.rows[0]!.path).endsWith(`.${gridB}`)).toBe(true);
  });

  it('a group or building with households is not deleted; an empty one is', async () => {
    const g = await call('DELETE', `/api/v1/regions/${compound}`, 'village');
    expect(g.statusCode).toBe(409);
    expect(g.json().error.message).toMatch(/户|楼栋/);
    const b = await call('DELETE', `/api/v1/buildings/${buildingId}`, 'village');
    expect(b.statusCode).toBe(409);
    expect((await call('PUT', `/api/v1/households/${householdId}`, 'village', { buildingId: null, groupCode: group1 })).statusCode).toBe(200);
    expect((await call('DELETE', `/api/v1/buildings/${buildingId}`, 'village')).statusCode).toBe(204);
    expect((await call('DELETE', `/api/v1/regions/${compound}`, 'village')).statusCode).toBe(204);
    expect((await call('GET', `/api/v1/regions/${compound}`, 'village')).statusCode).toBe(404);
    const audit = await h.database.admin.query(
      `SELECT action FROM audit_log WHERE action IN ('building.delete','region.group_delete','household.update') ORDER BY id`,
    );
    expect(audit.rows.map((r) => r.action)).toEqual(expect.arrayContaining(['building.delete', 'region.group_delete', 'household.update']));
  });
});

describe('region tallies', () => {
  it('after births, deaths, moves and memberships the tallies equal counts from the raw rows, and the tree shows them', async () => {
    const other = await call('POST', '/api/v1/households', 'village', {
      villageCode: SHANGHUANG,
      address: '上黄村一组 8 号',
      groupCode: group1,
      members: [member('吴老三', 'head'), member('吴小妹', 'child')],
    });
    const otherId = other.json().id;
    const kid = other.json().members.find((m: { relation: string }) => m.relation === 'child');
    await call('POST', `/api/v1/households/${otherId}/members`, 'village', {
      member: { ...member('吴新生', 'grandchild'), idNumber: undefined, birthDate: '2026-10-01', sex: 'male' },
      kind: 'born',
      occurredOn: '2026-10-01',
    });
    const old = other.json().members.find((m: { relation: string }) => m.relation === 'head');
    expect((await call('POST', `/api/v1/residents/${old.id}/events`, 'village', { kind: 'died', occurredOn: '2026-11-01' })).json().status).toBe('deceased');
    expect(
      (
        await call('POST', `/api/v1/residents/${kid.id}/events`, 'village', {
          kind: 'moved',
          occurredOn: '2026-11-02',
          toHouseholdId: householdId,
          relation: 'other',
        })
      ).json().householdId,
    ).toBe(householdId);
    for (const v of [SHANGHUANG, CHANGCHUN]) expect(await tally(v)).toEqual(await recount(v));
    const all = await h.database.admin.query(`
      SELECT count(*)::int n FROM regions r LEFT JOIN region_tallies t ON t.village_code = r.code
       WHERE r.level = 'village' AND coalesce(t.households, 0) <> (SELECT count(*) FROM households h WHERE h.village_code = r.code AND h.status = 'active')`);
    expect(Number(all.rows[0]!.n)).toBe(0);
    const expected = await recount(SHANGHUANG);
    const villages = (await call('GET', '/api/v1/regions/522631102000/children', 'township')).json();
    const sh = villages.find((v: { code: string }) => v.code === SHANGHUANG);
    expect(sh.counts).toMatchObject({ households: expected.households, residents: expected.residents, partyMembers: expected.party_members, grids: 2 });
    // Unfiltered list totals come from the tallies; a group's lists filter through households.
    expect((await call('GET', `/api/v1/households?regionCode=${SHANGHUANG}`, 'township')).json().total).toBe(expected.households);
    expect((await call('GET', `/api/v1/residents?regionCode=${SHANGHUANG}`, 'township')).json().total).toBe(expected.residents);
    const inGroup = await h.database.admin.query(
      `SELECT count(*)::int n FROM residents r JOIN households h ON h.id = r.household_id WHERE h.group_code = $1 AND r.status = 'active'`,
      [group1],
    );
    const groupResidents = (await call('GET', `/api/v1/residents?regionCode=${group1}`, 'village')).json();
    expect(groupResidents.total).toBe(Number(inGroup.rows[0]!.n));
    expect(groupResidents.total).toBeGreaterThan(0);
    const township = (await call('GET', '/api/v1/regions/522631102000', 'township')).json();
    expect(township.counts.households).toBe(villages.reduce((n: number, v: { counts: { households: number } }) => n + v.counts.households, 0));
  });

  it('a village cadre sees only their own village in an ancestor’s counts', async () => {
    const mine = (await call('GET', `/api/v1/regions/${SHANGHUANG}`, 'village')).json().counts;
    const township = (await call('GET', '/api/v1/regions/522631102000', 'village')).json().counts;
    expect(township.households).toBe(mine.households);
  });
});
