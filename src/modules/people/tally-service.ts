// For other modules, inside their own transaction: what the registry holds per group and grid.
// They reach the people module's tables only through here (the region tree, the grid size warning).
export { countGridHouseholds, tallyGroups } from './store.js';
