import type { LiaisonSeed, MemberSeed, OrgSeed, PartySeedBatch, StewardshipSeed } from './bulk-service.js';
import { addDays } from './common.js';
import { planVisits } from './demo-visits.js';
import { addressKey, compareKeys, personName, Random, regionSeed } from './demo-random.js';
import type { PartyOrgKind } from './schema.js';

// Pure generation of demo party data: plain data in, plain data out, deterministic for a seed.

export interface PlanRegion {
  code: string;
  name: string;
  kind: string | null;
  path: string;
}
export interface PlanHousehold {
  /** UUIDv7: ids sort in registration order, which breaks ties between equal addresses the same way every run. */
  id: string;
  address: string;
  path: string;
  key: boolean;
}
export interface PlanMember {
  residentId: string;
  name: string;
  birthDate: string;
  householdId: string;
  path: string;
}

const COUNTY_TITLES = ['县委常委', '副县长', '县人大常委会副主任', '县政协副主席', '县委常委、组织部部长', '县委常委、政法委书记'];
const TOWNSHIP_TITLES = ['党委副书记', '副镇长', '人大主席', '党委委员', '武装部部长', '纪委书记'];
const CADRE_TITLES = ['村党支部书记', '村委会主任', '村委委员', '村监委会主任', '村党支部委员'];
const URBAN_CADRE_TITLES = ['社区党委书记', '社区居委会主任', '社区居委委员', '社区党委委员', '社区监委会主任'];

const emptyBatch = (): PartySeedBatch => ({ orgs: [], members: [], liaisons: [], embedded: [], stewardships: [], visits: [] });
const pad2 = (n: number) => String(n).padStart(2, '0');
const daysBetween = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);
export const randomDate = (rnd: Random, from: string, to: string) => addDays(from, rnd.int(0, Math.max(0, daysBetween(from, to))));

export function shortName(name: string): string {
  return name.replace(/(居民委员会|村民委员会|居委会|村委会|办事处)$/, '');
}

/** The county committee, one committee per township, and a county leader stewarding each township. */
export function planCounty(county: PlanRegion, townships: PlanRegion[], seed: number, today: string): PartySeedBatch {
  const rnd = new Random(regionSeed(seed, county.code));
  const batch = emptyBatch();
  const top = `${county.code}-00`;
  batch.orgs.push({ code: top, name: `中共${county.name}委员会`, kind: 'county_committee', parentCode: null, regionCode: county.code, path: county.path });
  for (const t of townships) {
    const name = t.kind === 'subdistrict' ? `中共${t.name}工作委员会` : `中共${t.name}委员会`;
    batch.orgs.push({ code: `${t.code}-00`, name, kind: 'township_committee', parentCode: top, regionCode: t.code, path: t.path });
    batch.stewardships.push({
      key: `township:${t.code}`,
      level: 'township',
      regionCode: t.code,
      leaderName: personName(rnd),
      leaderTitle: rnd.pick(COUNTY_TITLES),
      targetRegionCode: t.code,
      targetHouseholdId: null,
      path: t.path,
      startedOn: randomDate(rnd, addDays(today, -700), addDays(today, -200)),
    });
  }
  return batch;
}

/** The village's organization and the ones below it: compound branches with building groups in town, group party groups in the country. */
function villageOrgs(village: PlanRegion, townshipCode: string, households: PlanHousehold[], members: PlanMember[]): OrgSeed[] {
  const short = shortName(village.name);
  const code = `${village.code}-00`;
  const urban = village.kind === 'urban';
  const kind: PartyOrgKind = urban ? 'community_committee' : members.length >= 50 ? 'general_branch' : 'village_branch';
  const name = urban ? `${short}大党委` : kind === 'general_branch' ? `${short}党总支` : `${short}党支部`;
  const base = { regionCode: village.code, path: village.path };
  const orgs: OrgSeed[] = [{ code, name, kind, parentCode: `${townshipCode}-00`, ...base }];
  if (urban) {
    // Addresses read "<community><compound>小区<n>栋…": the two characters before 小区 name the compound.
    const compounds = [...new Set(households.map((h) => /(\p{Script=Han}{2})小区/u.exec(h.address)?.[1]).filter((c): c is string => !!c))].sort();
    compounds.forEach((c, i) => {
      const cc = `${code}-${pad2(i + 1)}`;
      orgs.push({ code: cc, name: `${short}${c}小区党支部`, kind: 'compound_branch', parentCode: code, ...base });
      for (const b of [1, 2]) orgs.push({ code: `${cc}-${pad2(b)}`, name: `${c}小区${b}栋党小组`, kind: 'building_group', parentCode: cc, ...base });
    });
  } else {
    const byHousehold = new Map(households.map((h) => [h.id, h]));
    const perGroup = new Map<number, number>();
    for (const m of members) {
      const g = Number(/(\d+)组/.exec(byHousehold.get(m.householdId)?.address ?? '')?.[1] ?? 0);
      if (g > 0) perGroup.set(g, (perGroup.get(g) ?? 0) + 1);
    }
    // 党小组 where a 村民小组 has at least three members.
    for (const g of [...perGroup.keys()].sort((a, b) => a - b)) {
      if (perGroup.get(g)! >= 3)
        orgs.push({ code: `${code}-${pad2(g)}`, name: `${short}第${g}村民小组党小组`, kind: 'group_party_group', parentCode: code, ...base });
    }
  }
  return orgs;
}

/** Joined at 18 or later; about one in twenty-five joined within the last year and is still probationary. */
function enrolment(rnd: Random, birthDate: string, today: string): { status: 'formal' | 'probationary'; joinedOn: string } | null {
  const at18 = `${Number(birthDate.slice(0, 4)) + 18}${birthDate.slice(4)}`;
  if (at18 > today) return null;
  const earliest = at18 > '1965-01-01' ? at18 : '1965-01-01';
  const lastFormal = addDays(today, -366);
  if (earliest > lastFormal || rnd.chance(0.04)) {
    const from = earliest > addDays(today, -330) ? earliest : addDays(today, -330);
    return { status: 'probationary', joinedOn: randomDate(rnd, from, today) };
  }
  return { status: 'formal', joinedOn: randomDate(rnd, earliest, lastFormal) };
}

/** Each 党员中心户 links to about ten nearby households (next in address order) of its village. */
function liaisonsFor(
  rnd: Random,
  village: PlanRegion,
  ordered: PlanHousehold[],
  members: MemberSeed[],
  homes: Map<string, string>,
  today: string,
): LiaisonSeed[] {
  const kind = village.kind === 'urban' ? 'party_liaison' : 'ten_household';
  const index = new Map(ordered.map((h, i) => [h.id, i]));
  const linked = new Set<string>();
  const links: LiaisonSeed[] = [];
  for (const m of members.filter((x) => x.centralHousehold)) {
    const home = homes.get(m.residentId)!;
    linked.add(home);
    const want = rnd.int(8, 12);
    const startedOn = m.joinedOn > addDays(today, -500) ? m.joinedOn : randomDate(rnd, addDays(today, -500), addDays(today, -30));
    let got = 0;
    for (let step = 1; step < ordered.length && got < want; step++) {
      const h = ordered[(index.get(home)! + step) % ordered.length]!;
      if (linked.has(h.id)) continue;
      linked.add(h.id);
      links.push({ kind, memberResidentId: m.residentId, householdId: h.id, path: h.path, startedOn });
      got += 1;
    }
  }
  return links;
}

/** Everything for one village: organizations, members, liaison, embedded members, stewardship and visits. */
export function planVillage(
  village: PlanRegion,
  townshipCode: string,
  households: PlanHousehold[],
  members: PlanMember[],
  seed: number,
  today: string,
): PartySeedBatch {
  const rnd = new Random(regionSeed(seed, village.code));
  const batch = emptyBatch();
  const keys = new Map(households.map((h) => [h.id, addressKey(h.address)]));
  const ordered = [...households].sort((a, b) => compareKeys(keys.get(a.id)!, keys.get(b.id)!) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const position = new Map(ordered.map((h, i) => [h.id, i]));
  const people = [...members].sort(
    (a, b) => (position.get(a.householdId) ?? 0) - (position.get(b.householdId) ?? 0) || a.birthDate.localeCompare(b.birthDate) || a.name.localeCompare(b.name),
  );
  batch.orgs = villageOrgs(village, townshipCode, ordered, people);
  const centralHomes = new Set<string>();
  const homes = new Map(people.map((m) => [m.residentId, m.householdId]));
  for (const m of people) {
    // A resident tagged 党员 who is not yet 18 by the registry's birth date is left out.
    const joined = enrolment(rnd, m.birthDate, today);
    if (!joined) continue;
    const central = !centralHomes.has(m.householdId) && rnd.chance(1 / 8);
    if (central) centralHomes.add(m.householdId);
    batch.members.push({ residentId: m.residentId, path: m.path, orgCode: batch.orgs[0]!.code, ...joined, centralHousehold: central });
  }
  batch.liaisons = liaisonsFor(rnd, village, ordered, batch.members, homes, today);

  const urban = village.kind === 'urban';
  batch.stewardships.push({
    key: `village:${village.code}`,
    level: 'village',
    regionCode: village.code,
    leaderName: personName(rnd),
    leaderTitle: rnd.pick(TOWNSHIP_TITLES),
    targetRegionCode: village.code,
    targetHouseholdId: null,
    path: village.path,
    startedOn: randomDate(rnd, addDays(today, -600), addDays(today, -120)),
  });
  const cadres = Array.from({ length: rnd.int(3, 5) }, (_, i) => ({ name: personName(rnd), title: (urban ? URBAN_CADRE_TITLES : CADRE_TITLES)[i]! }));
  const stewardOf = new Map<string, { key: string; name: string }>();
  ordered
    .filter((h) => h.key)
    .forEach((h, i) => {
      const cadre = cadres[i % cadres.length]!;
      const key = `household:${h.id}`;
      stewardOf.set(h.id, { key, name: cadre.name });
      const s: StewardshipSeed = {
        key,
        level: 'household',
        regionCode: village.code,
        leaderName: cadre.name,
        leaderTitle: cadre.title,
        targetRegionCode: null,
        targetHouseholdId: h.id,
        path: h.path,
        startedOn: randomDate(rnd, addDays(today, -400), addDays(today, -100)),
      };
      batch.stewardships.push(s);
    });
  const planned = planVisits(rnd, village, ordered, cadres, stewardOf, today);
  batch.visits = planned.visits;
  batch.embedded = planned.embedded;
  return batch;
}
