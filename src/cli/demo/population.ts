import { composeIdNumber } from '../../modules/people/id-number.js';
import type { MemberInput, Relation } from '../../modules/people/schema.js';
import { givenName, surname } from '../../platform/synthetic/names.js';
import { Random } from '../../platform/synthetic/random.js';

/** 黎平县's population (2020 census: about 580,000 registered residents across 321 villages). */
export const COUNTY_POPULATION = 580_000;

export interface DemoVillage {
  code: string;
  name: string;
  kind: string | null;
}

export interface DemoHousehold {
  address: string;
  gridCode: string | null;
  members: MemberInput[];
}

/** Household sizes in rural Guizhou: many one- and two-person (elderly) households. Mean ≈ 3.3. */
const SIZES: [number, number][] = [
  [1, 15],
  [2, 23],
  [3, 20],
  [4, 18],
  [5, 13],
  [6, 7],
  [7, 4],
];
/** Age of the household head. */
const HEAD_AGES: [number, number][] = [
  [25, 4],
  [30, 8],
  [35, 10],
  [40, 12],
  [45, 13],
  [50, 13],
  [55, 12],
  [60, 10],
  [65, 8],
  [70, 6],
  [75, 3],
  [80, 1],
];

/** Full-scale household count of a village: communities in town are larger than villages. */
export function fullScaleHouseholds(v: DemoVillage, rnd: Random): number {
  const mean = v.kind === 'urban' ? 900 : 480;
  return Math.max(60, Math.round(mean * (0.55 + rnd.next() * 0.9)));
}

/** Grids a village gets: about 400 households per urban grid and 300 per rural one. */
export function gridCountFor(v: DemoVillage, fullHouseholds: number): number {
  return Math.max(1, Math.ceil(fullHouseholds / (v.kind === 'urban' ? 400 : 300)));
}

function shortName(name: string): string {
  return name.replace(/(社区居民委员会|居民委员会|村民委员会|居委会|村委会)$/, '').replace(/社区$/, '');
}

interface Person {
  name: string;
  relation: Relation;
  sex: 'male' | 'female';
  age: number;
  tags: string[];
}

function birthFor(rnd: Random, age: number, today: Date): string {
  let year = today.getFullYear() - age - (rnd.chance(0.5) ? 1 : 0);
  const month = rnd.int(1, 12);
  const day = rnd.int(1, 28);
  if (new Date(year, month - 1, day) > today) year -= 1;
  return `${year}${String(month).padStart(2, '0')}${String(day).padStart(2, '0')}`;
}

/** A unique valid ID number for the county's area code, the birth date and the sex. */
function idNumberFor(rnd: Random, area: string, birth: string, sex: 'male' | 'female', used: Set<string>): string {
  for (;;) {
    let seq = rnd.int(0, 999);
    if ((seq % 2 === 1) !== (sex === 'male')) seq = (seq + 1) % 1000;
    const id = composeIdNumber(area, birth, seq);
    if (!used.has(id)) {
      used.add(id);
      return id;
    }
  }
}

const PHONE_PREFIXES = ['138', '139', '158', '159', '187', '188', '182', '183', '135', '136', '151', '152', '157', '198', '178'];

function householdPeople(rnd: Random): Person[] {
  const size = rnd.weighted(SIZES);
  const headAge = Math.min(90, rnd.weighted(HEAD_AGES) + rnd.int(0, 4));
  const headSex: 'male' | 'female' = rnd.chance(0.85) ? 'male' : 'female';
  const family = surname(rnd);
  const people: Person[] = [{ name: family + givenName(rnd, headSex), relation: 'head', sex: headSex, age: headAge, tags: [] }];
  const add = (relation: Relation, sex: 'male' | 'female', age: number, sameSurname: boolean) =>
    people.push({ name: (sameSurname ? family : surname(rnd)) + givenName(rnd, sex), relation, sex, age: Math.max(0, Math.min(99, age)), tags: [] });
  if (size >= 2 && rnd.chance(size === 2 ? 0.8 : 0.9)) add('spouse', headSex === 'male' ? 'female' : 'male', headAge + rnd.int(-5, 3), false);
  while (people.length < size) {
    if (headAge >= 55) {
      const adultChildren = people.filter((p) => p.relation === 'child').length;
      if (adultChildren < 2 && rnd.chance(0.6)) add('child', rnd.chance(0.5) ? 'male' : 'female', headAge - rnd.int(24, 32), true);
      else add('grandchild', rnd.chance(0.52) ? 'male' : 'female', rnd.int(0, 16), true);
    } else if (headAge <= 45 && rnd.chance(0.25) && !people.some((p) => p.relation === 'parent' && p.sex === 'female')) {
      add('parent', 'female', headAge + rnd.int(24, 30), false);
    } else {
      add('child', rnd.chance(0.52) ? 'male' : 'female', rnd.int(0, Math.max(0, headAge - 21)), true);
    }
  }
  return people;
}

/** Governance tags with plausible rates: migrant workers, left-behind children and elderly, assistance, party members. */
function tagPeople(rnd: Random, people: Person[], householdFlags: { dibao: boolean; tekun: boolean }): void {
  for (const p of people) {
    if (p.age >= 18 && p.age <= 50 && rnd.chance(0.3)) p.tags.push('migrant_out');
    if (p.age >= 18 && rnd.chance(0.07)) p.tags.push('party_member');
    if (rnd.chance(0.05)) p.tags.push('disabled');
    if (p.sex === 'male' && p.age >= 25 && p.age <= 75 && rnd.chance(0.02)) p.tags.push('veteran');
    if (p.age >= 18 && rnd.chance(0.002)) p.tags.push('key_person');
    if (householdFlags.dibao) p.tags.push('dibao');
    if (householdFlags.tekun) p.tags.push('tekun');
  }
  const working = people.filter((p) => p.age >= 18 && p.age < 60);
  const allAway = working.length > 0 && working.every((p) => p.tags.includes('migrant_out'));
  for (const p of people) {
    if (p.age < 16 && allAway) p.tags.push('left_behind_child');
    if (p.age >= 60 && allAway) p.tags.push('left_behind_elderly');
    if (p.age >= 65 && people.length === 1) p.tags.push('elderly_alone');
  }
}

/**
 * Households of one village, deterministic for (seed, village). Addresses follow the village's
 * kind: 组/号 in the countryside, 小区/栋/单元 in town. Households are spread over the grids.
 */
export function generateVillageHouseholds(
  v: DemoVillage,
  count: number,
  opts: { seed: number; countyCode: string; today: Date; usedIds: Set<string>; gridCodes: string[] },
): DemoHousehold[] {
  const rnd = new Random(opts.seed);
  const short = shortName(v.name);
  const households: DemoHousehold[] = [];
  const groups = Math.max(1, Math.round(count / 40));
  for (let i = 0; i < count; i++) {
    const people = householdPeople(rnd);
    tagPeople(rnd, people, { dibao: rnd.chance(0.04), tekun: rnd.chance(0.006) });
    const address =
      v.kind === 'urban'
        ? `${short}${rnd.pick(['和平', '幸福', '翠湖', '天福', '德凤', '五开'])}小区${(i % 30) + 1}栋${(i % 4) + 1}单元${100 * ((i % 6) + 1) + (i % 4) + 1}室`
        : `${short}${(i % groups) + 1}组${Math.floor(i / groups) + 1}号`;
    const gridCode = opts.gridCodes.length ? opts.gridCodes[Math.floor((i / count) * opts.gridCodes.length)]! : null;
    const members: MemberInput[] = people.map((p) => {
      const birth = birthFor(rnd, p.age, opts.today);
      const hasId = p.age >= 1 || rnd.chance(0.5);
      const member: MemberInput = { name: p.name, relation: p.relation, tags: p.tags };
      if (hasId) member.idNumber = idNumberFor(rnd, opts.countyCode, birth, p.sex, opts.usedIds);
      else Object.assign(member, { birthDate: `${birth.slice(0, 4)}-${birth.slice(4, 6)}-${birth.slice(6, 8)}`, sex: p.sex });
      if (p.age >= 16 && p.age <= 78 && rnd.chance(0.85)) member.phone = rnd.pick(PHONE_PREFIXES) + String(rnd.int(0, 99_999_999)).padStart(8, '0');
      return member;
    });
    households.push({ address, gridCode, members });
  }
  return households;
}
