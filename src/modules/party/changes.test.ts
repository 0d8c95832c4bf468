import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../../test/helpers/harness.js';
import { get, partyFixture, post, registerHousehold, type Party } from './test-fixtures.js';

// Organizations renamed, moved and dissolved; memberships promoted, transferred and ended; party
// rows following a member who moves house.

let h: Harness;
let p: Party;
const orgs: Record<string, string> = {};
let village: string;
let village2: string;
const c = (u: string) => p.cookies[u]!;
const put = (url: string, u: string, payload: object) => h.app.inject({ method: 'PUT', url, headers: { cookie: c(u) }, payload });
const createOrg = (u: string, body: object) => post(h, '/api/v1/party/orgs', c(u), body);

beforeAll(async () => {
  h = await createHarness();
  p = await partyFixture(h, ['county', 'township', 'village', 'village2']);
  village = p.me.village!.regionCode;
  village2 = p.me.village2!.regionCode;
  const id = async (u: string, body: object) => {
    const r = await createOrg(u, body);
    if (r.statusCode !== 201) throw new Error(r.body);
    return r.json().id as string;
  };
  orgs.county = await id('county', { code: 'C-00', name: '中共黎平县委员会', kind: 'county_committee', regionCode: '522631000000' });
  orgs.township = await id('county', { code: 'T-00', name: '中共中潮镇委员会', kind: 'township_committee', parentId: orgs.county, regionCode: '522631102000' });
  orgs.branch = await id('township', { code: 'V-00', name: '上黄村党支部', kind: 'village_branch', parentId: orgs.township, regionCode: village });
  orgs.branch2 = await id('township', { code: 'V-01', name: '长春村党支部', kind: 'village_branch', parentId: orgs.township, regionCode: village2 });
  orgs.group = await id('village', { code: 'G-00', name: '第一党小组', kind: 'group_party_group', parentId: orgs.branch, regionCode: village });
});
afterAll(() => h?.close());

describe('changing party organizations', () => {
  it('renames an organization; a move must keep the kind rules and may not go under itself', async () => {
    const renamed = await put(`/api/v1/party/orgs/${orgs.group}`, 'village', { name: '上黄一组党小组' });
    expect(renamed.statusCode).toBe(200);
    expect(renamed.json()).toMatchObject({ name: '上黄一组党小组', parentId: orgs.branch });
    const wrongKind = await put(`/api/v1/party/orgs/${orgs.group}`, 'township', { parentId: orgs.township });
    expect(wrongKind.statusCode).toBe(400);
    expect(wrongKind.json().error.details.field).toBe('parentId');
    const underItself = await put(`/api/v1/party/orgs/${orgs.branch}`, 'township', { parentId: orgs.group });
    expect(underItself.statusCode).toBe(400);
    const foreign = await put(`/api/v1/party/orgs/${orgs.group}`, 'township', { parentId: orgs.branch2 });
    expect(foreign.json().error.details.field).toBe('parentId'); // 长春村's branch does not hold 上黄村
    expect((await put(`/api/v1/party/orgs/${orgs.group}`, 'village2', { name: '越界' })).statusCode).toBe(404);
    const audit = await h.database.admin.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'party_org.update'`);
    expect(Number(audit.rows[0]!.n)).toBe(1);
  });
});

describe('memberships', () => {
  let memberId: string;
  let residentId: string;
  let houses: string[];

  it('promotes a probationary member, marks a central household, and refuses going back', async () => {
    const home = await registerHousehold(h, c('village'), village, '上黄村一组 1 号', ['陆正德', '陆小红']);
    residentId = home.residents[0]!.id;
    const added = await post(h, `/api/v1/party/orgs/${orgs.group}/members`, c('village'), { residentId, status: 'probationary', joinedOn: '2025-07-01' });
    expect(added.statusCode).toBe(201);
    memberId = added.json().id;
    const promoted = await put(`/api/v1/party/members/${memberId}`, 'village', { status: 'formal', centralHousehold: true });
    expect(promoted.json()).toMatchObject({ status: 'formal', centralHousehold: true, endedOn: null });
    const back = await put(`/api/v1/party/members/${memberId}`, 'village', { status: 'probationary' });
    expect(back.json().error.details.field).toBe('status');
    const away = await put(`/api/v1/party/members/${memberId}`, 'township', { orgId: orgs.branch2 });
    expect(away.json().error.details.field).toBe('orgId'); // does not live in 长春村
    const moved = await put(`/api/v1/party/members/${memberId}`, 'village', { orgId: orgs.branch });
    expect(moved.json()).toMatchObject({ orgId: orgs.branch, orgName: '上黄村党支部' });
  });

  it('ending a membership keeps it on record, ends its liaison links, and lets the person enrol again', async () => {
    houses = [];
    for (const n of ['2', '3']) houses.push((await registerHousehold(h, c('village'), village, `上黄村一组 ${n} 号`, [`住户${n}`])).id);
    const links = await post(h, '/api/v1/party/liaisons', c('village'), { kind: 'party_liaison', memberId, householdIds: houses });
    expect(links.statusCode).toBe(201);
    const bad = await post(h, `/api/v1/party/members/${memberId}/end`, c('village'), { reason: 'moved' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.field).toBe('reason');
    const ended = await post(h, `/api/v1/party/members/${memberId}/end`, c('village'), { reason: 'transferred_out', note: '转往凯里市' });
    expect(ended.statusCode).toBe(200);
    expect(ended.json()).toMatchObject({ endReason: 'transferred_out', endedOn: '2026-11-23', centralHousehold: false, liaisonCount: 0 });
    const open = await get(h, `/api/v1/party/liaisons?memberId=${memberId}&includeEnded=true`, c('village'));
    expect(open.json().items.map((l: { endedOn: string | null }) => l.endedOn)).toEqual(['2026-11-23', '2026-11-23']);
    const list = (await get(h, `/api/v1/party/orgs/${orgs.branch}/members`, c('village'))).json();
    expect(list.items.map((m: { id: string }) => m.id)).not.toContain(memberId);
    const withEnded = (await get(h, `/api/v1/party/orgs/${orgs.branch}/members?includeEnded=true`, c('village'))).json();
    expect(withEnded.items.map((m: { id: string }) => m.id)).toContain(memberId);
    expect((await post(h, `/api/v1/party/members/${memberId}/end`, c('village'), { reason: 'left' })).statusCode).toBe(409);
    const again = await post(h, `/api/v1/party/orgs/${orgs.branch}/members`, c('village'), { residentId, status: 'formal', joinedOn: '2026-11-01' });
    expect(again.statusCode).toBe(201);
    const tally = await h.database.admin.query('SELECT party_members FROM region_tallies WHERE village_code = $1', [village]);
    const raw = await h.database.admin.query(`SELECT count(*)::int AS n FROM party_members WHERE ltree2text(subpath(path, 2, 1)) = $1 AND ended_on IS NULL`, [
      village,
    ]);
    expect(Number(tally.rows[0]!.party_members)).toBe(Number(raw.rows[0]!.n));
  });

  it('a member who moves house to another village takes their party row along (scope follows the person)', async () => {
    const newHome = await registerHousehold(h, c('village2'), village2, '长春村二组 5 号', ['杨大山']);
    const move = await post(h, `/api/v1/residents/${residentId}/events`, c('township'), {
      kind: 'moved',
      occurredOn: '2026-11-20',
      toHouseholdId: newHome.id,
      relation: 'other',
    });
    expect(move.json().householdId).toBe(newHome.id);
    const row = await h.database.admin.query('SELECT path::text FROM party_members WHERE resident_id = $1 AND ended_on IS NULL', [residentId]);
    expect(String(row.rows[0]!.path)).toContain(village2);
    for (const v of [village, village2]) {
      const t = await h.database.admin.query('SELECT party_members, residents FROM region_tallies WHERE village_code = $1', [v]);
      const pm = await h.database.admin.query(`SELECT count(*)::int AS n FROM party_members WHERE ltree2text(subpath(path, 2, 1)) = $1 AND ended_on IS NULL`, [
        v,
      ]);
      const rs = await h.database.admin.query(`SELECT count(*)::int AS n FROM residents WHERE ltree2text(subpath(path, 2, 1)) = $1 AND status = 'active'`, [v]);
      expect([Number(t.rows[0]!.party_members), Number(t.rows[0]!.residents)]).toEqual([Number(pm.rows[0]!.n), Number(rs.rows[0]!.n)]);
    }
    // Now 长春村's cadre sees the member (who lives there) and 上黄村's no longer does.
    const members = await get(h, `/api/v1/party/orgs/${orgs.branch}/members`, c('village'));
    expect(members.json().items.map((m: { residentId: string }) => m.residentId)).not.toContain(residentId);
  });
});

describe('dissolving an organization', () => {
  it('is refused while it has members or live children, then done with a reason; it leaves the tree', async () => {
    const home = await registerHousehold(h, c('village'), village, '上黄村一组 9 号', ['吴守正']);
    const m = await post(h, `/api/v1/party/orgs/${orgs.group}/members`, c('village'), {
      residentId: home.residents[0]!.id,
      status: 'formal',
      joinedOn: '1999-07-01',
    });
    const refused = await post(h, `/api/v1/party/orgs/${orgs.group}/dissolve`, c('village'), { reason: '村民小组合并' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.message).toContain('1 名党员');
    const parent = await post(h, `/api/v1/party/orgs/${orgs.branch}/dissolve`, c('township'), { reason: '村合并撤销' });
    expect(parent.json().error.message).toContain('下级党组织');
    expect((await put(`/api/v1/party/members/${m.json().id}`, 'village', { orgId: orgs.branch })).statusCode).toBe(200);
    const short = await post(h, `/api/v1/party/orgs/${orgs.group}/dissolve`, c('village'), { reason: '合并' });
    expect(short.json().error.details.field).toBe('reason');
    const done = await post(h, `/api/v1/party/orgs/${orgs.group}/dissolve`, c('village'), { reason: '村民小组合并，党员转入村党支部' });
    expect(done.statusCode).toBe(200);
    expect(done.json()).toMatchObject({ dissolvedOn: '2026-11-23', dissolveReason: '村民小组合并，党员转入村党支部' });
    const tree = (await get(h, '/api/v1/party/orgs', c('village'))).json();
    expect(JSON.stringify(tree)).not.toContain(orgs.group);
    const enrol = await post(h, `/api/v1/party/orgs/${orgs.group}/members`, c('village'), {
      residentId: home.residents[0]!.id,
      status: 'formal',
      joinedOn: '1999-07-01',
    });
    expect(enrol.statusCode).toBe(400);
    expect((await post(h, `/api/v1/party/orgs/${orgs.group}/dissolve`, c('village'), { reason: '再次撤销试试' })).statusCode).toBe(409);
  });
});
