import type { Selectable } from 'kysely';
import type {
  EmbeddedMember,
  EmbeddedMemberDetail,
  LiaisonKind,
  Liaison,
  MemberStatus,
  PartyMember,
  PartyOrg,
  PartyOrgDetail,
  PartyOrgKind,
  PartyOrgNode,
  ServiceHours,
} from './schema.js';
import type { EmbeddedRow, LiaisonRow, MemberRow, OrgDetailRow, OrgRow } from './store.js';
import type { EmbeddedServiceHoursTable } from './tables.js';

// What leaves the server, decided once. Members and liaisons show names only: ID and phone numbers
// stay in the people module, masked there.

export function presentOrg(o: OrgRow): PartyOrg {
  return {
    id: o.id,
    code: o.code,
    name: o.name,
    kind: o.kind as PartyOrgKind,
    parentId: o.parent_id,
    regionCode: o.region_code,
    regionName: o.region_name,
    memberCount: Number(o.member_count),
    dissolvedOn: o.dissolved_on,
    dissolveReason: o.dissolve_reason,
    synthetic: o.synthetic,
  };
}

/** Nests rows ordered depth-first (parents before children) into a forest, in one pass. */
export function nestOrgs(rows: OrgRow[]): PartyOrgNode[] {
  const byId = new Map<string, PartyOrgNode>();
  const roots: PartyOrgNode[] = [];
  for (const row of rows) {
    const node: PartyOrgNode = { ...presentOrg(row), children: [] };
    byId.set(node.id, node);
    const parent = row.parent_id ? byId.get(row.parent_id) : undefined;
    (parent ? parent.children : roots).push(node);
  }
  return roots;
}

export function presentOrgDetail(o: OrgDetailRow, stats: { total: number; probationary: number; central: number }): PartyOrgDetail {
  return {
    ...presentOrg(o),
    parentName: o.parent_name,
    totalMemberCount: stats.total,
    probationaryCount: stats.probationary,
    centralHouseholdCount: stats.central,
    childCount: Number(o.child_count),
  };
}

export function presentMember(m: MemberRow): PartyMember {
  return {
    id: m.id,
    orgId: m.org_id,
    orgName: m.org_name,
    residentId: m.resident_id,
    householdId: m.household_id,
    name: m.name,
    sex: m.sex,
    villageCode: m.village_code,
    status: m.status as MemberStatus,
    joinedOn: m.joined_on,
    centralHousehold: m.central_household,
    liaisonCount: Number(m.liaison_count),
    endedOn: m.ended_on,
    endReason: m.end_reason,
    endNote: m.end_note,
    synthetic: m.synthetic,
  };
}

export function presentLiaison(l: LiaisonRow): Liaison {
  return {
    id: l.id,
    kind: l.kind as LiaisonKind,
    memberId: l.member_id,
    liaisonResidentId: l.liaison_resident_id,
    liaisonName: l.liaison_name,
    householdId: l.household_id,
    householdAddress: l.household_address,
    householdHeadName: l.household_head_name,
    villageCode: l.village_code,
    startedOn: l.started_on,
    endedOn: l.ended_on,
    synthetic: l.synthetic,
  };
}

/** Hours are numeric(4,1): rounding to one decimal removes float noise from sums. */
export const roundHours = (h: number) => Math.round(Number(h) * 10) / 10;

export function presentEmbedded(e: EmbeddedRow): EmbeddedMember {
  return {
    id: e.id,
    name: e.name,
    workUnit: e.work_unit,
    position: e.position,
    villageCode: e.village_code,
    villageName: e.village_name,
    reportedOn: e.reported_on,
    totalHours: roundHours(e.total_hours),
    recordCount: Number(e.record_count),
    synthetic: e.synthetic,
  };
}

export function presentServiceHours(s: Selectable<EmbeddedServiceHoursTable>): ServiceHours {
  return { id: s.id, servedOn: s.served_on, hours: roundHours(s.hours), activity: s.activity, synthetic: s.synthetic };
}

export function presentEmbeddedDetail(e: EmbeddedRow, hours: Selectable<EmbeddedServiceHoursTable>[]): EmbeddedMemberDetail {
  return { ...presentEmbedded(e), hours: hours.map(presentServiceHours) };
}
