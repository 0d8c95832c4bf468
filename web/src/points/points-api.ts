import type {
  AdjustBody,
  AwardBody,
  AwardResult,
  CreateItemBody,
  CreateRuleBody,
  Leaderboard,
  RedeemBody,
  Redemption,
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
  LogHoursBody,
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
export const getStatement = (householdId: string, month?: string) => apiGet<Statement>('/points/statement', { householdId, month });
export const getLeaderboard = (villageCode: string, from?: string, to?: string, limit = 20) =>
  apiGet<Leaderboard>('/points/leaderboard', { villageCode, from, to, limit });

// The shop.

export const listItems = (villageCode: string) => apiGet<ShopItem[]>('/points/shop/items', { villageCode });
export const createItem = (body: CreateItemBody) => apiPost<ShopItem>('/points/shop/items', body);
export const updateItem = (id: string, body: UpdateItemBody) => apiPatch<ShopItem>(`/points/shop/items/${enc(id)}`, body);
export const restockItem = (id: string, body: RestockBody) => apiPost<ShopItem>(`/points/shop/items/${enc(id)}/restock`, body);
export const redeemAtCounter = (body: RedeemBody) => apiPost<Redemption>('/points/shop/redemptions', body);

// The time bank.

export const listVolunteers = (villageCode: string) => apiGet<Volunteer[]>('/timebank/volunteers', { villageCode });
export const registerVolunteer = (body: RegisterVolunteerBody) => apiPost<Volunteer>('/timebank/volunteers', body);
export const getVolunteer = (id: string) => apiGet<VolunteerDetail>(`/timebank/volunteers/${enc(id)}`);
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
export const myStatement = (code: string, month?: string) => residentGet<Statement>(code, `${pub(code)}/statement`, { month });
export const myShop = (code: string) => residentGet<ShopItem[]>(code, `${pub(code)}/shop`);
export const myRedeem = (code: string, itemId: string, quantity: number) => residentPost<Redemption>(code, `${pub(code)}/redemptions`, { itemId, quantity });
export const myHours = (code: string) => residentGet<HoursRecord[]>(code, `${pub(code)}/hours`);
export const myConfirm = (code: string, id: string) => residentPost<HoursRecord>(code, `${pub(code)}/hours/${enc(id)}/confirm`);
