import { Type, type Static } from 'typebox';
import { enumOf, Nullable } from '../../platform/http/schemas.js';

// Co-creation projects (发展共建 / 建设共管): plan, budget by source, the contributions ledger,
// milestones with photos, the care team. Amounts are yuan.

export const PROJECT_STATUSES = ['planned', 'building', 'completed', 'cancelled'] as const;
export const BUDGET_SOURCES = ['higher_grant', 'village_collective', 'residents', 'unit_support', 'other'] as const;
export const CONTRIBUTION_KINDS = ['money', 'labour', 'land', 'materials'] as const;
/** Photos on one milestone. */
export const MAX_MILESTONE_PHOTOS = 9;

const Day = Type.String({ format: 'date' });
const Yuan = Type.Number({ minimum: 0, maximum: 999_999_999_999 });

export const ProjectStatusSchema = enumOf(PROJECT_STATUSES);
export const BudgetSourceSchema = enumOf(BUDGET_SOURCES);
export const ContributionKindSchema = enumOf(CONTRIBUTION_KINDS);

/** The ledger summed, voided entries left out. valueSaved = labourValue + landValue + materialsValue. */
export const ProjectTotalsSchema = Type.Object({
  budget: Type.Number(),
  money: Type.Number(),
  labourDays: Type.Number(),
  labourValue: Type.Number(),
  landArea: Type.Number(),
  landValue: Type.Number(),
  materialsValue: Type.Number(),
  valueSaved: Type.Number(),
  /** Households with at least one counted entry. */
  households: Type.Integer(),
  entries: Type.Integer(),
  /** Each source's budget and, for 'residents', the money received from households. */
  bySource: Type.Array(Type.Object({ source: BudgetSourceSchema, budget: Type.Number(), received: Nullable(Type.Number()) })),
});
export type ProjectTotals = Static<typeof ProjectTotalsSchema>;

export const ProjectListItemSchema = Type.Object({
  id: Type.String(),
  regionCode: Type.String(),
  villageName: Type.String(),
  title: Type.String(),
  status: ProjectStatusSchema,
  progress: Type.Integer(),
  startedOn: Nullable(Type.String()),
  completedOn: Nullable(Type.String()),
  totals: ProjectTotalsSchema,
});
export type ProjectListItem = Static<typeof ProjectListItemSchema>;

export const BudgetLineSchema = Type.Object({ source: BudgetSourceSchema, amount: Type.Number(), note: Nullable(Type.String()) });
export type BudgetLine = Static<typeof BudgetLineSchema>;

export const ContributionSchema = Type.Object({
  id: Type.String(),
  householdId: Type.String(),
  /** The household as the cadre knows it: its head's name and address. */
  householdName: Type.String(),
  address: Type.String(),
  kind: ContributionKindSchema,
  amount: Nullable(Type.Number()),
  labourDays: Nullable(Type.Number()),
  areaM2: Nullable(Type.Number()),
  description: Nullable(Type.String()),
  valueYuan: Type.Number(),
  receiptNo: Nullable(Type.String()),
  contributedOn: Type.String(),
  recordedAt: Type.String(),
  voidedAt: Nullable(Type.String()),
  voidReason: Nullable(Type.String()),
});
export type Contribution = Static<typeof ContributionSchema>;

export const MilestonePhotoSchema = Type.Object({
  id: Type.String(),
  filename: Type.String(),
  contentType: Type.String(),
  bytes: Type.Integer(),
  /** GET /api/v1/files/:id/content */
  url: Type.String(),
});
export type MilestonePhoto = Static<typeof MilestonePhotoSchema>;

export const MilestoneSchema = Type.Object({
  id: Type.String(),
  title: Type.String(),
  progress: Type.Integer(),
  note: Nullable(Type.String()),
  reachedOn: Type.String(),
  recordedAt: Type.String(),
  photos: Type.Array(MilestonePhotoSchema),
});
export type Milestone = Static<typeof MilestoneSchema>;

export const CareMemberSchema = Type.Object({
  id: Type.String(),
  residentId: Type.String(),
  name: Type.String(),
  duty: Type.String(),
  roster: Nullable(Type.String()),
  isLeader: Type.Boolean(),
});
export type CareMember = Static<typeof CareMemberSchema>;

export const ProjectDetailSchema = Type.Object({
  ...ProjectListItemSchema.properties,
  plan: Nullable(Type.String()),
  labourDayWage: Type.Number(),
  ratingOpensOn: Nullable(Type.String()),
  ratingClosesOn: Nullable(Type.String()),
  resolution: Nullable(Type.Object({ id: Type.String(), text: Type.String(), meetingTitle: Type.String() })),
  voteOption: Nullable(Type.Object({ id: Type.String(), label: Type.String(), voteTitle: Type.String() })),
  budget: Type.Array(BudgetLineSchema),
  /** The ledger entry by entry (amounts per household): only for cadres who keep the ledger; null for the others. */
  contributions: Nullable(Type.Array(ContributionSchema)),
  milestones: Type.Array(MilestoneSchema),
  careMembers: Type.Array(CareMemberSchema),
  /** Whether the caller may change it (cocreation.edit). */
  editable: Type.Boolean(),
});
export type ProjectDetail = Static<typeof ProjectDetailSchema>;

export const ProjectQuerySchema = Type.Object({
  regionCode: Type.Optional(Type.String({ pattern: '^[0-9]{6,15}$' })),
  status: Type.Optional(ProjectStatusSchema),
});
export type ProjectQuery = Static<typeof ProjectQuerySchema>;

const BudgetLineBodySchema = Type.Object(
  { source: BudgetSourceSchema, amount: Yuan, note: Type.Optional(Type.String({ maxLength: 200 })) },
  { additionalProperties: false },
);

export const CreateProjectBodySchema = Type.Object(
  {
    villageCode: Type.String({ pattern: '^[0-9]{12}$' }),
    title: Type.String({ minLength: 1, maxLength: 100 }),
    plan: Type.Optional(Type.String({ maxLength: 4000 })),
    /** The resolution that decided it (a meeting of that village); at least one of resolutionId and voteOptionId. */
    resolutionId: Type.Optional(Type.String({ format: 'uuid' })),
    /** The option that won a closed vote of that village. */
    voteOptionId: Type.Optional(Type.String({ format: 'uuid' })),
    /** Yuan per labour day; 150 when not given. */
    labourDayWage: Type.Optional(Type.Number({ minimum: 0, maximum: 10_000 })),
    budget: Type.Optional(Type.Array(BudgetLineBodySchema, { maxItems: 5 })),
  },
  { additionalProperties: false },
);
export type CreateProjectBody = Static<typeof CreateProjectBodySchema>;

export const UpdateProjectBodySchema = Type.Object(
  {
    title: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    plan: Type.Optional(Type.String({ maxLength: 4000 })),
    labourDayWage: Type.Optional(Type.Number({ minimum: 0, maximum: 10_000 })),
    /** The rating window of a completed project. */
    ratingOpensOn: Type.Optional(Day),
    ratingClosesOn: Type.Optional(Day),
  },
  { additionalProperties: false },
);
export type UpdateProjectBody = Static<typeof UpdateProjectBodySchema>;

export const ProjectStatusBodySchema = Type.Object(
  {
    status: enumOf(['building', 'completed', 'cancelled'] as const),
    /** The day it started or was completed; today when not given. */
    on: Type.Optional(Day),
    /** Why it is cancelled (required then). */
    reason: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    ratingOpensOn: Type.Optional(Day),
    ratingClosesOn: Type.Optional(Day),
  },
  { additionalProperties: false },
);
export type ProjectStatusBody = Static<typeof ProjectStatusBodySchema>;

export const BudgetBodySchema = Type.Object({ lines: Type.Array(BudgetLineBodySchema, { maxItems: 5 }) }, { additionalProperties: false });
export type BudgetBody = Static<typeof BudgetBodySchema>;

export const ContributionBodySchema = Type.Object(
  {
    householdId: Type.String({ format: 'uuid' }),
    kind: ContributionKindSchema,
    /** money: yuan. */
    amount: Type.Optional(Yuan),
    /** money: the receipt's number (required). */
    receiptNo: Type.Optional(Type.String({ maxLength: 50 })),
    /** labour: days worked (half days allowed). */
    labourDays: Type.Optional(Type.Number({ minimum: 0, maximum: 10_000 })),
    /** land: square metres given. */
    areaM2: Type.Optional(Type.Number({ minimum: 0, maximum: 100_000_000 })),
    /** land and materials: what was given. */
    description: Type.Optional(Type.String({ maxLength: 200 })),
    /** land (optional) and materials (required): its value in yuan. */
    value: Type.Optional(Yuan),
    contributedOn: Day,
  },
  { additionalProperties: false },
);
export type ContributionBody = Static<typeof ContributionBodySchema>;

export const VoidContributionBodySchema = Type.Object({ reason: Type.String({ minLength: 1, maxLength: 200 }) }, { additionalProperties: false });
export type VoidContributionBody = Static<typeof VoidContributionBodySchema>;

export const MilestoneBodySchema = Type.Object(
  {
    title: Type.String({ minLength: 1, maxLength: 100 }),
    progress: Type.Integer({ minimum: 0, maximum: 100 }),
    note: Type.Optional(Type.String({ maxLength: 1000 })),
    reachedOn: Day,
    /** Photos sent with the milestone (as a task report's attachments): data URL or bare base64. */
    photos: Type.Optional(
      Type.Array(
        Type.Object(
          { data: Type.String({ minLength: 16, maxLength: 14_000_000 }), filename: Type.Optional(Type.String({ maxLength: 200 })) },
          { additionalProperties: false },
        ),
        { maxItems: MAX_MILESTONE_PHOTOS },
      ),
    ),
  },
  { additionalProperties: false },
);
export type MilestoneBody = Static<typeof MilestoneBodySchema>;

export const CareMemberBodySchema = Type.Object(
  {
    residentId: Type.String({ format: 'uuid' }),
    duty: Type.String({ minLength: 1, maxLength: 200 }),
    /** The member's turn, e.g. 每月第一周. */
    roster: Type.Optional(Type.String({ maxLength: 100 })),
    /** The team's leader; a new leader replaces the old one. */
    isLeader: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type CareMemberBody = Static<typeof CareMemberBodySchema>;

export const CareMemberParamsSchema = Type.Object({ id: Type.String({ format: 'uuid' }), mid: Type.String({ format: 'uuid' }) });
export const ContributionParamsSchema = Type.Object({ id: Type.String({ format: 'uuid' }), cid: Type.String({ format: 'uuid' }) });
