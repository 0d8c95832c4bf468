// The points module's front door: what other modules may call (STYLE.md §13).

export { pointsRoutes } from './routes.js';
export { verifyPoints, type VerifyResult } from './verify-service.js';
export { POINTS_MEASURES } from './measures.js';
