// The co-creation module's front door: what other modules may call (STYLE.md §13).

export { cocreationRoutes } from './routes.js';
export { sweepCocreation } from './sweep-service.js';
export { COCREATION_MEASURES } from './measures.js';
export { PASS_HEADER, readResidentPass, residentActor, type ResidentPass } from './resident-pass.js';
export { closeVote, createVote, getVote, openVote } from './vote-service.js';
export { votedHouseholds, voteOutcome } from './vote-store.js';
export type { Tally, Vote } from './vote-schema.js';
export { surnameOnly } from './disclosure-service.js';
export { castOnlineBallot } from './ballot-service.js';
