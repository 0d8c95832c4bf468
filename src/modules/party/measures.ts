import { sql } from 'kysely';
import { chinaDate } from '../../platform/time.js';
import { areaRows, countMeasure, ratioMeasure, type Measure } from '../../platform/measures.js';

// Party building's figures for the overview, reports and assessment (platform/measures.ts).
// Denominators of coverage are the registry's active households, from the village tallies.

/** Active households under each area, as `h(code, n)`. */
const households = sql`SELECT v.code AS vcode, t.households FROM regions v JOIN region_tallies t ON t.village_code = v.code WHERE v.level = 'village'`;

export const PARTY_MEASURES: readonly Measure[] = [
  countMeasure(
    { id: 'party.members', name: '党员人数', nameEn: 'Party members', formula: '当前在册的正式党员和预备党员人数（已转出、去世、出党不计）', kind: 'stock' },
    (q) =>
      sql`SELECT a.code, coalesce(sum(t.party_members), 0)::int AS n
          FROM ${areaRows(q.areas)} JOIN regions v ON v.path <@ a.path AND v.level = 'village'
          JOIN region_tallies t ON t.village_code = v.code GROUP BY a.code`,
  ),
  ratioMeasure(
    {
      id: 'party.liaison_coverage',
      name: '党员联户覆盖率',
      nameEn: 'Households with a party-member liaison',
      formula: '今天仍有党员联户关系的在册户数 ÷ 在册户数',
      kind: 'stock',
    },
    (q) => {
      const today = chinaDate(q.now);
      return sql`SELECT a.code,
            (SELECT count(DISTINCT l.household_id) FROM party_liaisons l JOIN households h ON h.id = l.household_id
              WHERE l.path <@ a.path AND l.kind = 'party_liaison' AND l.started_on <= ${today}::date
                AND (l.ended_on IS NULL OR l.ended_on >= ${today}::date) AND h.status = 'active')::int AS num,
            (SELECT coalesce(sum(x.households), 0) FROM (${households}) x JOIN regions v ON v.code = x.vcode WHERE v.path <@ a.path)::int AS den
          FROM ${areaRows(q.areas)}`;
    },
  ),
  ratioMeasure(
    {
      id: 'party.visit_coverage',
      name: '走访覆盖率',
      nameEn: 'Households visited',
      formula: '期间内至少走访一次的在册户数 ÷ 在册户数',
      kind: 'period',
    },
    (q) =>
      sql`SELECT a.code,
            (SELECT count(DISTINCT vi.household_id) FROM visits vi JOIN households h ON h.id = vi.household_id
              WHERE vi.path <@ a.path AND h.status = 'active'
                AND vi.visited_on >= ${chinaDate(q.from)}::date AND vi.visited_on < ${chinaDate(q.to)}::date)::int AS num,
            (SELECT coalesce(sum(x.households), 0) FROM (${households}) x JOIN regions v ON v.code = x.vcode WHERE v.path <@ a.path)::int AS den
          FROM ${areaRows(q.areas)}`,
  ),
  countMeasure(
    { id: 'party.visits', name: '走访次数', nameEn: 'Visits made', formula: '期间内记录的走访（五包五访）次数', kind: 'period' },
    (q) => sql`SELECT a.code, count(*)::int AS n FROM ${areaRows(q.areas)} JOIN visits vi ON vi.path <@ a.path
               WHERE vi.visited_on >= ${chinaDate(q.from)}::date AND vi.visited_on < ${chinaDate(q.to)}::date GROUP BY a.code`,
  ),
];
