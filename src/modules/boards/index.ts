// The boards module's front door: what other modules may call (STYLE.md §13).

export { boardRoutes as boardsRoutes } from './board-routes.js';
export { ineligibleHouseholds } from './board-service.js';
export type { Ineligible } from './board-schema.js';
export { BOARD_NAMES, INELIGIBLE_BOARDS, type Board } from './kinds.js';
