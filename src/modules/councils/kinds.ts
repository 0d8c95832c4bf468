// The words of 一约四会 and the village's teams, shared by the server and the web app.

export const BODY_CATEGORIES = ['council', 'team'] as const;
export type BodyCategory = (typeof BODY_CATEGORIES)[number];

/** The four councils (四会): 道德评议会、红白理事会、村民议事会、村组理事会. */
export const COUNCIL_KINDS = ['moral_review', 'weddings_funerals', 'villagers_deliberation', 'group_affairs'] as const;
/** Teams: 治安巡逻队、纠纷调解队、志愿服务队, and any other the village keeps. */
export const TEAM_KINDS = ['security_patrol', 'dispute_mediation', 'volunteer_service', 'other_team'] as const;
export const BODY_KINDS = [...COUNCIL_KINDS, ...TEAM_KINDS] as const;
export type BodyKind = (typeof BODY_KINDS)[number];

export const BODY_KIND_NAMES: Record<BodyKind, string> = {
  moral_review: '道德评议会',
  weddings_funerals: '红白理事会',
  villagers_deliberation: '村民议事会',
  group_affairs: '村组理事会',
  security_patrol: '治安巡逻队',
  dispute_mediation: '纠纷调解队',
  volunteer_service: '志愿服务队',
  other_team: '其他队伍',
};

export const MEMBER_ROLES = ['leader', 'deputy', 'member'] as const;
export type MemberRole = (typeof MEMBER_ROLES)[number];

export const SHIFT_PERIODS = ['day', 'morning', 'afternoon', 'night'] as const;
export type ShiftPeriod = (typeof SHIFT_PERIODS)[number];
export const SHIFT_PERIOD_NAMES: Record<ShiftPeriod, string> = { day: '全天', morning: '上午', afternoon: '下午', night: '夜间' };

/** 五老三员两长: the resident tags (migration 0050) that mark the people a village leans on. */
export const GOVERNANCE_TAGS = [
  'wulao_party_member',
  'wulao_cadre',
  'wulao_teacher',
  'wulao_model',
  'wulao_soldier',
  'sanyuan_informant',
  'sanyuan_mediator',
  'sanyuan_publicist',
  'lianzhang_group',
  'lianzhang_liaison',
] as const;
