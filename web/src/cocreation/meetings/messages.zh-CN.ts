/** Chinese strings of the co-creation meetings pages. */
const cocreationMeetingsZh = {
  title: 'meetings',
};

export type CocreationMeetingsMessages = typeof cocreationMeetingsZh;
export default cocreationMeetingsZh;
