import { Type, type Static } from 'typebox';
import { enumOf, Nullable } from '../../platform/http/schemas.js';
import { BODY_CATEGORIES, BODY_KINDS, MEMBER_ROLES, SHIFT_PERIODS } from './kinds.js';

// 一约四会 and teams: what the API takes and gives. Shared with the web app (imports nothing server-only).

const VillageCode = Type.String({ pattern: '^[0-9]{12}$', description: '村（社区）代码' });
const Day = Type.String({ format: 'date' });

export const MemberSchema = Type.Object({
  id: Type.String(),
  residentId: Type.String(),
  name: Type.String(),
  role: enumOf(MEMBER_ROLES),
  committeePost: Nullable(Type.String()),
  joinedOn: Type.String(),
  leftOn: Nullable(Type.String()),
  /** The person's 五老三员两长 tags (names), from the registry. */
  tags: Type.Array(Type.String()),
});
export type Member = Static<typeof MemberSchema>;

export const BodySchema = Type.Object({
  id: Type.String(),
  villageCode: Type.String(),
  villageName: Type.String(),
  category: enumOf(BODY_CATEGORIES),
  kind: enumOf(BODY_KINDS),
  name: Type.String(),
  duties: Nullable(Type.String()),
  active: Type.Boolean(),
  /** Current members (those who left are in history only). */
  members: Type.Array(MemberSchema),
});
export type Body = Static<typeof BodySchema>;

export const BodyQuerySchema = Type.Object({ villageCode: VillageCode });
export type BodyQuery = Static<typeof BodyQuerySchema>;

export const CreateBodySchema = Type.Object(
  {
    villageCode: VillageCode,
    kind: enumOf(BODY_KINDS),
    name: Type.Optional(Type.String({ minLength: 2, maxLength: 60, description: '默认为类别名称，如“道德评议会”' })),
    duties: Type.Optional(Type.String({ maxLength: 1000 })),
  },
  { additionalProperties: false },
);
export type CreateBody = Static<typeof CreateBodySchema>;

export const UpdateBodySchema = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 2, maxLength: 60 })),
    duties: Type.Optional(Type.String({ maxLength: 1000 })),
    active: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type UpdateBody = Static<typeof UpdateBodySchema>;

export const AddMemberSchema = Type.Object(
  {
    residentId: Type.String({ format: 'uuid' }),
    role: enumOf(MEMBER_ROLES),
    /** 两委职务; required for the leader (会长、队长 come from the 两委). */
    committeePost: Type.Optional(Type.String({ minLength: 2, maxLength: 30 })),
    joinedOn: Type.Optional(Day),
  },
  { additionalProperties: false },
);
export type AddMember = Static<typeof AddMemberSchema>;

export const LeaveSchema = Type.Object({ leftOn: Type.Optional(Day) }, { additionalProperties: false });
export type Leave = Static<typeof LeaveSchema>;

export const ShiftSchema = Type.Object({
  id: Type.String(),
  bodyId: Type.String(),
  bodyName: Type.String(),
  dutyOn: Type.String(),
  period: enumOf(SHIFT_PERIODS),
  task: Nullable(Type.String()),
  members: Type.Array(Type.Object({ memberId: Type.String(), name: Type.String() })),
  remindedAt: Nullable(Type.String()),
});
export type Shift = Static<typeof ShiftSchema>;

export const CreateShiftSchema = Type.Object(
  {
    dutyOn: Day,
    period: enumOf(SHIFT_PERIODS),
    task: Type.Optional(Type.String({ maxLength: 200 })),
    memberIds: Type.Array(Type.String({ format: 'uuid' }), { minItems: 1, maxItems: 20 }),
  },
  { additionalProperties: false },
);
export type CreateShift = Static<typeof CreateShiftSchema>;

export const ShiftQuerySchema = Type.Object({ villageCode: VillageCode, from: Type.Optional(Day), to: Type.Optional(Day) });
export type ShiftQuery = Static<typeof ShiftQuerySchema>;

/** The public roster (no login): names as a notice board shows them (杨某), no numbers. */
export const PublicRosterSchema = Type.Object({
  villageCode: Type.String(),
  villageName: Type.String(),
  bodies: Type.Array(
    Type.Object({
      id: Type.String(),
      category: enumOf(BODY_CATEGORIES),
      kind: enumOf(BODY_KINDS),
      name: Type.String(),
      duties: Nullable(Type.String()),
      members: Type.Array(Type.Object({ name: Type.String(), role: enumOf(MEMBER_ROLES), committeePost: Nullable(Type.String()) })),
    }),
  ),
});
export type PublicRoster = Static<typeof PublicRosterSchema>;

export const VillageParamsSchema = Type.Object({ code: VillageCode });
export const BodyMemberParamsSchema = Type.Object({ id: Type.String({ format: 'uuid' }), memberId: Type.String({ format: 'uuid' }) });
