import { can } from '../../platform/accounts/policy.js';
import { dbContext, type Actor } from '../../platform/actor.js';
import { withContext, type Tx } from '../../platform/db/context.js';
import type { Deps } from '../../platform/deps.js';
import { forbidden, invalidField } from '../../platform/errors.js';
import type { LocateQuery, LocateResult } from './grid-schema.js';
import { gridIndexFor } from './grid-service.js';
import { findGridName, searchPlaces, type PlaceCandidate } from './grid-store.js';
import { canSeeGrid, canSeeRegion } from './policy.js';
import { findRegion } from './store.js';

const NOTHING: LocateResult = { grid: null, village: null, township: null };

/** A name must score at least this (0–1) to count as a match for an address. */
export const ADDRESS_MIN_SCORE = 0.6;
/** Scores closer than this are a tie: the address does not tell the places apart. */
const TIE = 1e-6;
/** A place whose parent is also named in the address is preferred over a namesake elsewhere. */
const PARENT_BONUS = 0.05;
/** A more specific level must match nearly as well as the best match ("肇兴镇" is the town, not 肇兴村). */
const LEVEL_MARGIN = 0.2;

/** The township holding a village: by the statistical code, the first 9 digits padded with zeros. */
function townshipCodeOf(villageCode: string): string {
  return villageCode.slice(0, 9).padEnd(12, '0');
}

/**
 * Names for a located grid and/or village, each read under the actor's row-level security and
 * checked against the actor's scope: a level the actor may not see comes back null.
 */
async function describePlace(tx: Tx, actor: Actor, gridCode: string | null, villageCode: string | null): Promise<LocateResult> {
  let grid: LocateResult['grid'] = null;
  if (gridCode) {
    const g = await findGridName(tx, gridCode, actor.scopePath);
    if (g && canSeeGrid(actor, g.path)) grid = { code: g.code, name: g.name };
  }
  if (!villageCode) return { ...NOTHING, grid };
  const village = await findRegion(tx, villageCode);
  const township = await findRegion(tx, village?.parent_code ?? townshipCodeOf(villageCode));
  return {
    grid,
    village: village && canSeeRegion(actor, village.path) ? { code: village.code, name: village.name } : null,
    township: township && canSeeRegion(actor, township.path) ? { code: township.code, name: township.name } : null,
  };
}

/**
 * The grid a point falls in, from the in-process index alone (no reading): intake, which runs
 * as the server and needs the codes, not names.
 */
export async function gridAt(deps: Deps, lat: number, lng: number): Promise<{ gridCode: string; villageCode: string; townshipCode: string } | null> {
  if (!Number.isFinite(lat) || lat < -90 || lat > 90) throw invalidField('lat', '纬度应在 -90 到 90 之间');
  if (!Number.isFinite(lng) || lng < -180 || lng > 180) throw invalidField('lng', '经度应在 -180 到 180 之间');
  const hit = (await gridIndexFor(deps)).locate(lng, lat);
  return hit && { gridCode: hit.code, villageCode: hit.villageCode, townshipCode: townshipCodeOf(hit.villageCode) };
}

/**
 * Which grid, village and township a point falls in (WGS-84). The in-process index finds the
 * grid; names are then read as the actor, so a point in a village outside the actor's scope
 * gives only what they may see (e.g. just the township, an ancestor). Used by intake.
 */
export async function locatePoint(deps: Deps, actor: Actor, lat: number, lng: number): Promise<LocateResult> {
  if (!can(actor, 'regions.read')) throw forbidden('regions.read');
  if (!Number.isFinite(lat) || lat < -90 || lat > 90) throw invalidField('lat', '纬度应在 -90 到 90 之间');
  if (!Number.isFinite(lng) || lng < -180 || lng > 180) throw invalidField('lng', '经度应在 -180 到 180 之间');
  const hit = (await gridIndexFor(deps)).locate(lng, lat);
  if (!hit) return NOTHING;
  return withContext(deps.db, dbContext(actor), (tx) => describePlace(tx, actor, hit.code, hit.villageCode));
}

function best(list: PlaceCandidate[], bonus: (c: PlaceCandidate) => number): { pick: PlaceCandidate | null; score: number } {
  let pick: PlaceCandidate | null = null;
  let top = -Infinity;
  let tied = false;
  for (const c of list) {
    const s = c.score + bonus(c);
    if (s > top + TIE) {
      pick = c;
      top = s;
      tied = false;
    } else if (s > top - TIE) tied = true;
  }
  return tied ? { pick: null, score: top } : { pick, score: top };
}

/**
 * Picks the most specific place an address names without ambiguity and about as well as its
 * best match: a grid, else a group (村民小组, reported as its village), else a village, else a
 * township. A namesake whose parent
 * the address also names wins (中潮镇宝塘村 over the other 宝塘村); a tie at a level means that
 * level is unknown. Pure, so the rules are tested without a database.
 */
export function resolvePlace(candidates: PlaceCandidate[]): { gridCode: string | null; villageCode: string | null; townshipCode: string | null } {
  const of = (kind: PlaceCandidate['kind']) => candidates.filter((c) => c.kind === kind);
  const township = best(of('township'), () => 0);
  const bonusIf = (code: string | undefined) => (c: PlaceCandidate) => (code && c.parent_code === code ? PARENT_BONUS : 0);
  const village = best(of('village'), bonusIf(township.pick?.code));
  const group = best(of('group'), bonusIf(village.pick?.code));
  const grid = best(of('grid'), bonusIf(village.pick?.code));
  const top = Math.max(township.score, village.score, group.score, grid.score);
  const strong = (level: { pick: PlaceCandidate | null; score: number }) => level.pick !== null && level.score >= top - LEVEL_MARGIN;
  if (strong(grid) && grid.score >= village.score - TIE) return { gridCode: grid.pick!.code, villageCode: grid.pick!.parent_code, townshipCode: null };
  if (strong(group) && group.score >= village.score - TIE) return { gridCode: null, villageCode: group.pick!.parent_code, townshipCode: null };
  if (strong(village)) return { gridCode: null, villageCode: village.pick!.code, townshipCode: null };
  if (township.pick) return { gridCode: null, villageCode: null, townshipCode: township.pick.code };
  return { gridCode: null, villageCode: null, townshipCode: null };
}

/**
 * Which grid, village and township an address names, by fuzzy match (pg_trgm) on the names of
 * the regions and grids the actor can see. 200 with nulls when nothing matches well enough.
 */
export async function locateAddress(deps: Deps, actor: Actor, address: string): Promise<LocateResult> {
  if (!can(actor, 'regions.read')) throw forbidden('regions.read');
  const text = address.replace(/\s+/g, '').slice(0, 200);
  if (text.length === 0) throw invalidField('address', '不能为空');
  return withContext(deps.db, dbContext(actor), async (tx) => {
    const place = resolvePlace(await searchPlaces(tx, text, actor.scopePath, ADDRESS_MIN_SCORE, 200));
    if (place.villageCode) return describePlace(tx, actor, place.gridCode, place.villageCode);
    if (!place.townshipCode) return NOTHING;
    const t = await findRegion(tx, place.townshipCode);
    return { ...NOTHING, township: t && canSeeRegion(actor, t.path) ? { code: t.code, name: t.name } : null };
  });
}

/** GET /locate: coordinates or an address, not both. */
export async function locate(deps: Deps, actor: Actor, q: LocateQuery): Promise<LocateResult> {
  if (q.address !== undefined) {
    if (q.lat !== undefined || q.lng !== undefined) throw invalidField('address', '不能与 lat/lng 同时提供');
    return locateAddress(deps, actor, q.address);
  }
  if (q.lat === undefined) throw invalidField('lat', '必填（或改用 address）');
  if (q.lng === undefined) throw invalidField('lng', '必填');
  return locatePoint(deps, actor, q.lat, q.lng);
}

/**
 * The outer ring of the grid a point falls in, for a small map around the point (the resident's
 * report page); null outside every grid. Grid outlines are administrative, not personal, data.
 */
export async function gridOutlineAt(deps: Deps, lat: number, lng: number): Promise<[number, number][] | null> {
  if (!Number.isFinite(lat) || !Number.isFinite(lng)) return null;
  const hit = (await gridIndexFor(deps)).locate(lng, lat);
  return hit ? (hit.boundary.coordinates[0] ?? null) : null;
}
