import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../../test/helpers/harness.js';
import { column, notes, readWorkbook } from '../../../test/helpers/xlsx.js';
import { SYSTEM_CONTEXT, withContext } from '../../platform/db/context.js';
import { seedDemoParty } from './demo.js';
import { memberPage, orgTreePage, type MemberKey } from './export-store.js';
import { END_REASON_LABELS, MEMBER_STATUS_LABELS, SEX_LABELS } from './list-export.js';
import { KIND_LABELS } from './org-rules.js';
import type { PartyMember, PartyOrgNode, PartyOrgTree } from './schema.js';
import { get, partyFixture, post, registerHousehold, type Party } from './test-fixtures.js';

// The party organizations and a member list as .xlsx: the rows the page lists for the same
// filters, in its words, within the same scope, with the filters and the query on 说明; audited.

let h: Harness;
let p: Party;
let village: string;
let village2: string;

const c = (u: string) => p.cookies[u]!;
const workbook = async (url: string, who: string) => readWorkbook(await get(h, url, c(who)));

beforeAll(async () => {
  h = await createHarness({ loginRateLimitPerMinute: 1000 });
  p = await partyFixture(h, ['county', 'township', 'village', 'village2']);
  village = p.me.village!.regionCode;
  village2 = p.me.village2!.regionCode;
  for (let i = 1; i <= 14; i++) {
    const names = [`吴${i}`, `杨${i}`];
    await registerHousehold(h, c('village'), village, `上黄村${(i % 3) + 1}组${i}号`, names, i % 2 === 0 ? [`吴${i}`] : i % 5 === 0 ? names : []);
  }
  for (let i = 1; i <= 5; i++) await registerHousehold(h, c('village2'), village2, `长春村1组${i}号`, [`石${i}`], i <= 2 ? [`石${i}`] : []);
  await seedDemoParty(h.deps, '522631', 7);
}, 240_000);
afterAll(() => h?.close());

/** The tree as the page shows it, flattened depth-first. */
async function treeRows(who: string, query = ''): Promise<PartyOrgNode[]> {
  const res = await get(h, `/api/v1/party/orgs?${query}`, c(who));
  expect(res.statusCode, res.body).toBe(200);
  const flat = (nodes: PartyOrgNode[]): PartyOrgNode[] => nodes.flatMap((n) => [n, ...flat(n.children)]);
  return flat((res.json() as PartyOrgTree).roots);
}

/** Every member the list shows for a query, page by page. */
async function listAll(orgId: string, query: string, who: string): Promise<PartyMember[]> {
  const out: PartyMember[] = [];
  for (let page = 1; ; page++) {
    const res = await get(h, `/api/v1/party/orgs/${orgId}/members?${query}&page=${page}&pageSize=5`, c(who));
    expect(res.statusCode, res.body).toBe(200);
    const got = res.json() as { items: PartyMember[]; total: number };
    out.push(...got.items);
    if (out.length >= got.total || !got.items.length) return out;
  }
}

const VILLAGE_KINDS = new Set(['community_committee', 'village_branch', 'general_branch']);
const villageOrg = async (who: string, code: string) => (await treeRows(who)).find((o) => o.regionCode === code && VILLAGE_KINDS.has(o.kind))!;

describe('party organizations as .xlsx', () => {
  it('holds the tree the page shows, top down, labelled as the page labels kinds', async () => {
    const listed = await treeRows('county');
    expect(listed.length).toBeGreaterThan(3);
    const wb = await workbook('/api/v1/party/orgs.xlsx', 'county');
    const [rows, about] = wb.worksheets;
    expect(rows!.name).toBe('党组织');
    expect(column(rows!, '组织代码')).toEqual(listed.map((o) => o.code));
    expect(column(rows!, '组织名称')).toEqual(listed.map((o) => o.name));
    expect(column(rows!, '组织类别')).toEqual(listed.map((o) => KIND_LABELS[o.kind]));
    expect(column(rows!, '本级党员')).toEqual(listed.map((o) => o.memberCount));
    const byId = new Map(listed.map((o) => [o.id, o.name]));
    expect(column(rows!, '上级党组织')).toEqual(listed.map((o) => (o.parentId ? byId.get(o.parentId) : '')));
    const n = notes(about!);
    expect(about!.name).toBe('说明');
    expect(n['行数']).toBe(String(listed.length));
    expect(n['筛选条件']).toBe('无（全部）');
    expect(n['查询']).toBe('GET /api/v1/party/orgs?');
  });

  it('gives a village only its own organizations, as its tree does', async () => {
    const listed = await treeRows('village');
    expect(listed.length).toBeGreaterThan(0);
    expect(new Set(listed.map((o) => o.regionCode.slice(0, 12)))).toEqual(new Set([village]));
    const wb = await workbook('/api/v1/party/orgs.xlsx', 'village');
    expect(column(wb.worksheets[0]!, '组织代码')).toEqual(listed.map((o) => o.code));
    expect(notes(wb.worksheets[1]!)['范围']).toMatch(new RegExp(`（${village}）及下辖$`));
    expect((await get(h, `/api/v1/party/orgs.xlsx?regionCode=${village2}`, c('village'))).statusCode).toBe(404);
    // A township narrowing to one village gets that village's rows only, and 说明 says so.
    const one = await treeRows('township', `regionCode=${village2}`);
    const narrowed = await workbook(`/api/v1/party/orgs.xlsx?regionCode=${village2}`, 'township');
    expect(column(narrowed.worksheets[0]!, '组织代码')).toEqual(one.map((o) => o.code));
    const n = notes(narrowed.worksheets[1]!);
    expect(n['筛选条件']).toContain(`（${village2}）`);
    expect(n['范围']).toContain('本次限定');
    expect(n['查询']).toBe(`GET /api/v1/party/orgs?regionCode=${village2}`);
  });

  it('is audited', async () => {
    await workbook('/api/v1/party/orgs.xlsx', 'village');
    const { rows } = (await h.database.admin.query(`SELECT target_id, details FROM audit_log WHERE action = 'party_org.export' ORDER BY seq DESC LIMIT 1`)) as {
      rows: { target_id: string; details: { rows: number } }[];
    };
    expect(rows[0]).toMatchObject({ target_id: village, details: { rows: (await treeRows('village')).length } });
  });
});

describe('a party member list as .xlsx', () => {
  it('holds the members the list shows for the same filters, in order, by name only', async () => {
    const org = await villageOrg('county', village);
    for (const query of ['', 'status=formal', 'includeSubOrgs=true', 'includeSubOrgs=true&centralHousehold=true']) {
      const listed = await listAll(org.id, query, 'county');
      const wb = await workbook(`/api/v1/party/orgs/${org.id}/members.xlsx?${query}`, 'county');
      const [rows, about] = wb.worksheets;
      expect(rows!.name).toBe('党员名单');
      expect(column(rows!, '姓名'), query).toEqual(listed.map((m) => m.name));
      expect(column(rows!, '类别')).toEqual(listed.map((m) => MEMBER_STATUS_LABELS[m.status]));
      expect(column(rows!, '性别')).toEqual(listed.map((m) => SEX_LABELS[m.sex]));
      expect(column(rows!, '所在组织')).toEqual(listed.map((m) => m.orgName));
      const n = notes(about!);
      expect(n['行数']).toBe(String(listed.length));
      expect(n['查询']).toBe(`GET /api/v1/party/orgs/${org.id}/members?${query}`);
    }
    const all = await listAll(org.id, 'includeSubOrgs=true', 'county');
    expect(all.length).toBeGreaterThan(3);
    const n = notes((await workbook(`/api/v1/party/orgs/${org.id}/members.xlsx?status=formal&includeSubOrgs=true`, 'county')).worksheets[1]!);
    expect(n['筛选条件']).toBe('含下级组织的党员：是\n类别：正式党员');
    expect(n['个人信息']).toContain('不导出身份证号、电话');
  });

  it('shows an ended membership with its reason, the note’s phone number masked', async () => {
    const org = await villageOrg('village', village);
    const [leaving] = await listAll(org.id, 'includeSubOrgs=true', 'village');
    const ended = await post(h, `/api/v1/party/members/${leaving!.id}/end`, c('village'), {
      reason: 'transferred_out',
      note: '转至县医院党支部，电话 13800001111',
    });
    expect(ended.statusCode, ended.body).toBe(200);
    const wb = await workbook(`/api/v1/party/orgs/${org.id}/members.xlsx?includeSubOrgs=true&includeEnded=true`, 'village');
    const names = column(wb.worksheets[0]!, '姓名');
    const i = names.indexOf(leaving!.name);
    expect(String(column(wb.worksheets[0]!, '组织关系结束')[i])).toContain('组织关系转出');
    const note = String(column(wb.worksheets[0]!, '备注')[i]);
    expect(note).toContain('县医院');
    expect(note).not.toContain('13800001111');
    const without = await workbook(`/api/v1/party/orgs/${org.id}/members.xlsx?includeSubOrgs=true`, 'village');
    expect(column(without.worksheets[0]!, '姓名')).not.toContain(leaving!.name);
  });

  it('refuses another village’s organization and a bad filter, and is audited', async () => {
    const other = await villageOrg('county', village2);
    expect((await get(h, `/api/v1/party/orgs/${other.id}/members.xlsx`, c('village'))).statusCode).toBe(404);
    const mine = await villageOrg('village', village);
    for (const [query, field] of [
      ['status=bogus', 'status'],
      ['includeEnded=maybe', 'includeEnded'],
    ]) {
      const res = await get(h, `/api/v1/party/orgs/${mine.id}/members.xlsx?${query}`, c('village'));
      expect(res.statusCode, query).toBe(400);
      expect(res.json().error.message, query).toContain(field);
    }
    const wb = await workbook(`/api/v1/party/orgs/${mine.id}/members.xlsx?status=formal`, 'village');
    const { rows } = (await h.database.admin.query(
      `SELECT target_id, details FROM audit_log WHERE action = 'party_member.export' ORDER BY seq DESC LIMIT 1`,
    )) as { rows: { target_id: string; details: { status: string; rows: number } }[] };
    expect(rows[0]).toMatchObject({ target_id: mine.id, details: { status: 'formal', rows: wb.worksheets[0]!.rowCount - 1 } });
  });

  it('reads by keyset page after page the same rows as in one read', async () => {
    const path = (
      (await h.database.admin.query(`SELECT path::text AS path FROM regions WHERE code = $1`, [p.me.county!.regionCode])).rows[0] as { path: string }
    ).path;
    const org = await villageOrg('county', village);
    const filter = { orgId: org.id, includeSubOrgs: true, includeEnded: true };
    await withContext(h.deps.db, SYSTEM_CONTEXT, async (tx) => {
      const orgs = await orgTreePage(tx, path, { after: null, limit: 100_000 });
      const paged = [];
      for (let after: string[] | null = null; ;) {
        const page = await orgTreePage(tx, path, { after, limit: 50 });
        paged.push(...page);
        if (page.length < 50) break;
        after = page.at(-1)!.sort_key;
      }
      expect(paged.map((o) => o.id)).toEqual(orgs.map((o) => o.id));
      const members = await memberPage(tx, filter, { after: null, limit: 100_000 });
      expect(members.length).toBeGreaterThan(4);
      const walked = [];
      for (let after: MemberKey | null = null; ;) {
        const page = await memberPage(tx, filter, { after, limit: 2 });
        walked.push(...page);
        if (page.length < 2) break;
        const last = page.at(-1)!;
        after = { central: last.central_household, name: last.name, id: last.id };
      }
      expect(walked.map((m) => m.id)).toEqual(members.map((m) => m.id));
    });
  });

  it('labels kinds, statuses, sexes and end reasons as the page does', async () => {
    const { default: zh } = (await import(/* @vite-ignore */ `${'../../../web/src/locales/'}zh-CN.ts`)) as {
      default: { party: { kind: object; status: object; sex: object; endReason: object } };
    };
    expect(KIND_LABELS).toEqual(zh.party.kind);
    expect(MEMBER_STATUS_LABELS).toEqual(zh.party.status);
    expect(SEX_LABELS).toEqual(zh.party.sex);
    expect(END_REASON_LABELS).toEqual(zh.party.endReason);
  });
});
