import type { DesignateWatchPointBody, WatchPoint, WatchPointQuery } from '../../../src/modules/duties/watch-schema.ts';
import { apiGet, apiPost } from '../api';

// Observation and monitoring points (观测点 / 监测点), docs/DUTIES.md.

export function listWatchPoints(query: WatchPointQuery = {}): Promise<WatchPoint[]> {
  return apiGet<WatchPoint[]>('/watch-points', { kind: query.kind });
}

export function designateWatchPoint(body: DesignateWatchPointBody): Promise<WatchPoint> {
  return apiPost<WatchPoint>('/watch-points', body);
}

export function removeWatchPoint(id: string): Promise<void> {
  return apiPost<void>(`/watch-points/${encodeURIComponent(id)}/remove`);
}
