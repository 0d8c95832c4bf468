import type { PublicMessages } from './messages.zh-CN';

/** English strings of the residents' pages; typed against the Chinese ones. */
const publicEn: PublicMessages = {
  brand: 'Gongzhi · Residents’ requests',
  footer: 'Your request goes to your grid, village, township or a county department, and you will be called back once it is resolved.',
  nav: { report: 'Report', track: 'Track' },
  county: '{{county}} People’s Government',
  hotlineLine: '{{county}} hotline: ',
  privacy: {
    title: 'Personal information notice',
    purpose: 'Purpose: the name, phone, location, photos and description you give are used only to accept, handle and call back about this request.',
    kept: 'What is kept: the request, its photos, location and handling record; an anonymous report keeps no name or phone.',
    retention: 'How long: {{years}} years after the request is closed, under the rules for government records; then deleted or anonymized.',
    sharing:
      'Who sees it: only the unit handling it (grid, village, township or a county department); never published. The tracking page shows no personal information.',
    contact: 'To see, correct or delete your personal information, or to ask about it, contact: {{contact}}.',
    acknowledge: 'I have read and agree to the personal information notice',
    required: 'Please read and tick the personal information notice first',
    defaultContact: 'the {{county}} hotline, {{hotline}}',
  },
  place: {
    located: 'Located in: {{place}}',
    mismatch: 'The address you typed names “{{typed}}”, but your location is in “{{located}}”. Check the place, or say where it is in the description.',
    mapCaption: 'The red dot is your location; the blue outline is its grid ({{place}}), whose grid worker and village will take the report.',
    outside: 'Your location is outside the county’s grids; please type where it is in the address.',
  },
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
    categoryHint: 'Possible categories (tap to choose)',
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
