/**
 * Grid locator benchmark: `npx tsx bench/locator.ts [points] [seed]`.
 *
 * Builds 黎平县's (522631) synthetic demo grids in memory (no database), samples random points
 * uniformly in the county's bounding box (plus a 5% margin), and times point → grid lookups with the Flatbush index
 * and with a linear scan of every grid (bounding box first, then point-in-polygon) in the same
 * run, and checks that both give the same answer for every point. Two layouts: the demo's
 * (4 grids per urban community, 2 per rural village) and a dense one at the top of the design's
 * range for a county (16 per village, about 5,000 grids).
 *
 * The machine may be shared, so the two methods run in interleaved rounds and each reports its
 * median round. Figures on stdout; progress on stderr.
 */
import { generateCountyGrids, layoutCounty, seededRandom, type DemoVillage } from '../src/modules/regions/demo-geometry.js';
import { readDivisionCounty } from '../src/modules/regions/division.js';
import { GridIndex, locateLinear, prepareLinear } from '../src/modules/regions/locator.js';

const POINTS = Number(process.argv[2] ?? 100_000);
const SEED = process.argv[3] ?? 'bench';
const COUNTY = '522631';
const ROUNDS = 5;

const villages = readDivisionCounty(COUNTY).villages;
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

function scenario(label: string, gridsPerVillage?: (v: DemoVillage) => number): void {
  const grids = generateCountyGrids(villages, { seed: SEED, gridsPerVillage });
  // The county's bbox with a 5% margin all round, so some points fall outside every grid.
  const box = layoutCounty(villages, { seed: SEED }).bbox;
  const [mx, my] = [(box[2] - box[0]) * 0.05, (box[3] - box[1]) * 0.05];
  const [minLng, minLat, maxLng, maxLat] = [box[0] - mx, box[1] - my, box[2] + mx, box[3] + my];
  const rand = seededRandom(`${SEED}:points`);
  const lngs = new Float64Array(POINTS);
  const lats = new Float64Array(POINTS);
  for (let i = 0; i < POINTS; i++) {
    lngs[i] = minLng + rand() * (maxLng - minLng);
    lats[i] = minLat + rand() * (maxLat - minLat);
  }

  const t0 = performance.now();
  const index = new GridIndex(grids);
  const buildMs = performance.now() - t0;
  const linear = prepareLinear(grids);

  const indexed = new Array<string | null>(POINTS);
  const scanned = new Array<string | null>(POINTS);
  const passIndex = () => {
    const t = performance.now();
    for (let i = 0; i < POINTS; i++) indexed[i] = index.locate(lngs[i]!, lats[i]!)?.code ?? null;
    return performance.now() - t;
  };
  const passLinear = () => {
    const t = performance.now();
    for (let i = 0; i < POINTS; i++) scanned[i] = locateLinear(linear.grids, linear.bboxes, lngs[i]!, lats[i]!)?.code ?? null;
    return performance.now() - t;
  };

  // A warm-up pass each (the JIT compiles both paths), then interleaved timed rounds.
  const started = performance.now();
  passIndex();
  passLinear();
  const indexMs: number[] = [];
  const linearMs: number[] = [];
  for (let r = 1; r <= ROUNDS; r++) {
    indexMs.push(passIndex());
    linearMs.push(passLinear());
    if (performance.now() - started > 2000) process.stderr.write(`${label}: round ${r}/${ROUNDS}\n`);
  }

  let mismatches = 0;
  let located = 0;
  for (let i = 0; i < POINTS; i++) {
    if (indexed[i] !== scanned[i]) mismatches += 1;
    if (indexed[i] !== null) located += 1;
  }
  const fast = median(indexMs);
  const slow = median(linearMs);
  console.log(
    `\n${label}: ${fmt(grids.length)} grids in ${fmt(villages.length)} villages of ${COUNTY} (seed ${SEED}); index built in ${buildMs.toFixed(1)} ms`,
  );
  console.log(`  points         ${fmt(POINTS)} uniform in the county bbox + 5%, ${fmt(located)} inside a grid; median of ${ROUNDS} rounds`);
  console.log(`  flatbush index ${fmt((POINTS / fast) * 1000).padStart(11)} lookups/s  (${((fast * 1000) / POINTS).toFixed(2)} µs each)`);
  console.log(`  linear scan    ${fmt((POINTS / slow) * 1000).padStart(11)} lookups/s  (${((slow * 1000) / POINTS).toFixed(2)} µs each)`);
  console.log(`  ratio          ${(slow / fast).toFixed(1)}× faster with the index`);
  console.log(`  answers        ${mismatches === 0 ? 'identical for every point' : `${fmt(mismatches)} MISMATCHES`}`);
  if (mismatches > 0) process.exitCode = 1;
}

scenario('demo layout (4 per community, 2 per village)');
scenario('dense layout (16 per village)', () => 16);
