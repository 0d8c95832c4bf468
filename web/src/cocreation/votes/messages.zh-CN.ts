/** Chinese strings of the co-creation votes pages. */
const cocreationVotesZh = {
  title: 'votes',
};

export type CocreationVotesMessages = typeof cocreationVotesZh;
export default cocreationVotesZh;
