import type { CocreationMessages } from './messages.zh-CN';

/** English strings shared by the co-creation pages. */
const cocreationEn: CocreationMessages = {
  tabs: { opinions: 'Opinions', proposals: 'Proposals', meetings: 'Meetings', votes: 'Votes', projects: 'Projects' },
  pass: {
    title: 'Confirm who you are',
    intro: 'Enter your name and ID number. They are only used to check that you are registered in this village, and are never shown.',
    name: 'Name',
    idNumber: 'ID number',
    submit: 'Confirm',
    signedIn: 'Hello, {{name}}',
    signOut: 'Sign out',
    expired: 'Your confirmation has expired; please confirm again',
  },
  home: {
    title: '{{village}} · Co-creation',
    intro: 'Whether to build is the residents’ call; how to build, we do together; whether it is good, the residents judge.',
    disclosure: 'Public disclosure',
  },
};

export default cocreationEn;
