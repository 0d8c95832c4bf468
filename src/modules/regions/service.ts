import type { Kysely } from 'kysely';
import { can } from '../../platform/accounts/policy.js';
import { dbContext, type Actor } from '../../platform/actor.js';
import { appendAudit } from '../../platform/audit/service.js';
import type { Clock } from '../../platform/clock.js';
import { withContext, type Tx } from '../../platform/db/context.js';
import type { DB } from '../../platform/db/tables.js';
import { forbidden, notFound } from '../../platform/errors.js';
import { normalizeRegionCode } from './codes.js';
import { readDivisionCounty } from './division.js';
import { findGridName, listGridRows } from './grid-store.js';
import { canSeeRegion } from './policy.js';
import type { Region, RegionPlace } from './schema.js';
import { tallyGroups } from '../people/index.js';
import {
  countRegionsByLevel,
  findRegion,
  listChildRegions,
  listCounties,
  listPlacesUnder,
  tallyRegions,
  upsertRegions,
  type RegionInput,
  type RegionRow,
} from './store.js';

type Counts = Region['counts'];
const NO_COUNTS: Counts = { households: 0, residents: 0, partyMembers: 0, grids: 0 };

function present(r: RegionRow, counts: Counts = NO_COUNTS): Region {
  return {
    code: r.code,
    name: r.name,
    level: r.level,
    kind: r.kind,
    parentCode: r.parent_code,
    childCount: Number(r.child_count),
    counts,
    boundary: r.boundary ?? null,
    synthetic: r.synthetic,
  };
}

/** Regions with what they hold: villages and above from the tallies, groups from their households. */
export async function presentWithCounts(tx: Tx, rows: RegionRow[]): Promise<Region[]> {
  const groups = rows.filter((r) => r.level === 'group').map((r) => r.code);
  const others = rows.filter((r) => r.level !== 'group').map((r) => r.code);
  const tallies = await tallyRegions(tx, others);
  const groupTallies = await tallyGroups(tx, groups);
  return rows.map((r) => {
    if (r.level === 'group') {
      const g = groupTallies.get(r.code);
      return present(r, { households: g?.households ?? 0, residents: g?.residents ?? 0, partyMembers: null, grids: null });
    }
    const t = tallies.get(r.code);
    return present(r, t ? { households: t.households, residents: t.residents, partyMembers: t.party_members, grids: t.grids } : NO_COUNTS);
  });
}

async function visibleRegion(tx: Tx, actor: Actor, code: string): Promise<RegionRow> {
  const row = await findRegion(tx, normalizeRegionCode(code));
  if (!row || !canSeeRegion(actor, row.path)) throw notFound('区划', code);
  return row;
}

export async function getRegion(db: Kysely<DB>, actor: Actor, code: string): Promise<Region> {
  if (!can(actor, 'regions.read')) throw forbidden('regions.read');
  return withContext(db, dbContext(actor), async (tx) => (await presentWithCounts(tx, [await visibleRegion(tx, actor, code)]))[0]!);
}

export async function listChildren(db: Kysely<DB>, actor: Actor, code: string): Promise<Region[]> {
  if (!can(actor, 'regions.read')) throw forbidden('regions.read');
  return withContext(db, dbContext(actor), async (tx) => {
    const parent = await visibleRegion(tx, actor, code);
    const rows = await listChildRegions(tx, parent.code);
    return presentWithCounts(
      tx,
      rows.filter((r) => canSeeRegion(actor, r.path)),
    );
  });
}

/**
 * Every township and village below a region the actor may see, without counts: a picker loads it
 * once and searches it by name and pinyin initials on the phone or desk, with no query per key.
 */
export async function listPlaces(db: Kysely<DB>, actor: Actor, code: string): Promise<RegionPlace[]> {
  if (!can(actor, 'regions.read')) throw forbidden('regions.read');
  return withContext(db, dbContext(actor), async (tx) => {
    const root = await visibleRegion(tx, actor, code);
    // The same rule as listChildren: below a root the actor sees only for its way down, only that way.
    const rows = (await listPlacesUnder(tx, root.path)).filter((r) => canSeeRegion(actor, r.path));
    return rows.map((r) => ({ code: r.code, name: r.name, level: r.level, parentCode: r.parent_code }));
  });
}

/** For other services inside their own transaction: the region row, or undefined. */
export async function findRegionForUpdate(tx: Tx, code: string): Promise<{ code: string; name: string; path: string; level: string } | undefined> {
  return findRegion(tx, normalizeRegionCode(code));
}

export interface LoadCountyResult {
  county: { code: string; name: string };
  townships: number;
  villages: number;
  changed: number;
}

/**
 * Loads a county's real townships and villages from the national division table. Safe to run
 * again: unchanged regions are left alone.
 */
export async function loadCounty(
  db: Kysely<DB>,
  clock: Clock,
  actor: Actor,
  countyCode: string,
  onProgress: (done: number, total: number) => void = () => {},
): Promise<LoadCountyResult> {
  if (actor.role !== 'system') throw forbidden('regions.load');
  const division = readDivisionCounty(countyCode);
  const countyPath = division.code;
  const inputs: RegionInput[] = [
    { code: division.code, name: division.name, level: 'county', kind: null, parentCode: null, path: countyPath },
    ...division.townships.map((t) => ({
      code: t.code,
      name: t.name,
      level: 'township' as const,
      kind: t.kind,
      parentCode: division.code,
      path: `${countyPath}.${t.code}`,
    })),
    ...division.villages.map((v) => ({
      code: v.code,
      name: v.name,
      level: 'village' as const,
      kind: v.kind,
      parentCode: v.townshipCode,
      path: `${countyPath}.${v.townshipCode}.${v.code}`,
    })),
  ];
  return withContext(db, dbContext(actor), async (tx) => {
    let changed = 0;
    for (let i = 0; i < inputs.length; i += 500) {
      changed += await upsertRegions(tx, inputs.slice(i, i + 500));
      onProgress(Math.min(i + 500, inputs.length), inputs.length);
    }
    const counts = await countRegionsByLevel(tx, countyPath);
    await appendAudit(tx, clock, actor, {
      action: 'regions.load',
      targetType: 'region',
      targetId: division.code,
      details: { countyCode, changed, counts },
    });
    return {
      county: { code: division.code, name: division.name },
      townships: counts.township ?? 0,
      villages: counts.village ?? 0,
      changed,
    };
  });
}

/** Counties loaded in this database (normally one). */
export async function listLoadedCounties(db: Kysely<DB>, actor: Actor): Promise<Region[]> {
  return withContext(db, dbContext(actor), async (tx) => presentWithCounts(tx, await listCounties(tx)));
}

/** For other services inside their own transaction: a grid's code, name and path, or undefined. */
export async function findGridForUpdate(tx: Tx, code: string): Promise<{ code: string; name: string; path: string } | undefined> {
  return findGridName(tx, code, '');
}

/**
 * Active households, residents and party members under a county, township or village path, from
 * the tallies (row-level security limits them to the actor's scope, as a count would be).
 * Undefined for any other path (a grid, a group), where the caller counts.
 */
export async function regionTotals(tx: Tx, path: string): Promise<{ households: number; residents: number; partyMembers: number } | undefined> {
  const code = path.slice(path.lastIndexOf('.') + 1);
  const region = await findRegion(tx, code);
  if (!region || region.path !== path || !['county', 'township', 'village'].includes(region.level)) return undefined;
  const t = (await tallyRegions(tx, [code])).get(code);
  return t ? { households: t.households, residents: t.residents, partyMembers: t.party_members } : undefined;
}

/** For other services inside their own transaction: a region and its child regions (code, name, level, path). */
export async function regionWithChildren(
  tx: Tx,
  code: string,
): Promise<
  { region: { code: string; name: string; level: string; path: string }; children: { code: string; name: string; level: string; path: string }[] } | undefined
> {
  const region = await findRegion(tx, normalizeRegionCode(code));
  if (!region) return undefined;
  const pick = (r: RegionRow) => ({ code: r.code, name: r.name, level: r.level, path: r.path });
  return { region: pick(region), children: (await listChildRegions(tx, region.code)).map(pick) };
}

/**
 * For other services inside their own transaction: the villages, or the grids, under a region
 * (code, name, path and, for a grid, its village's name), in code order — what figures per place
 * (the monthly report's hot spots) are computed for.
 */
export async function listAreasUnder(
  tx: Tx,
  rootPath: string,
  level: 'village' | 'grid',
): Promise<{ code: string; name: string; path: string; villageName?: string }[]> {
  if (level === 'grid')
    return (await listGridRows(tx, { scopePath: rootPath })).map((g) => ({ code: g.code, name: g.name, path: g.path, villageName: g.village_name }));
  return (await listPlacesUnder(tx, rootPath)).filter((r) => r.level === 'village').map((r) => ({ code: r.code, name: r.name, path: r.path }));
}
