import type { CocreationProjectsMessages } from './messages.zh-CN';

/** English strings of the co-creation projects pages. */
const cocreationProjectsEn: CocreationProjectsMessages = {
  title: 'Projects',
};

export default cocreationProjectsEn;
