import type { CreateNoticeBody, Dashboard, Notice, NoticeQuery } from '../../../src/modules/duties/notice-schema.ts';
import { apiGet, apiPost } from '../api';

// 减文减会 and the burden dashboard (docs/DUTIES.md).

/** Twelve months of burden figures for the user's county or township (or one of the county's townships). */
export function getDashboard(regionCode?: string): Promise<Dashboard> {
  return apiGet<Dashboard>('/duties/dashboard', { regionCode });
}

export function listNotices(query: NoticeQuery = {}): Promise<Notice[]> {
  return apiGet<Notice[]>('/notices', { kind: query.kind, from: query.from, to: query.to, regionCode: query.regionCode });
}

/** Records a document or a meeting addressed down to townships or villages. */
export function recordNotice(body: CreateNoticeBody): Promise<Notice> {
  return apiPost<Notice>('/notices', body);
}
