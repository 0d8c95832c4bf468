import type { CocreationOpinionsMessages } from './messages.zh-CN';

/** English strings of the co-creation opinions pages. */
const cocreationOpinionsEn: CocreationOpinionsMessages = {
  title: 'Opinions',
};

export default cocreationOpinionsEn;
