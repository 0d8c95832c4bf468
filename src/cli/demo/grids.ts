import type { Deps } from '../../platform/deps.js';
import type { GridStep } from './county.js';

/** Grids for the demo county. Synthetic geometry lands with the grid module; until then none. */
export function demoGridStep(_deps: Deps): GridStep {
  return async () => new Map();
}
