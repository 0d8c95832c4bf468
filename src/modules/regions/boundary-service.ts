import { dbContext, type Actor } from '../../platform/actor.js';
import { appendAudit } from '../../platform/audit/service.js';
import { withContext, type Tx } from '../../platform/db/context.js';
import type { Deps } from '../../platform/deps.js';
import { forbidden, invalidField, notFound } from '../../platform/errors.js';
import { normalizeRegionCode } from './codes.js';
import { polygonWithin, type Polygon } from './geometry.js';
import { checkedBoundary } from './grid-service.js';
import { listVillageShapes } from './grid-store.js';
import { canEditGrids, canSeeRegion, isWithin } from './policy.js';
import type { Region } from './schema.js';
import { presentWithCounts } from './service.js';
import { findRegion, setRegionBoundary } from './store.js';

/** Why a village boundary cannot stand: the first of its grids that would lie outside it. */
async function gridOutside(tx: Tx, villageCode: string, boundary: Polygon): Promise<string | undefined> {
  const grids = await listVillageShapes(tx, villageCode);
  return grids.find((g) => !polygonWithin(g.boundary as Polygon, boundary))?.code;
}

/**
 * Draws (or removes, with null) a village's boundary. Every grid already in the village must lie
 * inside it. The township or county draws it: a village cadre cannot change their own village's
 * row (row-level security, 0001).
 */
export async function setVillageBoundary(deps: Deps, actor: Actor, code: string, input: unknown): Promise<Region> {
  if (!canEditGrids(actor)) throw forbidden('regions.boundary');
  const boundary = input === null ? null : checkedBoundary(input);
  return withContext(deps.db, dbContext(actor), async (tx) => {
    const village = await findRegion(tx, normalizeRegionCode(code));
    if (!village || !canSeeRegion(actor, village.path)) throw notFound('村（社区）', code);
    if (village.level !== 'village') throw invalidField('code', '只有村（社区）有边界');
    if (actor.role !== 'system' && (!isWithin(village.path, actor.scopePath) || village.path === actor.scopePath)) {
      throw forbidden('regions.boundary'); // drawn from above: by the township or the county
    }
    if (boundary) {
      const outside = await gridOutside(tx, village.code, boundary);
      if (outside) throw invalidField('boundary', `本村（社区）的网格 ${outside} 在这条边界之外，请先调整网格`);
    }
    const before = village.boundary ?? null;
    await setRegionBoundary(tx, village.code, boundary);
    const [after] = await presentWithCounts(tx, [(await findRegion(tx, village.code))!]);
    await appendAudit(tx, deps.clock, actor, {
      action: 'region.boundary',
      targetType: 'region',
      targetId: village.code,
      before: { boundary: before },
      after: { boundary },
    });
    return after!;
  });
}

/** The demo loader's village areas, in one statement per batch (no per-village audit: one record). */
export async function saveVillageBoundaries(deps: Deps, actor: Actor, boundaries: { code: string; boundary: Polygon }[]): Promise<void> {
  if (actor.role !== 'system') throw forbidden('regions.boundary');
  await withContext(deps.db, dbContext(actor), async (tx) => {
    for (const b of boundaries) await setRegionBoundary(tx, b.code, checkedBoundary(b.boundary));
    await appendAudit(tx, deps.clock, actor, { action: 'region.boundary_bulk', targetType: 'region', targetId: 'demo', details: { count: boundaries.length } });
  });
}
