import type { CocreationMeetingsMessages } from './messages.zh-CN';

/** English strings of the co-creation meetings pages. */
const cocreationMeetingsEn: CocreationMeetingsMessages = {
  title: 'Meetings',
};

export default cocreationMeetingsEn;
