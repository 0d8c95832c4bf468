import type { PublicMessages } from './messages.zh-CN';

/** English strings of the residents' pages; typed against the Chinese ones. */
const publicEn: PublicMessages = {
  brand: 'Gongzhi · Residents’ requests',
  footer: 'Your request goes to your grid, village, township or a county department, and you will be called back once it is resolved.',
  nav: { report: 'Report', track: 'Track' },
  report: {
    title: 'Report a matter',
    intro: 'A problem, a suggestion or a question: send it here, no account needed.',
    what: 'What is the matter?',
    whatPlaceholder: 'When, where, what happened, and what you would like done',
    type: 'Kind of request (optional)',
    where: 'Where',
    addressPlaceholder: 'e.g. group 3, XX village, XX town — or a street address',
    anonymous: 'Stay anonymous',
    anonymousHelp: 'No name or phone is kept; follow your request with its number and query code.',
    name: 'Name (optional)',
    phone: 'Phone (optional)',
    phoneHelp: 'Only used to reach you about this request; never published.',
    submit: 'Send',
    another: 'Report another matter',
  },
  track: {
    title: 'Track a request',
    numberRequired: 'Enter the order number',
    codeRequired: 'Enter the query code',
    submit: 'Look up',
    notFound: 'The number or the query code is wrong. Check them and try again.',
    timeline: 'What happened',
    step: { accepted: 'Accepted', handling: 'Handling', resolved: 'Resolved', followedUp: 'Called back' },
  },
};

export default publicEn;
