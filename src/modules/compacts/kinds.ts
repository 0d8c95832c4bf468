// The compacts module's closed sets of words, shared by the server's tables and the web (no server imports).

/** 罚款 / 没收 / 拘留、限制人身自由 / 剥夺法定权利 / 其他（如游街示众）. */
export const LEGALITY_KINDS = ['fine', 'confiscation', 'detention', 'deprive_right', 'other'] as const;
export type LegalityKind = (typeof LEGALITY_KINDS)[number];

/**
 * How a rule's phrases must appear in one sentence: 'phrase' — all of them, in the listed order
 * (取消 … 低保); 'any_order' — all of them, in any order. A single phrase matches the same either way.
 */
export const MATCH_MODES = ['phrase', 'any_order'] as const;
export type MatchMode = (typeof MATCH_MODES)[number];

/**
 * The nine steps (九步法) and the filing after them: 两委商议 → 发邀请函 → 建执委会 → 草拟初稿 →
 * 征求民意 → 修改完善 → 二次公示 → 全体表决 → 张榜执行, then 备案 with the township; 'filed' is the end.
 */
export const COMPACT_STEPS = [
  'deliberation',
  'invitation',
  'committee',
  'draft',
  'consultation',
  'revision',
  'notice',
  'vote',
  'publication',
  'filing',
  'filed',
] as const;
export type CompactStep = (typeof COMPACT_STEPS)[number];

export const COMPACT_STEP_NAMES: Record<CompactStep, string> = {
  deliberation: '两委商议',
  invitation: '发邀请函',
  committee: '建执委会',
  draft: '草拟初稿',
  consultation: '征求民意',
  revision: '修改完善',
  notice: '二次公示',
  vote: '全体表决',
  publication: '张榜执行',
  filing: '乡镇备案',
  filed: '已备案',
};

/** 村规民约 (a village) / 居民公约 (an urban community). */
export const COMPACT_KINDS = ['village', 'residents'] as const;
export type CompactKind = (typeof COMPACT_KINDS)[number];
export const COMPACT_KIND_NAMES: Record<CompactKind, string> = { village: '村规民约', residents: '居民公约' };

/** The joint vetting of the committee: 司法所、综治中心、派出所. */
export const VETTING_AGENCIES = ['justice', 'governance', 'police'] as const;
export type VettingAgency = (typeof VETTING_AGENCIES)[number];
export const VETTING_AGENCY_NAMES: Record<VettingAgency, string> = { justice: '司法所', governance: '综治中心', police: '派出所' };

/** Where an opinion came from: the resident's phone, a resident working away (online), a cadre's household visit, a cadre. */
export const COMPACT_OPINION_SOURCES = ['resident', 'migrant', 'visit', 'cadre'] as const;
export type CompactOpinionSource = (typeof COMPACT_OPINION_SOURCES)[number];

/** 采纳 / 部分采纳 / 未采纳 — each with a reason. */
export const OPINION_ANSWERS = ['adopted', 'partly', 'not'] as const;
export type OpinionAnswer = (typeof OPINION_ANSWERS)[number];

/** The usual topics a compact's articles are grouped by; others may be typed. */
export const COMPACT_TOPICS = ['总则', '社会治安', '安全生产', '环境整治', '移风易俗', '公路管护', '耕地保护', '婚姻家庭', '邻里关系', '附则'] as const;
