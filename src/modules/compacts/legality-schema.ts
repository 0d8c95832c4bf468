import { Type, type Static } from 'typebox';
import { enumOf } from '../../platform/http/schemas.js';
import { LEGALITY_KINDS, MATCH_MODES } from './kinds.js';

// The legality check of village compacts (合法性审查): the county's rule list and the check itself.
// Shared with the web app (imports nothing server-only).

export const PHRASES_MAX = 6;
export const PHRASE_MAX_LENGTH = 20;

const Phrases = Type.Array(Type.String({ minLength: 1, maxLength: PHRASE_MAX_LENGTH }), {
  minItems: 1,
  maxItems: PHRASES_MAX,
  description: '要查找的词（每个不超过 20 字），同一句中全部出现才提示；按 matchMode 是否要求先后顺序',
});
const Reason = Type.String({ minLength: 10, maxLength: 500, description: '提示理由，引用法律条文' });
const Suggestion = Type.String({ minLength: 2, maxLength: 300, description: '修改建议' });

export const LegalityRuleSchema = Type.Object({
  id: Type.String(),
  countyCode: Type.String(),
  code: Type.String(),
  kind: enumOf(LEGALITY_KINDS),
  phrases: Type.Array(Type.String()),
  matchMode: enumOf(MATCH_MODES),
  reason: Type.String(),
  suggestion: Type.String(),
  active: Type.Boolean(),
  updatedAt: Type.String(),
});
export type LegalityRule = Static<typeof LegalityRuleSchema>;

export const LegalityRuleQuerySchema = Type.Object({ includeInactive: Type.Optional(Type.Boolean()) });
export type LegalityRuleQuery = Static<typeof LegalityRuleQuerySchema>;

export const CreateLegalityRuleBodySchema = Type.Object(
  {
    code: Type.String({ pattern: '^[a-z0-9_]{2,40}$', description: '规则代码（小写字母、数字、下划线），本县唯一' }),
    kind: enumOf(LEGALITY_KINDS),
    phrases: Phrases,
    matchMode: Type.Optional(enumOf(MATCH_MODES)),
    reason: Reason,
    suggestion: Suggestion,
  },
  { additionalProperties: false },
);
export type CreateLegalityRuleBody = Static<typeof CreateLegalityRuleBodySchema>;

export const UpdateLegalityRuleBodySchema = Type.Object(
  {
    kind: Type.Optional(enumOf(LEGALITY_KINDS)),
    phrases: Type.Optional(Phrases),
    matchMode: Type.Optional(enumOf(MATCH_MODES)),
    reason: Type.Optional(Reason),
    suggestion: Type.Optional(Suggestion),
    active: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type UpdateLegalityRuleBody = Static<typeof UpdateLegalityRuleBodySchema>;

export const ArticleSchema = Type.Object(
  {
    number: Type.Integer({ minimum: 1, maximum: 999, description: '条款序号' }),
    text: Type.String({ maxLength: 2000, description: '条款内容' }),
  },
  { additionalProperties: false },
);

export const LegalityCheckBodySchema = Type.Object({ articles: Type.Array(ArticleSchema, { minItems: 1, maxItems: 300 }) }, { additionalProperties: false });
export type LegalityCheckBody = Static<typeof LegalityCheckBodySchema>;

export const LegalityFlagSchema = Type.Object({
  articleNumber: Type.Integer(),
  ruleCode: Type.String(),
  kind: enumOf(LEGALITY_KINDS),
  matched: Type.String(),
  sentence: Type.String(),
  reason: Type.String(),
  suggestion: Type.String(),
});

export const LegalityCheckResultSchema = Type.Object({
  /** True when no article is flagged. */
  clean: Type.Boolean(),
  flags: Type.Array(LegalityFlagSchema),
});
export type LegalityCheckResult = Static<typeof LegalityCheckResultSchema>;
