// The people module's front door: what other modules may call (STYLE.md §13). Nothing else of
// this folder is imported from outside it.

export { getHousehold } from './household-service.js';
export { maskIdNumber, normalizePhone, parseIdNumber } from './id-number.js';
export { lookupDigest, protectPhone, reveal, type Protected } from './protect.js';
export { getResident } from './resident-service.js';
export { countGridHouseholds, tallyGroups } from './tally-service.js';
export type { HouseholdDetail, Resident } from './schema.js';
export { PEOPLE_MEASURES } from './measures.js';
export { identifyResident, type IdentifiedResident } from './identify-service.js';
