import type { Measure } from '../../platform/measures.js';
import { DISPUTE_MEASURES } from '../disputes/index.js';
import { DUTY_MEASURES } from '../duties/index.js';
import { COCREATION_MEASURES } from '../cocreation/index.js';
import { PARTY_MEASURES } from '../party/index.js';
import { PEOPLE_MEASURES } from '../people/index.js';
import { POINTS_MEASURES } from '../points/index.js';
import { REQUEST_MEASURES } from '../requests/index.js';

/** Every module's measures, by id, in the order the overview lists them. Later modules add theirs here. */
const ALL: readonly (readonly [string, readonly Measure[]])[] = [
  ['requests', REQUEST_MEASURES],
  ['disputes', DISPUTE_MEASURES],
  ['people', PEOPLE_MEASURES],
  ['party', PARTY_MEASURES],
  ['duties', DUTY_MEASURES],
  ['cocreation', COCREATION_MEASURES],
  ['points', POINTS_MEASURES],
];

export interface RegisteredMeasure extends Measure {
  module: string;
}

const BY_ID = new Map<string, RegisteredMeasure>();
for (const [module, measures] of ALL) {
  for (const m of measures) {
    if (BY_ID.has(m.id)) throw new Error(`measure ${m.id} is declared twice`);
    BY_ID.set(m.id, { ...m, module });
  }
}

export function allMeasures(): RegisteredMeasure[] {
  return [...BY_ID.values()];
}

export function findMeasure(id: string): RegisteredMeasure | undefined {
  return BY_ID.get(id);
}
