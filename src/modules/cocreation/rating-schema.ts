import { Type, type Static } from 'typebox';
import { Nullable } from '../../platform/http/schemas.js';

// 效果共评: what a resident sends and sees when rating a completed project, and the public results.

export const VillageParamsSchema = Type.Object({ code: Type.String({ pattern: '^[0-9]{12}$' }) });
export const VillageProjectParamsSchema = Type.Object({
  code: Type.String({ pattern: '^[0-9]{12}$' }),
  projectId: Type.String({ format: 'uuid' }),
});

export const RateBodySchema = Type.Object(
  {
    score: Type.Integer({ minimum: 1, maximum: 5, description: '1–5 分' }),
    comment: Type.Optional(Type.String({ maxLength: 500 })),
  },
  { additionalProperties: false },
);
export type RateBody = Static<typeof RateBodySchema>;

/** Results of a project's evaluation: no names, no households. `distribution[i]` counts score i + 1. */
export const RatingSummarySchema = Type.Object({
  count: Type.Integer(),
  average: Nullable(Type.Number()),
  distribution: Type.Array(Type.Integer(), { minItems: 5, maxItems: 5 }),
});
export type RatingSummary = Static<typeof RatingSummarySchema>;

export const RatingCommentSchema = Type.Object({ score: Type.Integer(), comment: Type.String(), date: Type.String() });

export const RatingResultsSchema = Type.Object({
  title: Type.String(),
  ratingOpensOn: Nullable(Type.String()),
  ratingClosesOn: Nullable(Type.String()),
  summary: RatingSummarySchema,
  comments: Type.Array(RatingCommentSchema),
});
export type RatingResults = Static<typeof RatingResultsSchema>;

/** The household's own rating, as its members see it. */
export const MyRatingSchema = Type.Object({ score: Type.Integer(), comment: Nullable(Type.String()), date: Type.String() });
export type MyRating = Static<typeof MyRatingSchema>;

/** A project as the resident's phone card shows it. */
export const ResidentProjectSchema = Type.Object({
  id: Type.String(),
  title: Type.String(),
  status: Type.Union([Type.Literal('planned'), Type.Literal('building'), Type.Literal('completed')]),
  progress: Type.Integer(),
  startedOn: Nullable(Type.String()),
  completedOn: Nullable(Type.String()),
  ratingOpensOn: Nullable(Type.String()),
  ratingClosesOn: Nullable(Type.String()),
  /** Completed and within its window today (China date). */
  ratingOpen: Type.Boolean(),
  summary: RatingSummarySchema,
  myRating: Nullable(MyRatingSchema),
});
export type ResidentProject = Static<typeof ResidentProjectSchema>;

/** One of the household's own contribution entries (shown to that household and to cadres only). */
export const MyContributionSchema = Type.Object({
  projectTitle: Type.String(),
  kind: Type.Union([Type.Literal('money'), Type.Literal('labour'), Type.Literal('land'), Type.Literal('materials')]),
  amount: Nullable(Type.Number()),
  labourDays: Nullable(Type.Number()),
  areaM2: Nullable(Type.Number()),
  description: Nullable(Type.String()),
  valueYuan: Type.Number(),
  receiptNo: Nullable(Type.String()),
  contributedOn: Type.String(),
});
export type MyContribution = Static<typeof MyContributionSchema>;

export const MyContributionsSchema = Type.Object({
  entries: Type.Array(MyContributionSchema),
  totals: Type.Object({ money: Type.Number(), labourDays: Type.Number(), areaM2: Type.Number(), valueYuan: Type.Number() }),
});
export type MyContributions = Static<typeof MyContributionsSchema>;

/** What the periodic follow-up job did. */
export interface FollowUpResult {
  raised: { projectId: string; proposalId: string; average: number; count: number }[];
}
