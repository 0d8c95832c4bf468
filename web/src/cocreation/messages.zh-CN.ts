/** Chinese strings shared by the co-creation pages: the tabs, the resident's pass, the village home. */
const cocreationZh = {
  tabs: { opinions: '意见建议', proposals: '议题', meetings: '议事', votes: '表决', projects: '项目' },
  pass: {
    title: '核验身份',
    intro: '请填写本人姓名和身份证号。仅用于核对您是本村（社区）登记的居民，不会公开。',
    name: '姓名',
    idNumber: '身份证号',
    submit: '核验',
    signedIn: '{{name}}，您好',
    signOut: '退出',
    expired: '身份凭证已过期，请重新核验',
  },
  home: {
    title: '{{village}} · 共同缔造',
    intro: '项目建不建，群众拿意见；项目怎么建，群众一起干；项目好不好，群众说了算。',
    disclosure: '村务公开（三公开）',
  },
};

export type CocreationMessages = typeof cocreationZh;
export default cocreationZh;
