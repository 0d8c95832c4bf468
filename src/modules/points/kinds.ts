// The points module's closed sets of words, shared by the server's tables and the web (no server imports).

export const RULE_CADENCES = ['each', 'monthly', 'once'] as const;
/** 每次 / 每月至多一次 / 仅一次. */
export type RuleCadence = (typeof RULE_CADENCES)[number];

export const ACCOUNT_KINDS = ['household', 'resident', 'issuance', 'shop'] as const;
export type AccountKind = (typeof ACCOUNT_KINDS)[number];

/** 规则 / 调整 / 兑换 / 撤销兑换 (a redemption's reversing entry). */
export const ENTRY_KINDS = ['rule', 'adjustment', 'redemption', 'cancellation'] as const;
export type EntryKind = (typeof ENTRY_KINDS)[number];

export const REDEMPTION_CHANNELS = ['counter', 'resident'] as const;
export type RedemptionChannel = (typeof REDEMPTION_CHANNELS)[number];

/** A redemption waits for hand-over (待领取) until a cadre hands it over (已交付) or cancels it (已撤销). */
export const REDEMPTION_STATUSES = ['waiting', 'handed_over', 'cancelled'] as const;
export type RedemptionStatus = (typeof REDEMPTION_STATUSES)[number];

export const SERVICE_DIRECTIONS = ['offer', 'request'] as const;
export type ServiceDirection = (typeof SERVICE_DIRECTIONS)[number];

/** 陪护 / 助老 / 接送 / 代购 / 其他. */
export const SERVICE_CATEGORIES = ['companionship', 'elder_care', 'transport', 'errand', 'other'] as const;
export type ServiceCategory = (typeof SERVICE_CATEGORIES)[number];

export const SERVICE_CATEGORY_NAMES: Record<ServiceCategory, string> = {
  companionship: '陪护',
  elder_care: '助老',
  transport: '接送',
  errand: '代购',
  other: '其他',
};

export const HOURS_STATUSES = ['logged', 'confirmed'] as const;
export type HoursStatus = (typeof HOURS_STATUSES)[number];

export const TRANSFER_KINDS = ['spend', 'donate'] as const;
export type TransferKind = (typeof TRANSFER_KINDS)[number];
