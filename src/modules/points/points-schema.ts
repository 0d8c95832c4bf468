import { Type, type Static } from 'typebox';
import { enumOf, Nullable } from '../../platform/http/schemas.js';
import { ACCOUNT_KINDS, ENTRY_KINDS, REDEMPTION_CHANNELS, REDEMPTION_STATUSES, RULE_CADENCES } from './kinds.js';

// Points (积分) and the points shop (爱心超市): what the API takes and gives. Shared with the web
// app (imports nothing server-only).

const RegionCode = Type.String({ pattern: '^[0-9]{6,12}$', description: '区划代码（村、乡镇或县）' });
const VillageCode = Type.String({ pattern: '^[0-9]{12}$', description: '村（社区）代码' });
const Month = Type.String({ pattern: '^[0-9]{4}-(0[1-9]|1[0-2])$', description: '月份 YYYY-MM' });
const Day = Type.String({ format: 'date' });

export const RuleSchema = Type.Object({
  id: Type.String(),
  regionCode: Type.String(),
  regionName: Type.String(),
  code: Type.String(),
  name: Type.String(),
  points: Type.Integer(),
  cadence: enumOf(RULE_CADENCES),
  active: Type.Boolean(),
});
export type Rule = Static<typeof RuleSchema>;

export const CreateRuleBodySchema = Type.Object(
  {
    regionCode: RegionCode,
    code: Type.String({ pattern: '^[a-z0-9_]{2,40}$', description: '规则代码（小写字母、数字、下划线）' }),
    name: Type.String({ minLength: 2, maxLength: 100 }),
    points: Type.Integer({ minimum: -1000, maximum: 1000, description: '加分为正，扣分（违反村规民约）为负，不能为 0' }),
    cadence: enumOf(RULE_CADENCES),
  },
  { additionalProperties: false },
);
export type CreateRuleBody = Static<typeof CreateRuleBodySchema>;

export const UpdateRuleBodySchema = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 2, maxLength: 100 })),
    points: Type.Optional(Type.Integer({ minimum: -1000, maximum: 1000 })),
    active: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type UpdateRuleBody = Static<typeof UpdateRuleBodySchema>;

export const RuleQuerySchema = Type.Object({ villageCode: Type.Optional(VillageCode), includeInactive: Type.Optional(Type.Boolean()) });
export type RuleQuery = Static<typeof RuleQuerySchema>;

/** Whose account: a household, or a person (volunteers keep their own). Exactly one. */
const Holder = {
  householdId: Type.Optional(Type.String({ format: 'uuid' })),
  residentId: Type.Optional(Type.String({ format: 'uuid' })),
};

export const AwardBodySchema = Type.Object(
  { ruleId: Type.String({ format: 'uuid' }), ...Holder, bookedOn: Type.Optional(Day) },
  { additionalProperties: false },
);
export type AwardBody = Static<typeof AwardBodySchema>;

export const AdjustBodySchema = Type.Object(
  {
    ...Holder,
    points: Type.Integer({ minimum: -10000, maximum: 10000 }),
    reason: Type.String({ maxLength: 200, description: '调整理由（必填）' }),
  },
  { additionalProperties: false },
);
export type AdjustBody = Static<typeof AdjustBodySchema>;

export const EntrySchema = Type.Object({
  id: Type.String(),
  bookedOn: Type.String(),
  kind: enumOf(ENTRY_KINDS),
  /** Signed: positive adds to the account, negative takes away. */
  points: Type.Integer(),
  ruleCode: Nullable(Type.String()),
  description: Type.String(),
  actorName: Type.String(),
});
export type Entry = Static<typeof EntrySchema>;

export const AccountSchema = Type.Object({
  id: Type.String(),
  kind: enumOf(ACCOUNT_KINDS),
  villageCode: Type.String(),
  householdId: Nullable(Type.String()),
  residentId: Nullable(Type.String()),
  /** The household head's name, or the person's. */
  name: Type.String(),
  balance: Type.Integer(),
});
export type Account = Static<typeof AccountSchema>;

export const AwardResultSchema = Type.Object({ account: AccountSchema, entry: EntrySchema });
export type AwardResult = Static<typeof AwardResultSchema>;

export const StatementSchema = Type.Object({
  account: AccountSchema,
  month: Type.String(),
  opening: Type.Integer(),
  earned: Type.Integer(),
  spent: Type.Integer(),
  closing: Type.Integer(),
  entries: Type.Array(EntrySchema),
});
export type Statement = Static<typeof StatementSchema>;

export const HolderQuerySchema = Type.Object(Holder);
export const StatementQuerySchema = Type.Object({ ...Holder, month: Type.Optional(Month) });
export type HolderQuery = Static<typeof HolderQuerySchema>;

export const LeaderboardQuerySchema = Type.Object({
  villageCode: VillageCode,
  from: Type.Optional(Day),
  to: Type.Optional(Day),
  limit: Type.Integer({ minimum: 1, maximum: 100, default: 10 }),
});
export type LeaderboardQuery = Static<typeof LeaderboardQuerySchema>;

export const LeaderboardSchema = Type.Object({
  villageCode: Type.String(),
  from: Type.String(),
  to: Type.String(),
  rows: Type.Array(Type.Object({ rank: Type.Integer(), accountId: Type.String(), householdId: Type.String(), name: Type.String(), points: Type.Integer() })),
});
export type Leaderboard = Static<typeof LeaderboardSchema>;

export const ShopItemSchema = Type.Object({
  id: Type.String(),
  villageCode: Type.String(),
  name: Type.String(),
  price: Type.Integer(),
  stock: Type.Integer(),
  active: Type.Boolean(),
});
export type ShopItem = Static<typeof ShopItemSchema>;

export const CreateItemBodySchema = Type.Object(
  {
    villageCode: VillageCode,
    name: Type.String({ minLength: 1, maxLength: 100 }),
    price: Type.Integer({ minimum: 1, maximum: 100000, description: '兑换所需积分' }),
    stock: Type.Integer({ minimum: 0, maximum: 100000 }),
  },
  { additionalProperties: false },
);
export type CreateItemBody = Static<typeof CreateItemBodySchema>;

export const UpdateItemBodySchema = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    price: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000 })),
    active: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type UpdateItemBody = Static<typeof UpdateItemBodySchema>;

export const RestockBodySchema = Type.Object(
  {
    quantity: Type.Integer({ minimum: -100000, maximum: 100000, description: '补货为正，报损为负' }),
    reason: Type.String({ minLength: 1, maxLength: 200 }),
  },
  { additionalProperties: false },
);
export type RestockBody = Static<typeof RestockBodySchema>;

export const ItemQuerySchema = Type.Object({ villageCode: VillageCode });

export const RedeemBodySchema = Type.Object(
  { itemId: Type.String({ format: 'uuid' }), ...Holder, quantity: Type.Integer({ minimum: 1, maximum: 100, default: 1 }) },
  { additionalProperties: false },
);
export type RedeemBody = Static<typeof RedeemBodySchema>;

/** The resident's own redemption (the household is the pass's). */
export const ResidentRedeemBodySchema = Type.Object(
  { itemId: Type.String({ format: 'uuid' }), quantity: Type.Integer({ minimum: 1, maximum: 100, default: 1 }) },
  { additionalProperties: false },
);
export type ResidentRedeemBody = Static<typeof ResidentRedeemBodySchema>;

export const RedemptionSchema = Type.Object({
  id: Type.String(),
  itemId: Type.String(),
  itemName: Type.String(),
  quantity: Type.Integer(),
  points: Type.Integer(),
  channel: enumOf(REDEMPTION_CHANNELS),
  balance: Type.Integer(),
  stock: Type.Integer(),
});
export type Redemption = Static<typeof RedemptionSchema>;

/** A redemption as the shop's list shows it: waiting for hand-over, handed over or cancelled. */
export const RedemptionRecordSchema = Type.Object({
  id: Type.String(),
  itemId: Type.String(),
  itemName: Type.String(),
  quantity: Type.Integer(),
  points: Type.Integer(),
  channel: enumOf(REDEMPTION_CHANNELS),
  /** The household head's name, or the person's. */
  holderName: Type.String(),
  householdId: Nullable(Type.String()),
  residentId: Nullable(Type.String()),
  createdAt: Type.String(),
  actorName: Type.String(),
  status: enumOf(REDEMPTION_STATUSES),
  /** When handed over or cancelled, and by whom; the reason of a cancellation. */
  closedAt: Nullable(Type.String()),
  closedBy: Nullable(Type.String()),
  reason: Nullable(Type.String()),
});
export type RedemptionRecord = Static<typeof RedemptionRecordSchema>;

export const RedemptionQuerySchema = Type.Object({
  villageCode: VillageCode,
  status: Type.Optional(enumOf(REDEMPTION_STATUSES)),
  limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
});
export type RedemptionQuery = Static<typeof RedemptionQuerySchema>;

export const CancelRedemptionBodySchema = Type.Object(
  { reason: Type.String({ maxLength: 200, description: '撤销理由（必填，至少 2 个字）' }) },
  { additionalProperties: false },
);
export type CancelRedemptionBody = Static<typeof CancelRedemptionBodySchema>;

export const VillageParamsSchema = Type.Object({ code: VillageCode });
export const VillageIdParamsSchema = Type.Object({ code: VillageCode, id: Type.String({ format: 'uuid' }) });
export const MonthQuerySchema = Type.Object({ month: Type.Optional(Month) });
/** The resident's statement: the household's (default) or their own person account's (志愿者个人积分). */
export const ResidentStatementQuerySchema = Type.Object({
  month: Type.Optional(Month),
  whose: Type.Optional(Type.Union([Type.Literal('household'), Type.Literal('me')])),
});
