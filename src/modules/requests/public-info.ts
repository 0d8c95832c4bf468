import { SYSTEM_ACTOR } from '../../platform/actor.js';
import type { Deps } from '../../platform/deps.js';
import { gridOutlineAt, locateAddress, locatePoint } from '../regions/index.js';
import { listLoadedCounties } from '../regions/index.js';
import type { PublicInfo, PublicPlace, PublicPlaceQuery } from './public-schema.js';

let countyNameCache: string | undefined;

/** The county's name: configured, else the county region loaded in the database. */
async function countyName(deps: Deps): Promise<string> {
  if (deps.config.countyName) return deps.config.countyName;
  if (countyNameCache) return countyNameCache;
  const counties = await listLoadedCounties(deps.db, SYSTEM_ACTOR);
  const name = counties[0]?.name;
  if (name) countyNameCache = name;
  return name ?? '';
}

/** GET /public/info: the county, its hotline and the privacy facts (configuration; no personal data). */
export async function publicInfo(deps: Deps): Promise<PublicInfo> {
  const county = await countyName(deps);
  return {
    countyName: county,
    hotline: deps.config.hotline,
    privacyContact: deps.config.privacyContact ?? null,
    retentionYears: deps.config.recordRetentionYears,
  };
}

/**
 * GET /public/place: the village, township and grid a resident's point falls in, by name, and —
 * when the typed address names a different village or township — that place, so the form can warn
 * before the report goes to the wrong place. An address that contains the located village's or
 * township's own name agrees, whatever else it says.
 */
export async function publicPlace(deps: Deps, q: PublicPlaceQuery): Promise<PublicPlace> {
  const at = await locatePoint(deps, SYSTEM_ACTOR, q.lat, q.lng);
  const address = q.address?.replace(/\s+/g, '') ?? '';
  const short = <T extends { code: string; name: string } | null>(n: T): T => (n ? { ...n, name: shortPlaceName(n.name) } : n);
  let addressNames: PublicPlace['addressNames'] = null;
  if (address && at.village && !namesPlace(address, at.village.name) && !(at.township && namesPlace(address, at.township.name))) {
    const typed = await locateAddress(deps, SYSTEM_ACTOR, address);
    if (typed.village && typed.village.code !== at.village.code) addressNames = short(typed.village);
    else if (!typed.village && typed.township && typed.township.code !== at.township?.code) addressNames = short(typed.township);
  }
  return { township: short(at.township), village: short(at.village), grid: at.grid, addressNames, outline: thin(await gridOutlineAt(deps, q.lat, q.lng)) };
}

/** A ring cut to at most 120 points, to 6 decimals (about 0.1 m): enough for a thumbnail map. */
function thin(ring: [number, number][] | null): [number, number][] | null {
  if (!ring) return null;
  const step = Math.ceil(ring.length / 120);
  const kept = ring.filter((_, i) => i % step === 0);
  return kept.map(([x, y]) => [Math.round(x * 1e6) / 1e6, Math.round(y * 1e6) / 1e6]);
}

/** A village as people say it: 上黄村村民委员会 → 上黄村, 双凤社区居民委员会 → 双凤社区. */
export function shortPlaceName(name: string): string {
  return name.replace(/(村民委员会|居民委员会|村委会|居委会)$/, '').replace(/^(.+村)村$/, '$1') || name;
}

/** Whether typed text names a place: its short name, or its core without 村/社区/镇/乡/街道 (上黄村 → 上黄). */
export function namesPlace(text: string, name: string): boolean {
  const shortName = shortPlaceName(name);
  const core = shortName.replace(/(村|社区|镇|乡|街道|苗族乡|侗族乡|民族乡)$/, '');
  return text.includes(shortName) || (core.length >= 2 && text.includes(core));
}
