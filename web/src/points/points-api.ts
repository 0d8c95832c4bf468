import type {
  AdjustBody,
  AwardBody,
  AwardResult,
  CancelRedemptionBody,
  CreateItemBody,
  CreateRuleBody,
  Leaderboard,
  RedeemBody,
  Redemption,
  RedemptionRecord,
  RestockBody,
  Rule,
  ShopItem,
  Statement,
  UpdateItemBody,
  UpdateRuleBody,
} from '../../../src/modules/points/points-schema.ts';
import type {
  CreateServiceBody,
  HoursRecord,
  HoursStatement,
  LogHoursBody,
  MyVolunteering,
  Pool,
  RegisterVolunteerBody,
  Service,
  ServiceQuery,
  Transfer,
  TransferBody,
  Volunteer,
  VolunteerDetail,
} from '../../../src/modules/points/timebank-schema.ts';
import { apiGet, apiPatch, apiPost } from '../api';
import { residentGet, residentPost } from '../cocreation/resident/pass';

// The points module's calls (docs/POINTS.md, "API"): the cadre's under /points and /timebank, the
// resident's under /public/points with the co-creation pass.

const enc = encodeURIComponent;

// Rules, awards, adjustments, statements.

export const listRules = (villageCode: string, includeInactive = false) =>
  apiGet<Rule[]>('/points/rules', { villageCode, includeInactive: includeInactive ? 'true' : undefined });
export const createRule = (body: CreateRuleBody) => apiPost<Rule>('/points/rules', body);
export const updateRule = (id: string, body: UpdateRuleBody) => apiPatch<Rule>(`/points/rules/${enc(id)}`, body);
export const award = (body: AwardBody) => apiPost<AwardResult>('/points/awards', body);
export const adjust = (body: AdjustBody) => apiPost<AwardResult>('/points/adjustments', body);
/** A household's statement, or a person's own (a volunteer's points). */
export const getStatement = (holder: { householdId: string } | { residentId: string }, month?: string) =>
  apiGet<Statement>('/points/statement', { ...holder, month });
export const getLeaderboard = (villageCode: string, from?: string, to?: string, limit = 20) =>
  apiGet<Leaderboard>('/points/leaderboard', { villageCode, from, to, limit });

/** Every household the leaderboard ranks for the village and period, as .xlsx (a link: the browser downloads it). */
export function leaderboardXlsxUrl(villageCode: string, from: string, to: string): string {
  return `/api/v1/points/leaderboard.xlsx?${new URLSearchParams({ villageCode, from, to })}`;
}

// The shop.

export const listItems = (villageCode: string) => apiGet<ShopItem[]>('/points/shop/items', { villageCode });
export const createItem = (body: CreateItemBody) => apiPost<ShopItem>('/points/shop/items', body);
export const updateItem = (id: string, body: UpdateItemBody) => apiPatch<ShopItem>(`/points/shop/items/${enc(id)}`, body);
export const restockItem = (id: string, body: RestockBody) => apiPost<ShopItem>(`/points/shop/items/${enc(id)}/restock`, body);
export const redeemAtCounter = (body: RedeemBody) => apiPost<Redemption>('/points/shop/redemptions', body);
export const listRedemptions = (villageCode: string, status?: RedemptionRecord['status']) =>
  apiGet<RedemptionRecord[]>('/points/shop/redemptions', { villageCode, status });
export const handOverRedemption = (id: string) => apiPost<RedemptionRecord>(`/points/shop/redemptions/${enc(id)}/handover`);
export const cancelRedemption = (id: string, body: CancelRedemptionBody) => apiPost<RedemptionRecord>(`/points/shop/redemptions/${enc(id)}/cancel`, body);

// The time bank.

export const listVolunteers = (villageCode: string) => apiGet<Volunteer[]>('/timebank/volunteers', { villageCode });
export const registerVolunteer = (body: RegisterVolunteerBody) => apiPost<Volunteer>('/timebank/volunteers', body);
export const getVolunteer = (id: string) => apiGet<VolunteerDetail>(`/timebank/volunteers/${enc(id)}`);
export const getHoursStatement = (id: string, month?: string) => apiGet<HoursStatement>(`/timebank/volunteers/${enc(id)}/statement`, { month });
export const listServices = (q: ServiceQuery) => apiGet<Service[]>('/timebank/services', { ...q });
export const createService = (body: CreateServiceBody) => apiPost<Service>('/timebank/services', body);
export const closeService = (id: string) => apiPost<Service>(`/timebank/services/${enc(id)}/close`);
export const logHours = (body: LogHoursBody) => apiPost<HoursRecord>('/timebank/hours', body);
export const confirmHours = (id: string) => apiPost<HoursRecord>(`/timebank/hours/${enc(id)}/confirm`);
export const spendHours = (body: TransferBody) => apiPost<Transfer>('/timebank/spend', body);
export const donateHours = (body: TransferBody) => apiPost<Transfer>('/timebank/donate', body);
export const getPool = (villageCode: string) => apiGet<Pool>('/timebank/pool', { villageCode });

// The resident's (with the pass).

const pub = (code: string) => `/public/points/villages/${enc(code)}`;
export const myStatement = (code: string, month?: string, whose?: 'me') => residentGet<Statement>(code, `${pub(code)}/statement`, { month, whose });
export const myRedemptions = (code: string) => residentGet<RedemptionRecord[]>(code, `${pub(code)}/redemptions`);
export const myCancel = (code: string, id: string) => residentPost<RedemptionRecord>(code, `${pub(code)}/redemptions/${enc(id)}/cancel`);
export const myVolunteering = (code: string, month?: string) => residentGet<MyVolunteering>(code, `${pub(code)}/volunteering`, { month });
export const myShop = (code: string) => residentGet<ShopItem[]>(code, `${pub(code)}/shop`);
export const myRedeem = (code: string, itemId: string, quantity: number) => residentPost<Redemption>(code, `${pub(code)}/redemptions`, { itemId, quantity });
export const myHours = (code: string) => residentGet<HoursRecord[]>(code, `${pub(code)}/hours`);
export const myConfirm = (code: string, id: string) => residentPost<HoursRecord>(code, `${pub(code)}/hours/${enc(id)}/confirm`);
