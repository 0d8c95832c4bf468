import type { CocreationVotesMessages } from './messages.zh-CN';

/** English strings of the co-creation votes pages. */
const cocreationVotesEn: CocreationVotesMessages = {
  title: 'Votes',
};

export default cocreationVotesEn;
