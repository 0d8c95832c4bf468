import type { CreateGroupBody, Region, UpdateGroupBody } from '../../../src/modules/regions/schema.ts';
import { apiDelete, apiGet, apiPost, apiPut } from '../api';

const enc = encodeURIComponent;

export function getRegion(code: string): Promise<Region> {
  return apiGet<Region>(`/regions/${enc(code)}`);
}

export function getRegionChildren(code: string): Promise<Region[]> {
  return apiGet<Region[]>(`/regions/${enc(code)}/children`);
}

/** Adds a 村民小组 / 小区 / 自治单元 under a village; the server picks the next free code. */
export function createGroup(villageCode: string, body: CreateGroupBody): Promise<Region> {
  return apiPost<Region>(`/regions/${enc(villageCode)}/groups`, body);
}

/** Renames a group or changes its kind (townships and villages keep their official names: 409). */
export function updateGroup(code: string, body: UpdateGroupBody): Promise<Region> {
  return apiPut<Region>(`/regions/${enc(code)}`, body);
}

/** 409 with a message naming what still points at the group (households, buildings, …). */
export function deleteGroup(code: string): Promise<void> {
  return apiDelete(`/regions/${enc(code)}`);
}
