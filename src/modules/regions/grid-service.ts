import { uuidv7 } from 'uuidv7';
import { can } from '../../platform/accounts/policy.js';
import { dbContext, type Actor } from '../../platform/actor.js';
import { appendAudit } from '../../platform/audit/service.js';
import { SYSTEM_CONTEXT, withContext, type Tx } from '../../platform/db/context.js';
import type { Deps } from '../../platform/deps.js';
import { alreadyExists, AppError, forbidden, invalidField, notFound } from '../../platform/errors.js';
import { toOffsetIso } from '../../platform/time.js';
import { countGridHouseholds } from '../people/index.js';
import { normalizeRegionCode } from './codes.js';
import { normalizePolygon, polygonAreaKm2, polygonBBox, polygonCentroid, type Polygon } from './geometry.js';
import { checkInsideVillage, findOverlap, gridCodeOf, householdWarnings, isGridCodeOf } from './grid-rules.js';
import type { CreateGridBody, Grid, GridKind, GridList, GridListQuery, GridSaveResult, GridWorkerInput, UpdateGridBody } from './grid-schema.js';
import {
  findGridRow,
  findRegionsByCodes,
  insertGrid,
  listAllShapes,
  listGridRows,
  listVillageShapes,
  listWorkerRows,
  lockVillageGrids,
  maxGridSeq,
  readNetworkVersion,
  unitCodeTaken,
  replaceWorkers,
  updateGridRow,
  type GridRow,
  type GridWorkerRow,
  type NewGridWorkerRow,
  type RegionRef,
} from './grid-store.js';
import { cachedGridIndex, invalidateGridIndex, type GridIndex } from './locator.js';
import { canEditGrids, canSeeGrid, canSeeRegion, isWithin } from './policy.js';
import { findRegion } from './store.js';

export function presentGrid(r: GridRow, workers: GridWorkerRow[]): Grid {
  const boundary = r.boundary as Polygon;
  return {
    code: r.code,
    name: r.name,
    kind: r.kind,
    tags: r.tags,
    villageCode: r.village_code,
    villageName: r.village_name,
    villageKind: r.village_kind,
    townshipCode: r.township_code,
    townshipName: r.township_name,
    boundary,
    bbox: [r.min_lng, r.min_lat, r.max_lng, r.max_lat],
    centroid: [r.centroid_lng, r.centroid_lat],
    areaKm2: Math.round(polygonAreaKm2(boundary) * 1000) / 1000,
    workers: workers
      .filter((w) => w.grid_code === r.code)
      .map((w) => ({ id: w.id, userId: w.user_id, name: w.name, employment: w.employment, phoneMasked: w.phone_masked, synthetic: w.synthetic })),
    synthetic: r.synthetic,
    createdAt: toOffsetIso(r.created_at),
    updatedAt: toOffsetIso(r.updated_at),
  };
}

/** What the audit log keeps of a grid: everything but the derived numbers. */
function auditGrid(g: Grid) {
  return {
    code: g.code,
    name: g.name,
    kind: g.kind,
    tags: g.tags,
    villageCode: g.villageCode,
    boundary: g.boundary,
    workers: g.workers.map((w) => ({ name: w.name, employment: w.employment, userId: w.userId, phoneMasked: w.phoneMasked })),
    synthetic: g.synthetic,
  };
}

/** Stored columns derived from a (normalized) boundary. */
export function shapeColumns(boundary: Polygon) {
  const [minLng, minLat, maxLng, maxLat] = polygonBBox(boundary);
  const [centroidLng, centroidLat] = polygonCentroid(boundary);
  return {
    boundary: JSON.stringify(boundary),
    min_lng: minLng,
    min_lat: minLat,
    max_lng: maxLng,
    max_lat: maxLat,
    centroid_lng: centroidLng,
    centroid_lat: centroidLat,
  };
}

export function workerRows(gridCode: string, workers: readonly GridWorkerInput[], synthetic: boolean): NewGridWorkerRow[] {
  const seen = new Set<string>();
  return workers.map((w, i) => {
    if (seen.has(w.name)) throw invalidField(`workers.${i}.name`, '同一网格内网格员姓名重复');
    seen.add(w.name);
    return {
      id: uuidv7(),
      grid_code: gridCode,
      user_id: w.userId ?? null,
      name: w.name,
      employment: w.employment,
      phone_masked: w.phoneMasked ?? null,
      synthetic,
    };
  });
}

/**
 * The locator's index for this database: every grid, read as the system because the index is
 * shared by all callers. Whatever it answers is filtered by the caller's scope before it leaves
 * a service. Load it before opening a transaction (PGlite has a single connection).
 */
export function gridIndexFor(deps: Deps): Promise<GridIndex> {
  return cachedGridIndex(
    deps.db,
    () => withContext(deps.db, SYSTEM_CONTEXT, (tx) => readNetworkVersion(tx)),
    () =>
      withContext(deps.db, SYSTEM_CONTEXT, async (tx) => ({
        version: await readNetworkVersion(tx),
        grids: (await listAllShapes(tx)).map((r) => ({ code: r.code, villageCode: r.village_code, boundary: r.boundary as Polygon })),
      })),
  );
}

/** Refuses a boundary that overlaps a grid of the same village (named) or of another village (via the index). */
export async function checkNoOverlap(tx: Tx, index: GridIndex, boundary: Polygon, villageCode: string, selfCode: string): Promise<void> {
  const sibling = findOverlap(boundary, await listVillageShapes(tx, villageCode), selfCode);
  if (sibling) throw invalidField('boundary', `与本村（社区）网格“${sibling.name}”（${sibling.code}）重叠`);
  const neighbours = index.near(polygonBBox(boundary)).filter((g) => g.villageCode !== villageCode);
  const other = findOverlap(boundary, neighbours, selfCode);
  // Named by code only: the actor may not be allowed to read the other village's grids.
  if (other) throw new AppError('VALIDATION_FAILED', `boundary: 与其他村（社区）的网格（${other.code}）重叠`, { field: 'boundary', conflict: other.code });
}

export function checkedBoundary(input: unknown, field = 'boundary'): Polygon {
  const check = normalizePolygon(input);
  if (!check.ok) throw invalidField(field, check.reason);
  return check.polygon;
}

/** Replaces a grid's workers; an unknown account id is a 400 naming the field, not a bare constraint error. */
async function saveWorkers(tx: Tx, code: string, rows: NewGridWorkerRow[]): Promise<void> {
  try {
    await replaceWorkers(tx, code, rows);
  } catch (err) {
    const e = err as { code?: string; constraint?: string };
    if (e.code === '23503' && e.constraint === 'grid_workers_user_id_fkey') throw invalidField('workers.userId', '账号不存在');
    throw err;
  }
}

async function visibleVillage(tx: Tx, actor: Actor, code: string): Promise<RegionRef> {
  const region = (await findRegionsByCodes(tx, [normalizeRegionCode(code)]))[0];
  if (!region || !canSeeRegion(actor, region.path)) throw notFound('村（社区）', code);
  if (region.level !== 'village') throw invalidField('villageCode', '应为村（社区）级区划代码');
  if (actor.role !== 'system' && !isWithin(region.path, actor.scopePath)) throw notFound('村（社区）', code);
  return region;
}

async function loadGrid(tx: Tx, actor: Actor, code: string): Promise<Grid> {
  const row = await findGridRow(tx, code, actor.scopePath);
  if (!row || !canSeeGrid(actor, row.path)) throw notFound('网格', code);
  return presentGrid(row, await listWorkerRows(tx, [code]));
}

/** Grids in the actor's scope, optionally of one village or township; with boundaries and workers. */
export async function listGrids(deps: Deps, actor: Actor, query: GridListQuery): Promise<GridList> {
  if (!can(actor, 'regions.read')) throw forbidden('regions.read');
  return withContext(deps.db, dbContext(actor), async (tx) => {
    for (const [field, level] of [
      ['villageCode', 'village'],
      ['townshipCode', 'township'],
    ] as const) {
      const code = query[field];
      if (!code) continue;
      const region = await findRegion(tx, code);
      if (!region || !canSeeRegion(actor, region.path)) throw notFound('区划', code);
      if (region.level !== level) throw invalidField(field, level === 'village' ? '应为村（社区）级区划代码' : '应为乡镇（街道）级区划代码');
    }
    const rows = (await listGridRows(tx, { scopePath: actor.scopePath, villageCode: query.villageCode, townshipCode: query.townshipCode })).filter((r) =>
      canSeeGrid(actor, r.path),
    );
    const workers = await listWorkerRows(
      tx,
      rows.map((r) => r.code),
    );
    return { items: rows.map((r) => presentGrid(r, workers)), total: rows.length };
  });
}

export async function getGrid(deps: Deps, actor: Actor, code: string): Promise<Grid> {
  if (!can(actor, 'regions.read')) throw forbidden('regions.read');
  return withContext(deps.db, dbContext(actor), (tx) => loadGrid(tx, actor, code));
}

export type CreateGridParams = CreateGridBody;

/**
 * Draws a new grid in a village: the boundary must be a valid polygon that overlaps no other
 * grid; the code is the village's next sequence unless given. Household count outside the usual
 * range is a warning in the result, not an error.
 */
export async function createGrid(deps: Deps, actor: Actor, p: CreateGridParams): Promise<GridSaveResult> {
  if (!canEditGrids(actor)) throw forbidden('grids.manage');
  const boundary = checkedBoundary(p.boundary);
  const index = await gridIndexFor(deps);
  const result = await withContext(deps.db, dbContext(actor), async (tx) => {
    const village = await visibleVillage(tx, actor, p.villageCode);
    await lockVillageGrids(tx, village.code);
    let code = p.code;
    if (code !== undefined) {
      if (!isGridCodeOf(code, village.code)) throw invalidField('code', `网格编码应为所属村（社区）代码 ${village.code} 加 3 位序号（001–999）`);
      if (await unitCodeTaken(tx, code)) throw alreadyExists('code', '该编码已被本村（社区）的网格或小组使用');
    } else {
      const seq = (await maxGridSeq(tx, village.code)) + 1;
      if (seq > 999) throw invalidField('code', '该村（社区）的网格序号已用完');
      code = gridCodeOf(village.code, seq);
    }
    checkInsideVillage(boundary, village);
    await checkNoOverlap(tx, index, boundary, village.code, code);
    const now = deps.clock.now();
    await insertGrid(tx, {
      code,
      village_code: village.code,
      path: `${village.path}.${code}`,
      name: p.name,
      kind: p.kind ?? 'comprehensive',
      tags: p.tags ?? [],
      ...shapeColumns(boundary),
      synthetic: false,
      created_at: now,
      updated_at: now,
    });
    await saveWorkers(tx, code, workerRows(code, p.workers ?? [], false));
    const grid = await loadGrid(tx, actor, code);
    await appendAudit(tx, deps.clock, actor, { action: 'grid.create', targetType: 'grid', targetId: code, after: auditGrid(grid) });
    return { grid, warnings: householdWarnings(village.kind, p.householdCount, deps.config.gridHouseholds) };
  });
  invalidateGridIndex(deps.db);
  return result;
}

/** Changes a grid's name, kind, tags, boundary or workers (fields left out stay as they are). */
export async function updateGrid(deps: Deps, actor: Actor, code: string, p: UpdateGridBody): Promise<GridSaveResult> {
  if (!canEditGrids(actor)) throw forbidden('grids.manage');
  const boundary = p.boundary === undefined ? undefined : checkedBoundary(p.boundary);
  const index = await gridIndexFor(deps);
  const result = await withContext(deps.db, dbContext(actor), async (tx) => {
    const before = await loadGrid(tx, actor, code);
    await lockVillageGrids(tx, before.villageCode);
    if (boundary) {
      checkInsideVillage(boundary, (await findRegionsByCodes(tx, [before.villageCode]))[0]!);
      await checkNoOverlap(tx, index, boundary, before.villageCode, code);
    }
    const kind: GridKind | undefined = p.kind;
    await updateGridRow(tx, code, {
      ...(p.name !== undefined ? { name: p.name } : {}),
      ...(kind !== undefined ? { kind } : {}),
      ...(p.tags !== undefined ? { tags: p.tags } : {}),
      ...(boundary ? shapeColumns(boundary) : {}),
      updated_at: deps.clock.now(),
    });
    if (p.workers !== undefined) await saveWorkers(tx, code, workerRows(code, p.workers, false));
    const grid = await loadGrid(tx, actor, code);
    await appendAudit(tx, deps.clock, actor, { action: 'grid.update', targetType: 'grid', targetId: code, before: auditGrid(before), after: auditGrid(grid) });
    // Without an estimate from the caller, the warning is about the households registered in the grid.
    const households = p.householdCount ?? (await countGridHouseholds(tx, code));
    return { grid, warnings: householdWarnings(grid.villageKind, households, deps.config.gridHouseholds) };
  });
  invalidateGridIndex(deps.db);
  return result;
}
