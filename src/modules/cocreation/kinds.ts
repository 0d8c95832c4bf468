// The co-creation word lists as types, with no imports, so the web app can share them.

export type ProposalStatus = 'open' | 'deliberating' | 'decided' | 'closed';
export type OpinionSource = 'resident' | 'visit' | 'meeting' | 'order' | 'cadre';
export type OpinionStatus = 'open' | 'adopted' | 'merged' | 'answered' | 'declined';
export type MeetingKind = 'courtyard' | 'fireside' | 'building' | 'sunshine_hall' | 'villager_council' | 'four_party' | 'representatives' | 'party_members';
export type MeetingStatus = 'planned' | 'held' | 'cancelled';
export type Attendance = 'present' | 'proxy' | 'absent';
export type VoteMethod = 'single' | 'approval' | 'yes_no';
export type Electorate = 'household' | 'adult';
export type VoteStatus = 'draft' | 'open' | 'closed';
export type BallotChannel = 'online' | 'paper';
export type ProjectStatus = 'planned' | 'building' | 'completed' | 'cancelled';
export type BudgetSource = 'higher_grant' | 'village_collective' | 'residents' | 'unit_support' | 'other';
export type ContributionKind = 'money' | 'labour' | 'land' | 'materials';
