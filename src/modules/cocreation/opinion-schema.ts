import { Type, type Static } from 'typebox';
import { enumOf, Nullable } from '../../platform/http/schemas.js';

// Opinions (意见建议) and proposals (议题): what crosses the wire, shared with the web app.

export const OPINION_SOURCES = ['resident', 'visit', 'meeting', 'order', 'cadre'] as const;
export const OPINION_STATUSES = ['open', 'adopted', 'merged', 'answered', 'declined'] as const;
export const OPINION_OUTCOMES = ['adopted', 'merged', 'answered', 'declined'] as const;
export const PROPOSAL_STATUSES = ['open', 'deliberating', 'decided', 'closed'] as const;
export type OpinionOutcome = (typeof OPINION_OUTCOMES)[number];

/** Working days an opinion must be answered within (on the official calendar). */
export const OPINION_ANSWER_WORKING_DAYS = 5;

const RegionCode = Type.String({ pattern: '^[0-9]{12,15}$' });
const Uuid = Type.String({ format: 'uuid' });

export const OpinionSchema = Type.Object({
  id: Type.String(),
  regionCode: Type.String(),
  regionName: Type.String(),
  source: enumOf(OPINION_SOURCES),
  authorName: Type.String(),
  content: Type.String(),
  status: enumOf(OPINION_STATUSES),
  answer: Nullable(Type.String()),
  proposalId: Nullable(Type.String()),
  proposalTitle: Nullable(Type.String()),
  projectId: Nullable(Type.String()),
  projectTitle: Nullable(Type.String()),
  mergedInto: Nullable(Type.String()),
  visitId: Nullable(Type.String()),
  meetingId: Nullable(Type.String()),
  meetingTitle: Nullable(Type.String()),
  orderId: Nullable(Type.String()),
  orderNumber: Nullable(Type.String()),
  dueOn: Type.String(),
  /** Open and past its due date. */
  overdue: Type.Boolean(),
  answeredAt: Nullable(Type.String()),
  createdAt: Type.String(),
});
export type Opinion = Static<typeof OpinionSchema>;

export const OpinionQuerySchema = Type.Object({
  /** A village or the township/county above it; defaults to the caller's whole scope. */
  regionCode: Type.Optional(RegionCode),
  status: Type.Optional(enumOf(OPINION_STATUSES)),
  source: Type.Optional(enumOf(OPINION_SOURCES)),
  proposalId: Type.Optional(Uuid),
  /** Only open opinions past their due date. */
  overdue: Type.Optional(Type.Boolean()),
  /** Keyset cursor: `next` of the previous page. */
  after: Type.Optional(Type.String({ maxLength: 80 })),
  pageSize: Type.Integer({ minimum: 1, maximum: 100, default: 20 }),
});
export type OpinionQuery = Static<typeof OpinionQuerySchema>;

export const OpinionPageSchema = Type.Object({ items: Type.Array(OpinionSchema), next: Nullable(Type.String()) });
export type OpinionPage = Static<typeof OpinionPageSchema>;

/** A cadre or grid worker records an opinion heard on a visit, at a meeting, or in person. */
export const CreateOpinionBodySchema = Type.Object(
  {
    source: enumOf(['visit', 'meeting', 'cadre'] as const),
    /** The village the opinion is about. */
    regionCode: RegionCode,
    authorName: Type.String({ minLength: 1, maxLength: 50 }),
    content: Type.String({ minLength: 1, maxLength: 2000 }),
    /** source = visit: the 走访 record (party module) it was heard on. */
    visitId: Type.Optional(Uuid),
    /** source = meeting: the deliberation meeting it was raised at. */
    meetingId: Type.Optional(Uuid),
    /** The proposal it is about, if any. */
    proposalId: Type.Optional(Uuid),
  },
  { additionalProperties: false },
);
export type CreateOpinionBody = Static<typeof CreateOpinionBodySchema>;

/** One click: an intake work order of type "suggestion" becomes an opinion (by id or number). */
export const OrderOpinionBodySchema = Type.Object(
  {
    orderId: Type.Optional(Uuid),
    orderNumber: Type.Optional(Type.String({ pattern: '^[0-9]{6}-[0-9]{8}-[0-9]{5}$' })),
  },
  { additionalProperties: false },
);
export type OrderOpinionBody = Static<typeof OrderOpinionBodySchema>;

export const AnswerOpinionBodySchema = Type.Object(
  {
    outcome: enumOf(OPINION_OUTCOMES),
    /** The reply to the author; required for answered, and for declined (the reason). */
    answer: Type.Optional(Type.String({ maxLength: 2000 })),
    /** adopted: the proposal or the project it is taken into (one of them). */
    proposalId: Type.Optional(Uuid),
    projectId: Type.Optional(Uuid),
    /** merged: the opinion of the same village it joins. */
    mergedInto: Type.Optional(Uuid),
  },
  { additionalProperties: false },
);
export type AnswerOpinionBody = Static<typeof AnswerOpinionBodySchema>;

export const VisitChoiceSchema = Type.Object({
  id: Type.String(),
  visitedOn: Type.String(),
  visitorName: Type.String(),
  notes: Nullable(Type.String()),
});
export type VisitChoice = Static<typeof VisitChoiceSchema>;

/** What an opinion of a village may link to, for the pickers: its latest visits, meetings, open proposals, projects. */
export const LinkChoicesSchema = Type.Object({
  visits: Type.Array(VisitChoiceSchema),
  meetings: Type.Array(Type.Object({ id: Type.String(), title: Type.String(), startsAt: Type.String() })),
  proposals: Type.Array(Type.Object({ id: Type.String(), title: Type.String(), status: enumOf(PROPOSAL_STATUSES) })),
  projects: Type.Array(Type.Object({ id: Type.String(), title: Type.String() })),
});
export type LinkChoices = Static<typeof LinkChoicesSchema>;

export const ProposalSchema = Type.Object({
  id: Type.String(),
  regionCode: Type.String(),
  regionName: Type.String(),
  title: Type.String(),
  description: Nullable(Type.String()),
  status: enumOf(PROPOSAL_STATUSES),
  opinionCount: Type.Integer(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});
export type Proposal = Static<typeof ProposalSchema>;

export const ProposalDetailSchema = Type.Object({ ...ProposalSchema.properties, opinions: Type.Array(OpinionSchema) });
export type ProposalDetail = Static<typeof ProposalDetailSchema>;

export const ProposalQuerySchema = Type.Object({
  regionCode: Type.Optional(RegionCode),
  status: Type.Optional(enumOf(PROPOSAL_STATUSES)),
  limit: Type.Integer({ minimum: 1, maximum: 200, default: 100 }),
});
export type ProposalQuery = Static<typeof ProposalQuerySchema>;

export const CreateProposalBodySchema = Type.Object(
  {
    /** A village, or a group (村民小组 / 小区) below it. */
    regionCode: RegionCode,
    title: Type.String({ minLength: 1, maxLength: 100 }),
    description: Type.Optional(Type.String({ maxLength: 2000 })),
    /** Open opinions of the village adopted into the new proposal at once. */
    opinionIds: Type.Optional(Type.Array(Uuid, { maxItems: 50, uniqueItems: true })),
  },
  { additionalProperties: false },
);
export type CreateProposalBody = Static<typeof CreateProposalBodySchema>;

export const ProposalStatusBodySchema = Type.Object({ status: enumOf(PROPOSAL_STATUSES) }, { additionalProperties: false });
export type ProposalStatusBody = Static<typeof ProposalStatusBodySchema>;

export const RateRowSchema = Type.Object({
  regionCode: Type.String(),
  regionName: Type.String(),
  level: Type.String(),
  opinions: Type.Integer(),
  open: Type.Integer(),
  adopted: Type.Integer(),
  merged: Type.Integer(),
  answered: Type.Integer(),
  declined: Type.Integer(),
  /** Adoption rate's denominator: adopted + merged + answered + declined. */
  settled: Type.Integer(),
  /** Feedback rate's numerator: answered on or before the due date. */
  answeredOnTime: Type.Integer(),
  /** Feedback rate's denominator: answered (at any time) plus open past the due date. */
  due: Type.Integer(),
  overdue: Type.Integer(),
  adoptionRate: Nullable(Type.Number()),
  feedbackRate: Nullable(Type.Number()),
});
export type RateRow = Static<typeof RateRowSchema>;

export const OpinionRatesSchema = Type.Object({
  today: Type.String(),
  total: RateRowSchema,
  villages: Type.Array(RateRowSchema),
  formulas: Type.Object({ adoptionRate: Type.String(), feedbackRate: Type.String() }),
});
export type OpinionRates = Static<typeof OpinionRatesSchema>;
export const OpinionRatesQuerySchema = Type.Object({ regionCode: Type.Optional(RegionCode) });

// The resident's phone page: titles and words only, never a code or an internal id on screen
// (ids travel only to name a proposal back in the form).

export const ResidentProposalSchema = Type.Object({ id: Type.String(), title: Type.String(), status: enumOf(PROPOSAL_STATUSES) });
export const ResidentOpinionSchema = Type.Object({
  content: Type.String(),
  status: enumOf(OPINION_STATUSES),
  answer: Nullable(Type.String()),
  proposalTitle: Nullable(Type.String()),
  dueOn: Type.String(),
  createdAt: Type.String(),
  answeredAt: Nullable(Type.String()),
});
export type ResidentOpinion = Static<typeof ResidentOpinionSchema>;
export const ResidentOpinionsViewSchema = Type.Object({
  proposals: Type.Array(ResidentProposalSchema),
  mine: Type.Array(ResidentOpinionSchema),
});
export type ResidentOpinionsView = Static<typeof ResidentOpinionsViewSchema>;

export const ResidentOpinionBodySchema = Type.Object(
  { content: Type.String({ minLength: 1, maxLength: 2000 }), proposalId: Type.Optional(Uuid) },
  { additionalProperties: false },
);
export type ResidentOpinionBody = Static<typeof ResidentOpinionBodySchema>;
