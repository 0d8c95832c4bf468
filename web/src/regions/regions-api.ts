import type { Region } from '../../../src/modules/regions/schema.ts';
import { apiGet } from '../api';

export function getRegion(code: string): Promise<Region> {
  return apiGet<Region>(`/regions/${encodeURIComponent(code)}`);
}

export function getRegionChildren(code: string): Promise<Region[]> {
  return apiGet<Region[]>(`/regions/${encodeURIComponent(code)}/children`);
}
