// The requests module's front door: what other modules may call (STYLE.md §13). Nothing else of
// this folder is imported from outside it. Kept to leaf files, so a module the requests services
// themselves import (disputes opens a case from an order) can import this without a cycle.

export { settleOrderForDispute, type DisputeOrderSettlement, type DisputeOutcome } from './dispute-outcome.js';
export { deliverPending } from './notify.js';
export { appendEvent, notifyUnit } from './stages.js';
export { lockOrderForOpinion } from './opinion-order.js';
export type { OrderRow } from './store.js';
export { SUBCATEGORIES, subcategory } from './taxonomy/index.js';
export { REQUEST_MEASURES } from './measures.js';
export { catchUpRollups, rebuildRollups, rollupBacklog } from './rollup-service.js';
