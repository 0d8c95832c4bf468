/** Chinese strings of the co-creation projects pages. */
const cocreationProjectsZh = {
  title: 'projects',
};

export type CocreationProjectsMessages = typeof cocreationProjectsZh;
export default cocreationProjectsZh;
