// The co-creation module's front door: what other modules may call (STYLE.md §13).

export { cocreationRoutes } from './routes.js';
