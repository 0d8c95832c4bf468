import { Type, type Static } from 'typebox';
import { enumOf, Nullable } from '../../platform/http/schemas.js';
import type { QuorumRule } from './meeting-quorum.js';
import type { Attendance, MeetingKind, MeetingStatus } from './kinds.js';

// Deliberation meetings (议事): what the API takes and gives; the web imports these types.

export const MEETING_KINDS = [
  'courtyard',
  'fireside',
  'building',
  'sunshine_hall',
  'villager_council',
  'four_party',
  'representatives',
  'party_members',
] as const satisfies readonly MeetingKind[];

/** The kinds' Chinese names (the PDFs and error messages use them). */
export const MEETING_KIND_NAMES: Record<MeetingKind, string> = {
  courtyard: '院坝会',
  fireside: '火塘会',
  building: '楼宇会',
  sunshine_hall: '阳光议事厅',
  villager_council: '村民议事会',
  four_party: '四方联动',
  representatives: '村民代表会议',
  party_members: '党员大会',
};

/** Kinds whose roster is named persons only (a household cannot be a representative or a member). */
export const PERSON_KINDS: readonly MeetingKind[] = ['representatives', 'party_members'];

const MeetingKindSchema = enumOf<MeetingKind>(MEETING_KINDS);
const MeetingStatusSchema = enumOf<MeetingStatus>(['planned', 'held', 'cancelled']);
const AttendanceSchema = enumOf<Attendance>(['present', 'proxy', 'absent']);
const Uuid = Type.String({ format: 'uuid' });

export const QuorumSchema = Type.Object({
  rule: enumOf<QuorumRule>(['two_thirds_present', 'half_adults_present', 'two_thirds_households', 'half_present', 'half_households']),
  invited: Type.Integer(),
  counted: Type.Integer(),
  required: Type.Integer(),
  met: Type.Boolean(),
  proxiesCount: Type.Boolean(),
  description: Type.String(),
});

export const MeetingSummarySchema = Type.Object({
  id: Type.String(),
  kind: MeetingKindSchema,
  title: Type.String(),
  regionCode: Type.String(),
  regionName: Type.String(),
  gridCode: Nullable(Type.String()),
  place: Nullable(Type.String()),
  startsAt: Type.String(),
  status: MeetingStatusSchema,
  quorumMet: Nullable(Type.Boolean()),
  heldAt: Nullable(Type.String()),
  invitedCount: Type.Integer(),
  attendedCount: Type.Integer(),
  resolutionCount: Type.Integer(),
});
export type MeetingSummary = Static<typeof MeetingSummarySchema>;

export const AttendeeSchema = Type.Object({
  id: Type.String(),
  unit: enumOf<'household' | 'person'>(['household', 'person']),
  householdId: Nullable(Type.String()),
  residentId: Nullable(Type.String()),
  name: Type.String(),
  attendance: Nullable(AttendanceSchema),
  proxyName: Nullable(Type.String()),
});
export type Attendee = Static<typeof AttendeeSchema>;

export const AgendaItemSchema = Type.Object({ seq: Type.Integer(), proposalId: Type.String(), title: Type.String(), status: Type.String() });
export type AgendaItem = Static<typeof AgendaItemSchema>;

export const ResolutionSchema = Type.Object({
  id: Type.String(),
  seq: Type.Integer(),
  text: Type.String(),
  proposalId: Nullable(Type.String()),
  proposalTitle: Nullable(Type.String()),
  voteId: Nullable(Type.String()),
  projectId: Nullable(Type.String()),
  createdAt: Type.String(),
});
export type Resolution = Static<typeof ResolutionSchema>;

export const MeetingSchema = Type.Intersect([
  MeetingSummarySchema,
  Type.Object({
    invitedParties: Type.Array(Type.String()),
    minutes: Nullable(Type.String()),
    agenda: Type.Array(AgendaItemSchema),
    attendees: Type.Array(AttendeeSchema),
    quorum: QuorumSchema,
    resolutions: Type.Array(ResolutionSchema),
    /** Attendance may be taken now: the meeting has started and is not yet held. */
    canTakeAttendance: Type.Boolean(),
  }),
]);
export type Meeting = Static<typeof MeetingSchema>;

export const MeetingQuerySchema = Type.Object({
  regionCode: Type.Optional(Type.String({ pattern: '^[0-9]{12,15}$' })),
  status: Type.Optional(MeetingStatusSchema),
  kind: Type.Optional(MeetingKindSchema),
});
export type MeetingQuery = Static<typeof MeetingQuerySchema>;

export const InvitationsSchema = Type.Object(
  {
    /** Every active household of the meeting's area. */
    allHouseholds: Type.Optional(Type.Boolean()),
    householdIds: Type.Optional(Type.Array(Uuid, { maxItems: 2000 })),
    /** Named persons: representatives, party members, or adults for a villager council. */
    residentIds: Type.Optional(Type.Array(Uuid, { maxItems: 2000 })),
  },
  { additionalProperties: false },
);
export type Invitations = Static<typeof InvitationsSchema>;

export const CreateMeetingBodySchema = Type.Object(
  {
    kind: MeetingKindSchema,
    /** The village, or a group (村民小组 / 小区) under it. */
    regionCode: Type.String({ pattern: '^[0-9]{12,15}$' }),
    /** A grid of the village, to hold the meeting for that grid's households. */
    gridCode: Type.Optional(Type.String({ pattern: '^[0-9]{15}$' })),
    title: Type.String({ minLength: 1, maxLength: 100 }),
    place: Type.Optional(Type.String({ maxLength: 100 })),
    startsAt: Type.String({ format: 'date-time' }),
    /** Proposals (议题) of the same village, in order. */
    agenda: Type.Optional(Type.Array(Uuid, { maxItems: 30 })),
    invitations: InvitationsSchema,
    /** 四方联动: the parties invited besides the residents (业委会、物业…). */
    invitedParties: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 50 }), { maxItems: 10 })),
  },
  { additionalProperties: false },
);
export type CreateMeetingBody = Static<typeof CreateMeetingBodySchema>;

export const AttendanceBodySchema = Type.Object(
  {
    entries: Type.Array(
      Type.Object(
        { attendeeId: Uuid, attendance: AttendanceSchema, proxyName: Type.Optional(Type.String({ maxLength: 50 })) },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: 2000 },
    ),
  },
  { additionalProperties: false },
);
export type AttendanceBody = Static<typeof AttendanceBodySchema>;

const ResolutionInputSchema = Type.Object(
  { text: Type.String({ minLength: 1, maxLength: 2000 }), proposalId: Type.Optional(Uuid) },
  { additionalProperties: false },
);

export const HoldMeetingBodySchema = Type.Object(
  {
    minutes: Type.String({ minLength: 1, maxLength: 20000 }),
    /** Decisions taken at the meeting; refused when the quorum is not met. */
    resolutions: Type.Optional(Type.Array(ResolutionInputSchema, { maxItems: 30 })),
  },
  { additionalProperties: false },
);
export type HoldMeetingBody = Static<typeof HoldMeetingBodySchema>;

export const ResolutionBodySchema = ResolutionInputSchema;
export type ResolutionBody = Static<typeof ResolutionBodySchema>;
