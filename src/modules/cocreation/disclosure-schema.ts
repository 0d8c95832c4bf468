import { Type, type Static } from 'typebox';
import { enumOf, Nullable } from '../../platform/http/schemas.js';
import { RatingCommentSchema, RatingSummarySchema } from './rating-schema.js';

// 成果共享 / 三公开: what the village's public page shows. No ids, no names of residents (a
// contributor is 户主姓氏 + 某), no amounts per household.

const MeetingKindSchema = enumOf([
  'courtyard',
  'fireside',
  'building',
  'sunshine_hall',
  'villager_council',
  'four_party',
  'representatives',
  'party_members',
] as const);

export const DisclosedDecisionSchema = Type.Object({
  meetingKind: MeetingKindSchema,
  meetingTitle: Type.String(),
  heldOn: Type.String(),
  /** Present or by proxy, of those invited. */
  attended: Type.Integer(),
  invited: Type.Integer(),
  resolutions: Type.Array(Type.Object({ seq: Type.Integer(), text: Type.String() })),
});

export const DisclosedVoteSchema = Type.Object({
  title: Type.String(),
  method: Type.Union([Type.Literal('single'), Type.Literal('approval'), Type.Literal('yes_no')]),
  electorate: Type.Union([Type.Literal('household'), Type.Literal('adult')]),
  closedOn: Nullable(Type.String()),
  electorateSize: Type.Integer(),
  ballots: Type.Integer(),
  /** ballots ÷ electorate, null when the electorate is empty. */
  turnout: Nullable(Type.Number()),
  quorumPct: Type.Integer(),
  passPct: Type.Integer(),
  online: Type.Integer(),
  paper: Type.Integer(),
  /** As fixed in the vote's result when it closed; null when the result does not say. */
  quorumReached: Nullable(Type.Boolean()),
  passed: Nullable(Type.Boolean()),
  options: Type.Array(
    Type.Object({
      label: Type.String(),
      /** yes / no / abstain for a yes-or-no vote; null for a named option. */
      choice: Nullable(Type.Union([Type.Literal('yes'), Type.Literal('no'), Type.Literal('abstain')])),
      count: Type.Integer(),
      /** The option with most votes (single or approval, no tie). */
      winner: Type.Boolean(),
    }),
  ),
});

const BudgetSourceSchema = enumOf(['higher_grant', 'village_collective', 'residents', 'unit_support', 'other'] as const);

export const DisclosedProjectSchema = Type.Object({
  title: Type.String(),
  status: Type.Union([Type.Literal('planned'), Type.Literal('building'), Type.Literal('completed')]),
  progress: Type.Integer(),
  plan: Nullable(Type.String()),
  startedOn: Nullable(Type.String()),
  completedOn: Nullable(Type.String()),
  budget: Type.Array(Type.Object({ source: BudgetSourceSchema, amount: Type.Number() })),
  budgetTotal: Type.Number(),
  /** Counted (not voided) contributions, totals only. */
  received: Type.Object({
    money: Type.Number(),
    labourDays: Type.Number(),
    landM2: Type.Number(),
    materials: Type.Integer(),
    valueYuan: Type.Number(),
    households: Type.Integer(),
  }),
  /** Contributing households as 户主姓氏 + 某, per kind, without amounts. */
  contributors: Type.Object({
    money: Type.Array(Type.String()),
    labour: Type.Array(Type.String()),
    land: Type.Array(Type.String()),
    materials: Type.Array(Type.String()),
  }),
  milestones: Type.Array(Type.Object({ title: Type.String(), progress: Type.Integer(), reachedOn: Type.String() })),
  evaluation: Type.Object({
    ratingOpensOn: Nullable(Type.String()),
    ratingClosesOn: Nullable(Type.String()),
    summary: RatingSummarySchema,
    comments: Type.Array(RatingCommentSchema),
  }),
});

export const DisclosureSchema = Type.Object({
  village: Type.Object({ name: Type.String(), townshipName: Nullable(Type.String()) }),
  generatedAt: Type.String(),
  decisions: Type.Array(DisclosedDecisionSchema),
  votes: Type.Array(DisclosedVoteSchema),
  projects: Type.Array(DisclosedProjectSchema),
});
export type Disclosure = Static<typeof DisclosureSchema>;
export type DisclosedDecision = Static<typeof DisclosedDecisionSchema>;
export type DisclosedVote = Static<typeof DisclosedVoteSchema>;
export type DisclosedProject = Static<typeof DisclosedProjectSchema>;
