import type { CreatedRequest, CreateRequestBody, PublicOrder } from '../../../src/modules/requests/schema.ts';
import { apiGet, apiPost } from '../api';

/** What a resident may send: the staff form without the operator's fields. */
export type PublicRequestBody = Omit<CreateRequestBody, 'answerNow' | 'channel' | 'reportedAt'>;

/** A resident's report, no login (POST /public/requests). */
export function createPublicRequest(body: PublicRequestBody): Promise<CreatedRequest> {
  return apiPost<CreatedRequest>('/public/requests', body);
}

/** An order's progress by number and query code, with no personal data (GET /public/requests/:number). */
export function trackOrder(number: string, code: string): Promise<PublicOrder> {
  return apiGet<PublicOrder>(`/public/requests/${encodeURIComponent(number)}`, { code });
}
