import { Type, type Static } from 'typebox';
import { enumOf, Nullable } from '../../platform/http/schemas.js';
import { COMPACT_KINDS, COMPACT_OPINION_SOURCES, COMPACT_STEPS, OPINION_ANSWERS, VETTING_AGENCIES } from './kinds.js';

// The nine-step workflow of a village compact (村规民约九步法): the compact with each step's record,
// its versions and articles, opinions and objections, the vote, publication and filing.
// See docs/COMPACTS.md.

const Code = Type.String({ pattern: '^[0-9]{6,15}$' });
const Uuid = Type.String({ format: 'uuid' });
const Day = Type.String({ format: 'date' });

export const ArticleSchema = Type.Object({
  /** The article's identity across versions: opinions hang on it. */
  key: Type.String(),
  number: Type.Integer(),
  topic: Type.String(),
  text: Type.String(),
});
export type Article = Static<typeof ArticleSchema>;

export const FlagSchema = Type.Object({
  articleKey: Type.String(),
  articleNumber: Type.Integer(),
  ruleCode: Type.String(),
  kind: Type.String(),
  matched: Type.String(),
  sentence: Type.String(),
  reason: Type.String(),
  suggestion: Type.String(),
});
export type Flag = Static<typeof FlagSchema>;

export const VersionSchema = Type.Object({
  id: Type.String(),
  seq: Type.Integer(),
  note: Nullable(Type.String()),
  createdAt: Type.String(),
  articles: Type.Array(ArticleSchema),
  flags: Type.Array(FlagSchema),
});
export type Version = Static<typeof VersionSchema>;

export const InvitationSchema = Type.Object({
  id: Type.String(),
  residentId: Type.String(),
  name: Type.String(),
  capacity: Type.String(),
  /** On the compact committee (执委会) with this role; null when only invited. */
  committeeRole: Nullable(Type.String()),
});
export type Invitation = Static<typeof InvitationSchema>;

export const VettingSchema = Type.Object({
  agency: enumOf(VETTING_AGENCIES),
  decision: enumOf(['approve', 'refuse'] as const),
  reviewerName: Type.String(),
  note: Type.String(),
  at: Type.String(),
});
export type Vetting = Static<typeof VettingSchema>;

export const StepRecordSchema = Type.Object({
  step: enumOf(COMPACT_STEPS),
  action: enumOf(['completed', 'reopened'] as const),
  summary: Type.String(),
  at: Type.String(),
  by: Nullable(Type.String()),
});

export const CompactSummarySchema = Type.Object({
  id: Type.String(),
  regionCode: Type.String(),
  regionName: Type.String(),
  kind: enumOf(COMPACT_KINDS),
  title: Type.String(),
  step: enumOf(COMPACT_STEPS),
  /** The newest version's number (0 before the first draft). */
  versionSeq: Type.Integer(),
  publishedOn: Nullable(Type.String()),
  updatedAt: Type.String(),
});
export type CompactSummary = Static<typeof CompactSummarySchema>;

export const FiguresSchema = Type.Object({
  households: Type.Integer(),
  /** Households that gave an opinion or an objection, or cast a ballot in the compact's vote. */
  participating: Type.Integer(),
  participationPct: Type.Number(),
  /** 知晓率: households that confirmed reading the published compact. */
  read: Type.Integer(),
  awarenessPct: Type.Number(),
});
export type Figures = Static<typeof FiguresSchema>;

export const CompactSchema = Type.Object({
  ...CompactSummarySchema.properties,
  deliberation: Nullable(Type.Object({ heldOn: Type.String(), attendees: Type.Array(Type.String()), minutes: Type.String() })),
  invitations: Type.Array(InvitationSchema),
  /** The latest decision of each agency. */
  vettings: Type.Array(VettingSchema),
  versions: Type.Array(
    Type.Object({
      id: Type.String(),
      seq: Type.Integer(),
      note: Nullable(Type.String()),
      createdAt: Type.String(),
      articles: Type.Integer(),
      flags: Type.Integer(),
    }),
  ),
  consultationUntil: Nullable(Type.String()),
  opinions: Type.Object({ total: Type.Integer(), unanswered: Type.Integer() }),
  notice: Nullable(Type.Object({ from: Type.String(), until: Type.String(), versionSeq: Type.Integer() })),
  objections: Type.Object({ total: Type.Integer(), unanswered: Type.Integer() }),
  vote: Nullable(
    Type.Object({
      /** The whole text in one vote, or article by article (逐条表决). */
      mode: enumOf(['whole', 'articles'] as const),
      /** The whole-text vote, or the first article's. */
      id: Type.String(),
      /** Open while any is open; closed when all are. */
      status: Type.String(),
      versionSeq: Type.Integer(),
      closesAt: Nullable(Type.String()),
      /** Once all are closed: whether every one passed as the law requires. */
      passed: Nullable(Type.Boolean()),
      /** Article by article: the lowest of them. */
      turnoutPct: Nullable(Type.Number()),
      articles: Type.Array(
        Type.Object({
          key: Type.String(),
          number: Type.Integer(),
          voteId: Type.String(),
          status: Type.String(),
          passed: Nullable(Type.Boolean()),
          turnoutPct: Nullable(Type.Number()),
        }),
      ),
    }),
  ),
  publishedVersionSeq: Nullable(Type.Integer()),
  filing: Type.Object({
    status: enumOf(['none', 'submitted', 'accepted', 'returned'] as const),
    submittedAt: Nullable(Type.String()),
    decidedAt: Nullable(Type.String()),
    note: Nullable(Type.String()),
  }),
  /** What the open step still needs before it can be closed (empty: it can be closed). */
  needs: Type.Array(Type.String()),
  history: Type.Array(StepRecordSchema),
  figures: FiguresSchema,
});
export type Compact = Static<typeof CompactSchema>;

export const CompactQuerySchema = Type.Object({
  regionCode: Type.Optional(Code),
  step: Type.Optional(enumOf(COMPACT_STEPS)),
});
export type CompactQuery = Static<typeof CompactQuerySchema>;

export const CreateCompactBodySchema = Type.Object(
  {
    regionCode: Code,
    kind: Type.Optional(enumOf(COMPACT_KINDS)),
    title: Type.String({ minLength: 2, maxLength: 100 }),
  },
  { additionalProperties: false },
);
export type CreateCompactBody = Static<typeof CreateCompactBodySchema>;

export const DeliberationBodySchema = Type.Object(
  {
    heldOn: Day,
    /** The 两委 members present, by name. */
    attendees: Type.Array(Type.String({ minLength: 1, maxLength: 50 }), { minItems: 1, maxItems: 30 }),
    minutes: Type.String({ minLength: 1, maxLength: 5000 }),
  },
  { additionalProperties: false },
);
export type DeliberationBody = Static<typeof DeliberationBodySchema>;

export const InvitationBodySchema = Type.Object({ residentId: Uuid, capacity: Type.String({ minLength: 1, maxLength: 40 }) }, { additionalProperties: false });
export type InvitationBody = Static<typeof InvitationBodySchema>;

export const CommitteeBodySchema = Type.Object({ committeeRole: Nullable(Type.String({ minLength: 1, maxLength: 40 })) }, { additionalProperties: false });
export type CommitteeBody = Static<typeof CommitteeBodySchema>;

export const VettingBodySchema = Type.Object(
  {
    agency: enumOf(VETTING_AGENCIES),
    decision: enumOf(['approve', 'refuse'] as const),
    reviewerName: Type.String({ minLength: 1, maxLength: 50 }),
    note: Type.String({ minLength: 1, maxLength: 500 }),
  },
  { additionalProperties: false },
);
export type VettingBody = Static<typeof VettingBodySchema>;

export const VersionBodySchema = Type.Object(
  {
    note: Type.Optional(Type.String({ maxLength: 500 })),
    /** In order: the position is the article's number. `key` keeps an existing article (and its opinions); none is a new one. */
    articles: Type.Array(
      Type.Object(
        { key: Type.Optional(Uuid), topic: Type.String({ minLength: 1, maxLength: 40 }), text: Type.String({ minLength: 1, maxLength: 1000 }) },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: 100 },
    ),
  },
  { additionalProperties: false },
);
export type VersionBody = Static<typeof VersionBodySchema>;

export const DiffSchema = Type.Object({
  from: Type.Integer(),
  to: Type.Integer(),
  articles: Type.Array(
    Type.Object({
      key: Type.String(),
      change: enumOf(['added', 'removed', 'changed', 'renumbered', 'same'] as const),
      fromNumber: Nullable(Type.Integer()),
      toNumber: Nullable(Type.Integer()),
      fromText: Nullable(Type.String()),
      toText: Nullable(Type.String()),
      topic: Type.String(),
    }),
  ),
});
export type Diff = Static<typeof DiffSchema>;

export const DiffQuerySchema = Type.Object({ from: Type.Integer({ minimum: 1 }), to: Type.Integer({ minimum: 1 }) });
export type DiffQuery = Static<typeof DiffQuerySchema>;

export const ConsultationBodySchema = Type.Object({ until: Day }, { additionalProperties: false });
export type ConsultationBody = Static<typeof ConsultationBodySchema>;

export const CompactOpinionSchema = Type.Object({
  id: Type.String(),
  articleKey: Nullable(Type.String()),
  /** The number the article had when the opinion was given, and the number it has now (null: removed, or the whole text). */
  articleNumberThen: Nullable(Type.Integer()),
  articleNumberNow: Nullable(Type.Integer()),
  versionSeq: Type.Integer(),
  source: enumOf(COMPACT_OPINION_SOURCES),
  authorName: Type.String(),
  text: Type.String(),
  answer: Nullable(enumOf(OPINION_ANSWERS)),
  answerReason: Nullable(Type.String()),
  answeredAt: Nullable(Type.String()),
  createdAt: Type.String(),
});
export type CompactOpinion = Static<typeof CompactOpinionSchema>;

export const CadreOpinionBodySchema = Type.Object(
  {
    articleKey: Type.Optional(Uuid),
    /** 'visit': heard on a household visit and entered on the household's behalf; 'cadre': the cadre's own. */
    source: enumOf(['visit', 'cadre'] as const),
    /** For a visit: whose opinion it is. */
    residentId: Type.Optional(Uuid),
    text: Type.String({ minLength: 2, maxLength: 1000 }),
  },
  { additionalProperties: false },
);
export type CadreOpinionBody = Static<typeof CadreOpinionBodySchema>;

export const ResidentOpinionBodySchema = Type.Object(
  {
    articleKey: Type.Optional(Uuid),
    text: Type.String({ minLength: 2, maxLength: 1000 }),
    /** Working away from the village (外出务工): the opinion is counted as a migrant's. */
    away: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type ResidentOpinionBody = Static<typeof ResidentOpinionBodySchema>;

export const AnswerBodySchema = Type.Object(
  { answer: enumOf(OPINION_ANSWERS), reason: Type.String({ minLength: 2, maxLength: 500 }) },
  { additionalProperties: false },
);
export type AnswerBody = Static<typeof AnswerBodySchema>;

export const NoticeBodySchema = Type.Object({ from: Day, workingDays: Type.Integer({ minimum: 5, maximum: 30 }) }, { additionalProperties: false });
export type NoticeBody = Static<typeof NoticeBodySchema>;

export const ObjectionSchema = Type.Object({
  id: Type.String(),
  authorName: Type.String(),
  text: Type.String(),
  answer: Nullable(Type.String()),
  answeredAt: Nullable(Type.String()),
  createdAt: Type.String(),
});
export type Objection = Static<typeof ObjectionSchema>;

export const CadreObjectionBodySchema = Type.Object(
  { residentId: Type.Optional(Uuid), authorName: Type.String({ minLength: 1, maxLength: 50 }), text: Type.String({ minLength: 2, maxLength: 1000 }) },
  { additionalProperties: false },
);
export type CadreObjectionBody = Static<typeof CadreObjectionBodySchema>;

export const ResidentObjectionBodySchema = Type.Object({ text: Type.String({ minLength: 2, maxLength: 1000 }) }, { additionalProperties: false });
export type ResidentObjectionBody = Static<typeof ResidentObjectionBodySchema>;

export const ObjectionAnswerBodySchema = Type.Object({ answer: Type.String({ minLength: 2, maxLength: 500 }) }, { additionalProperties: false });
export type ObjectionAnswerBody = Static<typeof ObjectionAnswerBodySchema>;

export const VoteBodySchema = Type.Object(
  {
    /** 'adult': a 村民会议 of all adults (quorum more than half); 'household': one ballot per household (two thirds). */
    electorate: enumOf(['adult', 'household'] as const),
    closesAt: Type.String({ format: 'date-time' }),
    /** 'whole' (default): one vote on the text; 'articles': one yes/no/abstain vote per article (逐条表决). */
    mode: Type.Optional(enumOf(['whole', 'articles'] as const)),
    /** The meeting the vote is taken at (村民会议 / 村民代表会议), when there is one. */
    meetingId: Type.Optional(Uuid),
  },
  { additionalProperties: false },
);
export type VoteBody = Static<typeof VoteBodySchema>;

export const PublishBodySchema = Type.Object({ publishedOn: Day }, { additionalProperties: false });
export type PublishBody = Static<typeof PublishBodySchema>;

export const CompleteStepBodySchema = Type.Object({ summary: Type.Optional(Type.String({ maxLength: 500 })) }, { additionalProperties: false });
export type CompleteStepBody = Static<typeof CompleteStepBodySchema>;

/** Back to 修改完善 from the notice or a failed vote: why (an objection adopted, the vote lost…). */
export const ReopenBodySchema = Type.Object({ reason: Type.String({ minLength: 2, maxLength: 500 }) }, { additionalProperties: false });
export type ReopenBody = Static<typeof ReopenBodySchema>;

export const StepParamsSchema = Type.Object({ id: Uuid, step: enumOf(COMPACT_STEPS) });
export const ChildParamsSchema = Type.Object({ id: Uuid, childId: Uuid });
export const VersionParamsSchema = Type.Object({ id: Uuid, seq: Type.Integer({ minimum: 1 }) });

export const FilingDecisionBodySchema = Type.Object(
  { decision: enumOf(['accept', 'return'] as const), note: Type.String({ minLength: 2, maxLength: 1000 }) },
  { additionalProperties: false },
);
export type FilingDecisionBody = Static<typeof FilingDecisionBodySchema>;

/** What a resident's phone page shows of a compact: the text, their own opinions, what they may do now. */
export const ResidentCompactSchema = Type.Object({
  id: Type.String(),
  title: Type.String(),
  kind: enumOf(COMPACT_KINDS),
  step: enumOf(COMPACT_STEPS),
  versionSeq: Type.Integer(),
  articles: Type.Array(ArticleSchema),
  consultationUntil: Nullable(Type.String()),
  noticeUntil: Nullable(Type.String()),
  publishedOn: Nullable(Type.String()),
  voteId: Nullable(Type.String()),
  mayComment: Type.Boolean(),
  mayObject: Type.Boolean(),
  /** Published and not yet confirmed read by the household. */
  mayConfirmRead: Type.Boolean(),
  readConfirmed: Type.Boolean(),
  myOpinions: Type.Array(Type.Omit(CompactOpinionSchema, ['source'])),
});
export type ResidentCompact = Static<typeof ResidentCompactSchema>;

/** The public notice board: published compacts only, nobody's name. */
export const PublicCompactSchema = Type.Object({
  id: Type.String(),
  title: Type.String(),
  kind: enumOf(COMPACT_KINDS),
  regionName: Type.String(),
  versionSeq: Type.Integer(),
  publishedOn: Type.String(),
  filed: Type.Boolean(),
  articles: Type.Array(ArticleSchema),
});
export type PublicCompact = Static<typeof PublicCompactSchema>;
