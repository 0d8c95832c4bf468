import { dbContext, type Actor } from '../../platform/actor.js';
import { appendAudit } from '../../platform/audit/service.js';
import { withContext } from '../../platform/db/context.js';
import type { Deps } from '../../platform/deps.js';
import { buildListWorkbook, chinaDateTime, collectPages, pickFilters, queryString } from '../../platform/list-export.js';
import { maskPersonalNumbers } from '../../platform/mask.js';
import { regionOrOwn, type ScopedRegion } from './common.js';
import { memberPage, orgTreePage, type MemberKey, type OrgExportRow } from './export-store.js';
import { memberFilterOf } from './member-service.js';
import { visibleOrg } from './org-service.js';
import { KIND_LABELS } from './org-rules.js';
import { authorize } from './policy.js';
import type { MemberEndReason, MemberQuery, MemberStatus, OrgTreeQuery, PartyOrgKind } from './schema.js';
import type { MemberRow } from './store.js';

// The party organizations (党组织) and a party organization's members (党员名单) as .xlsx: the same
// queries as the page (its filters, its scope), read by keyset a thousand rows at a time up to the
// export cap, in the page's words. Members appear by name as on the page: no ID or phone number
// leaves in the file, numbers in the note on an ended membership are masked; both are audited.

/** As the page shows them (web/src/locales/zh-CN.ts party.*; list-export.test.ts checks). */
export const MEMBER_STATUS_LABELS: Record<MemberStatus, string> = { formal: '正式党员', probationary: '预备党员' };
export const SEX_LABELS: Record<'male' | 'female', string> = { male: '男', female: '女' };
export const END_REASON_LABELS: Record<MemberEndReason, string> = { transferred_out: '组织关系转出', deceased: '去世', left: '出党' };

const words = (r: ScopedRegion) => `${r.name}（${r.code}）及下辖`;
const today = (now: Date) => chinaDateTime(now).slice(0, 10);

/** The organization tree of a region in scope (default: the actor's own) as a flat list, depth-first; audited. */
export async function exportOrgs(deps: Deps, actor: Actor, query: OrgTreeQuery): Promise<{ name: string; file: Buffer }> {
  authorize(actor, 'party.read');
  const q = pickFilters(query, ['regionCode']);
  const now = deps.clock.now();
  const { rows, capped, scope, filters } = await withContext(deps.db, dbContext(actor), async (tx) => {
    const region = await regionOrOwn(tx, actor, q.regionCode);
    const got = await collectPages<OrgExportRow, string[]>(async (after, limit) => {
      const page = await orgTreePage(tx, region.path, { after, limit });
      return { rows: page, next: page.length === limit ? page.at(-1)!.sort_key : null };
    });
    await appendAudit(tx, deps.clock, actor, {
      action: 'party_org.export',
      targetType: 'region',
      targetId: region.code,
      details: { ...q, rows: got.rows.length, capped: got.capped },
    });
    const own = await regionOrOwn(tx, actor, undefined);
    const filters: [string, string][] = q.regionCode ? [['联系区划', words(region)]] : [];
    return { ...got, scope: q.regionCode ? `${words(own)}；本次限定：${words(region)}` : words(own), filters };
  });
  const file = await buildListWorkbook({
    title: '党组织',
    columns: ['组织名称', '组织类别', '组织代码', '上级党组织', '联系区划', '本级党员', '数据性质'],
    widths: [32, 16, 26, 32, 16, 10, 10],
    rows: rows.map((o) => [
      o.name,
      KIND_LABELS[o.kind as PartyOrgKind] ?? o.kind,
      o.code,
      o.parent_name ?? '',
      o.region_name,
      Number(o.member_count),
      o.synthetic ? '演示数据' : '',
    ]),
    capped,
    filters,
    scope,
    selects:
      '联系区划在上述范围内、未撤销的党组织（与“党组织”页的组织树同一查询），按组织树自上而下、同级按组织代码排列（上级在前、下级随后），按键集分页逐页读取。' +
      '“本级党员”为该组织本级在册的正式党员和预备党员人数（不含下级组织，已结束组织关系的不计）。',
    query: `GET /api/v1/party/orgs?${queryString(q)}`,
    now,
    notes: [['个人信息', '本表不含个人信息。本次导出已记入审计日志。']],
  });
  return { name: `党组织_${today(now)}.xlsx`, file };
}

type MemberExportQuery = Omit<MemberQuery, 'page' | 'pageSize'>;

function memberFilterWords(q: MemberExportQuery): [string, string][] {
  const out: [string, string][] = [];
  if (q.includeSubOrgs) out.push(['含下级组织的党员', '是']);
  if (q.status) out.push(['类别', MEMBER_STATUS_LABELS[q.status]]);
  if (q.centralHousehold !== undefined) out.push(['党员中心户', q.centralHousehold ? '是' : '否']);
  if (q.q?.trim()) out.push(['姓名', q.q.trim()]);
  if (q.includeEnded) out.push(['显示已结束组织关系的党员', '是']);
  return out;
}

function memberRow(m: MemberRow): (string | number)[] {
  return [
    m.name,
    SEX_LABELS[m.sex] ?? m.sex,
    MEMBER_STATUS_LABELS[m.status as MemberStatus] ?? m.status,
    m.central_household ? '是' : '',
    Number(m.liaison_count),
    m.joined_on,
    m.org_name,
    m.ended_on ? `${m.end_reason ? END_REASON_LABELS[m.end_reason as MemberEndReason] : ''}（${m.ended_on}）` : '',
    maskPersonalNumbers(m.end_note) ?? '',
    m.synthetic ? '演示数据' : '',
  ];
}

/** A party organization's member list for these filters as .xlsx (the organization must be in scope); audited. */
export async function exportMembers(deps: Deps, actor: Actor, orgId: string, query: MemberExportQuery): Promise<{ name: string; file: Buffer }> {
  authorize(actor, 'party.read');
  const q = pickFilters(query, ['includeSubOrgs', 'status', 'centralHousehold', 'q', 'includeEnded']);
  const now = deps.clock.now();
  const { rows, capped, scope, org } = await withContext(deps.db, dbContext(actor), async (tx) => {
    const org = await visibleOrg(tx, actor, orgId);
    const filter = memberFilterOf(org.id, q);
    const got = await collectPages<MemberRow, MemberKey>(async (after, limit) => {
      const page = await memberPage(tx, filter, { after, limit });
      const last = page.at(-1);
      return { rows: page, next: page.length === limit && last ? { central: last.central_household, name: last.name, id: last.id } : null };
    });
    await appendAudit(tx, deps.clock, actor, {
      action: 'party_member.export',
      targetType: 'party_org',
      targetId: org.id,
      details: { ...q, rows: got.rows.length, capped: got.capped },
    });
    const own = words(await regionOrOwn(tx, actor, undefined));
    return { ...got, org, scope: `${own}；本次限定：党组织“${org.name}”（${org.code}）${q.includeSubOrgs ? '及其下级组织' : ''}` };
  });
  const file = await buildListWorkbook({
    title: '党员名单',
    columns: ['姓名', '性别', '类别', '党员中心户', '联系户数', '入党日期', '所在组织', '组织关系结束', '备注', '数据性质'],
    widths: [12, 6, 10, 10, 8, 12, 30, 24, 40, 10],
    rows: rows.map(memberRow),
    capped,
    filters: memberFilterWords(q),
    scope,
    selects:
      '该党组织（勾选“含下级组织的党员”时连同其下各级组织）符合全部筛选条件的党员（与“党员名单”同一查询；不勾选“显示已结束组织关系的党员”时只含在册党员），' +
      '党员中心户在前，再按姓名、记录编号排列，按键集分页逐页读取。“联系户数”为今天仍在的党员联户关系户数。',
    query: `GET /api/v1/party/orgs/${org.id}/members?${queryString(q)}`,
    now,
    notes: [['个人信息', '党员只列姓名（与页面相同），不导出身份证号、电话；备注中的身份证号、手机号已遮蔽。本次导出已记入审计日志。']],
  });
  return { name: `党员名单_${org.name}_${today(now)}.xlsx`, file };
}
