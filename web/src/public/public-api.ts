import type { CreatedRequest, CreateRequestBody, PublicOrder } from '../../../src/modules/requests/schema.ts';
import type { PublicInfo, PublicPlace } from '../../../src/modules/requests/public-schema.ts';
import { apiGet, apiPost } from '../api';

/** What a resident may send: the staff form without the operator's fields. */
export type PublicRequestBody = Omit<CreateRequestBody, 'answerNow' | 'channel' | 'reportedAt'> & {
  /** The resident ticked the personal-information notice. */
  privacyAcknowledged?: boolean;
};

/** A resident's report, no login (POST /public/requests). */
export function createPublicRequest(body: PublicRequestBody): Promise<CreatedRequest> {
  return apiPost<CreatedRequest>('/public/requests', body);
}

/** An order's progress by number and query code, with no personal data (GET /public/requests/:number). */
export function trackOrder(number: string, code: string): Promise<PublicOrder> {
  return apiGet<PublicOrder>(`/public/requests/${encodeURIComponent(number)}`, { code });
}

/** The county's name, hotline and the facts of the personal-information notice. */
export function publicInfo(): Promise<PublicInfo> {
  return apiGet<PublicInfo>('/public/info');
}

/** Where a point falls (township, village, grid by name), and the place the typed address names when it differs. */
export function publicPlace(lat: number, lng: number, address?: string): Promise<PublicPlace> {
  return apiGet<PublicPlace>('/public/place', { lat, lng, ...(address ? { address } : {}) });
}
