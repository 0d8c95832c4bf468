// The disputes module's front door: what other modules may call (STYLE.md §13). Nothing else of
// this folder is imported from outside it.

export { openCaseFromOrder } from './create-service.js';
export { numberCase } from './core.js';
export { isDisputeType } from './levels.js';
export { describeDisputeSweep, sweepDisputes, type DisputeSweepResult } from './sweep-service.js';
export { seedDemoDisputes, type DemoDisputesSummary } from './demo.js';
export { disputeRoutes } from './routes.js';
export { DISPUTE_MEASURES } from './measures.js';
