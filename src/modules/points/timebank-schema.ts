import { Type, type Static } from 'typebox';
import { enumOf, Nullable } from '../../platform/http/schemas.js';
import { HOURS_STATUSES, SERVICE_CATEGORIES, SERVICE_DIRECTIONS, TRANSFER_KINDS } from './kinds.js';

// The volunteer time bank (时间银行): what the API takes and gives. Shared with the web app.

const Hours = Type.Number({ exclusiveMinimum: 0, maximum: 24, multipleOf: 0.5, description: '小时，半小时为单位' });

export const RegisterVolunteerBodySchema = Type.Object(
  { residentId: Type.String({ format: 'uuid' }), skills: Type.Optional(Type.String({ maxLength: 200 })) },
  { additionalProperties: false },
);
export type RegisterVolunteerBody = Static<typeof RegisterVolunteerBodySchema>;

export const PartyLinkSchema = Type.Object({ memberId: Type.String(), orgName: Type.String() });

export const VolunteerSchema = Type.Object({
  id: Type.String(),
  residentId: Type.String(),
  villageCode: Type.String(),
  name: Type.String(),
  skills: Nullable(Type.String()),
  registeredOn: Type.String(),
  /** Confirmed hours earned, minus spent and donated, plus received. */
  balance: Type.Number(),
  earned: Type.Number(),
  pending: Type.Number(),
  /** When the volunteer is a party member, their membership (时长计入党员服务). */
  partyMember: Nullable(PartyLinkSchema),
});
export type Volunteer = Static<typeof VolunteerSchema>;

export const VolunteerQuerySchema = Type.Object({ villageCode: Type.String({ pattern: '^[0-9]{12}$' }) });

export const CreateServiceBodySchema = Type.Object(
  {
    direction: enumOf(SERVICE_DIRECTIONS),
    category: enumOf(SERVICE_CATEGORIES),
    volunteerId: Type.Optional(Type.String({ format: 'uuid', description: 'offer: 提供服务的志愿者' })),
    residentId: Type.Optional(Type.String({ format: 'uuid', description: 'request: 需要服务的居民' })),
    description: Type.String({ minLength: 2, maxLength: 500 }),
  },
  { additionalProperties: false },
);
export type CreateServiceBody = Static<typeof CreateServiceBodySchema>;

export const ServiceSchema = Type.Object({
  id: Type.String(),
  villageCode: Type.String(),
  direction: enumOf(SERVICE_DIRECTIONS),
  category: enumOf(SERVICE_CATEGORIES),
  volunteerId: Nullable(Type.String()),
  residentId: Nullable(Type.String()),
  name: Type.String(),
  description: Type.String(),
  status: Type.Union([Type.Literal('open'), Type.Literal('closed')]),
  createdAt: Type.String(),
});
export type Service = Static<typeof ServiceSchema>;

export const ServiceQuerySchema = Type.Object({
  villageCode: Type.String({ pattern: '^[0-9]{12}$' }),
  direction: Type.Optional(enumOf(SERVICE_DIRECTIONS)),
  status: Type.Optional(Type.Union([Type.Literal('open'), Type.Literal('closed')])),
});
export type ServiceQuery = Static<typeof ServiceQuerySchema>;

export const LogHoursBodySchema = Type.Object(
  {
    volunteerId: Type.String({ format: 'uuid' }),
    receiverId: Type.String({ format: 'uuid', description: '接受服务的居民' }),
    serviceId: Type.Optional(Type.String({ format: 'uuid' })),
    category: enumOf(SERVICE_CATEGORIES),
    servedOn: Type.String({ format: 'date' }),
    hours: Hours,
    activity: Type.String({ minLength: 2, maxLength: 200 }),
  },
  { additionalProperties: false },
);
export type LogHoursBody = Static<typeof LogHoursBodySchema>;

export const HoursRecordSchema = Type.Object({
  id: Type.String(),
  volunteerId: Type.String(),
  volunteerName: Type.String(),
  receiverId: Type.String(),
  receiverName: Type.String(),
  category: enumOf(SERVICE_CATEGORIES),
  servedOn: Type.String(),
  hours: Type.Number(),
  activity: Type.String(),
  status: enumOf(HOURS_STATUSES),
  confirmedVia: Nullable(Type.Union([Type.Literal('receiver'), Type.Literal('cadre')])),
});
export type HoursRecord = Static<typeof HoursRecordSchema>;

export const VolunteerDetailSchema = Type.Object({ ...VolunteerSchema.properties, hours: Type.Array(HoursRecordSchema) });
export type VolunteerDetail = Static<typeof VolunteerDetailSchema>;

export const TransferBodySchema = Type.Object(
  {
    /** The volunteer whose hours leave; omitted: the village pool's (spend only, with villageCode). */
    fromVolunteerId: Type.Optional(Type.String({ format: 'uuid' })),
    villageCode: Type.Optional(Type.String({ pattern: '^[0-9]{12}$' })),
    /** donate: to this volunteer; omitted: to the village pool. */
    toVolunteerId: Type.Optional(Type.String({ format: 'uuid' })),
    hours: Type.Number({ exclusiveMinimum: 0, maximum: 1000, multipleOf: 0.5 }),
    note: Type.String({ minLength: 2, maxLength: 200 }),
  },
  { additionalProperties: false },
);
export type TransferBody = Static<typeof TransferBodySchema>;

export const TransferSchema = Type.Object({
  id: Type.String(),
  kind: enumOf(TRANSFER_KINDS),
  fromVolunteerId: Nullable(Type.String()),
  toVolunteerId: Nullable(Type.String()),
  hours: Type.Number(),
  note: Type.String(),
  /** The balance the hours left (the volunteer's, or the pool's). */
  balance: Type.Number(),
});
export type Transfer = Static<typeof TransferSchema>;

export const PoolSchema = Type.Object({ villageCode: Type.String(), balance: Type.Number(), donated: Type.Number(), spent: Type.Number() });
export type Pool = Static<typeof PoolSchema>;

/** A party member's time-bank service, for the party pages (党员服务时长). */
export const MemberHoursSchema = Type.Object({
  memberId: Type.String(),
  residentId: Type.String(),
  volunteerId: Nullable(Type.String()),
  confirmedHours: Type.Number(),
  records: Type.Array(HoursRecordSchema),
});
export type MemberHours = Static<typeof MemberHoursSchema>;

export const MOVEMENT_KINDS = ['service', 'spend', 'donate', 'receive'] as const;

/** A volunteer's month in the time bank (时长月结单): opening, each movement, closing. */
export const HoursStatementSchema = Type.Object({
  volunteerId: Type.String(),
  name: Type.String(),
  month: Type.String(),
  opening: Type.Number(),
  /** Hours of service confirmed in the month. */
  earned: Type.Number(),
  received: Type.Number(),
  spent: Type.Number(),
  donated: Type.Number(),
  closing: Type.Number(),
  lines: Type.Array(
    Type.Object({
      on: Type.String(),
      kind: enumOf(MOVEMENT_KINDS),
      /** Signed: positive adds to the balance. */
      hours: Type.Number(),
      /** What was done or why (the activity, or the note of a transfer). */
      text: Type.String(),
      /** The person served, the volunteer given to or received from; none for spending or the pool. */
      otherName: Nullable(Type.String()),
    }),
  ),
});
export type HoursStatement = Static<typeof HoursStatementSchema>;

export const HoursStatementQuerySchema = Type.Object({
  month: Type.Optional(Type.String({ pattern: '^[0-9]{4}-(0[1-9]|1[0-2])$', description: '月份 YYYY-MM' })),
});

/** What a resident sees of their own volunteering on the phone: no ids of others, no codes. */
export const MyVolunteeringSchema = Type.Object({
  volunteer: Nullable(
    Type.Object({
      name: Type.String(),
      balance: Type.Number(),
      earned: Type.Number(),
      pending: Type.Number(),
      /** The party organization, when the volunteer is a party member (时长计入党员服务). */
      partyOrgName: Nullable(Type.String()),
    }),
  ),
  /** The month's statement of the volunteer's hours. */
  statement: Nullable(HoursStatementSchema),
  /** Hours the volunteer gave others, newest first: waiting for the receiver's confirmation, or confirmed. */
  given: Type.Array(
    Type.Object({
      id: Type.String(),
      receiverName: Type.String(),
      category: enumOf(SERVICE_CATEGORIES),
      servedOn: Type.String(),
      hours: Type.Number(),
      activity: Type.String(),
      status: enumOf(HOURS_STATUSES),
    }),
  ),
});
export type MyVolunteering = Static<typeof MyVolunteeringSchema>;
