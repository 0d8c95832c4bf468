import { saveVillageBoundaries } from '../../modules/regions/boundary-service.js';
import { generateCountyGrids, villageBoundaries } from '../../modules/regions/demo-geometry.js';
import { saveGrids } from '../../modules/regions/grid-bulk-service.js';
import { SYSTEM_ACTOR } from '../../platform/actor.js';
import type { Deps } from '../../platform/deps.js';
import { progressBar } from '../progress.js';
import type { GridStep } from './county.js';

/** Synthetic village areas, and grids that tile each, as many per village as its households need. */
export function demoGridStep(deps: Deps): GridStep {
  return async (villages, seed) => {
    const counts = new Map(villages.map((v) => [v.code, v.gridCount]));
    const grids = generateCountyGrids(villages, { seed, gridsPerVillage: (v) => counts.get(v.code) ?? 1 });
    // Villages get the areas their grids tile, so "a grid lies inside its village" holds from the start.
    await saveVillageBoundaries(deps, SYSTEM_ACTOR, villageBoundaries(villages, { seed }));
    const bar = progressBar('网格');
    await saveGrids(deps, SYSTEM_ACTOR, grids, { synthetic: true, onProgress: (d, t) => bar.update(d, t) });
    bar.stop();
    const byVillage = new Map<string, string[]>();
    for (const g of grids) byVillage.set(g.villageCode, [...(byVillage.get(g.villageCode) ?? []), g.code]);
    return byVillage;
  };
}
