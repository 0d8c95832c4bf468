import { registerHouseholds } from '../../modules/people/bulk-service.js';
import { listChildren, loadCounty } from '../../modules/regions/service.js';
import { SYSTEM_ACTOR } from '../../platform/actor.js';
import type { Deps } from '../../platform/deps.js';
import { progressBar } from '../progress.js';
import { COUNTY_POPULATION, fullScaleHouseholds, generateVillageHouseholds, gridCountFor, type DemoVillage } from './population.js';
import { Random, regionSeed } from '../../platform/synthetic/random.js';

export interface DemoOptions {
  county: string;
  /** 1 = the real population (黎平 ≈ 580,000); 0.1 = a tenth. Grids and geometry do not depend on it. */
  scale: number;
  seed: number;
}

export interface DemoSummary {
  townships: number;
  villages: number;
  grids: number;
  households: number;
  residents: number;
  seconds: number;
}

/** Every village of the county, in code order (the order generation runs in, for determinism). */
async function countyVillages(deps: Deps, county: string): Promise<(DemoVillage & { townshipCode: string })[]> {
  const townships = await listChildren(deps.db, SYSTEM_ACTOR, county);
  const villages: (DemoVillage & { townshipCode: string })[] = [];
  for (const t of townships) {
    for (const v of await listChildren(deps.db, SYSTEM_ACTOR, t.code)) villages.push({ code: v.code, name: v.name, kind: v.kind, townshipCode: t.code });
  }
  return villages.sort((a, b) => a.code.localeCompare(b.code));
}

/**
 * Hook for the grid step: given each village and how many grids it should have, saves the grids
 * and returns their codes per village.
 */
export type GridStep = (villages: (DemoVillage & { townshipCode: string; gridCount: number })[], seed: number) => Promise<Map<string, string[]>>;

/**
 * The demo county: the real region tree, then synthetic grids, households and residents,
 * deterministic for a seed, with a progress bar. Everything generated is marked synthetic.
 */
export async function generateDemoCounty(deps: Deps, opts: DemoOptions, gridStep?: GridStep): Promise<DemoSummary> {
  const started = Date.now();
  const loadBar = progressBar('区划');
  const loaded = await loadCounty(deps.db, deps.clock, SYSTEM_ACTOR, opts.county, (d, t) => loadBar.update(d, t));
  loadBar.stop();
  const villages = await countyVillages(deps, loaded.county.code);

  // Full-scale size first, so grids are the same at every scale; then scale to the real county's population.
  const full = villages.map((v) => fullScaleHouseholds(v, new Random(regionSeed(opts.seed, v.code))));
  const fullTotal = full.reduce((a, b) => a + b, 0);
  const perHousehold = COUNTY_POPULATION / (fullTotal * 3.3);
  const withGrids = villages.map((v, i) => ({ ...v, gridCount: gridCountFor(v, full[i]!) }));
  const gridCodes = gridStep ? await gridStep(withGrids, opts.seed) : new Map<string, string[]>();

  const usedIds = new Set<string>();
  const today = deps.clock.now();
  let households = 0;
  let residents = 0;
  const bar = progressBar(`居民（规模 ${opts.scale}）`);
  for (const [i, v] of villages.entries()) {
    const count = Math.max(1, Math.round(full[i]! * perHousehold * opts.scale));
    const batch = generateVillageHouseholds(v, count, {
      seed: regionSeed(opts.seed + 1, v.code),
      countyCode: opts.county,
      today,
      usedIds,
      gridCodes: gridCodes.get(v.code) ?? [],
    });
    const saved = await registerHouseholds(deps, SYSTEM_ACTOR, v.code, batch, { synthetic: true, source: `demo seed=${opts.seed} scale=${opts.scale}` });
    households += saved.households;
    residents += saved.residents;
    bar.update(i + 1, villages.length);
  }
  bar.stop();
  let grids = 0;
  for (const codes of gridCodes.values()) grids += codes.length;
  return { townships: loaded.townships, villages: loaded.villages, grids, households, residents, seconds: (Date.now() - started) / 1000 };
}
