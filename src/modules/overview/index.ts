// The overview module's front door: what other modules may call (STYLE.md §13). Reports and
// assessment read figures through computeMeasures, never from another module's tables.

export { computeMeasures, freshenMeasures, periodBounds, pickMeasures } from './service.js';
export { allMeasures, findMeasure, type RegisteredMeasure } from './registry.js';
export { overviewRoutes } from './routes.js';
export { mapRoutes } from './map-routes.js';
export type { MapOutlines, OutlineFeature } from './map-schema.js';
export { sweepMonthlyReports, type ReportSweepResult } from './report-archive.js';
