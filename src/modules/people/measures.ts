import { sql } from 'kysely';
import { areaRows, countMeasure, type Measure } from '../../platform/measures.js';

// The registry's figures for the overview, reports and assessment (platform/measures.ts).
// Households, residents and party members come from the per-village tallies the registry keeps
// in step with its rows (migration 0012); tagged residents are counted from the rows.

/** A tally column summed over the villages under each area. */
function tallyMeasure(id: string, name: string, nameEn: string, formula: string, column: 'households' | 'residents'): Measure {
  return countMeasure(
    { id, name, nameEn, formula, kind: 'stock' },
    (q) =>
      sql`SELECT a.code, coalesce(sum(t.${sql.ref(column)}), 0)::int AS n
        FROM ${areaRows(q.areas)} JOIN regions v ON v.path <@ a.path AND v.level = 'village'
        JOIN region_tallies t ON t.village_code = v.code GROUP BY a.code`,
  );
}

/** Active residents carrying a tag (独居老人, 低保…). */
function taggedMeasure(tag: string, name: string, nameEn: string): Measure {
  return countMeasure(
    { id: `people.tagged.${tag}`, name, nameEn, formula: `在册（在籍）居民中标注为“${name}”的人数`, kind: 'stock' },
    (q) =>
      sql`SELECT a.code, count(*)::int AS n FROM ${areaRows(q.areas)} JOIN residents r ON r.path <@ a.path
        WHERE r.status = 'active' AND r.tags @> ARRAY[${tag}]::text[] GROUP BY a.code`,
  );
}

export const PEOPLE_MEASURES: readonly Measure[] = [
  tallyMeasure('people.households', '在册户数', 'Households registered', '状态为“在册”的户数', 'households'),
  tallyMeasure('people.residents', '在册人数', 'Residents registered', '状态为“在籍”的居民人数（迁出、死亡不计）', 'residents'),
  taggedMeasure('elderly_alone', '独居老人', 'Elderly living alone'),
  taggedMeasure('left_behind_child', '留守儿童', 'Left-behind children'),
  taggedMeasure('dibao', '低保', 'Minimum-living-allowance recipients'),
  taggedMeasure('poverty_monitored', '防返贫监测', 'Under poverty-return monitoring'),
  taggedMeasure('veteran', '退役军人', 'Veterans'),
];
