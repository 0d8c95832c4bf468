import type { Household, HouseholdDetail, HouseholdListItem, MatchedMember, Relation, Resident } from './schema.js';
import type { MatchedMemberRow } from './search-store.js';
import type { HouseholdListRow, ResidentRow } from './store.js';

/** Whole years between a YYYY-MM-DD birth date and `today`. */
export function ageOn(birthDate: string, today: Date): number {
  const [y, m, d] = birthDate.split('-').map(Number) as [number, number, number];
  let age = today.getFullYear() - y;
  if (today.getMonth() + 1 < m || (today.getMonth() + 1 === m && today.getDate() < d)) age -= 1;
  return Math.max(age, 0);
}

/** Masking happens here, once: only the masked forms ever leave through a presenter. */
export function presentResident(r: ResidentRow, villageCode: string, gridCode: string | null, today: Date): Resident {
  return {
    id: r.id,
    householdId: r.household_id,
    name: r.name,
    relation: r.relation as Relation,
    sex: r.sex,
    birthDate: r.birth_date,
    age: ageOn(r.birth_date, today),
    idNumber: r.id_number_masked,
    phone: r.phone_masked,
    tags: r.tags,
    status: r.status,
    villageCode,
    gridCode,
    synthetic: r.synthetic,
  };
}

export function presentHousehold(h: HouseholdListRow): Household {
  return {
    id: h.id,
    address: h.address,
    villageCode: h.village_code,
    villageName: h.village_name,
    gridCode: h.grid_code,
    groupCode: h.group_code,
    groupName: h.group_name,
    buildingId: h.building_id,
    /** The building's name, or the free-text label of an older or imported record. */
    buildingName: h.building_name ?? h.building,
    headName: h.head_name,
    memberCount: Number(h.member_count),
    tags: (h.member_tags ?? []).sort(),
    synthetic: h.synthetic,
  };
}

/**
 * A list page's households; with a search, each names the members the text matched (`matched`
 * holds them for the page; undefined when there was no search text).
 */
export function presentHouseholdList(rows: HouseholdListRow[], matched: MatchedMemberRow[] | undefined): HouseholdListItem[] {
  if (!matched) return rows.map(presentHousehold);
  const byHousehold = new Map<string, MatchedMember[]>();
  for (const m of matched) {
    const list = byHousehold.get(m.household_id) ?? [];
    list.push({ name: m.name, relation: m.relation as Relation, by: m.by });
    byHousehold.set(m.household_id, list);
  }
  return rows.map((r) => ({ ...presentHousehold(r), matchedMembers: byHousehold.get(r.id) ?? [] }));
}

export function presentHouseholdDetail(h: HouseholdListRow, members: ResidentRow[], today: Date): HouseholdDetail {
  return { ...presentHousehold(h), members: members.map((m) => presentResident(m, h.village_code, h.grid_code, today)) };
}

/** Path segment → codes: residents carry their household's path (county.township.village[.grid]). */
export function codesFromPath(path: string): { villageCode: string; gridCode: string | null } {
  const parts = path.split('.');
  const last = parts[parts.length - 1]!;
  return last.length === 15 ? { villageCode: parts[parts.length - 2]!, gridCode: last } : { villageCode: last, gridCode: null };
}
