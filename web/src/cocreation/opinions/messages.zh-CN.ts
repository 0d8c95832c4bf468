/** Chinese strings of the co-creation opinions pages. */
const cocreationOpinionsZh = {
  title: 'opinions',
};

export type CocreationOpinionsMessages = typeof cocreationOpinionsZh;
export default cocreationOpinionsZh;
