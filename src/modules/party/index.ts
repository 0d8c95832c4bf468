// The party module's front door: what other modules may call (STYLE.md §13). Older callers
// elsewhere still import its files directly and move here as they change.

export { PARTY_MEASURES } from './measures.js';
export { partyMembershipById, partyMembershipOfResident, type PartyMembership } from './membership-reader.js';
