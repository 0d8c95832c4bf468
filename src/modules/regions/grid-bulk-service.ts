import { dbContext, type Actor } from '../../platform/actor.js';
import { appendAudit } from '../../platform/audit/service.js';
import { withContext } from '../../platform/db/context.js';
import type { Deps } from '../../platform/deps.js';
import { forbidden, invalidField, notFound } from '../../platform/errors.js';
import { normalizePolygon, type Polygon } from './geometry.js';
import { checkInsideVillage, findOverlap, isGridCodeOf } from './grid-rules.js';
import type { GridKind, GridWorkerInput } from './grid-schema.js';
import { gridIndexFor, shapeColumns, workerRows } from './grid-service.js';
import { findRegionsByCodes, listGridSummaries, upsertGridBatch, type NewGridRow, type NewGridWorkerRow } from './grid-store.js';
import { GridIndex, invalidateGridIndex } from './locator.js';
import { canEditGrids, isWithin } from './policy.js';

/** One grid to save in bulk (the demo loader, later an import). */
export interface GridInput {
  code: string;
  villageCode: string;
  name: string;
  kind?: GridKind;
  tags?: string[];
  boundary: Polygon;
  workers?: GridWorkerInput[];
}

export interface SaveGridsResult {
  saved: number;
  created: number;
  replaced: number;
}

/** Rows per INSERT: a few hundred keeps each statement well under PostgreSQL's 65,535 parameters. */
const BATCH = 250;

/**
 * Saves many grids at once, marked synthetic (demo data) unless told otherwise: every polygon is
 * checked, none may overlap another (in the input or already stored), and each village must be in
 * the actor's scope. One transaction; rows go in a few hundred per statement with one audit
 * record per batch. Saving the same codes again replaces them (and their workers).
 */
export async function saveGrids(
  deps: Deps,
  actor: Actor,
  grids: readonly GridInput[],
  opts: { synthetic?: boolean; onProgress?: (done: number, total: number) => void } = {},
): Promise<SaveGridsResult> {
  if (!canEditGrids(actor)) throw forbidden('grids.manage');
  const synthetic = opts.synthetic ?? true;
  const seen = new Set<string>();
  const checked = grids.map((g) => {
    if (seen.has(g.code)) throw invalidField('code', `网格编码 ${g.code} 重复`);
    seen.add(g.code);
    if (!isGridCodeOf(g.code, g.villageCode)) throw invalidField('code', `网格编码 ${g.code} 应为村（社区）代码 ${g.villageCode} 加 3 位序号`);
    const check = normalizePolygon(g.boundary);
    if (!check.ok) throw invalidField('boundary', `网格 ${g.code}: ${check.reason}`);
    return { ...g, boundary: check.polygon };
  });

  // Overlaps within the input, then against stored grids that the input does not replace.
  const incoming = new GridIndex(checked.map((g) => ({ code: g.code, villageCode: g.villageCode, boundary: g.boundary })));
  const stored = await gridIndexFor(deps);
  for (const g of checked) {
    const box = shapeColumns(g.boundary);
    const bbox: [number, number, number, number] = [box.min_lng, box.min_lat, box.max_lng, box.max_lat];
    const clash =
      findOverlap(g.boundary, incoming.near(bbox), g.code) ??
      findOverlap(
        g.boundary,
        stored.near(bbox).filter((s) => !seen.has(s.code)),
        g.code,
      );
    if (clash) throw invalidField('boundary', `网格 ${g.code} 与网格 ${clash.code} 重叠`);
  }

  const result = await withContext(deps.db, dbContext(actor), async (tx) => {
    const villageCodes = [...new Set(checked.map((g) => g.villageCode))];
    const villages = new Map((await findRegionsByCodes(tx, villageCodes)).map((v) => [v.code, v]));
    for (const code of villageCodes) {
      const v = villages.get(code);
      if (!v || (actor.role !== 'system' && !isWithin(v.path, actor.scopePath))) throw notFound('村（社区）', code);
      if (v.level !== 'village') throw invalidField('villageCode', `${code} 不是村（社区）级区划`);
    }
    for (const g of checked) checkInsideVillage(g.boundary, villages.get(g.villageCode)!, `boundary (${g.code})`);
    const now = deps.clock.now();
    let created = 0;
    let replaced = 0;
    for (let i = 0; i < checked.length; i += BATCH) {
      const batch = checked.slice(i, i + BATCH);
      const rows: NewGridRow[] = [];
      const workers: NewGridWorkerRow[] = [];
      for (const g of batch) {
        rows.push({
          code: g.code,
          village_code: g.villageCode,
          path: `${villages.get(g.villageCode)!.path}.${g.code}`,
          name: g.name,
          kind: g.kind ?? 'comprehensive',
          tags: g.tags ?? [],
          ...shapeColumns(g.boundary),
          synthetic,
          created_at: now,
          updated_at: now,
        });
        workers.push(...workerRows(g.code, g.workers ?? [], synthetic));
      }
      const before = await listGridSummaries(
        tx,
        batch.map((g) => g.code),
      );
      await upsertGridBatch(tx, rows, workers);
      const after = await listGridSummaries(
        tx,
        batch.map((g) => g.code),
      );
      created += batch.length - before.length;
      replaced += before.length;
      // One record per batch; boundaries are summarized by their box (a batch may hold hundreds).
      await appendAudit(tx, deps.clock, actor, {
        action: 'grid.bulk_save',
        targetType: 'grid',
        targetId: `${batch[0]!.code}..${batch[batch.length - 1]!.code}`,
        before: before.length > 0 ? before : undefined,
        after,
        details: { count: batch.length, synthetic, workers: workers.length },
      });
      opts.onProgress?.(Math.min(i + BATCH, checked.length), checked.length);
    }
    return { saved: checked.length, created, replaced };
  });
  invalidateGridIndex(deps.db);
  return result;
}
