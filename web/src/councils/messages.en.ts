import type { CouncilsMessages } from './messages.zh-CN';

/** English strings of the councils pages (no Chinese here: test/i18n.test.ts checks). */
const councilsEn: CouncilsMessages = {
  tabs: { councils: 'Councils and teams', shifts: 'Duty schedule', boards: 'Boards' },
  village: 'Village',
  pick: 'Choose a village first',
  intro:
    'Each village has one of each of the four councils (moral review, weddings and funerals, villagers deliberation, group affairs); teams as needed. Members come from the registry; the leader is a member of the village committees.',
  category: { council: 'Council', team: 'Team' },
  kind: {
    moral_review: 'Moral review council',
    weddings_funerals: 'Weddings and funerals council',
    villagers_deliberation: 'Villagers deliberation council',
    group_affairs: 'Group affairs council',
    security_patrol: 'Security patrol',
    dispute_mediation: 'Dispute mediation team',
    volunteer_service: 'Volunteer service team',
    other_team: 'Other team',
  },
  role: { leader: 'Leader', deputy: 'Deputy', member: 'Member' },
  period: { day: 'All day', morning: 'Morning', afternoon: 'Afternoon', night: 'Night' },
  empty: 'None set up yet',
  noMembers: 'No members yet',
  create: { open: 'Set up a council or team', title: 'Set up a council or team', kind: 'Kind', name: 'Name (optional: the kind by default)', duties: 'Duties' },
  member: {
    add: 'Add member',
    title: 'Pick from the registry',
    resident: 'Resident',
    search: 'Type a name',
    role: 'Role',
    committeePost: 'Post on the village committees (required for the leader)',
    leave: 'Leave',
    confirmLeave: 'Let {{name}} leave? (The record is kept.)',
  },
  workCards: 'Work cards (PDF)',
  shifts: {
    intro: "The day before a shift, a reminder goes to the village's to-do list.",
    add: 'Plan a shift',
    title: 'Plan a shift',
    body: 'Council or team',
    dutyOn: 'Date',
    period: 'Period',
    task: 'Task',
    members: 'On duty',
    reminded: 'Reminded',
    empty: 'No shifts planned soon',
  },
  roster: {
    title: '{{village}}: councils and teams',
    intro: "Members of the village's councils and teams.",
    boards: 'Honour and warning boards',
    empty: 'Not published yet',
  },
  common: { cancel: 'Cancel' },
};

export default councilsEn;
