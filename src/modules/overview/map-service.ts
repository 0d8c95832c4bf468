import fs from 'node:fs';
import { can } from '../../platform/accounts/policy.js';
import { dbContext, type Actor } from '../../platform/actor.js';
import { withContext } from '../../platform/db/context.js';
import type { Deps } from '../../platform/deps.js';
import { forbidden, invalidField, outOfScope } from '../../platform/errors.js';
import { findRegionForUpdate, getGrid, getRegion, isWithin, listChildren, listGrids, polygonCentroid, type Polygon } from '../regions/index.js';
import { bboxOf, hullOf, thinPolygon } from './map-geometry.js';
import type { MapArea, MapOutlines, MapOutlinesQuery, OutlineFeature } from './map-schema.js';

// Outlines for the command map (一图全览): a region's children as GeoJSON, thinned on the server,
// read through the regions module's services, so its scope rules and row-level security hold.

type Level = MapArea['level'];
type Source = OutlineFeature['properties']['source'];

const CHILD_LEVEL: Record<string, Level | undefined> = { county: 'township', township: 'village', village: 'grid' };
/** Thinning per level of what is drawn, in degrees (~1 km⁻¹ at 26°N: 0.0005° ≈ 50 m). */
const TOLERANCE: Record<Level, number> = { county: 0.0005, township: 0.0003, village: 0.0001, grid: 0.00002 };

interface ReferenceOutline {
  polygon: Polygon;
  attribution: string;
}

const referenceCache = new Map<string, ReferenceOutline | null>();

/**
 * A county's real outline from src/modules/overview/geo/<6-digit code>.json, when the repository
 * carries one (geo/ATTRIBUTION.md says where each came from). Read once per county.
 */
export function referenceOutline(countyCode: string): ReferenceOutline | null {
  const key = countyCode.slice(0, 6);
  if (referenceCache.has(key)) return referenceCache.get(key)!;
  const file = new URL(`./geo/${key}.json`, import.meta.url);
  let found: ReferenceOutline | null = null;
  if (fs.existsSync(file)) {
    const fc = JSON.parse(fs.readFileSync(file, 'utf8')) as { features: { properties: { source: string; licence: string }; geometry: Polygon }[] };
    const f = fc.features[0]!;
    found = { polygon: f.geometry, attribution: `县界：${f.properties.source}（${f.properties.licence}）` };
  }
  referenceCache.set(key, found);
  return found;
}

function feature(area: MapArea, polygon: Polygon, source: Source): OutlineFeature {
  const thin = thinPolygon(polygon, TOLERANCE[area.level]);
  const [x, y] = polygonCentroid(thin);
  return {
    type: 'Feature',
    id: area.code,
    properties: {
      code: area.code,
      name: area.name,
      level: area.level,
      source,
      labelPoint: [Math.round(x * 1e6) / 1e6, Math.round(y * 1e6) / 1e6],
      drillable: area.level !== 'grid',
    },
    geometry: thin,
  };
}

const asPolygon = (b: unknown): Polygon | null => {
  const p = b as Polygon | null;
  return p && p.type === 'Polygon' && Array.isArray(p.coordinates) && p.coordinates.length > 0 ? p : null;
};

/** Villages under a township with their outlines: the stored boundary, else the hull of the village's grids. */
async function villageOutlines(deps: Deps, actor: Actor, townshipCode: string): Promise<{ area: MapArea; polygon: Polygon; source: Source }[]> {
  const villages = (await listChildren(deps.db, actor, townshipCode)).filter((v) => v.level === 'village');
  const missing = villages.filter((v) => !asPolygon(v.boundary));
  const gridsByVillage = new Map<string, Polygon[]>();
  if (missing.length) {
    for (const g of (await listGrids(deps, actor, { townshipCode })).items) {
      gridsByVillage.set(g.villageCode, [...(gridsByVillage.get(g.villageCode) ?? []), g.boundary as Polygon]);
    }
  }
  const out: { area: MapArea; polygon: Polygon; source: Source }[] = [];
  for (const v of villages) {
    const area: MapArea = { code: v.code, name: v.name, level: 'village' };
    const boundary = asPolygon(v.boundary);
    if (boundary) out.push({ area, polygon: boundary, source: 'boundary' });
    else {
      const hull = hullOf(gridsByVillage.get(v.code) ?? []);
      if (hull) out.push({ area, polygon: hull, source: 'hull' });
    }
  }
  return out;
}

function tilesOf(deps: Deps): string[] {
  return deps.config.mapTiles ?? [];
}

function attributionOf(deps: Deps, reference: ReferenceOutline | null): string[] {
  return [
    ...(reference ? [reference.attribution] : []),
    ...(deps.config.mapTiles?.length ? [deps.config.mapTilesAttribution ?? '底图：GONGZHI_MAP_TILES'] : []),
  ];
}

/** A grid drawn alone (the last level): its own polygon as the frame, no children. */
async function gridOutlines(deps: Deps, actor: Actor, code: string, trail: MapArea[]): Promise<MapOutlines> {
  const g = await getGrid(deps, actor, code);
  const region: MapArea = { code: g.code, name: g.name, level: 'grid' };
  const frame = feature(region, g.boundary as Polygon, 'boundary');
  return {
    region,
    trail: [...trail, region],
    frame,
    children: { type: 'FeatureCollection', features: [] },
    bbox: bboxOf([frame.geometry as Polygon]),
    tiles: tilesOf(deps),
    attribution: attributionOf(deps, null),
  };
}

/**
 * The outlines under a region in the actor's scope (their own region by default): a county's
 * townships, a township's villages, a village's grids, or one grid. A region outside the scope
 * (an ancestor included: a township official asking for the county) is refused on regionCode.
 */
export async function regionOutlines(deps: Deps, actor: Actor, q: MapOutlinesQuery): Promise<MapOutlines> {
  if (!can(actor, 'regions.read')) throw forbidden('regions.read');
  const asked = q.regionCode ?? actor.regionCode;
  const gridCode = asked.length === 15 ? asked : null;
  const regionCode = gridCode ? gridCode.slice(0, 12) : asked;
  const { region, trail } = await withContext(deps.db, dbContext(actor), async (tx) => {
    const found = await findRegionForUpdate(tx, regionCode);
    const inScope = found && (actor.role === 'system' || isWithin(found.path, actor.scopePath));
    if (!found || !inScope) throw outOfScope('regionCode', '区划不存在或不在您的管理范围内');
    if (!(found.level in CHILD_LEVEL) || (gridCode && found.level !== 'village')) {
      throw invalidField('regionCode', '地图区域应为县、乡镇（街道）、村（社区）或网格');
    }
    // Breadcrumbs: from the actor's own region (the top of their scope) down to the one asked for.
    const labels = found.path.split('.');
    const top = actor.scopePath ? actor.scopePath.split('.').length - 1 : 0;
    const trail: MapArea[] = [];
    for (const label of labels.slice(top)) {
      const r = label === found.code ? found : await findRegionForUpdate(tx, label);
      if (r) trail.push({ code: r.code, name: r.name, level: r.level as Level });
    }
    return { region: { code: found.code, name: found.name, level: found.level as Level }, trail };
  });
  if (gridCode) return gridOutlines(deps, actor, gridCode, trail);

  let parts: { area: MapArea; polygon: Polygon; source: Source }[] = [];
  let frame: OutlineFeature | null = null;
  let reference: ReferenceOutline | null = null;
  if (region.level === 'county') {
    const townships = (await listChildren(deps.db, actor, region.code)).filter((t) => t.level === 'township');
    for (const t of townships) {
      const hull = hullOf((await villageOutlines(deps, actor, t.code)).map((v) => v.polygon));
      if (hull) parts.push({ area: { code: t.code, name: t.name, level: 'township' }, polygon: hull, source: 'hull' });
    }
    reference = referenceOutline(region.code);
    const own = reference?.polygon ?? hullOf(parts.map((p) => p.polygon));
    if (own) frame = feature(region, own, reference ? 'reference' : 'hull');
  } else if (region.level === 'township') {
    parts = await villageOutlines(deps, actor, region.code);
    const hull = hullOf(parts.map((p) => p.polygon));
    if (hull) frame = feature(region, hull, 'hull');
  } else {
    const grids = (await listGrids(deps, actor, { villageCode: region.code })).items;
    parts = grids.map((g) => ({ area: { code: g.code, name: g.name, level: 'grid' as const }, polygon: g.boundary as Polygon, source: 'boundary' as const }));
    const boundary = asPolygon((await getRegion(deps.db, actor, region.code)).boundary);
    const own = boundary ?? hullOf(parts.map((p) => p.polygon));
    if (own) frame = feature(region, own, boundary ? 'boundary' : 'hull');
  }
  const features = parts.map((p) => feature(p.area, p.polygon, p.source));
  return {
    region,
    trail,
    frame,
    children: { type: 'FeatureCollection', features },
    bbox: bboxOf([...(frame ? [frame.geometry as Polygon] : []), ...features.map((f) => f.geometry as Polygon)]),
    tiles: tilesOf(deps),
    attribution: attributionOf(deps, reference),
  };
}
