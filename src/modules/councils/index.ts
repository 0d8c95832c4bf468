// The councils module's front door: what other modules may call (STYLE.md §13).

export { councilRoutes as councilsRoutes } from './council-routes.js';
export { councilForBoard, councilNames } from './council-service.js';
export { sendDutyReminders } from './shift-service.js';
export { GOVERNANCE_TAGS } from './kinds.js';
// For the demo generator (src/modules/boards/demo.ts): set up bodies, members and shifts through the services.
export { addMember, createBody } from './council-service.js';
export { createShift } from './shift-service.js';
