// The duties module's front door: what other modules may call (STYLE.md §13). Kept to leaf files
// (the overview's registry imports the measures; the routes are registered by the app directly).

export { checkCertificate, matchCertificate } from './certificate-service.js';
export { DUTY_MEASURES } from './measures.js';
