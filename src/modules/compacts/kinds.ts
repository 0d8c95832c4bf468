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
