import { Type, type Static } from 'typebox';
import { enumOf, Nullable } from '../../platform/http/schemas.js';

// Votes (表决 / 豆选): the cadre's drafts and tallies, the clerk's paper ballots, the resident's
// online ballot and the public tally. See docs/cocreation-parts/votes.md.

export const VOTE_METHODS = ['single', 'approval', 'yes_no'] as const;
export const ELECTORATES = ['household', 'adult'] as const;
export const VOTE_STATUSES = ['draft', 'open', 'closed'] as const;
/** The choices of a yes/no/abstain vote (no option rows). */
export const YES_NO = ['yes', 'no', 'abstain'] as const;

const Code = Type.String({ pattern: '^[0-9]{6,15}$' });
const Uuid = Type.String({ format: 'uuid' });

export const VoteOptionSchema = Type.Object({ id: Type.String(), seq: Type.Integer(), label: Type.String(), description: Nullable(Type.String()) });
export type VoteOption = Static<typeof VoteOptionSchema>;

export const OptionBodySchema = Type.Object(
  { label: Type.String({ minLength: 1, maxLength: 100 }), description: Type.Optional(Type.String({ maxLength: 500 })) },
  { additionalProperties: false },
);

/** The tally (vote-tally.ts): fixed in the vote's result when it closes. */
export const TallySchema = Type.Object({
  ballots: Type.Integer(),
  online: Type.Integer(),
  paper: Type.Integer(),
  electorateSize: Type.Integer(),
  /** ballots / electorate size, in percent with one decimal. */
  turnoutPct: Type.Number(),
  quorumReached: Type.Boolean(),
  passed: Type.Boolean(),
  /** single / approval: the option with most votes (null on a tie or with no votes). */
  winnerOptionId: Nullable(Type.String()),
  tie: Type.Boolean(),
  /** Per option (its id) or per yes / no / abstain: votes and share of the ballots in percent. */
  counts: Type.Array(Type.Object({ key: Type.String(), label: Type.String(), votes: Type.Integer(), pct: Type.Number() })),
});
export type Tally = Static<typeof TallySchema>;

export const VoteSchema = Type.Object({
  id: Type.String(),
  regionCode: Type.String(),
  regionName: Type.String(),
  proposalId: Nullable(Type.String()),
  meetingId: Nullable(Type.String()),
  title: Type.String(),
  method: enumOf(VOTE_METHODS),
  electorate: enumOf(ELECTORATES),
  secret: Type.Boolean(),
  quorumPct: Type.Integer(),
  passPct: Type.Integer(),
  status: enumOf(VOTE_STATUSES),
  opensAt: Nullable(Type.String()),
  closesAt: Nullable(Type.String()),
  closedAt: Nullable(Type.String()),
  electorateSize: Nullable(Type.Integer()),
  /** Ballots cast so far (live while open). */
  ballots: Type.Integer(),
  turnoutPct: Nullable(Type.Number()),
  /** Open and past its closing time: the next sweep (or the cadre) closes it. */
  due: Type.Boolean(),
  options: Type.Array(VoteOptionSchema),
  /** Only once closed: counts while a vote runs would let anyone watching the turnout tie ballots to electors. */
  result: Nullable(TallySchema),
});
export type Vote = Static<typeof VoteSchema>;

export const VoteQuerySchema = Type.Object({
  regionCode: Type.Optional(Code),
  status: Type.Optional(enumOf(VOTE_STATUSES)),
});
export type VoteQuery = Static<typeof VoteQuerySchema>;

export const CreateVoteBodySchema = Type.Object(
  {
    /** The village, or a group (村民小组 / 小区) under it, whose people vote. */
    regionCode: Code,
    proposalId: Type.Optional(Uuid),
    meetingId: Type.Optional(Uuid),
    title: Type.String({ minLength: 1, maxLength: 100 }),
    method: enumOf(VOTE_METHODS),
    electorate: enumOf(ELECTORATES),
    /** Default true. */
    secret: Type.Optional(Type.Boolean()),
    quorumPct: Type.Integer({ minimum: 0, maximum: 100 }),
    passPct: Type.Integer({ minimum: 1, maximum: 100 }),
    /** 2–10 for single and approval; none for yes_no. */
    options: Type.Optional(Type.Array(OptionBodySchema, { maxItems: 10 })),
    closesAt: Type.String({ format: 'date-time' }),
  },
  { additionalProperties: false },
);
export type CreateVoteBody = Static<typeof CreateVoteBodySchema>;

/** A draft may change in full; an open vote only its closing time; a closed one not at all. */
export const UpdateVoteBodySchema = Type.Partial(Type.Omit(CreateVoteBodySchema, ['regionCode']), { additionalProperties: false });
export type UpdateVoteBody = Static<typeof UpdateVoteBodySchema>;

export const ElectorSchema = Type.Object({
  id: Type.String(),
  /** The person (household electorate: the head at the snapshot). */
  name: Type.String(),
  address: Type.String(),
  voted: Type.Boolean(),
  channel: Nullable(enumOf(['online', 'paper'] as const)),
  votedAt: Nullable(Type.String()),
  witnessName: Nullable(Type.String()),
  enteredBy: Nullable(Type.String()),
});
export type Elector = Static<typeof ElectorSchema>;

export const ElectorQuerySchema = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 50 })),
  voted: Type.Optional(Type.Boolean()),
});
export type ElectorQuery = Static<typeof ElectorQuerySchema>;

const Choices = Type.Array(Type.String({ minLength: 1, maxLength: 40 }), { maxItems: 10 });

export const PaperBallotBodySchema = Type.Object(
  { electorId: Uuid, choices: Choices, witnessName: Type.String({ minLength: 1, maxLength: 50 }) },
  { additionalProperties: false },
);
export type PaperBallotBody = Static<typeof PaperBallotBodySchema>;

export const BallotBodySchema = Type.Object({ choices: Choices }, { additionalProperties: false });
export type BallotBody = Static<typeof BallotBodySchema>;

/** What the voter (or the clerk) is told: that the ballot counts, and when; never echoed back into the log. */
export const BallotReceiptSchema = Type.Object({ voteId: Type.String(), channel: enumOf(['online', 'paper'] as const), votedAt: Type.String() });
export type BallotReceipt = Static<typeof BallotReceiptSchema>;

/** A vote as anyone may see it: no names, no electors; counts only once closed. */
export const PublicVoteSchema = Type.Object({
  id: Type.String(),
  regionName: Type.String(),
  title: Type.String(),
  method: enumOf(VOTE_METHODS),
  electorate: enumOf(ELECTORATES),
  secret: Type.Boolean(),
  quorumPct: Type.Integer(),
  passPct: Type.Integer(),
  status: enumOf(['open', 'closed'] as const),
  opensAt: Nullable(Type.String()),
  closesAt: Nullable(Type.String()),
  closedAt: Nullable(Type.String()),
  electorateSize: Nullable(Type.Integer()),
  ballots: Type.Integer(),
  turnoutPct: Nullable(Type.Number()),
  options: Type.Array(Type.Object({ id: Type.String(), label: Type.String(), description: Nullable(Type.String()) })),
  result: Nullable(TallySchema),
});
export type PublicVote = Static<typeof PublicVoteSchema>;

/** The resident's phone card: open votes they are an elector of (and whether they voted), closed votes with the tally. */
export const ResidentVotesSchema = Type.Object({
  open: Type.Array(
    Type.Object({
      ...PublicVoteSchema.properties,
      /** When and how this elector (household electorate: the household) voted, if they have. */
      myVote: Nullable(Type.Object({ votedAt: Type.String(), channel: enumOf(['online', 'paper'] as const) })),
    }),
  ),
  closed: Type.Array(PublicVoteSchema),
});
export type ResidentVotes = Static<typeof ResidentVotesSchema>;
