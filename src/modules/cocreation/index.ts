// The co-creation module's front door: what other modules may call (STYLE.md §13).

export { cocreationRoutes } from './routes.js';
export { sweepCocreation } from './sweep-service.js';
export { COCREATION_MEASURES } from './measures.js';
export { PASS_HEADER, readResidentPass, residentActor, type ResidentPass } from './resident-pass.js';
