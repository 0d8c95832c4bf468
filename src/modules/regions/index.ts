// The regions module's front door: what other modules may call (STYLE.md §13). The requests module
// goes through it; older callers elsewhere still import the files directly and move here as they change.

export { generateCountyGrids, interiorPoints } from './demo-geometry.js';
export { readDivisionCounty } from './division.js';
export { polygonCentroid, type Polygon } from './geometry.js';
export { saveGrids, type GridInput } from './grid-bulk-service.js';
export { gridAt, gridOutlineAt, locateAddress, locatePoint } from './locate-service.js';
export { isWithin } from './policy.js';
export { findRegionForUpdate, getRegion, listAreasUnder, listChildren, listLoadedCounties, regionWithChildren } from './service.js';
export { getGrid, listGrids } from './grid-service.js';
